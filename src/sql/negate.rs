//! `~e` as SQLAlchemy's `operators.inv` / `ColumnElement._negate` builds
//! it: comparisons flip (`NOT (a = b)` is `a != b`, `<` becomes `>=`), as
//! do `LIKE`, `IN`, `BETWEEN` and `IS`; `~~(a == b)` is `a == b`. Anything
//! else is left to the caller, which writes a plain `NOT x`.

use super::ast::{BinaryOp, SqlExpr};

fn flip(op: BinaryOp) -> Option<BinaryOp> {
    use BinaryOp::*;
    Some(match op {
        Eq => Ne,
        Ne => Eq,
        Lt => Ge,
        Ge => Lt,
        Gt => Le,
        Le => Gt,
        Is => IsNot,
        IsNot => Is,
        Like => NotLike,
        NotLike => Like,
        ILike => NotILike,
        NotILike => ILike,
        StartsWith => NotStartsWith,
        NotStartsWith => StartsWith,
        EndsWith => NotEndsWith,
        NotEndsWith => EndsWith,
        Contains => NotContains,
        NotContains => Contains,
        IStartsWith => NotIStartsWith,
        NotIStartsWith => IStartsWith,
        IEndsWith => NotIEndsWith,
        NotIEndsWith => IEndsWith,
        IContains => NotIContains,
        NotIContains => IContains,
        Regexp => NotRegexp,
        NotRegexp => Regexp,
        Match => NotMatch,
        NotMatch => Match,
        DistinctFrom => NotDistinctFrom,
        NotDistinctFrom => DistinctFrom,
        BitAnd | BitOr | BitXor | LShift | RShift => return None,
        Add | Sub | Mul | Div | Mod | Concat | TrueDivInt | FloorDiv | TrueDivCast => return None,
    })
}

/// `~e` as SQLAlchemy builds it, when that is not a plain `NOT e`.
pub fn negate(e: &SqlExpr) -> Option<SqlExpr> {
    match e {
        SqlExpr::Binary { op, left, right } => flip(*op).map(|op| SqlExpr::Binary {
            op,
            left: left.clone(),
            right: right.clone(),
        }),
        SqlExpr::InList {
            expr,
            values,
            negated,
            null_type,
        } => Some(SqlExpr::InList {
            null_type: null_type.clone(),
            expr: expr.clone(),
            values: values.clone(),
            negated: !negated,
        }),
        SqlExpr::InTuples {
            expr,
            rows,
            negated,
        } => Some(SqlExpr::InTuples {
            expr: expr.clone(),
            rows: rows.clone(),
            negated: !negated,
        }),
        SqlExpr::Bool(b) => Some(SqlExpr::Bool(!b)),
        SqlExpr::InSelect {
            expr,
            select,
            negated,
        } => Some(SqlExpr::InSelect {
            expr: expr.clone(),
            select: select.clone(),
            negated: !negated,
        }),
        SqlExpr::Between {
            expr,
            low,
            high,
            negated,
            symmetric,
        } => Some(SqlExpr::Between {
            expr: expr.clone(),
            low: low.clone(),
            high: high.clone(),
            negated: !negated,
            symmetric: *symmetric,
        }),
        SqlExpr::Escape { like, escape } => negate(like).map(|n| SqlExpr::Escape {
            like: Box::new(n),
            escape: escape.clone(),
        }),
        // `~~(a == b)` is `a == b`; `~~(a | b)` stays `NOT (NOT (a OR b))`.
        SqlExpr::Not(inner) => negate(inner).map(|_| (**inner).clone()),
        _ => None,
    }
}
