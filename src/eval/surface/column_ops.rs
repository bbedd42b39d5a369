//! `col.match(term)`, `col.is_distinct_from(x)` / `is_not_distinct_from`
//! and SQLAlchemy 2.0's bitwise operators (`bitwise_and`, `bitwise_or`,
//! `bitwise_xor`, `bitwise_not`, `bitwise_lshift`, `bitwise_rshift`) of
//! `ColumnOperators`. Each dialect writes them its own way
//! (`sql::operators_text`): SQLite's `MATCH`, `IS NOT`/`IS`, and
//! `(a | b - a & b)` for XOR.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::orm::expr::{self as orm_expr, ColumnElement};
use crate::sql::ast::{BinaryOp, SqlExpr};
use crate::value::Value;

type C = Rc<ColumnElement>;

fn one_argument(a: &Args) -> Result<&Value> {
    match a.pos.as_slice() {
        [v] => Ok(v),
        other => Err(Error::type_(format!(
            "{}() takes 1 argument ({} given)",
            a.name,
            other.len()
        ))),
    }
}

/// The binary operator a member's name stands for.
fn operator(name: &str) -> BinaryOp {
    match name {
        "match" => BinaryOp::Match,
        "is_distinct_from" => BinaryOp::DistinctFrom,
        "bitwise_and" => BinaryOp::BitAnd,
        "bitwise_or" => BinaryOp::BitOr,
        "bitwise_xor" => BinaryOp::BitXor,
        "bitwise_lshift" => BinaryOp::LShift,
        "bitwise_rshift" => BinaryOp::RShift,
        // `is_not_distinct_from` and its older name `isnot_distinct_from`.
        _ => BinaryOp::NotDistinctFrom,
    }
}

/// `col.match(term)` (SQLAlchemy's `ColumnOperators.match`, a
/// `MatchType` boolean), `col.is_distinct_from(x)`,
/// `col.is_not_distinct_from(x)` (booleans; a None compares with NULL),
/// and `col.bitwise_and(x)` … `bitwise_rshift(x)` (of the column's
/// type).
pub fn binary(_: &mut Interp, c: &C, a: Args) -> Result<Value> {
    let other = one_argument(&a)?;
    orm_expr::compare(c, operator(&a.name), other)?.into_value()
}

/// `col.bitwise_not()`: `~col`, of the column's type (SQLAlchemy's
/// `ColumnOperators.bitwise_not`).
pub fn bitwise_not(_: &mut Interp, c: &C, a: Args) -> Result<Value> {
    if !a.pos.is_empty() {
        return Err(Error::type_(format!(
            "bitwise_not() takes no arguments ({} given)",
            a.pos.len()
        )));
    }
    let expr = SqlExpr::BitNot(Box::new(c.expr.clone()));
    let mut e = ColumnElement::derived(expr, c.ty.clone(), false).with_froms_of([&**c]);
    e.orm = c.orm;
    e.into_value()
}
