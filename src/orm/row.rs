//! A result row of a multi-entity or column query: a named tuple that prints
//! like Python's tuple and answers its labels as attributes.

use std::rc::Rc;

use crate::orm::query::{Entity, Query};
use crate::sql::ast::SqlExpr;
use crate::value::{Object, Value};

/// What a row's column was selected as, for a `RowMapping` looked up by
/// the object itself (`row._mapping[User.name]`, `row._mapping[User]`),
/// as SQLAlchemy's result keymap holds each selected object.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    /// A plain column, `Model.attr` or `table.c.x` (table or alias name).
    Column {
        table: Option<Rc<str>>,
        name: Rc<str>,
    },
    /// A whole model, by its class name.
    Entity(Rc<str>),
    /// Anything else (a label, a function): found by its name only.
    Other,
}

pub struct Row {
    pub keys: Rc<[Rc<str>]>,
    pub values: Vec<Value>,
    /// What each column was selected as, when the row came from a
    /// statement whose entities are known.
    pub origins: Option<Rc<[Origin]>>,
}

impl Object for Row {
    fn type_name(&self) -> &str {
        "Row"
    }

    fn take_values(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.values)
    }

    fn tuple_values(&self) -> Option<&[Value]> {
        Some(&self.values)
    }
}

impl Row {
    pub fn get(&self, key: &str) -> Option<&Value> {
        // A name given twice is the last column's, as SQLAlchemy's key map
        // is built (`row.id` of `query(A.id, A.name.label('id'))`).
        self.keys
            .iter()
            .zip(&self.values)
            .rev()
            .find(|(k, _)| &***k == key)
            .map(|(_, v)| v)
    }

    /// The value of the column selected as `origin` (the first such).
    pub fn by_origin(&self, origin: &Origin) -> Option<&Value> {
        let origins = self.origins.as_ref()?;
        origins
            .iter()
            .position(|o| o == origin)
            .and_then(|i| self.values.get(i))
    }

    /// The named columns and their values, in order: a column without a
    /// name (the legacy Query's function or CAST) is in the tuple only,
    /// as SQLAlchemy's `Row._fields` and `_mapping` leave out a `None` key.
    pub fn named(&self) -> impl DoubleEndedIterator<Item = (&Rc<str>, &Value)> {
        self.keys
            .iter()
            .zip(&self.values)
            .filter(|(k, _)| !k.is_empty())
    }
}

impl Query {
    /// What each entity was selected as, for a `RowMapping` looked up by
    /// the selected object (`row._mapping[User.name]`).
    pub fn origins(&self) -> Rc<[Origin]> {
        self.entities
            .iter()
            .map(|e| match e {
                Entity::Model(m) => Origin::Entity(m.name.clone()),
                Entity::Aliased(_) => Origin::Other,
                Entity::Expr(c) => match &c.expr {
                    SqlExpr::Column { table, name } => Origin::Column {
                        table: table.clone(),
                        name: name.clone(),
                    },
                    _ => Origin::Other,
                },
            })
            .collect()
    }
}
