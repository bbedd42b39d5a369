//! `f(…) FILTER (WHERE …)` and `f(…) WITHIN GROUP (ORDER BY …)`, as
//! SQLAlchemy's compiler writes its `FunctionFilter` (`visit_funcfilter`)
//! and `WithinGroup` (`visit_withingroup`). SQLite runs the first (3.30
//! and later) and refuses the second when the statement is prepared.

use super::ast::SqlExpr;
use super::compile::Compiler;
use super::precedence::Op;

/// What follows a function call in a [`SqlExpr::FuncModifier`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FuncModifierKind {
    /// `FILTER (WHERE a AND b)` (`func.count(x).filter(a, b)`).
    Filter,
    /// `WITHIN GROUP (ORDER BY a, b)` (`func.f(x).within_group(a, b)`).
    WithinGroup,
}

impl Compiler {
    /// `func FILTER (WHERE a AND b)` / `func WITHIN GROUP (ORDER BY a, b)`.
    pub(super) fn func_modifier(
        &mut self,
        func: &SqlExpr,
        kind: FuncModifierKind,
        clauses: &[SqlExpr],
    ) {
        self.expr(func);
        match kind {
            FuncModifierKind::Filter => {
                self.push(" FILTER (WHERE ");
                self.list(clauses, " AND ", |c, a| c.child(a, Op::And));
            }
            FuncModifierKind::WithinGroup => {
                self.push(" WITHIN GROUP (ORDER BY ");
                self.list(clauses, ", ", |c, a| c.expr(a));
            }
        }
        self.push(")");
    }
}

/// A column the ORM leaves unlabelled for the compiler: a function call
/// or one within group (labelled after the function, `count_1`), or a
/// `DISTINCT x`, which stays bare.
pub fn left_to_compiler(e: &SqlExpr) -> bool {
    matches!(
        e,
        SqlExpr::Func { .. }
            | SqlExpr::Distinct(_)
            | SqlExpr::FuncModifier {
                kind: FuncModifierKind::WithinGroup,
                ..
            }
    )
}
