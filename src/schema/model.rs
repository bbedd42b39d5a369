//! A model: a class name mapped to a table, its columns in order, its
//! primary key and its `__repr__`.

use std::rc::Rc;

use crate::schema::column::Column;
use crate::schema::relationship::RelSpec;
use crate::syntax::ast::Expr;

pub struct Model {
    /// Unique per definition (a redefinition gets a new id).
    pub id: u32,
    pub name: Rc<str>,
    pub table: Rc<str>,
    pub columns: Vec<Column>,
    /// Indexes into `columns`, in order.
    pub pk: Vec<usize>,
    /// The `__repr__` expression, evaluated with `self` bound.
    pub repr: Option<Rc<Expr>>,
    /// The statement that defined it, for `.save` and persistence.
    pub source: Rc<str>,
    /// Relationships as written, by attribute name.
    pub rels: Vec<(Rc<str>, RelSpec)>,
    /// Defined from a database file (stored or reflected): its `__repr__`
    /// and relationship strings run as declarations (`eval::pure`).
    pub pure: bool,
}

impl Model {
    /// The index of the column whose attribute is `attr`.
    pub fn column(&self, attr: &str) -> Option<usize> {
        self.columns.iter().position(|c| &*c.attr == attr)
    }

    pub fn field_names(&self) -> Vec<&str> {
        self.columns.iter().map(|c| &*c.attr).collect()
    }
}

impl crate::value::Object for Model {
    fn type_name(&self) -> &str {
        "type"
    }
}
