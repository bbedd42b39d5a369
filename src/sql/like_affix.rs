//! `ilike()`, `startswith`/`endswith`/`contains` and their case-insensitive forms as
//! SQLAlchemy's compiler writes them (`visit_startswith_op_binary`, and
//! `visit_istartswith_op_binary`, which puts both sides in `lower()`, or
//! on PostgreSQL writes `ILIKE`).

use super::ast::{BinaryOp, SqlExpr};
use super::compile::Compiler;
use super::operators_text::symbol;
use super::precedence::Op;

impl Compiler {
    /// `ilike()`/`notilike()`: the dialect's own `ILIKE` (PostgreSQL's
    /// `visit_ilike_op_binary`), else `lower(a) LIKE lower(b)`.
    pub(super) fn ilike(
        &mut self,
        op: BinaryOp,
        left: &SqlExpr,
        right: &SqlExpr,
        escape: Option<&str>,
    ) {
        match self.dialect.ilike {
            Some((ilike, not_ilike)) => {
                self.expr(left);
                self.push(if op == BinaryOp::ILike {
                    ilike
                } else {
                    not_ilike
                });
                self.expr(right);
            }
            None => {
                self.push("lower(");
                self.expr(left);
                self.push(")");
                self.push(symbol(op));
                self.push("lower(");
                self.expr(right);
                self.push(")");
            }
        }
        self.escape_clause(escape);
    }

    /// `startswith`/`endswith`/`contains` and their case-insensitive
    /// forms (SQLAlchemy's `visit_startswith_op_binary` and
    /// `visit_istartswith_op_binary`, the latter with both sides in
    /// `lower()`): `(a LIKE b || '%')`, bare under an anonymous label.
    pub(super) fn affix_like(
        &mut self,
        op: BinaryOp,
        left: &SqlExpr,
        right: &SqlExpr,
        escape: Option<&str>,
        lower: bool,
    ) {
        use BinaryOp::*;
        // A dialect with its own ILIKE compares the sides as they are
        // (PostgreSQL's `visit_ilike_case_insensitive_operand`).
        let ilike = self.dialect.ilike.filter(|_| lower);
        let lower = lower && ilike.is_none();
        let bare = std::mem::take(&mut self.bare_like);
        if !bare {
            self.push("(");
        }
        if lower {
            self.push("lower(");
            self.expr(left);
            self.push(")");
        } else {
            self.child(left, Op::Bin(Like));
        }
        match ilike {
            Some((yes, no)) => {
                let negated = matches!(op, NotIStartsWith | NotIEndsWith | NotIContains);
                self.push(if negated { no } else { yes });
            }
            None => self.push(symbol(op)),
        }
        let starts = matches!(
            op,
            StartsWith | NotStartsWith | IStartsWith | NotIStartsWith
        );
        let ends = matches!(op, EndsWith | NotEndsWith | IEndsWith | NotIEndsWith);
        if !starts {
            self.push("'%' || ");
        }
        if lower {
            self.push("lower(");
            self.expr(right);
            self.push(")");
        } else {
            self.child(right, Op::Bin(Concat));
        }
        if !ends {
            self.push(" || '%'");
        }
        self.escape_clause(escape);
        if !bare {
            self.push(")");
        }
    }
}
