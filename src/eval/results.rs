//! Taking rows from what `db.session.execute(...)` returns: uniquing as
//! SQLAlchemy does, one-row checks, scalars (the methods themselves are in
//! `eval::surface::result`).

use crate::error::{Error, ErrorKind, Result};
use crate::eval::objects::ResultSet;
use crate::orm::row::Row;
use crate::orm::unique::{Rule, Uniquer};
use crate::value::Value;

pub fn first_scalar(rows: &[Value]) -> Value {
    rows.first()
        .map_or(Value::None, |r| match r.downcast::<Row>() {
            Some(row) => row.values.first().cloned().unwrap_or(Value::None),
            None => r.clone(),
        })
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

/// Each row's first value (what `.scalars()` yields).
pub fn unwrap_rows(rows: Vec<Value>) -> Vec<Value> {
    rows.into_iter()
        .map(|r| match r.downcast::<Row>() {
            Some(row) => row.values.first().cloned().unwrap_or(Value::None),
            None => r,
        })
        .collect()
}
