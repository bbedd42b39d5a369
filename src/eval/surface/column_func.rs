//! The members of a SQL function call beyond a column's operators:
//! `func.count(x).filter(cond)` and `func.f(x).within_group(col)`
//! (SQLAlchemy's `FunctionElement.filter` / `.within_group`), built by
//! `orm::func_modifier`. On anything but a function they are missing, as
//! in SQLAlchemy (an AttributeError).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::orm::expr::ColumnElement;
use crate::orm::func_modifier;
use crate::value::Value;

fn check(c: &ColumnElement, name: &str) -> Result<()> {
    if func_modifier::applies(c, name) {
        return Ok(());
    }
    Err(Error::attr(format!(
        "'{}' object has no attribute '{name}'",
        crate::value::Object::type_name(c)
    ))
    .with_help(
        "filter() and within_group() follow a SQL function: func.count(M.id).filter(M.x > 1)",
    ))
}

/// `f.filter(*criterion)`: `f FILTER (WHERE …)`; no criteria gives `f`.
pub fn filter(_: &mut Interp, c: &Rc<ColumnElement>, a: Args) -> Result<Value> {
    check(c, "filter")?;
    if a.pos.is_empty() {
        return Ok(Value::Obj(c.clone()));
    }
    func_modifier::filter(c, &a.pos)?.into_value()
}

/// `f.within_group(*order_by)`: `f WITHIN GROUP (ORDER BY …)`.
pub fn within_group(_: &mut Interp, c: &Rc<ColumnElement>, a: Args) -> Result<Value> {
    check(c, "within_group")?;
    func_modifier::within_group(c, &a.pos)?.into_value()
}
