//! `func.NAME(…).over(partition_by=…, order_by=…, rows=…)` and
//! `over(func, …)`: SQLAlchemy's `Over`, a window function. Each of
//! `partition_by` and `order_by` is one expression or a list of them
//! (`desc()` allowed); the frame is read by `orm::window_frame`.

use crate::error::Result;
use crate::orm::expr::ColumnElement;
use crate::orm::func_modifier;
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
    func_modifier::clauses(&items, into, "over()")
}

/// Whether `over()` applies to this expression: a SQL function call,
/// filtered or within group too (`orm::func_modifier`).
pub fn is_function(f: &ColumnElement) -> bool {
    matches!(f.expr, SqlExpr::Func { .. } | SqlExpr::FuncModifier { .. })
}

/// The keywords of `over()` besides the function: SQLAlchemy's `Over`.
#[derive(Default)]
pub struct OverArgs {
    pub partition_by: Option<Value>,
    pub order_by: Option<Value>,
    pub range_: Option<Value>,
    pub rows: Option<Value>,
    pub groups: Option<Value>,
    pub exclude: Option<Value>,
}

/// The keyword names `over()` binds, in `Over.__init__`'s order.
pub const OVER_KEYWORDS: &[&str] = &[
    "partition_by",
    "order_by",
    "range_",
    "rows",
    "groups",
    "exclude",
];

impl OverArgs {
    /// Takes `over()`'s keywords from a call's arguments.
    pub fn take(a: &mut crate::eval::args::Args) -> OverArgs {
        OverArgs {
            partition_by: a.take_kw("partition_by"),
            order_by: a.take_kw("order_by"),
            range_: a.take_kw("range_"),
            rows: a.take_kw("rows"),
            groups: a.take_kw("groups"),
            exclude: a.take_kw("exclude"),
        }
    }
}

/// `f OVER (PARTITION BY … ORDER BY … ROWS BETWEEN …)`: of the function's
/// type, with no key (a result row leaves it unnamed, as SQLAlchemy's
/// `Over` does).
pub fn over(f: &ColumnElement, args: &OverArgs) -> Result<ColumnElement> {
    let mut v = ColumnElement::derived(SqlExpr::Null, f.ty.clone(), false);
    v.froms = f.froms.clone();
    v.orm = f.orm;
    let partition_by = clauses(args.partition_by.as_ref(), &mut v)?;
    let order_by = clauses(args.order_by.as_ref(), &mut v)?;
    let frame = crate::orm::window_frame::frame(args)?;
    v.expr = SqlExpr::Over {
        func: Box::new(f.expr.clone()),
        partition_by,
        order_by,
        frame: frame.map(Box::new),
    };
    Ok(v)
}
