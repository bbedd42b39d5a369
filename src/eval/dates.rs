//! The `datetime` family: `datetime(…)`, `date(…)`, `time(…)` and
//! `timedelta(…)` as constructors, `datetime.utcnow` / `now` / `today` /
//! `fromisoformat`, and the methods of date values.

use chrono::{Local, Utc};

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::{NativeFn, Ns};
use crate::eval::suggest::did_you_mean;
use crate::value::timedelta::{self, Component};
use crate::value::{Value, dates};

/// `datetime(…)`, `date(…)`, `time(…)`, `timedelta(…)` as constructors,
/// with CPython's argument errors (`value::dates` and `value::timedelta`
/// hold the range checks).
pub fn call_namespace(me: &mut Interp, ns: Ns, a: Args) -> Result<Value> {
    let _ = me;
    match ns {
        Ns::Datetime | Ns::Date | Ns::Time => date_ctor(ns, a),
        Ns::Timedelta => timedelta_ctor(a),
        Ns::Timezone => crate::eval::dates_tz::timezone_ctor(a),
        _ => Err(Error::type_(format!(
            "'{}' object is not callable",
            crate::eval::objects::Namespace(ns).type_name_static()
        ))),
    }
}

/// The refusal of `datetime.tzinfo`, the abstract base of zones other
/// than `timezone`'s fixed offsets (ormsh has only those).
pub fn tzinfo_refused() -> Error {
    Error::new(
        ErrorKind::NotImplementedError,
        "datetime.tzinfo (zones with rules of their own) is not supported by ormsh: its zones are datetime.timezone's fixed offsets",
    )
    .with_help("timezone.utc or timezone(timedelta(hours=2)) is a tzinfo")
}

/// `datetime(y, m, d[, h, mi, s, us])`, `date(y, m, d)`,
/// `time([h, mi, s, us])`: each argument is parsed as CPython's `"i"`
/// format does, in order, then the ranges are checked.
fn date_ctor(ns: Ns, mut a: Args) -> Result<Value> {
    const DATETIME: &[&str] = &[
        "year",
        "month",
        "day",
        "hour",
        "minute",
        "second",
        "microsecond",
    ];
    let (names, required) = match ns {
        Ns::Datetime => (DATETIME, 3),
        Ns::Date => (&DATETIME[..3], 3),
        _ => (&DATETIME[3..], 0),
    };
    if a.len() > names.len() {
        return Err(Error::type_(format!(
            "function takes at most {} arguments ({} given)",
            names.len(),
            a.len()
        )));
    }
    const DAY: &str = "year 1..9999, month 1..12, day within the month";
    const CLOCK: &str = "hour 0..23, minute and second 0..59, microsecond 0..999999";
    let help = match ns {
        Ns::Datetime => format!(
            "datetime(year, month, day[, hour, minute, second, microsecond]): {DAY}, {CLOCK}"
        ),
        Ns::Date => format!("date(year, month, day): {DAY}"),
        _ => format!("time([hour, minute, second, microsecond]): {CLOCK}"),
    };
    let mut parts = [0i64; 7];
    let mut spans = [a.span; 7];
    for (i, name) in names.iter().enumerate() {
        spans[i] = kw_span(&a, name).unwrap_or_else(|| a.span_of(i));
        let v = match (a.take_kw(name), a.pos.get(i)) {
            (Some(_), Some(_)) => {
                return Err(Error::type_(format!(
                    "argument for function given by name ('{name}') and position ({})",
                    i + 1
                )));
            }
            (Some(v), None) => v,
            (None, Some(v)) => v.clone(),
            (None, None) if i < required => {
                return Err(Error::type_(format!(
                    "function missing required argument '{name}' (pos {})",
                    i + 1
                )));
            }
            (None, None) => continue,
        };
        let n = v.as_i64().ok_or_else(|| {
            Error::type_(format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            ))
            .at(spans[i])
        })?;
        parts[i] = dates::c_int(n).map_err(|e| e.at(spans[i]).with_help(help.clone()))?;
    }
    // CPython's range errors start with the field's name: mark its argument.
    let mark = |e: Error| {
        let field = e.message.split(' ').next().unwrap_or("");
        let span = names.iter().position(|n| *n == field).map(|i| spans[i]);
        let e = e.with_help(help.clone());
        match span {
            Some(s) => e.at(s),
            None => e,
        }
    };
    // tzinfo=None is a naive value; a timezone makes it aware.
    let tz_span = kw_span(&a, "tzinfo").unwrap_or(a.span);
    let tz = match a.take_kw("tzinfo") {
        Some(v) => crate::eval::dates_tz::tzinfo_arg(&v).map_err(|e| e.at(tz_span))?,
        None => None,
    };
    if tz.is_some() && ns == Ns::Date {
        return Err(
            Error::type_("'tzinfo' is an invalid keyword argument for this function").at(tz_span),
        );
    }
    if let Some((k, _, span)) = a.kw.first() {
        return Err(Error::type_(format!(
            "'{k}' is an invalid keyword argument for this function"
        ))
        .at(*span));
    }
    match ns {
        Ns::Time => {
            let t = dates::new_time(parts[0], parts[1], parts[2], parts[3]).map_err(mark)?;
            Ok(crate::eval::dates_tz::time_value(t, tz))
        }
        Ns::Date => Ok(Value::Date(
            dates::new_date(parts[0], parts[1], parts[2]).map_err(mark)?,
        )),
        _ => {
            let d = dates::new_date(parts[0], parts[1], parts[2]).map_err(mark)?;
            let t = dates::new_time(parts[3], parts[4], parts[5], parts[6]).map_err(mark)?;
            Ok(crate::eval::dates_tz::datetime_value(d.and_time(t), tz))
        }
    }
}

/// Where keyword argument `name` was written, if it was.
fn kw_span(a: &Args, name: &str) -> Option<crate::syntax::span::Span> {
    a.kw.iter()
        .find(|(k, _, _)| &**k == name)
        .map(|(_, _, s)| *s)
}

/// `timedelta(days, seconds, microseconds, milliseconds, minutes, hours,
/// weeks)`, positional or by keyword, ints or floats.
fn timedelta_ctor(mut a: Args) -> Result<Value> {
    const NAMES: [&str; 7] = [
        "days",
        "seconds",
        "microseconds",
        "milliseconds",
        "minutes",
        "hours",
        "weeks",
    ];
    if a.len() > NAMES.len() {
        return Err(Error::type_(format!(
            "__new__() takes at most 7 arguments ({} given)",
            a.len()
        )));
    }
    let mut parts = [None; 7];
    for (i, name) in NAMES.iter().enumerate() {
        let span = kw_span(&a, name).unwrap_or_else(|| a.span_of(i));
        let v = match (a.take_kw(name), a.pos.get(i)) {
            (Some(_), Some(_)) => {
                return Err(Error::type_(format!(
                    "argument for __new__() given by name ('{name}') and position ({})",
                    i + 1
                )));
            }
            (Some(v), None) => v,
            (None, Some(v)) => v.clone(),
            (None, None) => continue,
        };
        parts[i] = Some(match v {
            Value::Int(n) => Component::Int(n),
            Value::Bool(b) => Component::Int(b as i64),
            Value::Float(x) => Component::Float(x),
            other => {
                return Err(Error::type_(format!(
                    "unsupported type for timedelta {name} component: {}",
                    other.type_name()
                ))
                .at(span));
            }
        });
    }
    if let Some((k, _, span)) = a.kw.first() {
        return Err(Error::type_(format!(
            "'{k}' is an invalid keyword argument for __new__()"
        ))
        .at(*span));
    }
    Ok(Value::TimeDelta(timedelta::td_new(parts)?))
}

impl crate::eval::objects::Namespace {
    fn type_name_static(&self) -> &'static str {
        match self.0 {
            Ns::Db => "SQLAlchemy",
            Ns::Session => "scoped_session",
            Ns::OrmSession => "Session",
            _ => "module",
        }
    }
}

/// One attribute of a date class (`datetime.utcnow`): the class it is
/// on, its name, its line for `help`, and its function.
pub struct ClassAttr {
    pub on: Ns,
    pub name: &'static str,
    pub doc: &'static str,
    f: NativeFn,
}

/// The attributes of the date classes `datetime` and `date`, as Python's
/// `datetime` module gives them (the ones ormsh has).
pub static CLASS_ATTRS: &[ClassAttr] = &[
    ClassAttr {
        on: Ns::Datetime,
        name: "utcnow",
        doc: "the current UTC date and time, without a time zone",
        f: |_, a| {
            a.count(0, 0)?;
            Ok(Value::DateTime(Utc::now().naive_utc()))
        },
    },
    ClassAttr {
        on: Ns::Datetime,
        name: "now",
        doc: "the current local date and time, or in zone tz: datetime.now(timezone.utc)",
        f: |_, a| crate::eval::dates_tz::now(a),
    },
    ClassAttr {
        on: Ns::Datetime,
        name: "today",
        doc: "the current local date and time",
        f: |_, a| {
            a.count(0, 0)?;
            Ok(Value::DateTime(Local::now().naive_local()))
        },
    },
    ClassAttr {
        on: Ns::Datetime,
        name: "fromisoformat",
        doc: "the datetime an ISO 8601 string names: datetime.fromisoformat('2024-01-02 03:04')",
        f: |_, a| {
            a.count(1, 1)?;
            let s = a.str(0)?;
            let (wall, offset) = crate::value::dates_iso::datetime_from_iso(&s)?;
            crate::eval::dates_tz::with_offset(wall, offset)
        },
    },
    ClassAttr {
        on: Ns::Datetime,
        name: "fromtimestamp",
        doc: "the local date and time of a POSIX timestamp, or in zone tz: datetime.fromtimestamp(0, timezone.utc)",
        f: |_, a| crate::eval::dates_stamp::fromtimestamp(a),
    },
    ClassAttr {
        on: Ns::Datetime,
        name: "utcfromtimestamp",
        doc: "the UTC date and time of a POSIX timestamp, without a time zone",
        f: |_, a| crate::eval::dates_stamp::utcfromtimestamp(a),
    },
    ClassAttr {
        on: Ns::Datetime,
        name: "combine",
        doc: "a date and a time as one datetime: datetime.combine(d, t, tzinfo=t.tzinfo)",
        f: |_, a| crate::eval::dates_classmethods::combine(a),
    },
    ClassAttr {
        on: Ns::Datetime,
        name: "strptime",
        doc: "the datetime a text names in a strftime format: datetime.strptime('05/03/24', '%d/%m/%y')",
        f: |_, a| crate::eval::dates_classmethods::strptime(a),
    },
    ClassAttr {
        on: Ns::Datetime,
        name: "fromordinal",
        doc: "midnight of the day numbered n from 0001-01-01 (day 1)",
        f: |_, a| crate::eval::dates_classmethods::datetime_fromordinal(a),
    },
    ClassAttr {
        on: Ns::Date,
        name: "fromtimestamp",
        doc: "the local date of a POSIX timestamp",
        f: |_, a| crate::eval::dates_classmethods::date_fromtimestamp(a),
    },
    ClassAttr {
        on: Ns::Date,
        name: "fromordinal",
        doc: "the day numbered n from 0001-01-01 (day 1)",
        f: |_, a| crate::eval::dates_classmethods::date_fromordinal(a),
    },
    ClassAttr {
        on: Ns::Time,
        name: "fromisoformat",
        doc: "the time an ISO 8601 string names: time.fromisoformat('14:30:15')",
        f: |_, a| crate::eval::dates_classmethods::time_fromisoformat(a),
    },
    ClassAttr {
        on: Ns::Date,
        name: "today",
        doc: "the current local date",
        f: |_, a| {
            a.count(0, 0)?;
            Ok(Value::Date(Local::now().date_naive()))
        },
    },
    ClassAttr {
        on: Ns::Date,
        name: "fromisoformat",
        doc: "the date a YYYY-MM-DD string names: date.fromisoformat('2024-01-02')",
        f: |_, a| {
            a.count(1, 1)?;
            let s = a.str(0)?;
            dates::date_from_iso(&s).map(Value::Date)
        },
    },
];

/// The attributes of the date class `ns`, in table order.
pub fn class_attrs(ns: Ns) -> impl Iterator<Item = &'static ClassAttr> {
    CLASS_ATTRS.iter().filter(move |c| c.on == ns)
}

/// The attribute names of the date class `ns` (`datetime`, `date`,
/// `timezone`, …), for `dir()` and completion.
pub fn class_attr_names(ns: Ns) -> Vec<&'static str> {
    if ns == Ns::Timezone {
        return crate::eval::dates_tz::TIMEZONE_ATTRS
            .iter()
            .map(|(n, _)| *n)
            .collect();
    }
    class_attrs(ns).map(|c| c.name).collect()
}

/// The Python name of a date class (`datetime.datetime`), for messages.
pub fn class_path(ns: Ns) -> &'static str {
    match ns {
        Ns::Datetime => "datetime.datetime",
        Ns::Date => "datetime.date",
        Ns::Time => "datetime.time",
        Ns::Timezone => "datetime.timezone",
        _ => "datetime.timedelta",
    }
}

/// `datetime.NAME`, `date.NAME`, …: an attribute of a date class, or
/// Python's `AttributeError` for a type object, with the nearest name.
pub fn ns_attr(ns: Ns, name: &str) -> Result<Value> {
    if ns == Ns::Timezone {
        let names = crate::eval::dates_tz::TIMEZONE_ATTRS
            .iter()
            .map(|(n, _)| *n);
        return crate::eval::dates_tz::timezone_attr(name)
            .filter(|_| names.clone().any(|n| n == name))
            .ok_or_else(|| {
                Error::attr(format!(
                    "type object 'datetime.timezone' has no attribute '{name}'{}",
                    did_you_mean(name, names)
                ))
            });
    }
    if let Some(v) = crate::eval::dates_classmethods::class_value(ns, name) {
        return v;
    }
    match class_attrs(ns).find(|c| c.name == name) {
        Some(c) => Ok(Interp::native(c.name, c.f)),
        None => Err(Error::attr(format!(
            "type object '{}' has no attribute '{name}'{}",
            class_path(ns),
            did_you_mean(name, class_attrs(ns).map(|c| c.name))
        ))),
    }
}
