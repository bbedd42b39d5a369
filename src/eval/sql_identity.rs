//! `is` and `is not` on SQL objects: Python identity, never SQL.
//! SQLAlchemy's `ColumnOperators` overload `==` and `!=`, but Python
//! gives no way to overload `is`, so `User.name is None` is `False` and
//! `Post.created is Tag.created` (one mixin's column copied into two
//! models) is `False`, while `User.name is User.name` is `True`: the
//! class's one `InstrumentedAttribute`, which ormsh makes afresh on each
//! read and so compares by the attribute it stands for; so is a model's
//! `Table`, the metadata's one of its name.

use std::rc::Rc;

use crate::orm::expr::ColumnElement;
use crate::value::Value;

/// `a is b` when either side is a SQL expression or a relationship
/// attribute (None for other values, which `Value::py_is` answers).
pub fn sql_is(a: &Value, b: &Value) -> Option<bool> {
    // The metadata holds one `Table` per name: `User.id.table is
    // User.__table__`, though ormsh makes each afresh when read.
    if let (Some(x), Some(y)) = (
        a.downcast::<crate::schema::table::Table>(),
        b.downcast::<crate::schema::table::Table>(),
    ) {
        return Some(x.name == y.name);
    }
    let (ca, cb) = (a.downcast::<ColumnElement>(), b.downcast::<ColumnElement>());
    if ca.is_none()
        && cb.is_none()
        && !a.is::<crate::eval::rel_ops::RelAttr>()
        && !b.is::<crate::eval::rel_ops::RelAttr>()
    {
        return None;
    }
    if let (Some(x), Some(y)) = (&ca, &cb)
        && let (Some((mx, ix)), Some((my, iy))) = (&x.column, &y.column)
    {
        return Some(Rc::ptr_eq(mx, my) && ix == iy && x.entity == y.entity);
    }
    if let (Some(x), Some(y)) = (
        a.downcast::<crate::eval::rel_ops::RelAttr>(),
        b.downcast::<crate::eval::rel_ops::RelAttr>(),
    ) {
        return Some(Rc::ptr_eq(&x.0, &y.0));
    }
    Some(a.py_is(b))
}
