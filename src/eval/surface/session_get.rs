//! `db.session.get(Model, key)` and `get_one`: the identity map first,
//! then a SELECT by primary key; with `populate_existing=` or
//! `with_for_update=` (or the execution option) always the SELECT
//! (SQLAlchemy's `Session._get_impl`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::Namespace;
use crate::eval::session_args::entity_arg;
use crate::orm::query::Query;
use crate::value::Value;

type R = Rc<Namespace>;

/// `get(entity, ident, *, options=None, populate_existing=None,
/// with_for_update=None, execution_options=None)`: with either keyword, a SELECT runs even for an
/// object the session holds, and `populate_existing` overwrites its
/// attributes with the row (SQLAlchemy's `Session._get_impl`; SQLite
/// writes no FOR UPDATE).
pub(crate) fn get(me: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    // `populate_existing=` given wins over the execution option of that
    // name (`Session._get_impl`); other execution options change nothing
    // SQLite does.
    let options = a.take_kw("execution_options");
    if let Some(o) = &options
        && !matches!(o, Value::Dict(_))
    {
        return Err(Error::type_(format!(
            "execution_options must be a dict, not {}",
            o.type_name()
        )));
    }
    let populate = match a.take_kw("populate_existing") {
        Some(v) if !matches!(v, Value::None) => v.truthy(),
        _ => crate::eval::surface::query_populate::populate_option(options.as_ref())?,
    };
    let locking = a
        .take_kw("with_for_update")
        .is_some_and(|v| !matches!(v, Value::None));
    a.count(2, 2)?;
    let model = entity_arg(&a, 0)?;
    let Some(key) = me.session.key_from_value(&model, &a.pos[1])? else {
        return Ok(Value::None);
    };
    if populate || locking {
        let mut q = Query::new(vec![crate::orm::query::Entity::Model(model.clone())], false);
        q.where_ = crate::orm::identity_key::pk_criteria(&model, &key);
        q.populate_existing = populate;
        return Ok(me.query_all(&q)?.into_iter().next().unwrap_or(Value::None));
    }
    Ok(me
        .get_by_key(&model, key)?
        .map_or(Value::None, |i| Value::Obj(i)))
}

/// `get_one(Model, key)`: `get`, or `NoResultFound` when there is no
/// such row (SQLAlchemy's `Session.get_one`).
pub(crate) fn get_one(me: &mut Interp, r: &R, a: Args) -> Result<Value> {
    match get(me, r, a)? {
        Value::None => Err(Error::new(
            ErrorKind::NoResultFound,
            "No row was found when one was required",
        )),
        v => Ok(v),
    }
}
