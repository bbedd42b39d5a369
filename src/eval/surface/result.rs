//! What `db.session.execute(...)` returns — SQLAlchemy's `Result`, and
//! the `ScalarResult` of `.scalars()` — with the methods that take rows
//! from it.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::ResultSet;
use crate::eval::results::{
    close, first_scalar, multiple_rows, take_first, take_rows, take_some, unwrap_rows,
};
use crate::eval::surface::result_views::{
    COLUMNS, FETCHMANY, MAPPING_RESULT, MAPPINGS, PARTITIONS, SCALAR_RESULT, TUPLES,
};
use crate::eval::surface::{Class, LIST, Member, ROW, Returns, Sig};
use crate::orm::row::Row;
use crate::value::Value;

type R = Rc<ResultSet>;

/// Rows asked of a statement that has none: SQLAlchemy's
/// `ResourceClosedError`.
pub(super) fn rows_of(rs: &R) -> Result<&R> {
    if rs.returns_rows {
        return Ok(rs);
    }
    Err(Error::new(
        ErrorKind::ResourceClosedError,
        "This result object does not return rows. It has been closed automatically.",
    )
    .with_help("only a SELECT (or a statement with RETURNING) has rows; .rowcount says how many rows a write changed"))
}

/// The class SQLAlchemy gives a result: an ORM select's (or an ORM
/// statement's RETURNING) `ChunkedIteratorResult`, an ORM bulk INSERT /
/// UPDATE of parameter sets' `IteratorResult`, else a cursor's
/// `CursorResult`; `.scalars()` and `.mappings()` views their own.
pub(crate) fn sa_class(rs: &ResultSet) -> &'static str {
    match (rs.scalars, rs.mappings, rs.orm) {
        (true, _, _) => "ScalarResult",
        (_, true, _) => "MappingResult",
        (_, _, true) => "ChunkedIteratorResult",
        _ if rs.bulk => "IteratorResult",
        _ => "CursorResult",
    }
}

/// An attribute only SQLAlchemy's `CursorResult` has (`rowcount`,
/// `returns_rows`): the AttributeError other results give.
fn cursor_only<'a>(rs: &'a R, name: &str) -> Result<&'a R> {
    match sa_class(rs) {
        "CursorResult" => Ok(rs),
        class => Err(Error::attr(format!(
            "'{class}' object has no attribute '{name}'"
        ))
        .with_help(format!("only a cursor's result has .{name} — text(), a write of one row or with a WHERE; not an ORM select, nor a write given a list of parameter sets"))),
    }
}

/// `CursorResult.rowcount`.
pub(super) fn rowcount(_: &mut Interp, rs: &R) -> Result<Value> {
    Ok(Value::Int(cursor_only(rs, "rowcount")?.rowcount))
}

/// `CursorResult.returns_rows`.
pub(super) fn returns_rows(_: &mut Interp, rs: &R) -> Result<Value> {
    Ok(Value::Bool(cursor_only(rs, "returns_rows")?.returns_rows))
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
pub(super) fn scalars(_: &mut Interp, rs: &R, mut a: Args) -> Result<Value> {
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
    let mut out = rs.derived(picked);
    out.scalars = true;
    out.mappings = false;
    out.unhashable = rs
        .unhashable
        .iter()
        .skip(index as usize)
        .take(1)
        .copied()
        .collect();
    Ok(Value::obj(out))
}

pub(super) fn unique(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    Ok(Value::obj(ResultSet {
        needs_unique: false,
        unique: true,
        ..rs.derived(rs.rows.clone())
    }))
}

pub(super) fn all(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    Ok(Value::list(take_rows(rs)?))
}

/// The first row, and the result closed (SQLAlchemy's `first()`).
pub(super) fn first(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    take_first(rs)
}

pub(super) fn scalar(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    let v = take_first(rs)?;
    Ok(first_scalar(std::slice::from_ref(&v)))
}

/// Every row left, the result closed whatever `check` finds (`one()` and
/// its kin).
fn closing(rs: &R, check: impl FnOnce(Vec<Value>) -> Result<Value>) -> Result<Value> {
    let rows = take_rows(rs);
    close(rs);
    check(rows?)
}

pub(super) fn one_row(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    closing(rs, |rows| one(rows, false))
}

pub(super) fn one_or_none(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    closing(rs, |rows| one(rows, true))
}

pub(super) fn scalar_one(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    closing(rs, |rows| one(unwrap_rows(rows), false))
}

pub(super) fn scalar_one_or_none(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    closing(rs, |rows| one(unwrap_rows(rows), true))
}

pub(super) fn fetchone(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    Ok(take_some(rs, 1)?.into_iter().next().unwrap_or(Value::None))
}

pub(super) fn keys(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    let from_rows = rs.rows.first().and_then(|r| r.downcast::<Row>());
    let names = match from_rows {
        _ if !rs.keys.is_empty() => rs.keys.iter().filter(|k| !k.is_empty()).cloned().collect(),
        Some(r) => r.named().map(|(k, _)| k.clone()).collect(),
        None => vec![],
    };
    Ok(Value::obj(crate::orm::result_keys::RMKeyView(names)))
}

/// `close()`, on every kind of result.
pub(super) const CLOSE: Member<R> = Member::method(
    "close",
    super::result_more::close,
    Sig::NONE,
    "close the result: no more rows from it",
);

/// `yield_per(num)`, on every kind of result.
pub(super) const YIELD_PER: Member<R> = Member::method(
    "yield_per",
    super::result_more::yield_per,
    Sig::kw(&["num"]),
    "the result itself, fetched num rows at a time",
);

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
        FETCHMANY,
        PARTITIONS,
        MAPPINGS,
        COLUMNS,
        TUPLES,
        Member::method("keys", keys, Sig::NONE, "the names of the columns"),
        CLOSE,
        YIELD_PER,
        Member::method(
            "freeze",
            super::result_more::freeze,
            Sig::NONE,
            "the rows left, kept: call it for a new result over them",
        ),
        Member::attr(
            "rowcount",
            rowcount,
            "the rows a write changed (-1 for a SELECT)",
        ),
        Member::attr(
            "inserted_primary_key",
            |_, rs| crate::eval::inserted_pk::read(rs.inserted_pk.as_deref(), sa_class(rs), false),
            "the primary key of the row a single-row insert() made",
        ),
        Member::attr(
            "inserted_primary_key_rows",
            |_, rs| crate::eval::inserted_pk::read(rs.inserted_pk.as_deref(), sa_class(rs), true),
            "inserted_primary_key in a list",
        ),
        Member::attr(
            "returns_rows",
            returns_rows,
            "whether the statement has rows",
        ),
        Member::attr(
            "lastrowid",
            crate::eval::cursor_attrs::lastrowid,
            "the rowid SQLite last inserted (None after an executemany)",
        ),
        Member::attr(
            "is_insert",
            crate::eval::cursor_attrs::is_insert,
            "whether the statement was an insert() construct",
        ),
    ],
)
// What the members whose result has a fixed class give (read by Tab
// completion).
.with_results(&[
    ("scalars", Returns::Class(&SCALAR_RESULT)),
    ("unique", Returns::Class(&RESULT)),
    ("mappings", Returns::Class(&MAPPING_RESULT)),
    ("columns", Returns::Class(&RESULT)),
    ("tuples", Returns::Class(&RESULT)),
    ("fetchmany", Returns::Class(&LIST)),
    ("partitions", Returns::Class(&super::generator::GENERATOR)),
    ("all", Returns::Class(&LIST)),
    ("fetchall", Returns::Class(&LIST)),
    ("first", Returns::Class(&ROW)),
    ("one", Returns::Class(&ROW)),
    ("one_or_none", Returns::Class(&ROW)),
    ("fetchone", Returns::Class(&ROW)),
]);
