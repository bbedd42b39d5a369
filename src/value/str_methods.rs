//! Python's everyday `str` methods (STUB).

use std::rc::Rc;

use crate::error::Result;
use crate::value::Value;
use crate::value::repr::Host;

/// Call `s.name(*args, **kwargs)`; `None` when str has no such method.
pub fn call(
    s: &Rc<str>,
    name: &str,
    args: &[Value],
    kwargs: &[(Rc<str>, Value)],
    host: &mut dyn Host,
) -> Option<Result<Value>> {
    let _ = (args, kwargs, host);
    match name {
        "upper" => Some(Ok(Value::str(&s.to_uppercase()))),
        "lower" => Some(Ok(Value::str(&s.to_lowercase()))),
        _ => None,
    }
}

/// Every method name `call` knows, for "did you mean" and completion.
pub const METHODS: &[&str] = &["upper", "lower"];
