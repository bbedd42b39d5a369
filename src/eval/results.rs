//! What `db.session.execute(...)` returns and its methods (`scalars all
//! first one scalar_one …`), and the Pagination's methods.

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::{Args, as_int};
use crate::eval::objects::ResultSet;
use crate::orm::pagination::Pagination;
use crate::orm::row::Row;
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
    let values: Vec<Value> = rs.rows.clone();
    let scalar_values = || -> Vec<Value> {
        values
            .iter()
            .map(|r| match r.downcast::<Row>() {
                Some(row) => row.values.first().cloned().unwrap_or(Value::None),
                None => r.clone(),
            })
            .collect()
    };
    let one = |items: Vec<Value>, or_none: bool| -> Result<Value> {
        match items.len() {
            0 if or_none => Ok(Value::None),
            0 => Err(Error::new(
                ErrorKind::NoResultFound,
                "No row was found when one was required",
            )),
            1 => Ok(items.into_iter().next().unwrap_or(Value::None)),
            _ => Err(Error::new(
                ErrorKind::MultipleResultsFound,
                "Multiple rows were found when exactly one was required",
            )),
        }
    };
    let _ = me;
    let fetches = !matches!(name, "scalars" | "unique" | "keys");
    if rs.needs_unique && fetches {
        return Err(Error::new(
            ErrorKind::InvalidRequestError,
            "The unique() method must be invoked on this Result, as it contains results that include joined eager loads against collections",
        )
        .with_help("call .unique() first: db.session.scalars(stmt).unique().all()"));
    }
    match name {
        "scalars" => Ok(Value::obj(ResultSet {
            needs_unique: rs.needs_unique,
            rows: scalar_values(),
            scalars: true,
        })),
        "unique" => {
            let mut seen: Vec<Value> = Vec::new();
            for v in values {
                let dup = seen
                    .iter()
                    .any(|s| match (s.downcast::<Row>(), v.downcast::<Row>()) {
                        (Some(a), Some(b)) => {
                            a.values.len() == b.values.len()
                                && a.values
                                    .iter()
                                    .zip(&b.values)
                                    .all(|(x, y)| x.py_is(y) || x.py_eq(y))
                        }
                        _ => s.py_is(&v),
                    });
                if !dup {
                    seen.push(v);
                }
            }
            Ok(Value::obj(ResultSet {
                needs_unique: false,
                rows: seen,
                scalars: rs.scalars,
            }))
        }
        "all" | "fetchall" => Ok(Value::list(values)),
        "first" => Ok(values.first().cloned().unwrap_or(Value::None)),
        "one" => one(values, false),
        "one_or_none" => one(values, true),
        "scalar" => Ok(scalar_values().first().cloned().unwrap_or(Value::None)),
        "scalar_one" => one(scalar_values(), false),
        "scalar_one_or_none" => one(scalar_values(), true),
        "fetchone" => Ok(values.first().cloned().unwrap_or(Value::None)),
        "keys" => Ok(Value::list(
            match values.first().and_then(|r| r.downcast::<Row>()) {
                Some(r) => r.keys.iter().map(|k| Value::Str(k.clone())).collect(),
                None => vec![],
            },
        )),
        _ => Err(Error::attr(format!(
            "'{}' object has no attribute '{name}'",
            rs.type_name_str()
        ))),
    }
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

pub fn pagination_method(_: &mut Interp, p: &Pagination, name: &str, mut a: Args) -> Result<Value> {
    match name {
        "iter_pages" => {
            let mut get =
                |k: &str, d: i64| -> Result<i64> { a.take_kw(k).map_or(Ok(d), |v| as_int(&v, k)) };
            let (le, lc, rc, re) = (
                get("left_edge", 2)?,
                get("left_current", 2)?,
                get("right_current", 4)?,
                get("right_edge", 2)?,
            );
            a.count(0, 0)?;
            Ok(Value::list(
                p.iter_pages(le, lc, rc, re)
                    .into_iter()
                    .map(|x| x.map_or(Value::None, Value::Int))
                    .collect(),
            ))
        }
        _ => Err(Error::attr(format!(
            "'QueryPagination' object has no attribute '{name}'"
        ))),
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
