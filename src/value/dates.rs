//! Python's `datetime` module values over chrono: their `repr()` and `str()`,
//! `strftime` with Python's directives, and the date/timedelta arithmetic
//! operators use (`datetime ± timedelta`, `datetime - datetime`, timedelta
//! scaling). Timedeltas are normalised as Python does: days of any sign,
//! `0 <= seconds < 86400`, `0 <= microseconds < 10**6`.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike};

use crate::error::{Error, ErrorKind, Result};

const US_PER_DAY: i128 = 86_400_000_000;

/// The whole delta in microseconds (Python's resolution).
pub fn td_micros(td: &TimeDelta) -> i128 {
    td.num_seconds() as i128 * 1_000_000 + (td.subsec_nanos() / 1000) as i128
}

/// A timedelta of `us` microseconds; OverflowError when out of range.
pub fn td_from_micros(us: i128) -> Result<TimeDelta> {
    // Python's limit: |days| <= 999999999.
    if us.abs() >= 1_000_000_000 * US_PER_DAY {
        return Err(overflow(
            "days=1000000000; must have magnitude <= 999999999",
        ));
    }
    let secs = us.div_euclid(1_000_000) as i64;
    let rest = us.rem_euclid(1_000_000) as i64;
    TimeDelta::try_seconds(secs)
        .and_then(|s| s.checked_add(&TimeDelta::microseconds(rest)))
        .ok_or_else(|| overflow("date value out of range"))
}

fn overflow(msg: &str) -> Error {
    Error::new(ErrorKind::OverflowError, msg)
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

/// Python's `strftime` on a datetime (dates format at midnight, times on
/// 1900-01-01 as Python does). `%f` is microseconds, `%z`/`%Z` are empty for
/// naive values, unknown directives are kept as written.
pub fn strftime(dt: &NaiveDateTime, fmt: &str) -> String {
    let mut out = String::new();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            None => out.push('%'),
            Some('%') => out.push('%'),
            Some('f') => {
                let _ = write!(out, "{:06}", micros(dt.nanosecond()));
            }
            Some('z' | 'Z') => {}
            Some(d) if "aAwdbBmyYHIpMSjUWcxXGuVeTDFRChnt".contains(d) => {
                let spec = format!("%{d}");
                if write!(out, "{}", dt.format(&spec)).is_err() {
                    out.push_str(&spec);
                }
            }
            Some(d) => {
                out.push('%');
                out.push(d);
            }
        }
    }
    out
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
        .filter(|d| (1..=9999).contains(&d.year()))
        .ok_or_else(|| overflow("date value out of range"))
}

/// `date + timedelta`: only whole days count, as in Python.
pub fn date_add(d: &NaiveDate, td: &TimeDelta) -> Result<NaiveDate> {
    let (days, _, _) = td_parts(td);
    TimeDelta::try_days(days)
        .and_then(|t| d.checked_add_signed(t))
        .filter(|d| (1..=9999).contains(&d.year()))
        .ok_or_else(|| overflow("date value out of range"))
}

/// `timedelta * int`.
pub fn td_mul_int(td: &TimeDelta, n: i64) -> Result<TimeDelta> {
    td_from_micros(td_micros(td) * n as i128)
}

/// `timedelta * float`, rounding microseconds half to even as Python does.
pub fn td_mul_float(td: &TimeDelta, x: f64) -> Result<TimeDelta> {
    if !x.is_finite() {
        return Err(if x.is_nan() {
            Error::value("cannot convert float NaN to integer")
        } else {
            overflow("cannot convert float infinity to integer")
        });
    }
    let us = (td_micros(td) as f64 * x).round_ties_even();
    if us.abs() > 1e20 {
        return Err(overflow("date value out of range"));
    }
    td_from_micros(us as i128)
}

/// `timedelta / float|int`.
pub fn td_div_float(td: &TimeDelta, x: f64) -> Result<TimeDelta> {
    if x == 0.0 {
        return Err(Error::new(ErrorKind::ZeroDivisionError, "division by zero"));
    }
    td_mul_float(td, 1.0 / x).or_else(|_| {
        let us = (td_micros(td) as f64 / x).round_ties_even();
        td_from_micros(us as i128)
    })
}

/// `timedelta // int`.
pub fn td_floordiv_int(td: &TimeDelta, n: i64) -> Result<TimeDelta> {
    if n == 0 {
        return Err(Error::new(
            ErrorKind::ZeroDivisionError,
            "integer division or modulo by zero",
        ));
    }
    td_from_micros(floor_div_i128(td_micros(td), n as i128))
}

/// div_euclid differs from floor division for negative divisors.
fn adjust(a: i128, b: i128) -> i128 {
    if b < 0 && a.rem_euclid(b) != 0 { 1 } else { 0 }
}

/// Floor division of microsecond counts, Python style.
pub fn floor_div_i128(a: i128, b: i128) -> i128 {
    a.div_euclid(b) - adjust(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(y: i32, m: u32, d: u32, h: u32, mi: u32, s: u32, us: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_micro_opt(h, mi, s, us)
            .unwrap()
    }

    // Expected strings checked against CPython 3.11, e.g.
    // python3 -c 'import datetime; print(repr(datetime.datetime(2024,1,2)))'
    #[test]
    fn reprs_match_python() {
        let cases = [
            (
                dt(2024, 1, 2, 3, 4, 5, 0),
                "datetime.datetime(2024, 1, 2, 3, 4, 5)",
            ),
            (
                dt(2024, 1, 2, 0, 0, 0, 0),
                "datetime.datetime(2024, 1, 2, 0, 0)",
            ),
            (
                dt(2024, 1, 2, 3, 4, 0, 7),
                "datetime.datetime(2024, 1, 2, 3, 4, 0, 7)",
            ),
        ];
        for (d, want) in cases {
            assert_eq!(datetime_repr(&d), want);
        }
        assert_eq!(
            datetime_str(&dt(2024, 1, 2, 3, 4, 5, 120)),
            "2024-01-02 03:04:05.000120"
        );
        assert_eq!(
            datetime_str(&dt(2024, 1, 2, 0, 0, 0, 0)),
            "2024-01-02 00:00:00"
        );
        let t = NaiveTime::from_hms_opt(3, 4, 0).unwrap();
        assert_eq!(time_repr(&t), "datetime.time(3, 4)");
        assert_eq!(time_str(&t), "03:04:00");
        let d = NaiveDate::from_ymd_opt(24, 1, 2).unwrap();
        assert_eq!(date_repr(&d), "datetime.date(24, 1, 2)");
        assert_eq!(date_str(&d), "0024-01-02");
    }

    // python3 -c 'import datetime as d; print(repr(d.timedelta(seconds=-1)), str(d.timedelta(seconds=-1)))'
    #[test]
    fn timedeltas_match_python() {
        let cases: &[(i128, &str, &str)] = &[
            (0, "datetime.timedelta(0)", "0:00:00"),
            (
                90_000_000_000,
                "datetime.timedelta(days=1, seconds=3600)",
                "1 day, 1:00:00",
            ),
            (
                -1_000_000,
                "datetime.timedelta(days=-1, seconds=86399)",
                "-1 day, 23:59:59",
            ),
            (5, "datetime.timedelta(microseconds=5)", "0:00:00.000005"),
            (
                2 * 86_400_000_000 + 61_000_000,
                "datetime.timedelta(days=2, seconds=61)",
                "2 days, 0:01:01",
            ),
            (
                -2 * 86_400_000_000,
                "datetime.timedelta(days=-2)",
                "-2 days, 0:00:00",
            ),
        ];
        for (us, r, s) in cases {
            let td = td_from_micros(*us).unwrap();
            assert_eq!(td_micros(&td), *us);
            assert_eq!(timedelta_repr(&td), *r);
            assert_eq!(timedelta_str(&td), *s);
        }
    }

    // python3 -c 'import datetime as d; print(d.datetime(2024,1,2,3,4,5,6).strftime("%Y-%m-%d %H:%M:%S.%f %a %b %j %p %z|%q"))'
    #[test]
    fn strftime_matches_python() {
        assert_eq!(
            strftime(
                &dt(2024, 1, 2, 3, 4, 5, 6),
                "%Y-%m-%d %H:%M:%S.%f %a %b %j %p %z|%q"
            ),
            "2024-01-02 03:04:05.000006 Tue Jan 002 AM |%q"
        );
        assert_eq!(
            strftime(&dt(2024, 1, 2, 13, 4, 5, 6), "%c|%x|%X|%I|%B|%A|%%"),
            "Tue Jan  2 13:04:05 2024|01/02/24|13:04:05|01|January|Tuesday|%"
        );
    }

    #[test]
    fn arithmetic() {
        let td = td_from_micros(-7).unwrap();
        assert_eq!(td_micros(&td_floordiv_int(&td, 2).unwrap()), -4);
        assert_eq!(td_micros(&td_floordiv_int(&td, -2).unwrap()), 3);
        assert_eq!(floor_div_i128(7, -2), -4);
        assert_eq!(floor_div_i128(-7, 2), -4);
        // timedelta(microseconds=3) * 0.5 == timedelta(microseconds=2) (half-even)
        let td = td_from_micros(3).unwrap();
        assert_eq!(td_micros(&td_mul_float(&td, 0.5).unwrap()), 2);
        let d = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
        let plus = date_add(&d, &td_from_micros(90_000_000_000).unwrap()).unwrap();
        assert_eq!(date_str(&plus), "2024-02-01");
    }
}
