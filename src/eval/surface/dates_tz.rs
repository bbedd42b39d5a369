//! The zone members of `datetime` values — `tzinfo`, `utcoffset()`,
//! `tzname()`, `dst()`, `astimezone(tz)`, `replace(…)`, `timestamp()` —
//! and the class table of `datetime.timezone` values (`utcoffset(dt)`,
//! `tzname(dt)`, `dst(dt)`), as Python's `datetime` module defines them.
//! A `datetime` receiver is naive or aware (`Dt`).

use std::ops::Deref;
use std::rc::Rc;

use chrono::NaiveDateTime;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::dates_tz;
use crate::eval::surface::{Class, Member, Receiver, Sig};
use crate::value::Value;
use crate::value::aware::{self, TimeZone};

/// A `datetime` as a receiver: its wall time and, when aware, its zone.
/// It reads as its wall time (`d.year()`), as the naive members need.
pub struct Dt {
    pub wall: NaiveDateTime,
    pub tz: Option<Rc<TimeZone>>,
}

impl Deref for Dt {
    type Target = NaiveDateTime;
    fn deref(&self) -> &NaiveDateTime {
        &self.wall
    }
}

impl Receiver for Dt {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::DateTime(d) => Some(Dt { wall: *d, tz: None }),
            Value::Aware(a) => Some(Dt {
                wall: a.wall,
                tz: Some(a.tz.clone()),
            }),
            _ => None,
        }
    }
}

impl Dt {
    /// The zone's text after `isoformat`/`str`'s time (`+02:00`), or "".
    pub fn offset_suffix(&self) -> String {
        self.tz
            .as_ref()
            .map_or_else(String::new, |tz| aware::offset_text(&tz.offset, ":"))
    }
}

fn tzinfo(_: &mut Interp, d: &Dt) -> Result<Value> {
    Ok(d.tz.as_ref().map_or(Value::None, aware::tz_value))
}

fn utcoffset(_: &mut Interp, d: &Dt, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(d.tz
        .as_ref()
        .map_or(Value::None, |tz| Value::TimeDelta(tz.offset)))
}

fn tzname(_: &mut Interp, d: &Dt, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(d.tz
        .as_ref()
        .map_or(Value::None, |tz| Value::str(&aware::tz_name(tz))))
}

fn dst(_: &mut Interp, _: &Dt, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::None)
}

fn astimezone(_: &mut Interp, d: &Dt, mut a: Args) -> Result<Value> {
    a.keyword_at(0, "tz")?;
    a.count(0, 1)?;
    let to = match a.pos.first() {
        Some(v) => dates_tz::tzinfo_arg(v)?,
        None => None,
    };
    dates_tz::astimezone(&d.wall, d.tz.as_ref(), to)
}

fn replace(_: &mut Interp, d: &Dt, a: Args) -> Result<Value> {
    dates_tz::replace(&d.wall, d.tz.as_ref(), a)
}

fn timetz(_: &mut Interp, d: &Dt, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(dates_tz::time_value(d.wall.time(), d.tz.clone()))
}

fn timestamp(_: &mut Interp, d: &Dt, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::Float(dates_tz::timestamp(&d.wall, d.tz.as_ref())?))
}

/// The zone members of a `datetime`, in the order `dir` lists them.
pub const DT_ZONE: [Member<Dt>; 8] = [
    Member::attr(
        "tzinfo",
        tzinfo,
        "the time zone: a timezone, or None for a naive datetime",
    ),
    Member::method(
        "astimezone",
        astimezone,
        Sig::kw(&["tz"]),
        "the same instant in time zone tz (the local zone when not given)",
    ),
    Member::method(
        "dst",
        dst,
        Sig::NONE,
        "daylight saving time: None, as a fixed-offset timezone has none",
    ),
    Member::method(
        "replace",
        replace,
        Sig::kw(&[
            "year",
            "month",
            "day",
            "hour",
            "minute",
            "second",
            "microsecond",
            "tzinfo",
        ]),
        "a copy with the fields given changed; tzinfo=None makes it naive",
    ),
    Member::method(
        "timetz",
        timetz,
        Sig::NONE,
        "the time-of-day part with the zone (naive datetimes only: ormsh's times are naive)",
    ),
    Member::method(
        "timestamp",
        timestamp,
        Sig::NONE,
        "seconds since 1970-01-01 UTC, as a float (a naive datetime is local time)",
    ),
    Member::method(
        "tzname",
        tzname,
        Sig::NONE,
        "the time zone's name ('UTC', 'UTC+02:00'), or None when naive",
    ),
    Member::method(
        "utcoffset",
        utcoffset,
        Sig::NONE,
        "the offset from UTC as a timedelta, or None when naive",
    ),
];

/// The `dt` argument of a `timezone` method: a datetime or None.
fn dt_arg(method: &str, a: &Args) -> Result<()> {
    a.count(1, 1)?;
    match &a.pos[0] {
        Value::None | Value::DateTime(_) | Value::Aware(_) => Ok(()),
        v => Err(Error::type_(format!(
            "{method}(dt) argument must be a datetime instance or None, not {}",
            v.type_name()
        ))),
    }
}

/// A `timezone`'s members.
pub static TIMEZONE: Class<Rc<TimeZone>> = Class::new(
    "timezone",
    &[
        Member::method(
            "utcoffset",
            |_, tz, a| {
                dt_arg("utcoffset", &a)?;
                Ok(Value::TimeDelta(tz.offset))
            },
            Sig::NONE,
            "the offset from UTC, as a timedelta",
        ),
        Member::method(
            "tzname",
            |_, tz, a| {
                dt_arg("tzname", &a)?;
                Ok(Value::str(&aware::tz_name(tz)))
            },
            Sig::NONE,
            "the zone's name, or 'UTC+HH:MM' when it has none",
        ),
        Member::method(
            "dst",
            |_, _, a| {
                dt_arg("dst", &a)?;
                Ok(Value::None)
            },
            Sig::NONE,
            "daylight saving time: None, as a fixed offset has none",
        ),
    ],
);
