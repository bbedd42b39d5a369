//! `super()` in a plain class's method (`eval::pyclass`): the attributes
//! of the classes after the method's own, bound to its `self` (or to the
//! class, in a `@classmethod`) — `super().__init__(name)` in a subclass's
//! `__init__`. A model's `super()` is `eval::model_init`'s.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::pyclass::{PyClass, bind_attr};
use crate::value::{Object, Value};

/// `super()` of a plain class: the class it was asked from and the object.
pub struct PySuper {
    pub class: Rc<PyClass>,
    pub obj: Value,
}

impl Object for PySuper {
    fn type_name(&self) -> &str {
        "super"
    }
    fn take_values(&mut self) -> Vec<Value> {
        vec![std::mem::replace(&mut self.obj, Value::None)]
    }
}

/// `super(class, obj)` when `class` is a plain class; None otherwise.
pub fn make(class: &Value, obj: &Value) -> Option<Result<Value>> {
    let class = class.downcast::<PyClass>()?;
    let fits = match crate::eval::pyclass_text::type_of(obj) {
        Some(t) => t
            .downcast::<PyClass>()
            .is_some_and(|t| t.is_subclass_of(&class)),
        None => obj
            .downcast::<PyClass>()
            .is_some_and(|c| c.is_subclass_of(&class)),
    };
    if !fits {
        return Some(Err(Error::type_(
            "super(type, obj): obj must be an instance or subtype of type",
        )));
    }
    Some(Ok(Value::obj(PySuper {
        class,
        obj: obj.clone(),
    })))
}

/// `super().name`: found in the bases, bound to the object.
pub fn get(me: &mut Interp, s: &PySuper, name: &str) -> Option<Result<Value>> {
    let found = (s.class.base.as_ref()).and_then(|b| b.lookup(name).map(|v| (b.clone(), v)));
    let Some((base, v)) = found else {
        return (name == "__init__").then(|| Ok(Interp::native("__init__", object_init)));
    };
    let recv = if s.obj.is::<PyClass>() {
        None
    } else {
        Some(&s.obj)
    };
    let start = s.obj.downcast::<PyClass>().unwrap_or_else(|| base.clone());
    Some(bind_attr(me, &start, recv, v))
}

/// `object.__init__`, which a class whose bases define no `__init__`
/// reaches through `super().__init__()`: it takes no arguments.
fn object_init(_: &mut Interp, a: crate::eval::args::Args) -> Result<Value> {
    if !a.pos.is_empty() || !a.kw.is_empty() {
        return Err(Error::type_(
            "object.__init__() takes exactly one argument (the instance to initialize)",
        ));
    }
    Ok(Value::None)
}
