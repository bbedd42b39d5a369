//! `Column.foreign_keys` and `Table.foreign_keys` (SQLAlchemy's sets of
//! `ForeignKey` objects), and the `ForeignKey('table.column')` repr
//! `ForeignKey.__repr__` writes. A set of several prints in Python's
//! hash order, which for these objects is their address; ormsh gives the
//! table's column order.

use std::rc::Rc;

use crate::error::Result;
use crate::eval::objects::ForeignKeySpec;
use crate::eval::pyset::{PySet, Table as SetTable};
use crate::schema::column::{Column, ForeignKey};
use crate::value::Value;
use crate::value::repr::str_repr;

/// `ForeignKey('user.id')`.
pub fn repr(fk: &ForeignKey) -> String {
    format!(
        "ForeignKey({})",
        str_repr(&format!("{}.{}", fk.table, fk.column))
    )
}

/// The set of the foreign keys of these columns.
pub fn set_of<'a>(columns: impl IntoIterator<Item = &'a Column>) -> Result<Value> {
    let mut t = SetTable::default();
    for c in columns {
        if let Some(fk) = &c.foreign_key {
            t.add(Value::Obj(Rc::new(ForeignKeySpec(fk.clone()))))?;
        }
    }
    Ok(PySet::value(t, false))
}
