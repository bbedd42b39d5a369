//! Taking rows from what `db.session.execute(...)` returns: uniquing as
//! SQLAlchemy does, one-row checks, scalars (the methods themselves are in
//! `eval::surface::result`).

use crate::error::{Error, ErrorKind, Result};
use crate::eval::objects::{CLOSED, ResultSet};
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
/// an empty result passes. Every row not yet taken is taken.
pub fn take_rows(rs: &ResultSet) -> Result<Vec<Value>> {
    take_some(rs, usize::MAX)
}

/// At most `n` of the rows not yet taken (`fetchmany`, `fetchone`), the
/// cursor moved past them; as dicts after `.mappings()`. A closed result
/// is SQLAlchemy's `ResourceClosedError`.
pub fn take_some(rs: &ResultSet, n: usize) -> Result<Vec<Value>> {
    take(rs, n, true)
}

/// The first row not yet taken (None when there is none), and the result
/// closed: `first()`, `scalar()`. SQLAlchemy takes it without the unique
/// check, the first row being the same either way.
pub fn take_first(rs: &ResultSet) -> Result<Value> {
    let v = take(rs, 1, false)?
        .into_iter()
        .next()
        .unwrap_or(Value::None);
    close(rs);
    Ok(v)
}

fn take(rs: &ResultSet, n: usize, check_unique: bool) -> Result<Vec<Value>> {
    let at = rs.cursor.get();
    if at == CLOSED {
        return Err(Error::new(
            ErrorKind::ResourceClosedError,
            "This result object is closed.",
        )
        .with_help("first(), one(), scalar() and their kin close a result; run the statement again for more rows"));
    }
    if rs.rows.is_empty() {
        return Ok(Vec::new());
    }
    if rs.needs_unique && check_unique {
        return Err(Error::new(
            ErrorKind::InvalidRequestError,
            "The unique() method must be invoked on this Result, as it contains results that include joined eager loads against collections",
        )
        .with_help("call .unique() on the result first: db.session.scalars(stmt).unique().all()"));
    }
    let uniqued;
    // `first()` takes its one row without the unique filter (the first
    // row is the same either way, and SQLAlchemy never hashes it).
    let rows = if rs.unique && check_unique {
        uniqued = unique_rows(rs)?;
        &uniqued[..]
    } else {
        &rs.rows[..]
    };
    let from = at.min(rows.len());
    let to = from.saturating_add(n).min(rows.len());
    rs.cursor.set(to);
    let taken = rows[from..to].to_vec();
    Ok(if rs.mappings {
        taken.into_iter().map(|r| as_mapping(&r)).collect()
    } else {
        taken
    })
}

/// Close a result: later fetches are `ResourceClosedError`.
pub fn close(rs: &ResultSet) {
    rs.cursor.set(CLOSED);
}

/// A row as SQLAlchemy's `RowMapping` prints and reads: a dict of column
/// name to value.
pub fn as_mapping(r: &Value) -> Value {
    match r.downcast::<Row>() {
        Some(row) => crate::eval::row_mapping::of_row(row),
        None => r.clone(),
    }
}

/// Every row of a uniqued result, each once.
fn unique_rows(rs: &ResultSet) -> Result<Vec<Value>> {
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
