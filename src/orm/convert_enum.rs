//! A value assigned to a column of `db.Enum(PythonEnumClass)`
//! (`schema::types::EnumClass`): SQLAlchemy's `Enum` type with an
//! `enum_class` binds a member by name, a string as it is, and anything
//! else is its `LookupError`; with `validate_strings=True` a string that
//! is none of the values is refused when a statement binds it.

use crate::error::{Error, Result};
use crate::schema::column::Column;
use crate::value::Value;

/// A value assigned to a column of `db.Enum(PythonEnumClass)`: one of
/// the class's members, or a string, which SQLAlchemy stores as it is
/// (`validate_strings=False`); anything else is its `LookupError`.
pub fn enum_class_assign(
    model: &str,
    col: &Column,
    values: &crate::schema::types::EnumValues,
    v: Value,
) -> Result<Value> {
    let member = values
        .class
        .as_ref()
        .and_then(|c| c.name_of(&values.names, &v));
    if member.is_some() || matches!(v, Value::Str(_)) {
        return Ok(v);
    }
    let name = values
        .class
        .as_ref()
        .map_or(String::new(), |c| c.name.to_lowercase());
    Err(Error::new(
        crate::error::ErrorKind::LookupError,
        format!(
            "{} is not among the defined enum values. Enum name: {name}. Possible values: {}",
            crate::orm::convert::short(&v),
            values.names.join(", ")
        ),
    )
    .with_help(format!(
        "{model}.{} takes a member of the enum class {}, e.g. {}.{}",
        col.attr,
        values.class.as_ref().map_or("", |c| &*c.name),
        values.class.as_ref().map_or("", |c| &*c.name),
        values.names.first().map_or("", |n| &**n)
    )))
}

/// `Enum(..., validate_strings=True)`: a string bound to the column that
/// is none of its stored values is SQLAlchemy's `LookupError`, raised as a
/// `StatementError` when the statement runs (`Enum._db_value_for_elem`).
pub fn validate_string(values: &crate::schema::types::EnumValues, v: &Value) -> Result<()> {
    let Value::Str(s) = v else { return Ok(()) };
    if !values.validate_strings || values.iter().any(|n| **n == **s) {
        return Ok(());
    }
    let name = values
        .class
        .as_ref()
        .map_or_else(|| "None".to_string(), |c| c.name.to_lowercase());
    let possible = values.names.join(", ");
    Err(Error::new(
        crate::error::ErrorKind::StatementError,
        format!(
            "(builtins.LookupError) '{s}' is not among the defined enum values. Enum name: {name}. Possible values: {possible}"
        ),
    )
    .with_help(format!("use one of {possible}, or the enum's members")))
}
