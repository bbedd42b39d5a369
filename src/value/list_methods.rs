//! Python's `list`, `tuple` and `dict` methods (STUB).

use std::rc::Rc;

use crate::error::Result;
use crate::value::Value;
use crate::value::repr::Host;

/// Call `recv.name(*args, **kwargs)` on a list, tuple or dict; `None` when
/// the receiver has no such method.
pub fn call(
    recv: &Value,
    name: &str,
    args: &[Value],
    kwargs: &[(Rc<str>, Value)],
    host: &mut dyn Host,
) -> Option<Result<Value>> {
    let _ = (kwargs, host);
    match (recv, name) {
        (Value::List(l), "append") => {
            l.borrow_mut()
                .push(args.first().cloned().unwrap_or(Value::None));
            Some(Ok(Value::None))
        }
        _ => None,
    }
}

/// Method names per receiver type, for "did you mean" and completion.
pub fn methods(recv: &Value) -> &'static [&'static str] {
    match recv {
        Value::List(_) => &["append"],
        _ => &[],
    }
}
