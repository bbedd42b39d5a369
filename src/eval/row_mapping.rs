//! SQLAlchemy's `RowMapping` (`row._mapping`, `result.mappings()`): a
//! read-only mapping of a row's column names to its values, printed as a
//! dict and equal to one, looked up by name or by the object selected
//! (`m[User.name]`, `m[User]`); and its `values()` / `items()` views,
//! `ROMappingKeysValuesView` and `ROMappingItemsView` (`keys()` is the
//! result's `RMKeyView`).

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::orm::expr::ColumnElement;
use crate::orm::row::{Origin, Row};
use crate::schema::model::Model;
use crate::sql::ast::SqlExpr;
use crate::value::dict::Dict;
use crate::value::{Object, Value};

/// `row._mapping`: the row, and its named columns as a dict (what it
/// prints as and compares equal to).
pub struct RowMapping {
    pub row: Rc<Row>,
    pub dict: Value,
}

impl Object for RowMapping {
    fn type_name(&self) -> &str {
        "RowMapping"
    }

    fn py_len(&self) -> Option<usize> {
        Some(self.row.named().count())
    }

    /// A `Mapping` equals a dict of the same items.
    fn mixin_value(&self) -> Option<&Value> {
        Some(&self.dict)
    }

    /// Hashed as SQLAlchemy's `BaseRow.__hash__`: its values.
    fn value_hash(&self) -> Option<Result<i64>> {
        Some(crate::eval::pyset::hash_of(&Value::tuple(
            self.row.values.clone(),
        )))
    }
}

/// The mapping of a row.
pub fn of_row(row: Rc<Row>) -> Value {
    let mut d = Dict::default();
    for (k, v) in row.named() {
        d.insert_str(k, v.clone());
    }
    Value::obj(RowMapping {
        row,
        dict: Value::Dict(Rc::new(RefCell::new(d))),
    })
}

/// What a column object or model key stands for among a row's origins.
fn origin_of(key: &Value) -> Option<Origin> {
    if let Some(c) = key.downcast::<ColumnElement>() {
        return Some(match &c.expr {
            SqlExpr::Column { table, name } => Origin::Column {
                table: table.clone(),
                name: name.clone(),
            },
            _ => Origin::Other,
        });
    }
    key.downcast::<Model>()
        .map(|m| Origin::Entity(m.name.clone()))
}

/// `m[key]`, or `None` when the row has no such column.
pub fn lookup(m: &RowMapping, key: &Value) -> Option<Value> {
    if let Value::Str(s) = key {
        // A name given twice is the last column's (`SELECT 1 AS a, 2 AS a`).
        return (m.row.named().rev())
            .find(|(k, _)| ***k == **s)
            .map(|(_, v)| v.clone());
    }
    match origin_of(key)? {
        Origin::Other => None,
        o => m.row.by_origin(&o).cloned(),
    }
}

/// `m[key]`: a `KeyError` of the key when the row has no such column (a
/// textual statement's row: `NoSuchColumnError`, a `KeyError` too).
pub fn get_item(me: &mut Interp, m: &RowMapping, key: &Value) -> Result<Value> {
    if let Some(v) = lookup(m, key) {
        return Ok(v);
    }
    let shown = crate::value::repr::repr(key, me)?;
    let names: Vec<&str> = m.row.named().map(|(k, _)| &**k).collect();
    let help = format!("its columns are: {}", names.join(", "));
    if m.row.origins.is_none() {
        return Err(Error::new(
            ErrorKind::NoSuchColumnError,
            format!("Could not locate column in row for column {shown}"),
        )
        .with_help(help));
    }
    Err(crate::value::exc_args::key_error(key.clone(), shown).with_help(help))
}

/// `key in m`.
pub fn contains(m: &RowMapping, key: &Value) -> bool {
    lookup(m, key).is_some()
}

/// `m.values()` / `m.items()`: a view over the mapping.
pub struct MappingView {
    pub items: bool,
    pub dict: Value,
}

impl Object for MappingView {
    fn type_name(&self) -> &str {
        if self.items {
            "ROMappingItemsView"
        } else {
            "ROMappingKeysValuesView"
        }
    }

    fn py_len(&self) -> Option<usize> {
        match &self.dict {
            Value::Dict(d) => Some(d.borrow().len()),
            _ => None,
        }
    }
}

impl MappingView {
    /// What iterating the view gives: the values, or `(key, value)` pairs.
    pub fn members(&self) -> Vec<Value> {
        let Value::Dict(d) = &self.dict else {
            return Vec::new();
        };
        (d.borrow().iter())
            .map(|(k, v)| {
                if self.items {
                    Value::tuple(vec![k.clone(), v.clone()])
                } else {
                    v.clone()
                }
            })
            .collect()
    }
}

/// The values of `m` (`m.values()`), or its items (`m.items()`).
pub fn view(m: &RowMapping, items: bool) -> Value {
    Value::obj(MappingView {
        items,
        dict: m.dict.clone(),
    })
}

/// `m.keys()`: the names, as the result's `RMKeyView`.
pub fn keys(m: &RowMapping) -> Value {
    Value::obj(crate::orm::result_keys::RMKeyView(
        m.row.named().map(|(k, _)| k.clone()).collect(),
    ))
}
