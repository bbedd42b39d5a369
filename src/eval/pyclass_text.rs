//! What plain classes, their objects and enum members show and answer
//! outside their own attributes (`eval::pyclass`, `eval::pyenum`):
//! `repr()` and `str()` (a class's own `__repr__`/`__str__` called),
//! `type()`, `isinstance`/`issubclass`, and Flask's
//! `Config.from_object(obj)`, which reads a class's upper-case attributes.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::pyclass::{Descriptor, PyClass, PyObject, bind_attr, class_repr};
use crate::value::{Object, Value};

/// Call the special method `name` (`__repr__`, `__str__`) a plain
/// object's class defines, for its text.
fn special(me: &mut Interp, o: &Rc<PyObject>, name: &str) -> Option<Result<String>> {
    let f = o.class.lookup(name)?;
    let recv = Value::Obj(o.clone());
    Some((|| {
        let bound = bind_attr(me, &o.class, Some(&recv), f)?;
        match &me.call(&bound, Args::new(name, Vec::new()))? {
            Value::Str(s) => Ok(s.to_string()),
            other => Err(Error::type_(format!(
                "{name} returned non-string (type {})",
                other.type_name()
            ))),
        }
    })())
}

/// `repr()` of a class, a plain object or an enum member; None for
/// any other value.
pub fn repr_of(me: &mut Interp, v: &Value) -> Result<Option<String>> {
    if let Some(c) = v.downcast::<PyClass>() {
        return Ok(Some(class_repr(&c)));
    }
    if v.is::<crate::eval::model_base::ModelBase>() {
        return Ok(Some(crate::eval::model_base::REPR.into()));
    }
    if let Some(m) = v.downcast::<crate::eval::pyenum::EnumMember>() {
        if let Some(class) = m.class.upgrade()
            && class
                .lookup("__repr__")
                .is_some_and(|f| f.is::<crate::eval::function::Function>())
        {
            let f = class.lookup("__repr__").unwrap_or(Value::None);
            let bound = bind_attr(me, &class, Some(v), f)?;
            return me
                .call(&bound, Args::new("__repr__", Vec::new()))
                .map(|r| Some(r_text(&r)));
        }
        return crate::eval::pyenum::member_repr(me, &m).map(Some);
    }
    if let Some(o) = v.downcast::<PyObject>() {
        if let Some(text) = special(me, &o, "__repr__") {
            return text.map(Some);
        }
        let at = Rc::as_ptr(&o) as *const () as usize;
        return Ok(Some(format!(
            "<__main__.{} object at {at:#x}>",
            o.class.name
        )));
    }
    if let Some(d) = v.downcast::<Descriptor>() {
        return Ok(Some(format!("<{} object>", d.type_name())));
    }
    if v.is::<crate::eval::pyenum::Auto>() {
        return Ok(Some("auto(_auto_null)".into()));
    }
    Ok(None)
}

fn r_text(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        _ => String::new(),
    }
}

/// `str()` of a plain object with `__str__` (else its repr) or an enum
/// member; None for any other value.
pub fn str_of(me: &mut Interp, v: &Value) -> Result<Option<String>> {
    if let Some(o) = v.downcast::<PyObject>() {
        if let Some(text) = special(me, &o, "__str__") {
            return text.map(Some);
        }
        return repr_of(me, v);
    }
    if let Some(m) = v.downcast::<crate::eval::pyenum::EnumMember>() {
        if let Some(class) = m.class.upgrade()
            && let Some(f) = class.lookup("__str__")
            && f.is::<crate::eval::function::Function>()
        {
            let bound = bind_attr(me, &class, Some(v), f)?;
            return me
                .call(&bound, Args::new("__str__", Vec::new()))
                .map(|r| Some(r_text(&r)));
        }
        return crate::eval::pyenum::member_str(me, &m).map(Some);
    }
    Ok(None)
}

/// `type(v)` of a plain object or enum member: its class.
pub fn type_of(v: &Value) -> Option<Value> {
    if let Some(o) = v.downcast::<PyObject>() {
        return Some(Value::Obj(o.class.clone()));
    }
    if let Some(m) = v.downcast::<crate::eval::pyenum::EnumMember>() {
        return m.class.upgrade().map(|c| Value::Obj(c) as Value);
    }
    None
}

/// `isinstance(v, c)` where `c` is a plain class (None when it is not).
pub fn isinstance(v: &Value, c: &Value) -> Option<bool> {
    let want = c.downcast::<PyClass>()?;
    // A model's object is an instance of the model's mixins.
    if let Some(inst) = v.downcast::<crate::orm::instance::Instance>() {
        return Some(inst.model.methods.mixin_classes.iter().any(|m| {
            m.downcast::<PyClass>()
                .is_some_and(|m| m.is_subclass_of(&want))
        }));
    }
    let have = match type_of(v) {
        Some(t) => t.downcast::<PyClass>(),
        None => None,
    };
    Some(have.is_some_and(|h| h.is_subclass_of(&want)))
}

/// `issubclass(sub, c)` where either is a plain class (None otherwise).
pub fn issubclass(sub: &Value, c: &Value) -> Option<bool> {
    let (s, w) = (sub.downcast::<PyClass>(), c.downcast::<PyClass>());
    match (s, w) {
        (Some(s), Some(w)) => Some(s.is_subclass_of(&w)),
        (Some(_), None) | (None, Some(_)) => Some(false),
        (None, None) => None,
    }
}

/// Python's `str.isupper()`: some cased letter, none lower-case.
fn is_upper(s: &str) -> bool {
    s.chars().any(|c| c.is_uppercase()) && !s.chars().any(|c| c.is_lowercase())
}

/// Flask's `Config.from_object(obj)`: the upper-case attributes of a
/// class (its bases' too) or of an object, in `dir()`'s sorted order.
/// A dotted name (Flask's `import_string`) is refused: ormsh imports no
/// modules of the person's own.
pub fn upper_attrs(me: &mut Interp, obj: &Value) -> Result<Vec<(Rc<str>, Value)>> {
    let names: Vec<Rc<str>> = if let Some(c) = obj.downcast::<PyClass>() {
        c.names()
    } else if let Some(o) = obj.downcast::<PyObject>() {
        let mut n: Vec<Rc<str>> = o.dict.borrow().iter().map(|(k, _)| k.clone()).collect();
        n.extend(o.class.names());
        n
    } else if let Value::Str(s) = obj {
        return Err(Error::new(
            crate::error::ErrorKind::NotImplementedError,
            format!("app.config.from_object('{s}') is not supported by ormsh: it imports no module of your own by name"),
        )
        .with_help("define the class in this session and pass it: app.config.from_object(Config)"));
    } else {
        return Err(Error::new(
            crate::error::ErrorKind::NotImplementedError,
            format!(
                "app.config.from_object() of a {} is not supported by ormsh",
                obj.type_name()
            ),
        )
        .with_help("pass a class: class Config: SQLALCHEMY_DATABASE_URI = '…', then app.config.from_object(Config)"));
    };
    let mut names: Vec<Rc<str>> = names.into_iter().filter(|n| is_upper(n)).collect();
    names.sort();
    names.dedup();
    let mut out = Vec::with_capacity(names.len());
    for n in names {
        let v = me.get_attr(obj, &n)?;
        out.push((n, v));
    }
    Ok(out)
}
