//! What a table holds besides its columns (SQLAlchemy's `Table` arguments
//! from `__table_args__`, or `db.Table`'s positional items): table-level
//! constraints in the order they were made (`UniqueConstraint`,
//! `CheckConstraint`, `ForeignKeyConstraint`, `PrimaryKeyConstraint`),
//! indexes (`Index`), and the SQLite dialect's table options
//! (`sqlite_autoincrement`, `sqlite_with_rowid`, `sqlite_strict`).
//! Columns are named by their column names, resolved when the table is
//! built.

use std::rc::Rc;

pub use crate::sql::ddl_constraint::{Deferrability, PrimaryKey, TableConstraint, TableIndex};

/// The SQLite dialect's options of a table (its `dialect_options`).
#[derive(Clone, Debug, PartialEq)]
pub struct TableOptions {
    /// `sqlite_autoincrement=True`: `INTEGER PRIMARY KEY AUTOINCREMENT`.
    pub autoincrement: bool,
    /// `sqlite_with_rowid=False`: `WITHOUT ROWID`.
    pub with_rowid: bool,
    /// `sqlite_strict=True`: `STRICT`.
    pub strict: bool,
}

impl Default for TableOptions {
    fn default() -> Self {
        TableOptions {
            autoincrement: false,
            with_rowid: true,
            strict: false,
        }
    }
}

/// Everything `__table_args__` (or `db.Table`'s extra items) gave a table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableArgs {
    pub constraints: Vec<TableConstraint>,
    pub primary_key: Option<PrimaryKey>,
    pub indexes: Vec<TableIndex>,
    pub options: TableOptions,
    /// The naming convention of the metadata the table was defined in
    /// (`MetaData(naming_convention=...)`), applied to its DDL.
    pub naming: Option<Rc<crate::schema::naming_convention::NamingConvention>>,
}

impl TableArgs {
    /// The foreign keys of the table-level constraints that hold one
    /// column: (local column, referenced table, referenced column).
    pub fn single_foreign_keys(&self) -> impl Iterator<Item = (&Rc<str>, &Rc<str>, &Rc<str>)> {
        self.constraints.iter().filter_map(|c| match c {
            TableConstraint::ForeignKey {
                columns,
                ref_table,
                ref_columns,
                ..
            } if columns.len() == 1 && ref_columns.len() == 1 => {
                Some((&columns[0], ref_table, &ref_columns[0]))
            }
            _ => None,
        })
    }
}
