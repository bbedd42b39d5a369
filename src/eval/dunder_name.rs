//! `__name__` of the callables and classes that are not in a class table:
//! a `def` function's name, `'<lambda>'`, a built-in function's or
//! class's name (`len.__name__`, `int.__name__`), and the class `type(x)`
//! gives (`type(dt).__name__` is `'datetime'`), and a bound method's
//! (`db.session.refresh.__name__` is `'refresh'`), as Python's
//! `function.__name__`, `method.__name__` and `type.__name__` answer.

use crate::eval::function::Function;
use crate::eval::objects::{BoundMethod, Lambda, Namespace, Native, Ns, TypeObj};
use crate::value::Value;

/// The `__name__` Python gives `v`, when `v` is a function or a class
/// ormsh makes without a class table of its own.
pub fn dunder_name(v: &Value) -> Option<String> {
    if let Some(f) = v.downcast::<Function>() {
        return Some(f.def.name.name.to_string());
    }
    if let Some(m) = v.downcast::<BoundMethod>() {
        return Some(m.name.to_string());
    }
    if v.is::<Lambda>() {
        return Some("<lambda>".into());
    }
    if let Some(n) = v.downcast::<Native>() {
        return Some(n.name.rsplit('.').next().unwrap_or(n.name).to_string());
    }
    if let Some(t) = v.downcast::<TypeObj>() {
        return Some(t.0.rsplit('.').next().unwrap_or(&t.0).to_string());
    }
    if let Some(ns) = v.downcast::<Namespace>() {
        return match ns.0 {
            Ns::Datetime => Some("datetime".into()),
            Ns::Date => Some("date".into()),
            Ns::Time => Some("time".into()),
            Ns::Timedelta => Some("timedelta".into()),
            Ns::Timezone => Some("timezone".into()),
            _ => None,
        };
    }
    None
}
