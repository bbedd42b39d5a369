//! A value assigned to a column of `db.Enum(PythonEnumClass)`
//! (`schema::types::EnumClass`): SQLAlchemy's `Enum` type with an
//! `enum_class` binds a member by name, a string as it is, and anything
//! else is its `LookupError`.

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
