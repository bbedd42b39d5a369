//! The class methods of `datetime`, `date` and `time` beyond the clock
//! readers (`eval::dates`): `datetime.combine(date, time, tzinfo)`,
//! `datetime.strptime(text, format)` (`value::strptime`),
//! `date.fromtimestamp(t)`, `time.fromisoformat(text)`, and
//! `fromordinal(n)` of both date classes, as Python's `datetime` module
//! defines them; the classes' `min` and `max`.

use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta};

use crate::error::{Error, ErrorKind, Result};
use crate::eval::args::Args;
use crate::eval::dates_tz;
use crate::eval::objects::Ns;
use crate::value::aware::{self};
use crate::value::aware_time::AwareTime;
use crate::value::repr::str_repr;
use crate::value::{Value, dates};

/// `datetime.combine(date, time, tzinfo=time.tzinfo)`.
pub fn combine(mut a: Args) -> Result<Value> {
    a.keyword_at(0, "date")?;
    a.keyword_at(1, "time")?;
    let tz_given = a.arg(2, "tzinfo");
    a.no_more_kw()?;
    a.count(2, 3)?;
    let date = match &a.pos[0] {
        Value::Date(d) => *d,
        Value::DateTime(d) => d.date(),
        Value::Aware(d) => d.wall.date(),
        v => {
            return Err(Error::type_(format!(
                "combine() argument 1 must be datetime.date, not {}",
                v.type_name()
            )));
        }
    };
    let (time, tz) = match &a.pos[1] {
        Value::Time(t) => (*t, None),
        v => match v.downcast::<AwareTime>() {
            Some(t) => (t.wall, Some(t.tz.clone())),
            None => {
                return Err(Error::type_(format!(
                    "combine() argument 2 must be datetime.time, not {}",
                    v.type_name()
                )));
            }
        },
    };
    let tz = match tz_given {
        Some(v) => dates_tz::tzinfo_arg(&v)?,
        None => tz,
    };
    Ok(dates_tz::datetime_value(date.and_time(time), tz))
}

/// `datetime.strptime(date_string, format)`: with `%z` an aware datetime
/// (named by `%Z` when that was read too), as `_strptime_datetime`.
pub fn strptime(a: Args) -> Result<Value> {
    a.count(2, 2)?;
    let mut texts = Vec::new();
    for (i, v) in a.pos.iter().enumerate() {
        match v {
            Value::Str(s) => texts.push(s.to_string()),
            other => {
                return Err(Error::type_(format!(
                    "strptime() argument {} must be str, not {}",
                    i + 1,
                    other.type_name()
                )));
            }
        }
    }
    let p = crate::value::strptime::strptime(&texts[0], &texts[1])?;
    match (p.offset, p.zone_name) {
        (Some(o), Some(name)) => Ok(Value::aware(aware::Aware {
            wall: p.wall,
            tz: aware::new_timezone(o, Some(name.into()))?,
        })),
        (offset, _) => dates_tz::with_offset(p.wall, offset),
    }
}

/// `date.fromtimestamp(timestamp)`: the local date of a POSIX timestamp.
pub fn date_fromtimestamp(a: Args) -> Result<Value> {
    a.count(1, 1)?;
    match crate::eval::dates_stamp::fromtimestamp(a)? {
        Value::DateTime(d) => Ok(Value::Date(d.date())),
        other => Ok(other),
    }
}

/// `time.fromisoformat(time_string)`: `HH[:MM[:SS[.fff[fff]]]]` with an
/// optional UTC offset, as Python 3.11 reads it.
pub fn time_fromisoformat(a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let text = match &a.pos[0] {
        Value::Str(s) => s.to_string(),
        v => {
            return Err(Error::type_(format!(
                "fromisoformat: argument must be str, not {}",
                v.type_name()
            )));
        }
    };
    time_from_iso(&text)
}

/// `time.fromisoformat(text)` on text (Python 3.11's): the time, aware when
/// the text has a `Z` or UTC offset; SQLAlchemy's SQLite TIME reads stored
/// text with it.
pub fn time_from_iso(text: &str) -> Result<Value> {
    let invalid = || Error::value(format!("Invalid isoformat string: {}", str_repr(text)));
    // The time part of a datetime's text reads the same way (Python 3.11
    // takes a leading `T` too); a field out of range keeps its message.
    let clock = text.strip_prefix('T').unwrap_or(text);
    let (wall, offset) = crate::value::dates_iso::datetime_from_iso(&format!("2000-01-01T{clock}"))
        .map_err(|e| match e.message.starts_with("Invalid isoformat") {
            true => invalid(),
            false => e,
        })?;
    let tz = match offset {
        None => None,
        Some(o) if o.is_zero() => Some(aware::utc()),
        Some(o) => Some(aware::new_timezone(o, None)?),
    };
    Ok(dates_tz::time_value(wall.time(), tz))
}

/// The date of a proleptic Gregorian ordinal (1 is 0001-01-01).
fn from_ordinal(a: &Args) -> Result<NaiveDate> {
    a.count(1, 1)?;
    let n = match &a.pos[0] {
        Value::Int(n) => *n,
        Value::Bool(b) => i64::from(*b),
        v => {
            return Err(Error::type_(format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            )));
        }
    };
    if n < 1 {
        return Err(Error::value("ordinal must be >= 1"));
    }
    NaiveDate::from_ymd_opt(1, 1, 1)
        .and_then(|d| d.checked_add_signed(TimeDelta::try_days(n - 1)?))
        .filter(|d| dates::YEARS.contains(&(d.year() as i64)))
        .ok_or_else(|| Error::value(format!("year {} is out of range", n / 365 + 1)))
}

/// `date.fromordinal(n)`.
pub fn date_fromordinal(a: Args) -> Result<Value> {
    from_ordinal(&a).map(Value::Date)
}

/// `datetime.fromordinal(n)`: that date at midnight.
pub fn datetime_fromordinal(a: Args) -> Result<Value> {
    from_ordinal(&a).map(|d| Value::DateTime(d.and_time(NaiveTime::MIN)))
}

/// `d.toordinal()`: the proleptic Gregorian ordinal of a date.
pub fn toordinal(d: &NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// `datetime.min`/`max`, `date.min`/`max`, `time.min`/`max`, and the
/// refusal of `fromisocalendar`; None for another name.
pub fn class_value(ns: Ns, name: &str) -> Option<Result<Value>> {
    let last = NaiveTime::from_hms_micro_opt(23, 59, 59, 999_999).unwrap_or(NaiveTime::MIN);
    let (first_day, last_day) = (NaiveDate::MIN, NaiveDate::MAX);
    let first_day = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(first_day);
    let last_day = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(last_day);
    Some(Ok(match (ns, name) {
        (Ns::Datetime, "min") => Value::DateTime(first_day.and_time(NaiveTime::MIN)),
        (Ns::Datetime, "max") => Value::DateTime(last_day.and_time(last)),
        (Ns::Date, "min") => Value::Date(first_day),
        (Ns::Date, "max") => Value::Date(last_day),
        (Ns::Time, "min") => Value::Time(NaiveTime::MIN),
        (Ns::Time, "max") => Value::Time(last),
        (Ns::Datetime | Ns::Date, "fromisocalendar") => {
            return Some(Err(Error::new(
                ErrorKind::NotImplementedError,
                format!(
                    "{}.fromisocalendar is not supported by ormsh",
                    crate::eval::dates::class_path(ns)
                ),
            )
            .with_help(
                "datetime.strptime('2024 10 2', '%Y %W %w') reads a week number and weekday",
            )));
        }
        _ => return None,
    }))
}
