//! `func.NAME(…).over(partition_by=…, order_by=…)` and `over(func, …)`:
//! SQLAlchemy's `Over`, a window function. Each of `partition_by` and
//! `order_by` is one expression or a list of them (`desc()` allowed).

use crate::error::{Error, ErrorKind, Result};
use crate::orm::expr::ColumnElement;
use crate::sql::ast::SqlExpr;
use crate::value::Value;

/// The expressions one `partition_by=` / `order_by=` value stands for.
fn clauses(v: Option<&Value>, into: &mut ColumnElement) -> Result<Vec<SqlExpr>> {
    let items = match v {
        None | Some(Value::None) => return Ok(Vec::new()),
        Some(Value::List(l)) => l.borrow().clone(),
        Some(Value::Tuple(t)) => t.to_vec(),
        Some(one) => vec![one.clone()],
    };
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
                format!("SQL expression element expected, got {}", item.type_name()),
            )),
        })
        .collect()
}

/// Whether `over()` applies to this expression: a SQL function call.
pub fn is_function(f: &ColumnElement) -> bool {
    matches!(f.expr, SqlExpr::Func { .. })
}

/// `f OVER (PARTITION BY … ORDER BY …)`: of the function's type, with no
/// key (a result row leaves it unnamed, as SQLAlchemy's `Over` does).
pub fn over(
    f: &ColumnElement,
    partition_by: Option<&Value>,
    order_by: Option<&Value>,
) -> Result<ColumnElement> {
    let mut v = ColumnElement::derived(SqlExpr::Null, f.ty.clone(), false);
    v.froms = f.froms.clone();
    let partition_by = clauses(partition_by, &mut v)?;
    let order_by = clauses(order_by, &mut v)?;
    v.expr = SqlExpr::Over {
        func: Box::new(f.expr.clone()),
        partition_by,
        order_by,
    };
    Ok(v)
}
