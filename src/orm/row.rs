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
}

impl Row {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.keys
            .iter()
            .position(|k| &**k == key)
            .map(|i| &self.values[i])
    }
}
