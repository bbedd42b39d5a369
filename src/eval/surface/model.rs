//! A model class (`User`): its columns (`User.name`, an
//! `InstrumentedAttribute`, `surface::column`) and relationships
//! (`User.posts`, `surface::relattr`) first, as a class's own attributes
//! come before its base's, then what `db.Model` gives every model:
//! `query`, `__tablename__`, `__name__`. A replaced model answers only its
//! names (`orm::retire`). Calling a model makes an object
//! (`Interp::construct`).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::rel_ops::RelAttr;
use crate::eval::surface::{Class, Member, QUERY, Returns};
use crate::orm::expr::ColumnElement;
use crate::orm::query::{Entity, Query};
use crate::schema::model::Model;
use crate::value::{PyStr, Value};

type M = Rc<Model>;

/// The model's own attributes: a column, then a relationship. Its names
/// answer even for a replaced model; anything else on one is refused.
fn own(me: &mut Interp, model: &M, name: &str) -> Option<Result<Value>> {
    if model.automap && matches!(name, "query" | "__tablename__" | "query_class") {
        // automap's base is not Flask-SQLAlchemy's `db.Model`.
        return Some(Err(crate::error::Error::attr(format!(
            "type object '{}' has no attribute '{name}'",
            model.name
        ))
        .with_help(if name == "__tablename__" {
            format!("{}.__table__.name is its table's name", model.name)
        } else {
            format!(
                "query it with db.session.query({0}) or db.select({0}): automap's classes are not db.Model",
                model.name
            )
        })));
    }
    if matches!(name, "__tablename__" | "__name__") {
        return None;
    }
    if let Err(e) = crate::orm::retire::check_model(model) {
        return Some(Err(e));
    }
    if let Some(i) = model.column(name) {
        return Some(ColumnElement::column(model, i).into_value());
    }
    if let Some(v) = model.methods.class_attr(name) {
        return Some(Ok(v));
    }
    // SQLAlchemy configures mappers lazily: what is not a relationship
    // (a method, `__table__`) is read without resolving the relationships,
    // which may name a class not defined yet. A query is about to run:
    // its mistakes in them are told at `Model.query`.
    if !model.rels.iter().any(|(n, _)| &**n == name) {
        if model.methods.get(name).is_some() {
            return me.model_method(model, name);
        }
        if name != "query" && MODEL.find(name).is_some() {
            return None;
        }
    }
    match me.rel_of(&model.name, name) {
        Err(e) => Some(Err(e)),
        Ok(Some(rel)) => Some(Ok(Value::obj(RelAttr(rel)))),
        Ok(None) => me.model_method(model, name),
    }
}

/// Columns and relationships, for suggestions and `dir(Model)`.
fn own_names(me: &mut Interp, model: &M) -> Vec<Rc<str>> {
    let mut names: Vec<Rc<str>> = me.field_names(model).into_iter().map(Rc::from).collect();
    names.extend(model.methods.names().cloned());
    names.extend(model.methods.class_attr_names());
    names
}

fn missing(_: &mut Interp, model: &M, name: &str, hint: &str) -> Error {
    if let Some(e) = super::refused::model(name) {
        return e;
    }
    Error::attr(format!(
        "type object '{}' has no attribute '{name}'{hint}",
        model.name
    ))
    .with_help(format!(
        "{}'s columns are: {}",
        model.name,
        model.field_names().join(", ")
    ))
}

/// `Model.query`: a legacy `Query` of the model (Flask-SQLAlchemy's
/// `Model.query`).
fn query(me: &mut Interp, model: &M) -> Result<Value> {
    me.refuse_when_declaring(|| format!("use {}.query", model.name))?;
    Ok(Value::obj(Query::new(
        vec![Entity::Model(model.clone())],
        true,
    )))
}

fn tablename(_: &mut Interp, model: &M) -> Result<Value> {
    Ok(Value::Str(PyStr::from(
        model.tablename_attr.as_deref().unwrap_or(&model.table),
    )))
}

/// `Model.__doc__`: the class body's docstring, or None.
fn doc(_: &mut Interp, model: &M) -> Result<Value> {
    Ok(model.methods.class_attr("__doc__").unwrap_or(Value::None))
}

/// `Model.__table__`: SQLAlchemy's `Table` of the model.
fn table(_: &mut Interp, model: &M) -> Result<Value> {
    crate::orm::retire::check_model(model)?;
    Ok(Value::obj(crate::schema::table::Table::of_model(model)))
}

/// `Model.__mapper__`: its `Mapper`, as `db.inspect(Model)` gives it.
fn mapper(_: &mut Interp, model: &M) -> Result<Value> {
    crate::orm::retire::check_model(model)?;
    Ok(Value::obj(crate::eval::surface::mapper::Mapper(
        model.clone(),
    )))
}

fn name(_: &mut Interp, model: &M) -> Result<Value> {
    Ok(Value::Str(PyStr::from(&model.name)))
}

/// What every model has besides its columns and relationships
/// (Flask-SQLAlchemy's `db.Model`; the type of a model is its metaclass,
/// `DefaultMeta`).
pub static MODEL: Class<M> = Class::new(
    "DefaultMeta",
    &[
        Member::attr("query", query, "a query of the model's objects"),
        Member::attr("__tablename__", tablename, "the name of the model's table"),
        Member::attr("__doc__", doc, "the class's docstring (None without one)"),
        Member::attr("__name__", name, "the model's name"),
        Member::attr(
            "__table__",
            table,
            "the model's Table (its name, .c, .columns)",
        ),
        Member::attr(
            "__mapper__",
            mapper,
            "the model's Mapper (db.inspect(Model))",
        ),
    ],
)
// What the members whose result has a fixed class give (read by Tab
// completion).
.with_results(&[("query", Returns::Class(&QUERY))])
.with_dynamic_first(own, own_names)
.with_missing(missing);
