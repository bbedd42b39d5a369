//! A built-in type's method read from the type (`str.lower`,
//! `list.append`, `dict.get`): Python's `method_descriptor`, called with
//! the receiver first (`map(str.lower, names)`, `sorted(xs,
//! key=str.lower)`, `str.lower('ABC')`).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::value::{Object, Value};

/// `str.lower`: the method `name` of the built-in type `class`.
pub struct MethodDescriptor {
    pub class: &'static str,
    pub name: Rc<str>,
}

impl Object for MethodDescriptor {
    fn type_name(&self) -> &str {
        "method_descriptor"
    }
}

/// A value of the built-in type `class`, whose class table lists its
/// methods; None for a type ormsh reads no methods from.
fn sample(class: &str) -> Option<Value> {
    Some(match class {
        "str" => Value::str(""),
        "list" => Value::list(Vec::new()),
        "tuple" => Value::tuple(Vec::new()),
        "dict" => Value::Dict(Rc::default()),
        _ => return None,
    })
}

/// `str.NAME` (the built-in type `class`'s method `name`), or None when
/// the type has no such method. Class and static methods (`dict.fromkeys`,
/// `str.maketrans`, `bytes.fromhex`) are the type's own, not these.
pub fn lookup(class: &'static str, name: &Rc<str>) -> Option<Value> {
    if matches!(&**name, "fromkeys" | "maketrans" | "fromhex") || name.starts_with("__") {
        return None;
    }
    let table = crate::eval::surface::class_of(&sample(class)?)?;
    match table.describe(name) {
        Some((true, _)) => Some(Value::obj(MethodDescriptor {
            class,
            name: name.clone(),
        })),
        _ => None,
    }
}

/// Is `v` a `class` (the receiver a descriptor of that type applies to)?
fn is_instance(class: &str, v: &Value) -> bool {
    matches!(
        (class, v),
        ("str", Value::Str(_))
            | ("list", Value::List(_))
            | ("tuple", Value::Tuple(_))
            | ("dict", Value::Dict(_))
    )
}

/// `str.lower(s, …)`: the method of the first argument, given the rest.
pub fn call(me: &mut Interp, m: &MethodDescriptor, mut a: Args) -> Result<Value> {
    if a.pos.is_empty() {
        return Err(Error::type_(format!(
            "unbound method {}.{}() needs an argument",
            m.class, m.name
        )));
    }
    let recv = a.pos.remove(0);
    if !a.pos_spans.is_empty() {
        a.pos_spans.remove(0);
    }
    if !is_instance(m.class, &recv) {
        return Err(Error::type_(format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            m.name,
            m.class,
            recv.type_name()
        )));
    }
    me.call_method(&recv, &m.name, a)
}

/// Its repr: `<method 'lower' of 'str' objects>`.
pub fn repr(m: &MethodDescriptor) -> String {
    format!("<method '{}' of '{}' objects>", m.name, m.class)
}
