//! The ORM: instances and their states, the session with its identity map and
//! unit of work, SQL expressions on columns, queries, loading and pagination.
//! Reaches SQLite only through `engine`.

pub mod alias;
pub mod attr_history;
pub mod backref;
pub mod bulk;
pub mod bulk_pk;
pub mod columns;
pub mod constructs;
pub mod convert;
pub mod dml;
pub mod eager;
pub mod eager_sql;
pub mod evaluate;
pub mod evaluate_names;
pub mod expr;
pub mod failed;
pub mod flush;
pub mod func_types;
pub mod history;
pub mod identity;
pub mod instance;
pub mod late;
pub mod lazy;
pub mod list_ops;
pub mod mapper;
pub mod merge;
pub mod onupdate;
pub mod operators;
pub mod pagination;
pub mod parents;
pub mod pending;
pub mod query;
pub mod rekey;
pub mod relation;
pub mod retire;
pub mod row;
pub mod selectable;
pub mod session;
pub mod setops;
pub mod states;
pub mod tracked;
pub mod transaction;
pub mod undo;
pub mod unique;
pub mod unitofwork;
