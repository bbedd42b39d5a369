//! Decimals among Python's values: arithmetic with ints and other
//! decimals (a float operand is Python's TypeError), exact comparison
//! with ints and floats, and the float a decimal hashes as.

use std::cmp::Ordering;
use std::rc::Rc;

use super::Decimal;
use crate::error::{Error, ErrorKind, Result};
use crate::syntax::ast::BinOp;
use crate::value::Value;

/// An int, bool or decimal as a decimal (what `Decimal` arithmetic takes).
pub fn as_decimal(v: &Value) -> Option<Decimal> {
    match v {
        Value::Decimal(d) => Some((**d).clone()),
        Value::Int(_) | Value::Bool(_) => v.as_i64().map(Decimal::from_i64),
        _ => None,
    }
}

/// The exact order of two numbers one of which is a decimal; `None` when
/// a float NaN makes them unordered.
pub fn num_cmp(a: &Value, b: &Value) -> Option<Ordering> {
    let side = |v: &Value| -> Option<Result<Decimal, f64>> {
        match v {
            Value::Float(f) if !f.is_finite() => Some(Err(*f)),
            Value::Float(f) => Decimal::from_f64(*f).ok().map(Ok),
            _ => as_decimal(v).map(Ok),
        }
    };
    match (side(a)?, side(b)?) {
        (Ok(x), Ok(y)) => Some(x.cmp_num(&y)),
        (Err(f), Ok(_)) => f.partial_cmp(&0.0).filter(|_| !f.is_nan()),
        (Ok(_), Err(f)) => 0.0.partial_cmp(&f).filter(|_| !f.is_nan()),
        (Err(x), Err(y)) => x.partial_cmp(&y),
    }
}

/// `a op b` where one side is a decimal and the other an int, bool or
/// decimal; `Ok(None)` for other operands (a float among them), so the
/// caller raises Python's TypeError.
pub fn binary(op: BinOp, a: &Value, b: &Value) -> Result<Option<Value>> {
    if !matches!(a, Value::Decimal(_)) && !matches!(b, Value::Decimal(_)) {
        return Ok(None);
    }
    let (Some(x), Some(y)) = (as_decimal(a), as_decimal(b)) else {
        return Ok(None);
    };
    let r = match op {
        BinOp::Add => x.add(&y)?,
        BinOp::Sub => x.sub(&y)?,
        BinOp::Mul => x.mul(&y)?,
        BinOp::Div => x.div(&y)?,
        BinOp::FloorDiv => x.floor_div(&y)?,
        BinOp::Mod => x.rem(&y)?,
        BinOp::Pow => match y.to_i64().filter(|_| y.is_integral()) {
            Some(n) => x.powi(n)?,
            None => {
                return Err(Error::new(
                    ErrorKind::NotImplementedError,
                    "a Decimal raised to a non-integer power is not supported by ormsh",
                )
                .with_help("raise it to a whole number, or use float(d) ** y"));
            }
        },
        _ => return Ok(None),
    };
    Ok(Some(Value::Decimal(Rc::new(r))))
}

/// `round(d)` (an int, ties to even) or `round(d, n)` (a decimal with
/// exponent `-n`, `Decimal.__round__`).
pub fn round(d: &Decimal, n: Option<i64>) -> Result<Value> {
    match n {
        None => d.round_int().map(Value::Int).ok_or_else(|| {
            Error::new(
                ErrorKind::OverflowError,
                "the Decimal is too large for an ormsh int (64 bits)",
            )
        }),
        Some(n) => Ok(Value::Decimal(Rc::new(
            d.quantize(n.checked_neg().unwrap_or(i64::MAX))?,
        ))),
    }
}

/// `int(d)`: truncated toward zero.
pub fn to_int(d: &Decimal) -> Result<Value> {
    d.to_i64().map(Value::Int).ok_or_else(|| {
        Error::new(
            ErrorKind::OverflowError,
            "the Decimal is too large for an ormsh int (64 bits)",
        )
    })
}
