//! Time zones in the `datetime` family, as Python's `datetime` module
//! has them: `timezone(offset[, name])` with `timezone.utc`, `.min` and
//! `.max`; the `tzinfo=` argument of `datetime(…)`, `now(tz)`,
//! `astimezone(tz)` and `replace(tzinfo=…)`; the offsets `fromisoformat`
//! reads (`Z`, `+02`, `+0200`, `+02:00[:SS[.ffffff]]`, as in Python 3.11);
//! and the local zone, for `astimezone()` without one and a naive value's
//! instant. The values themselves are `value::aware`.

use std::rc::Rc;

use chrono::{DateTime, Local, NaiveDateTime, TimeDelta, Utc};

use crate::error::{Error, Result};
use crate::eval::args::Args;
use crate::eval::dates_local;
use crate::value::aware::{self, Aware, TimeZone};
use crate::value::{Value, dates};

/// `timezone(offset, name=None)`, with CPython's argument errors.
pub fn timezone_ctor(mut a: Args) -> Result<Value> {
    if a.len() > 2 {
        return Err(Error::type_(format!(
            "timezone() takes at most 2 arguments ({} given)",
            a.len() + a.kw.len()
        )));
    }
    let offset = a.arg(0, "offset");
    let name = a.arg(1, "name");
    if let Some((k, _, span)) = a.kw.first() {
        return Err(Error::type_(format!(
            "'{k}' is an invalid keyword argument for timezone()"
        ))
        .at(*span));
    }
    let offset = match &offset {
        Some(Value::TimeDelta(t)) => *t,
        Some(v) => {
            return Err(Error::type_(format!(
                "timezone() argument 1 must be datetime.timedelta, not {}",
                v.type_name()
            ))
            .with_help("timezone(timedelta(hours=2))"));
        }
        None => {
            return Err(
                Error::type_("timezone() missing required argument 'offset' (pos 1)")
                    .with_help("timezone(timedelta(hours=2)), or timezone.utc"),
            );
        }
    };
    let name = match &name {
        None => None,
        Some(Value::Str(s)) => Some(Rc::from(s.as_str())),
        Some(v) => {
            return Err(Error::type_(format!(
                "timezone() argument 2 must be str, not {}",
                v.type_name()
            )));
        }
    };
    Ok(aware::tz_value(&aware::new_timezone(offset, name)?))
}

/// `timezone.utc`, `timezone.min`, `timezone.max` (and `datetime.UTC`).
pub fn timezone_attr(name: &str) -> Option<Value> {
    let edge = |sign: i64| {
        let offset = TimeDelta::minutes(sign * (24 * 60 - 1));
        aware::new_timezone(offset, None)
            .ok()
            .map(|tz| aware::tz_value(&tz))
    };
    match name {
        "utc" | "UTC" => Some(Value::Obj(aware::utc())),
        "min" => edge(-1),
        "max" => edge(1),
        _ => None,
    }
}

/// The names [`timezone_attr`] gives, with their `help` lines.
pub const TIMEZONE_ATTRS: &[(&str, &str)] = &[
    ("utc", "the UTC zone, timezone(timedelta(0))"),
    (
        "min",
        "the most negative offset, timezone(timedelta(hours=-23, minutes=-59))",
    ),
    (
        "max",
        "the most positive offset, timezone(timedelta(hours=23, minutes=59))",
    ),
];

/// A `tzinfo` argument: None or a `timezone`, else CPython's TypeError.
pub fn tzinfo_arg(v: &Value) -> Result<Option<Rc<TimeZone>>> {
    match v {
        Value::None => Ok(None),
        _ => aware::as_timezone(v).map(Some).ok_or_else(|| {
            Error::type_(format!(
                "tzinfo argument must be None or of a tzinfo subclass, not type '{}'",
                v.type_name()
            ))
            .with_help("a tzinfo is timezone.utc or timezone(timedelta(hours=2))")
        }),
    }
}

/// A datetime of wall time `wall`, aware when `tz` is given.
pub fn datetime_value(wall: NaiveDateTime, tz: Option<Rc<TimeZone>>) -> Value {
    match tz {
        Some(tz) => Value::aware(Aware { wall, tz }),
        None => Value::DateTime(wall),
    }
}

/// A time of wall time `wall`, aware when `tz` is given
/// (`value::aware_time`).
pub fn time_value(wall: chrono::NaiveTime, tz: Option<Rc<TimeZone>>) -> Value {
    match tz {
        Some(tz) => Value::obj(crate::value::aware_time::AwareTime { wall, tz }),
        None => Value::Time(wall),
    }
}

/// `datetime.now(tz=None)`: the local wall time, or the time in `tz`.
pub fn now(mut a: Args) -> Result<Value> {
    a.keyword_at(0, "tz")?;
    a.count(0, 1)?;
    let tz = match a.pos.first() {
        Some(v) => tzinfo_arg(v)?,
        None => None,
    };
    match tz {
        None => Ok(Value::DateTime(Local::now().naive_local())),
        Some(tz) => Ok(Value::aware(aware::convert(Utc::now().naive_utc(), &tz)?)),
    }
}

/// A datetime of wall time `wall` at UTC offset `offset` (as
/// `fromisoformat` reads it): a zero offset is `timezone.utc`.
pub fn with_offset(wall: NaiveDateTime, offset: Option<TimeDelta>) -> Result<Value> {
    Ok(match offset {
        None => Value::DateTime(wall),
        Some(o) if o.is_zero() => Value::aware(Aware {
            wall,
            tz: aware::utc(),
        }),
        Some(o) => Value::aware(Aware {
            wall,
            tz: aware::new_timezone(o, None)?,
        }),
    })
}

/// `dt.astimezone(tz=None)`: the same instant in `tz`, or in the local
/// zone; a naive `dt` is read as local time (`eval::dates_local`).
pub fn astimezone(
    wall: &NaiveDateTime,
    tz: Option<&Rc<TimeZone>>,
    to: Option<Rc<TimeZone>>,
) -> Result<Value> {
    let instant = match tz {
        Some(tz) => Aware {
            wall: *wall,
            tz: tz.clone(),
        }
        .instant(),
        None => {
            let mine = dates_local::zone_of_wall(wall)?;
            dates::datetime_add(wall, &-mine.offset)?
        }
    };
    let to = match to {
        Some(to) => to,
        None => dates_local::zone_of_instant(&instant)?,
    };
    Ok(Value::aware(aware::convert(instant, &to)?))
}

/// `dt.timestamp()`: seconds since the epoch, a naive `dt` read as local.
pub fn timestamp(wall: &NaiveDateTime, tz: Option<&Rc<TimeZone>>) -> Result<f64> {
    use chrono::Timelike;
    Ok(match tz {
        Some(tz) => {
            let instant = Aware {
                wall: *wall,
                tz: tz.clone(),
            }
            .instant();
            crate::value::timedelta::total_seconds(&(instant - DateTime::UNIX_EPOCH.naive_utc()))
        }
        None => dates_local::mktime(wall)? as f64 + f64::from(wall.nanosecond() / 1000) / 1e6,
    })
}

/// `dt.replace(year, month, day, hour, minute, second, microsecond,
/// tzinfo)`: the fields given changed, checked as the constructor checks
/// them; `tzinfo=None` makes the value naive.
pub fn replace(wall: &NaiveDateTime, tz: Option<&Rc<TimeZone>>, mut a: Args) -> Result<Value> {
    use chrono::{Datelike, Timelike};
    const NAMES: [&str; 7] = [
        "year",
        "month",
        "day",
        "hour",
        "minute",
        "second",
        "microsecond",
    ];
    if a.len() > 8 {
        return Err(Error::type_(format!(
            "replace() takes at most 8 arguments ({} given)",
            a.len()
        )));
    }
    let mut parts = [
        wall.year() as i64,
        wall.month() as i64,
        wall.day() as i64,
        wall.hour() as i64,
        wall.minute() as i64,
        wall.second() as i64,
        (wall.nanosecond() / 1000) as i64,
    ];
    for (i, name) in NAMES.iter().enumerate() {
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
    let tz = match a.arg(7, "tzinfo") {
        Some(v) => tzinfo_arg(&v)?,
        None => tz.cloned(),
    };
    a.no_more_kw()?;
    let d = dates::new_date(parts[0], parts[1], parts[2])?;
    let t = dates::new_time(parts[3], parts[4], parts[5], parts[6])?;
    Ok(datetime_value(d.and_time(t), tz))
}
