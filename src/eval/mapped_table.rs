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

/// `db.Table('user', db.metadata, autoload_with=db.engine)`: the table as
/// the database has it (SQLAlchemy's `Table` reflected; after
/// `db.reflect()` the same one `db.metadata.tables` holds). `None` when
/// the call has no `autoload_with`. Columns given beside it (SQLAlchemy's
/// overrides) are refused, saying what works.
pub fn autoload(
    me: &mut crate::eval::Interp,
    a: &mut crate::eval::args::Args,
    name: &str,
) -> Result<Option<Value>> {
    let Some(engine) = a.take_kw("autoload_with") else {
        return Ok(None);
    };
    let is_engine = engine
        .downcast::<crate::eval::objects::Namespace>()
        .is_some_and(|n| n.0 == crate::eval::objects::Ns::Engine);
    if !is_engine {
        return Err(Error::type_(format!(
            "autoload_with must be an Engine, not {}",
            engine.type_name()
        ))
        .with_help(
            "ormsh has one engine: db.Table('name', db.metadata, autoload_with=db.engine)",
        ));
    }
    for (i, v) in a.pos.iter().enumerate().skip(1) {
        if !v.is::<crate::eval::objects::Namespace>() {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                "columns beside autoload_with (SQLAlchemy's overrides of reflected columns) are not supported by ormsh",
            )
            .at(a.span_of(i))
            .with_help(format!(
                "load the table as it is: db.Table('{name}', db.metadata, autoload_with=db.engine); or define a model with __tablename__ = '{name}' and every column"
            )));
        }
    }
    // The other keywords of a reflected Table write nothing.
    for (k, _, span) in std::mem::take(&mut a.kw) {
        if !matches!(
            &*k,
            "extend_existing" | "keep_existing" | "autoload_replace" | "resolve_fks"
        ) {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                format!("the table option '{k}' beside autoload_with is not supported"),
            )
            .at(span)
            .with_help(format!(
                "db.Table('{name}', db.metadata, autoload_with=db.engine)"
            )));
        }
    }
    if let Some(t) = me.registry.table(name) {
        return Ok(Some(Value::Obj(t.clone())));
    }
    match me.registry.by_table(name) {
        Some(m) => Ok(Some(Value::obj(Table::of_model(m)))),
        None => Err(
            Error::new(ErrorKind::NoSuchTableError, name.to_owned()).with_help(
                "db.inspect(db.engine).get_table_names() lists the tables the database has",
            ),
        ),
    }
}
