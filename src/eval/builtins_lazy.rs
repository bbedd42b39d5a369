//! `map(function, *iterables)` and `filter(function, iterable)`: lazy
//! iterator objects (`PyIter`), used once as in Python; `function` is
//! called as each item is asked for (`filter(None, xs)` keeps the true
//! items).

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::live_iter::{Cursor, IterKind, PyIter};
use crate::value::Value;

/// `map(function, iterable, ...)`.
pub(crate) fn map(me: &mut Interp, a: Args) -> Result<Value> {
    if !a.kw.is_empty() {
        return Err(Error::type_("map() takes no keyword arguments"));
    }
    if a.pos.len() < 2 {
        return Err(Error::type_("map() must have at least two arguments."));
    }
    let mut cursors = Vec::with_capacity(a.pos.len() - 1);
    for (i, v) in a.pos.iter().enumerate().skip(1) {
        cursors.push(me.cursor(v).map_err(|e| e.at(a.span_of(i)))?);
    }
    Ok(PyIter::value(IterKind::Map(a.pos[0].clone(), cursors)))
}

/// `filter(function or None, iterable)`.
pub(crate) fn filter(me: &mut Interp, a: Args) -> Result<Value> {
    if !a.kw.is_empty() {
        return Err(Error::type_("filter() takes no keyword arguments"));
    }
    if a.pos.len() != 2 {
        return Err(Error::type_(format!(
            "filter expected 2 arguments, got {}",
            a.pos.len()
        )));
    }
    let cursor = me.cursor(&a.pos[1]).map_err(|e| e.at(a.span_of(1)))?;
    let f = match &a.pos[0] {
        Value::None => None,
        f => Some(f.clone()),
    };
    Ok(PyIter::value(IterKind::Filter(f, cursor)))
}

/// The next item of a `map`: the function of one item of each iterable,
/// until the shortest runs out.
pub(crate) fn map_step(f: &Value, cs: &mut [Cursor], me: &mut Interp) -> Result<Option<Value>> {
    let mut args = Vec::with_capacity(cs.len());
    for c in cs.iter_mut() {
        match c.next(me)? {
            Some(v) => args.push(v),
            None => return Ok(None),
        }
    }
    me.call(f, Args::new("map", args)).map(Some)
}

/// The next item of a `filter`: the next one the function finds true.
pub(crate) fn filter_step(
    f: &Option<Value>,
    c: &mut Cursor,
    me: &mut Interp,
) -> Result<Option<Value>> {
    while let Some(v) = c.next(me)? {
        let keep = match f {
            None => v.truthy(),
            Some(f) => me.call(f, Args::new("filter", vec![v.clone()]))?.truthy(),
        };
        if keep {
            return Ok(Some(v));
        }
        crate::interrupt::check()?;
    }
    Ok(None)
}
