//! `property(fget, fset, fdel, doc)` called outside a class body: Python's
//! `property` object, with its `fget`/`fset`/`fdel`/`__doc__` and the
//! `getter`/`setter`/`deleter` methods that copy it with one function
//! changed. (In a class body, `name = property(...)` and `@property` make
//! the class's property: `property_call`, `methods`.)

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::{Class, Member, Sig};
use crate::value::{Object, Value};

/// A `property` object.
#[derive(Clone)]
pub struct Property {
    pub fget: Value,
    pub fset: Value,
    pub fdel: Value,
    pub doc: Value,
}

impl Object for Property {
    fn type_name(&self) -> &str {
        "property"
    }
}

/// `property(fget=None, fset=None, fdel=None, doc=None)`.
pub fn make(_: &mut Interp, mut a: Args) -> Result<Value> {
    const NAMES: [&str; 4] = ["fget", "fset", "fdel", "doc"];
    if a.pos.len() > 4 {
        return Err(Error::type_(format!(
            "property() takes at most 4 arguments ({} given)",
            a.pos.len()
        )));
    }
    let mut slots: Vec<Value> = vec![Value::None; 4];
    for (i, v) in std::mem::take(&mut a.pos).into_iter().enumerate() {
        slots[i] = v;
    }
    for (i, n) in NAMES.iter().enumerate() {
        if let Some(v) = a.take_kw(n) {
            slots[i] = v;
        }
    }
    if let Some((k, _, span)) = a.kw.first() {
        return Err(Error::type_(format!(
            "property() got an unexpected keyword argument '{k}'"
        ))
        .at(*span));
    }
    let mut it = slots.into_iter();
    let mut next = || it.next().unwrap_or(Value::None);
    Ok(Value::obj(Property {
        fget: next(),
        fset: next(),
        fdel: next(),
        doc: next(),
    }))
}

/// `<property object at 0x…>`, as CPython prints it.
pub fn repr_of(v: &Value) -> Option<String> {
    let p = v.downcast::<Property>()?;
    let at = Rc::as_ptr(&p) as *const () as usize;
    Some(format!("<property object at {at:#x}>"))
}

type P = Rc<Property>;

/// `p.getter(f)`, `p.setter(f)`, `p.deleter(f)`: a copy with `f` in.
fn with(p: &P, a: Args, which: usize) -> Result<Value> {
    a.count(1, 1)?;
    let mut q = (**p).clone();
    let f = a.pos[0].clone();
    match which {
        0 => q.fget = f,
        1 => q.fset = f,
        _ => q.fdel = f,
    }
    Ok(Value::obj(q))
}

/// Python's `property` type.
pub static PROPERTY: Class<P> = Class::new(
    "property",
    &[
        Member::attr("fget", |_, p: &P| Ok(p.fget.clone()), "the getter"),
        Member::attr("fset", |_, p: &P| Ok(p.fset.clone()), "the setter"),
        Member::attr("fdel", |_, p: &P| Ok(p.fdel.clone()), "the deleter"),
        Member::attr("__doc__", |_, p: &P| Ok(p.doc.clone()), "the docstring"),
        Member::method(
            "getter",
            |_, p: &P, a| with(p, a, 0),
            Sig::NONE,
            "a copy of the property with this getter",
        ),
        Member::method(
            "setter",
            |_, p: &P, a| with(p, a, 1),
            Sig::NONE,
            "a copy of the property with this setter",
        ),
        Member::method(
            "deleter",
            |_, p: &P, a| with(p, a, 2),
            Sig::NONE,
            "a copy of the property with this deleter",
        ),
    ],
);
