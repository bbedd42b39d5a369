//! The zone side of a `time`'s members (`datetime.time`, naive or aware,
//! `value::aware_time`): `tzinfo`, `utcoffset()`, `tzname()`, `dst()`,
//! and `isoformat()`/`strftime()` with the offset, as Python's
//! `datetime` module defines them.

use std::ops::Deref;
use std::rc::Rc;

use chrono::NaiveTime;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::{Member, Receiver, Sig};
use crate::value::aware::{self, TimeZone};
use crate::value::aware_time::AwareTime;
use crate::value::{Value, dates};

/// A `time` as its members see it: the wall time, and the zone of an
/// aware one.
pub struct Tm {
    pub wall: NaiveTime,
    pub tz: Option<Rc<TimeZone>>,
}

impl Deref for Tm {
    type Target = NaiveTime;
    fn deref(&self) -> &NaiveTime {
        &self.wall
    }
}

impl Receiver for Tm {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Time(t) => Some(Tm { wall: *t, tz: None }),
            _ => v.downcast::<AwareTime>().map(|t| Tm {
                wall: t.wall,
                tz: Some(t.tz.clone()),
            }),
        }
    }
}

/// `t.isoformat()`'s text after the clock: the offset of an aware time.
pub fn offset_suffix(t: &Tm) -> String {
    t.tz.as_ref()
        .map_or_else(String::new, |tz| aware::offset_text(&tz.offset, ":"))
}

/// `t.strftime(format)`: on 1900-01-01, `%z`/`%Z` from its zone.
pub fn strftime(t: &Tm, format: &str) -> Result<String> {
    crate::value::strftime::strftime_tz(&dates::time_on_1900(&t.wall), format, t.tz.as_deref())
}

fn tzinfo(_: &mut Interp, t: &Tm) -> Result<Value> {
    Ok(t.tz.as_ref().map_or(Value::None, aware::tz_value))
}

fn utcoffset(_: &mut Interp, t: &Tm, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(t.tz
        .as_ref()
        .map_or(Value::None, |tz| Value::TimeDelta(tz.offset)))
}

fn tzname(_: &mut Interp, t: &Tm, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(t.tz
        .as_ref()
        .map_or(Value::None, |tz| Value::str(&aware::tz_name(tz))))
}

/// `dst()`: None, as a `timezone` (a fixed offset) gives.
fn dst(_: &mut Interp, _: &Tm, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::None)
}

/// `t.replace(hour, minute, second, microsecond, tzinfo)`: the fields
/// given changed (`tzinfo=None` makes it naive), by position or keyword.
fn replace(_: &mut Interp, t: &Tm, mut a: Args) -> Result<Value> {
    use chrono::Timelike;
    const NAMES: [&str; 4] = ["hour", "minute", "second", "microsecond"];
    if a.len() > 5 {
        return Err(Error::type_(format!(
            "replace() takes at most 5 arguments ({} given)",
            a.len()
        )));
    }
    let mut parts = [
        i64::from(t.wall.hour()),
        i64::from(t.wall.minute()),
        i64::from(t.wall.second()),
        i64::from(t.wall.nanosecond() / 1000),
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
    let tz = match a.arg(4, "tzinfo") {
        Some(v) => crate::eval::dates_tz::tzinfo_arg(&v)?,
        None => t.tz.clone(),
    };
    a.no_more_kw()?;
    let wall = dates::new_time(parts[0], parts[1], parts[2], parts[3])?;
    Ok(crate::eval::dates_tz::time_value(wall, tz))
}

/// The zone members of a `time`, in the order `dir` lists them.
pub const TM_ZONE: [Member<Tm>; 5] = [
    Member::attr("tzinfo", tzinfo, "the time zone, or None for a naive time"),
    Member::method(
        "utcoffset",
        utcoffset,
        Sig::NONE,
        "the zone's offset from UTC (None when naive)",
    ),
    Member::method(
        "tzname",
        tzname,
        Sig::NONE,
        "the zone's name (None when naive)",
    ),
    Member::method("dst", dst, Sig::NONE, "None: a fixed offset has no DST"),
    Member::method(
        "replace",
        replace,
        Sig::kw(&["hour", "minute", "second", "microsecond", "tzinfo"]),
        "the same time with the fields given changed",
    ),
];
