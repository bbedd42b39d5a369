//! Column types as values — `db.Integer`, `db.String(80)`, `db.JSON`
//! (SQLAlchemy's `TypeEngine`). Their attributes: JSON's `NULL`
//! (`orm::json::JsonNull`), a string type's `length`, and an `Enum`'s
//! `enums`, `enum_class`, `name`, `length`, `native_enum` and
//! `validate_strings` (`eval::enum_type`); calling a bare type is
//! `eval::call`'s.

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::objects::TypeSpec;
use crate::eval::surface::Class;
use crate::schema::types::ColumnType;
use crate::value::Value;

type T = Rc<TypeSpec>;

/// `JSON.NULL`, a string type's `length`, an Enum's attributes.
fn type_attr(_: &mut Interp, t: &T, name: &str) -> Option<Result<Value>> {
    if t.ty == ColumnType::Json && name == "NULL" {
        return Some(Ok(crate::orm::json::json_null()));
    }
    if let ColumnType::Enum(ev) = &t.ty {
        return crate::eval::enum_type::type_attr(ev, &t.opts, name).map(Ok);
    }
    let length = match &t.ty {
        ColumnType::String(n) | ColumnType::Unicode(n) => *n,
        ColumnType::Text | ColumnType::UnicodeText => t.opts.length,
        _ => return None,
    };
    (name == "length").then(|| Ok(length.map_or(Value::None, |n| Value::Int(n.into()))))
}

fn type_names(_: &mut Interp, t: &T) -> Vec<Rc<str>> {
    let names: &[&str] = match t.ty {
        ColumnType::Json => &["NULL"],
        ColumnType::Enum(_) => crate::eval::enum_type::TYPE_ATTRS,
        ColumnType::String(_)
        | ColumnType::Unicode(_)
        | ColumnType::Text
        | ColumnType::UnicodeText => &["length"],
        _ => &[],
    };
    names.iter().map(|n| Rc::from(*n)).collect()
}

/// A column type (`db.JSON.NULL`, `col.type.length`, `col.type.enums`).
pub static TYPE_ENGINE: Class<T> =
    Class::new("TypeEngine", &[]).with_dynamic(type_attr, type_names);
