//! SQLite's upsert on the ORM side — `sqlalchemy.dialects.sqlite.insert`'s
//! `on_conflict_do_nothing(index_elements=…)` and
//! `on_conflict_do_update(index_elements=…, set_=…, where=…)`, and
//! `stmt.excluded`, the row that would have been inserted (SQLAlchemy's
//! `alias(table, name="excluded").columns`). What they build is
//! `sql::upsert`'s clause; the statement runs as any INSERT
//! (`eval::dml_exec`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::dml::Dml;
use crate::orm::expr::{ColumnElement, clause_of};
use crate::schema::model::Model;
use crate::sql::ast::{FromItem, SqlExpr};
use crate::sql::upsert::{DoUpdate, OnConflict};
use crate::value::{Object, Value};

/// `stmt.excluded`: the columns of the row an upsert would have inserted.
pub struct Excluded(pub Rc<Model>);

impl Object for Excluded {
    fn type_name(&self) -> &str {
        "ReadOnlyColumnCollection"
    }
}

impl Excluded {
    /// `excluded.name`: the column called `name` (its column name, as a
    /// table's `.c` keys it), as `excluded.name`.
    pub fn column(&self, name: &str) -> Option<ColumnElement> {
        let col = self.0.columns.iter().find(|c| &*c.name == name)?;
        let mut c = ColumnElement::derived(
            SqlExpr::col(&Rc::from("excluded"), &col.name),
            Some(col.ty.clone()),
            false,
        );
        c.key = Some(col.name.clone());
        c.froms = vec![FromItem::Table {
            name: self.0.table.clone(),
            alias: Some(Rc::from("excluded")),
        }];
        Some(c)
    }

    /// Every column, in the table's order (`for c in stmt.excluded`).
    pub fn columns(&self) -> Result<Vec<Value>> {
        self.names()
            .iter()
            .filter_map(|n| self.column(n))
            .map(ColumnElement::into_value)
            .collect()
    }

    /// `excluded['name']`.
    ///
    /// Errors: `KeyError` for a name that is not a column's.
    pub fn item(&self, key: &Value) -> Result<Value> {
        let found = match key {
            Value::Str(s) => self.column(s.as_str()),
            _ => None,
        };
        match found {
            Some(c) => c.into_value(),
            None => Err(crate::value::exc_args::key_error(
                key.clone(),
                match key {
                    Value::Str(s) => crate::value::repr::str_repr(s),
                    other => other.type_name().to_owned(),
                },
            )
            .with_help(format!(
                "excluded has the columns {}",
                self.names().join(", ")
            ))),
        }
    }

    /// The names `column` knows, in the table's order.
    pub fn names(&self) -> Vec<Rc<str>> {
        self.0.columns.iter().map(|c| c.name.clone()).collect()
    }
}

/// The index of `model`'s column a key names: a column name, an
/// attribute name or one of its mapped columns.
fn column_index(model: &Model, key: &Value) -> Option<usize> {
    match key {
        Value::Str(s) => model
            .columns
            .iter()
            .position(|c| &*c.name == s.as_str())
            .or_else(|| model.column(s.as_str())),
        other => other
            .downcast::<ColumnElement>()
            .and_then(|c| c.column.clone())
            .filter(|(m, _)| m.id == model.id)
            .map(|(_, i)| i),
    }
}

/// `index_elements=`: column names, as given for a `str`.
fn target(model: &Model, v: Option<&Value>) -> Result<Option<Vec<Rc<str>>>> {
    let items = match v {
        None | Some(Value::None) => return Ok(None),
        Some(Value::List(l)) => l.borrow().clone(),
        Some(Value::Tuple(t)) => t.to_vec(),
        Some(other) => {
            return Err(Error::type_(format!(
                "index_elements takes a list of columns or column names, not {}",
                other.type_name()
            )));
        }
    };
    items
        .iter()
        .map(|item| match item {
            Value::Str(s) => Ok(Rc::from(s.as_str())),
            other => match column_index(model, other) {
                Some(i) => Ok(model.columns[i].name.clone()),
                None => Err(Error::new(
                    ErrorKind::NotImplementedError,
                    format!(
                        "an index element of type {} is not supported: ormsh names {}'s own columns",
                        other.type_name(),
                        model.name
                    ),
                )
                .with_help(format!("index_elements=[{}.id] or ['id']", model.name))),
            },
        })
        .collect::<Result<Vec<_>>>()
        .map(Some)
}

/// A SET value: SQL as written, else bound in the column's type.
fn set_value(model: &Rc<Model>, i: Option<usize>, v: &Value) -> Result<SqlExpr> {
    match i {
        Some(i) => crate::orm::dml::set_expr(model, i, v),
        None => ColumnElement::derived(SqlExpr::Null, None, false).bind(v),
    }
}

/// `set_=`: a non-empty dict keyed by column names or mapped columns
/// (or a column collection such as `stmt.excluded`, each column set to
/// its own);
/// the table's columns first in its order, then any other name, as
/// SQLAlchemy writes them (SQLite then refuses an unknown column).
fn set_clause(model: &Rc<Model>, set: Option<&Value>) -> Result<Vec<(Rc<str>, SqlExpr)>> {
    // `set_=stmt.excluded`: every column set to the row not inserted.
    if let Some(e) = set.and_then(|v| v.downcast::<Excluded>()) {
        let names = e.names();
        return Ok(names
            .into_iter()
            .map(|n| {
                let value = SqlExpr::col(&Rc::from("excluded"), &n);
                (n, value)
            })
            .collect());
    }
    let Some(Value::Dict(d)) = set else {
        return Err(Error::new(
            ErrorKind::ValueError,
            "set parameter must be a non-empty dictionary or a ColumnCollection such as the `.c.` collection of a Table object",
        )
        .with_help("on_conflict_do_update(index_elements=['id'], set_={'name': stmt.excluded.name})"));
    };
    let items: Vec<(Value, Value)> = d
        .borrow()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if items.is_empty() {
        return Err(Error::new(
            ErrorKind::ValueError,
            "set parameter dictionary must not be empty",
        ));
    }
    let mut known: Vec<(usize, SqlExpr)> = Vec::new();
    let mut other = Vec::new();
    for (k, v) in &items {
        match column_index(model, k) {
            Some(i) => {
                let e = set_value(model, Some(i), v)?;
                match known.iter_mut().find(|(j, _)| *j == i) {
                    Some(slot) => slot.1 = e,
                    None => known.push((i, e)),
                }
            }
            None => {
                let Value::Str(name) = k else {
                    return Err(Error::new(
                        ErrorKind::ArgumentError,
                        format!(
                            "set_ keys are column names or {}'s columns, not {}",
                            model.name,
                            k.type_name()
                        ),
                    ));
                };
                other.push((Rc::from(name.as_str()), set_value(model, None, v)?));
            }
        }
    }
    known.sort_by_key(|(i, _)| *i);
    let mut out: Vec<(Rc<str>, SqlExpr)> = known
        .into_iter()
        .map(|(i, e)| (model.columns[i].name.clone(), e))
        .collect();
    out.extend(other);
    Ok(out)
}

/// `stmt` with one more ON CONFLICT clause, as SQLAlchemy's
/// `_append_to_existing` adds it.
///
/// Errors: `InvalidRequestError` after a clause without a target (SQLite
/// allows only the last clause to omit it).
fn with_clause(stmt: &Dml, clause: OnConflict) -> Result<Dml> {
    if stmt.on_conflict.last().is_some_and(|c| c.target.is_none()) {
        return Err(Error::new(
            ErrorKind::InvalidRequestError,
            "This Insert construct already has an ON CONFLICT clause that omits a conflict target; such a clause must be the last ON CONFLICT clause in the statement",
        ));
    }
    let mut new = stmt.clone();
    new.on_conflict.push(clause);
    Ok(new)
}

/// `index_where=`: the condition with its columns' tables left out, as
/// SQLAlchemy writes it (`include_table=False`).
fn target_where(v: Option<&Value>) -> Result<Option<SqlExpr>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(w) => Ok(Some(clause_of(w)?.map(&mut |e| match e {
            SqlExpr::Column { name, .. } => SqlExpr::Column { table: None, name },
            other => other,
        }))),
    }
}

/// `on_conflict_do_nothing(index_elements=None, index_where=None)`.
pub fn do_nothing(
    stmt: &Dml,
    index_elements: Option<&Value>,
    index_where: Option<&Value>,
) -> Result<Dml> {
    let target = target(&stmt.model, index_elements)?;
    let target_where = target_where(index_where)?.filter(|_| target.is_some());
    with_clause(
        stmt,
        OnConflict {
            target,
            target_where,
            update: None,
        },
    )
}

/// `on_conflict_do_update(index_elements=None, index_where=None,
/// set_=None, where=None)`.
///
/// Errors: `ValueError` when `set_` is not a non-empty dict.
pub fn do_update(
    stmt: &Dml,
    index_elements: Option<&Value>,
    index_where: Option<&Value>,
    set: Option<&Value>,
    where_: Option<&Value>,
) -> Result<Dml> {
    let target = target(&stmt.model, index_elements)?;
    let target_where = target_where(index_where)?.filter(|_| target.is_some());
    let set = set_clause(&stmt.model, set)?;
    let where_ = match where_ {
        None | Some(Value::None) => None,
        Some(w) => Some(clause_of(w)?),
    };
    with_clause(
        stmt,
        OnConflict {
            target,
            target_where,
            update: Some(DoUpdate { set, where_ }),
        },
    )
}
