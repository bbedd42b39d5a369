//! Compound SELECTs as SQLAlchemy's `visit_compound_select` writes them
//! for SQLite: the members one after another joined by their keyword
//! (`SELECT … UNION ALL SELECT …`, never parenthesised), then the
//! ORDER BY of the whole — a column by its bare name, as the result's
//! columns are named by the first member — and its LIMIT.

use super::ast::{Select, SqlExpr};
use super::compile::Compiler;

impl Compiler {
    /// The members and the ORDER BY of a compound `s` (its LIMIT is the
    /// caller's).
    pub(super) fn compound(&mut self, s: &Select, asfrom: bool) {
        for (i, (op, member)) in s.compound.iter().enumerate() {
            if i > 0 {
                self.push(" ");
                self.push(op.sql());
                self.push(" ");
            }
            self.select(member, asfrom);
        }
        if !s.order_by.is_empty() {
            self.push(" ORDER BY ");
            self.list(&s.order_by, ", ", |c, e| {
                let term = compound_order_term(e.clone());
                c.expr(&term)
            });
        }
    }
}

/// An ORDER BY term of a compound: a column or label by its name alone
/// (SQLAlchemy's compound ORDER BY names the result's columns).
fn compound_order_term(e: SqlExpr) -> SqlExpr {
    let bare = |x: SqlExpr| match x {
        SqlExpr::Column { name, .. } | SqlExpr::Label { name, .. } => {
            SqlExpr::Column { table: None, name }
        }
        other => other,
    };
    match e {
        SqlExpr::Order { expr, desc } => SqlExpr::Order {
            expr: Box::new(bare(*expr)),
            desc,
        },
        other => bare(other),
    }
}
