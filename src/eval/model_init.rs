//! Making a model's object as SQLAlchemy's instrumented `__init__` does:
//! the object's state first, then the class's own `__init__` if its body
//! defines one (`def __init__(self, username, email): self.username = …`),
//! else the declarative constructor (`_declarative_constructor`: each
//! keyword set as an attribute, so property setters and `@validates` run;
//! a name the class lacks is a TypeError). `super()` in a model's method
//! reaches that constructor: `super().__init__(**kwargs)`.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::suggest::did_you_mean;
use crate::orm::instance::Instance;
use crate::schema::methods::MethodKind;
use crate::schema::model::Model;
use crate::value::{Object, Value};

/// What `super()` gives in a model's method: the object, seen from the
/// base class `db.Model` (SQLAlchemy's declarative base).
pub struct Super {
    /// The class `super()` was asked from.
    pub model: Rc<Model>,
    pub inst: Rc<Instance>,
}

impl Object for Super {
    fn type_name(&self) -> &str {
        "super"
    }
}

/// The name a method's frame binds to its class (Python's `__class__`
/// cell, which zero-argument `super()` reads).
pub const CLASS_CELL: &str = "__class__";

impl Interp {
    /// `Model(...)`: the object, made by the class's own `__init__` or the
    /// declarative constructor.
    pub(crate) fn construct_object(&mut self, model: &Rc<Model>, a: Args) -> Result<Value> {
        let init = (model.methods.get("__init__"))
            .filter(|m| m.kind == MethodKind::Method)
            .map(|m| m.func.clone());
        let Some(init) = init else {
            if let Some(span) = a.pos_spans.first() {
                return Err(positional_refused(model, *span));
            }
            let inst = self.session.new_instance(model.clone());
            self.declarative_constructor(&inst, a)?;
            return Ok(Value::Obj(inst));
        };
        let inst = self.session.new_instance(model.clone());
        let mut a = a;
        a.pos.insert(0, Value::Obj(inst.clone()));
        if !a.pos_spans.is_empty() {
            a.pos_spans.insert(0, a.span);
        }
        let f = init
            .downcast::<crate::eval::function::Function>()
            .expect("a function");
        // SQLAlchemy's instrumented __init__ drops what the class's returns.
        self.call_function(&f, a)?;
        Ok(Value::Obj(inst))
    }

    /// SQLAlchemy's `_declarative_constructor(self, **kwargs)`: every
    /// keyword the class has (a column, relationship, property or method)
    /// set as an attribute; any other is a TypeError.
    pub(crate) fn declarative_constructor(&mut self, inst: &Rc<Instance>, a: Args) -> Result<()> {
        let model = inst.model.clone();
        let recv = Value::Obj(inst.clone());
        for (k, v, span) in a.kw {
            let known = model.column(&k).is_some()
                || model.methods.get(&k).is_some()
                || self
                    .rel_of(&model.name, &k)
                    .map_err(|e| e.at(span))?
                    .is_some();
            if !known {
                let fields = self.field_names(&model);
                return Err(Error::type_(format!(
                    "'{k}' is an invalid keyword argument for {}{}",
                    model.name,
                    did_you_mean(&k, fields.iter().map(|s| s.as_str()))
                ))
                .with_help(format!("{} has: {}", model.name, fields.join(", ")))
                .at(span));
            }
            self.set_attr(&recv, &k, v).map_err(|e| e.at(span))?;
        }
        Ok(())
    }

    /// `super()` with no arguments, in a model's method: its class and its
    /// first argument; `super(Model, obj)` names them.
    pub(crate) fn make_super(&mut self, a: Args) -> Result<Value> {
        a.no_more_kw()?;
        let (class, obj) = match a.pos.as_slice() {
            [] => self.super_of_frame()?,
            [c, o] => (c.clone(), o.clone()),
            [_] => {
                return Err(Error::new(
                    ErrorKind::NotImplementedError,
                    "super(type) without an object is an unbound super object, which ormsh does not make",
                )
                .with_help("write super() or super(Model, self) in a model's method"));
            }
            _ => {
                return Err(Error::type_(format!(
                    "super() takes at most 2 arguments ({} given)",
                    a.pos.len()
                )));
            }
        };
        if let Some(plain) = crate::eval::pyclass_super::make(&class, &obj) {
            return plain;
        }
        let Some(model) = class.downcast::<Model>() else {
            return Err(Error::type_(format!(
                "super() argument 1 must be a type, not {}",
                class.type_name()
            )));
        };
        match obj.downcast::<Instance>() {
            Some(inst) if inst.model.name == model.name => Ok(Value::obj(Super { model, inst })),
            _ => Err(Error::type_(
                "super(type, obj): obj must be an instance or subtype of type",
            )),
        }
    }

    /// The class and first argument of the method running now.
    fn super_of_frame(&self) -> Result<(Value, Value)> {
        let frame = self.locals.last().map(|f| f.borrow().clone());
        let frame = frame.as_ref();
        let class = frame.and_then(|f| f.iter().find(|(n, _)| &**n == CLASS_CELL));
        match (frame, class) {
            (Some(f), Some((_, c))) => match f.first() {
                Some((n, v)) if &**n != CLASS_CELL => Ok((c.clone(), v.clone())),
                _ => Err(Error::new(ErrorKind::RuntimeError, "super(): no arguments")),
            },
            _ => Err(Error::new(ErrorKind::RuntimeError, "super(): __class__ cell not found").with_help(
                "super() with no arguments works in a model's method; elsewhere write super(Model, obj)",
            )),
        }
    }
}

/// `User('ann')` of a model without its own `__init__`.
fn positional_refused(model: &Model, span: crate::syntax::span::Span) -> Error {
    Error::type_(format!(
        "{}() takes keyword arguments only, like {}({}=…)",
        model.name,
        model.name,
        model
            .columns
            .iter()
            .find(|c| !c.primary_key)
            .map_or("id", |c| &*c.attr)
    ))
    .at(span)
}

/// `super().__init__(**kwargs)`: the declarative constructor on the object.
pub fn super_init(me: &mut Interp, s: &Rc<Super>, a: Args) -> Result<Value> {
    if !a.pos.is_empty() {
        return Err(Error::type_(format!(
            "_declarative_constructor() takes 1 positional argument but {} were given",
            a.pos.len() + 1
        )));
    }
    me.declarative_constructor(&s.inst, a)?;
    Ok(Value::None)
}

/// `super().__repr__()`: Flask-SQLAlchemy's `Model.__repr__`.
pub fn super_repr(me: &mut Interp, s: &Rc<Super>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::str(&me.default_repr(&s.inst)))
}
