//! `db.exists(...)` and the class table of what it makes, SQLAlchemy's
//! `Exists`: a condition (`~`, `&`, `|`, in `filter` or `query(...)`) with
//! `where` and `select_from` of its own.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::{COLUMN, Class, Member, Sig};
use crate::orm::alias::AliasedModel;
use crate::orm::exists::{exists_columns, exists_select_from, exists_where};
use crate::orm::expr::{ColumnElement, where_clause_of};
use crate::schema::model::Model;
use crate::sql::ast::FromItem;
use crate::value::Value;

type C = Rc<ColumnElement>;

/// `exists(*columns)` (`db.exists`, SQLAlchemy's `sql.exists`).
pub fn exists(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(0, usize::MAX)?;
    // `exists(select(...))`: EXISTS around that statement, as written.
    if let [v] = a.pos.as_slice()
        && let Some(q) = v.downcast::<crate::orm::query::Query>()
    {
        q.compilable().map_err(|e| e.at(a.span_of(0)))?;
        return crate::orm::exists::exists_of(q.to_select()).into_value();
    }
    let mut cols = Vec::new();
    for (i, v) in a.pos.iter().enumerate() {
        match v.downcast::<ColumnElement>() {
            Some(c) => cols.push((*c).clone()),
            None => {
                return Err(Error::new(
                    ErrorKind::ArgumentError,
                    format!("exists() takes columns, not {}", v.type_name()),
                )
                .at(a.span_of(i))
                .with_help("write db.exists().where(...), or db.exists(User.id)"));
            }
        }
    }
    exists_columns(&cols).into_value()
}

fn not_exists(e: &ColumnElement) -> Error {
    Error::attr(format!(
        "'{}' object has no attribute 'where'",
        crate::value::Object::type_name(e)
    ))
}

/// `exists.where(*criteria)`.
fn where_(_: &mut Interp, e: &C, a: Args) -> Result<Value> {
    let mut criteria = Vec::new();
    for (i, v) in a.pos.iter().enumerate() {
        let c = where_clause_of(v).map_err(|err| err.at(a.span_of(i)))?;
        let froms = v
            .downcast::<ColumnElement>()
            .map(|x| x.froms.clone())
            .unwrap_or_default();
        criteria.push((c, froms));
    }
    exists_where(e, &criteria)
        .ok_or_else(|| not_exists(e))?
        .into_value()
}

/// `exists.select_from(*models)`.
fn select_from(_: &mut Interp, e: &C, a: Args) -> Result<Value> {
    let mut items = Vec::new();
    for (i, v) in a.pos.iter().enumerate() {
        if let Some(m) = v.downcast::<Model>() {
            items.push(FromItem::Table {
                name: m.table.clone(),
                alias: None,
            });
        } else if let Some(al) = v.downcast::<AliasedModel>() {
            items.push(al.from.clone());
        } else {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                format!("select_from() takes a model, not {}", v.type_name()),
            )
            .at(a.span_of(i)));
        }
    }
    exists_select_from(e, items)
        .ok_or_else(|| not_exists(e))?
        .into_value()
}

fn correlate(_: &mut Interp, e: &C, a: Args) -> Result<Value> {
    super::query_correlate::exists_correlate(e, &a, false)
}

fn correlate_except(_: &mut Interp, e: &C, a: Args) -> Result<Value> {
    super::query_correlate::exists_correlate(e, &a, true)
}

/// An `Exists`'s members: its own, then a column expression's.
/// `exists.select()`: `SELECT EXISTS (…) AS anon_1`, a 2.0 select of it
/// (SQLAlchemy's `Exists.select`).
fn select(_: &mut Interp, e: &C, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let q = crate::orm::query::Query::new(vec![crate::orm::query::Entity::Expr(e.clone())], false);
    Ok(Value::obj(q))
}

pub static EXISTS: Class<C> = Class::new(
    "Exists",
    &[
        Member::method(
            "select",
            select,
            Sig::NONE,
            "SELECT EXISTS (…): a select() of it, for db.session.scalar()",
        ),
        Member::method(
            "where",
            where_,
            Sig::NONE,
            "the EXISTS with these conditions added",
        ),
        Member::method("filter", where_, Sig::NONE, "the same as where()"),
        Member::method(
            "select_from",
            select_from,
            Sig::NONE,
            "the EXISTS reading these models",
        ),
        Member::method(
            "correlate",
            correlate,
            Sig::NONE,
            "the EXISTS leaving out only these FROMs of the enclosing query",
        ),
        Member::method(
            "correlate_except",
            correlate_except,
            Sig::NONE,
            "the EXISTS leaving out every FROM of the enclosing query but these",
        ),
    ],
)
.with_base(&COLUMN);
