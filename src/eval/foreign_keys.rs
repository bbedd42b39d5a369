//! `Column.foreign_keys` and `Table.foreign_keys` (SQLAlchemy's sets of
//! `ForeignKey` objects), and the `ForeignKey('table.column')` repr
//! `ForeignKey.__repr__` writes. A set of several prints in Python's
//! hash order, which for these objects is their address; ormsh gives the
//! table's column order. A `ForeignKey`'s own members are [`FOREIGN_KEY`].

use std::rc::Rc;

use crate::error::Result;
use crate::eval::objects::ForeignKeySpec;
use crate::eval::pyset::{PySet, Table as SetTable};
use crate::eval::surface::{Class, Member};
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

type F = Rc<ForeignKeySpec>;

fn opt(s: &Option<Rc<str>>) -> Value {
    s.as_deref().map_or(Value::None, Value::str)
}

/// A `ForeignKey`'s members (SQLAlchemy's `schema.ForeignKey`):
/// `target_fullname` (`'user.id'`), `name`, `ondelete`, `onupdate`.
pub static FOREIGN_KEY: Class<F> = Class::new(
    "ForeignKey",
    &[
        Member::attr(
            "target_fullname",
            |_, f: &F| Ok(Value::str(&format!("{}.{}", f.0.table, f.0.column))),
            "the column it refers to, as 'table.column'",
        ),
        Member::attr(
            "name",
            |_, f: &F| Ok(opt(&f.0.name)),
            "the constraint's name, or None",
        ),
        Member::attr(
            "ondelete",
            |_, f: &F| Ok(opt(&f.0.ondelete)),
            "ON DELETE, or None",
        ),
        Member::attr(
            "onupdate",
            |_, f: &F| Ok(opt(&f.0.onupdate)),
            "ON UPDATE, or None",
        ),
    ],
);
