//! ormsh: define ORM models and query SQLite the way the Flask-SQLAlchemy
//! quickstart does, with no Python. See ARCHITECTURE.md for the map.

pub mod engine;
pub mod error;
pub mod orm;
pub mod schema;
pub mod sql;
pub mod syntax;
pub mod value;
