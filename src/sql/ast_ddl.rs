//! The DDL statements as plain data: a CREATE TABLE with its columns and
//! constraints, a CREATE INDEX — what `schema::ddl`'s plan builds and
//! `sql::ddl` writes (SQLAlchemy's `CreateTable`, `CreateIndex`).
//! Re-exported from `sql::ast`.

use std::rc::Rc;

/// One column of a CREATE TABLE.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnDdl {
    pub name: Rc<str>,
    /// The type as SQLAlchemy writes it for SQLite: `INTEGER`, `VARCHAR(80)`.
    pub type_sql: Rc<str>,
    pub not_null: bool,
    /// `DEFAULT …` text, already rendered as SQL (a server_default).
    pub default_sql: Option<Rc<str>>,
    /// ` GENERATED ALWAYS AS (…)` (a `Computed`).
    pub computed_sql: Option<Rc<str>>,
    /// The column's own CHECK constraints, last on its line:
    /// ` CHECK (n > 0)`, ` CONSTRAINT name CHECK (…)`.
    pub checks_sql: Rc<str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ForeignKeyDdl {
    pub columns: Vec<Rc<str>>,
    pub ref_table: Rc<str>,
    pub ref_columns: Vec<Rc<str>>,
    pub ondelete: Option<Rc<str>>,
    pub onupdate: Option<Rc<str>>,
    /// `CONSTRAINT name` before it, when named.
    pub name: Option<Rc<str>>,
    /// `DEFERRABLE` / `INITIALLY …` after it.
    pub defer: super::ddl_constraint::Deferrability,
}

/// A table-level `CHECK (…)`, named or not.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckDdl {
    pub name: Option<Rc<str>>,
    /// The condition, already SQL.
    pub sql: Rc<str>,
    /// The column whose type made it (`Boolean(create_constraint=True)`):
    /// placed among that column's constraints, after its UNIQUE and
    /// FOREIGN KEY, as SQLAlchemy makes it when the column joins the
    /// table. `None`: a table-level check, right after the primary key.
    pub column: Option<Rc<str>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CreateTable {
    pub name: Rc<str>,
    pub columns: Vec<ColumnDdl>,
    pub primary_key: Vec<Rc<str>>,
    /// Each entry is one `UNIQUE (a, b)` constraint.
    pub uniques: Vec<Vec<Rc<str>>>,
    /// The names a naming convention gave `uniques`, by position.
    pub unique_names: Vec<Option<Rc<str>>>,
    /// The name a naming convention gave the columns' primary key.
    pub primary_key_name: Option<Rc<str>>,
    pub foreign_keys: Vec<ForeignKeyDdl>,
    /// `CHECK (…)` constraints.
    pub checks: Vec<CheckDdl>,
    /// The whole PRIMARY KEY clause when a `PrimaryKeyConstraint` wrote it
    /// (`CONSTRAINT pk PRIMARY KEY (a, b)`), instead of `primary_key`'s.
    pub primary_key_sql: Option<String>,
    /// `sqlite_autoincrement=True`: the one primary-key column written
    /// `… PRIMARY KEY AUTOINCREMENT`, with no PRIMARY KEY clause.
    pub autoincrement_column: Option<Rc<str>>,
    /// Table-level constraints (`__table_args__`), already SQL, in the
    /// order they were made: before the column-level ones.
    pub table_constraints: Vec<String>,
    /// What follows the closing parenthesis (`WITHOUT ROWID`, `STRICT`).
    pub table_options: Vec<&'static str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CreateIndex {
    pub name: Rc<str>,
    pub table: Rc<str>,
    pub columns: Vec<Rc<str>>,
    pub unique: bool,
}
