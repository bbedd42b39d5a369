//! Python operators on plain values: arithmetic with overflow checks,
//! ordering comparisons, containment (STUB).

use std::cmp::Ordering;

use crate::error::{Error, Result};
use crate::syntax::ast::BinOp;
use crate::value::Value;

/// `a op b` on plain values; `Ok(None)` when the operand types don't support
/// it (so the caller can try SQL-expression semantics or raise TypeError).
pub fn binary(op: BinOp, a: &Value, b: &Value) -> Result<Option<Value>> {
    match (op, a, b) {
        (BinOp::Add, Value::Int(x), Value::Int(y)) => x
            .checked_add(*y)
            .map(|v| Some(Value::Int(v)))
            .ok_or_else(|| Error::new(crate::error::ErrorKind::OverflowError, "integer overflow")),
        _ => Ok(None),
    }
}

/// Python ordering (`<` etc.) of plain values; TypeError when unorderable.
pub fn compare(a: &Value, b: &Value) -> Result<Ordering> {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x.partial_cmp(&y).ok_or_else(|| Error::type_("nan")),
        _ => Err(Error::type_(format!(
            "'<' not supported between instances of '{}' and '{}'",
            a.type_name(),
            b.type_name()
        ))),
    }
}

/// `needle in haystack` for plain containers; `Ok(None)` if unsupported.
pub fn contains(haystack: &Value, needle: &Value) -> Result<Option<bool>> {
    let _ = (haystack, needle);
    Ok(None)
}
