//! Statement structs to `(sql, params)` in SQLAlchemy's SQLite text (or, for
//! `str()` of an unbound statement, its default dialect's); identifier
//! quoting. Never sees the ORM.
//!
//! - `ast`: the statement structs the ORM builds; `anon`: anonymous names
//!   (`anon_1`, `u_1`) numbered when compiled.
//! - `compile` (with `expr`, `construct`, `select`, `dml`): SELECT/INSERT/UPDATE/DELETE in
//!   `Mode::Execute`, `Display` (SQLAlchemy's `str()` for SQLite), `Generic`
//!   (its `str()` of an unbound 2.0 `select()`) or `Inline`.
//! - `compile_check`: what SQLAlchemy's compiler refuses before any SQL is sent
//!   (unequal compound members, unrelated CTEs of one name, a selected `tuple_()`).
//! - `correlate`: a nested SELECT leaves out the tables its enclosing one
//!   reads.
//! - `compound` (`a UNION b`, ordered and limited as a whole) and `cte`
//!   (`WITH name AS (…)` before the statement) are SELECT's kin.
//! - `ddl`: CREATE/DROP TABLE and INDEX; `upsert`: SQLite's `ON
//!   CONFLICT … DO NOTHING / DO UPDATE SET …` after an INSERT's VALUES.
//! - `dialect`: the text one database writes its own way (SQLite's
//!   `CURRENT_TIMESTAMP` for `now()`, `1`/`0` for `true()`/`false()`, its
//!   `extract()`); the compiler asks its mode's `Dialect`.
//! - `insertmany_pg`: the insertmanyvalues INSERTs PostgreSQL's psycopg2
//!   dialect sends for several rows of a flush (what its echo shows).
//! - `json`: an index into a JSON value (`col['k']`, `.as_string()`),
//!   as the dialect writes it.
//! - `depth`: how deep an expression nests (bounded where one is made).
//! - `quote`: identifier quoting; `params`: echo reprs and SQL literals;
//!   `text`: `:name` binds of `text()` SQL; `func`: how `func.NAME(...)`
//!   is written (SQLAlchemy's generic functions, quoting of odd names).
//! - `visit`: the expression toolkit — one walk and map over `SqlExpr`,
//!   re-pointing columns at an alias, the tables an expression names, and
//!   the shared constructors (`SqlExpr::col`, `eq`, `bound`).

pub mod anon;
pub mod ast;
mod ast_ddl;
pub mod compile;
pub mod compile_check;
mod compiled;
mod compound;
mod construct;
pub mod correlate;
mod cte;
pub mod ddl;
pub mod ddl_constraint;
pub mod ddl_expr;
pub mod depth;
pub mod dialect;
pub mod dialect_pg;
mod dml;
mod expr;
pub mod func;
pub mod func_modifier;
mod insert_select;
pub mod insertmany_pg;
pub mod json;
pub mod late;
mod like_affix;
pub mod named_bind;
pub mod native_types;
mod negate;
mod operators_text;
pub mod params;
mod precedence;
mod prefixes;
pub mod quote;
mod select;
pub mod text;
pub mod upsert;
pub mod visit;
pub mod window;

pub use compile::{Mode, delete, delete_in, insert, insert_in, select, update, update_in};
pub use ddl::{create_index, create_table, drop_index, drop_table};
pub use dml::{delete_returning_in, update_returning_in, values_insert_in};
pub use insert_select::insert_select_in;
pub use negate::negate;
pub use params::{params_repr, params_repr_many};
pub use select::FetchFirst;

#[cfg(test)]
mod tests;
