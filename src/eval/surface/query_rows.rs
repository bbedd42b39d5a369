//! Running a legacy query for its rows: `all`, `first`, `one`,
//! `one_or_none`, `scalar`, `count`, `get`, and Flask-SQLAlchemy's
//! `get_or_404`, `first_or_404`, `one_or_404` (404 Not Found, with the
//! `description` given). Each autoflushes first (`Interp::query_all`).

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::results::multiple_rows;
use crate::eval::surface::query::Q;
use crate::orm::row::Row;
use crate::value::Value;

pub(crate) fn all(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let q = q.query(me)?;
    Ok(Value::list(me.query_all(&q)?))
}

pub(crate) fn first(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let mut nq = q.copy(me)?;
    nq.limit = Some(1);
    Ok(me.query_all(&nq)?.into_iter().next().unwrap_or(Value::None))
}

/// The only row: none is `NoResultFound` (or None, `or_none`), several
/// `MultipleResultsFound`.
fn only(me: &mut Interp, q: &Q, a: Args, or_none: bool) -> Result<Value> {
    a.count(0, 0)?;
    let q = q.query(me)?;
    let mut rows = me.query_all(&q)?.into_iter();
    match (rows.next(), rows.next()) {
        (None, _) if or_none => Ok(Value::None),
        (None, _) => Err(Error::new(
            ErrorKind::NoResultFound,
            "No row was found when one was required",
        )),
        (Some(v), None) => Ok(v),
        (Some(_), Some(_)) => Err(multiple_rows(or_none)),
    }
}

pub(crate) fn one(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    only(me, q, a, false)
}

pub(crate) fn one_or_none(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    only(me, q, a, true)
}

/// `scalar()`: the first column of the only row, None when there is none.
pub(crate) fn scalar(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let q = q.query(me)?;
    let rows = me.query_all(&q)?;
    if rows.len() > 1 {
        return Err(Error::new(
            ErrorKind::MultipleResultsFound,
            "Multiple rows were found when exactly one was required",
        ));
    }
    Ok(match rows.into_iter().next() {
        None => Value::None,
        Some(v) => match v.downcast::<Row>() {
            Some(r) => r.values.first().cloned().unwrap_or(Value::None),
            None => v,
        },
    })
}

/// `count()`: `SELECT count(*) FROM (<query>)`, after an autoflush.
pub(crate) fn count(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let q = q.query(me)?;
    me.autoflush()?;
    q.compilable()?;
    me.session.scalar_select(&q.count_select())
}

/// `get(ident)`: the object with this primary key, from the identity map
/// when it is there.
pub(crate) fn get(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let q = q.query(me)?;
    let model = q.single_model().cloned().ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidRequestError,
            "get() needs a query of one model",
        )
    })?;
    let Some(key) = me.session.key_from_value(&model, &a.pos[0])? else {
        return Ok(Value::None);
    };
    Ok(me
        .get_by_key(&model, key)?
        .map_or(Value::None, |i| Value::Obj(i)))
}

/// Flask's `abort(404, description=…)`: werkzeug's `NotFound`, whose text
/// is `404 Not Found: ` and the description (`str()` of it), or the
/// standard one when none is given.
pub(crate) fn not_found(me: &mut Interp, description: Option<Value>) -> Error {
    crate::eval::http_exc::error(me, 404, description).unwrap_or_else(|e| e)
}

/// `value`, or 404 Not Found when it is None or when several rows were
/// found (Flask-SQLAlchemy aborts on both).
pub(crate) fn or_404(
    me: &mut Interp,
    found: Result<Value>,
    description: Option<Value>,
) -> Result<Value> {
    match found {
        Err(e) if e.kind == ErrorKind::MultipleResultsFound => Err(not_found(me, description)),
        Ok(Value::None) => Err(not_found(me, description)),
        other => other,
    }
}

/// `get_or_404(ident, description=None)`
pub(crate) fn get_or_404(me: &mut Interp, q: &Q, mut a: Args) -> Result<Value> {
    let description = a.arg(1, "description");
    a.count(1, 2)?;
    a.pos.truncate(1);
    let found = get(me, q, a);
    or_404(me, found, description)
}

/// `first_or_404(description=None)`
pub(crate) fn first_or_404(me: &mut Interp, q: &Q, mut a: Args) -> Result<Value> {
    let description = a.arg(0, "description");
    a.count(0, 1)?;
    a.pos.clear();
    let found = first(me, q, a);
    or_404(me, found, description)
}

/// `one_or_404(description=None)`: 404 on no row and on several.
pub(crate) fn one_or_404(me: &mut Interp, q: &Q, mut a: Args) -> Result<Value> {
    let description = a.arg(0, "description");
    a.count(0, 1)?;
    a.pos.clear();
    let found = one_or_none(me, q, a);
    or_404(me, found, description)
}
