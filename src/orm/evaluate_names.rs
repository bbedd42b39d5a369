//! How SQLAlchemy's evaluator names what it cannot evaluate
//! (`orm::evaluate`'s messages): an operator by its function's name
//! (`like_op`, `mul`), an operand by its SQL type (`VARCHAR(80)`,
//! `INTEGER`), as `sqlalchemy.orm.evaluator` writes them.

use crate::schema::model::Model;
use crate::schema::types::ColumnType;
use crate::sql::ast::{BinaryOp, Param, SqlExpr};

/// The name SQLAlchemy's evaluator gives an operator in its messages:
/// the function of `sqlalchemy.sql.operators` (Python's `operator` module
/// for arithmetic).
pub(crate) fn op_name(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Eq => "eq",
        BinaryOp::Ne => "ne",
        BinaryOp::Lt => "lt",
        BinaryOp::Le => "le",
        BinaryOp::Gt => "gt",
        BinaryOp::Ge => "ge",
        BinaryOp::Is => "is_",
        BinaryOp::IsNot => "is_not",
        BinaryOp::Like => "like_op",
        BinaryOp::NotLike => "not_like_op",
        BinaryOp::ILike => "ilike_op",
        BinaryOp::NotILike => "not_ilike_op",
        BinaryOp::Add => "add",
        BinaryOp::Sub => "sub",
        BinaryOp::Mul => "mul",
        // Plain `/` is what both `//` and a float's `/` write.
        BinaryOp::Div | BinaryOp::TrueDivInt | BinaryOp::TrueDivCast => "truediv",
        BinaryOp::FloorDiv => "floordiv",
        BinaryOp::Mod => "mod",
        BinaryOp::Concat => "concat_op",
        BinaryOp::StartsWith => "startswith_op",
        BinaryOp::NotStartsWith => "not_startswith_op",
        BinaryOp::EndsWith => "endswith_op",
        BinaryOp::NotEndsWith => "not_endswith_op",
        BinaryOp::Contains => "contains_op",
        BinaryOp::NotContains => "not_contains_op",
        BinaryOp::IStartsWith => "istartswith_op",
        BinaryOp::NotIStartsWith => "not_istartswith_op",
        BinaryOp::IEndsWith => "iendswith_op",
        BinaryOp::NotIEndsWith => "not_iendswith_op",
        BinaryOp::IContains => "icontains_op",
        BinaryOp::NotIContains => "not_icontains_op",
        BinaryOp::Regexp => "regexp_match_op",
        BinaryOp::NotRegexp => "not_regexp_match_op",
        BinaryOp::Match => "match_op",
        BinaryOp::NotMatch => "not_match_op",
        BinaryOp::DistinctFrom => "is_distinct_from",
        BinaryOp::NotDistinctFrom => "is_not_distinct_from",
        BinaryOp::BitAnd => "bitwise_and_op",
        BinaryOp::BitOr => "bitwise_or_op",
        BinaryOp::BitXor => "bitwise_xor_op",
        BinaryOp::LShift => "bitwise_lshift_op",
        BinaryOp::RShift => "bitwise_rshift_op",
    }
}

/// The SQL type SQLAlchemy gives operand `e` of a math operator, as its
/// evaluator names it (`VARCHAR(80)`, `INTEGER`): a column's own; a
/// literal takes the type of the column it meets when they are of one
/// kind (`coerce_compared_value`), else its value's (`INTEGER`, `FLOAT`,
/// `VARCHAR`).
pub(crate) fn datatype(model: &Model, e: &SqlExpr, other: &SqlExpr) -> String {
    let column_type = |e: &SqlExpr| match e {
        SqlExpr::Column { name, .. } => (model.columns.iter())
            .find(|c| c.name == *name)
            .map(|c| c.ty.clone()),
        _ => None,
    };
    match e {
        SqlExpr::Grouping(x) => datatype(model, x, other),
        SqlExpr::Binary { left, right, .. } => datatype(model, left, right),
        SqlExpr::Param { value, .. } => {
            let own = match value {
                Param::Int(_) => ColumnType::Integer,
                Param::Bool(_) => ColumnType::Boolean,
                Param::Interval(_) => ColumnType::Interval,
                Param::Unbindable(_) => ColumnType::Json,
                Param::Real(_) => ColumnType::Float,
                Param::Decimal(_) => ColumnType::Numeric(crate::schema::types::NumericType::PLAIN),
                Param::Text(_) => ColumnType::String(None),
                Param::Blob(_) => ColumnType::LargeBinary,
                Param::Null => return "NULL".into(),
            };
            match column_type(other) {
                Some(t) if affinity(&t) == affinity(&own) => t.ddl(),
                _ => own.ddl(),
            }
        }
        _ => column_type(e).map_or_else(|| "NULL".into(), |t| t.ddl()),
    }
}

/// SQLAlchemy's `_type_affinity`: the generic type a type belongs to.
fn affinity(t: &ColumnType) -> u8 {
    match t {
        ColumnType::Integer | ColumnType::BigInteger | ColumnType::SmallInteger => 0,
        ColumnType::Float | ColumnType::Numeric(_) => 1,
        t if t.is_string() => 2,
        ColumnType::Boolean => 3,
        _ => 4,
    }
}
