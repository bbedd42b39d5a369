//! The `DefaultExecutionContext` a one-argument Python `default=` or
//! `onupdate=` callable receives (SQLAlchemy inspects the callable's
//! arity, `ColumnDefault._maybe_wrap_callable`): its
//! `get_current_parameters()` and `current_parameters` are the values of
//! the row being written, by column name.

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::{Class, Member, Sig};
use crate::value::{Dict, Object, Value};

/// SQLAlchemy's `DefaultExecutionContext`, as a context-sensitive
/// default sees it.
pub struct DefaultContext {
    /// The row's parameters: column name → value.
    pub params: Value,
}

impl Object for DefaultContext {
    fn type_name(&self) -> &str {
        "SQLiteExecutionContext_pysqlite"
    }
}

impl DefaultContext {
    /// A context holding `pairs` (column name, value) as its parameters.
    pub fn value_of(pairs: Vec<(Rc<str>, Value)>) -> Result<Value> {
        let mut d = Dict::default();
        for (k, v) in pairs {
            d.insert(Value::str(&k), v)?;
        }
        Ok(Value::obj(DefaultContext {
            params: Value::Dict(Rc::new(std::cell::RefCell::new(d))),
        }))
    }
}

type C = Rc<DefaultContext>;

fn current_parameters(_: &mut Interp, c: &C) -> Result<Value> {
    Ok(c.params.clone())
}

fn get_current_parameters(_: &mut Interp, c: &C, _a: Args) -> Result<Value> {
    Ok(c.params.clone())
}

/// The class table of the execution context a default callable receives.
pub static DEFAULT_CONTEXT: Class<C> = Class::new(
    "SQLiteExecutionContext_pysqlite",
    &[
        Member::attr(
            "current_parameters",
            current_parameters,
            "the parameters of the row being written, by column name",
        ),
        Member::method(
            "get_current_parameters",
            get_current_parameters,
            Sig::kw(&["isolate_multiinsert_groups"]),
            "the parameters of the row being written, by column name",
        ),
    ],
);
