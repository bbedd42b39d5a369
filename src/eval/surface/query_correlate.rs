//! `correlate(*froms)` and `correlate_except(*froms)` of a `Select`, a
//! legacy `Query` and an `Exists` (SQLAlchemy's `Select.correlate`,
//! `Select.correlate_except`, `Query.correlate`): which FROMs of an
//! enclosing statement a nested SELECT leaves out (`sql::correlate`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::query::Q;
use crate::orm::alias::AliasedModel;
use crate::orm::expr::ColumnElement;
use crate::orm::selectable::Selectable;
use crate::schema::model::Model;
use crate::schema::table::Table;
use crate::sql::ast::SqlExpr;
use crate::sql::correlate::Correlate;
use crate::value::Value;

/// The names the statement reads `froms` by: a model's table, an alias's
/// or subquery's name, a table's; `None` among them names nothing.
fn from_names(a: &Args) -> Result<Vec<Rc<str>>> {
    let mut out = Vec::new();
    for (i, v) in a.pos.iter().enumerate() {
        let name = if matches!(v, Value::None) {
            continue;
        } else if let Some(m) = v.downcast::<Model>() {
            m.table.clone()
        } else if let Some(al) = v.downcast::<AliasedModel>() {
            al.name.clone()
        } else if let Some(t) = v.downcast::<Table>() {
            t.name.clone()
        } else if let Some(s) = v.downcast::<Selectable>() {
            s.name.clone()
        } else {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                format!(
                    "{}() takes models, aliases, tables or subqueries, not {}",
                    a.name,
                    v.type_name()
                ),
            )
            .at(a.span_of(i))
            .with_help(format!(
                "name the enclosing query's model: {}(User)",
                a.name
            )));
        };
        out.push(name);
    }
    Ok(out)
}

/// What `correlate(*froms)` / `correlate_except(*froms)` ask for.
fn correlation(a: &Args, except: bool) -> Result<Correlate> {
    let names = from_names(a)?;
    Ok(if except {
        Correlate::Except(names)
    } else {
        Correlate::Only(names)
    })
}

/// `stmt.correlate(*froms)`: only these FROMs are left out when the
/// statement is nested in one that reads them; `correlate(None)` leaves
/// out none.
pub(crate) fn correlate(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    let mut nq = q.copy(me)?;
    nq.correlate = correlation(&a, false)?;
    Ok(Value::obj(nq))
}

/// `stmt.correlate_except(*froms)`: every FROM of an enclosing statement
/// is left out but these.
pub(crate) fn correlate_except(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    let mut nq = q.copy(me)?;
    nq.correlate = correlation(&a, true)?;
    Ok(Value::obj(nq))
}

/// `exists(...).correlate(*froms)` / `.correlate_except(*froms)`: the
/// EXISTS's SELECT correlated so.
pub(crate) fn exists_correlate(e: &ColumnElement, a: &Args, except: bool) -> Result<Value> {
    let SqlExpr::Exists(select) = &e.expr else {
        return Err(Error::attr(format!(
            "'{}' object has no attribute '{}'",
            crate::value::Object::type_name(e),
            a.name
        )));
    };
    let mut select = select.clone();
    select.correlate = correlation(a, except)?;
    let mut out = e.clone();
    out.expr = SqlExpr::Exists(select);
    out.into_value()
}
