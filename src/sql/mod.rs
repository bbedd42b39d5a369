//! Statement structs to `(sql, params)` in SQLAlchemy's SQLite text;
//! identifier quoting. Never sees the ORM.

pub mod ast;
pub mod compile;
