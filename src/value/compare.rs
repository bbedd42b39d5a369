//! Python's comparisons of plain values: ordering (`<`, `<=`, `>`, `>=`)
//! across ints, floats, bools, Decimals, strings, sequences and dates,
//! with Python's TypeError for unorderable pairs; `in` over strings,
//! sequences, dicts and sets; and the hashability check dict keys and set
//! members need. Operands this module does not know give `Ok(None)` so the
//! caller can build SQL.

use std::cmp::Ordering;

use crate::error::{Error, Result};
use crate::stack;
use crate::syntax::ast::CmpOp;
use crate::value::ops::qual_name;
use crate::value::{Value, position, range_len};

/// The TypeError for an ordering between unorderable values.
pub fn compare_error(symbol: &str, a: &Value, b: &Value) -> Error {
    use Value::*;
    match (a, b) {
        (DateTime(_) | Aware(_) | Date(_), DateTime(_) | Aware(_) | Date(_)) => Error::type_(
            format!("can't compare {} to {}", qual_name(a), qual_name(b)),
        ),
        _ => Error::type_(format!(
            "'{symbol}' not supported between instances of '{}' and '{}'",
            qual_name(a),
            qual_name(b)
        )),
    }
}

/// Python ordering (`<` etc.) of plain values; TypeError when unorderable.
/// NaN compares equal to everything here (so sorting leaves it in place);
/// `compare_op` gives NaN its all-false comparisons.
pub fn compare(a: &Value, b: &Value) -> Result<Ordering> {
    compare_sym("<", a, b).map(|o| o.unwrap_or(Ordering::Equal))
}

/// The plain value an object is an instance of (a member of
/// `class C(str, Enum)`, `IntEnum`, `StrEnum` is its `str` or `int`
/// value), else the value itself.
pub fn mixin_view(v: &Value) -> &Value {
    match v {
        Value::Obj(o) => o.mixin_value().unwrap_or(v),
        _ => v,
    }
}

/// Ordering, or `None` when a NaN makes the values unordered.
fn compare_sym(sym: &str, a: &Value, b: &Value) -> Result<Option<Ordering>> {
    use Value::*;
    // A member of a mixed-in enum (`class C(str, Enum)`) orders as its value.
    let (a, b) = (mixin_view(a), mixin_view(b));
    if let Some(r) = crate::value::aware_time::cmp(a, b) {
        return r.map(Some);
    }
    Ok(match (a, b) {
        (Int(_) | Bool(_) | Float(_), Int(_) | Bool(_) | Float(_)) => num_cmp(a, b),
        (Decimal(_), Int(_) | Bool(_) | Float(_) | Decimal(_))
        | (Int(_) | Bool(_) | Float(_), Decimal(_)) => crate::value::decimal::ops::num_cmp(a, b),
        (Uuid(x), Uuid(y)) => Some(x.cmp(y)),
        (Str(x), Str(y)) => Some(x.cmp(y)),
        (Bytes(x), Bytes(y)) => Some(x.cmp(y)),
        (List(x), List(y)) => {
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            stack::nested("in comparison", || seq_cmp(sym, &x, &y))?
        }
        (Tuple(x), Tuple(y)) => stack::nested("in comparison", || seq_cmp(sym, x, y))?,
        (DateTime(x), DateTime(y)) => Some(x.cmp(y)),
        (Aware(_), Aware(_) | DateTime(_)) | (DateTime(_), Aware(_)) => {
            crate::value::aware::cmp(a, b).transpose()?
        }
        (Date(x), Date(y)) => Some(x.cmp(y)),
        (Time(x), Time(y)) => Some(x.cmp(y)),
        (TimeDelta(x), TimeDelta(y)) => Some(x.cmp(y)),
        // A result row orders as the tuple of its values, against another
        // row or a tuple (SQLAlchemy's `Row.__lt__` compares `tuple(self)`).
        (Obj(_) | Tuple(_), Obj(_) | Tuple(_)) => match (seq_of(a), seq_of(b)) {
            (Some(x), Some(y)) => stack::nested("in comparison", || seq_cmp(sym, x, y))?,
            _ => return Err(compare_error(sym, a, b)),
        },
        _ => return Err(compare_error(sym, a, b)),
    })
}

/// The values a tuple or a tuple-like object (a `Row`) orders by.
fn seq_of(v: &Value) -> Option<&[Value]> {
    match v {
        Value::Tuple(t) => Some(t),
        Value::Obj(o) => o.tuple_values(),
        _ => None,
    }
}

fn seq_cmp(sym: &str, x: &[Value], y: &[Value]) -> Result<Option<Ordering>> {
    for (p, q) in x.iter().zip(y) {
        if !p.py_eq(q)? {
            return compare_sym(sym, p, q);
        }
    }
    Ok(Some(x.len().cmp(&y.len())))
}

/// Exact comparison of numbers, int against float included.
fn num_cmp(a: &Value, b: &Value) -> Option<Ordering> {
    match (a.as_i64(), b.as_i64(), a, b) {
        (Some(x), Some(y), _, _) => Some(x.cmp(&y)),
        (Some(x), None, _, Value::Float(f)) => int_float_cmp(x, *f),
        (None, Some(y), Value::Float(f), _) => int_float_cmp(y, *f).map(Ordering::reverse),
        (_, _, Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
        _ => None,
    }
}

fn int_float_cmp(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    // 2**63 as f64 is exact; beyond it every f64 is out of i64's range.
    if f >= 9_223_372_036_854_775_808.0 {
        return Some(Ordering::Less);
    }
    if f < -9_223_372_036_854_775_808.0 {
        return Some(Ordering::Greater);
    }
    let fl = f.floor();
    match i.cmp(&(fl as i64)) {
        Ordering::Equal if f > fl => Some(Ordering::Less),
        o => Some(o),
    }
}

/// A whole comparison `a op b` with Python's semantics on plain values
/// (NaN makes every ordering false); `Ok(None)` when an operand is an ORM
/// object this module cannot order or search.
pub fn compare_op(op: CmpOp, a: &Value, b: &Value) -> Result<Option<bool>> {
    let (a, b) = match op {
        CmpOp::Is | CmpOp::IsNot => (a, b),
        _ => (mixin_view(a), mixin_view(b)),
    };
    let ordered = |sym: &str, pred: fn(Ordering) -> bool| -> Result<Option<bool>> {
        let tuple_like = |v: &Value| {
            !matches!(v, Value::Obj(_))
                || seq_of(v).is_some()
                || v.is::<crate::value::aware_time::AwareTime>()
        };
        if (matches!(a, Value::Obj(_)) || matches!(b, Value::Obj(_)))
            && !(tuple_like(a) && tuple_like(b))
        {
            return Ok(None);
        }
        Ok(Some(compare_sym(sym, a, b)?.is_some_and(pred)))
    };
    match op {
        CmpOp::Eq => Ok(Some(a.py_eq(b)?)),
        CmpOp::Ne => Ok(Some(!a.py_eq(b)?)),
        CmpOp::Lt => ordered("<", Ordering::is_lt),
        CmpOp::Le => ordered("<=", Ordering::is_le),
        CmpOp::Gt => ordered(">", Ordering::is_gt),
        CmpOp::Ge => ordered(">=", Ordering::is_ge),
        CmpOp::In => contains(b, a),
        CmpOp::NotIn => Ok(contains(b, a)?.map(|x| !x)),
        CmpOp::Is => Ok(Some(a.py_is(b))),
        CmpOp::IsNot => Ok(Some(!a.py_is(b))),
    }
}

/// `needle in haystack` for plain containers; `Ok(None)` if unsupported.
pub fn contains(haystack: &Value, needle: &Value) -> Result<Option<bool>> {
    use Value::*;
    let (haystack, needle) = (mixin_view(haystack), mixin_view(needle));
    Ok(Some(match (haystack, needle) {
        (Str(h), Str(n)) => h.contains(&**n),
        (Str(_), Obj(_)) => return Ok(Option::None),
        (Str(_), _) => {
            return Err(Error::type_(format!(
                "'in <string>' requires string as left operand, not {}",
                qual_name(needle)
            )));
        }
        (Bytes(h), Bytes(n)) => n.is_empty() || h.windows(n.len()).any(|w| w == &n[..]),
        (Bytes(h), Int(_) | Bool(_)) => {
            let n = needle.as_i64().unwrap_or(0);
            if !(0..256).contains(&n) {
                return Err(Error::value("byte must be in range(0, 256)"));
            }
            h.contains(&(n as u8))
        }
        (List(l), _) => position(&l.borrow(), needle)?.is_some(),
        (Tuple(t), _) => position(t, needle)?.is_some(),
        (Dict(d), _) => {
            check_hashable(needle)?;
            d.borrow().get(needle).is_some()
        }
        (Range(r), _) => {
            let (start, stop, step) = (&r.0, &r.1, &r.2);
            let n = match needle {
                Int(_) | Bool(_) => needle.as_i64(),
                Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Some(*f as i64),
                _ => Option::None,
            };
            match n {
                Some(n) => {
                    let (start, step) = (*start as i128, *step as i128);
                    let off = n as i128 - start;
                    off % step == 0
                        && off / step >= 0
                        && off / step < range_len(start as i64, *stop, step as i64) as i128
                }
                Option::None => false,
            }
        }
        _ => return Ok(Option::None),
    }))
}

/// TypeError `unhashable type: 'list'` for values Python cannot hash.
/// Tuples are looked into without recursion (they may nest deeply).
pub fn check_hashable(v: &Value) -> Result<()> {
    let mut todo = vec![v];
    while let Some(v) = todo.pop() {
        match v {
            Value::List(_) | Value::Dict(_) => {
                return Err(Error::type_(format!(
                    "unhashable type: '{}'",
                    v.type_name()
                )));
            }
            Value::Tuple(t) => todo.extend(t.iter().rev()),
            Value::Obj(o) => {
                if let Some(Err(e)) = o.value_hash() {
                    return Err(e);
                }
            }
            _ => {}
        }
    }
    Ok(())
}
