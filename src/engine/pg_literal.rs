//! psycopg2's adaptation of Python values to SQL literals (`adapt(v)
//! .getquoted()`), and `cursor.mogrify`: psycopg2 interpolates a
//! statement's parameters into its text on the client, so the server types
//! each value from its literal — `true` a boolean, `1.5` a numeric,
//! `'2024-01-02'::date`, `ARRAY[1,2]`, `'\x6162'::bytea`. A `text()`
//! statement's values, which SQLAlchemy passes to the driver untyped, are
//! sent so on PostgreSQL (`eval::text_exec`).

use std::fmt::Write;

use crate::error::{Error, ErrorKind, Result};
use crate::sql::dialect_pg::replace_pyformat;
use crate::value::Value;
use crate::value::dates::{date_str, time_str};
use crate::value::timedelta::td_micros;

/// psycopg2's `cursor.mogrify(sql, params)`: `sql` written with
/// `%(name)s` placeholders and `%%` for `%` (as SQLAlchemy's psycopg2
/// dialect compiles it), each placeholder replaced, in order, by
/// psycopg2's literal of the next of `values`.
pub fn mogrify(sql: &str, values: &[Value]) -> Result<String> {
    let mut next = values.iter();
    replace_pyformat(sql, |_| literal(next.next().unwrap_or(&Value::None)))
}

/// psycopg2's literal of `v`; a value it has no adapter for is its
/// `ProgrammingError` ("can't adapt type 'dict'").
pub fn literal(v: &Value) -> Result<String> {
    Ok(match v {
        Value::None => "NULL".into(),
        Value::Bool(b) => if *b { "true" } else { "false" }.into(),
        // A leading space before a minus sign, so `- -1` never becomes a
        // `--` comment.
        Value::Int(i) if *i < 0 => format!(" {i}"),
        Value::Int(i) => i.to_string(),
        Value::Float(f) if f.is_nan() => "'NaN'::float".into(),
        Value::Float(f) if f.is_infinite() => if *f > 0.0 {
            "'Infinity'::float"
        } else {
            "'-Infinity'::float"
        }
        .into(),
        Value::Float(f) => {
            let r = crate::value::repr::float_repr(*f);
            if *f < 0.0 { format!(" {r}") } else { r }
        }
        Value::Decimal(d) => {
            let s = d.to_sci_string();
            if s.starts_with('-') {
                format!(" {s}")
            } else {
                s
            }
        }
        Value::Str(s) => quoted(s.as_str())?,
        Value::Bytes(b) => {
            let mut out = String::with_capacity(12 + 2 * b.len());
            out.push_str("'\\x");
            for byte in b.iter() {
                let _ = write!(out, "{byte:02x}");
            }
            out.push_str("'::bytea");
            out
        }
        Value::Date(d) => format!("'{}'::date", date_str(d)),
        Value::DateTime(dt) => {
            format!(
                "'{}T{}'::timestamp",
                date_str(&dt.date()),
                time_str(&dt.time())
            )
        }
        Value::Aware(a) => format!(
            "'{}T{}{}'::timestamptz",
            date_str(&a.wall.date()),
            time_str(&a.wall.time()),
            crate::value::aware::offset_text(&a.tz.offset, ":")
        ),
        Value::Time(t) => format!("'{}'::time", time_str(t)),
        // `'%d days %d.%06d seconds'::interval`, the seconds and
        // microseconds of Python's normalised timedelta.
        Value::TimeDelta(td) => {
            let us = td_micros(td);
            let (days, rest) = (us.div_euclid(86_400_000_000), us.rem_euclid(86_400_000_000));
            format!(
                "'{days} days {}.{:06} seconds'::interval",
                rest / 1_000_000,
                rest % 1_000_000
            )
        }
        // SQLAlchemy's psycopg2 dialect registers psycopg2's UUID adapter.
        Value::Uuid(u) => format!("'{}'::uuid", crate::value::pyuuid::hyphenated(u.get())),
        Value::List(l) => {
            let items = l.borrow();
            if items.is_empty() {
                "'{}'".into()
            } else {
                let parts = items.iter().map(literal).collect::<Result<Vec<_>>>()?;
                format!("ARRAY[{}]", parts.join(","))
            }
        }
        Value::Tuple(t) => {
            let parts = t.iter().map(literal).collect::<Result<Vec<_>>>()?;
            format!("({})", parts.join(", "))
        }
        other => {
            return Err(Error::new(
                ErrorKind::ProgrammingError,
                format!("can't adapt type '{}'", other.type_name()),
            )
            .with_help(
                "bind a number, a string, bytes, a date or time, a Decimal, a UUID, a list or None; \
                 for JSON pass json.dumps(value) and cast it: CAST(:v AS JSONB)",
            ));
        }
    })
}

/// A string as a standard string constant: quotes doubled, backslashes
/// as they are (`standard_conforming_strings`, PostgreSQL's default).
fn quoted(s: &str) -> Result<String> {
    if s.contains('\0') {
        return Err(Error::value(
            "A string literal cannot contain NUL (0x00) characters.",
        ));
    }
    Ok(format!("'{}'", s.replace('\'', "''")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeDelta};

    /// psycopg2 2.9's `adapt(v).getquoted()` of the same values.
    #[test]
    fn literals_as_psycopg2_writes_them() {
        let d = NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
        for (v, want) in [
            (Value::Bool(true), "true"),
            (Value::Int(-5), " -5"),
            (Value::Float(1.5), "1.5"),
            (Value::Float(f64::NAN), "'NaN'::float"),
            (Value::str("it's \\"), "'it''s \\'"),
            (Value::Bytes(b"ab"[..].into()), "'\\x6162'::bytea"),
            (Value::Date(d), "'2024-01-02'::date"),
            (
                Value::DateTime(d.and_hms_opt(3, 4, 0).unwrap()),
                "'2024-01-02T03:04:00'::timestamp",
            ),
            (
                Value::TimeDelta(TimeDelta::seconds(-1)),
                "'-1 days 86399.000000 seconds'::interval",
            ),
            (
                Value::list(vec![Value::Int(1), Value::Int(2)]),
                "ARRAY[1,2]",
            ),
            (Value::list(vec![]), "'{}'"),
            (Value::None, "NULL"),
        ] {
            assert_eq!(literal(&v).unwrap(), want);
        }
        assert_eq!(
            mogrify(
                "select %(a)s, '100%%' ? %(b)s",
                &[Value::Int(1), Value::str("x")]
            )
            .unwrap(),
            "select 1, '100%' ? 'x'"
        );
    }
}
