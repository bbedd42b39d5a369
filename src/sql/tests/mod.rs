//! Compiled-SQL tables. Every expected string was printed by SQLAlchemy 2.x
//! for the SQLite dialect (`scripts/sqlalchemy_sql_samples.py`, run with the
//! reference venv) — or, in `generic`, by `str()` of an unbound statement;
//! the sample's name is given beside each case. The tests themselves need no
//! Python.

pub(super) mod build;
mod ddl;
mod dml;
mod expressions;
mod functions;
mod generic;
mod late;
mod like;
mod safety;
mod select;
mod select_joins;
mod visit;
