//! A `lazy='dynamic'` relationship read from an object: SQLAlchemy's
//! `AppenderQuery`, a `Query` of the related objects (every `QUERY` member,
//! run on the relationship's query) that also takes `append`, `remove` and
//! `extend`. For an object outside the session (new or detached) `all()`
//! and `count()` see what was appended so far, and building a query is
//! refused
//! (`Q::query`).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::rel_ops::{DynamicRel, as_member, outside_session};
use crate::eval::surface::collection;
use crate::eval::surface::query::{Q, QUERY};
use crate::eval::surface::query_rows;
use crate::eval::surface::{Class, Member, Sig};
use crate::value::{Object, Value};

/// The receiver's dynamic relationship (`class_of` gives this table only
/// to one).
pub(super) fn dynamic(q: &Q) -> Result<&Rc<DynamicRel>> {
    match q {
        Q::Dynamic(d) => Ok(d),
        Q::Query(q) => Err(Error::type_(format!(
            "a dynamic relationship was expected, not a {}",
            q.type_name()
        ))),
    }
}

/// `append(obj)` / `extend(objs)`: as a collection's, through the
/// relationship's pending collection.
pub(super) fn append(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    let d = dynamic(q)?;
    let coll = me.session.dynamic_collection(&d.owner, &d.rel);
    collection::append(me, &coll, a)
}

pub(super) fn extend(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    let d = dynamic(q)?;
    let coll = me.session.dynamic_collection(&d.owner, &d.rel);
    collection::extend(me, &coll, a)
}

/// `remove(obj)`; `remove(None)` cancels an appended None or is recorded
/// as a removal, which the flush refuses (`Session::dynamic_remove_none`).
pub(super) fn remove(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let d = dynamic(q)?;
    let x = as_member(&d.rel, &a.pos[0])?;
    me.session.ensure_loaded(&d.owner)?;
    match x {
        Some(x) => me.session.dynamic_remove(&d.owner, &d.rel, &x)?,
        None => me.session.dynamic_remove_none(&d.owner, &d.rel),
    }
    Ok(Value::None)
}

/// The objects (and `None`s) appended to an object outside the session
/// (new or detached), if it is.
fn appended(me: &mut Interp, q: &Q) -> Result<Option<Vec<Value>>> {
    let d = dynamic(q)?.clone();
    if !outside_session(&d.owner) {
        return Ok(None);
    }
    Ok(Some(me.appended_only(&d)))
}

fn all(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    match appended(me, q)? {
        Some(items) => Ok(Value::list(items)),
        None => query_rows::all(me, q, a),
    }
}

fn count(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    match appended(me, q)? {
        Some(items) => Ok(Value::Int(items.len() as i64)),
        None => query_rows::count(me, q, a),
    }
}

/// `AppenderQuery`'s own members; the rest are `Query`'s.
pub static APPENDER: Class<Q> = Class::new(
    "AppenderQuery",
    &[
        Member::method(
            "append",
            append,
            Sig::NONE,
            "add an object to the relationship",
        ),
        Member::method(
            "extend",
            extend,
            Sig::NONE,
            "add each object of a list to the relationship",
        ),
        Member::method(
            "remove",
            remove,
            Sig::NONE,
            "take an object out of the relationship",
        ),
        Member::method("all", all, Sig::NONE, "every related object, as a list"),
        Member::method("count", count, Sig::NONE, "the number of related objects"),
    ],
)
.with_base(&QUERY);
