//! The class tables of plain Python classes and their objects
//! (`eval::pyclass`) and of enum members (`eval::pyenum`): a few
//! attributes every class or object has (`__name__`, `__class__`,
//! `__dict__`, an enum member's `name` and `value`), then the data's own
//! attributes, as Python finds them — an object's own, then its class's
//! (functions bound to it), then the bases'.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::pyclass::{PyClass, PyObject, bind_attr, dict_get};
use crate::eval::pyenum::EnumMember;
use crate::eval::surface::{Class, Member};
use crate::value::{Dict, Value};

type C = Rc<PyClass>;
type O = Rc<PyObject>;
type E = Rc<EnumMember>;

fn class_get(me: &mut Interp, c: &C, name: &str) -> Option<Result<Value>> {
    let v = c.lookup(name)?;
    Some(bind_attr(me, c, None, v))
}

fn class_names(_: &mut Interp, c: &C) -> Vec<Rc<str>> {
    c.names()
}

fn class_missing(_: &mut Interp, c: &C, name: &str, hint: &str) -> Error {
    Error::attr(format!(
        "type object '{}' has no attribute '{name}'{hint}",
        c.name
    ))
}

fn as_dict(items: Vec<(Rc<str>, Value)>) -> Value {
    let mut d = Dict::default();
    for (k, v) in items {
        d.insert_str(&k, v);
    }
    Value::Dict(Rc::new(std::cell::RefCell::new(d)))
}

/// A class made by a `class` statement (`type`; an enum class's is
/// `EnumType`).
pub static PY_CLASS: Class<C> = Class::new(
    "type",
    &[
        Member::attr(
            "__name__",
            |_, c: &C| Ok(Value::str(&c.name)),
            "the class's name",
        ),
        Member::attr(
            "__qualname__",
            |_, c: &C| Ok(Value::str(&c.name)),
            "the class's name",
        ),
        Member::attr(
            "__module__",
            |_, _| Ok(Value::str("__main__")),
            "the module it was defined in",
        ),
        Member::attr(
            "__doc__",
            |_, c: &C| Ok(c.doc.as_deref().map_or(Value::None, Value::str)),
            "the class's docstring",
        ),
        Member::attr(
            "__base__",
            |_, c: &C| {
                Ok(match (&c.base, c.enum_kind) {
                    (Some(b), _) => Value::Obj(b.clone()),
                    (None, _) => crate::eval::builtins::lookup("object").unwrap_or(Value::None),
                })
            },
            "the class it extends",
        ),
        Member::attr(
            "__members__",
            |_, c: &C| {
                let items = c
                    .dict
                    .borrow()
                    .iter()
                    .filter(|(_, v)| v.is::<EnumMember>())
                    .cloned()
                    .collect();
                Ok(as_dict(items))
            },
            "an enum class's members by name, aliases too",
        ),
    ],
)
.with_dynamic_first(class_get, class_names)
.with_missing(class_missing);

fn object_get(me: &mut Interp, o: &O, name: &str) -> Option<Result<Value>> {
    if let Some(v) = dict_get(&o.dict, name) {
        return Some(Ok(v));
    }
    let v = o.class.lookup(name)?;
    if v.downcast::<crate::eval::property_obj::Property>()
        .is_some_and(|p| matches!(p.fget, Value::None))
    {
        return Some(Err(Error::attr(format!(
            "property '{name}' of '{}' object has no getter",
            o.class.name
        ))));
    }
    Some(bind_attr(me, &o.class, Some(&Value::Obj(o.clone())), v))
}

fn object_names(_: &mut Interp, o: &O) -> Vec<Rc<str>> {
    let mut out: Vec<Rc<str>> = o.dict.borrow().iter().map(|(n, _)| n.clone()).collect();
    for n in o.class.names() {
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// An object of a plain class (`Point(1, 2)`).
pub static PY_OBJECT: Class<O> = Class::new(
    "object",
    &[
        Member::attr(
            "__class__",
            |_, o: &O| Ok(Value::Obj(o.class.clone())),
            "the object's class",
        ),
        Member::attr(
            "__dict__",
            |_, o: &O| Ok(as_dict(o.dict.borrow().clone())),
            "the object's own attributes",
        ),
    ],
)
.with_dynamic_first(object_get, object_names);

fn member_get(me: &mut Interp, m: &E, name: &str) -> Option<Result<Value>> {
    let class = m.class.upgrade()?;
    let Some(v) = class.lookup(name) else {
        // A member of `class C(str, Enum)` has the methods of `str`.
        let data = crate::value::Object::mixin_value(&**m)?;
        crate::eval::surface::class_of(data)?.describe(name)?;
        return Some(me.get_attr(data, &Rc::from(name)));
    };
    if v.is::<EnumMember>() {
        // Python 3.11 lets a member reach another member; ormsh does too.
        return Some(Ok(v));
    }
    let recv = Value::Obj(m.clone());
    Some(bind_attr(me, &class, Some(&recv), v))
}

fn member_names(_: &mut Interp, m: &E) -> Vec<Rc<str>> {
    m.class.upgrade().map_or_else(Vec::new, |c| {
        c.names()
            .into_iter()
            .filter(|n| !n.starts_with('_'))
            .collect()
    })
}

type S = Rc<crate::eval::pyclass_super::PySuper>;

/// `super()` in a plain class's method: its bases' attributes, bound.
pub static PY_SUPER: Class<S> = Class::new(
    "super",
    &[Member::attr(
        "__thisclass__",
        |_, s: &S| Ok(Value::Obj(s.class.clone())),
        "the class super() was asked from",
    )],
)
.with_dynamic(
    |me, s, name| crate::eval::pyclass_super::get(me, s, name),
    |_, s| s.class.base.as_ref().map_or_else(Vec::new, |b| b.names()),
);

/// A member of an enum class (`Status.ACTIVE`).
pub static ENUM_MEMBER: Class<E> = Class::new(
    "Enum",
    &[
        Member::attr(
            "name",
            |_, m: &E| Ok(Value::str(&m.name)),
            "the member's name",
        ),
        Member::attr(
            "value",
            |_, m: &E| Ok(m.value.clone()),
            "the member's value",
        ),
        Member::attr(
            "_name_",
            |_, m: &E| Ok(Value::str(&m.name)),
            "the member's name",
        ),
        Member::attr(
            "_value_",
            |_, m: &E| Ok(m.value.clone()),
            "the member's value",
        ),
        Member::attr(
            "__class__",
            |_, m: &E| {
                m.class
                    .upgrade()
                    .map(|c| Value::Obj(c))
                    .ok_or_else(|| Error::attr(format!("the class {} is gone", m.class_name)))
            },
            "the member's enum class",
        ),
    ],
)
.with_dynamic(member_get, member_names);
