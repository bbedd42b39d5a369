//! Python's `date`, `datetime` and `time` values over chrono: construction
//! with CPython's range checks and messages, `repr()` and `str()`, and
//! `date(time) ± timedelta`. Years are 1..=9999 as in Python (chrono's own
//! range is far wider, so every constructor and sum checks it). Timedeltas
//! live in `timedelta.rs`, `strftime` in `strftime.rs`.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike};

use crate::error::{Error, ErrorKind, Result};
use crate::value::repr::str_repr;
use crate::value::timedelta::td_parts;

/// Python's `datetime.MINYEAR` and `MAXYEAR`.
pub const YEARS: std::ops::RangeInclusive<i64> = 1..=9999;

/// An argument of `date`/`datetime`/`time`: CPython parses each into a C
/// int before any range check, with these OverflowErrors.
pub fn c_int(v: i64) -> Result<i64> {
    if v > i32::MAX as i64 {
        Err(overflow("signed integer is greater than maximum"))
    } else if v < i32::MIN as i64 {
        Err(overflow("signed integer is less than minimum"))
    } else {
        Ok(v)
    }
}

/// `date(year, month, day)` with CPython's checks, in its order.
pub fn new_date(year: i64, month: i64, day: i64) -> Result<NaiveDate> {
    if !YEARS.contains(&year) {
        return Err(Error::value(format!("year {year} is out of range")));
    }
    if !(1..=12).contains(&month) {
        return Err(Error::value("month must be in 1..12"));
    }
    u32::try_from(day)
        .ok()
        .and_then(|d| NaiveDate::from_ymd_opt(year as i32, month as u32, d))
        .ok_or_else(|| Error::value("day is out of range for month"))
}

/// `date.fromisoformat(text)` as in Python 3.11: `YYYY-MM-DD`, `YYYYMMDD`,
/// and ISO weeks `YYYY-Www[-D]`, `YYYYWww[D]`, ASCII digits only; the
/// fields then go through `new_date`'s checks and messages.
pub fn date_from_iso(text: &str) -> Result<NaiveDate> {
    let invalid = || Error::value(format!("Invalid isoformat string: {}", str_repr(text)));
    let b = text.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = b.get(r)?;
        s.iter()
            .all(u8::is_ascii_digit)
            .then(|| s.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let year = num(0..4).ok_or_else(invalid)?;
    // The week forms: W after the year (and its dash, if any).
    let dash = usize::from(b.get(4) == Some(&b'-'));
    if b.get(4 + dash) == Some(&b'W') {
        let at = 5 + dash;
        let week = num(at..at + 2).ok_or_else(invalid)?;
        let day = match b.len() - (at + 2) {
            0 => 1,
            n if n == 1 + dash && (dash == 0 || b[at + 2] == b'-') => {
                num(b.len() - 1..b.len()).ok_or_else(invalid)?
            }
            _ => return Err(invalid()),
        };
        if year == 0 {
            // CPython 3.11's own message here (its week conversion fails
            // and leaves the month unset).
            return Err(Error::value("month must be in 1..12"));
        }
        let weekday = u32::try_from(day)
            .ok()
            .and_then(|d| chrono::Weekday::try_from(d.wrapping_sub(1) as u8).ok());
        return weekday
            .and_then(|wd| NaiveDate::from_isoywd_opt(year as i32, week as u32, wd))
            .ok_or_else(invalid);
    }
    let (month, day) = match (b.len(), dash) {
        (10, 1) if b[7] == b'-' => (num(5..7), num(8..10)),
        (8, 0) => (num(4..6), num(6..8)),
        _ => (None, None),
    };
    new_date(year, month.ok_or_else(invalid)?, day.ok_or_else(invalid)?)
}

/// `time(hour, minute, second, microsecond)` with CPython's checks.
pub fn new_time(hour: i64, minute: i64, second: i64, micro: i64) -> Result<NaiveTime> {
    let fields = [
        ("hour", hour, 23),
        ("minute", minute, 59),
        ("second", second, 59),
        ("microsecond", micro, 999_999),
    ];
    for (name, v, max) in fields {
        if !(0..=max).contains(&v) {
            return Err(Error::value(format!("{name} must be in 0..{max}")));
        }
    }
    NaiveTime::from_hms_micro_opt(hour as u32, minute as u32, second as u32, micro as u32)
        .ok_or_else(|| Error::value("hour must be in 0..23"))
}

/// `datetime.datetime(2024, 1, 2, 3, 4, 5)`: seconds and microseconds are
/// dropped from the end while zero; hour and minute always shown.
pub fn datetime_repr(dt: &NaiveDateTime) -> String {
    let mut s = format!(
        "datetime.datetime({}, {}, {}, {}, {}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute()
    );
    push_sec_us(&mut s, dt.second(), micros(dt.nanosecond()));
    s.push(')');
    s
}

pub fn date_repr(d: &NaiveDate) -> String {
    format!("datetime.date({}, {}, {})", d.year(), d.month(), d.day())
}

/// `datetime.time(3, 4)`, `datetime.time(3, 4, 5, 6)`.
pub fn time_repr(t: &NaiveTime) -> String {
    let mut s = format!("datetime.time({}, {}", t.hour(), t.minute());
    push_sec_us(&mut s, t.second(), micros(t.nanosecond()));
    s.push(')');
    s
}

fn push_sec_us(s: &mut String, sec: u32, us: u32) {
    if us != 0 {
        let _ = write!(s, ", {sec}, {us}");
    } else if sec != 0 {
        let _ = write!(s, ", {sec}");
    }
}

/// Microseconds of a chrono nanosecond field (leap seconds folded in).
fn micros(nanos: u32) -> u32 {
    (nanos % 1_000_000_000) / 1000
}

/// `str(datetime)`: `2024-01-02 03:04:05[.ffffff]`.
pub fn datetime_str(dt: &NaiveDateTime) -> String {
    format!("{} {}", date_str(&dt.date()), time_str(&dt.time()))
}

pub fn date_str(d: &NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

pub fn time_str(t: &NaiveTime) -> String {
    let mut s = format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second());
    let us = micros(t.nanosecond());
    if us != 0 {
        let _ = write!(s, ".{us:06}");
    }
    s
}

pub fn date_at_midnight(d: &NaiveDate) -> NaiveDateTime {
    d.and_time(NaiveTime::MIN)
}

pub fn time_on_1900(t: &NaiveTime) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(1900, 1, 1)
        .unwrap_or(NaiveDate::MIN)
        .and_time(*t)
}

/// `datetime + timedelta`.
pub fn datetime_add(dt: &NaiveDateTime, td: &TimeDelta) -> Result<NaiveDateTime> {
    dt.checked_add_signed(*td)
        .filter(|d| YEARS.contains(&(d.year() as i64)))
        .ok_or_else(|| overflow("date value out of range"))
}

/// `date + timedelta`: only whole days count, as in Python.
pub fn date_add(d: &NaiveDate, td: &TimeDelta) -> Result<NaiveDate> {
    let (days, _, _) = td_parts(td);
    TimeDelta::try_days(days)
        .and_then(|t| d.checked_add_signed(t))
        .filter(|d| YEARS.contains(&(d.year() as i64)))
        .ok_or_else(|| overflow("date value out of range"))
}

fn overflow(msg: &str) -> Error {
    Error::new(ErrorKind::OverflowError, msg)
}

#[cfg(test)]
#[path = "dates_tests.rs"]
mod tests;
