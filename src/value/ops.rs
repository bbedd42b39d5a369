//! Python operators on plain values: arithmetic on int/float/bool with
//! 64-bit overflow checks (an OverflowError, never a wrap), floor division
//! and modulo with Python's sign rules, sequence concatenation and
//! repetition, date/timedelta arithmetic, ordering comparisons, `in`, and
//! the unary operators. Operands this module does not know (ORM objects,
//! columns) give `Ok(None)` so the caller can build SQL; `binary_error` and
//! `unary_error` then give Python's TypeError.

use crate::error::{Error, ErrorKind, Result};
use crate::syntax::ast::BinOp;
use crate::value::numbers::int_true_div;
use crate::value::{Value, dates, timedelta};

/// Python's spelling of the operator.
pub fn op_symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "** or pow()",
        BinOp::BitAnd => "&",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
    }
}

/// The class name Python's operator errors use (`datetime.date`, `int`).
pub fn qual_name(v: &Value) -> String {
    match v {
        Value::DateTime(_)
        | Value::Aware(_)
        | Value::Date(_)
        | Value::Time(_)
        | Value::TimeDelta(_) => {
            format!("datetime.{}", v.type_name())
        }
        Value::Decimal(_) => "decimal.Decimal".to_string(),
        Value::Obj(_) if v.is::<crate::value::aware::TimeZone>() => "datetime.timezone".to_string(),
        _ => v.type_name().to_string(),
    }
}

/// The TypeError Python raises for `a op b` when no type supports it.
pub fn binary_error(op: BinOp, a: &Value, b: &Value) -> Error {
    let (ta, tb) = (qual_name(a), qual_name(b));
    match (op, a) {
        (BinOp::Add, Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_)) => {
            let what = if let Value::Bytes(_) = a {
                format!("can't concat {tb} to bytes")
            } else {
                format!("can only concatenate {ta} (not \"{tb}\") to {ta}")
            };
            Error::type_(what)
        }
        (BinOp::Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_))
            if !matches!(b, Value::Obj(_)) =>
        {
            Error::type_(format!("can't multiply sequence by non-int of type '{tb}'"))
        }
        _ => Error::type_(format!(
            "unsupported operand type(s) for {}: '{ta}' and '{tb}'",
            op_symbol(op)
        )),
    }
}

/// The TypeError for a unary operator (`-`, `+`, `~`) on an unsupported value.
pub fn unary_error(symbol: &str, v: &Value) -> Error {
    Error::type_(format!(
        "bad operand type for unary {symbol}: '{}'",
        qual_name(v)
    ))
}

fn overflow() -> Error {
    Error::new(
        ErrorKind::OverflowError,
        "integer overflow: ormsh's integers are 64-bit (from -2**63 to 2**63 - 1); Python's are unbounded",
    )
    .with_help("for larger numbers use Decimal (Decimal(2) ** 100) or a float (2.0 ** 100)")
}

fn zero_div(msg: &str) -> Error {
    Error::new(ErrorKind::ZeroDivisionError, msg)
}

/// `a op b` on plain values; `Ok(None)` when the operand types don't support
/// it (so the caller can try SQL-expression semantics or raise TypeError).
pub fn binary(op: BinOp, a: &Value, b: &Value) -> Result<Option<Value>> {
    use Value::*;
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        if let (Bool(p), Bool(q)) = (a, b) {
            match op {
                BinOp::BitAnd => return Ok(Some(Bool(p & q))),
                BinOp::BitOr => return Ok(Some(Bool(p | q))),
                BinOp::BitXor => return Ok(Some(Bool(p ^ q))),
                _ => {}
            }
        }
        return int_op(op, x, y).map(Some);
    }
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return float_op(op, x, y).map(|v| v.map(Float));
    }
    if let Some(v) = crate::value::decimal::ops::binary(op, a, b)? {
        return Ok(Some(v));
    }
    Ok(match (op, a, b) {
        (BinOp::Add, Str(x), Str(y)) => {
            let mut joined = x.clone();
            joined.push_str(y)?;
            Some(Value::Str(joined))
        }
        (BinOp::Add, List(x), List(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            crate::value::reserve_items(x.len().saturating_add(y.len()))?;
            let mut v = Vec::with_capacity(x.len() + y.len());
            v.extend(x.iter().cloned());
            v.extend(y.iter().cloned());
            Some(Value::list(v))
        }
        (BinOp::Add, Tuple(x), Tuple(y)) => {
            crate::value::reserve_items(x.len().saturating_add(y.len()))?;
            Some(Value::tuple(x.iter().chain(y.iter()).cloned().collect()))
        }
        (BinOp::Add, Bytes(x), Bytes(y)) => {
            crate::value::reserve_str(x.len().saturating_add(y.len()))?;
            Some(Bytes([&x[..], &y[..]].concat().into()))
        }
        (BinOp::Mul, Str(_) | List(_) | Tuple(_) | Bytes(_), Int(_) | Bool(_)) => {
            repeat(a, b.as_i64().unwrap_or(0))?
        }
        (BinOp::Mul, Int(_) | Bool(_), Str(_) | List(_) | Tuple(_) | Bytes(_)) => {
            repeat(b, a.as_i64().unwrap_or(0))?
        }
        (BinOp::BitOr, Dict(x), Dict(y)) => {
            let mut d = x.borrow().clone();
            for (k, v) in y.borrow().iter() {
                d.insert(k.clone(), v.clone())?;
            }
            Some(Dict(std::rc::Rc::new(std::cell::RefCell::new(d))))
        }
        _ => date_op(op, a, b)?,
    })
}

/// int and float operands as f64 (bools too).
fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn int_op(op: BinOp, x: i64, y: i64) -> Result<Value> {
    let v = match op {
        BinOp::Add => x.checked_add(y).ok_or_else(overflow)?,
        BinOp::Sub => x.checked_sub(y).ok_or_else(overflow)?,
        BinOp::Mul => x.checked_mul(y).ok_or_else(overflow)?,
        BinOp::Div => {
            if y == 0 {
                return Err(zero_div("division by zero"));
            }
            return Ok(Value::Float(int_true_div(x as i128, y as i128)));
        }
        BinOp::FloorDiv => {
            if y == 0 {
                return Err(zero_div("integer division or modulo by zero"));
            }
            floor_div(x, y)?
        }
        BinOp::Mod => {
            if y == 0 {
                return Err(zero_div("integer modulo by zero"));
            }
            floor_mod(x, y)
        }
        BinOp::Pow => return int_pow(x, y),
        BinOp::BitAnd => x & y,
        BinOp::BitOr => x | y,
        BinOp::BitXor => x ^ y,
    };
    Ok(Value::Int(v))
}

/// `x // y` rounding toward negative infinity (y != 0).
pub fn floor_div(x: i64, y: i64) -> Result<i64> {
    let q = x.checked_div(y).ok_or_else(overflow)?;
    Ok(if (x % y != 0) && ((x < 0) != (y < 0)) {
        q - 1
    } else {
        q
    })
}

/// `x % y` with the sign of `y` (y != 0).
pub fn floor_mod(x: i64, y: i64) -> i64 {
    if y == -1 {
        return 0;
    }
    let r = x % y;
    if r != 0 && ((r < 0) != (y < 0)) {
        r + y
    } else {
        r
    }
}

fn int_pow(x: i64, y: i64) -> Result<Value> {
    if y < 0 {
        if x == 0 {
            return Err(zero_div("0.0 cannot be raised to a negative power"));
        }
        return float_pow(x as f64, y as f64).map(Value::Float);
    }
    let v = match (x, u32::try_from(y)) {
        (_, Ok(e)) => x.checked_pow(e).ok_or_else(overflow)?,
        (0 | 1, Err(_)) => x,
        (-1, Err(_)) => {
            if y % 2 == 0 {
                1
            } else {
                -1
            }
        }
        _ => return Err(overflow()),
    };
    Ok(Value::Int(v))
}

/// Float arithmetic; `Ok(None)` for the bitwise operators.
fn float_op(op: BinOp, x: f64, y: f64) -> Result<Option<f64>> {
    Ok(Some(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div => {
            if y == 0.0 {
                return Err(zero_div("float division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Err(zero_div("float floor division by zero"));
            }
            float_divmod(x, y).0
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Err(zero_div("float modulo"));
            }
            float_divmod(x, y).1
        }
        BinOp::Pow => float_pow(x, y)?,
        BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor => return Ok(Option::None),
    }))
}

/// CPython's `float_divmod`: floor quotient and a remainder with the sign
/// of the divisor (y != 0).
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

fn float_pow(x: f64, y: f64) -> Result<f64> {
    if x == 0.0 && y < 0.0 {
        return Err(zero_div("0.0 cannot be raised to a negative power"));
    }
    if x < 0.0 && y.is_finite() && y.fract() != 0.0 {
        return Err(Error::value(
            "a negative number raised to a fractional power is complex, \
             which ormsh does not support",
        ));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(Error::new(
            ErrorKind::OverflowError,
            "(34, 'Numerical result out of range')",
        ));
    }
    Ok(r)
}

/// `seq * n`: empty for n <= 0.
fn repeat(seq: &Value, n: i64) -> Result<Option<Value>> {
    let n = n.max(0) as usize;
    let len = match seq {
        Value::Str(s) => s.len(),
        Value::List(l) => l.borrow().len(),
        Value::Tuple(t) => t.len(),
        Value::Bytes(b) => b.len(),
        _ => 0,
    };
    // Python counts in signed machine words: past i64 it is an overflow.
    match (len as i64).checked_mul(n as i64) {
        Some(total) if matches!(seq, Value::Str(_) | Value::Bytes(_)) => {
            crate::value::reserve_str(total as usize)?
        }
        Some(total) => crate::value::reserve_items(total as usize)?,
        None => {
            let what = if matches!(seq, Value::Str(_)) {
                "string"
            } else {
                "sequence"
            };
            return Err(Error::new(
                ErrorKind::OverflowError,
                format!("repeated {what} is too long"),
            ));
        }
    }
    Ok(Some(match seq {
        Value::Str(s) => Value::str(&s.repeat(n)),
        Value::List(l) => {
            let l = l.borrow();
            Value::list(l.iter().cloned().cycle().take(l.len() * n).collect())
        }
        Value::Tuple(t) => Value::tuple(t.iter().cloned().cycle().take(t.len() * n).collect()),
        Value::Bytes(b) => Value::Bytes(b.repeat(n).into()),
        _ => return Ok(Option::None),
    }))
}

/// datetime / date / timedelta arithmetic.
fn date_op(op: BinOp, a: &Value, b: &Value) -> Result<Option<Value>> {
    use Value::*;
    use dates::*;
    use timedelta::*;
    if let Some(r) = crate::value::aware::arith(op, a, b) {
        return r.map(Some);
    }
    Ok(Some(match (op, a, b) {
        (BinOp::Add, DateTime(d), TimeDelta(t)) | (BinOp::Add, TimeDelta(t), DateTime(d)) => {
            DateTime(datetime_add(d, t)?)
        }
        (BinOp::Sub, DateTime(d), TimeDelta(t)) => DateTime(datetime_add(d, &-*t)?),
        (BinOp::Sub, DateTime(x), DateTime(y)) => TimeDelta(*x - *y),
        (BinOp::Add, Date(d), TimeDelta(t)) | (BinOp::Add, TimeDelta(t), Date(d)) => {
            Date(date_add(d, t)?)
        }
        (BinOp::Sub, Date(d), TimeDelta(t)) => Date(date_add(d, &-*t)?),
        (BinOp::Sub, Date(x), Date(y)) => TimeDelta(*x - *y),
        (BinOp::Add, TimeDelta(x), TimeDelta(y)) => {
            TimeDelta(td_from_micros(td_micros(x) + td_micros(y))?)
        }
        (BinOp::Sub, TimeDelta(x), TimeDelta(y)) => {
            TimeDelta(td_from_micros(td_micros(x) - td_micros(y))?)
        }
        (BinOp::Mul, TimeDelta(t), Int(_) | Bool(_)) => {
            TimeDelta(td_mul_int(t, b.as_i64().unwrap_or(0))?)
        }
        (BinOp::Mul, Int(_) | Bool(_), TimeDelta(t)) => {
            TimeDelta(td_mul_int(t, a.as_i64().unwrap_or(0))?)
        }
        (BinOp::Mul, TimeDelta(t), Float(x)) | (BinOp::Mul, Float(x), TimeDelta(t)) => {
            TimeDelta(td_mul_float(t, *x)?)
        }
        (BinOp::Div, TimeDelta(t), Int(_) | Bool(_)) => {
            TimeDelta(td_div_int(t, b.as_i64().unwrap_or(0))?)
        }
        (BinOp::Div, TimeDelta(t), Float(x)) => TimeDelta(td_div_float(t, *x)?),
        (BinOp::Div, TimeDelta(x), TimeDelta(y)) => {
            let d = td_micros(y);
            if d == 0 {
                return Err(zero_div("division by zero"));
            }
            Float(int_true_div(td_micros(x), d))
        }
        (BinOp::FloorDiv, TimeDelta(t), Int(_) | Bool(_)) => {
            TimeDelta(td_floordiv_int(t, b.as_i64().unwrap_or(0))?)
        }
        (BinOp::FloorDiv, TimeDelta(x), TimeDelta(y)) => {
            let d = td_micros(y);
            if d == 0 {
                return Err(zero_div("integer division or modulo by zero"));
            }
            let q = floor_div_i128(td_micros(x), d);
            Int(i64::try_from(q).map_err(|_| overflow())?)
        }
        (BinOp::Mod, TimeDelta(x), TimeDelta(y)) => {
            let d = td_micros(y);
            if d == 0 {
                return Err(zero_div("integer modulo by zero"));
            }
            let (x, d) = (td_micros(x), d);
            TimeDelta(td_from_micros(x - floor_div_i128(x, d) * d)?)
        }
        _ => return Ok(Option::None),
    }))
}

/// `-v`; `Ok(None)` when unsupported.
pub fn unary_neg(v: &Value) -> Result<Option<Value>> {
    Ok(Some(match v {
        Value::Int(i) => Value::Int(i.checked_neg().ok_or_else(overflow)?),
        Value::Bool(b) => Value::Int(-(*b as i64)),
        Value::Float(f) => Value::Float(-f),
        Value::Decimal(d) => Value::Decimal(std::rc::Rc::new(d.neg().plus()?)),
        Value::TimeDelta(t) => {
            Value::TimeDelta(timedelta::td_from_micros(-timedelta::td_micros(t))?)
        }
        _ => return Ok(Option::None),
    }))
}

/// `+v`; `Ok(None)` when unsupported.
pub fn unary_pos(v: &Value) -> Result<Option<Value>> {
    Ok(Some(match v {
        Value::Int(_) | Value::Float(_) | Value::TimeDelta(_) => v.clone(),
        Value::Decimal(d) => Value::Decimal(std::rc::Rc::new(d.plus()?)),
        Value::Bool(b) => Value::Int(*b as i64),
        _ => return Ok(Option::None),
    }))
}

/// `~v`; `Ok(None)` when unsupported.
pub fn unary_invert(v: &Value) -> Result<Option<Value>> {
    Ok(Some(match v {
        Value::Int(i) => Value::Int(!i),
        Value::Bool(b) => Value::Int(!(*b as i64)),
        _ => return Ok(Option::None),
    }))
}

#[cfg(test)]
#[path = "ops_tests.rs"]
mod tests;
