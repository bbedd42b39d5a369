//! SQLAlchemy's schema-item classes as `db` lends them —
//! `UniqueConstraint`, `CheckConstraint`, `PrimaryKeyConstraint`,
//! `ForeignKeyConstraint`, `Index`: each is a class, so
//! `isinstance(c, db.UniqueConstraint)` and `type(c)` answer as Python's
//! do (`type(c) is db.UniqueConstraint`, `type(c).__name__`), and the
//! class prints as `<class 'sqlalchemy.sql.schema.UniqueConstraint'>`.
//! Calling one makes the item (`eval::constraint_def`).

use crate::eval::Interp;
use crate::eval::constraint_def;
use crate::eval::objects::NativeFn;
use crate::value::Value;

/// The module SQLAlchemy defines them in, as their `repr` names it.
pub const MODULE: &str = "sqlalchemy.sql.schema.";

/// Each class's name and constructor.
const CLASSES: &[(&str, NativeFn)] = &[
    ("UniqueConstraint", constraint_def::unique_constraint),
    ("CheckConstraint", constraint_def::check_constraint),
    (
        "PrimaryKeyConstraint",
        constraint_def::primary_key_constraint,
    ),
    (
        "ForeignKeyConstraint",
        constraint_def::foreign_key_constraint,
    ),
    ("Index", constraint_def::index),
];

/// Is `name` one of these classes?
pub fn is_schema_class(name: &str) -> bool {
    CLASSES.iter().any(|(n, _)| *n == name)
}

/// The class named `name` (what `db.UniqueConstraint` and `type(c)` give).
pub fn class(name: &str) -> Option<Value> {
    CLASSES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, f)| Interp::native(n, *f))
}
