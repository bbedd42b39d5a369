//! Python's aware times: a `datetime.time` made with a `tzinfo`
//! (`time(10, 30, tzinfo=timezone.utc)`). Its fields are the wall time;
//! two aware times compare by the wall time less their offsets, as
//! CPython's `time_richcompare` does; an aware and a naive time are never
//! equal and cannot be ordered. A naive time stays `Value::Time`. Stored
//! in a `Time` column it is its wall time: SQLAlchemy's SQLite `TIME`
//! writes `%H:%M:%S.%f` and no offset.

use std::cmp::Ordering;
use std::fmt::Write;
use std::rc::Rc;

use chrono::{NaiveTime, Timelike};

use crate::error::{Error, Result};
use crate::value::aware::{TimeZone, offset_text, tz_repr};
use crate::value::timedelta::td_micros;
use crate::value::{Object, Value, dates};

/// A `time` with a `tzinfo`.
pub struct AwareTime {
    pub wall: NaiveTime,
    pub tz: Rc<TimeZone>,
}

impl AwareTime {
    /// Microseconds since midnight less the offset: what CPython compares.
    fn key(&self) -> i64 {
        let wall = i64::from(self.wall.num_seconds_from_midnight()) * 1_000_000
            + i64::from(self.wall.nanosecond() / 1000);
        wall - td_micros(&self.tz.offset) as i64
    }
}

impl Object for AwareTime {
    fn type_name(&self) -> &str {
        "time"
    }

    fn py_eq_obj(&self, other: &dyn Object) -> Option<Result<bool>> {
        let other = (other as &dyn std::any::Any).downcast_ref::<AwareTime>()?;
        Some(Ok(self.key() == other.key()))
    }

    fn value_hash(&self) -> Option<Result<i64>> {
        Some(Ok(self.key()))
    }
}

/// `repr(t)`: `datetime.time(10, 30, tzinfo=datetime.timezone.utc)`.
pub fn repr(t: &AwareTime) -> String {
    let mut s = dates::time_repr(&t.wall);
    s.pop();
    let _ = write!(s, ", tzinfo={})", tz_repr(&t.tz));
    s
}

/// `str(t)`: `10:30:00+00:00`.
pub fn str(t: &AwareTime) -> String {
    format!(
        "{}{}",
        dates::time_str(&t.wall),
        offset_text(&t.tz.offset, ":")
    )
}

/// Python's ordering of two times when one is aware: by the wall time
/// less the offset, and CPython's TypeError between an aware and a naive
/// one; None when neither is aware.
pub fn cmp(a: &Value, b: &Value) -> Option<Result<Ordering>> {
    let (x, y) = (a.downcast::<AwareTime>(), b.downcast::<AwareTime>());
    match (x, y) {
        (Some(x), Some(y)) => Some(Ok(x.key().cmp(&y.key()))),
        (Some(_), None) if matches!(b, Value::Time(_)) => Some(Err(mixed())),
        (None, Some(_)) if matches!(a, Value::Time(_)) => Some(Err(mixed())),
        _ => None,
    }
}

fn mixed() -> Error {
    Error::type_("can't compare offset-naive and offset-aware times")
        .with_help("give both a tzinfo, or neither: t.replace(tzinfo=None)")
}
