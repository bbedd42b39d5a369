//! The members of a result that manage it rather than take rows:
//! SQLAlchemy's `Result.close()`, `yield_per(num)` (every result,
//! `ScalarResult` and `MappingResult` too: ormsh holds the rows already,
//! so it is the result itself) and `Result.freeze()`, whose
//! `FrozenResult` makes a new result over the same rows each time it is
//! called.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::ResultSet;
use crate::eval::results::{close as close_result, take_rows};
use crate::eval::surface::result::rows_of;
use crate::eval::surface::{Class, LIST, Member, Returns};
use crate::orm::row::Row;
use crate::value::{Object, Value};

type R = Rc<ResultSet>;

/// `Result.close()`: later fetches are `ResourceClosedError`.
pub(super) fn close(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    close_result(rs);
    Ok(Value::None)
}

/// `Result.yield_per(num)`: the result itself, its rows fetched `num`
/// at a time (ormsh has them all at hand already).
pub(super) fn yield_per(_: &mut Interp, rs: &R, mut a: Args) -> Result<Value> {
    let num = a.arg(0, "num");
    a.count(1, 1)?;
    match num {
        Some(Value::Int(_) | Value::Bool(_)) => Ok(Value::Obj(rs.clone())),
        other => Err(Error::type_(format!(
            "Argument 'num' has incorrect type (expected int, got {})",
            other.as_ref().map_or("NoneType", |v| v.type_name())
        ))
        .with_help("give the number of rows to fetch at a time: yield_per(100)")),
    }
}

/// `Result.freeze()`: every row left, kept for results made from them.
pub(super) fn freeze(_: &mut Interp, rs: &R, a: Args) -> Result<Value> {
    let rs = rows_of(rs)?;
    a.count(0, 0)?;
    let rows = take_rows(rs)?;
    Ok(Value::obj(FrozenResult(ResultSet {
        cursor: Rc::default(),
        ..rs.derived(rows)
    })))
}

/// SQLAlchemy's `FrozenResult`: the rows of a result, called for a new
/// result over them.
pub struct FrozenResult(pub ResultSet);

impl Object for FrozenResult {
    fn type_name(&self) -> &str {
        "FrozenResult"
    }

    fn take_values(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.0.rows)
    }
}

impl FrozenResult {
    /// `frozen()`: a new result over the rows, from the first — an
    /// `IteratorResult`, whatever result was frozen (SQLAlchemy's
    /// `FrozenResult.__call__`).
    pub fn call(&self, a: Args) -> Result<Value> {
        a.count(0, 0)?;
        Ok(Value::obj(ResultSet {
            cursor: Rc::default(),
            orm: false,
            bulk: true,
            ..self.0.derived(self.0.rows.clone())
        }))
    }
}

/// `frozen.data`: the rows, each a tuple of its values.
fn data(_: &mut Interp, f: &Rc<FrozenResult>) -> Result<Value> {
    Ok(Value::list(
        f.0.rows
            .iter()
            .map(|r| match r.downcast::<Row>() {
                Some(row) => Value::tuple(row.values.clone()),
                None => Value::tuple(vec![r.clone()]),
            })
            .collect(),
    ))
}

/// A `FrozenResult`'s members.
pub static FROZEN_RESULT: Class<Rc<FrozenResult>> = Class::new(
    "FrozenResult",
    &[Member::attr(
        "data",
        data,
        "the rows kept, each a tuple; call the frozen result for a new result over them",
    )],
)
.with_results(&[("data", Returns::Class(&LIST))]);
