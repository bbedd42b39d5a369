//! Python's aware datetimes: `datetime.timezone` (a fixed offset from UTC,
//! strictly within a day, with an optional name) and a `datetime` that
//! carries one (`Value::Aware`). Its wall time is the datetime's fields;
//! comparisons, hashing and subtraction go through its UTC instant, as in
//! CPython's `datetime` module. A naive datetime stays `Value::DateTime`.

use std::fmt::Write;
use std::rc::Rc;

use chrono::{NaiveDateTime, TimeDelta};

use crate::error::{Error, Result};
use crate::value::timedelta::{td_micros, td_parts, timedelta_repr};
use crate::value::{Object, Value, dates};

/// `datetime.timezone(offset, name=None)`: a fixed offset and its name.
pub struct TimeZone {
    /// The offset from UTC, strictly between -24 and 24 hours.
    pub offset: TimeDelta,
    /// The name given to the constructor, if any (a `ZoneInfo`'s
    /// abbreviation, `UTC` or `-05`).
    pub name: Option<Rc<str>>,
    /// A `zoneinfo.ZoneInfo`'s key (`eval::zoneinfo`); None for a
    /// `datetime.timezone`.
    pub key: Option<Rc<str>>,
}

impl Object for TimeZone {
    fn type_name(&self) -> &str {
        if self.key.is_some() {
            "ZoneInfo"
        } else {
            "timezone"
        }
    }

    /// `==` by offset alone, as Python compares zones
    /// (`timezone(timedelta(0), 'X') == timezone.utc`); a `ZoneInfo` is
    /// equal only to itself (one object per key).
    fn py_eq_obj(&self, other: &dyn Object) -> Option<Result<bool>> {
        let other = (other as &dyn std::any::Any).downcast_ref::<TimeZone>()?;
        if self.key.is_some() || other.key.is_some() {
            return Some(Ok(self.key == other.key));
        }
        Some(Ok(self.offset == other.offset))
    }

    /// Hashed by offset, as compared.
    fn value_hash(&self) -> Option<Result<i64>> {
        Some(Ok(td_micros(&self.offset) as i64))
    }
}

/// A `datetime` with a `tzinfo`: its wall time and its zone.
#[derive(Clone)]
pub struct Aware {
    pub wall: NaiveDateTime,
    pub tz: Rc<TimeZone>,
}

impl Aware {
    /// The UTC instant (`wall - offset`); chrono's range is wider than
    /// Python's years, so the difference always exists.
    pub fn instant(&self) -> NaiveDateTime {
        self.wall
            .checked_sub_signed(self.tz.offset)
            .unwrap_or(self.wall)
    }
}

/// `datetime.timezone.utc`, one object as in Python.
pub fn utc() -> Rc<TimeZone> {
    thread_local! {
        static UTC: Rc<TimeZone> = Rc::new(TimeZone { offset: TimeDelta::zero(), name: None, key: None });
    }
    UTC.with(Rc::clone)
}

/// `timezone(offset, name)` with CPython's check of the offset; a zero
/// offset without a name is `timezone.utc` itself.
pub fn new_timezone(offset: TimeDelta, name: Option<Rc<str>>) -> Result<Rc<TimeZone>> {
    let day = TimeDelta::days(1);
    if offset <= -day || offset >= day {
        return Err(Error::value(format!(
            "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not {}.",
            timedelta_repr(&offset)
        ))
        .with_help("timezone(timedelta(hours=2)) is two hours ahead of UTC"));
    }
    if offset.is_zero() && name.is_none() {
        return Ok(utc());
    }
    Ok(Rc::new(TimeZone {
        offset,
        name,
        key: None,
    }))
}

/// The zone of a value, if it is a `datetime.timezone`.
pub fn as_timezone(v: &Value) -> Option<Rc<TimeZone>> {
    v.downcast::<TimeZone>()
}

/// The value of a zone, for `dt.tzinfo`.
pub fn tz_value(tz: &Rc<TimeZone>) -> Value {
    Value::Obj(tz.clone())
}

/// `repr(timezone)`: `datetime.timezone.utc`,
/// `datetime.timezone(datetime.timedelta(seconds=7200), 'CET')`.
pub fn tz_repr(tz: &TimeZone) -> String {
    if let Some(key) = &tz.key {
        return format!(
            "zoneinfo.ZoneInfo(key={})",
            crate::value::repr::str_repr(key)
        );
    }
    if tz.offset.is_zero() && tz.name.is_none() {
        return "datetime.timezone.utc".into();
    }
    let mut s = format!("datetime.timezone({}", timedelta_repr(&tz.offset));
    if let Some(n) = &tz.name {
        let _ = write!(s, ", {}", crate::value::repr::str_repr(n));
    }
    s.push(')');
    s
}

/// `str(zone)`: a `ZoneInfo`'s key, a `timezone`'s name.
pub fn tz_str(tz: &TimeZone) -> String {
    match &tz.key {
        Some(k) => k.to_string(),
        None => tz_name(tz),
    }
}

/// `str(timezone)` and `tzname()`: the name, else `UTC` or `UTC+02:00`.
pub fn tz_name(tz: &TimeZone) -> String {
    match &tz.name {
        Some(n) => n.to_string(),
        None if tz.offset.is_zero() => "UTC".into(),
        None => format!("UTC{}", offset_text(&tz.offset, ":")),
    }
}

/// An offset as `isoformat` writes it (`sep` ":") or `%z` (`sep` ""):
/// `+HH:MM`, with `:SS` and `.ffffff` only when not zero.
pub fn offset_text(offset: &TimeDelta, sep: &str) -> String {
    let (sign, abs) = if *offset < TimeDelta::zero() {
        ('-', -*offset)
    } else {
        ('+', *offset)
    };
    let (_, secs, us) = td_parts(&abs);
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mut out = format!("{sign}{h:02}{sep}{m:02}");
    if s != 0 || us != 0 {
        let _ = write!(out, "{sep}{s:02}");
    }
    if us != 0 {
        let _ = write!(out, ".{us:06}");
    }
    out
}

/// `repr(dt)`: `datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.timezone.utc)`.
pub fn aware_repr(a: &Aware) -> String {
    let mut s = dates::datetime_repr(&a.wall);
    s.pop();
    let _ = write!(s, ", tzinfo={})", tz_repr(&a.tz));
    s
}

/// `str(dt)`: `2024-01-02 03:04:00+00:00`.
pub fn aware_str(a: &Aware) -> String {
    format!(
        "{}{}",
        dates::datetime_str(&a.wall),
        offset_text(&a.tz.offset, ":")
    )
}

/// Python's `==` of two datetimes: aware ones by instant, never an aware
/// one and a naive one.
pub fn eq(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Aware(x), Value::Aware(y)) => Some(x.instant() == y.instant()),
        (Value::Aware(_), Value::DateTime(_)) | (Value::DateTime(_), Value::Aware(_)) => {
            Some(false)
        }
        _ => None,
    }
}

/// Python's ordering of two datetimes when one is aware: by instant, and
/// CPython's TypeError between an aware one and a naive one.
pub fn cmp(a: &Value, b: &Value) -> Option<Result<std::cmp::Ordering>> {
    match (a, b) {
        (Value::Aware(x), Value::Aware(y)) => Some(Ok(x.instant().cmp(&y.instant()))),
        (Value::Aware(_), Value::DateTime(_)) | (Value::DateTime(_), Value::Aware(_)) => Some(Err(
            mixed("compare").with_help("give both a tzinfo, or neither: dt.replace(tzinfo=None)"),
        )),
        _ => None,
    }
}

/// CPython's TypeError for an aware and a naive datetime together.
fn mixed(verb: &str) -> Error {
    Error::type_(format!(
        "can't {verb} offset-naive and offset-aware datetimes"
    ))
}

/// `aware ± timedelta`, `aware - aware` (by instant) and the TypeError of
/// `aware - naive`; None for other operands.
pub fn arith(op: crate::syntax::ast::BinOp, a: &Value, b: &Value) -> Option<Result<Value>> {
    use crate::syntax::ast::BinOp::{Add, Sub};
    let shifted = |x: &Aware, td: &TimeDelta| {
        dates::datetime_add(&x.wall, td).map(|wall| {
            Value::aware(Aware {
                wall,
                tz: x.tz.clone(),
            })
        })
    };
    Some(match (op, a, b) {
        (Add, Value::Aware(x), Value::TimeDelta(t))
        | (Add, Value::TimeDelta(t), Value::Aware(x)) => shifted(x, t),
        (Sub, Value::Aware(x), Value::TimeDelta(t)) => shifted(x, &-*t),
        (Sub, Value::Aware(x), Value::Aware(y)) => Ok(Value::TimeDelta(x.instant() - y.instant())),
        (Sub, Value::Aware(_), Value::DateTime(_)) | (Sub, Value::DateTime(_), Value::Aware(_)) => {
            Err(mixed("subtract")
                .with_help("give both a tzinfo, or neither: dt.replace(tzinfo=None)"))
        }
        _ => return None,
    })
}

/// `dt.astimezone(tz)`: the same instant as wall time in `tz`.
pub fn convert(instant: NaiveDateTime, tz: &Rc<TimeZone>) -> Result<Aware> {
    let wall = dates::datetime_add(&instant, &tz.offset)?;
    Ok(Aware {
        wall,
        tz: tz.clone(),
    })
}

/// `%z` and `%Z` as CPython's `wrap_strftime` fills them for a zone.
pub fn strftime_zone(tz: Option<&TimeZone>, code: char) -> String {
    match (tz, code) {
        (None, _) => String::new(),
        (Some(tz), 'z') => offset_text(&tz.offset, ""),
        (Some(tz), _) => tz_name(tz),
    }
}
