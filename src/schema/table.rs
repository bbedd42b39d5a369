//! A plain table without a model, as `db.Table('tags', db.Column(...), …)`
//! defines one for a many-to-many association.

use std::rc::Rc;

use crate::schema::column::Column;
use crate::schema::constraint::TableArgs;
use crate::value::Object;

#[derive(Clone)]
pub struct Table {
    pub name: Rc<str>,
    pub columns: Vec<Column>,
    /// Constraints and indexes given among its columns, and options.
    pub args: TableArgs,
}

impl Table {
    /// A model's table as `Model.__table__` and `db.metadata.tables` give
    /// it: its columns by key (`key=`, else the column's name, not the
    /// model's attribute), as SQLAlchemy's `Table`.
    pub fn of_model(m: &crate::schema::model::Model) -> Table {
        Table {
            name: m.table.clone(),
            columns: (m.columns.iter())
                .filter(|c| c.expression.is_none())
                .map(|c| Column {
                    attr: c.table_key(),
                    ..c.clone()
                })
                .collect(),
            args: m.args.clone(),
        }
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| &*c.name == name)
    }
}

impl Object for Table {
    fn type_name(&self) -> &str {
        "Table"
    }
}

/// `table.c`: the columns of a plain table, by name.
pub struct TableColumns(pub std::rc::Rc<Table>);

impl Object for TableColumns {
    fn type_name(&self) -> &str {
        "ReadOnlyColumnCollection"
    }
}
