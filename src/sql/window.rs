//! How SQLAlchemy writes a window function (`SQLCompiler.visit_over`):
//! `func OVER (PARTITION BY a, b ORDER BY c DESC)`, each clause only when
//! given, `OVER ()` with neither.

use super::ast::SqlExpr;
use super::compile::Compiler;

impl Compiler {
    pub(super) fn over(&mut self, func: &SqlExpr, partition_by: &[SqlExpr], order_by: &[SqlExpr]) {
        self.expr(func);
        self.push(" OVER (");
        if !partition_by.is_empty() {
            self.push("PARTITION BY ");
            self.list(partition_by, ", ", |c, a| c.expr(a));
        }
        if !order_by.is_empty() {
            if !partition_by.is_empty() {
                self.push(" ");
            }
            self.push("ORDER BY ");
            self.list(order_by, ", ", |c, a| c.expr(a));
        }
        self.push(")");
    }
}
