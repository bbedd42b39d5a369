//! ormsh: define ORM models and query SQLite the way the Flask-SQLAlchemy
//! quickstart does, with no Python. See ARCHITECTURE.md for the map.

pub mod app;
pub mod cli;
pub mod db_url;
pub mod db_url_pg;
pub mod dot;
pub mod engine;
pub mod error;
pub mod eval;
pub mod hints;
pub mod interrupt;
pub mod memory;
pub mod orm;
pub mod persist;
pub mod render;
pub mod repl;
pub mod schema;
pub mod source;
pub mod sql;
pub mod stack;
pub mod syntax;
pub mod tutorial;
pub mod value;
