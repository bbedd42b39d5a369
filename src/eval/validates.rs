//! SQLAlchemy's `@validates('name', …)` (`sqlalchemy.orm.validates`): a
//! model method called as `method(self, key, value)` whenever a named
//! column is set — by assignment, the declarative constructor or the
//! class's own `__init__` — whose return value is what is stored; raising
//! refuses the set. A name that is no column of the model is ignored, as
//! SQLAlchemy ignores it; a relationship's validator is refused when the
//! relationship is set (ormsh runs validators on columns only).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::orm::instance::Instance;
use crate::schema::methods::Validator;
use crate::value::{Object, Value};

/// What `validates('email')` gives: the decorator that marks a method.
pub struct Validates {
    pub names: Vec<Rc<str>>,
    /// `include_removes=True`: the method takes a fourth argument,
    /// `is_remove` (False for a set).
    pub include_removes: bool,
}

impl Object for Validates {
    fn type_name(&self) -> &str {
        "function"
    }
}

/// `validates(*names, include_removes=False, include_backrefs=True)`.
pub fn validates(_: &mut Interp, mut a: Args) -> Result<Value> {
    let include_removes = a.take_kw("include_removes").is_some_and(|v| v.truthy());
    // Backref-initiated events reach relationships only, which ormsh does
    // not validate.
    a.take_kw("include_backrefs");
    a.no_more_kw()?;
    let mut names = Vec::with_capacity(a.pos.len());
    for (i, v) in a.pos.iter().enumerate() {
        match v {
            Value::Str(s) => names.push(Rc::from(s.as_str())),
            other => {
                let mut e = Error::type_(format!(
                    "validates() takes attribute names as strings, not {}",
                    other.type_name()
                ));
                if let Some(span) = a.pos_spans.get(i) {
                    e = e.at(*span);
                }
                return Err(e);
            }
        }
    }
    Ok(Value::obj(Validates {
        names,
        include_removes,
    }))
}

/// `validates('a')(f)`: the function, marked (Python sets
/// `__sa_validators__` on it; the class body reads the decorator).
pub fn apply(_: &Validates, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    Ok(a.pos[0].clone())
}

impl Interp {
    /// The value to store in column `key` of `inst`: `v` through the
    /// model's validator for it, if it has one.
    pub(crate) fn validate_column(
        &mut self,
        inst: &Rc<Instance>,
        key: &str,
        v: Value,
    ) -> Result<Value> {
        let Some(val) = inst.model.methods.validator(key).cloned() else {
            return Ok(v);
        };
        let Some(m) = inst.model.methods.get(&val.method) else {
            return Ok(v);
        };
        let func = m.func.clone();
        let mut pos = vec![Value::Obj(inst.clone()), Value::str(key), v];
        if val.include_removes {
            pos.push(Value::Bool(false));
        }
        let f = func
            .downcast::<crate::eval::function::Function>()
            .expect("a function");
        self.call_function(&f, Args::new(&val.method, pos))
    }

    /// Setting relationship `key`: refused when the model has a validator
    /// for it.
    pub(crate) fn refuse_rel_validator(&self, inst: &Instance, key: &str) -> Result<()> {
        match inst.model.methods.validator(key) {
            None => Ok(()),
            Some(v) => Err(Error::new(
                ErrorKind::NotImplementedError,
                format!(
                    "{}.{}() validates the relationship '{key}': ormsh runs @validates on columns only",
                    inst.model.name, v.method
                ),
            )
            .with_help("validate the related object's columns, or check the value before setting it")),
        }
    }
}

/// The validators a method's `@validates(...)` gives, checked against the
/// ones the class has (SQLAlchemy allows one per attribute).
pub fn register(
    out: &mut Vec<Validator>,
    model: &str,
    table: &str,
    method: &Rc<str>,
    v: &Validates,
) -> Result<()> {
    for n in &v.names {
        if out.iter().any(|have| have.attr == *n) {
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                format!(
                    "A validation function for mapped attribute '{n}' on mapper Mapper[{model}({table})] already exists."
                ),
            ));
        }
        out.push(Validator {
            attr: n.clone(),
            method: method.clone(),
            include_removes: v.include_removes,
        });
    }
    Ok(())
}
