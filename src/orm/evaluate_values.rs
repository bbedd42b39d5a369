//! Comparisons the evaluator of `synchronize_session='evaluate'`
//! (`orm::evaluate`) makes on Python values, as SQLAlchemy's
//! `_EvaluatorCompiler` compares the objects' attributes with the bound
//! Python value:
//! - datetimes: an aware one against a naive one — an object loaded back
//!   from SQLite, which keeps no zone, against `datetime(…,
//!   tzinfo=timezone.utc)` — is Python's `TypeError` for `<`/`>` and
//!   unequal for `==`; two aware ones compare by instant;
//! - an enum class's column: the member against the value as written, so
//!   `Color.RED == 'RED'` is false for a plain `Enum` although the
//!   statement binds `'RED'`.
//!
//! Such a bound value is kept as a [`PyBind`] (bound as its parameter when
//! the statement runs); a naive datetime is read back from its text.

use std::rc::Rc;

use crate::error::Result;
use crate::orm::convert::parse_datetime;
use crate::orm::evaluate::{Eval, Op};
use crate::schema::model::Model;
use crate::schema::types::ColumnType;
use crate::sql::ast::{Late, LateValue, Param, SqlExpr};
use crate::syntax::ast::CmpOp;
use crate::value::Value;

/// A bound value that keeps the Python value it was made from (an aware
/// datetime), for the evaluator; the statement binds `param`.
pub struct PyBind {
    pub value: Value,
    pub param: Param,
}

impl LateValue for PyBind {
    fn value(&self) -> Result<Param> {
        Ok(self.param.clone())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `bound` — `v` bound to an expression of type `ty` for a comparison —
/// kept with `v` for the evaluator when `v` is an aware datetime, a
/// `Decimal` or an int bound to a Numeric (`orm::evaluate_py`) or the
/// expression is an enum class's column; `bound` as it is otherwise.
pub fn keep(ty: Option<&ColumnType>, v: &Value, bound: SqlExpr) -> SqlExpr {
    let numeric = matches!(ty, Some(ColumnType::Numeric(_))) && matches!(v, Value::Int(_));
    let wanted = matches!(v, Value::Aware(_) | Value::Decimal(_))
        || numeric
        || ty.is_some_and(is_enum_class);
    match bound {
        SqlExpr::Param { value, key } if wanted => SqlExpr::Late {
            value: Late(Rc::new(PyBind {
                value: v.clone(),
                param: value,
            })),
            key,
        },
        other => other,
    }
}

fn is_enum_class(ty: &ColumnType) -> bool {
    matches!(ty, ColumnType::Enum(ev) if ev.class.is_some())
}

/// Is this a column compared on Python values (a DateTime, an enum
/// class's)?
fn py_column(model: &Model, e: &Eval) -> bool {
    matches!(e, Eval::Column(i)
        if model.columns[*i].ty == ColumnType::DateTime || is_enum_class(&model.columns[*i].ty))
}

/// The Python value of one side of such a comparison: the object's own
/// value, a kept bound value, a naive datetime from its text; None when
/// the side is none of these.
fn side(model: &Model, values: &[Value], e: &Eval) -> Option<Value> {
    match e {
        Eval::Column(i) if py_column(model, e) => Some(values[*i].clone()),
        Eval::Late(Late(l)) => l.as_any().downcast_ref::<PyBind>().map(|b| b.value.clone()),
        Eval::Const(Param::Text(t)) => parse_datetime(t).map(Value::DateTime),
        Eval::Const(Param::Null) => Some(Value::None),
        _ => None,
    }
}

/// `l op r` on Python values when one side is a DateTime column and the
/// other a datetime (aware or naive): None when this is not such a
/// comparison, and the plain evaluator decides.
pub fn compare(
    model: &Model,
    values: &[Value],
    op: Op,
    l: &Eval,
    r: &Eval,
) -> Result<Option<Param>> {
    let enum_column =
        |e: &Eval| matches!(e, Eval::Column(i) if is_enum_class(&model.columns[*i].ty));
    if !py_column(model, l) && !py_column(model, r) {
        return Ok(None);
    }
    let (Some(a), Some(b)) = (side(model, values, l), side(model, values, r)) else {
        return Ok(None);
    };
    let aware = |v: &Value| matches!(v, Value::Aware(_));
    if !aware(&a) && !aware(&b) && !enum_column(l) && !enum_column(r) {
        return Ok(None);
    }
    let cmp = match op {
        Op::Eq | Op::Is => CmpOp::Eq,
        Op::Ne | Op::IsNot => CmpOp::Ne,
        Op::Lt => CmpOp::Lt,
        Op::Le => CmpOp::Le,
        Op::Gt => CmpOp::Gt,
        Op::Ge => CmpOp::Ge,
        _ => return Ok(None),
    };
    if matches!(a, Value::None) || matches!(b, Value::None) {
        // NULL: None, but `IS` compares it (`is_(None)`).
        return Ok(Some(match op {
            Op::Is => boolean(a.py_eq(&b)?),
            Op::IsNot => boolean(!a.py_eq(&b)?),
            _ => Param::Null,
        }));
    }
    let r = crate::value::compare::compare_op(cmp, &a, &b)?;
    Ok(Some(r.map_or(Param::Null, boolean)))
}

fn boolean(b: bool) -> Param {
    Param::Int(b as i64)
}
