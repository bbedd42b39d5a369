//! `select(...).selected_columns` and `exported_columns` (SQLAlchemy's
//! `Select.selected_columns`, a `ReadOnlyColumnCollection`): the columns
//! the statement selects, as Core columns — a model's table columns, a
//! mapped attribute's column, a label, a function — by key: a column's
//! key, a label's name, a function's name, `_no_label` for an expression
//! with none; a repeated key gets `_1`, `_2`, … as SQLAlchemy's
//! `_column_naming_convention` gives them. `stmt.selected_columns.name`
//! is then a column to filter by.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::query::Q;
use crate::eval::surface::{Class, Member, Sig};
use crate::orm::expr::ColumnElement;
use crate::orm::query::Entity;
use crate::value::{Object, PyStr, Value};

/// The columns of a statement, by key, in order.
pub struct SelectedColumns {
    pub keys: Vec<Rc<str>>,
    pub columns: Vec<Value>,
}

impl Object for SelectedColumns {
    fn type_name(&self) -> &str {
        "ReadOnlyColumnCollection"
    }

    fn py_len(&self) -> Option<usize> {
        Some(self.columns.len())
    }
}

impl SelectedColumns {
    /// The column of key `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        let at = self.keys.iter().position(|k| &**k == key)?;
        self.columns.get(at)
    }
}

/// A mapped attribute as the Core column it maps (what SQLAlchemy's
/// `selected_columns` holds); any other expression as it is.
fn core_column(ce: &ColumnElement) -> ColumnElement {
    let mut c = ce.clone();
    if c.column.is_some() && c.entity.is_none() && c.prop_of.is_none() && c.hybrid.is_none() {
        c.column = None;
        c.orm = false;
    }
    c
}

/// `select(...).selected_columns`: the statement's columns.
pub fn selected_columns(me: &mut Interp, q: &Q) -> Result<Value> {
    let q = q.query(me)?;
    let mut keys: Vec<Rc<str>> = Vec::new();
    let mut columns = Vec::new();
    let mut push = |key: Rc<str>, v: Value| {
        let mut k = key.clone();
        let mut n = 0;
        while keys.contains(&k) {
            n += 1;
            k = Rc::from(format!("{key}_{n}"));
        }
        keys.push(k);
        columns.push(v);
    };
    for e in &q.entities {
        match e {
            Entity::Model(m) => {
                for c in m.table_columns() {
                    let col = ColumnElement::local_column(
                        m.table.clone(),
                        c.name.clone(),
                        c.ty.clone(),
                        c.name.clone(),
                    );
                    push(c.table_key(), col.into_value()?);
                }
            }
            Entity::Aliased(a) => {
                for c in a.model.columns.iter().filter(|c| c.expression.is_none()) {
                    if let Some(col) = a.column(&c.attr) {
                        push(c.table_key(), col.into_value()?);
                    }
                }
            }
            Entity::Expr(ce) => {
                let key = ce.key.clone().unwrap_or_else(|| Rc::from("_no_label"));
                push(key, core_column(ce).into_value()?);
            }
        }
    }
    Ok(Value::obj(SelectedColumns { keys, columns }))
}

fn keys(_: &mut Interp, c: &Rc<SelectedColumns>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::list(
        c.keys
            .iter()
            .map(|k| Value::Str(PyStr::from(&**k)))
            .collect(),
    ))
}

fn values(_: &mut Interp, c: &Rc<SelectedColumns>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::list(c.columns.clone()))
}

fn items(_: &mut Interp, c: &Rc<SelectedColumns>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let pairs = (c.keys.iter().zip(&c.columns))
        .map(|(k, v)| Value::tuple(vec![Value::Str(PyStr::from(&**k)), v.clone()]))
        .collect();
    Ok(Value::list(pairs))
}

fn column(_: &mut Interp, c: &Rc<SelectedColumns>, key: &str) -> Option<Result<Value>> {
    c.get(key).cloned().map(Ok)
}

fn column_keys(_: &mut Interp, c: &Rc<SelectedColumns>) -> Vec<Rc<str>> {
    c.keys.clone()
}

fn no_column(_: &mut Interp, c: &Rc<SelectedColumns>, key: &str, hint: &str) -> Error {
    Error::attr(format!(
        "'ReadOnlyColumnCollection' object has no attribute '{key}'{hint}"
    ))
    .with_help(format!("its columns are {}", c.keys.join(", ")))
}

/// `coll['key']` (KeyError if absent) or `coll[i]`: SQLAlchemy's
/// `ColumnCollection.__getitem__`, whose index counts from 0 only (an
/// IndexError naming the index otherwise); any other key is a KeyError.
pub fn item(me: &mut Interp, c: &SelectedColumns, idx: &Value) -> Result<Value> {
    let shown = me.repr_value(idx)?;
    let missing = || crate::value::exc_args::key_error(idx.clone(), shown.clone());
    match idx {
        Value::Str(k) => c.get(k).cloned().ok_or_else(missing),
        Value::Int(i) => usize::try_from(*i)
            .ok()
            .and_then(|at| c.columns.get(at).cloned())
            .ok_or_else(|| {
                Error::new(crate::error::ErrorKind::IndexError, i.to_string()).with_help(format!(
                    "the columns are numbered 0 to {}",
                    c.columns.len().saturating_sub(1)
                ))
            }),
        _ => Err(missing()),
    }
}

/// `key in coll`: a key (SQLAlchemy's `ColumnCollection.__contains__`
/// takes strings).
pub fn contains(c: &SelectedColumns, needle: &Value) -> Result<bool> {
    match needle {
        Value::Str(k) => Ok(c.get(k).is_some()),
        _ => Err(crate::error::Error::new(
            crate::error::ErrorKind::ArgumentError,
            "__contains__ requires a string argument",
        )
        .with_help("test a key: 'name' in stmt.selected_columns")),
    }
}

/// A statement's column collection.
pub static SELECTED_COLUMNS: Class<Rc<SelectedColumns>> = Class::new(
    "ReadOnlyColumnCollection",
    &[
        Member::method("keys", keys, Sig::NONE, "the columns' keys, in order"),
        Member::method("values", values, Sig::NONE, "the columns, in order"),
        Member::method("items", items, Sig::NONE, "(key, column) pairs, in order"),
    ],
)
.with_dynamic(column, column_keys)
.with_missing(no_column);
