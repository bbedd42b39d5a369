//! The built-ins that walk an iterable — `sorted`, `reversed`, `min`,
//! `max`, `sum`, `enumerate`, `zip`, `any`, `all` (the lazy `enumerate`,
//! `zip` and `reversed` objects in `live_iter`) — and the numeric
//! `abs` and `round`, as Python 3.11 defines them; `builtins::lookup` binds
//! their names.

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::live_iter::{IterKind, PyIter};
use crate::value::{Value, compare, numbers};

/// Sort with Python's ordering, an optional key function and reverse.
pub(crate) fn sort_values(
    me: &mut Interp,
    items: Vec<Value>,
    key: Option<Value>,
    reverse: bool,
) -> Result<Vec<Value>> {
    let mut keyed: Vec<(Value, Value)> = Vec::with_capacity(items.len());
    for v in items {
        let k = match &key {
            Some(f) if !matches!(f, Value::None) => {
                me.call(f, Args::new("key", vec![v.clone()]))?
            }
            _ => v.clone(),
        };
        keyed.push((k, v));
    }
    let mut err = None;
    keyed.sort_by(|a, b| {
        match crate::interrupt::check().and_then(|()| compare::compare(&a.0, &b.0)) {
            Ok(o) => {
                if reverse {
                    o.reverse()
                } else {
                    o
                }
            }
            Err(e) => {
                err.get_or_insert(e);
                std::cmp::Ordering::Equal
            }
        }
    });
    match err {
        Some(e) => Err(e),
        None => Ok(keyed.into_iter().map(|(_, v)| v).collect()),
    }
}

pub(crate) fn sorted(me: &mut Interp, mut a: Args) -> Result<Value> {
    let key = a.take_kw("key");
    let reverse = a.take_kw("reverse").is_some_and(|v| v.truthy());
    a.count(1, 1)?;
    let items = me.to_vec(&a.pos[0])?;
    Ok(Value::list(sort_values(me, items, key, reverse)?))
}

/// `reversed(seq)`: a lazy iterator, walking a list live from its end.
pub(crate) fn reversed(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let cursor = me.reverse_cursor(&a.pos[0])?;
    Ok(PyIter::value(IterKind::Reversed(cursor)))
}

pub(crate) fn extreme(me: &mut Interp, mut a: Args, want_max: bool) -> Result<Value> {
    let key = a.take_kw("key");
    let default = a.take_kw("default");
    a.no_more_kw()?;
    let items = if a.len() == 1 {
        me.to_vec(&a.pos[0])?
    } else {
        a.pos.clone()
    };
    if items.is_empty() {
        return default.ok_or_else(|| {
            Error::value(format!(
                "{}() arg is an empty sequence",
                if want_max { "max" } else { "min" }
            ))
        });
    }
    let mut sorted = sort_values(me, items, key, false)?;
    Ok(if want_max {
        // Python's max returns the first maximal element.
        sorted.pop().unwrap_or(Value::None)
    } else {
        sorted.swap_remove(0)
    })
}

pub(crate) fn min(me: &mut Interp, a: Args) -> Result<Value> {
    extreme(me, a, false)
}

pub(crate) fn max(me: &mut Interp, a: Args) -> Result<Value> {
    extreme(me, a, true)
}

/// `sum(iterable, start=0)`.
pub(crate) fn sum(me: &mut Interp, mut a: Args) -> Result<Value> {
    a.keyword_at(1, "start")?;
    a.count(1, 2)?;
    let mut total = a.pos.get(1).cloned().unwrap_or(Value::Int(0));
    for v in me.to_vec(&a.pos[0])? {
        crate::interrupt::check()?;
        total = me.binary(crate::syntax::ast::BinOp::Add, total, v)?;
    }
    Ok(total)
}

/// `divmod(a, b)`: `(a // b, a % b)` with Python's floor semantics, for
/// the numbers `//` and `%` take (a TypeError naming both otherwise).
pub(crate) fn divmod(_: &mut Interp, a: Args) -> Result<Value> {
    use crate::syntax::ast::BinOp;
    a.count(2, 2)?;
    let (x, y) = (&a.pos[0], &a.pos[1]);
    let part = |op| {
        crate::value::ops::binary(op, x, y)?.ok_or_else(|| {
            Error::type_(format!(
                "unsupported operand type(s) for divmod(): '{}' and '{}'",
                x.type_name(),
                y.type_name()
            ))
        })
    };
    let q = part(BinOp::FloorDiv)?;
    let r = part(BinOp::Mod)?;
    Ok(Value::Tuple(std::rc::Rc::from(vec![q, r])))
}

pub(crate) fn abs(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    match &a.pos[0] {
        Value::Int(i) => i
            .checked_abs()
            .map(Value::Int)
            .ok_or_else(|| Error::new(ErrorKind::OverflowError, "integer overflow")),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        Value::Decimal(d) => Ok(Value::Decimal(std::rc::Rc::new(d.abs().plus()?))),
        Value::TimeDelta(t) => {
            let us = crate::value::timedelta::td_micros(t);
            crate::value::timedelta::td_from_micros(us.abs()).map(Value::TimeDelta)
        }
        other => Err(Error::type_(format!(
            "bad operand type for abs(): '{}'",
            other.type_name()
        ))),
    }
}

/// `round(x[, ndigits])`: an int without `ndigits` (or with `None`), else
/// the type of `x`; ties go to even.
pub(crate) fn round(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.keyword_at(0, "number")?;
    a.keyword_at(1, "ndigits")?;
    a.count(1, 2)?;
    let nd = match a.pos.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(v.as_i64().ok_or_else(|| {
            Error::type_(format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            ))
        })?),
    };
    match (&a.pos[0], nd) {
        (Value::Int(_) | Value::Bool(_), None) => Ok(Value::Int(a.pos[0].as_i64().unwrap_or(0))),
        (Value::Int(_) | Value::Bool(_), Some(n)) => {
            numbers::round_int(a.pos[0].as_i64().unwrap_or(0), n).map(Value::Int)
        }
        (Value::Float(f), None) => numbers::round_to_int(*f).map(Value::Int),
        (Value::Float(f), Some(n)) => numbers::round_float(*f, n).map(Value::Float),
        (Value::Decimal(d), n) => crate::value::decimal::ops::round(d, n),
        (other, _) => Err(Error::type_(format!(
            "type {} doesn't define __round__ method",
            other.type_name()
        ))),
    }
}

/// `enumerate(iterable, start=0)`: `start` a whole number (a bool counts),
/// else Python's TypeError.
pub(crate) fn enumerate(me: &mut Interp, mut a: Args) -> Result<Value> {
    let span = (a.kw.iter().find(|(k, _, _)| &**k == "start"))
        .map_or_else(|| a.span_of(1), |(_, _, s)| *s);
    if a.len() > 1 && a.kw.iter().any(|(k, _, _)| &**k == "start") {
        return Err(Error::type_(format!(
            "enumerate() takes at most 2 arguments ({} given)",
            a.len() + a.kw.len()
        ))
        .at(span));
    }
    let start = a.arg(1, "start");
    a.count(1, 2)?;
    let start = match start {
        None => 0,
        Some(Value::Int(n)) => n,
        Some(Value::Bool(b)) => b as i64,
        Some(v) => {
            return Err(Error::type_(format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            ))
            .at(span));
        }
    };
    let cursor = me.cursor(&a.pos[0])?;
    Ok(PyIter::value(IterKind::Enumerate(cursor, start)))
}

/// `zip(*iterables, strict=False)`: a lazy iterator; with `strict`,
/// iterables of unequal lengths are Python's ValueError naming the first
/// that differs, met when it runs out.
pub(crate) fn zip(me: &mut Interp, mut a: Args) -> Result<Value> {
    let strict = a.take_kw("strict").is_some_and(|v| v.truthy());
    a.no_more_kw()?;
    let cursors = a
        .pos
        .iter()
        .map(|v| me.cursor(v))
        .collect::<Result<Vec<_>>>()?;
    Ok(PyIter::value(IterKind::Zip(cursors, strict)))
}

/// `any(iterable)`: stops at the first true item (a generator is not
/// run further).
pub(crate) fn any(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    Ok(Value::Bool(first_truth(me, &a, true)?))
}

/// `all(iterable)`: stops at the first false item.
pub(crate) fn all(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    Ok(Value::Bool(!first_truth(me, &a, false)?))
}

/// Is there an item whose truth is `want`? Walks only as far as the first.
fn first_truth(me: &mut Interp, a: &Args, want: bool) -> Result<bool> {
    let mut found = false;
    me.for_each(&a.pos[0], a.span_of(0), &mut |_, v| {
        found = v.truthy() == want;
        Ok(!found)
    })?;
    Ok(found)
}
