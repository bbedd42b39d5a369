//! What `db.session.execute(...)` returns — SQLAlchemy's `Result`, and
//! the `ScalarResult` of `.scalars()` — with the methods that take rows
//! from it.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::ResultSet;
use crate::eval::results::{first_scalar, multiple_rows, take_rows, unwrap_rows};
use crate::eval::surface::{Class, LIST, Member, ROW, Returns, Sig};
use crate::orm::row::Row;
use crate::value::{PyStr, Value};

type R = Rc<ResultSet>;

/// Rows asked of a statement that has none: SQLAlchemy's
/// `ResourceClosedError`.
fn rows_of(rs: &R) -> Result<&R> {
    if rs.returns_rows {
        return Ok(rs);
    }
    Err(Error::new(
        ErrorKind::ResourceClosedError,
        "This result object does not return rows. It has been closed automatically.",
    )
    .with_help("only a SELECT (or a statement with RETURNING) has rows; .rowcount says how many rows a write changed"))
}

fn rowcount(_: &mut Interp, rs: &R) -> Result<Value> {
    Ok(Value::Int(rs.rowcount))
}

fn returns_rows(_: &mut Interp, rs: &R) -> Result<Value> {
    Ok(Value::Bool(rs.returns_rows))
}

/// Exactly one item (or none, for the `_or_none` forms), as
/// `Result.one()` takes it.
fn one(items: Vec<Value>, or_none: bool) -> Result<Value> {
    let mut it = items.into_iter();
    match (it.next(), it.next()) {
        (None, _) if or_none => Ok(Value::None),
        (None, _) => Err(Error::new(
            ErrorKind::NoResultFound,
            "No row was found when one was required",
        )),
        (Some(v), None) => Ok(v),
        (Some(_), Some(_)) => Err(multiple_rows(or_none)),
    }
}

/// `scalars(index=0)`: each row's value at `index`.
fn scalars(_: &mut Interp, rs: &R, mut a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    let index = match a.arg(0, "index") {
        None => 0,
        Some(v) => v.as_i64().ok_or_else(|| {
            Error::type_(format!(
                "scalars() index must be an int, not {}",
                v.type_name()
            ))
        })?,
    };
    a.count(0, 1)?;
    if index == 0 {
        return Ok(Value::obj(rs.scalars()));
    }
    let mut picked = Vec::with_capacity(rs.rows.len());
    for r in &rs.rows {
        let row = r.downcast::<Row>();
        let width = row.as_ref().map_or(1, |row| row.values.len() as i64);
        let i = if index < 0 { index + width } else { index };
        let v = match &row {
            Some(row) if (0..width).contains(&i) => row.values[i as usize].clone(),
            None if i == 0 => r.clone(),
            _ => {
                return Err(Error::new(
                    ErrorKind::IndexError,
                    "tuple index out of range",
                ));
            }
        };
        picked.push(v);
    }
    let mut out = ResultSet::plain(picked);
    out.scalars = true;
    out.needs_unique = rs.needs_unique;
    out.unique = rs.unique;
    Ok(Value::obj(out))
}

fn unique(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    Ok(Value::obj(ResultSet {
        needs_unique: false,
        rows: rs.rows.clone(),
        scalars: rs.scalars,
        unhashable: rs.unhashable.clone(),
        unique: true,
        rowcount: rs.rowcount,
        returns_rows: rs.returns_rows,
    }))
}

fn all(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    Ok(Value::list(take_rows(rs)?))
}

/// One row, taken without uniquing (SQLAlchemy's `first()`, `scalar()`):
/// the first row is the same either way.
fn first(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    Ok(rs.rows.first().cloned().unwrap_or(Value::None))
}

fn scalar(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    Ok(first_scalar(&rs.rows))
}

fn one_row(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    one(take_rows(rs)?, false)
}

fn one_or_none(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    one(take_rows(rs)?, true)
}

fn scalar_one(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    one(unwrap_rows(take_rows(rs)?), false)
}

fn scalar_one_or_none(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    one(unwrap_rows(take_rows(rs)?), true)
}

fn fetchone(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    Ok(take_rows(rs)?.into_iter().next().unwrap_or(Value::None))
}

fn keys(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    let names = match rs.rows.first().and_then(|r| r.downcast::<Row>()) {
        Some(r) => r
            .keys
            .iter()
            .map(|k| Value::Str(PyStr::from(&**k)))
            .collect(),
        None => vec![],
    };
    Ok(Value::list(names))
}

/// A result's members (SQLAlchemy's `Result` and `ScalarResult`).
pub static RESULT: Class<R> = Class::new(
    "Result",
    &[
        Member::method(
            "scalars",
            scalars,
            Sig::kw(&["index"]),
            "each row's first value (or the value at index)",
        ),
        Member::method("unique", unique, Sig::NONE, "each row (each object) once"),
        Member::method("all", all, Sig::NONE, "every row, as a list"),
        Member::method(
            "fetchall",
            all,
            Sig::NONE,
            "every row, as a list (DB-API name)",
        ),
        Member::method("first", first, Sig::NONE, "the first row, or None"),
        Member::method(
            "scalar",
            scalar,
            Sig::NONE,
            "the first row's first value, or None",
        ),
        Member::method(
            "one",
            one_row,
            Sig::NONE,
            "the only row; NoResultFound or MultipleResultsFound otherwise",
        ),
        Member::method(
            "one_or_none",
            one_or_none,
            Sig::NONE,
            "the only row or None; MultipleResultsFound if more",
        ),
        Member::method(
            "scalar_one",
            scalar_one,
            Sig::NONE,
            "the only row's first value",
        ),
        Member::method(
            "scalar_one_or_none",
            scalar_one_or_none,
            Sig::NONE,
            "the only row's first value, or None",
        ),
        Member::method("fetchone", fetchone, Sig::NONE, "the next row, or None"),
        Member::method("keys", keys, Sig::NONE, "the names of the columns"),
        Member::attr(
            "rowcount",
            rowcount,
            "the rows a write changed (-1 for a SELECT)",
        ),
        Member::attr(
            "returns_rows",
            returns_rows,
            "whether the statement has rows",
        ),
    ],
)
// What the members whose result has a fixed class give (read by Tab
// completion).
.with_results(&[
    ("scalars", Returns::Class(&RESULT)),
    ("unique", Returns::Class(&RESULT)),
    ("all", Returns::Class(&LIST)),
    ("fetchall", Returns::Class(&LIST)),
    ("first", Returns::Class(&ROW)),
    ("one", Returns::Class(&ROW)),
    ("one_or_none", Returns::Class(&ROW)),
    ("fetchone", Returns::Class(&ROW)),
]);
