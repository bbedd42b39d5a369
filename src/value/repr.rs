//! Python's `repr()` and `str()` of plain values (STUB: being written).

use std::rc::Rc;

use crate::error::Result;
use crate::value::{Object, Value};

/// What `value` asks of the layer above: how to show and call its objects.
pub trait Host {
    /// Append the repr of an object `value` cannot see into.
    fn repr_obj(&mut self, obj: &Rc<dyn Object>, out: &mut String) -> Result<()>;
    /// Call a callable value (a `key=` function, a lambda…).
    fn call(&mut self, f: &Value, args: Vec<Value>) -> Result<Value>;
}

pub fn repr(v: &Value, host: &mut dyn Host) -> Result<String> {
    let mut out = String::new();
    repr_into(v, &mut out, host)?;
    Ok(out)
}

pub fn repr_into(v: &Value, out: &mut String, host: &mut dyn Host) -> Result<()> {
    match v {
        Value::None => out.push_str("None"),
        Value::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => out.push_str(&float_repr(*f)),
        Value::Str(s) => out.push_str(&str_repr(s)),
        Value::List(l) => {
            out.push('[');
            for (i, x) in l.borrow().iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                repr_into(x, out, host)?;
            }
            out.push(']');
        }
        Value::Obj(o) => host.repr_obj(o, out)?,
        _ => out.push_str("<value>"),
    }
    Ok(())
}

/// Python `str()`.
pub fn str_of(v: &Value, host: &mut dyn Host) -> Result<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        _ => repr(v, host),
    }
}

pub fn float_repr(f: f64) -> String {
    format!("{f:?}")
}

pub fn str_repr(s: &str) -> String {
    format!("'{s}'")
}
