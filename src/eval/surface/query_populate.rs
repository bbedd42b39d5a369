//! `Query.populate_existing()` and the execution options ormsh reads on a
//! query: `execution_options(populate_existing=True)` on a `Query` or a
//! 2.0 `Select`, and `session.execute(stmt, execution_options={...})`.
//! The loading itself is `orm::populate`.

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::query::Q;
use crate::value::Value;

/// `Query.populate_existing()`: the same query, refreshing the objects it
/// meets in the session.
pub(crate) fn populate_existing(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let mut nq = q.copy(me)?;
    nq.populate_existing = true;
    Ok(Value::obj(nq))
}

/// An execution option other than the ones ormsh reads.
fn unsupported(name: &str) -> Error {
    Error::new(
        ErrorKind::NotImplementedError,
        format!(
            "the execution option '{name}' is not supported on a query: ormsh reads populate_existing"
        ),
    )
    .with_help("populate_existing=True refreshes the objects a query meets; yield_per(n) is Query.yield_per")
}

/// Whether a value given to `populate_existing` is true, as Python reads it.
fn truthy(v: &Value) -> Result<bool> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::None => Ok(false),
        Value::Int(i) => Ok(*i != 0),
        other => Err(Error::type_(format!(
            "populate_existing takes True or False, not {}",
            other.type_name()
        ))),
    }
}

/// `Query.execution_options(**options)` / `Select.execution_options`:
/// `populate_existing` is read; any other option is refused by name.
pub(crate) fn execution_options(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    if !a.pos.is_empty() {
        return Err(Error::type_(
            "execution_options() takes keyword arguments only: execution_options(populate_existing=True)",
        )
        .at(a.span_of(0)));
    }
    let mut nq = q.copy(me)?;
    for (k, v, span) in &a.kw {
        match &**k {
            "populate_existing" => {
                nq.populate_existing = truthy(v).map_err(|e| e.at(*span))?;
            }
            other => return Err(unsupported(other).at(*span)),
        }
    }
    Ok(Value::obj(nq))
}

/// `session.execute(select, execution_options={'populate_existing': True})`:
/// true when the dict asks for it (the DML options are read by
/// `dml::sync_option`).
pub(crate) fn populate_option(options: Option<&Value>) -> Result<bool> {
    let Some(Value::Dict(d)) = options else {
        return Ok(false);
    };
    for (k, v) in d.borrow().iter() {
        if let Value::Str(s) = k
            && s.as_str() == "populate_existing"
        {
            return truthy(v);
        }
    }
    Ok(false)
}
