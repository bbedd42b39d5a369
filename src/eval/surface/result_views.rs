//! The ways of taking rows from a result besides one at a time:
//! `fetchmany(size)`, `partitions(size)`, and the results over the same
//! cursor that `mappings()`, `columns(...)` and `tuples()` give —
//! SQLAlchemy's `Result`, `MappingResult` (rows as `RowMapping`s, shown as
//! dicts) and `ScalarResult`, each with its own class table.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::live_iter::{IterKind, PyIter};
use crate::eval::objects::ResultSet;
use crate::eval::results::take_some;
use crate::eval::surface::result::{
    all, fetchone, first, keys, one_or_none, one_row, rows_of, unique,
};
use crate::eval::surface::{Class, LIST, Member, Returns, Sig};
use crate::orm::expr::ColumnElement;
use crate::orm::row::Row;
use crate::value::Value;

type R = Rc<ResultSet>;

/// The `size` of `fetchmany`/`partitions`: None is every row left; a
/// negative size is Python's `islice` ValueError, as SQLAlchemy gives it.
fn size_arg(a: &mut Args) -> Result<usize> {
    let size = a.arg(0, "size");
    a.count(0, 1)?;
    match size {
        None | Some(Value::None) => Ok(usize::MAX),
        Some(v) => match v.as_i64() {
            Some(n) if n >= 0 => Ok(n as usize),
            _ => Err(Error::new(
                ErrorKind::ValueError,
                "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
            )
            .with_help("give a size of 0 or more, or None for every row left")),
        },
    }
}

/// `fetchmany(size=None)`: the next `size` rows (every row left by
/// default).
pub(super) fn fetchmany(_: &mut Interp, rs: &R, mut a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    let size = size_arg(&mut a)?;
    Ok(Value::list(take_some(rs, size)?))
}

/// `partitions(size=None)`: a generator of the rows left, in lists of at
/// most `size`, each taken from the result's cursor when the generator
/// steps (SQLAlchemy's `Result.partitions`).
pub(super) fn partitions(_: &mut Interp, rs: &R, mut a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    let size = size_arg(&mut a)?;
    Ok(PyIter::value(IterKind::Partitions(rs.clone(), size)))
}

/// `mappings()`: the same rows as dicts of column name to value.
fn mappings(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    let mut out = rs.derived(rs.rows.clone());
    out.mappings = true;
    Ok(Value::obj(out))
}

/// `tuples()`: the same result, typed as tuples (rows already are).
fn tuples(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    Ok(Value::obj(rs.derived(rs.rows.clone())))
}

/// Which column of `keys` an argument of `columns()` names: a position, a
/// name, or a column expression (by its key).
fn column_index(keys: &[Rc<str>], v: &Value) -> Result<usize> {
    if let Some(n) = v.as_i64().filter(|_| !matches!(v, Value::Bool(_))) {
        let i = if n < 0 { n + keys.len() as i64 } else { n };
        return usize::try_from(i)
            .ok()
            .filter(|i| *i < keys.len())
            .ok_or_else(|| Error::new(ErrorKind::IndexError, "list index out of range"));
    }
    let name = match v {
        Value::Str(s) => Some(Rc::<str>::from(s.as_str())),
        other => other
            .downcast::<ColumnElement>()
            .and_then(|c| c.key.clone()),
    };
    let Some(name) = name else {
        return Err(Error::type_(format!(
            "columns() takes column names, positions or columns, not {}",
            v.type_name()
        )));
    };
    keys.iter().position(|k| **k == *name).ok_or_else(|| {
        crate::value::exc_args::key_error(Value::str(&name), crate::value::repr::str_repr(&name))
    })
}

/// `columns(*cols)`: each row cut down to these columns, in this order.
fn columns(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    let Some(first) = rs.rows.first().and_then(|r| r.downcast::<Row>()) else {
        return Ok(Value::obj(rs.derived(rs.rows.clone())));
    };
    let mut picked = Vec::with_capacity(a.pos.len());
    for (n, v) in a.pos.iter().enumerate() {
        picked.push(column_index(&first.keys, v).map_err(|e| e.at(a.span_of(n)))?);
    }
    let keys: Rc<[Rc<str>]> = picked.iter().map(|&i| first.keys[i].clone()).collect();
    let rows = rs
        .rows
        .iter()
        .map(|r| match r.downcast::<Row>() {
            Some(row) => Value::obj(Row {
                keys: keys.clone(),
                values: picked.iter().map(|&i| row.values[i].clone()).collect(),
                origins: (row.origins.as_ref())
                    .map(|o| picked.iter().map(|&i| o[i].clone()).collect()),
            }),
            None => r.clone(),
        })
        .collect();
    let mut out = rs.derived(rows);
    out.unhashable = picked
        .iter()
        .map(|&i| rs.unhashable.get(i).copied().unwrap_or(false))
        .collect();
    Ok(Value::obj(out))
}

/// `fetchmany`, shared by the result tables.
pub(super) const FETCHMANY: Member<R> = Member::method(
    "fetchmany",
    fetchmany,
    Sig::kw(&["size"]),
    "the next size rows (every row left without a size)",
);
/// `partitions`, shared by the result tables.
pub(super) const PARTITIONS: Member<R> = Member::method(
    "partitions",
    partitions,
    Sig::kw(&["size"]),
    "the rows left, in lists of at most size rows",
);
/// `mappings`, a `Result`'s.
pub(super) const MAPPINGS: Member<R> = Member::method(
    "mappings",
    mappings,
    Sig::NONE,
    "the rows as mappings of column name to value",
);
/// `columns`, of `Result` and `MappingResult`.
pub(super) const COLUMNS: Member<R> = Member::method(
    "columns",
    columns,
    Sig::NONE,
    "each row cut down to these columns: columns('name', 0, User.id)",
);
/// `tuples`, a `Result`'s.
pub(super) const TUPLES: Member<R> =
    Member::method("tuples", tuples, Sig::NONE, "the rows, typed as tuples");

/// `result.mappings()`'s members (SQLAlchemy's `MappingResult`).
pub static MAPPING_RESULT: Class<R> = Class::new(
    "MappingResult",
    &[
        Member::method("all", all, Sig::NONE, "every row, as a list of mappings"),
        Member::method("fetchall", all, Sig::NONE, "every row left, as a list"),
        Member::method("fetchone", fetchone, Sig::NONE, "the next row, or None"),
        FETCHMANY,
        PARTITIONS,
        Member::method("first", first, Sig::NONE, "the first row, or None"),
        Member::method("one", one_row, Sig::NONE, "the only row"),
        Member::method(
            "one_or_none",
            one_or_none,
            Sig::NONE,
            "the only row or None",
        ),
        Member::method("unique", unique, Sig::NONE, "each row once"),
        COLUMNS,
        Member::method("keys", keys, Sig::NONE, "the names of the columns"),
        super::result::YIELD_PER,
        super::result::CLOSE,
    ],
)
.with_results(&[
    ("all", Returns::Class(&LIST)),
    ("fetchall", Returns::Class(&LIST)),
    ("fetchmany", Returns::Class(&LIST)),
    ("partitions", Returns::Class(&super::generator::GENERATOR)),
    ("unique", Returns::Class(&MAPPING_RESULT)),
    ("columns", Returns::Class(&MAPPING_RESULT)),
]);

/// `result.scalars()`'s members (SQLAlchemy's `ScalarResult`).
pub static SCALAR_RESULT: Class<R> = Class::new(
    "ScalarResult",
    &[
        Member::method("all", all, Sig::NONE, "every value, as a list"),
        Member::method("fetchall", all, Sig::NONE, "every value left, as a list"),
        FETCHMANY,
        PARTITIONS,
        Member::method("first", first, Sig::NONE, "the first value, or None"),
        Member::method("one", one_row, Sig::NONE, "the only value"),
        Member::method(
            "one_or_none",
            one_or_none,
            Sig::NONE,
            "the only value or None",
        ),
        Member::method("unique", unique, Sig::NONE, "each value once"),
        super::result::YIELD_PER,
        super::result::CLOSE,
    ],
)
.with_results(&[
    ("all", Returns::Class(&LIST)),
    ("fetchall", Returns::Class(&LIST)),
    ("fetchmany", Returns::Class(&LIST)),
    ("partitions", Returns::Class(&super::generator::GENERATOR)),
    ("unique", Returns::Class(&SCALAR_RESULT)),
]);
