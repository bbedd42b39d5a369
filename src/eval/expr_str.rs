//! `str()` of a SQL expression, as SQLAlchemy's `ClauseElement.__str__`
//! writes it: compiled alone by the default dialect (`"user".id = :id_1`,
//! `count("user".id)`, `EXISTS (SELECT * …)`). A mapped column itself
//! (`User.name`) prints its attribute path, which `repr` already gives;
//! one read through an alias prints `aliased(User).name`, a hybrid
//! property read from its model `User.full_name`.

use crate::orm::expr::ColumnElement;
use crate::sql::ast::SqlExpr;
use crate::sql::compile::{self, Mode};
use crate::sql::dialect::DEFAULT;
use crate::value::Value;

/// `str(expr)` for a SQL expression that is not a plain mapped column;
/// `None` for any other value.
pub fn str_of_expression(v: &Value) -> Option<String> {
    let e = v.downcast::<ColumnElement>()?;
    // `str(User.full_name)` of a hybrid property: `User.full_name`, as
    // SQLAlchemy's proxied attribute prints (`QueryableAttribute.__str__`).
    if let (Some(model), Some(key)) = (e.hybrid.as_ref().or(e.prop_of.as_ref()), &e.key) {
        return Some(format!("{model}.{key}"));
    }
    match &e.expr {
        // `str(User.name)`: `User.name`, its repr.
        SqlExpr::Column { .. } if e.column.is_some() => None,
        // `str(aliased(User).name)`: `aliased(User).name`
        // (`QueryableAttribute.__str__`: the entity's `__name__`, the key).
        SqlExpr::Column { .. } if e.entity.is_some() && e.key.is_some() => Some(format!(
            "{}.{}",
            e.entity.as_deref().unwrap_or_default(),
            e.key.as_deref().unwrap_or_default()
        )),
        // A table's own column (`User.__table__.c.name`,
        // `User.name.expression`, `cte.c.id`): `Column.__str__`, its
        // table's name and its own, neither quoted. An anonymous name
        // (`subq.c.id`) is numbered by the compiler; a bare
        // `column('x')` compiles (quoted when reserved).
        SqlExpr::Column {
            table: Some(t),
            name,
        } if e.column.is_none() && e.entity.is_none() && !t.starts_with('\u{1}') => {
            Some(format!("{t}.{name}"))
        }
        // A label alone writes what it labels (`AS` belongs to a SELECT's
        // columns).
        SqlExpr::Label { expr, .. } => Some(compile::expression(expr, Mode::Generic, &DEFAULT).sql),
        other => Some(compile::expression(other, Mode::Generic, &DEFAULT).sql),
    }
}
