//! `select(...).label(name)` and `Query.label(name)`: SQLAlchemy's
//! `SelectBase.label` / `Query.label`, the statement as a scalar subquery
//! under a name (`self.scalar_subquery().label(name)`), to select beside
//! other columns: `(SELECT count(…) FROM …) AS n`.

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::query::Q;
use crate::eval::surface::query_criteria::scalar_subquery_of;
use crate::orm::operators::label as label_expr;
use crate::value::Value;

/// `stmt.label(name)`: `(SELECT …) AS name`; `label(None)` is anonymous.
pub(crate) fn label(me: &mut Interp, q: &Q, mut a: Args) -> Result<Value> {
    let name = match a.take_kw("name") {
        Some(v) => v,
        None => a.pos.first().cloned().unwrap_or(Value::None),
    };
    a.count(0, 1)?;
    let sub = scalar_subquery_of(me, q)?;
    label_expr(&sub, &name)?.into_value()
}
