//! Criteria and SET values evaluated in memory against the objects of one
//! model: SQLAlchemy's `orm.evaluator._EvaluatorCompiler`, which the
//! `synchronize_session='evaluate'` (and `'auto'`) strategy of a bulk
//! `update()`/`delete()` uses to find the objects of the session the
//! statement changed (`orm::bulk`).
//!
//! What SQLAlchemy can evaluate, this can, and nothing more: the model's
//! own columns, bound values, `==` `!=` `<` `<=` `>` `>=`, `IS [NOT]`,
//! `AND`/`OR`/`NOT`, `IN`/`NOT IN` a list, `+ - * %` and true division
//! between numbers, `||` between strings, `startswith`/`endswith`. Anything
//! else (functions, LIKE, BETWEEN, subqueries, `text()`, another model's
//! columns) is [`Unevaluable`], with SQLAlchemy's reason. Values are
//! compared as SQL parameters (a column's value as it would be bound), with
//! Python's rules: a NULL operand gives None, `AND`/`OR` are three-valued.

use crate::error::Result;
use crate::orm::convert::to_param;
use crate::orm::evaluate_names::{datatype, op_name};
use crate::orm::evaluate_ops::{binary, boolean, equal, truthy};
use crate::schema::model::Model;
use crate::schema::types::ColumnType;
use crate::sql::ast::{BinaryOp, Late, Param, SqlExpr};
use crate::value::Value;

/// Why an expression cannot be evaluated in Python (SQLAlchemy's
/// `UnevaluatableError` message).
#[derive(Debug)]
pub struct Unevaluable(pub String);

/// An operator the evaluator applies to two values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    /// `IS` / `IS NOT`: Python's `==` / `!=`, NULL included.
    Is,
    IsNot,
    Add,
    Sub,
    Mul,
    TrueDiv,
    Mod,
    Concat,
    StartsWith,
    EndsWith,
}

/// An expression compiled for evaluation.
pub enum Eval {
    Const(Param),
    /// A value bound when the statement runs (`Post.author == user`).
    Late(Late),
    /// The model's column at this index.
    Column(usize),
    Not(Box<Eval>),
    And(Vec<Eval>),
    Or(Vec<Eval>),
    Binary(Op, Box<Eval>, Box<Eval>),
    In {
        expr: Box<Eval>,
        values: Vec<Param>,
        negated: bool,
    },
}

/// The criteria of a statement on `model`, ANDed (None when there are
/// none: every object matches).
pub fn criteria(
    model: &Model,
    where_: &[SqlExpr],
) -> std::result::Result<Option<Eval>, Unevaluable> {
    match where_ {
        [] => Ok(None),
        [one] => compile(model, one).map(Some),
        many => Ok(Some(Eval::And(
            many.iter()
                .map(|e| compile(model, e))
                .collect::<std::result::Result<_, _>>()?,
        ))),
    }
}

/// Compile one expression on `model`'s columns.
pub fn compile(model: &Model, e: &SqlExpr) -> std::result::Result<Eval, Unevaluable> {
    let un = |what: &str| Err(Unevaluable(format!("Cannot evaluate {what}")));
    Ok(match e {
        SqlExpr::Grouping(x) => compile(model, x)?,
        SqlExpr::Null => Eval::Const(Param::Null),
        SqlExpr::Param { value, .. } => Eval::Const(value.clone()),
        // A named `bindparam()` is evaluated by its own value (None
        // without one), as SQLAlchemy's `visit_bindparam`, not by the
        // statement's execution parameters.
        SqlExpr::Late { value, .. } => match crate::sql::named_bind::own_value_of(e) {
            Some(own) => Eval::Const(own.unwrap_or(Param::Null)),
            None => Eval::Late(value.clone()),
        },
        SqlExpr::Column { table, name } => {
            if table.as_ref().is_some_and(|t| *t != model.table) {
                return Err(Unevaluable(format!(
                    "Can't evaluate criteria against alternate table {}",
                    table.as_deref().unwrap_or_default()
                )));
            }
            match model.columns.iter().position(|c| c.name == *name) {
                Some(i) => Eval::Column(i),
                None => return un(&format!("column: {name}")),
            }
        }
        SqlExpr::Not(x) => Eval::Not(Box::new(compile(model, x)?)),
        SqlExpr::And(xs) => Eval::And(compile_each(model, xs)?),
        SqlExpr::Or(xs) => Eval::Or(compile_each(model, xs)?),
        SqlExpr::InList {
            expr,
            values,
            negated,
            ..
        } => Eval::In {
            expr: Box::new(compile(model, expr)?),
            values: values.clone(),
            negated: *negated,
        },
        SqlExpr::Binary { op, left, right } => {
            // The divisor's cast is the dialect's, not the script's.
            let right = match (op, &**right) {
                (BinaryOp::TrueDivCast, SqlExpr::Cast { expr, .. }) => expr,
                _ => right,
            };
            let Some(ev) = operator(*op) else {
                return un(&format!("BinaryExpression with operator {}", op_name(*op)));
            };
            if matches!(ev, Op::Add | Op::Sub | Op::Mul | Op::TrueDiv | Op::Mod)
                && !(numeric(model, left) && numeric(model, right))
            {
                return un(&format!(
                    "math operator \"{}\" for datatypes {}, {}",
                    op_name(*op),
                    datatype(model, left, right),
                    datatype(model, right, left)
                ));
            }
            if ev == Op::Concat && !(textual(model, left) && textual(model, right)) {
                return un(&format!(
                    "concatenate operator \"concat_op\" for datatypes {}, {}",
                    datatype(model, left, right),
                    datatype(model, right, left)
                ));
            }
            Eval::Binary(
                ev,
                Box::new(compile(model, left)?),
                Box::new(compile(model, right)?),
            )
        }
        SqlExpr::Func { name, .. } => return un(&format!("Function {name}")),
        SqlExpr::Text { .. } => return un("TextClause"),
        SqlExpr::Between { .. } => return un("BinaryExpression with operator between_op"),
        SqlExpr::Neg(_) => return un("UnaryExpression with operator neg"),
        SqlExpr::BitNot(_) => return un("UnaryExpression with operator bitwise_not_op"),
        SqlExpr::Exists(_) | SqlExpr::Subquery(_) | SqlExpr::InSelect { .. } => {
            return un("a subquery");
        }
        _ => return un("this expression"),
    })
}

fn compile_each(model: &Model, xs: &[SqlExpr]) -> std::result::Result<Vec<Eval>, Unevaluable> {
    xs.iter().map(|x| compile(model, x)).collect()
}

/// The operators SQLAlchemy's evaluator has (`//`, which ormsh writes as
/// the `/` it shares with float division, is not one of them).
fn operator(op: BinaryOp) -> Option<Op> {
    Some(match op {
        BinaryOp::Eq => Op::Eq,
        BinaryOp::Ne => Op::Ne,
        BinaryOp::Lt => Op::Lt,
        BinaryOp::Le => Op::Le,
        BinaryOp::Gt => Op::Gt,
        BinaryOp::Ge => Op::Ge,
        BinaryOp::Is => Op::Is,
        BinaryOp::IsNot => Op::IsNot,
        BinaryOp::Add => Op::Add,
        BinaryOp::Sub => Op::Sub,
        BinaryOp::Mul => Op::Mul,
        BinaryOp::TrueDivInt | BinaryOp::TrueDivCast => Op::TrueDiv,
        BinaryOp::Mod => Op::Mod,
        BinaryOp::Concat => Op::Concat,
        BinaryOp::StartsWith => Op::StartsWith,
        BinaryOp::EndsWith => Op::EndsWith,
        _ => return None,
    })
}

/// Is the expression of a numeric type (SQLAlchemy checks the operands'
/// type affinity before evaluating arithmetic)?
fn numeric(model: &Model, e: &SqlExpr) -> bool {
    match e {
        SqlExpr::Param { value, .. } => {
            matches!(value, Param::Int(_) | Param::Real(_) | Param::Decimal(_))
        }
        // A kept Decimal (`evaluate_values::keep`).
        SqlExpr::Late { value, .. } => {
            matches!(
                value.0.value(),
                Ok(Param::Int(_) | Param::Real(_) | Param::Decimal(_))
            )
        }
        SqlExpr::Column { name, .. } => model.columns.iter().any(|c| {
            c.name == *name
                && (c.ty.is_integer() || matches!(c.ty, ColumnType::Float | ColumnType::Numeric(_)))
        }),
        SqlExpr::Grouping(x) | SqlExpr::Neg(x) => numeric(model, x),
        SqlExpr::Binary { op, .. } => matches!(
            op,
            BinaryOp::Add
                | BinaryOp::Sub
                | BinaryOp::Mul
                | BinaryOp::Mod
                | BinaryOp::TrueDivInt
                | BinaryOp::TrueDivCast
        ),
        _ => false,
    }
}

/// Is the expression of a string type (`||` needs both sides so)?
fn textual(model: &Model, e: &SqlExpr) -> bool {
    match e {
        SqlExpr::Param { value, .. } => matches!(value, Param::Text(_)),
        SqlExpr::Column { name, .. } => model
            .columns
            .iter()
            .any(|c| c.name == *name && c.ty.is_string()),
        SqlExpr::Grouping(x) => textual(model, x),
        SqlExpr::Binary { op, .. } => *op == BinaryOp::Concat,
        _ => false,
    }
}

impl Eval {
    /// The value for an object of the model, given its column values.
    pub fn value(&self, model: &Model, values: &[Value]) -> Result<Param> {
        Ok(match self {
            Eval::Const(p) => p.clone(),
            Eval::Late(l) => l.0.value()?,
            Eval::Column(i) => to_param(&model.columns[*i].ty, &values[*i])?,
            Eval::Not(x) => match x.value(model, values)? {
                Param::Null => Param::Null,
                v => boolean(!truthy(&v)),
            },
            Eval::And(xs) => {
                for x in xs {
                    let v = x.value(model, values)?;
                    if !truthy(&v) {
                        return Ok(if v == Param::Null { v } else { boolean(false) });
                    }
                }
                boolean(true)
            }
            Eval::Or(xs) => {
                let mut null = false;
                for x in xs {
                    let v = x.value(model, values)?;
                    if truthy(&v) {
                        return Ok(boolean(true));
                    }
                    null |= v == Param::Null;
                }
                if null { Param::Null } else { boolean(false) }
            }
            Eval::In {
                expr,
                values: list,
                negated,
            } => match expr.value(model, values)? {
                Param::Null => Param::Null,
                v => boolean(list.iter().any(|x| equal(&v, x)) != *negated),
            },
            Eval::Binary(op, l, r) => {
                if let Some(p) = crate::orm::evaluate_values::compare(model, values, *op, l, r)? {
                    return Ok(p);
                }
                let (l, r) = (l.value(model, values)?, r.value(model, values)?);
                binary(*op, &l, &r)?
            }
        })
    }

    /// Does an object match (`True`, not a false or NULL outcome)?
    pub fn matches(&self, model: &Model, values: &[Value]) -> Result<bool> {
        Ok(truthy(&self.value(model, values)?))
    }
}
