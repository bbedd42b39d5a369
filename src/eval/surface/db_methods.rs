//! Flask-SQLAlchemy's own methods of `db` (`SQLAlchemy`): `create_all`,
//! `drop_all` and `reflect` with their `bind_key`, the `*_or_404` helpers
//! and `paginate`. The `db` table (`surface/db.rs`) lists them.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::Namespace;
use crate::eval::session_args::{entity_arg, query_arg};
use crate::eval::surface::query::Q;
use crate::eval::surface::query_page::paginate_select;
use crate::eval::surface::query_rows::{self, or_404};
use crate::value::Value;

type R = Rc<Namespace>;

/// The reason `bind_key` is accepted and dropped.
/// Flask-SQLAlchemy's `bind_key` of `create_all`, `drop_all` and
/// `reflect`: `None` (the default database, the one ormsh has), `'__all__'`
/// (every database, so this one) or a list of keys; any other key is
/// Flask-SQLAlchemy's `UnboundExecutionError`, as ormsh configures no
/// `SQLALCHEMY_BINDS`.
fn check_bind_key(me: &mut Interp, a: &mut Args) -> Result<()> {
    let Some((_, v, span)) =
        a.kw.iter()
            .position(|(k, _, _)| &**k == "bind_key")
            .map(|i| a.kw.remove(i))
    else {
        return Ok(());
    };
    let keys = match &v {
        Value::None => return Ok(()),
        Value::Str(s) if s.as_ref() == "__all__" => return Ok(()),
        Value::Str(_) => vec![v.clone()],
        other => me.to_vec(other).map_err(|e| e.at(span))?,
    };
    for key in keys {
        if !matches!(key, Value::None) {
            let key = me.str_of_value(&key)?;
            return Err(Error::new(
                ErrorKind::UnboundExecutionError,
                format!("Bind key '{key}' is not in 'SQLALCHEMY_BINDS' config."),
            )
            .at(span)
            .with_help(
                "ormsh has one database, the default bind: give bind_key=None or '__all__'",
            ));
        }
    }
    Ok(())
}

/// `create_all(bind_key='__all__')`
pub(super) fn create_all(me: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    check_bind_key(me, &mut a)?;
    a.count(0, 0)?;
    me.create_all()?;
    Ok(Value::None)
}

/// `drop_all(bind_key='__all__')`, after asking (in the shell).
pub(super) fn drop_all(me: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    check_bind_key(me, &mut a)?;
    a.count(0, 0)?;
    if me.ask_drop_all()? {
        me.drop_all()?;
    }
    Ok(Value::None)
}

/// `reflect(bind_key='__all__')`
pub(super) fn reflect(me: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    check_bind_key(me, &mut a)?;
    a.count(0, 0)?;
    me.reflect_tables()?;
    Ok(Value::None)
}

/// `get_or_404(entity, ident, *, description=None)`: the description is
/// the 404's text.
pub(super) fn get_or_404(me: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    let description = a.take_kw("description");
    a.count(2, 2)?;
    let model = entity_arg(&a, 0)?;
    let found = match me.session.key_from_value(&model, &a.pos[1])? {
        Some(key) => me
            .get_by_key(&model, key)?
            .map_or(Value::None, |i| Value::Obj(i)),
        None => Value::None,
    };
    or_404(me, Ok(found), description)
}

/// `first_or_404(statement, *, description=None)`
pub(super) fn first_or_404(me: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    let description = a.take_kw("description");
    a.count(1, 1)?;
    let q = Q::Query(query_arg(&a, 0)?);
    let found = query_rows::first(me, &q, Args::new("first_or_404", vec![]));
    or_404(me, found, description)
}

/// `one_or_404(statement, *, description=None)`
pub(super) fn one_or_404(me: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    let description = a.take_kw("description");
    a.count(1, 1)?;
    let q = Q::Query(query_arg(&a, 0)?);
    let found = query_rows::one_or_none(me, &q, Args::new("one_or_404", vec![]));
    or_404(me, found, description)
}

/// `paginate(select, *, page, per_page, max_per_page, error_out, count)`
pub(super) fn paginate(me: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    let q = query_arg(&a, 0)?;
    a.pos.remove(0);
    a.pos_spans.remove(0);
    paginate_select(me, &q, a)
}
