//! The multiple-table form of ORM DELETE that ormsh refuses: criteria
//! naming another table (SQLAlchemy's `DELETE … USING`, which its SQLite
//! dialect cannot write either; an UPDATE's other tables are its `FROM`,
//! written by `sql::dml`). Without this check SQLite would fail with a
//! misleading "no such column". Also the mapper arguments of a model
//! (`__mapper_args__`, inheritance), refused the same way.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::dml::{Dml, DmlKind};
use crate::sql::dialect::Dialect;

/// `Err(NotImplementedError)` when a DELETE's WHERE names a table other
/// than the statement's own.
pub fn check_single_table(d: &Dml, dialect: &Dialect) -> Result<()> {
    // An UPDATE's other tables are its `FROM` (`sql::dml`); PostgreSQL
    // writes a DELETE's as `USING`.
    if d.kind != DmlKind::Delete || dialect.delete_using.is_some() {
        return Ok(());
    }
    let mut tables: Vec<Rc<str>> = Vec::new();
    for w in &d.where_ {
        w.tables_into(&mut tables);
    }
    let Some(other) = tables.iter().find(|t| **t != d.model.table) else {
        return Ok(());
    };
    Err(Error::new(
        ErrorKind::NotImplementedError,
        format!(
            "DELETE..USING is not supported by ormsh: the criteria of delete({}) name the table '{other}' (a multiple-table DELETE statement)",
            d.model.name,
        ),
    )
    .with_help("select the rows in a subquery: .where(Model.id.in_(db.select(...)))"))
}

/// `__mapper_args__` in a model (`polymorphic_on`, `polymorphic_identity`
/// of the Querying Guide's inheritance mappings, `version_id_col`, …):
/// refused, naming it, rather than read as a column.
pub fn mapper_args_refused() -> Error {
    Error::new(
        ErrorKind::NotImplementedError,
        "__mapper_args__ (SQLAlchemy's mapper arguments: polymorphic_on, polymorphic_identity, version_id_col, …) is not supported by ormsh: its models map one table each, with no inheritance",
    )
    .with_help("leave __mapper_args__ out; a discriminator is an ordinary column, filtered with filter_by(type='…')")
}
