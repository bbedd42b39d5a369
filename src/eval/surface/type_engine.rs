//! Column types as values — `db.Integer`, `db.String(80)`, `db.JSON`
//! (SQLAlchemy's `TypeEngine`). Their one attribute is JSON's `NULL`
//! (`orm::json::JsonNull`); calling a bare type is `eval::call`'s.

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::objects::TypeSpec;
use crate::eval::surface::Class;
use crate::schema::types::ColumnType;
use crate::value::Value;

type T = Rc<TypeSpec>;

/// `JSON.NULL`, on a JSON type only.
fn json_attr(_: &mut Interp, t: &T, name: &str) -> Option<Result<Value>> {
    (t.ty == ColumnType::Json && name == "NULL").then(|| Ok(crate::orm::json::json_null()))
}

fn json_names(_: &mut Interp, t: &T) -> Vec<Rc<str>> {
    if t.ty == ColumnType::Json {
        vec![Rc::from("NULL")]
    } else {
        Vec::new()
    }
}

/// A column type (`db.JSON.NULL`).
pub static TYPE_ENGINE: Class<T> =
    Class::new("TypeEngine", &[]).with_dynamic(json_attr, json_names);
