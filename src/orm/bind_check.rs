//! SQLAlchemy's bind processors for SQLite, as far as they refuse or
//! convert a value: a column takes any value on assignment, and a value
//! its type cannot bind fails when a statement binds it — at the flush,
//! or in a query's comparison — as SQLAlchemy's `StatementError` naming
//! the Python error (`Float`'s `float(value)`, `Boolean`'s
//! `_strict_as_bool`, SQLite `DATETIME`/`DATE`/`TIME`'s type checks,
//! `Enum._db_value_for_elem`'s `LookupError`, `LargeBinary`'s
//! `memoryview`, `JSON`'s `json.dumps`, `Uuid`'s `.hex`, `Interval`'s
//! `epoch + value`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::schema::model::Model;
use crate::schema::types::{ColumnType, EnumValues};
use crate::sql::ast::Param;
use crate::value::Value;
use crate::value::ops::qual_name;
use crate::value::repr::{float_repr, str_repr};

/// SQLAlchemy's `StatementError` wrapping a Python error of `kind`.
fn statement_error(kind: &str, msg: String) -> Error {
    Error::new(
        ErrorKind::StatementError,
        format!("(builtins.{kind}) {msg}"),
    )
}

/// `v` as its column type's bind processor passes it on: None when it is
/// bound as it is, `Some(converted)` when the processor converts it
/// (`float('2.5')`, `Boolean`'s 1.0), or the processor's error.
pub fn processed(ty: &ColumnType, v: &Value) -> Result<Option<Value>> {
    if matches!(v, Value::None) {
        return Ok(None);
    }
    let native = crate::sql::native_types::native();
    match ty {
        ColumnType::Float | ColumnType::Numeric(_) if !native => to_float(v),
        ColumnType::Boolean => strict_bool(v),
        ColumnType::DateTime => match v {
            Value::DateTime(_) | Value::Aware(_) | Value::Date(_) => Ok(None),
            _ => Err(statement_error(
                "TypeError",
                "SQLite DateTime type only accepts Python datetime and date objects as input."
                    .into(),
            )),
        },
        ColumnType::Date => match v {
            Value::DateTime(_) | Value::Aware(_) | Value::Date(_) => Ok(None),
            _ => Err(statement_error(
                "TypeError",
                "SQLite Date type only accepts Python date objects as input.".into(),
            )),
        },
        ColumnType::Time => match v {
            Value::Time(_) => Ok(None),
            _ if v.is::<crate::value::aware_time::AwareTime>() => Ok(None),
            _ => Err(statement_error(
                "TypeError",
                "SQLite Time type only accepts Python time objects as input.".into(),
            )),
        },
        ColumnType::Enum(values) => enum_value(values, v).map(|()| None),
        ColumnType::LargeBinary => match v {
            Value::Bytes(_) => Ok(None),
            // `memoryview(bytearray)`: any bytes-like object binds.
            _ if v.is::<crate::value::bytearray::ByteArray>() => Ok(None),
            _ => Err(statement_error(
                "TypeError",
                format!(
                    "memoryview: a bytes-like object is required, not '{}'",
                    v.type_name()
                ),
            )),
        },
        ColumnType::Json if crate::orm::json::is_json_null(v) => Ok(None),
        ColumnType::Json => match crate::orm::json_text::json_dumps(v) {
            Ok(_) => Ok(None),
            Err(e) => Err(statement_error(e.kind.name(), e.message.to_string())),
        },
        ColumnType::Uuid if !native => match v {
            Value::Uuid(_) => Ok(None),
            _ => Err(statement_error(
                "AttributeError",
                format!("'{}' object has no attribute 'hex'", v.type_name()),
            )),
        },
        ColumnType::Interval => match v {
            Value::TimeDelta(_) => Ok(None),
            _ => Err(statement_error(
                "TypeError",
                format!(
                    "unsupported operand type(s) for +: 'datetime.datetime' and '{}'",
                    qual_name(v)
                ),
            )),
        },
        _ => Ok(None),
    }
}

/// `processors.to_float`: Python's `float(value)`.
fn to_float(v: &Value) -> Result<Option<Value>> {
    let v = crate::value::compare::mixin_view(v);
    match v {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::Decimal(_) => Ok(None),
        Value::Str(s) => crate::value::numbers::parse_float(s)
            .map(|f| Some(Value::Float(f)))
            .map_err(|e| statement_error("ValueError", e.message.to_string())),
        Value::Bytes(b) => {
            let shown = crate::value::repr::bytes_repr(b);
            std::str::from_utf8(b)
                .ok()
                .and_then(|s| crate::value::numbers::parse_float(s).ok())
                .map(|f| Some(Value::Float(f)))
                .ok_or_else(|| {
                    statement_error(
                        "ValueError",
                        format!("could not convert string to float: {shown}"),
                    )
                })
        }
        _ => Err(statement_error(
            "TypeError",
            format!(
                "float() argument must be a string or a real number, not '{}'",
                qual_name(v)
            ),
        )),
    }
}

/// `Boolean._strict_as_bool`: None, True, False (1, 0, 1.0 and 0.0 are
/// equal to them) and nothing else.
fn strict_bool(v: &Value) -> Result<Option<Value>> {
    match v {
        Value::Bool(_) | Value::Int(0 | 1) => Ok(None),
        Value::Float(f) if *f == 0.0 || *f == 1.0 => Ok(Some(Value::Bool(*f == 1.0))),
        Value::Int(i) => Err(statement_error(
            "ValueError",
            format!("Value {i} is not None, True, or False"),
        )),
        _ => Err(statement_error(
            "TypeError",
            format!("Not a boolean value: {}", plain_repr(v)),
        )),
    }
}

/// `Enum._db_value_for_elem`: one of the values (or a member of the enum
/// class), or with `validate_strings=False` any string; anything else is
/// its `LookupError`.
fn enum_value(values: &EnumValues, v: &Value) -> Result<()> {
    if let Some(class) = &values.class
        && class.name_of(&values.names, v).is_some()
    {
        return Ok(());
    }
    let listed = values
        .iter()
        .any(|n| v.py_eq(&Value::str(n)).unwrap_or(false));
    if listed || (!values.validate_strings && matches!(v, Value::Str(_))) {
        return Ok(());
    }
    Err(statement_error("LookupError", not_among(values, v)))
}

/// The text of SQLAlchemy's `LookupError` for `v`, not among `values`.
pub fn not_among(values: &EnumValues, v: &Value) -> String {
    let name = values
        .name
        .as_deref()
        .map(str::to_string)
        .or_else(|| values.class.as_ref().map(|c| c.name.to_lowercase()))
        .unwrap_or_else(|| "None".into());
    format!(
        "'{}' is not among the defined enum values. Enum name: {name}. Possible values: {}",
        plain_str(v),
        repr_tuple_names(&values.names)
    )
}

/// `langhelpers.repr_tuple_names`: up to four names, each cut to 11
/// characters; more are shown as the first three, `...`, the last.
fn repr_tuple_names(names: &[Rc<str>]) -> String {
    let cut = |n: &Rc<str>| match n.char_indices().nth(11) {
        Some((i, _)) => format!("{}..", &n[..i]),
        None => n.to_string(),
    };
    if names.len() <= 4 {
        return names.iter().map(cut).collect::<Vec<_>>().join(", ");
    }
    let first: Vec<String> = names[..3].iter().map(cut).collect();
    format!(
        "{}, ..., {}",
        first.join(", "),
        cut(&names[names.len() - 1])
    )
}

/// Python's `str()` of a plain value (an enum member as `Class.name`).
fn plain_str(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => float_repr(*f),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        _ => {
            if let Some(m) = v.downcast::<crate::eval::pyenum::EnumMember>() {
                return format!("{}.{}", m.class_name, m.name);
            }
            plain_repr(v)
        }
    }
}

/// Python's `repr()` of a plain value; an object shows its type.
fn plain_repr(v: &Value) -> String {
    match v {
        Value::Str(s) => str_repr(s),
        Value::Float(f) => float_repr(*f),
        Value::Int(i) => i.to_string(),
        _ => crate::value::repr::repr(v, &mut crate::value::dict_methods::NoHost)
            .unwrap_or_else(|_| format!("<{} object>", v.type_name())),
    }
}

/// SQLAlchemy's `Enum` result processor (`_object_value_for_elem`): a
/// stored value that is none of an Enum column's values fails the load
/// with `LookupError`, as the row of `model` is read.
pub fn check_row(model: &Model, row: &[Param]) -> Result<()> {
    for (c, p) in model.columns.iter().zip(row) {
        let ColumnType::Enum(values) = &c.ty else {
            continue;
        };
        let stored = match p {
            Param::Null => continue,
            Param::Text(t) if values.iter().any(|n| **n == **t) => continue,
            other => crate::orm::convert::plain_value(other),
        };
        return Err(
            Error::new(ErrorKind::LookupError, not_among(values, &stored)).with_help(format!(
                "the row of {} holds it in column {}: store one of the values there",
                model.name, c.name
            )),
        );
    }
    Ok(())
}
