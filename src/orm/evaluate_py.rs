//! A bulk UPDATE's SET value evaluated on Python values, as SQLAlchemy's
//! `_EvaluatorCompiler` computes it for `synchronize_session='evaluate'`:
//! the object's own attribute values and the bound Python values combined
//! with Python's operators. It matters where a value is a `Decimal`: the
//! object takes `Decimal('10.00') * Decimal('1.125')`, which is
//! `Decimal('11.25000')`, not the value the database rounds to the
//! column's scale. Other values keep the evaluator on SQL parameters
//! (`orm::evaluate`), which gives the same Python values.

use crate::error::Result;
use crate::orm::convert::from_param;
use crate::orm::evaluate::{Eval, Op};
use crate::orm::evaluate_values::PyBind;
use crate::schema::types::ColumnType;
use crate::sql::ast::{Late, Param};
use crate::syntax::ast::BinOp;
use crate::value::{Value, ops};

/// The Python value of `e` for an object with these column
/// values, when `e` is arithmetic over the object's columns and bound
/// values with a `Decimal` among them; None when it is anything else
/// (the parameter evaluator decides).
pub fn decimal_value(e: &Eval, values: &[Value]) -> Result<Option<Value>> {
    if !has_decimal(e, values) {
        return Ok(None);
    }
    eval(e, values)
}

/// Does a leaf of `e` hold a Decimal?
fn has_decimal(e: &Eval, values: &[Value]) -> bool {
    match e {
        Eval::Column(i) => matches!(values.get(*i), Some(Value::Decimal(_))),
        Eval::Late(l) => matches!(kept(l), Some(Value::Decimal(_))),
        Eval::Binary(_, l, r) => has_decimal(l, values) || has_decimal(r, values),
        _ => false,
    }
}

/// The Python value a `PyBind` kept for a bound value.
fn kept(l: &Late) -> Option<Value> {
    l.0.as_any()
        .downcast_ref::<PyBind>()
        .map(|b| b.value.clone())
}

fn eval(e: &Eval, values: &[Value]) -> Result<Option<Value>> {
    Ok(Some(match e {
        Eval::Column(i) => values[*i].clone(),
        Eval::Late(l) => match kept(l) {
            Some(v) => v,
            None => return Ok(None),
        },
        Eval::Const(p) => match constant(p) {
            Some(v) => v,
            None => return Ok(None),
        },
        Eval::Binary(op, l, r) => {
            let op = match op {
                Op::Add => BinOp::Add,
                Op::Sub => BinOp::Sub,
                Op::Mul => BinOp::Mul,
                Op::TrueDiv => BinOp::Div,
                Op::Mod => BinOp::Mod,
                _ => return Ok(None),
            };
            let (Some(a), Some(b)) = (eval(l, values)?, eval(r, values)?) else {
                return Ok(None);
            };
            // The evaluator's arithmetic gives None for a None operand.
            if matches!(a, Value::None) || matches!(b, Value::None) {
                return Ok(Some(Value::None));
            }
            match ops::binary(op, &a, &b)? {
                Some(v) => v,
                None => return Err(ops::binary_error(op, &a, &b)),
            }
        }
        _ => return Ok(None),
    }))
}

/// A bound plain value as Python holds it (`3`, `2.5`, `'x'`).
fn constant(p: &Param) -> Option<Value> {
    let ty = match p {
        Param::Null => return Some(Value::None),
        Param::Int(_) => ColumnType::Integer,
        Param::Bool(_) => ColumnType::Boolean,
        Param::Interval(_) => ColumnType::Interval,
        Param::Unbindable(_) => return None,
        Param::Real(_) => ColumnType::Float,
        Param::Decimal(_) => ColumnType::Numeric(crate::schema::types::NumericType::PLAIN),
        Param::Text(_) => ColumnType::String(None),
        Param::Blob(_) => return None,
    };
    Some(from_param(&ty, p))
}
