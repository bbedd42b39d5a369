//! The multiple-table form of ORM DELETE: criteria naming another table
//! (SQLAlchemy's `DELETE … USING`), which SQLAlchemy's SQLite dialect
//! cannot write; refused as SQLAlchemy refuses it, by the session
//! synchronisation asked for, before SQLite could fail with a misleading
//! "no such column" (an UPDATE's other tables are its `FROM`, written by
//! `sql::dml`). Also the mapper arguments of a model (`__mapper_args__`,
//! inheritance), refused the same way.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::bulk::SyncSession;
use crate::schema::model::Model;
use crate::sql::ast::SqlExpr;
use crate::sql::dialect::Dialect;

/// A DELETE of `model`'s table whose WHERE names another table, as
/// SQLAlchemy refuses it on SQLite: with `synchronize_session='fetch'`
/// (or `'auto'`, whose evaluation of such criteria fails) its
/// `_BulkORMDelete` asks for RETURNING with DELETE..USING — a
/// `CompileError`; with no synchronisation the SQLite compiler's
/// `delete_extra_from_clause` — a `NotImplementedError`. `'evaluate'`
/// is left to the evaluator, which refuses the other table's columns.
/// A dialect that writes `DELETE … USING` (PostgreSQL) takes them all.
pub fn check_single_table(
    model: &Model,
    where_: &[SqlExpr],
    sync: SyncSession,
    dialect: &Dialect,
) -> Result<()> {
    if dialect.delete_using.is_some() {
        return Ok(());
    }
    let mut tables: Vec<Rc<str>> = Vec::new();
    for w in where_ {
        w.tables_into(&mut tables);
    }
    if tables.iter().all(|t| *t == model.table) {
        return Ok(());
    }
    match sync {
        SyncSession::Evaluate => Ok(()),
        SyncSession::Fetch | SyncSession::Auto => Err(Error::new(
            ErrorKind::CompileError,
            "Dialect \"sqlite\" does not support RETURNING with DELETE..USING; for synchronize_session='fetch', please add the additional execution option 'is_delete_using=True' to the statement to indicate that a separate SELECT should be used for this backend.",
        )
        .with_help(format!(
            "select the rows in a subquery: .where({}.id.in_(db.select(...)))",
            model.name
        ))),
        SyncSession::Off => Err(Error::new(
            ErrorKind::NotImplementedError,
            "This backend does not support multiple-table criteria within DELETE",
        )
        .with_help(format!(
            "select the rows in a subquery: .where({}.id.in_(db.select(...)))",
            model.name
        ))),
    }
}

/// `__mapper_args__` in a model (`polymorphic_on`, `polymorphic_identity`
/// of the Querying Guide's inheritance mappings, `version_id_col`, …):
/// refused, naming it, rather than read as a column. `keys` are the
/// dict's literal keys: `version_id_col` is SQLAlchemy's optimistic
/// locking ("Configuring a Version Counter"), which is told as such.
pub fn mapper_args_refused(keys: &[&str]) -> Error {
    if keys.contains(&"version_id_col") {
        return Error::new(
            ErrorKind::NotImplementedError,
            "__mapper_args__ {'version_id_col': …} (SQLAlchemy's optimistic locking: each UPDATE and DELETE checks the row's version counter and bumps it, StaleDataError when another writer changed the row first) is not supported by ormsh",
        )
        .with_help("leave __mapper_args__ out and keep the counter by hand: db.update(Doc).where(Doc.id == d.id, Doc.version == d.version).values(version=d.version + 1), then check the result's rowcount is 1");
    }
    Error::new(
        ErrorKind::NotImplementedError,
        "__mapper_args__ (SQLAlchemy's mapper arguments: polymorphic_on, polymorphic_identity, version_id_col, …) is not supported by ormsh: its models map one table each, with no inheritance",
    )
    .with_help("leave __mapper_args__ out; a discriminator is an ordinary column, filtered with filter_by(type='…')")
}
