//! The storage formats of the types SQLite has no column type for, as
//! SQLAlchemy's SQLite dialect writes and reads them: `Numeric` as a
//! float read back as `Decimal` at the column's scale (SQLAlchemy's
//! `to_decimal_processor_factory`: `Decimal('%.2f' % value)`), `Uuid` as
//! its 32 hex digits, `Interval` as the datetime that far from the epoch.

use std::rc::Rc;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use crate::error::{Error, ErrorKind, Result};
use crate::schema::types::NumericType;
use crate::sql::ast::Param;
use crate::value::decimal::Decimal;
use crate::value::{PyStr, Value, pyuuid};

/// A stored number of a `Numeric` column read as `Decimal`, at the
/// column's effective scale (`Numeric(10, 2)`: `Decimal('12.50')`).
pub fn to_decimal(n: &NumericType, p: &Param) -> Value {
    let scale = i64::from(n.effective_scale());
    let d = match p {
        Param::Int(i) => Decimal::from_i64(*i),
        Param::Real(f) => match Decimal::from_f64(*f) {
            Ok(d) => d,
            // `'%.2f' % inf` is 'inf', which Decimal reads as Infinity:
            // ormsh's decimals are finite, so the float is given as it is.
            Err(_) => return Value::Float(*f),
        },
        _ => return super::convert::plain_value(p),
    };
    // '%.Nf' rounds the float's exact value half to even, as rescale does.
    Value::Decimal(Rc::new(d.rescale(-scale)))
}

/// An aware datetime as psycopg2 sends it: the wall time and its offset
/// from UTC (`2024-03-01 12:30:00.000000+02:00`, seconds when it has
/// them), which a `timestamptz` reads as that instant.
pub fn aware_text(a: &crate::value::aware::Aware) -> String {
    let secs = a.tz.offset.num_seconds();
    let (sign, s) = if secs < 0 { ('-', -secs) } else { ('+', secs) };
    let mut t = format!(
        "{}{sign}{:02}:{:02}",
        a.wall.format("%Y-%m-%d %H:%M:%S%.6f"),
        s / 3600,
        s / 60 % 60
    );
    if s % 60 != 0 {
        t.push_str(&format!(":{:02}", s % 60));
    }
    t
}

/// A `Uuid` column's text read as `uuid.UUID` (text that is no UUID is
/// given as it is).
pub fn uuid_value(t: &str) -> Value {
    pyuuid::parse(t).map_or_else(|_| Value::Str(PyStr::from(t)), Value::uuid)
}

fn epoch() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default()
}

/// A timedelta as SQLAlchemy stores an `Interval` on SQLite: the epoch
/// plus the timedelta, written as a DATETIME.
pub fn interval_text(t: &TimeDelta) -> Result<String> {
    let d = epoch()
        .checked_add_signed(*t)
        .filter(|d| (1..=9999).contains(&chrono::Datelike::year(d)));
    match d {
        Some(d) => Ok(d.format("%Y-%m-%d %H:%M:%S%.6f").to_string()),
        None => Err(Error::new(ErrorKind::OverflowError, "date value out of range")
            .with_help("an Interval is stored as 1970-01-01 plus the timedelta: it must land within years 1..9999")),
    }
}

/// An `Interval` column's text read back as a timedelta from the epoch.
pub fn interval_value(t: &str) -> Value {
    match super::convert::parse_datetime(t) {
        Some(d) => Value::TimeDelta(d - epoch()),
        None => Value::Str(PyStr::from(t)),
    }
}

/// A `text()` bind as pysqlite adapts it, SQLAlchemy passing the value
/// untyped: numbers, text, bytes and None as they are, a datetime or date
/// as its `str()`. What pysqlite cannot bind (a Decimal, UUID, timedelta,
/// time or container) is refused before the statement runs
/// (`is_unbindable`, `eval::text_exec`).
pub fn raw_param(v: &Value) -> Result<Param> {
    Ok(match v {
        Value::None => Param::Null,
        Value::Bool(b) => Param::Int(i64::from(*b)),
        Value::Int(i) => Param::Int(*i),
        Value::Float(f) => Param::Real(*f),
        Value::Str(s) => Param::Text(s.into()),
        Value::Bytes(b) => Param::Blob(b.clone()),
        Value::DateTime(d) => Param::Text(crate::value::dates::datetime_str(d).into()),
        // sqlite3's adapter: `isoformat(' ')`, the offset kept.
        Value::Aware(a) => Param::Text(crate::value::aware::aware_str(a).into()),
        Value::Date(d) => Param::Text(crate::value::dates::date_str(d).into()),
        _ => super::convert::plain_param(v)?,
    })
}

/// Is `v` a value pysqlite has no adapter for (its `ProgrammingError`
/// "type '…' is not supported")?
pub fn is_unbindable(v: &Value) -> bool {
    matches!(
        v,
        Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Decimal(_)
            | Value::Uuid(_)
            | Value::TimeDelta(_)
            | Value::Time(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As SQLAlchemy reads them (values from the reference).
    #[test]
    fn numeric_reads_at_the_scale() {
        let n = NumericType {
            precision: Some(10),
            scale: Some(2),
            ..NumericType::PLAIN
        };
        let show = |v: Value| match &v {
            Value::Decimal(d) => d.to_sci_string(),
            _ => String::from("?"),
        };
        assert_eq!(show(to_decimal(&n, &Param::Real(12.5))), "12.50");
        assert_eq!(show(to_decimal(&n, &Param::Real(2.675))), "2.67");
        assert_eq!(
            show(to_decimal(&NumericType::PLAIN, &Param::Int(0))),
            "0E-10"
        );
        assert_eq!(
            show(to_decimal(&NumericType::PLAIN, &Param::Int(3))),
            "3.0000000000"
        );
        let t = TimeDelta::hours(2);
        assert_eq!(interval_text(&t).unwrap(), "1970-01-01 02:00:00.000000");
        assert_eq!(
            interval_text(&TimeDelta::days(-1)).unwrap(),
            "1969-12-31 00:00:00.000000"
        );
    }
}
