//! A model's objects (`user`), whose attributes are mostly the model's
//! own: its columns (loaded again when expired), its relationships
//! (`eval::rel_ops::read_rel`) and what Python code set on the object —
//! these come first, as an instance's `__dict__` and its class's
//! descriptors come before what `db.Model` gives every model: `query`,
//! `__tablename__`, `__repr__()`. An object of a replaced model reads
//! only the values it holds (`orm::retire`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::model::MODEL;
use crate::eval::surface::{Class, Member, Sig, Surface};
use crate::orm::instance::Instance;
use crate::value::{PyStr, Value};

type I = Rc<Instance>;

/// A value Python code set on the object (`obj.note = 1`).
fn extra(inst: &Instance, name: &str) -> Option<Value> {
    inst.st.borrow().extra_attr(name).cloned()
}

/// The object's own attributes: a column, then (for an object of a
/// replaced model, only what it holds) a relationship, then a value set
/// on it.
fn own(me: &mut Interp, inst: &I, name: &str) -> Option<Result<Value>> {
    let retired = inst.model.is_retired();
    if let Some(i) = inst.model.column(name) {
        if retired
            && inst.is_expired()
            && let Err(e) = crate::orm::retire::check_object(inst)
        {
            return Some(Err(e));
        }
        return Some(me.column_value(inst, i));
    }
    if retired {
        if let Some(v) = extra(inst, name) {
            return Some(Ok(v));
        }
        if name == "__tablename__" {
            return Some(tablename(me, inst));
        }
        if let Some(e) = crate::orm::retire::retired_object(inst) {
            return Some(Err(Error {
                kind: ErrorKind::AttributeError,
                message: format!("cannot read '{name}': {}", e.message),
                ..e
            }));
        }
    }
    match me.rel_of(&inst.model.name, name) {
        Err(e) => return Some(Err(e)),
        Ok(Some(rel)) => return Some(me.read_rel(inst, &rel)),
        Ok(None) => {}
    }
    if let Some(r) = me.instance_method(inst, name) {
        return Some(r);
    }
    // The object's own value first, then the class's (`PER_PAGE = 2`).
    (extra(inst, name).or_else(|| inst.model.methods.class_attr(name))).map(Ok)
}

/// Columns, relationships and the values set on the object, for
/// suggestions and `dir(obj)`.
fn own_names(me: &mut Interp, inst: &I) -> Vec<Rc<str>> {
    let mut names: Vec<Rc<str>> = me
        .field_names(&inst.model)
        .into_iter()
        .map(Rc::from)
        .collect();
    names.extend(inst.st.borrow().extra_names().cloned());
    names.extend(inst.model.methods.names().cloned());
    names.extend(inst.model.methods.class_attr_names());
    names
}

fn missing(me: &mut Interp, inst: &I, name: &str, hint: &str) -> Error {
    let fields: Vec<String> = own_names(me, inst).iter().map(|n| n.to_string()).collect();
    let model = &inst.model.name;
    Error::attr(format!("'{model}' object has no attribute '{name}'{hint}"))
        .with_help(format!("{model}'s attributes are: {}", fields.join(", ")))
}

/// `obj.query`: the model's (`Model.query`).
fn query(me: &mut Interp, inst: &I) -> Result<Value> {
    let model = Value::Obj(inst.model.clone());
    MODEL.get(me, &model, &Rc::from("query"))
}

/// `obj.__table__`: the model's Table (`self.__table__.columns` in a
/// method, the `to_dict` idiom).
fn table(me: &mut Interp, inst: &I) -> Result<Value> {
    let model = Value::Obj(inst.model.clone());
    MODEL.get(me, &model, &Rc::from("__table__"))
}

fn tablename(_: &mut Interp, inst: &I) -> Result<Value> {
    Ok(Value::Str(PyStr::from(
        (inst.model.tablename_attr.as_deref()).unwrap_or(&inst.model.table),
    )))
}

/// `obj.__doc__`: its class's docstring, or None.
fn doc(_: &mut Interp, inst: &I) -> Result<Value> {
    Ok(inst
        .model
        .methods
        .class_attr("__doc__")
        .unwrap_or(Value::None))
}

/// `obj.__repr__()`: what printing the object shows.
fn repr(me: &mut Interp, inst: &I, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let text = me.repr_instance(inst)?;
    Ok(Value::Str(PyStr::from(text)))
}

/// What every model's objects have besides their own attributes (Python's
/// `db.Model`).
pub static INSTANCE: Class<I> = Class::new(
    "Model",
    &[
        Member::attr(
            "query",
            query,
            "a query of the object's model (Model.query)",
        ),
        Member::attr("__tablename__", tablename, "the name of the model's table"),
        Member::attr("__doc__", doc, "the class's docstring (None without one)"),
        Member::attr(
            "__table__",
            table,
            "the model's Table (its name, .c, .columns)",
        ),
        Member::attr(
            "__dict__",
            |me, inst: &I| crate::eval::instance_dict::instance_dict(me, inst),
            "the object's state and its loaded attributes",
        ),
        Member::method(
            "__repr__",
            repr,
            Sig::NONE,
            "the text printing the object shows",
        ),
    ],
)
.with_dynamic_first(own, own_names)
.with_missing(missing);
