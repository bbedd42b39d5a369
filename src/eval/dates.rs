//! The `datetime` family: `datetime(…)`, `date(…)`, `time(…)` and
//! `timedelta(…)` as constructors, `datetime.utcnow` / `now` / `today` /
//! `fromisoformat`, and the methods of date values.

use chrono::{Local, NaiveDate, NaiveTime, TimeDelta, Utc};

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::Ns;
use crate::value::Value;

/// `datetime(…)`, `date(…)`, `time(…)`, `timedelta(…)` as constructors.
pub fn call_namespace(me: &mut Interp, ns: Ns, mut a: Args) -> Result<Value> {
    let _ = me;
    match ns {
        Ns::Datetime | Ns::Date | Ns::Time => {
            let names: &[&str] = match ns {
                Ns::Datetime => &[
                    "year",
                    "month",
                    "day",
                    "hour",
                    "minute",
                    "second",
                    "microsecond",
                ],
                Ns::Date => &["year", "month", "day"],
                _ => &["hour", "minute", "second", "microsecond"],
            };
            let mut parts = Vec::new();
            for (i, n) in names.iter().enumerate() {
                match a.arg(i, n) {
                    Some(v) => parts.push(v.as_i64().ok_or_else(|| {
                        Error::type_(format!(
                            "'{}' object cannot be interpreted as an integer",
                            v.type_name()
                        ))
                    })?),
                    None => parts.push(-1),
                }
            }
            a.no_more_kw()?;
            if a.len() > names.len() {
                return Err(Error::type_(format!(
                    "function takes at most {} arguments ({} given)",
                    names.len(),
                    a.len()
                )));
            }
            let get = |i: usize, d: i64| if parts[i] < 0 { d } else { parts[i] };
            let bad = || Error::value("day is out of range for month");
            match ns {
                Ns::Time => {
                    let t = NaiveTime::from_hms_micro_opt(
                        get(0, 0) as u32,
                        get(1, 0) as u32,
                        get(2, 0) as u32,
                        get(3, 0) as u32,
                    )
                    .ok_or_else(|| Error::value("hour must be in 0..23"))?;
                    Ok(Value::Time(t))
                }
                _ => {
                    if parts[0] < 0 || parts[1] < 0 || parts[2] < 0 {
                        let missing = names[parts.iter().position(|p| *p < 0).unwrap_or(0)];
                        return Err(Error::type_(format!(
                            "function missing required argument '{missing}' (pos {})",
                            parts.iter().position(|p| *p < 0).unwrap_or(0) + 1
                        )));
                    }
                    if !(1..=12).contains(&parts[1]) {
                        return Err(Error::value("month must be in 1..12"));
                    }
                    let d =
                        NaiveDate::from_ymd_opt(parts[0] as i32, parts[1] as u32, parts[2] as u32)
                            .ok_or_else(bad)?;
                    if ns == Ns::Date {
                        return Ok(Value::Date(d));
                    }
                    let t = NaiveTime::from_hms_micro_opt(
                        get(3, 0) as u32,
                        get(4, 0) as u32,
                        get(5, 0) as u32,
                        get(6, 0) as u32,
                    )
                    .ok_or_else(|| Error::value("hour must be in 0..23"))?;
                    Ok(Value::DateTime(d.and_time(t)))
                }
            }
        }
        Ns::Timedelta => {
            let mut micros: f64 = 0.0;
            let units = [
                ("days", 86_400e6),
                ("seconds", 1e6),
                ("microseconds", 1.0),
                ("milliseconds", 1e3),
                ("minutes", 60e6),
                ("hours", 3_600e6),
                ("weeks", 604_800e6),
            ];
            for (i, (n, scale)) in units.iter().enumerate() {
                if let Some(v) = a.arg(i, n) {
                    let x = v.as_f64().ok_or_else(|| {
                        Error::type_(format!(
                            "unsupported type for timedelta {n} component: {}",
                            v.type_name()
                        ))
                    })?;
                    micros += x * scale;
                }
            }
            a.no_more_kw()?;
            if micros.abs() > 8.64e19 {
                return Err(Error::new(
                    ErrorKind::OverflowError,
                    "timedelta out of range",
                ));
            }
            Ok(Value::TimeDelta(TimeDelta::microseconds(
                micros.round() as i64
            )))
        }
        _ => Err(Error::type_(format!(
            "'{}' object is not callable",
            crate::eval::objects::Namespace(ns).type_name_static()
        ))),
    }
}

impl crate::eval::objects::Namespace {
    fn type_name_static(&self) -> &'static str {
        match self.0 {
            Ns::Db => "SQLAlchemy",
            Ns::Session => "scoped_session",
            _ => "module",
        }
    }
}

/// `datetime.utcnow()` and friends, as attributes of the date namespaces.
pub fn date_attr(ns: Ns, name: &str) -> Option<Value> {
    Some(match (ns, name) {
        (Ns::Datetime, "utcnow") => Interp::native("utcnow", |_, a| {
            a.count(0, 0)?;
            Ok(Value::DateTime(Utc::now().naive_utc()))
        }),
        (Ns::Datetime, "now") => Interp::native("now", |_, a| {
            a.count(0, 0)?;
            Ok(Value::DateTime(Local::now().naive_local()))
        }),
        (Ns::Datetime | Ns::Date, "today") => {
            if ns == Ns::Date {
                Interp::native("today", |_, a| {
                    a.count(0, 0)?;
                    Ok(Value::Date(Local::now().date_naive()))
                })
            } else {
                Interp::native("today", |_, a| {
                    a.count(0, 0)?;
                    Ok(Value::DateTime(Local::now().naive_local()))
                })
            }
        }
        (Ns::Datetime, "fromisoformat") => Interp::native("fromisoformat", |_, a| {
            a.count(1, 1)?;
            let s = a.str(0)?;
            crate::orm::convert::parse_datetime(&s)
                .map(Value::DateTime)
                .ok_or_else(|| Error::value(format!("Invalid isoformat string: '{s}'")))
        }),
        (Ns::Date, "fromisoformat") => Interp::native("fromisoformat", |_, a| {
            a.count(1, 1)?;
            let s = a.str(0)?;
            NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                .map(Value::Date)
                .map_err(|_| Error::value(format!("Invalid isoformat string: '{s}'")))
        }),
        _ => return None,
    })
}

/// Methods of dates and datetimes: `isoformat strftime date time replace`.
pub fn date_method(me: &mut Interp, recv: &Value, name: &str, a: Args) -> Result<Value> {
    let _ = me;
    match (recv, name) {
        (Value::DateTime(d), "isoformat") => {
            a.count(0, 1)?;
            let sep = a
                .pos
                .first()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_else(|| "T".into());
            let fmt = if d.and_utc().timestamp_subsec_micros() == 0 {
                "%H:%M:%S"
            } else {
                "%H:%M:%S%.6f"
            };
            Ok(Value::str(&format!(
                "{}{sep}{}",
                d.format("%Y-%m-%d"),
                d.format(fmt)
            )))
        }
        (Value::Date(d), "isoformat") => Ok(Value::str(&d.format("%Y-%m-%d").to_string())),
        (Value::DateTime(d), "strftime") => {
            a.count(1, 1)?;
            Ok(Value::str(&d.format(&a.str(0)?).to_string()))
        }
        (Value::Date(d), "strftime") => {
            a.count(1, 1)?;
            Ok(Value::str(&d.format(&a.str(0)?).to_string()))
        }
        (Value::DateTime(d), "date") => Ok(Value::Date(d.date())),
        (Value::DateTime(d), "time") => Ok(Value::Time(d.time())),
        (Value::TimeDelta(d), "total_seconds") => {
            Ok(Value::Float(d.num_microseconds().unwrap_or(0) as f64 / 1e6))
        }
        _ => Err(Error::attr(format!(
            "'{}' object has no attribute '{name}'",
            recv.type_name()
        ))),
    }
}
