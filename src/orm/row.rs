//! A result row of a multi-entity or column query: a named tuple that prints
//! like Python's tuple and answers its labels as attributes.

use std::rc::Rc;

use crate::value::{Object, Value};

pub struct Row {
    pub keys: Rc<[Rc<str>]>,
    pub values: Vec<Value>,
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

    /// The named columns and their values, in order: a column without a
    /// name (the legacy Query's function or CAST) is in the tuple only,
    /// as SQLAlchemy's `Row._fields` and `_mapping` leave out a `None` key.
    pub fn named(&self) -> impl Iterator<Item = (&Rc<str>, &Value)> {
        self.keys
            .iter()
            .zip(&self.values)
            .filter(|(k, _)| !k.is_empty())
    }
}
