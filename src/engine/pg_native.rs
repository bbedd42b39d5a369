//! psycopg2's typecasters: a PostgreSQL result cell as the Python value
//! psycopg2 hands SQLAlchemy for its type OID, before any SQLAlchemy type
//! touches it — what a `text()` statement, `.sql` or an untyped
//! expression (`func.date(col)`, `func.array_agg(col)`) gives on
//! PostgreSQL. `boolean` a bool, `date`/`time`/`timestamp` the `datetime`
//! values, `timestamptz` aware in the session's zone (UTC, see
//! `pg_values`), `timetz` an aware time, `interval` a timedelta (a year 365
//! days, a month 30, as psycopg2 reads `1 year 2 mons`), `numeric` a
//! `Decimal`, `json`/`jsonb` `json.loads` of the text, arrays lists (nested
//! for more dimensions), `uuid` a `uuid.UUID` (SQLAlchemy's psycopg2 dialect
//! registers psycopg2's UUID caster), `inet`/`cidr`/`money` and the text
//! types `str`, `bytea` bytes, `bit`/`varbit` their `'0101'` text, the
//! range types psycopg2's `Range` values (`pg_range`).

use std::error::Error as StdError;
use std::rc::Rc;

use chrono::{NaiveDate, NaiveTime, TimeDelta};
use postgres::types::{FromSql, Kind, Type};

use super::pg_text_forms::{inet, money};
use super::pg_values::{PG_EPOCH_DAYS, numeric_text};
use crate::value::Value;
use crate::value::aware::{Aware, new_timezone, utc};
use crate::value::aware_time::AwareTime;
use crate::value::decimal::Decimal;

pub(super) type BoxError = Box<dyn StdError + Sync + Send>;

/// One result cell as psycopg2 gives it.
pub(super) struct PgNative(pub Value);

impl<'a> FromSql<'a> for PgNative {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<PgNative, BoxError> {
        native(ty, raw).map(PgNative)
    }

    fn from_sql_null(_: &Type) -> Result<PgNative, BoxError> {
        Ok(PgNative(Value::None))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// A big-endian signed integer of `n` bytes at the start of `raw`.
pub(super) fn be(raw: &[u8], n: usize) -> Result<i64, BoxError> {
    let bytes = raw.get(..n).ok_or("short value")?;
    Ok(bytes
        .iter()
        .fold(if bytes[0] & 0x80 != 0 { -1i64 } else { 0 }, |acc, b| {
            (acc << 8) | i64::from(*b)
        }))
}

/// The Python value psycopg2 gives for `raw`, the binary form of a `ty`.
pub(super) fn native(ty: &Type, raw: &[u8]) -> Result<Value, BoxError> {
    if let Kind::Array(elem) = ty.kind() {
        return array(elem, raw);
    }
    if let Kind::Domain(base) = ty.kind() {
        return native(base, raw);
    }
    if let Kind::Range(sub) = ty.kind() {
        return super::pg_range::range(sub, raw, native);
    }
    let text = || Value::str(&String::from_utf8_lossy(raw));
    Ok(match *ty {
        Type::BOOL => Value::Bool(raw.first().is_some_and(|b| *b != 0)),
        Type::INT2 => Value::Int(be(raw, 2)?),
        Type::INT4 => Value::Int(be(raw, 4)?),
        Type::INT8 => Value::Int(be(raw, 8)?),
        Type::OID => Value::Int(be(raw, 4)? & 0xffff_ffff),
        Type::FLOAT4 => Value::Float(f64::from(f32::from_sql(ty, raw)?)),
        Type::FLOAT8 => Value::Float(f64::from_sql(ty, raw)?),
        Type::BYTEA => Value::Bytes(raw.into()),
        // ormsh's decimals hold no NaN or infinity: those stay floats.
        Type::NUMERIC => {
            let t = numeric_text(raw)?;
            Decimal::parse(&t).map_or_else(
                |_| Value::Float(t.parse().unwrap_or(f64::NAN)),
                |d| Value::Decimal(Rc::new(d)),
            )
        }
        Type::DATE => Value::Date(date(be(raw, 4)?)?),
        Type::TIMESTAMP => Value::DateTime(timestamp(be(raw, 8)?)?),
        Type::TIMESTAMPTZ => Value::aware(Aware {
            wall: timestamp(be(raw, 8)?)?,
            tz: utc(),
        }),
        Type::TIME => Value::Time(time(be(raw, 8)?)?),
        Type::TIMETZ => {
            // Microseconds since midnight, then the zone's offset in
            // seconds *west* of Greenwich.
            let west = be(raw.get(8..).ok_or("short timetz")?, 4)?;
            let offset = TimeDelta::try_seconds(-west).ok_or("timetz offset out of range")?;
            Value::obj(AwareTime {
                wall: time(be(raw, 8)?)?,
                tz: if west == 0 {
                    utc()
                } else {
                    new_timezone(offset, None).map_err(|e| e.message)?
                },
            })
        }
        Type::INTERVAL => Value::TimeDelta(interval(raw)?),
        Type::UUID => {
            let b: [u8; 16] = raw.try_into().map_err(|_| "short uuid")?;
            Value::uuid(u128::from_be_bytes(b))
        }
        Type::JSON => json(raw)?,
        // jsonb's binary form is a version byte (1) and the text.
        Type::JSONB => json(raw.get(1..).unwrap_or_default())?,
        Type::INET | Type::CIDR => Value::str(&inet(raw, *ty == Type::CIDR)?),
        Type::MONEY => Value::str(&money(be(raw, 8)?)),
        Type::BIT | Type::VARBIT => Value::str(&super::pg_range::bits(raw)?),
        Type::CHAR => Value::str(&char::from(raw.first().copied().unwrap_or(0)).to_string()),
        // The text types, enums, xml, name: their binary form is their
        // UTF-8 text.
        _ => text(),
    })
}

/// `json.loads` of the text, as psycopg2's json typecaster.
fn json(raw: &[u8]) -> Result<Value, BoxError> {
    let j: serde_json::Value = serde_json::from_slice(raw)?;
    Ok(crate::value::dict::from_json(&j))
}

/// A `date` (days from 2000-01-01).
fn date(days: i64) -> Result<NaiveDate, BoxError> {
    let d = chrono::DateTime::from_timestamp((days + PG_EPOCH_DAYS) * 86_400, 0)
        .ok_or("date out of range")?;
    Ok(d.date_naive())
}

/// A `timestamp` (microseconds from 2000-01-01).
fn timestamp(us: i64) -> Result<chrono::NaiveDateTime, BoxError> {
    let unix = us
        .checked_add(PG_EPOCH_DAYS * 86_400_000_000)
        .ok_or("timestamp out of range")?;
    Ok(chrono::DateTime::from_timestamp_micros(unix)
        .ok_or("timestamp out of range")?
        .naive_utc())
}

/// A `time` (microseconds since midnight).
fn time(us: i64) -> Result<NaiveTime, BoxError> {
    let secs = u32::try_from(us.div_euclid(1_000_000)).map_err(|_| "time out of range")?;
    let micros = u32::try_from(us.rem_euclid(1_000_000)).unwrap_or(0);
    NaiveTime::from_num_seconds_from_midnight_opt(secs % 86_400, micros * 1000)
        .ok_or_else(|| "time out of range".into())
}

/// An `interval` (microseconds, days, months) as psycopg2 reads the text
/// the server writes for it: `Y years M mons` with the months split as
/// the server splits them (truncating), a year 365 days, a month 30.
pub(super) fn interval(raw: &[u8]) -> Result<TimeDelta, BoxError> {
    let us = be(raw, 8)?;
    let days = be(raw.get(8..).ok_or("short interval")?, 4)?;
    let months = be(raw.get(12..).ok_or("short interval")?, 4)?;
    let (years, months) = (months / 12, months % 12);
    TimeDelta::try_days(days + 365 * years + 30 * months)
        .and_then(|d| d.checked_add(&TimeDelta::microseconds(us)))
        .ok_or_else(|| "interval out of range".into())
}

/// An array's binary form (dimensions, a null flag, the element type,
/// each dimension's length and lower bound, then each element's length
/// and bytes) as nested lists of its elements.
fn array(elem: &Type, raw: &[u8]) -> Result<Value, BoxError> {
    let ndim = usize::try_from(be(raw, 4)?).map_err(|_| "bad array")?;
    let mut at = 12;
    let mut dims = Vec::with_capacity(ndim);
    for _ in 0..ndim {
        let n = be(raw.get(at..).ok_or("short array")?, 4)?;
        dims.push(usize::try_from(n).map_err(|_| "bad array")?);
        at += 8;
    }
    let total: usize = dims.iter().product();
    let mut items = Vec::with_capacity(if ndim == 0 { 0 } else { total });
    if ndim > 0 {
        for _ in 0..total {
            let len = be(raw.get(at..).ok_or("short array")?, 4)?;
            at += 4;
            if len < 0 {
                items.push(Value::None);
                continue;
            }
            let len = usize::try_from(len).map_err(|_| "bad array")?;
            let bytes = raw.get(at..at + len).ok_or("short array")?;
            items.push(native(elem, bytes)?);
            at += len;
        }
    }
    // Group the flat elements by the inner dimensions, innermost first.
    for &d in dims.iter().skip(1).rev() {
        items = items
            .chunks(d.max(1))
            .map(|c| Value::list(c.to_vec()))
            .collect();
    }
    Ok(Value::list(items))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_as_psycopg2_reads_them() {
        let raw = |us: i64, days: i32, months: i32| {
            let mut v = us.to_be_bytes().to_vec();
            v.extend_from_slice(&days.to_be_bytes());
            v.extend_from_slice(&months.to_be_bytes());
            v
        };
        assert_eq!(
            interval(&raw(7_384_000_000, 1, 0)).unwrap(),
            TimeDelta::seconds(86_400 + 7_384)
        );
        // `1 year 2 mons`: 365 + 60 days; `-10 mons`: -300.
        assert_eq!(interval(&raw(0, 0, 14)).unwrap(), TimeDelta::days(425));
        assert_eq!(interval(&raw(0, 0, -10)).unwrap(), TimeDelta::days(-300));
    }

    #[test]
    fn arrays_nest_by_dimension() {
        // int4[2][2] = {{1,2},{3,NULL}}
        let mut v = Vec::new();
        for w in [2i32, 1, 23, 2, 1, 2, 1] {
            v.extend_from_slice(&w.to_be_bytes());
        }
        for x in [Some(1i32), Some(2), Some(3), None] {
            match x {
                Some(x) => {
                    v.extend_from_slice(&4i32.to_be_bytes());
                    v.extend_from_slice(&x.to_be_bytes());
                }
                None => v.extend_from_slice(&(-1i32).to_be_bytes()),
            }
        }
        fn show(v: &Value) -> String {
            match v {
                Value::Int(i) => i.to_string(),
                Value::None => "None".into(),
                Value::List(l) => {
                    let items: Vec<String> = l.borrow().iter().map(show).collect();
                    format!("[{}]", items.join(", "))
                }
                _ => "?".into(),
            }
        }
        assert_eq!(
            show(&array(&Type::INT4, &v).unwrap()),
            "[[1, 2], [3, None]]"
        );
    }
}
