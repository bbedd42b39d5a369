//! `repr()` of `db.UniqueConstraint(...)` and `db.PrimaryKeyConstraint(...)`
//! as SQLAlchemy's `SchemaItem.__repr__` (`util.generic_repr`) writes
//! them: the class name and the repr of each column the constraint holds
//! as a `Column` object. A column named by a string is not attached until
//! a table takes the constraint, so it is not shown
//! (`UniqueConstraint('a', 'b', name='uq')` is `UniqueConstraint()`);
//! `name=` and the other keyword-only arguments are never shown. A
//! `CheckConstraint` or `ForeignKeyConstraint` repr holds Python objects'
//! addresses in SQLAlchemy; ormsh prints `<CheckConstraint object>`.

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::constraint_def::{ColRef, ConstraintSpec, SpecKind};
use crate::eval::schema_repr::{column_repr, lookup_table};

/// The repr of a unique or primary-key constraint; None for the others.
pub fn repr(me: &mut Interp, spec: &ConstraintSpec) -> Result<Option<String>> {
    if !matches!(spec.kind, SpecKind::Unique | SpecKind::PrimaryKey) {
        return Ok(None);
    }
    let mut parts = Vec::new();
    for c in &spec.cols {
        if let ColRef::Column {
            table: Some(t),
            name,
            ..
        } = c
            && let Some(col) = lookup_table(me, t).and_then(|tb| tb.column(name).cloned())
        {
            parts.push(column_repr(me, t, &col)?);
        }
    }
    Ok(Some(format!("{}({})", spec.class_name(), parts.join(", "))))
}
