//! More members of `date` and `datetime` values: `date.replace(…)`,
//! `toordinal()` and `ctime()`, as Python's `datetime` module defines them.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::dates_classmethods::toordinal;
use crate::eval::surface::dates_tz::Dt;
use crate::eval::surface::{Member, Sig};
use crate::value::{Value, dates};

/// `d.replace(year, month, day)`: the fields given changed, checked as
/// the constructor checks them.
fn date_replace(_: &mut Interp, d: &NaiveDate, mut a: Args) -> Result<Value> {
    if a.len() > 3 {
        return Err(Error::type_(format!(
            "replace() takes at most 3 arguments ({} given)",
            a.len()
        )));
    }
    let mut parts = [d.year() as i64, d.month() as i64, d.day() as i64];
    for (i, name) in ["year", "month", "day"].iter().enumerate() {
        if let Some(v) = a.arg(i, name) {
            let n = v.as_i64().ok_or_else(|| {
                Error::type_(format!(
                    "'{}' object cannot be interpreted as an integer",
                    v.type_name()
                ))
            })?;
            parts[i] = dates::c_int(n)?;
        }
    }
    a.no_more_kw()?;
    Ok(Value::Date(dates::new_date(parts[0], parts[1], parts[2])?))
}

/// C's `asctime` text: `Tue Mar  5 14:30:00 2024`.
fn ctime(dt: &NaiveDateTime) -> Value {
    Value::str(&dt.format("%a %b %e %H:%M:%S %Y").to_string())
}

/// The members `date` values have beyond their fields.
pub const DATE_MORE: [Member<NaiveDate>; 3] = [
    Member::method(
        "replace",
        date_replace,
        Sig::kw(&["year", "month", "day"]),
        "a copy with the fields given changed",
    ),
    Member::method(
        "toordinal",
        |_, d, a| {
            a.count(0, 0)?;
            Ok(Value::Int(toordinal(d)))
        },
        Sig::NONE,
        "the day's number from 0001-01-01 (day 1)",
    ),
    Member::method(
        "ctime",
        |_, d, a| {
            a.count(0, 0)?;
            Ok(ctime(&dates::date_at_midnight(d)))
        },
        Sig::NONE,
        "C's asctime text: 'Tue Mar  5 00:00:00 2024'",
    ),
];

/// The members `datetime` values have beyond their fields and zone.
pub const DATETIME_MORE: [Member<Dt>; 2] = [
    Member::method(
        "toordinal",
        |_, d, a| {
            a.count(0, 0)?;
            Ok(Value::Int(toordinal(&d.wall.date())))
        },
        Sig::NONE,
        "the day's number from 0001-01-01 (day 1)",
    ),
    Member::method(
        "ctime",
        |_, d, a| {
            a.count(0, 0)?;
            Ok(ctime(&d.wall))
        },
        Sig::NONE,
        "C's asctime text: 'Tue Mar  5 14:30:00 2024'",
    ),
];

/// The members of Python's `date` and `datetime` ormsh lacks, and why.
const REFUSED: &[(&str, &str)] = &[
    (
        "isocalendar",
        "ormsh has no IsoCalendarDate; d.strftime('%G %V %u') gives the ISO year, week and weekday",
    ),
    (
        "timetuple",
        "ormsh has no time.struct_time; read d.year, d.month, … or d.timestamp()",
    ),
    (
        "utctimetuple",
        "ormsh has no time.struct_time; read d.year, d.month, … or d.timestamp()",
    ),
];

/// `d.NAME` that ormsh's date or datetime lacks: a NotImplementedError
/// when Python's has it, else Python's AttributeError.
fn missing(class: &str, name: &str, hint: &str) -> Error {
    match REFUSED.iter().find(|(n, _)| *n == name) {
        Some((_, why)) => Error::new(
            crate::error::ErrorKind::NotImplementedError,
            format!("{class}.{name}() is not supported by ormsh: {why}"),
        ),
        None => Error::attr(format!("'{class}' object has no attribute '{name}'{hint}")),
    }
}

/// A date's missing member (`missing`).
pub fn date_missing(_: &mut Interp, _: &NaiveDate, name: &str, hint: &str) -> Error {
    missing("date", name, hint)
}

/// A datetime's missing member (`missing`).
pub fn datetime_missing(_: &mut Interp, _: &Dt, name: &str, hint: &str) -> Error {
    missing("datetime", name, hint)
}
