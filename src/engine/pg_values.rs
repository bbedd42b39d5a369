//! ormsh's SQL values (`Param`) on PostgreSQL's wire: parameters sent in
//! PostgreSQL's text format, so the server reads each as the type it
//! inferred for the placeholder (`'5'` for an `integer`, `'1'` for a
//! `boolean`, `'2024-01-02 03:04:05'` for a `timestamp`), as psycopg2 sends
//! literals; `bytea` in binary. Result columns come back in binary and are
//! read as the values SQLite would have given for the same column
//! (integers, floats, text — a `timestamp`, `time`, `interval` or `uuid`
//! as SQLAlchemy's SQLite storage text (`pg_time` for the times) —,
//! blobs), so the ORM's conversions serve both engines for now.

use std::error::Error as StdError;

use bytes::{BufMut, BytesMut};
use postgres::types::{Format, FromSql, IsNull, ToSql, Type, to_sql_checked};

use crate::sql::ast::Param;

type BoxError = Box<dyn StdError + Sync + Send>;

/// One bound value as the server should read it.
#[derive(Debug)]
pub(super) struct PgArg<'a>(pub &'a Param);

impl ToSql for PgArg<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        match self.0 {
            Param::Null => return Ok(IsNull::Yes),
            Param::Int(i) if *ty == Type::BOOL => out.put_slice(if *i != 0 { b"t" } else { b"f" }),
            Param::Int(i) => out.put_slice(i.to_string().as_bytes()),
            // psycopg2's `true`/`false` (a number column refuses it there).
            Param::Bool(b) if *ty == Type::BOOL => out.put_slice(if *b { b"t" } else { b"f" }),
            Param::Bool(b) => out.put_slice(if *b { b"true" } else { b"false" }),
            Param::Interval(us) => out.put_slice(super::pg_time::micros_input(*us).as_bytes()),
            // psycopg2 has no adapter for it either: never sent.
            Param::Unbindable(u) => {
                return Err(format!("can't adapt type '{}'", u.type_name).into());
            }
            // An `Interval` comes as SQLAlchemy's SQLite storage text, the
            // epoch plus the timedelta: sent as the seconds it stands for.
            Param::Text(s) if *ty == Type::INTERVAL => {
                out.put_slice(super::pg_time::interval_input(s).as_bytes());
            }
            // An aware datetime (its text has an offset) where the server
            // expects a `timestamp`: psycopg2's `::timestamptz` literal,
            // which the server turns into the session zone's wall time —
            // UTC here (the zone is not read from the server).
            Param::Text(s) if *ty == Type::TIMESTAMP => {
                out.put_slice(super::pg_time::utc_wall(s).as_bytes());
            }
            Param::Real(f) => out.put_slice(real_text(*f).as_bytes()),
            Param::Text(s) | Param::Decimal(s) => out.put_slice(s.as_bytes()),
            Param::Blob(b) if *ty == Type::BYTEA => out.put_slice(b),
            Param::Blob(b) => out.put_slice(&bytea_hex(b)),
        }
        Ok(IsNull::No)
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    fn encode_format(&self, ty: &Type) -> Format {
        match self.0 {
            Param::Blob(_) if *ty == Type::BYTEA => Format::Binary,
            _ => Format::Text,
        }
    }

    to_sql_checked!();
}

/// A float in PostgreSQL's input syntax (`Infinity`, `NaN`, shortest
/// round-trip digits otherwise).
fn real_text(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        format!("{f:?}")
    }
}

/// Bytes as `bytea`'s hex text (`\x00ff`), for a blob bound where the
/// server expects text.
fn bytea_hex(b: &[u8]) -> Vec<u8> {
    let mut s = String::with_capacity(2 + 2 * b.len());
    s.push_str("\\x");
    for byte in b {
        s.push_str(&format!("{byte:02x}"));
    }
    s.into_bytes()
}

/// One result cell, read from its binary form by the column's type.
pub(super) struct PgCell(pub Param);

impl<'a> FromSql<'a> for PgCell {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<PgCell, BoxError> {
        // The types psycopg2 gives as strings: their output text.
        if let Some(text) = super::pg_text_forms::text_form(ty, raw) {
            return Ok(PgCell(Param::Text(text?.into())));
        }
        let be = |n: usize| -> Result<i64, BoxError> {
            let bytes = raw.get(..n).ok_or("short integer")?;
            Ok(bytes
                .iter()
                .fold(if bytes[0] & 0x80 != 0 { -1i64 } else { 0 }, |acc, b| {
                    (acc << 8) | i64::from(*b)
                }))
        };
        let p = match *ty {
            Type::BOOL => Param::Int(i64::from(raw.first().is_some_and(|b| *b != 0))),
            Type::INT2 => Param::Int(be(2)?),
            Type::INT4 => Param::Int(be(4)?),
            Type::INT8 => Param::Int(be(8)?),
            Type::OID => Param::Int(be(4)? & 0xffff_ffff),
            Type::FLOAT4 => Param::Real(f64::from(f32::from_sql(ty, raw)?)),
            Type::FLOAT8 => Param::Real(f64::from_sql(ty, raw)?),
            Type::BYTEA => Param::Blob(raw.into()),
            // psycopg2's Decimal, with the scale the server gave it.
            Type::NUMERIC => numeric_value(numeric_text(raw)?),
            Type::TIMESTAMP => Param::Text(timestamp_text(be(8)?)?.into()),
            // The instant in the session's zone, UTC (the server's
            // TimeZone is not read): psycopg2 gives `tzinfo=timezone.utc`.
            Type::TIMESTAMPTZ => Param::Text(format!("{}+00:00", timestamp_text(be(8)?)?).into()),
            Type::DATE => Param::Text(date_text(be(4)?)?.into()),
            Type::TIME => Param::Text(super::pg_time::time_text(be(8)?).into()),
            // A `time with time zone`: the wall time and its UTC offset
            // (the wire's seconds west of UTC), `12:00:00.000000+02:00`.
            Type::TIMETZ => {
                let west = raw.get(8..12).ok_or("short timetz")?;
                let west = i32::from_be_bytes(west.try_into()?);
                let east = -i64::from(west);
                let sign = if east < 0 { '-' } else { '+' };
                let (h, m) = (east.abs() / 3600, east.abs() / 60 % 60);
                Param::Text(
                    format!("{}{sign}{h:02}:{m:02}", super::pg_time::time_text(be(8)?)).into(),
                )
            }
            Type::INTERVAL => Param::Text(super::pg_time::interval_text(raw)?.into()),
            Type::UUID => Param::Text(uuid_hex(raw).into()),
            // The binary form of the text types (and of json, name, …) is
            // their UTF-8 text.
            _ => Param::Text(String::from_utf8_lossy(raw).into()),
        };
        Ok(PgCell(p))
    }

    fn from_sql_null(_: &Type) -> Result<PgCell, BoxError> {
        Ok(PgCell(Param::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// A `numeric` as psycopg2 reads it: a `Decimal` of the server's text
/// (`12.50`); NaN and the infinities, which ormsh's decimals do not
/// hold, as floats.
fn numeric_value(text: String) -> Param {
    if text.bytes().any(|b| b.is_ascii_alphabetic()) {
        return Param::Real(text.parse().unwrap_or(f64::NAN));
    }
    Param::Decimal(text.into())
}

/// A `uuid`'s 16 bytes as SQLAlchemy's SQLite `Uuid` stores it: 32
/// lower-case hex digits.
fn uuid_hex(raw: &[u8]) -> String {
    raw.iter().map(|b| format!("{b:02x}")).collect()
}

/// Days between 1970-01-01 and PostgreSQL's epoch, 2000-01-01.
pub(super) const PG_EPOCH_DAYS: i64 = 10_957;

/// A `date` (days from 2000-01-01) as `YYYY-MM-DD`.
fn date_text(days: i64) -> Result<String, BoxError> {
    let d = chrono::DateTime::from_timestamp((days + PG_EPOCH_DAYS) * 86_400, 0)
        .ok_or("date out of range")?;
    Ok(d.format("%Y-%m-%d").to_string())
}

/// A `timestamp` (microseconds from 2000-01-01) as SQLAlchemy's SQLite
/// storage text, `YYYY-MM-DD HH:MM:SS.ffffff`.
fn timestamp_text(us: i64) -> Result<String, BoxError> {
    let unix_us = us
        .checked_add(PG_EPOCH_DAYS * 86_400_000_000)
        .ok_or("timestamp out of range")?;
    let t = chrono::DateTime::from_timestamp_micros(unix_us).ok_or("timestamp out of range")?;
    Ok(t.format("%Y-%m-%d %H:%M:%S%.6f").to_string())
}

/// A `numeric` from its binary form (base-10000 digits, a weight, a sign
/// and a display scale) as decimal text: `12.50`, `-0.001`, `NaN`.
pub(super) fn numeric_text(raw: &[u8]) -> Result<String, BoxError> {
    let word = |i: usize| -> Result<i64, BoxError> {
        let b = raw.get(2 * i..2 * i + 2).ok_or("short numeric")?;
        Ok(i64::from(u16::from_be_bytes([b[0], b[1]])))
    };
    let (ndigits, weight, sign, dscale) = (word(0)?, word(1)?, word(2)?, word(3)?);
    let weight = if weight >= 0x8000 {
        weight - 0x10000
    } else {
        weight
    };
    match sign {
        0xC000 => return Ok("NaN".into()),
        0xD000 => return Ok("Infinity".into()),
        0xF000 => return Ok("-Infinity".into()),
        _ => {}
    }
    let digits: Vec<i64> = (0..ndigits as usize)
        .map(|i| word(4 + i))
        .collect::<Result<_, _>>()?;
    let group = |k: i64| -> i64 {
        // The base-10000 digit at power `k` (weight counts down from the first).
        usize::try_from(weight - k)
            .ok()
            .and_then(|i| digits.get(i).copied())
            .unwrap_or(0)
    };
    let mut int_part = String::new();
    for k in (0..=weight.max(0)).rev() {
        if int_part.is_empty() {
            if group(k) != 0 || k == 0 {
                int_part = group(k).to_string();
            }
        } else {
            int_part.push_str(&format!("{:04}", group(k)));
        }
    }
    let mut frac = String::new();
    let mut k = -1;
    while (frac.len() as i64) < dscale {
        frac.push_str(&format!("{:04}", group(k)));
        k -= 1;
    }
    frac.truncate(dscale as usize);
    let mut s = String::new();
    if sign == 0x4000 {
        s.push('-');
    }
    s.push_str(&int_part);
    if !frac.is_empty() {
        s.push('.');
        s.push_str(&frac);
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `numeric`'s binary send format (`numeric_send` in PostgreSQL's
    /// `utils/adt/numeric.c`).
    #[test]
    fn numeric_from_binary() {
        let n = |ndigits: u16, weight: i16, sign: u16, dscale: u16, digits: &[u16]| {
            let mut v = Vec::new();
            for w in [ndigits, weight as u16, sign, dscale].iter().chain(digits) {
                v.extend_from_slice(&w.to_be_bytes());
            }
            numeric_text(&v).unwrap()
        };
        assert_eq!(n(2, 0, 0, 2, &[12, 5000]), "12.50");
        assert_eq!(n(1, -1, 0x4000, 3, &[10]), "-0.001");
        assert_eq!(n(0, 0, 0, 0, &[]), "0");
        assert_eq!(n(2, 1, 0, 0, &[1, 2]), "10002");
        assert_eq!(n(0, 0, 0xC000, 0, &[]), "NaN");
    }

    #[test]
    fn numeric_read_as_psycopg2_gives_it() {
        assert_eq!(numeric_value("12".into()), Param::Decimal("12".into()));
        assert_eq!(
            numeric_value("12.50".into()),
            Param::Decimal("12.50".into())
        );
        assert!(matches!(numeric_value("NaN".into()), Param::Real(f) if f.is_nan()));
        assert!(matches!(numeric_value("-Infinity".into()), Param::Real(f) if f.is_infinite()));
    }

    #[test]
    fn dates_and_times_from_binary() {
        assert_eq!(date_text(0).unwrap(), "2000-01-01");
        assert_eq!(date_text(-1).unwrap(), "1999-12-31");
        assert_eq!(
            timestamp_text(86_400_000_000 + 1_500_000).unwrap(),
            "2000-01-02 00:00:01.500000"
        );
    }

    #[test]
    fn parameters_as_text() {
        assert_eq!(real_text(1.5), "1.5");
        assert_eq!(real_text(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(bytea_hex(&[0, 255]), b"\\x00ff");
    }
}
