//! The class table of `super()` in a model's method: `__init__` is the
//! declarative constructor (`super().__init__(**kwargs)`), `__repr__`
//! Flask-SQLAlchemy's `Model.__repr__`.

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::model_init::{Super, super_init, super_repr};
use crate::eval::surface::{Class, Member, Sig};
use crate::value::Value;

type S = Rc<Super>;

/// Any keyword: the constructor checks each against the class.
const INIT_SIG: Sig = Sig {
    kw: &[],
    ignored: &[],
    any_kw: true,
};

fn this_class(_: &mut Interp, s: &S) -> Result<Value> {
    Ok(Value::Obj(s.model.clone()))
}

fn self_(_: &mut Interp, s: &S) -> Result<Value> {
    Ok(Value::Obj(s.inst.clone()))
}

/// `super()` (Python's `super`, over SQLAlchemy's declarative base).
pub static SUPER: Class<S> = Class::new(
    "super",
    &[
        Member::method(
            "__init__",
            super_init,
            INIT_SIG,
            "SQLAlchemy's declarative constructor: each keyword set as an attribute",
        ),
        Member::method(
            "__repr__",
            super_repr,
            Sig::NONE,
            "Flask-SQLAlchemy's Model.__repr__: <User 1>",
        ),
        Member::attr(
            "__thisclass__",
            this_class,
            "the class super() was asked from",
        ),
        Member::attr("__self__", self_, "the object"),
    ],
);
