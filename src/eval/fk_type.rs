//! The type of a column given a `ForeignKey` and no type
//! (`db.Column(db.ForeignKey('tag.name'))`,
//! `mapped_column(ForeignKey('user.id'))`): the referenced column's, as
//! SQLAlchemy's `ForeignKey._set_target_column` copies it onto a column
//! whose type is `NullType`.

use crate::eval::Interp;
use crate::schema::column::{Column, ForeignKey};
use crate::schema::types::{ColumnType, TypeOptions};

impl Interp {
    /// The type and type options of the column `fk` references: a
    /// model's or a `db.Table`'s column, else (a model referencing
    /// itself) one of `own`, the columns of the model being defined.
    /// `None` when that table is not defined yet.
    pub(crate) fn referenced_type(
        &self,
        fk: &ForeignKey,
        own: &[Column],
    ) -> Option<(ColumnType, TypeOptions)> {
        let columns = match self.registry.models().iter().find(|m| m.table == fk.table) {
            Some(m) => &m.columns[..],
            None => match self.registry.table(&fk.table) {
                Some(t) => &t.columns[..],
                None => own,
            },
        };
        let c = columns.iter().find(|c| c.name == fk.column)?;
        Some((c.ty.clone(), c.type_opts.clone()))
    }
}
