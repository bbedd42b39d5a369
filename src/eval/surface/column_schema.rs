//! What a column expression tells of the schema column it is:
//! `.type`, `.key`/`.name`, `.table`, and the `Column` flags
//! (`primary_key`, `nullable`, `computed`, `foreign_keys`) there for a
//! column only (SQLAlchemy's `Column` attributes; others have none).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::orm::expr::ColumnElement;
use crate::sql::ast::SqlExpr;
use crate::value::Value;

type C = Rc<ColumnElement>;

/// `expr.type`: SQLAlchemy's `ColumnElement.type`.
pub(super) fn column_type(me: &mut Interp, c: &C) -> Result<Value> {
    crate::eval::schema_repr::column_type(me, c)
}

/// `column.primary_key`, `column.nullable`: SQLAlchemy's `Column` flags,
/// there for an expression that is a column (others have no such
/// attribute, as in SQLAlchemy).
pub(super) fn column_flag(me: &mut Interp, c: &C, name: &str) -> Option<Result<Value>> {
    if name == "table" {
        return table(me, c);
    }
    if let Some(v) = super::column_prop::attribute(c, name) {
        return Some(v);
    }
    crate::eval::schema_repr::column_flag(me, c, name).map(Ok)
}

/// The flags `column_flag` gives, when the expression is a column.
pub(super) fn column_flag_names(me: &mut Interp, c: &C) -> Vec<Rc<str>> {
    let mut names = match crate::eval::schema_repr::column_flag(me, c, "primary_key") {
        Some(_) => vec![
            Rc::from("primary_key"),
            Rc::from("nullable"),
            Rc::from("computed"),
            Rc::from("foreign_keys"),
        ]
        .into_iter()
        .chain(crate::eval::column_attrs::NAMES.map(Rc::from))
        .collect(),
        None => Vec::new(),
    };
    if c.column.is_some() {
        names.push(Rc::from("table"));
    }
    if super::column_prop::has_attributes(c) {
        names.extend(super::column_prop::NAMES.map(Rc::from));
    }
    names
}

/// `.key`: SQLAlchemy's `ColumnElement.key` — the attribute's, column's
/// or label's name, None for an expression without one
/// (`orm::expr_names::key`).
pub(super) fn key(_: &mut Interp, c: &C) -> Result<Value> {
    Ok(crate::orm::expr_names::key(c).map_or(Value::None, |k| Value::Str(k.into())))
}

/// `.name`: the column's name in SQL (not the attribute's), a label's or a
/// function's; an expression without one has no such attribute, as in
/// SQLAlchemy (`orm::expr_names::name`).
pub(super) fn name(_: &mut Interp, c: &C) -> Result<Value> {
    match crate::orm::expr_names::name(c) {
        Some(n) => Ok(Value::Str(n.into())),
        None => Err(Error::attr(format!(
            "Neither '{}' object nor 'Comparator' object has an attribute 'name'",
            crate::orm::expr_names::element_class(c)
        ))),
    }
}

/// `Model.attr.table`: the mapped column's `Table` (SQLAlchemy's
/// `Column.table`); an expression has none (`None`: Python's
/// AttributeError).
pub(super) fn table(me: &mut Interp, c: &C) -> Option<Result<Value>> {
    match (&c.column, &c.expr) {
        (Some((model, _)), _) => Some(Ok(Value::obj(crate::schema::table::Table::of_model(model)))),
        // A table's own column (`User.__table__.c.id`): that table.
        (None, SqlExpr::Column { table: Some(t), .. })
            if let Some(table) = crate::eval::schema_repr::lookup_table(me, t) =>
        {
            Some(Ok(Value::Obj(table)))
        }
        (None, SqlExpr::Column { .. }) => Some(Err(Error::new(
            crate::error::ErrorKind::NotImplementedError,
            "col.table is supported on a model's or a table's column, \
             not on a subquery's or an alias's",
        ))),
        _ => None,
    }
}
