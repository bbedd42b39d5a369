//! `sqlalchemy.dialects.postgresql` (issue 19): the PostgreSQL types a
//! Flask app's models import from it — `JSONB` (a `JSON` written `JSONB`),
//! `INET`, `CIDR`, `MACADDR` (strings, as psycopg2 gives them), `BYTEA`
//! (a `LargeBinary`) — each the generic
//! type under the class's own name in the DDL, as SQLAlchemy's classes
//! subclass the generic ones, and `UUID` (SQLAlchemy's, not Python's
//! `uuid.UUID`). Its other names are lent (`INTEGER`, …) or refused as not supported (`ARRAY`, the ranges).

use crate::eval::objects::TypeSpec;
use crate::eval::pymod::Module;
use crate::eval::surface::{Class, Member};
use crate::schema::types::{ColumnType, TypeOptions};
use crate::value::Value;

use super::modules::module;

type R = std::rc::Rc<Module>;

/// The type `class` names, behaving as `ty`.
fn pg_type(ty: ColumnType, class: &'static str) -> crate::error::Result<Value> {
    Ok(Value::obj(TypeSpec {
        ty,
        bare: true,
        opts: TypeOptions {
            class: Some(class),
            ..TypeOptions::default()
        },
    }))
}

/// `sqlalchemy.dialects.postgresql`'s own types.
pub static PG_DIALECT: Class<R> = module(&[
    Member::attr(
        "JSONB",
        |_, _| pg_type(ColumnType::Json, "JSONB"),
        "PostgreSQL's binary JSON column type: dicts, lists, … (JSON's behaviour)",
    ),
    Member::attr(
        "INET",
        |_, _| pg_type(ColumnType::String(None), "INET"),
        "PostgreSQL's IP address column type, read as the address's text",
    ),
    Member::attr(
        "CIDR",
        |_, _| pg_type(ColumnType::String(None), "CIDR"),
        "PostgreSQL's network column type, read as its text ('10.0.0.0/8')",
    ),
    Member::attr(
        "MACADDR",
        |_, _| pg_type(ColumnType::String(None), "MACADDR"),
        "PostgreSQL's MAC address column type, read as its text",
    ),
    // Not Python's `uuid.UUID`, which the built-in name is.
    Member::attr(
        "UUID",
        |_, _| pg_type(ColumnType::Uuid, "UUID"),
        "PostgreSQL's UUID column type, read as uuid.UUID: UUID(as_uuid=True)",
    ),
    Member::attr(
        "BYTEA",
        |_, _| pg_type(ColumnType::LargeBinary, "BYTEA"),
        "PostgreSQL's binary column type, read as bytes",
    ),
]);

/// Is `name` one of `sqlalchemy.dialects.postgresql`'s own types (which a
/// stored model may name: they only build columns)?
pub fn is_pg_type(name: &str) -> bool {
    PG_DIALECT.members.iter().any(|m| m.name == name)
}
