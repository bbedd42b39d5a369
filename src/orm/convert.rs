//! Values to SQLite parameters and back, per column type, in the formats
//! SQLAlchemy stores (DateTime `'2024-01-02 03:04:05.000000'`, Boolean 0/1,
//! JSON text as `json.dumps` writes it, `orm::json_text`), and the checks
//! made on assignment.

use std::rc::Rc;

use chrono::{NaiveDate, NaiveDateTime};

use crate::error::{Error, Result};
use crate::orm::json_text::{from_json, json_dumps};
use crate::schema::column::Column;
use crate::schema::model::Model;
use crate::schema::types::{ColumnType, NumericType};
use crate::sql::ast::Param;
use crate::sql::native_types::native;
use crate::value::PyStr;
use crate::value::Value;
use crate::value::repr::float_repr;

/// A value assigned to a column, as SQLAlchemy's attribute keeps it: any
/// value is taken (SQLAlchemy checks nothing on assignment; a value the
/// column's type cannot bind fails when a statement binds it,
/// `orm::bind_check`). ormsh normalises two: a Boolean column's 0 or 1
/// is `False`/`True`, a Date column's datetime its date.
pub fn check_assign(_model: &Model, col: &Column, v: Value) -> Result<Value> {
    Ok(match (&col.ty, &v) {
        (ColumnType::Boolean, Value::Int(0)) => Value::Bool(false),
        (ColumnType::Boolean, Value::Int(1)) => Value::Bool(true),
        (ColumnType::Date, Value::DateTime(d)) => Value::Date(d.date()),
        (ColumnType::Date, Value::Aware(a)) => Value::Date(a.wall.date()),
        _ => v,
    })
}

const DT_FMT: &str = "%Y-%m-%d %H:%M:%S%.6f";

/// A column value as the parameter SQLAlchemy would bind.
pub fn to_param(ty: &ColumnType, v: &Value) -> Result<Param> {
    if *ty == ColumnType::Null {
        // `NullType` has no bind processor: pysqlite adapts the value.
        return match v {
            Value::None
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Float(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::DateTime(_)
            | Value::Aware(_)
            | Value::Date(_) => crate::orm::convert_types::raw_param(v),
            _ => Ok(unsupported_bind(v)),
        };
    }
    if let ColumnType::Enum(values) = ty
        && let Some(class) = &values.class
        && let Some(name) = class.name_of(&values.names, v)
    {
        return Ok(Param::Text(name.to_string().into()));
    }
    // The type's bind processor: its refusal, or the value it converts.
    if let Some(p) = crate::orm::bind_check::processed(ty, v)? {
        return to_param(ty, &p);
    }
    // A member of a `StrEnum`/`IntEnum` binds as its `str`/`int`.
    let v = crate::value::compare::mixin_view(v);
    Ok(match v {
        Value::None => Param::Null,
        // `JSON.NULL`: JSON's `null`, whatever `none_as_null` says.
        _ if *ty == ColumnType::Json && crate::orm::json::is_json_null(v) => {
            Param::Text("null".into())
        }
        _ if *ty == ColumnType::Json => Param::Text(json_dumps(v)?.into()),
        // psycopg2 adapts a bool as `true`/`false` (a Boolean column has
        // no bind processor there); SQLAlchemy's SQLite dialect binds 1/0.
        Value::Bool(b) if native() && *ty == ColumnType::Boolean => Param::Bool(*b),
        Value::Bool(b) => Param::Int(*b as i64),
        Value::Int(i) if ty.is_string() => Param::Text(i.to_string().into()),
        Value::Float(f) if ty.is_string() => Param::Text(float_repr(*f).into()),
        Value::Int(i) => match ty {
            // A database with decimals binds the int as it is.
            ColumnType::Float | ColumnType::Numeric(_) if native() => Param::Int(*i),
            ColumnType::Float | ColumnType::Numeric(_) => Param::Real(*i as f64),
            _ => Param::Int(*i),
        },
        // pysqlite binds a float as REAL whatever the column, and SQLite's
        // INTEGER affinity keeps it an integer only where that is exact
        // (never past int64's range: no clamp). psycopg2 sends the literal,
        // which PostgreSQL casts; an integral one in range binds as an int.
        Value::Float(f) => match ty {
            t if native() && t.is_integer() && f.fract() == 0.0 && in_i64(*f) => {
                Param::Int(*f as i64)
            }
            _ => Param::Real(*f),
        },
        Value::Str(s) => Param::Text(s.into()),
        Value::Bytes(b) => Param::Blob(b.clone()),
        Value::DateTime(d) => match ty {
            ColumnType::Date => Param::Text(d.date().format("%Y-%m-%d").to_string().into()),
            ColumnType::DateTime => Param::Text(d.format(DT_FMT).to_string().into()),
            // pysqlite's datetime adapter, `isoformat(" ")`.
            _ => Param::Text(crate::value::dates::datetime_str(d).into()),
        },
        // psycopg2 sends the datetime with its offset.
        Value::Aware(a) if native() && *ty != ColumnType::Date => {
            Param::Text(crate::orm::convert_types::aware_text(a).into())
        }
        // SQLAlchemy's SQLite DATETIME writes the wall time: the zone is lost.
        Value::Aware(a) => return to_param(ty, &Value::DateTime(a.wall)),
        Value::Date(d) => match ty {
            ColumnType::DateTime => Param::Text(
                d.and_hms_opt(0, 0, 0)
                    .map(|d| d.format(DT_FMT).to_string())
                    .unwrap_or_default()
                    .into(),
            ),
            _ => Param::Text(d.format("%Y-%m-%d").to_string().into()),
        },
        Value::Time(t) => Param::Text(t.format("%H:%M:%S%.6f").to_string().into()),
        // SQLAlchemy's SQLite TIME writes an aware time's wall time alone.
        Value::Obj(_) if let Some(t) = v.downcast::<crate::value::aware_time::AwareTime>() => {
            Param::Text(t.wall.format("%H:%M:%S%.6f").to_string().into())
        }
        Value::Decimal(d) => match ty {
            // psycopg2 adapts a Decimal exactly (`str(d)`).
            ColumnType::Float | ColumnType::Numeric(_) if native() => {
                Param::Decimal(d.to_sci_string().into())
            }
            // SQLite has no decimal type: SQLAlchemy binds the float.
            ColumnType::Float | ColumnType::Numeric(_) => Param::Real(d.to_f64()),
            _ => unsupported_bind(v),
        },
        Value::Uuid(u) => match ty {
            ColumnType::Uuid => Param::Text(crate::value::pyuuid::hex(u.get()).into()),
            _ => unsupported_bind(v),
        },
        Value::TimeDelta(t) => match ty {
            ColumnType::Interval if native() && t.num_microseconds().is_some() => {
                Param::Interval(t.num_microseconds().unwrap_or_default())
            }
            ColumnType::Interval => {
                Param::Text(crate::orm::convert_types::interval_text(t)?.into())
            }
            _ => unsupported_bind(v),
        },
        // pysqlite binds nothing else.
        other => unsupported_bind(other),
    })
}

/// A value pysqlite cannot bind, bound as it is: the statement that
/// sends it fails when it runs (pysqlite's `ProgrammingError`, raised
/// through SQLAlchemy with the statement and its parameters).
pub fn unsupported_bind(v: &Value) -> Param {
    let repr = crate::value::repr::repr(v, &mut crate::value::dict_methods::NoHost)
        .unwrap_or_else(|_| format!("<{} object>", crate::value::ops::qual_name(v)));
    Param::Unbindable(Rc::new(crate::sql::ast::Unbindable {
        type_name: crate::value::ops::qual_name(v).into(),
        repr: repr.into(),
    }))
}

/// A plain value (not tied to a column) as a parameter: `text()` binds,
/// comparisons with expressions of unknown type.
pub fn plain_param(v: &Value) -> Result<Param> {
    let ty = match v {
        Value::DateTime(_) | Value::Aware(_) => ColumnType::DateTime,
        Value::Date(_) => ColumnType::Date,
        Value::Decimal(_) => ColumnType::Numeric(NumericType::PLAIN),
        Value::Uuid(_) => ColumnType::Uuid,
        Value::TimeDelta(_) => ColumnType::Interval,
        // No type: bound as it is, pysqlite refuses it when it runs.
        Value::List(_) | Value::Dict(_) | Value::Tuple(_) => return Ok(unsupported_bind(v)),
        _ => ColumnType::Text,
    };
    match v {
        Value::Int(i) => Ok(Param::Int(*i)),
        Value::Float(f) => Ok(Param::Real(*f)),
        _ => to_param(&ty, v),
    }
}

/// An expression's result read back as its type's Python value, failing
/// as SQLAlchemy's SQLite result processors fail: a date, datetime or
/// time read from a number (`DateTime + timedelta` computed by SQLite's
/// arithmetic) is `fromisoformat`'s TypeError; so is an `Interval`
/// (stored as a datetime) read from a number, as `func.sum(interval)`
/// gives one.
pub fn expr_value(ty: &ColumnType, p: &Param) -> Result<Value> {
    let temporal = matches!(
        ty,
        ColumnType::Date | ColumnType::DateTime | ColumnType::Time | ColumnType::Interval
    );
    if temporal && matches!(p, Param::Int(_) | Param::Real(_) | Param::Blob(_)) {
        return Err(Error::type_("fromisoformat: argument must be str").with_help(
            "SQLite stores dates as text: arithmetic on them (e.g. a DateTime + timedelta) gives a number; \
             compute dates in Python, or with func.datetime(col, '+1 day')",
        ));
    }
    Ok(from_param(ty, p))
}

/// A stored value read back as the Python value of the column's type.
pub fn from_param(ty: &ColumnType, p: &Param) -> Value {
    match (ty, p) {
        (_, Param::Null) => Value::None,
        (_, Param::Bool(b)) => Value::Bool(*b),
        (_, Param::Interval(us)) => Value::TimeDelta(chrono::TimeDelta::microseconds(*us)),
        // SQLAlchemy's `int_to_boolean`: Python's truth of what is stored.
        (ColumnType::Boolean, Param::Int(i)) => Value::Bool(*i != 0),
        (ColumnType::Boolean, Param::Real(f)) => Value::Bool(*f != 0.0),
        (ColumnType::Boolean, Param::Text(t)) => Value::Bool(!t.is_empty()),
        (ColumnType::Boolean, Param::Blob(b)) => Value::Bool(!b.is_empty()),
        (ColumnType::Enum(values), Param::Text(t)) if values.class.is_some() => values
            .class
            .as_ref()
            .and_then(|c| c.member(&values.names, t))
            .unwrap_or_else(|| Value::Str(PyStr::from(&**t))),
        // SQLAlchemy's Float has no result processor on SQLite (no native
        // decimal): an integer an expression gives stays an integer.
        // psycopg2's Decimal, as the server wrote it (`Decimal('12.50')`);
        // SQLAlchemy's PostgreSQL Numeric keeps it, or makes a float of it
        // for `asdecimal=False` and `Float`.
        (ColumnType::Numeric(n), Param::Decimal(_)) if !n.asdecimal => float_of(p),
        (ColumnType::Float, Param::Decimal(_)) => float_of(p),
        (ColumnType::Numeric(n), Param::Int(_) | Param::Real(_)) if n.asdecimal => {
            crate::orm::convert_types::to_decimal(n, p)
        }
        (ColumnType::Uuid, Param::Text(t)) => crate::orm::convert_types::uuid_value(t),
        (ColumnType::Interval, Param::Text(t)) => crate::orm::convert_types::interval_value(t),
        (ColumnType::DateTime, Param::Text(t)) => stored_datetime(t),
        (ColumnType::Date, Param::Text(t)) => crate::value::dates::date_from_iso(t)
            .map_or_else(|_| Value::Str(PyStr::from(&**t)), Value::Date),
        // SQLAlchemy's SQLite TIME reads with `time.fromisoformat`: a `Z`
        // or offset gives an aware time; text that is no time stays text.
        (ColumnType::Time, Param::Text(t)) => crate::eval::dates_classmethods::time_from_iso(t)
            .unwrap_or_else(|_| Value::Str(PyStr::from(&**t))),
        (ColumnType::Json, Param::Text(t)) => serde_json::from_str::<serde_json::Value>(t)
            .map_or_else(|_| Value::Str(PyStr::from(&**t)), |j| from_json(&j)),
        _ => plain_value(p),
    }
}

/// A DATETIME column's text as SQLAlchemy's SQLite DATETIME reads it
/// (`datetime.fromisoformat`, Python 3.11's): every ISO 8601 form, a `Z`
/// or UTC offset giving an aware datetime. Text it cannot read is given
/// as it is (SQLAlchemy raises ValueError), so it can be written back.
fn stored_datetime(t: &str) -> Value {
    crate::value::dates_iso::datetime_from_iso(t)
        .ok()
        .and_then(|(wall, offset)| crate::eval::dates_tz::with_offset(wall, offset).ok())
        // chrono skips spaces `fromisoformat` refuses: text with them stays
        // text, as any other text no date.
        .or_else(|| (t.trim() == t).then(|| parse_datetime(t).map(Value::DateTime))?)
        .unwrap_or_else(|| Value::Str(PyStr::from(t)))
}

/// A stored value with no column type to guide it.
pub fn plain_value(p: &Param) -> Value {
    match p {
        Param::Null => Value::None,
        Param::Int(i) => Value::Int(*i),
        Param::Bool(b) => Value::Bool(*b),
        Param::Interval(us) => Value::TimeDelta(chrono::TimeDelta::microseconds(*us)),
        Param::Real(f) => Value::Float(*f),
        Param::Text(t) => Value::Str(PyStr::shared(t.clone())),
        Param::Blob(b) => Value::Bytes(b.clone()),
        Param::Decimal(t) => crate::value::decimal::Decimal::parse(t)
            .map_or_else(|_| float_of(p), |d| Value::Decimal(Rc::new(d))),
        // Never stored: refused when bound.
        Param::Unbindable(u) => Value::Str(PyStr::from(&*u.repr)),
    }
}

/// A decimal's text as a float (`Decimal`'s `float()`).
fn float_of(p: &Param) -> Value {
    match p {
        Param::Decimal(t) => Value::Float(t.parse().unwrap_or(f64::NAN)),
        other => plain_value(other),
    }
}

pub fn parse_datetime(t: &str) -> Option<NaiveDateTime> {
    [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    })
}

/// Whether the float `f` is an integer value int64 holds exactly: from
/// -2^63 (exact as a float) up to, not including, 2^63.
fn in_i64(f: f64) -> bool {
    (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&f)
}
