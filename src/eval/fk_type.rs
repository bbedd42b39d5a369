//! The type of a column given a `ForeignKey` and no type
//! (`db.Column(db.ForeignKey('tag.name'))`,
//! `mapped_column(ForeignKey('user.id'))`): the referenced column's, as
//! SQLAlchemy's `ForeignKey._set_target_column` copies it onto a column
//! whose type is `NullType` — at once when the referenced table is
//! defined, else when it is (a model defined later, `db.Table(...)`).

use std::rc::Rc;

use crate::eval::Interp;
use crate::schema::column::{Column, ForeignKey};
use crate::schema::types::{ColumnType, TypeOptions};

impl Interp {
    /// The type and type options of the column `fk` references: a
    /// model's or a `db.Table`'s column. `None` when that table is not
    /// defined yet (the column's type is then pending: `Column::
    /// fk_type_pending`).
    pub(crate) fn referenced_type(&self, fk: &ForeignKey) -> Option<(ColumnType, TypeOptions)> {
        let columns = match self.registry.models().iter().find(|m| m.table == fk.table) {
            Some(m) => &m.columns[..],
            None => &self.registry.table(&fk.table)?.columns[..],
        };
        let c = columns.iter().find(|c| c.name == fk.column)?;
        Some((c.ty.clone(), c.type_opts.clone()))
    }

    /// The table `table` was just defined with `columns`: each model and
    /// `db.Table` whose foreign key column waits for a type from it
    /// takes the referenced column's type (SQLAlchemy resolves the
    /// target column when its table joins the metadata). A model so
    /// changed replaces itself in the registry (its class name looks it
    /// up there).
    pub(crate) fn resolve_forward_fk_types(&mut self, table: &str, columns: &[Column]) {
        let waiting: Vec<_> = (self.registry.models().iter())
            .filter(|m| m.table.as_ref() != table && waits_for(&m.columns, table))
            .cloned()
            .collect();
        for m in waiting {
            let mut model = crate::schema::model::Model::clone_of(&m);
            resolve_from(&mut model.columns, table, columns);
            self.registry.refresh(Rc::new(model));
        }
        let tables: Vec<_> = (self.registry.tables().iter())
            .filter(|t| t.name.as_ref() != table && waits_for(&t.columns, table))
            .cloned()
            .collect();
        for t in tables {
            let mut t = (*t).clone();
            resolve_from(&mut t.columns, table, columns);
            self.registry.define_table(Rc::new(t));
        }
    }
}

/// Does a column of `columns` wait for its type from `table`?
fn waits_for(columns: &[Column], table: &str) -> bool {
    columns
        .iter()
        .any(|c| c.fk_type_pending && c.foreign_key.as_ref().is_some_and(|f| &*f.table == table))
}

/// Give each column of `columns` waiting for its type from `table` the
/// type of the column of `source` it references (a table's own
/// columns when it references itself).
pub(crate) fn resolve_from(columns: &mut [Column], table: &str, source: &[Column]) {
    let found: Vec<(usize, ColumnType, TypeOptions)> = (columns.iter().enumerate())
        .filter(|(_, c)| c.fk_type_pending)
        .filter_map(|(i, c)| {
            let fk = c.foreign_key.as_ref().filter(|f| &*f.table == table)?;
            let target = source
                .iter()
                .find(|t| t.name == fk.column && !t.fk_type_pending)?;
            Some((i, target.ty.clone(), target.type_opts.clone()))
        })
        .collect();
    for (i, ty, opts) in found {
        let c = &mut columns[i];
        (c.ty, c.type_opts, c.fk_type_pending) = (ty, opts, false);
    }
}
