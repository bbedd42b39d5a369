//! Datetimes in the evaluator of `synchronize_session='evaluate'`
//! (`orm::evaluate`): SQLAlchemy's `_EvaluatorCompiler` compares the
//! objects' Python values, so an aware datetime compared with a naive
//! one — an object loaded back from SQLite, which keeps no zone, against
//! `datetime(…, tzinfo=timezone.utc)` — is Python's `TypeError` for
//! `<`/`>` and unequal for `==`, and two aware ones compare by instant.
//! A bound aware datetime is kept as a [`PyBind`] (bound as its wall time
//! when the statement runs, as SQLAlchemy's SQLite `DATETIME` writes it),
//! and a naive one is read back from its text.

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

/// `v` bound as `param`, kept for the evaluator when it is an aware
/// datetime; None for any other value (bound as a plain parameter).
pub fn bind(v: &Value, param: &Param, key: Option<Rc<str>>) -> Option<SqlExpr> {
    matches!(v, Value::Aware(_)).then(|| SqlExpr::Late {
        value: Late(Rc::new(PyBind {
            value: v.clone(),
            param: param.clone(),
        })),
        key,
    })
}

/// The Python value of one side of a comparison with a DateTime column:
/// the object's own value, a kept aware datetime, a naive one from its
/// text; None when the side is none of these.
fn side(model: &Model, values: &[Value], e: &Eval) -> Option<Value> {
    match e {
        Eval::Column(i) if model.columns[*i].ty == ColumnType::DateTime => Some(values[*i].clone()),
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
    let dt_column =
        |e: &Eval| matches!(e, Eval::Column(i) if model.columns[*i].ty == ColumnType::DateTime);
    if !dt_column(l) && !dt_column(r) {
        return Ok(None);
    }
    let (Some(a), Some(b)) = (side(model, values, l), side(model, values, r)) else {
        return Ok(None);
    };
    let aware = |v: &Value| matches!(v, Value::Aware(_));
    if !aware(&a) && !aware(&b) {
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
