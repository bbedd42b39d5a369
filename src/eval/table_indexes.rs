//! `Table.indexes` (SQLAlchemy's set of `Index` objects): one per column
//! given `index=True` (`ix_<table>_<column>`, unique with `unique=True`)
//! and one per `db.Index(...)` of `__table_args__`, each printed as
//! `Index.__repr__` writes it — its name, the `Column` of each of its
//! columns, `unique=True` — with `.name` and `.unique`; an index made
//! outside the table (`Index('ix', User.name)`) is among them. An index over an expression is refused (its
//! repr is the expression's, which ormsh does not keep).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::pyset::{PySet, Table as SetTable};
use crate::eval::schema_repr::column_repr;
use crate::schema::table::Table;
use crate::value::repr::str_repr;
use crate::value::{Object, Value};

/// One `Index` of a table, its repr made when read.
pub struct IndexObj {
    pub name: Rc<str>,
    pub repr: String,
    /// `unique=True` (SQLAlchemy's `Index.unique`).
    pub unique: bool,
    /// Given as an integer (a reflected index's 0 or 1).
    pub unique_int: bool,
}

impl Object for IndexObj {
    fn type_name(&self) -> &str {
        "Index"
    }

    /// Hashed by name, so a set of them prints in one order each run.
    fn value_hash(&self) -> Option<Result<i64>> {
        Some(crate::eval::pyset::hash_of(&Value::str(&self.name)))
    }
}

/// `Index('name', Column(...), …, unique=True)`.
fn repr(me: &mut Interp, t: &Table, name: &str, cols: &[Rc<str>], unique: bool) -> Result<String> {
    let mut parts = vec![str_repr(name)];
    for n in cols {
        let bare = n.trim_matches('"').replace("\"\"", "\"");
        let Some(c) = t.columns.iter().find(|c| *c.name == *bare) else {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                format!(
                    "Table.indexes with the index {name} over an expression ({n}) is not supported by ormsh"
                ),
            )
            .with_help("an index over columns shows; .indexes [TABLE] lists every index"));
        };
        parts.push(column_repr(me, &t.name, c)?);
    }
    if unique {
        parts.push("unique=True".to_owned());
    }
    Ok(format!("Index({})", parts.join(", ")))
}

/// `Index.name`.
pub fn name(_: &mut Interp, ix: &Rc<IndexObj>) -> Result<Value> {
    Ok(Value::str(&ix.name))
}

/// `Index.unique`.
pub fn unique(_: &mut Interp, ix: &Rc<IndexObj>) -> Result<Value> {
    match ix.unique_int {
        true => Ok(Value::Int(ix.unique as i64)),
        false => Ok(Value::Bool(ix.unique)),
    }
}

/// `table.indexes`.
pub fn indexes(me: &mut Interp, t: &Table) -> Result<Value> {
    let mut set = SetTable::default();
    for c in t.columns.iter().filter(|c| c.index) {
        let name: Rc<str> = Rc::from(format!("ix_{}_{}", t.name, c.name));
        let repr = repr(me, t, &name, std::slice::from_ref(&c.name), c.unique)?;
        let unique = c.unique;
        let unique_int = false;
        set.add(Value::obj(IndexObj {
            name,
            repr,
            unique,
            unique_int,
        }))?;
    }
    // Those of `__table_args__`, then those made outside the table
    // (`Index('ix', User.name, User.slug)`), which join its indexes as
    // SQLAlchemy's `Index._set_parent` adds them.
    let outside: Vec<_> = me.registry.indexes_of(&t.name).cloned().collect();
    for ix in t.args.indexes.iter().chain(&outside) {
        let repr = repr(me, t, &ix.name, &ix.columns, ix.unique)?;
        set.add(Value::obj(IndexObj {
            name: ix.name.clone(),
            repr,
            unique: ix.unique,
            unique_int: ix.unique_int,
        }))?;
    }
    Ok(PySet::value(set, false))
}
