//! `RowMapping`'s members (`row._mapping`, a row of `result.mappings()`):
//! `keys()`, `values()`, `items()` and `get(key, default=None)`, as
//! SQLAlchemy's `RowMapping` (a `collections.abc.Mapping`) has them.

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::row_mapping::{self, RowMapping};
use crate::eval::surface::{Class, Member, Sig};
use crate::value::Value;

type R = Rc<RowMapping>;

fn keys(_: &mut Interp, m: &R, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(row_mapping::keys(m))
}

fn values(_: &mut Interp, m: &R, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(row_mapping::view(m, false))
}

fn items(_: &mut Interp, m: &R, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(row_mapping::view(m, true))
}

/// `get(key, default=None)`: `Mapping.get`, by name or by column.
fn get(_: &mut Interp, m: &R, a: Args) -> Result<Value> {
    a.count(1, 2)?;
    Ok(row_mapping::lookup(m, &a.pos[0])
        .unwrap_or_else(|| a.pos.get(1).cloned().unwrap_or(Value::None)))
}

/// `RowMapping`'s members.
pub static ROW_MAPPING: Class<R> = Class::new(
    "RowMapping",
    &[
        Member::method("keys", keys, Sig::NONE, "the column names (an RMKeyView)"),
        Member::method("values", values, Sig::NONE, "the values, in column order"),
        Member::method(
            "items",
            items,
            Sig::NONE,
            "the (name, value) pairs, in column order",
        ),
        Member::method(
            "get",
            get,
            Sig::NONE,
            "a column's value by name or column object, or a default",
        ),
    ],
);
