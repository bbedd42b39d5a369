//! The multiple-table forms of ORM UPDATE and DELETE that ormsh refuses:
//! criteria naming another table (SQLAlchemy's `UPDATE … FROM` and
//! `DELETE … USING`, "UPDATE/DELETE with custom WHERE criteria for
//! multiple-table" in the Querying Guide). Without this check SQLite would
//! fail with a misleading "no such column". Also the mapper arguments of a
//! model (`__mapper_args__`, inheritance), refused the same way.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::dml::{Dml, DmlKind};

/// `Err(NotImplementedError)` when an UPDATE's or DELETE's WHERE or SET
/// names a table other than the statement's own.
pub fn check_single_table(d: &Dml) -> Result<()> {
    // An UPDATE's other tables are its `FROM` (`sql::dml`).
    if d.kind != DmlKind::Delete {
        return Ok(());
    }
    let mut tables: Vec<Rc<str>> = Vec::new();
    for w in &d.where_ {
        w.tables_into(&mut tables);
    }
    let Some(other) = tables.iter().find(|t| **t != d.model.table) else {
        return Ok(());
    };
    let (form, help) = match d.kind {
        DmlKind::Update => (
            "UPDATE..FROM",
            "select the rows in a subquery: .where(Model.id.in_(db.select(...)))",
        ),
        _ => (
            "DELETE..USING",
            "select the rows in a subquery: .where(Model.id.in_(db.select(...)))",
        ),
    };
    Err(Error::new(
        ErrorKind::NotImplementedError,
        format!(
            "{form} is not supported by ormsh: the criteria of {}({}) name the table '{other}' (a multiple-table {} statement)",
            d.kind.name().to_lowercase(),
            d.model.name,
            d.kind.name().to_uppercase(),
        ),
    )
    .with_help(help))
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
