//! Python's iterator protocol as built-ins: `iter(x)`, an iterator over
//! a container (the iterator itself for one that already is), and
//! `next(it[, default])`, its next item — `StopIteration` at the end
//! unless a default is given.

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::live_iter::{Cursor, IterKind, PyIter};
use crate::value::Value;

/// CPython's name for the iterator type over `v`.
fn iterator_name(v: &Value) -> &'static str {
    match v {
        Value::List(_) => "list_iterator",
        Value::Tuple(_) => "tuple_iterator",
        Value::Dict(_) => "dict_keyiterator",
        Value::Range(..) => "range_iterator",
        Value::Str(s) if s.is_ascii() => "str_ascii_iterator",
        Value::Str(_) => "str_iterator",
        Value::Bytes(_) => "bytes_iterator",
        _ if v.is::<crate::eval::pyset::PySet>() => "set_iterator",
        _ => "iterator",
    }
}

/// `iter(iterable)`.
pub(crate) fn iter(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let v = &a.pos[0];
    if v.is::<PyIter>() {
        return Ok(v.clone());
    }
    let cursor = me.cursor(v).map_err(|e| e.at(a.span_of(0)))?;
    Ok(PyIter::value(IterKind::Plain(cursor, iterator_name(v))))
}

/// `next(iterator[, default])`.
pub(crate) fn next(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 2)?;
    let Some(it) = a.pos[0].downcast::<PyIter>() else {
        return Err(Error::type_(format!(
            "'{}' object is not an iterator",
            a.pos[0].type_name()
        ))
        .at(a.span_of(0))
        .with_help("make one with iter(x), or loop over it with for"));
    };
    match Cursor::Iter(it.clone()).next(me)? {
        Some(v) => Ok(v),
        None => match a.pos.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(crate::eval::gen_fn::stop_iteration(&it)),
        },
    }
}
