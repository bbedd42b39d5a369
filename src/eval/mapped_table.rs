//! `__table__ = db.metadata.tables['user']` in a model's body: the
//! Flask-SQLAlchemy docs' way to map a table reflected by `db.reflect()`
//! (or a `db.Table`, also one loaded with `autoload_with=db.engine`), as
//! SQLAlchemy's declarative `_setup_table` maps it: the model takes the
//! table's name, columns and constraints; `__tablename__` and
//! `__table_args__` are then ignored, and a column of its own is an
//! `ArgumentError`.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::schema::column::Column;
use crate::schema::table::Table;
use crate::syntax::ast::ModelDef;
use crate::value::Value;

/// The table `__table__` names, or a TypeError saying what works.
pub fn table_of(v: &Value, model: &str) -> Result<Rc<Table>> {
    match v.downcast::<Table>() {
        Some(t) => Ok(t),
        None => Err(Error::type_(format!(
            "{model}.__table__ must be a Table, not {}",
            v.type_name()
        ))
        .with_help(
            "after db.reflect(), write __table__ = db.metadata.tables['name']; or db.Table('name', db.metadata, autoload_with=db.engine)",
        )),
    }
}

/// The model's columns: the table's, each mapped by its key.
pub fn columns_of(t: &Table) -> Vec<Column> {
    t.columns.clone()
}

/// A column of the model's own beside `__table__` (the columns beyond
/// the table's) is SQLAlchemy's `ArgumentError`.
pub fn check_alone(def: &ModelDef, t: &Table, columns: &[Column]) -> Result<()> {
    if columns.len() <= t.columns.len() {
        return Ok(());
    }
    let own = (columns.iter())
        .find(|c| {
            !t.columns
                .iter()
                .any(|tc| tc.name == c.name && tc.attr == c.attr)
        })
        .or(columns.last());
    match own {
        None => Ok(()),
        Some(extra) => Err(Error::new(
            ErrorKind::ArgumentError,
            format!(
                "Can't add additional column '{}' when specifying __table__",
                extra.attr
            ),
        )
        .with_help(format!(
            "{} takes every column of table '{}'; leave its columns out, or map a table of your own with __tablename__",
            def.name.name, t.name
        ))),
    }
}
