//! SQLAlchemy's operator precedence (`operators._PRECEDENCE`,
//! `is_precedent`): what an expression is grouped against and how tightly
//! each operator binds, which `expr.rs` reads to decide parentheses.

use super::ast::{BinaryOp, SqlExpr};
use super::negate::negate;

/// What an expression is grouped against (SQLAlchemy's `against`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Op {
    Bin(BinaryOp),
    And,
    Or,
    /// `NOT`
    Inv,
    /// unary minus
    Neg,
    In,
    Between,
    Exists,
    /// `DESC` / `ASC`
    Order,
    /// `COLLATE`
    Collate,
    /// An operator the script names (`op('*')`), at its precedence.
    Custom(i32),
    /// No operator at all (`self_group()` with no `against`): everything
    /// that has a precedence is grouped. Used for CASE conditions and
    /// UPDATE SET values.
    Top,
}

pub(super) fn level(op: Op) -> i32 {
    use BinaryOp::*;
    match op {
        Op::Bin(Mul | Div | Mod | TrueDivInt | FloorDiv | TrueDivCast) | Op::Neg => 8,
        Op::Bin(Add | Sub | BitAnd | BitOr | BitXor | LShift | RShift) => 7,
        Op::Bin(_) | Op::Inv | Op::In | Op::Between => 5,
        Op::Collate => 4,
        Op::And | Op::Order => 3,
        Op::Custom(p) => p,
        Op::Or => 2,
        Op::Exists => 0,
        Op::Top => i32::MAX,
    }
}

pub(super) fn natural_self_precedent(op: Op) -> bool {
    matches!(
        op,
        Op::And | Op::Or | Op::Bin(BinaryOp::Add | BinaryOp::Mul | BinaryOp::Concat)
    )
}

/// The operator an expression groups as, or `None` for atoms (columns,
/// values, calls, already-parenthesised forms).
pub(super) fn precedence(e: &SqlExpr) -> Option<Op> {
    match e {
        SqlExpr::Binary { op, .. } => match op {
            BinaryOp::StartsWith
            | BinaryOp::NotStartsWith
            | BinaryOp::EndsWith
            | BinaryOp::NotEndsWith
            | BinaryOp::Contains
            | BinaryOp::NotContains
            | BinaryOp::IStartsWith
            | BinaryOp::NotIStartsWith
            | BinaryOp::IEndsWith
            | BinaryOp::NotIEndsWith
            | BinaryOp::IContains
            | BinaryOp::NotIContains => None,
            op => Some(Op::Bin(*op)),
        },
        SqlExpr::TypeCoerce(x) => precedence(x),
        SqlExpr::And(v) | SqlExpr::Or(v) if v.len() == 1 => precedence(&v[0]),
        SqlExpr::And(v) | SqlExpr::Or(v) if v.is_empty() => None,
        SqlExpr::And(_) => Some(Op::And),
        SqlExpr::Or(_) => Some(Op::Or),
        SqlExpr::Not(inner) => match negate(inner) {
            Some(n) => precedence(&n),
            None => Some(Op::Inv),
        },
        // `bitwise_not_op` binds as unary minus does (8).
        SqlExpr::Neg(_) | SqlExpr::BitNot(_) => Some(Op::Neg),
        SqlExpr::InList { negated, .. }
        | SqlExpr::InSelect { negated, .. }
        | SqlExpr::InTuples { negated, .. } => (!negated).then_some(Op::In),
        SqlExpr::Between { .. } => Some(Op::Between),
        SqlExpr::Exists(_) => Some(Op::Exists),
        SqlExpr::Order { .. } => Some(Op::Order),
        SqlExpr::Escape { like, .. } => precedence(like),
        SqlExpr::Collate { .. } => Some(Op::Collate),
        SqlExpr::CustomOp { precedence, .. } => Some(Op::Custom(*precedence)),
        _ => None,
    }
}
