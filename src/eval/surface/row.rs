//! A result row — SQLAlchemy's `Row`, a named tuple: its values by column
//! name (`row.name`), and the named-tuple members `_fields`, `_mapping`,
//! `_asdict()`, `_t`, `_tuple()`, `count()`, `index()` (a column named
//! `count` or `index` hides the method, as in SQLAlchemy), and the
//! deprecated `t` and `tuple()`, which a column of that name does not hide.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::{Class, Member, Sig};
use crate::orm::row::Row;
use crate::value::dict::Dict;
use crate::value::{PyStr, Value};

type R = Rc<Row>;

/// The `_` members that are `Row`'s public API, not private names: a
/// named tuple's (`_asdict`, `_fields`) and SQLAlchemy's (`_mapping`,
/// `_t`, `_tuple`). Completion offers them after `row.` with the columns,
/// where Python hides other `_` names until one is typed.
pub const PUBLIC_UNDERSCORE: [&str; 5] = ["_asdict", "_fields", "_mapping", "_t", "_tuple"];

fn fields(_: &mut Interp, r: &R) -> Result<Value> {
    Ok(Value::tuple(
        r.named()
            .map(|(k, _)| Value::Str(PyStr::from(&**k)))
            .collect(),
    ))
}

/// The row as a `RowMapping` of column name to value (`_mapping`).
fn mapping(_: &mut Interp, r: &R) -> Result<Value> {
    Ok(crate::eval::row_mapping::of_row(r.clone()))
}

/// The row as a dict of column name to value (`_asdict()`).
fn as_dict(r: &R) -> Result<Value> {
    let mut d = Dict::default();
    for (k, v) in r.named() {
        d.insert_str(k, v.clone());
    }
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

fn asdict(me: &mut Interp, r: &R, a: Args) -> Result<Value> {
    let _ = me;
    a.count(0, 0)?;
    as_dict(r)
}

/// `_t`, `_tuple()` (and `t`, `tuple()`): the row itself, which is a
/// tuple already (SQLAlchemy 2.1's `Row._tuple` returns `self`).
fn t(_: &mut Interp, r: &R) -> Result<Value> {
    Ok(Value::Obj(r.clone()))
}

fn tuple(me: &mut Interp, r: &R, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    t(me, r)
}

fn count(_: &mut Interp, r: &R, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let mut n = 0;
    for v in &r.values {
        n += v.py_eq(&a.pos[0])? as i64;
    }
    Ok(Value::Int(n))
}

fn index(_: &mut Interp, r: &R, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    for (i, v) in r.values.iter().enumerate() {
        if v.py_eq(&a.pos[0])? {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(Error::new(
        ErrorKind::ValueError,
        "tuple.index(x): x not in tuple",
    ))
}

/// The members a column of the same name does not hide: the class's own
/// attributes, found before Python's `__getattr__` reaches the columns.
/// (`count` and `index` are SQLAlchemy's `_special_name_accessor`s: a
/// column of that name wins over the tuple method.)
/// `t` and `tuple` are SQLAlchemy 2.0's un-underscored (deprecated)
/// spellings of `_t` and `_tuple`: class attributes too, so `row.t` is the
/// row even when a column is called `t`.
const OWN: [&str; 7] = [
    "_fields", "_mapping", "_asdict", "_t", "_tuple", "t", "tuple",
];

/// A column by name, looked up before the members but those in `OWN`.
fn column(_: &mut Interp, r: &R, name: &str) -> Option<Result<Value>> {
    if OWN.contains(&name) {
        return None;
    }
    r.get(name).map(|v| Ok(v.clone()))
}

fn column_names(_: &mut Interp, r: &R) -> Vec<Rc<str>> {
    r.named().map(|(k, _)| k.clone()).collect()
}

fn no_column(_: &mut Interp, r: &R, name: &str, hint: &str) -> Error {
    let keys: Vec<&str> = r.named().map(|(k, _)| &**k).collect();
    Error::attr(format!("this row has no column '{name}'{hint}"))
        .with_help(format!("its columns are: {}", keys.join(", ")))
}

/// A row's members; its columns are attributes too, and a column named
/// `count` or `index` wins over the method (SQLAlchemy's `Row`).
pub static ROW: Class<R> = Class::new(
    "Row",
    &[
        Member::attr("_fields", fields, "the column names, as a tuple"),
        Member::attr(
            "_mapping",
            mapping,
            "the row as a mapping of column name to value",
        ),
        Member::method(
            "_asdict",
            asdict,
            Sig::NONE,
            "the row as a dict of column name to value",
        ),
        Member::attr("_t", t, "the row itself, as a tuple"),
        Member::method("_tuple", tuple, Sig::NONE, "the row itself, as a tuple"),
        Member::attr("t", t, "the row itself, as a tuple (deprecated: _t)"),
        Member::method(
            "tuple",
            tuple,
            Sig::NONE,
            "the row itself, as a tuple (deprecated: _tuple())",
        ),
        Member::method("count", count, Sig::NONE, "how many values equal x"),
        Member::method(
            "index",
            index,
            Sig::NONE,
            "the position of the first value equal to x",
        ),
    ],
)
.with_dynamic_first(column, column_names)
.with_missing(no_column);
