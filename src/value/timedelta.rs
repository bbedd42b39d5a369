//! Python's `datetime.timedelta` over chrono's `TimeDelta`: construction
//! from mixed int/float components, `repr()`/`str()`, and the arithmetic
//! operators use — all exact in microseconds, with CPython 3.11's rounding
//! (half to even) and its errors. A timedelta holds `|days| <= 999999999`;
//! it is normalised as Python stores it: days of any sign,
//! `0 <= seconds < 86400`, `0 <= microseconds < 10**6`.

use std::fmt::Write;

use chrono::TimeDelta;

use crate::error::{Error, ErrorKind, Result};
use crate::value::numbers::{Ratio, divide_nearest, float_ratio};

pub const US_PER_DAY: i128 = 86_400_000_000;
const MAX_DAYS: i128 = 999_999_999;

/// The whole delta in microseconds (Python's resolution).
pub fn td_micros(td: &TimeDelta) -> i128 {
    td.num_seconds() as i128 * 1_000_000 + (td.subsec_nanos() / 1000) as i128
}

/// A timedelta of `us` microseconds, or CPython's OverflowError: days that
/// do not fit a C int, then days beyond 999999999.
pub fn td_from_micros(us: i128) -> Result<TimeDelta> {
    let days = us.div_euclid(US_PER_DAY);
    if i32::try_from(days).is_err() {
        return Err(c_int_overflow());
    }
    if days.abs() > MAX_DAYS {
        return Err(overflow(&format!(
            "days={days}; must have magnitude <= {MAX_DAYS}"
        )));
    }
    // In range, so both parts fit easily.
    let secs = us.div_euclid(1_000_000) as i64;
    let rest = us.rem_euclid(1_000_000) as i64;
    TimeDelta::try_seconds(secs)
        .and_then(|s| s.checked_add(&TimeDelta::microseconds(rest)))
        .ok_or_else(|| overflow("date value out of range"))
}

/// A timedelta from an exact count that may not even fit an i128.
fn td_from_checked(us: Option<i128>) -> Result<TimeDelta> {
    us.ok_or_else(c_int_overflow).and_then(td_from_micros)
}

fn overflow(msg: &str) -> Error {
    Error::new(ErrorKind::OverflowError, msg)
}

/// CPython's error when a day count does not fit a C int.
fn c_int_overflow() -> Error {
    overflow("Python int too large to convert to C int")
}

fn zero_division() -> Error {
    Error::new(
        ErrorKind::ZeroDivisionError,
        "integer division or modulo by zero",
    )
}

/// One component of `timedelta(...)`: an int, or a float (NaN and
/// infinities are refused as Python refuses them).
#[derive(Clone, Copy, Debug)]
pub enum Component {
    Int(i64),
    Float(f64),
}

/// `timedelta(days, seconds, microseconds, milliseconds, minutes, hours,
/// weeks)`: `parts` are the given components in that positional order
/// (`None` when not given). CPython's algorithm: whole parts add up exactly,
/// fractional parts gather in a float that is rounded half to even once.
pub fn td_new(parts: [Option<Component>; 7]) -> Result<TimeDelta> {
    // (index into `parts`, microseconds per unit), in CPython's order.
    const ORDER: [(usize, i128); 7] = [
        (2, 1),
        (3, 1_000),
        (1, 1_000_000),
        (4, 60_000_000),
        (5, 3_600_000_000),
        (0, US_PER_DAY),
        (6, 7 * US_PER_DAY),
    ];
    // `None` once the exact sum has grown beyond anything representable;
    // the error then comes at the end, after every component was checked.
    let mut us: Option<i128> = Some(0);
    let mut leftover = 0.0f64;
    for (i, factor) in ORDER {
        match parts[i] {
            None => {}
            Some(Component::Int(n)) => {
                us = us.and_then(|u| u.checked_add(n as i128 * factor));
            }
            Some(Component::Float(x)) => {
                let whole = float_to_exact(x)?;
                let frac = x - x.trunc();
                us = us
                    .zip(whole)
                    .and_then(|(u, w)| u.checked_add(w.checked_mul(factor)?));
                if frac != 0.0 {
                    let scaled = factor as f64 * frac;
                    us = us.map(|u| u + scaled.trunc() as i128);
                    leftover += scaled - scaled.trunc();
                }
            }
        }
    }
    if leftover != 0.0
        && let Some(u) = us
    {
        let mut whole = leftover.round();
        if (whole - leftover).abs() == 0.5 {
            let odd = (u & 1) as f64;
            whole = 2.0 * ((leftover + odd) * 0.5).round() - odd;
        }
        us = Some(u + whole as i128);
    }
    td_from_checked(us)
}

/// The integer part of a float exactly, `None` when it is too large to
/// matter (|x| >= 2**80: any timedelta built from it overflows).
fn float_to_exact(x: f64) -> Result<Option<i128>> {
    if x.is_nan() {
        return Err(Error::value("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(overflow("cannot convert float infinity to integer"));
    }
    let t = x.trunc();
    Ok((t.abs() < 2f64.powi(80)).then_some(t as i128))
}

/// (days, seconds, microseconds) normalised as Python stores them.
pub fn td_parts(td: &TimeDelta) -> (i64, i64, i64) {
    let us = td_micros(td);
    let days = us.div_euclid(US_PER_DAY);
    let rest = us.rem_euclid(US_PER_DAY);
    (
        days as i64,
        (rest / 1_000_000) as i64,
        (rest % 1_000_000) as i64,
    )
}

/// `datetime.timedelta(days=1, seconds=3600)`, `datetime.timedelta(0)`.
pub fn timedelta_repr(td: &TimeDelta) -> String {
    let (d, s, us) = td_parts(td);
    let mut parts = Vec::new();
    if d != 0 {
        parts.push(format!("days={d}"));
    }
    if s != 0 {
        parts.push(format!("seconds={s}"));
    }
    if us != 0 {
        parts.push(format!("microseconds={us}"));
    }
    if parts.is_empty() {
        parts.push("0".into());
    }
    format!("datetime.timedelta({})", parts.join(", "))
}

/// `str(timedelta)`: `1 day, 1:00:00`, `-1 day, 23:59:59`, `0:00:00.000005`.
pub fn timedelta_str(td: &TimeDelta) -> String {
    let (d, s, us) = td_parts(td);
    let mut out = String::new();
    if d != 0 {
        let plural = if d.abs() != 1 { "s" } else { "" };
        let _ = write!(out, "{d} day{plural}, ");
    }
    let _ = write!(out, "{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    if us != 0 {
        let _ = write!(out, ".{us:06}");
    }
    out
}

/// `td.total_seconds()`: microseconds / 10**6, correctly rounded as
/// Python's int division is (the decimal text parses exactly).
pub fn total_seconds(td: &TimeDelta) -> f64 {
    let us = td_micros(td);
    let sign = if us < 0 { "-" } else { "" };
    let a = us.unsigned_abs();
    format!("{sign}{}.{:06}", a / 1_000_000, a % 1_000_000)
        .parse()
        .unwrap_or(0.0)
}

/// `timedelta * int`.
pub fn td_mul_int(td: &TimeDelta, n: i64) -> Result<TimeDelta> {
    td_from_checked(td_micros(td).checked_mul(n as i128))
}

/// `timedelta * float`: microseconds times the float's exact ratio,
/// rounded half to even.
pub fn td_mul_float(td: &TimeDelta, x: f64) -> Result<TimeDelta> {
    let us = td_micros(td);
    match float_ratio(x)? {
        _ if us == 0 => td_from_micros(0),
        Ratio::Zero => td_from_micros(0),
        // x = m * 2**e, e >= 0: an integer product (|us * m| < 2**120).
        Ratio::Scaled { m, e } if e >= 0 => td_from_checked(shl(us * m as i128, e as u32)),
        // x = m / 2**k: |us * m| < 2**120, below half of 2**k when k > 121.
        Ratio::Scaled { m, e } => {
            let k = (-e) as u32;
            if k > 121 {
                return td_from_micros(0);
            }
            td_from_micros(divide_nearest(us * m as i128, 1i128 << k))
        }
    }
}

/// `timedelta / int`, rounded half to even.
pub fn td_div_int(td: &TimeDelta, n: i64) -> Result<TimeDelta> {
    if n == 0 {
        return Err(zero_division());
    }
    td_from_micros(divide_nearest(td_micros(td), n as i128))
}

/// `timedelta / float`: microseconds times the float's inverse ratio,
/// rounded half to even.
pub fn td_div_float(td: &TimeDelta, x: f64) -> Result<TimeDelta> {
    let us = td_micros(td);
    match float_ratio(x)? {
        Ratio::Zero => Err(zero_division()),
        _ if us == 0 => td_from_micros(0),
        // us / (m * 2**e): the divisor exceeds 2**125 > 2|us| when e > 72.
        Ratio::Scaled { m, e } if e >= 0 => {
            if e > 72 {
                return td_from_micros(0);
            }
            td_from_micros(divide_nearest(us, (m as i128) << e))
        }
        // us * 2**k / m.
        Ratio::Scaled { m, e } => {
            let scaled = shl(us, (-e) as u32);
            td_from_checked(scaled.map(|s| divide_nearest(s, m as i128)))
        }
    }
}

/// `v * 2**e`, `None` when it does not fit an i128.
fn shl(v: i128, e: u32) -> Option<i128> {
    (v == 0 || v.unsigned_abs().leading_zeros() > e + 1).then(|| v << e.min(127))
}

/// `timedelta // int`.
pub fn td_floordiv_int(td: &TimeDelta, n: i64) -> Result<TimeDelta> {
    if n == 0 {
        return Err(zero_division());
    }
    td_from_micros(floor_div_i128(td_micros(td), n as i128))
}

/// Floor division of microsecond counts, Python style.
pub fn floor_div_i128(a: i128, b: i128) -> i128 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

#[cfg(test)]
#[path = "timedelta_tests.rs"]
mod tests;
