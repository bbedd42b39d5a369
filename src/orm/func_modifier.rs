//! `func.NAME(…).filter(*criterion)` and `.within_group(*order_by)`:
//! SQLAlchemy's `FunctionElement.filter` (a `FunctionFilter`, written
//! `FILTER (WHERE …)`) and `FunctionElement.within_group` (a
//! `WithinGroup`, `WITHIN GROUP (ORDER BY …)`), both of the function's
//! type and unnamed in a result row, as there.

use crate::error::{Error, ErrorKind, Result};
use crate::orm::expr::ColumnElement;
use crate::sql::ast::{FuncModifierKind, SqlExpr};
use crate::value::Value;

/// The SQL expressions `items` stand for, their tables added to `into`;
/// `what` names the call in the ArgumentError for anything else.
pub(crate) fn clauses(
    items: &[Value],
    into: &mut ColumnElement,
    what: &str,
) -> Result<Vec<SqlExpr>> {
    items
        .iter()
        .map(|item| match item.downcast::<ColumnElement>() {
            Some(c) => {
                for f in &c.froms {
                    if !into.froms.contains(f) {
                        into.froms.push(f.clone());
                    }
                }
                Ok(c.expr.clone())
            }
            None => Err(Error::new(
                ErrorKind::ArgumentError,
                format!(
                    "{what}: SQL expression element expected, got {}",
                    item.type_name()
                ),
            )
            .with_help("give column expressions or conditions, e.g. M.id or M.x > 1")),
        })
        .collect()
}

/// `f.filter(*criterion)`: `f FILTER (WHERE a AND b)`. A second
/// `filter()` adds its criteria to the first's; none gives `f` itself.
pub fn filter(f: &ColumnElement, criterion: &[Value]) -> Result<ColumnElement> {
    let mut v = ColumnElement::derived(SqlExpr::Null, f.ty.clone(), false);
    v.froms = f.froms.clone();
    v.orm = f.orm;
    let mut added = clauses(criterion, &mut v, "filter()")?;
    let (func, mut all) = match &f.expr {
        SqlExpr::FuncModifier {
            func,
            kind: FuncModifierKind::Filter,
            clauses,
        } => (func.clone(), clauses.clone()),
        other => (Box::new(other.clone()), Vec::new()),
    };
    all.append(&mut added);
    v.expr = SqlExpr::FuncModifier {
        func,
        kind: FuncModifierKind::Filter,
        clauses: all,
    };
    Ok(v)
}

/// `f.within_group(*order_by)`: `f WITHIN GROUP (ORDER BY a, b)`.
pub fn within_group(f: &ColumnElement, order_by: &[Value]) -> Result<ColumnElement> {
    let mut v = ColumnElement::derived(SqlExpr::Null, f.ty.clone(), false);
    v.froms = f.froms.clone();
    v.orm = f.orm;
    let clauses = clauses(order_by, &mut v, "within_group()")?;
    v.expr = SqlExpr::FuncModifier {
        func: Box::new(f.expr.clone()),
        kind: FuncModifierKind::WithinGroup,
        clauses,
    };
    Ok(v)
}

/// What `filter()`/`within_group()`/`over()` may follow: a function call
/// (and, for `filter()` and `over()`, a filtered one or one within group).
pub fn applies(f: &ColumnElement, method: &str) -> bool {
    match &f.expr {
        SqlExpr::Func { .. } => true,
        SqlExpr::FuncModifier { .. } => method != "within_group",
        _ => false,
    }
}
