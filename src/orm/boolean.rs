//! SQLAlchemy's boolean clauses over column expressions: `and_`/`or_` as
//! its `BooleanClauseList` builds them (nested lists merged, `true()` and
//! `false()` folded), `not_` with its operator flips, and the clause a
//! value given to `filter`/`where` stands for.

use crate::error::{Error, Result};
use crate::orm::expr::{ColumnElement, boxed};
use crate::schema::types::ColumnType;
use crate::sql::ast::SqlExpr;
use crate::sql::negate;
use crate::value::Value;

/// `a & b` / `and_(a, b, …)`
pub fn and(items: Vec<SqlExpr>) -> ColumnElement {
    ColumnElement::derived(flatten(items, true), Some(ColumnType::Boolean), true)
}

/// `a | b` / `or_(a, b, …)`
pub fn or(items: Vec<SqlExpr>) -> ColumnElement {
    ColumnElement::derived(flatten(items, false), Some(ColumnType::Boolean), true)
}

/// `and_`/`or_`'s clause list as SQLAlchemy's `BooleanClauseList`
/// builds it: nested ones of the same kind merged, and `true()`/`false()`
/// folded (`and_(x, true())` is `x`, `and_(x, false())` is `false()`;
/// `or_` the other way round).
fn flatten(items: Vec<SqlExpr>, is_and: bool) -> SqlExpr {
    let (neutral, absorbing) = (SqlExpr::Bool(is_and), SqlExpr::Bool(!is_and));
    if items.contains(&absorbing) {
        return absorbing;
    }
    if !items.is_empty() && items.iter().all(|e| *e == neutral) {
        return neutral;
    }
    let mut out = Vec::new();
    for e in items.into_iter().filter(|e| *e != neutral) {
        match e {
            SqlExpr::And(inner) if is_and => out.extend(inner),
            SqlExpr::Or(inner) if !is_and => out.extend(inner),
            other => out.push(other),
        }
    }
    if out.len() == 1 {
        return out.pop().unwrap_or(SqlExpr::Null);
    }
    if is_and {
        SqlExpr::And(out)
    } else {
        SqlExpr::Or(out)
    }
}

/// `~a` / `not_(a)`; negating a comparison flips it as SQLAlchemy does
/// (the one table of flips is the SQL compiler's).
pub fn not(e: &ColumnElement) -> ColumnElement {
    // A negated operator keeps its expression's type (an untyped
    // `NOT BETWEEN` stays untyped); `NOT x` is a Boolean.
    let (expr, ty) = match negate(&e.expr) {
        Some(n) => (n, e.ty.clone()),
        None => (
            SqlExpr::Not(boxed(e.expr.clone())),
            Some(ColumnType::Boolean),
        ),
    };
    let mut v = ColumnElement::derived(expr, ty, true);
    v.froms = e.froms.clone();
    v.orm = e.orm;
    v
}

/// A WHERE criterion (`filter`, `where`, `and_`, `or_`): as
/// [`clause_of`], and `None` is SQL `NULL`, as SQLAlchemy's
/// `WhereHavingRole` coerces it (`filter(None)` matches no row).
pub fn where_clause_of(v: &Value) -> Result<SqlExpr> {
    match v {
        Value::None => Ok(SqlExpr::Null),
        v => clause_of(v),
    }
}

/// A clause from a value given to `filter`/`where`/`and_`: an expression, or
/// True/False.
pub fn clause_of(v: &Value) -> Result<SqlExpr> {
    match v {
        Value::Bool(b) => Ok(SqlExpr::Bool(*b)),
        _ => match v.downcast::<ColumnElement>() {
            Some(s) => Ok(s.expr.clone()),
            None => Err(Error::new(
                crate::error::ErrorKind::ArgumentError,
                format!(
                    "expected a SQL expression such as User.name == 'x', got {}",
                    v.type_name()
                ),
            )
            .with_help("compare a column with a value: filter(User.username == 'admin')")),
        },
    }
}
