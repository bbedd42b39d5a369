//! The members of `datetime`, `date`, `time` and `timedelta` values, as
//! Python's `datetime` module defines them.

use chrono::{Datelike, NaiveDate, TimeDelta, Timelike};

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::dates_more::{DATE_MORE, DATETIME_MORE};
use crate::eval::surface::dates_tz::{DT_ZONE, Dt};
use crate::eval::surface::time_tz::{TM_ZONE, Tm, offset_suffix, strftime as time_strftime};
use crate::eval::surface::{Class, Member, Receiver, Sig};
use crate::value::strftime::{strftime, strftime_tz};
use crate::value::{Value, dates, timedelta};

impl Receiver for NaiveDate {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }
}

impl Receiver for TimeDelta {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::TimeDelta(d) => Some(*d),
            _ => None,
        }
    }
}

fn int(n: impl Into<i64>) -> Result<Value> {
    Ok(Value::Int(n.into()))
}

/// Python's `%H:%M:%S`, with `.ffffff` only when there are microseconds.
fn clock<T: Timelike>(t: &T) -> String {
    let base = format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second());
    match t.nanosecond() / 1000 {
        0 => base,
        us => format!("{base}.{us:06}"),
    }
}

/// `(year, month, day)` members shared by dates and datetimes.
macro_rules! date_parts {
    ($recv:ty) => {
        [
            Member::attr("year", |_, d: &$recv| int(d.year()), "the year"),
            Member::attr("month", |_, d: &$recv| int(d.month()), "the month, 1 to 12"),
            Member::attr("day", |_, d: &$recv| int(d.day()), "the day of the month"),
            Member::method(
                "weekday",
                |_, d: &$recv, a: Args| {
                    a.count(0, 0)?;
                    int(d.weekday().num_days_from_monday())
                },
                Sig::NONE,
                "the day of the week, Monday 0 to Sunday 6",
            ),
            Member::method(
                "isoweekday",
                |_, d: &$recv, a: Args| {
                    a.count(0, 0)?;
                    int(d.weekday().number_from_monday())
                },
                Sig::NONE,
                "the day of the week, Monday 1 to Sunday 7",
            ),
        ]
    };
}

/// `(hour, minute, second, microsecond)` members shared by times and
/// datetimes.
macro_rules! time_parts {
    ($recv:ty) => {
        [
            Member::attr("hour", |_, t: &$recv| int(t.hour()), "the hour, 0 to 23"),
            Member::attr("minute", |_, t: &$recv| int(t.minute()), "the minute"),
            Member::attr("second", |_, t: &$recv| int(t.second()), "the second"),
            Member::attr(
                "microsecond",
                |_, t: &$recv| int(t.nanosecond() / 1000),
                "the microsecond, 0 to 999999",
            ),
        ]
    };
}

const DT_DATE: [Member<Dt>; 5] = date_parts!(Dt);
const DT_TIME: [Member<Dt>; 4] = time_parts!(Dt);

/// Python's `timespec`: how much of the time to write.
fn clock_spec<T: Timelike>(t: &T, spec: &str) -> Result<String> {
    let (h, m, sec, us) = (t.hour(), t.minute(), t.second(), t.nanosecond() / 1000);
    Ok(match spec {
        "auto" => clock(t),
        "hours" => format!("{h:02}"),
        "minutes" => format!("{h:02}:{m:02}"),
        "seconds" => format!("{h:02}:{m:02}:{sec:02}"),
        "milliseconds" => format!("{h:02}:{m:02}:{sec:02}.{:03}", us / 1000),
        "microseconds" => format!("{h:02}:{m:02}:{sec:02}.{us:06}"),
        _ => {
            return Err(Error::value("Unknown timespec value").with_help(
                "timespec is one of 'auto', 'hours', 'minutes', 'seconds', 'milliseconds', 'microseconds'",
            ));
        }
    })
}

/// `timespec=` as a str (default `'auto'`).
fn timespec(a: &mut Args) -> Result<String> {
    match &a.take_kw("timespec") {
        None => Ok("auto".into()),
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(v) => Err(Error::type_(format!(
            "isoformat() argument 'timespec' must be str, not {}",
            v.type_name()
        ))),
    }
}

/// `isoformat(sep='T', timespec='auto')`.
fn dt_isoformat(_: &mut Interp, d: &Dt, mut a: Args) -> Result<Value> {
    let spec = timespec(&mut a)?;
    let sep = match &a.arg(0, "sep") {
        Some(Value::Str(s)) if s.chars().count() == 1 => s.to_string(),
        Some(v) => {
            return Err(Error::type_(format!(
                "isoformat() argument 1 must be a unicode character, not {}",
                v.type_name()
            )));
        }
        None => "T".into(),
    };
    a.count(0, 1)?;
    Ok(Value::str(&format!(
        "{}{sep}{}{}",
        d.format("%Y-%m-%d"),
        clock_spec(&d.wall, &spec)?,
        d.offset_suffix()
    )))
}

fn dt_strftime(_: &mut Interp, d: &Dt, mut a: Args) -> Result<Value> {
    a.keyword_at(0, "format")?;
    a.count(1, 1)?;
    let text = strftime_tz(&d.wall, &a.str(0)?, d.tz.as_deref())?;
    Ok(Value::str(&text))
}

/// A `datetime`'s members.
pub static DATETIME: Class<Dt> = Class::new(
    "datetime",
    &[
        DT_ZONE[0],
        DT_DATE[0],
        DT_DATE[1],
        DT_DATE[2],
        DT_TIME[0],
        DT_TIME[1],
        DT_TIME[2],
        DT_TIME[3],
        DT_DATE[3],
        DT_DATE[4],
        Member::method(
            "date",
            |_, d, a| {
                a.count(0, 0)?;
                Ok(Value::Date(d.date()))
            },
            Sig::NONE,
            "the date part",
        ),
        Member::method(
            "time",
            |_, d, a| {
                a.count(0, 0)?;
                Ok(Value::Time(d.time()))
            },
            Sig::NONE,
            "the time-of-day part",
        ),
        Member::method(
            "isoformat",
            dt_isoformat,
            Sig::kw(&["sep", "timespec"]),
            "ISO 8601 text, YYYY-MM-DDTHH:MM:SS[.ffffff]; the separator may be given",
        ),
        Member::method(
            "strftime",
            dt_strftime,
            Sig::kw(&["format"]),
            "formatted with C's strftime codes",
        ),
        DT_ZONE[1],
        DT_ZONE[2],
        DT_ZONE[3],
        DT_ZONE[4],
        DT_ZONE[5],
        DT_ZONE[6],
        DT_ZONE[7],
        DATETIME_MORE[0],
        DATETIME_MORE[1],
    ],
)
.with_missing(super::dates_more::datetime_missing);

const D_DATE: [Member<NaiveDate>; 5] = date_parts!(NaiveDate);

/// A `date`'s members.
pub static DATE: Class<NaiveDate> = Class::new(
    "date",
    &[
        D_DATE[0],
        D_DATE[1],
        D_DATE[2],
        D_DATE[3],
        D_DATE[4],
        Member::method(
            "isoformat",
            |_, d, a| {
                a.count(0, 0)?;
                Ok(Value::str(&d.format("%Y-%m-%d").to_string()))
            },
            Sig::NONE,
            "ISO 8601 text, YYYY-MM-DD",
        ),
        Member::method(
            "strftime",
            |_, d, mut a| {
                a.keyword_at(0, "format")?;
                a.count(1, 1)?;
                Ok(Value::str(&strftime(
                    &dates::date_at_midnight(d),
                    &a.str(0)?,
                )?))
            },
            Sig::kw(&["format"]),
            "formatted with C's strftime codes",
        ),
        DATE_MORE[0],
        DATE_MORE[1],
        DATE_MORE[2],
    ],
)
.with_missing(super::dates_more::date_missing);

const T_TIME: [Member<Tm>; 4] = time_parts!(Tm);

/// A `time`'s members (naive or aware: `time_tz`).
pub static TIME: Class<Tm> = Class::new(
    "time",
    &[
        TM_ZONE[0],
        T_TIME[0],
        T_TIME[1],
        T_TIME[2],
        T_TIME[3],
        TM_ZONE[1],
        TM_ZONE[2],
        TM_ZONE[3],
        TM_ZONE[4],
        Member::method(
            "isoformat",
            |_, t, mut a| {
                let spec = timespec(&mut a)?;
                a.count(0, 0)?;
                Ok(Value::str(&format!(
                    "{}{}",
                    clock_spec(&t.wall, &spec)?,
                    offset_suffix(t)
                )))
            },
            Sig::kw(&["timespec"]),
            "ISO 8601 text, HH:MM:SS[.ffffff][+HH:MM]",
        ),
        Member::method(
            "strftime",
            |_, t, mut a| {
                a.keyword_at(0, "format")?;
                a.count(1, 1)?;
                Ok(Value::str(&time_strftime(t, &a.str(0)?)?))
            },
            Sig::kw(&["format"]),
            "formatted with C's strftime codes",
        ),
    ],
);

/// A `timedelta`'s members, in Python's normalised parts (days of any
/// sign, the rest never negative).
pub static TIMEDELTA: Class<TimeDelta> = Class::new(
    "timedelta",
    &[
        Member::attr(
            "days",
            |_, d| int(timedelta::td_parts(d).0),
            "whole days, of any sign",
        ),
        Member::attr(
            "seconds",
            |_, d| int(timedelta::td_parts(d).1),
            "seconds, 0 to 86399",
        ),
        Member::attr(
            "microseconds",
            |_, d| int(timedelta::td_parts(d).2),
            "microseconds, 0 to 999999",
        ),
        Member::method(
            "total_seconds",
            |_, d, a| {
                a.count(0, 0)?;
                Ok(Value::Float(timedelta::total_seconds(d)))
            },
            Sig::NONE,
            "the whole duration in seconds, as a float",
        ),
    ],
);
