//! Table-level constraints and indexes as SQLAlchemy's DDL compiler writes
//! them for SQLite (`visit_unique_constraint`, `visit_check_constraint`,
//! `visit_foreign_key_constraint`, `visit_primary_key_constraint`,
//! `visit_create_index`): the structs `__table_args__` and `db.Index`
//! build, and their text. Condition and expression SQL arrives already
//! written; names are quoted here.

use std::fmt::Write;
use std::rc::Rc;

use super::dialect::Dialect;

/// What follows a constraint: `DEFERRABLE` / `INITIALLY …` (SQLAlchemy's
/// `define_constraint_deferrability`) and the SQLite dialect's
/// `ON CONFLICT …` (`sqlite_on_conflict=`, not written for a foreign key).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Deferrability {
    pub deferrable: Option<bool>,
    /// Already checked to be a plain SQL phrase.
    pub initially: Option<Rc<str>>,
    /// Already checked to be a plain SQL phrase.
    pub on_conflict: Option<Rc<str>>,
}

/// One table-level constraint, SQLAlchemy's `Constraint` subclasses.
#[derive(Clone, Debug, PartialEq)]
pub enum TableConstraint {
    /// `UniqueConstraint('a', 'b', name=…)`.
    Unique {
        name: Option<Rc<str>>,
        columns: Vec<Rc<str>>,
        defer: Deferrability,
    },
    /// `CheckConstraint('a > 0', name=…)`: the condition as SQL.
    Check {
        name: Option<Rc<str>>,
        sql: Rc<str>,
        defer: Deferrability,
    },
    /// `ForeignKeyConstraint(['a'], ['t.id'], ondelete=…)`.
    ForeignKey {
        name: Option<Rc<str>>,
        columns: Vec<Rc<str>>,
        ref_table: Rc<str>,
        ref_columns: Vec<Rc<str>>,
        ondelete: Option<Rc<str>>,
        onupdate: Option<Rc<str>>,
        defer: Deferrability,
    },
}

/// `PrimaryKeyConstraint('a', 'b', name=…)`: the table's primary key,
/// which replaces the columns' `primary_key=True`.
#[derive(Clone, Debug, PartialEq)]
pub struct PrimaryKey {
    pub name: Option<Rc<str>>,
    pub columns: Vec<Rc<str>>,
    pub defer: Deferrability,
}

/// `Index('name', 'a', 'b', unique=True)`: a `CREATE INDEX` of its own.
#[derive(Clone, Debug, PartialEq)]
pub struct TableIndex {
    pub name: Rc<str>,
    pub table: Rc<str>,
    /// Each an expression as SQL (a column's quoted name for a column).
    pub columns: Vec<Rc<str>>,
    pub unique: bool,
    /// `unique=` was given as an integer (SQLAlchemy's SQLite reflection
    /// passes `PRAGMA index_list`'s 0 or 1): `Index.unique` is that int.
    pub unique_int: bool,
    /// `sqlite_where=`: a partial index's condition, as SQL.
    pub where_sql: Option<Rc<str>>,
}

fn names(cols: &[Rc<str>], d: &Dialect) -> String {
    cols.iter()
        .map(|n| d.quote(n))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `CONSTRAINT name ` before a named constraint, nothing otherwise.
fn prefix(name: &Option<Rc<str>>, d: &Dialect) -> String {
    match name {
        Some(n) => format!("CONSTRAINT {} ", d.quote(n)),
        None => String::new(),
    }
}

impl Deferrability {
    /// ` DEFERRABLE`, ` NOT DEFERRABLE`, ` INITIALLY X` (SQLAlchemy's
    /// `define_constraint_deferrability`).
    pub(super) fn sql(&self) -> String {
        let mut s = String::new();
        match self.deferrable {
            Some(true) => s.push_str(" DEFERRABLE"),
            Some(false) => s.push_str(" NOT DEFERRABLE"),
            None => {}
        }
        if let Some(i) = &self.initially {
            let _ = write!(s, " INITIALLY {i}");
        }
        s
    }

    /// The deferrability, then ` ON CONFLICT X`.
    fn with_conflict(&self) -> String {
        let mut s = self.sql();
        if let Some(c) = &self.on_conflict {
            let _ = write!(s, " ON CONFLICT {c}");
        }
        s
    }
}

/// A table-level constraint as it stands in `CREATE TABLE`. A UNIQUE
/// without columns is empty text, as SQLAlchemy writes it.
pub fn constraint_sql(c: &TableConstraint, d: &Dialect) -> String {
    match c {
        TableConstraint::Unique {
            name,
            columns,
            defer,
        } => {
            if columns.is_empty() {
                return String::new();
            }
            format!(
                "{}UNIQUE ({}){}",
                prefix(name, d),
                names(columns, d),
                defer.with_conflict()
            )
        }
        TableConstraint::Check { name, sql, defer } => {
            format!("{}CHECK ({sql}){}", prefix(name, d), defer.with_conflict())
        }
        TableConstraint::ForeignKey {
            name,
            columns,
            ref_table,
            ref_columns,
            ondelete,
            onupdate,
            defer,
        } => {
            let mut s = format!(
                "{}FOREIGN KEY({}) REFERENCES {} ({})",
                prefix(name, d),
                names(columns, d),
                d.quote(ref_table),
                names(ref_columns, d)
            );
            if let Some(a) = ondelete {
                let _ = write!(s, " ON DELETE {a}");
            }
            if let Some(a) = onupdate {
                let _ = write!(s, " ON UPDATE {a}");
            }
            s + &defer.sql()
        }
    }
}

/// `[CONSTRAINT name ]PRIMARY KEY (a, b)` of a `PrimaryKeyConstraint`.
pub fn primary_key_sql(pk: &PrimaryKey, d: &Dialect) -> String {
    format!(
        "{}PRIMARY KEY ({}){}",
        prefix(&pk.name, d),
        names(&pk.columns, d),
        pk.defer.with_conflict()
    )
}

/// `CREATE [UNIQUE ]INDEX name ON table (exprs)[ WHERE cond]`.
pub fn index_sql(i: &TableIndex, d: &Dialect) -> String {
    let mut s = format!(
        "CREATE {}INDEX {} ON {} ({})",
        if i.unique { "UNIQUE " } else { "" },
        d.quote(&i.name),
        d.quote(&i.table),
        i.columns
            .iter()
            .map(|c| &**c)
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(w) = &i.where_sql {
        let _ = write!(s, " WHERE {w}");
    }
    s
}
