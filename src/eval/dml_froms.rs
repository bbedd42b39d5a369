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

/// `__mapper_args__ = {'primary_key': [rowid]}`: the mapper's key named by
/// the class body's columns, as SQLAlchemy's `Mapper(primary_key=…)`
/// takes it; the attribute names when the dict says only that.
pub fn mapper_primary_key(value: &crate::syntax::ast::Expr) -> Option<Vec<Rc<str>>> {
    use crate::syntax::ast::ExprKind;
    let ExprKind::Dict(items) = &value.kind else {
        return None;
    };
    let [(k, v)] = &items[..] else { return None };
    if !matches!(&k.kind, ExprKind::Str(s) if &**s == "primary_key") {
        return None;
    }
    let (ExprKind::List(cols) | ExprKind::Tuple(cols)) = &v.kind else {
        return None;
    };
    (cols.iter())
        .map(|c| match &c.kind {
            ExprKind::Name(n) => Some(n.clone()),
            _ => None,
        })
        .collect()
}

/// The mapper's key on a table without a primary key of its own (the
/// export of a table without one: SQLite's rowid, a system column, as its
/// key); refused where the table has one, which ormsh maps.
pub fn set_mapper_primary_key(
    columns: &mut [crate::schema::column::Column],
    names: &[Rc<str>],
) -> Result<()> {
    if columns.iter().any(|c| c.primary_key) {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            "__mapper_args__ {'primary_key': […]} over a table with a primary key of its own is not supported by ormsh: its models are keyed by their table's primary key",
        )
        .with_help("leave __mapper_args__ out, or mark the key columns primary_key=True"));
    }
    for n in names {
        let Some(c) = columns.iter_mut().find(|c| c.attr == *n) else {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                format!(
                    "__mapper_args__ primary_key names {n}, which is not a column of the model"
                ),
            )
            .with_help("name the class body's columns: {'primary_key': [rowid]}"));
        };
        c.primary_key = true;
    }
    Ok(())
}
