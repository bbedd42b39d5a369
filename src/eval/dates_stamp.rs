//! POSIX timestamps into datetimes, as Python's `datetime` module reads
//! them: `datetime.fromtimestamp(ts, tz=None)` (local wall time, or the
//! time in `tz`) and `datetime.utcfromtimestamp(ts)` (naive UTC). The
//! number is split into seconds and microseconds rounded half to even,
//! as CPython's `_PyTime_ObjectToTimeval` does, then range-checked.

use chrono::{DateTime, Datelike, NaiveDateTime, TimeDelta};

use crate::error::{Error, ErrorKind, Result};
use crate::eval::args::Args;
use crate::eval::{dates_local, dates_tz};
use crate::value::{Value, aware, dates};

/// `datetime.fromtimestamp(timestamp, tz=None)`.
pub fn fromtimestamp(mut a: Args) -> Result<Value> {
    a.keyword_at(1, "tz")?;
    a.keyword_at(0, "timestamp")?;
    a.count(1, 2)?;
    let tz = match a.pos.get(1) {
        Some(v) => dates_tz::tzinfo_arg(v)?,
        None => None,
    };
    let (secs, us) = stamp(&a.pos[0])?;
    let utc = utc_of(secs, us)?;
    match tz {
        Some(tz) => Ok(Value::aware(aware::convert(utc, &tz)?)),
        None => in_years(dates_local::wall_at(secs, us)?).map(Value::DateTime),
    }
}

/// `datetime.utcfromtimestamp(timestamp)`: naive UTC.
pub fn utcfromtimestamp(a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let (secs, us) = stamp(&a.pos[0])?;
    utc_of(secs, us).map(Value::DateTime)
}

/// A timestamp as whole seconds and microseconds, with CPython's errors.
fn stamp(v: &Value) -> Result<(i64, i64)> {
    Ok(match v {
        Value::Int(_) | Value::Bool(_) => (v.as_i64().unwrap_or(0), 0),
        Value::Float(f) => split(*f)?,
        other => {
            return Err(Error::type_(format!(
                "'{}' object cannot be interpreted as an integer",
                crate::value::ops::qual_name(other)
            ))
            .with_help("a timestamp is seconds since 1970-01-01 UTC, an int or a float"));
        }
    })
}

/// The UTC wall time of a timestamp, within Python's years.
fn utc_of(secs: i64, us: i64) -> Result<NaiveDateTime> {
    let days = secs.div_euclid(86_400);
    let year = civil_year(days);
    if !dates::YEARS.contains(&year) {
        return Err(Error::value(format!("year {year} is out of range")));
    }
    let epoch = DateTime::UNIX_EPOCH.naive_utc();
    TimeDelta::try_seconds(secs)
        .and_then(|s| epoch.checked_add_signed(s + TimeDelta::microseconds(us)))
        .ok_or_else(|| Error::value(format!("year {year} is out of range")))
        .and_then(in_years)
}

/// A float timestamp as whole seconds and microseconds, the fraction
/// rounded half to even (CPython's `_PyTime_DoubleToDenominator`).
fn split(f: f64) -> Result<(i64, i64)> {
    if f.is_nan() {
        return Err(Error::value("Invalid value NaN (not a number)"));
    }
    let mut int = f.trunc();
    let mut frac = ((f - int) * 1e6).round_ties_even();
    if frac >= 1e6 {
        frac -= 1e6;
        int += 1.0;
    } else if frac < 0.0 {
        frac += 1e6;
        int -= 1.0;
    }
    // time_t is 64 bits: CPython refuses what does not fit.
    if !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&int) {
        return Err(Error::new(
            ErrorKind::OverflowError,
            "timestamp out of range for platform time_t",
        ));
    }
    Ok((int as i64, frac as i64))
}

/// The proleptic Gregorian year of a day count from 1970-01-01 (Howard
/// Hinnant's `civil_from_days`), for the range error's year.
fn civil_year(days: i64) -> i64 {
    let z = days as i128 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i128::from(month <= 2);
    year.clamp(i64::MIN as i128, i64::MAX as i128) as i64
}

/// A datetime within Python's years 1..=9999.
fn in_years(dt: NaiveDateTime) -> Result<NaiveDateTime> {
    let year = dt.year() as i64;
    if dates::YEARS.contains(&year) {
        Ok(dt)
    } else {
        Err(Error::value(format!("year {year} is out of range")))
    }
}
