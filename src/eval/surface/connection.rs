//! `db.session.connection()`: SQLAlchemy's `Session.connection()`, the
//! `Connection` the session's transaction runs on (inside
//! `begin_nested()` too, where it is the same connection, in the
//! savepoint). What a user does with it: `execute(text(...), params)`,
//! `execute(select|insert|update|delete, params)` — run as Core statements, the
//! session's objects untouched — and `exec_driver_sql(sql, params)`, all
//! in the session's transaction and, as a `Connection` is not the
//! session, with no autoflush. It is also what a mapper event listener
//! gets during a flush (`eval::mapper_events`), as SQLAlchemy passes the
//! flush's connection.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::{Namespace, ResultSet, TextClause};
use crate::eval::surface::{Class, Member, Sig};
use crate::eval::text_exec::TextSpans;
use crate::orm::query::Query;
use crate::value::Object;
use crate::value::Value;

/// The session's connection (SQLAlchemy's `engine.base.Connection`).
pub struct SessionConnection;

impl Object for SessionConnection {
    fn type_name(&self) -> &str {
        "Connection"
    }
}

type C = Rc<SessionConnection>;

/// `db.session.connection()`: the session's transaction begins (as
/// SQLAlchemy's `_connection_for_bind` begins it), and its connection.
pub(crate) fn connection(me: &mut Interp, _: &Rc<Namespace>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    me.session.autobegin();
    Ok(Value::obj(SessionConnection))
}

/// `Connection.execute(text(...), params)`: the SQL with its `:name`
/// parameters, as `db.session.execute` runs it, but no autoflush; a
/// `select(...)` as a Core statement (a model selected is its columns),
/// no autoflush, its `CursorResult` read as the session's results are; an
/// `insert`/`update`/`delete` as a Core statement (a `Connection` keeps
/// no objects in step), no autoflush either.
fn execute(me: &mut Interp, _: &C, a: Args) -> Result<Value> {
    a.count(1, 2)?;
    let at = TextSpans {
        sql: a.span_of(0),
        params: a.pos_spans.get(1).copied().unwrap_or(a.span),
    };
    if let Some(d) = a.pos[0].downcast::<crate::orm::dml::Dml>() {
        let mut core = (*d).clone();
        core.core = true;
        let was = std::mem::replace(&mut me.session.autoflush, Value::Bool(false));
        let r = me.execute_dml(
            &core,
            a.pos.get(1).cloned(),
            Some(crate::orm::bulk::SyncSession::Off),
        );
        me.session.autoflush = was;
        let mut rs = r.map_err(|e| e.at(a.span_of(0)))?;
        let many = crate::eval::cursor_attrs::executemany(a.pos.get(1));
        crate::eval::cursor_attrs::note(me, &mut rs, &a.pos[0], many);
        return Ok(Value::obj(rs));
    }
    if let Some(q) = a.pos[0].downcast::<Query>() {
        crate::eval::session_args::not_legacy(&q).map_err(|e| e.at(a.span_of(0)))?;
        let core = crate::eval::surface::connection_select::core_select(&q);
        let was = std::mem::replace(&mut me.session.autoflush, Value::Bool(false));
        let r = me.execute(&Value::obj(core), a.pos.get(1).cloned(), &at);
        me.session.autoflush = was;
        let mut rs = r?;
        rs.orm = false;
        return Ok(Value::obj(rs));
    }
    let Some(t) = a.pos[0].downcast::<TextClause>() else {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            format!(
                "Connection.execute() of {} is not supported by ormsh: its connection runs select(), text(), insert(), update(), delete() and exec_driver_sql()",
                a.pos[0].type_name()
            ),
        )
        .with_help("run the statement with db.session.execute(...), or write its SQL in text(...)")
        .at(a.span_of(0)));
    };
    let params = crate::eval::text_clause::execute_params(&t, a.pos.get(1).cloned());
    Ok(Value::obj(me.execute_text(&t.0, params, &at)?))
}

/// `Connection.exec_driver_sql(sql, params)`: the SQL as the driver takes
/// it (`?` placeholders and a tuple, or `:name` ones and a dict), no
/// autoflush.
fn exec_driver_sql(me: &mut Interp, _: &C, a: Args) -> Result<Value> {
    a.count(1, 2)?;
    let Value::Str(sql) = &a.pos[0] else {
        return Err(Error::type_(format!(
            "exec_driver_sql() takes the SQL as a string, not {}",
            a.pos[0].type_name()
        ))
        .at(a.span_of(0)));
    };
    let rs: ResultSet = me
        .exec_driver_sql(sql.as_ref(), a.pos.get(1))
        .map_err(|e| e.at(a.span))?;
    Ok(Value::obj(rs))
}

/// SQLAlchemy's `Connection`, as `db.session.connection()` gives it.
pub static CONNECTION: Class<C> = Class::new(
    "Connection",
    &[
        Member::method(
            "execute",
            execute,
            Sig::NONE,
            "run text(...) SQL or a select/insert/update/delete with its parameters in the session's transaction (no autoflush; the session's objects are not kept in step)",
        ),
        Member::method(
            "exec_driver_sql",
            exec_driver_sql,
            Sig::NONE,
            "run SQL as the driver takes it, with a tuple for ? or a dict for :name (no autoflush)",
        ),
    ],
);
