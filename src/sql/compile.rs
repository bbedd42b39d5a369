//! STUB (being written on the sql branch): statements to text.

use crate::sql::ast::Param;

pub fn params_repr(params: &[Param]) -> String {
    format!("{params:?}")
}

use crate::sql::ast::{Compiled, Delete, Insert, Select, Update};

pub enum Mode {
    Execute,
    Display,
    Inline,
}

pub fn select(_s: &Select, _m: Mode) -> Compiled {
    Compiled { sql: String::new(), params: vec![] }
}
pub fn insert(_s: &Insert) -> Compiled {
    Compiled { sql: String::new(), params: vec![] }
}
pub fn update(_s: &Update) -> Compiled {
    Compiled { sql: String::new(), params: vec![] }
}
pub fn delete(_s: &Delete) -> Compiled {
    Compiled { sql: String::new(), params: vec![] }
}
