//! What a mapped column attribute (`User.name`, SQLAlchemy's
//! `InstrumentedAttribute`) tells of its mapping: `.expression` (the
//! table's `Column` it maps, as `User.__table__.c.name`) and `.property`
//! (its `ColumnProperty`: `.key`, `.columns`, `.expression`), and the
//! column's `.comment` and `.info` as `db.Column` was given them.

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::orm::expr::ColumnElement;
use crate::schema::model::Model;
use crate::value::{Object, Value};

/// SQLAlchemy's `ColumnProperty` of a mapped column.
pub struct ColumnProp {
    pub model: Rc<Model>,
    pub index: usize,
}

impl Object for ColumnProp {
    fn type_name(&self) -> &str {
        "ColumnProperty"
    }
}

/// The model and column index of a plain mapped column attribute read
/// from its model (not through an alias, not a `column_property`).
fn mapped(c: &ColumnElement) -> Option<(&Rc<Model>, usize)> {
    let (model, i) = c.column.as_ref()?;
    let plain = c.entity.is_none() && c.hybrid.is_none() && c.prop_of.is_none();
    (plain && model.columns.get(*i)?.expression.is_none()).then_some((model, *i))
}

/// The table's column a mapped column maps, annotated with its entity
/// as `User.name.expression` gives it (SQLAlchemy's `AnnotatedColumn`,
/// carrying the ORM plugin: a select of it runs ORM-enabled).
fn table_column(model: &Model, i: usize) -> ColumnElement {
    let col = &model.columns[i];
    let mut c = ColumnElement::local_column(
        model.table.clone(),
        col.name.clone(),
        col.ty.clone(),
        col.name.clone(),
    );
    c.orm = true;
    c
}

/// `User.name.expression`, `.property`, `.info`, `.comment`; `None` for
/// another name or an attribute that is no plain mapped column.
pub(super) fn attribute(c: &ColumnElement, name: &str) -> Option<Result<Value>> {
    let (model, i) = mapped(c)?;
    Some(match name {
        "expression" => table_column(model, i).into_value(),
        "property" => Ok(Value::obj(ColumnProp {
            model: model.clone(),
            index: i,
        })),
        // `Column.comment`, `Column.info` (the column's own dict).
        "comment" => Ok(model.columns[i]
            .comment
            .as_ref()
            .map_or(Value::None, |c| Value::str(c))),
        "info" => Ok(model.columns[i]
            .info
            .clone()
            .unwrap_or_else(|| Value::Dict(Default::default()))),
        _ => return None,
    })
}

/// The names [`attribute`] answers.
pub(super) const NAMES: [&str; 4] = ["expression", "property", "info", "comment"];

/// Whether [`attribute`] answers for this expression.
pub(super) fn has_attributes(c: &ColumnElement) -> bool {
    mapped(c).is_some()
}

/// `repr(prop)`: `<ColumnProperty at 0x…; name>`, as SQLAlchemy's.
pub(crate) fn repr_of(v: &Value) -> Option<String> {
    let p = v.downcast::<ColumnProp>()?;
    let at = Rc::as_ptr(&p) as *const () as usize;
    Some(format!(
        "<ColumnProperty at {at:#x}; {}>",
        p.model.columns[p.index].attr
    ))
}

type P = Rc<ColumnProp>;

fn key(_: &mut Interp, p: &P) -> Result<Value> {
    Ok(Value::str(&p.model.columns[p.index].attr))
}

fn columns(_: &mut Interp, p: &P) -> Result<Value> {
    Ok(Value::list(vec![
        table_column(&p.model, p.index).into_value()?,
    ]))
}

fn expression(_: &mut Interp, p: &P) -> Result<Value> {
    table_column(&p.model, p.index).into_value()
}

/// A `ColumnProperty`'s members.
pub static COLUMN_PROPERTY: super::Class<P> = super::Class::new(
    "ColumnProperty",
    &[
        super::Member::attr("key", key, "the attribute's name"),
        super::Member::attr("columns", columns, "the table's columns it maps, in a list"),
        super::Member::attr("expression", expression, "the table's column it maps"),
    ],
);
