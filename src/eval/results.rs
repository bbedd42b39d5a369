//! What `db.session.execute(...)` returns and its methods (`scalars all
//! first one scalar_one …`), and the Pagination's methods.

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::ResultSet;
use crate::orm::row::Row;
use crate::orm::unique::{Rule, Uniquer};
use crate::value::PyStr;
use crate::value::Value;

pub fn first_scalar(rows: &[Value]) -> Value {
    rows.first()
        .map_or(Value::None, |r| match r.downcast::<Row>() {
            Some(row) => row.values.first().cloned().unwrap_or(Value::None),
            None => r.clone(),
        })
}

pub fn result_method(me: &mut Interp, recv: &Value, name: &str, a: Args) -> Result<Value> {
    let rs = recv
        .downcast::<ResultSet>()
        .ok_or_else(|| Error::type_("not a result"))?;
    a.count(0, 1)?;
    let one = |items: Vec<Value>, or_none: bool| -> Result<Value> {
        match items.len() {
            0 if or_none => Ok(Value::None),
            0 => Err(Error::new(
                ErrorKind::NoResultFound,
                "No row was found when one was required",
            )),
            1 => Ok(items.into_iter().next().unwrap_or(Value::None)),
            _ => Err(multiple_rows(or_none)),
        }
    };
    let _ = me;
    match name {
        "scalars" => Ok(Value::obj(rs.scalars())),
        "unique" => Ok(Value::obj(ResultSet {
            needs_unique: false,
            rows: rs.rows.clone(),
            scalars: rs.scalars,
            unhashable: rs.unhashable.clone(),
            unique: true,
        })),
        "all" | "fetchall" => Ok(Value::list(take_rows(&rs)?)),
        // One row, taken without uniquing (SQLAlchemy's `first()`,
        // `scalar()`): the first row is the same either way.
        "first" => Ok(rs.rows.first().cloned().unwrap_or(Value::None)),
        "scalar" => Ok(first_scalar(&rs.rows)),
        "one" => one(take_rows(&rs)?, false),
        "one_or_none" => one(take_rows(&rs)?, true),
        "scalar_one" => one(unwrap_rows(take_rows(&rs)?), false),
        "scalar_one_or_none" => one(unwrap_rows(take_rows(&rs)?), true),
        "fetchone" => Ok(take_rows(&rs)?.into_iter().next().unwrap_or(Value::None)),
        "keys" => Ok(Value::list(
            match rs.rows.first().and_then(|r| r.downcast::<Row>()) {
                Some(r) => r
                    .keys
                    .iter()
                    .map(|k| Value::Str(PyStr::from(&**k)))
                    .collect(),
                None => vec![],
            },
        )),
        _ => Err(Error::attr(format!(
            "'{}' object has no attribute '{name}'",
            rs.type_name_str()
        ))),
    }
}

/// SQLAlchemy's `MultipleResultsFound`, worded for `one()` or
/// `one_or_none()`.
pub fn multiple_rows(or_none: bool) -> Error {
    Error::new(
        ErrorKind::MultipleResultsFound,
        if or_none {
            "Multiple rows were found when one or none was required"
        } else {
            "Multiple rows were found when exactly one was required"
        },
    )
}

/// The rows `all`, `one`, `fetchone`, iteration (…) take from a result,
/// through the result's unique filter as SQLAlchemy runs it on each row
/// taken: after `.unique()`, each row once (objects by identity, values by
/// hash; a JSON column is an error); with joined eager loads of a
/// collection and no `.unique()`, SQLAlchemy's `require_unique` error — so
/// an empty result passes.
pub fn take_rows(rs: &ResultSet) -> Result<Vec<Value>> {
    if rs.rows.is_empty() {
        return Ok(Vec::new());
    }
    if rs.needs_unique {
        return Err(Error::new(
            ErrorKind::InvalidRequestError,
            "The unique() method must be invoked on this Result, as it contains results that include joined eager loads against collections",
        )
        .with_help("call .unique() on the result first: db.session.scalars(stmt).unique().all()"));
    }
    if !rs.unique {
        return Ok(rs.rows.clone());
    }
    let mut unique = Uniquer::new(Rule::Result, rs.unhashable.clone());
    let mut kept = Vec::with_capacity(rs.rows.len());
    for v in &rs.rows {
        let repeat = match v.downcast::<Row>() {
            Some(row) => unique.repeats_row(&row.values)?,
            None => unique.repeats_row(std::slice::from_ref(v))?,
        };
        if !repeat {
            kept.push(v.clone());
        }
    }
    Ok(kept)
}

impl ResultSet {
    fn type_name_str(&self) -> &'static str {
        if self.scalars {
            "ScalarResult"
        } else {
            "Result"
        }
    }
}

/// Each row's first value (what `.scalars()` yields).
pub fn unwrap_rows(rows: Vec<Value>) -> Vec<Value> {
    rows.into_iter()
        .map(|r| match r.downcast::<Row>() {
            Some(row) => row.values.first().cloned().unwrap_or(Value::None),
            None => r,
        })
        .collect()
}
