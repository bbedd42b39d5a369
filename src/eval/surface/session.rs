//! `db.session`, Flask-SQLAlchemy's `scoped_session` of SQLAlchemy's
//! `Session`: the unit of work (`add`, `delete`, `flush`, `commit`,
//! `rollback`, …), the identity map (`get`, `merge`, `expunge`,
//! `expire`, `refresh`, the `new`/`dirty`/`deleted` sets) and statements
//! (`execute`, `scalars`, `scalar`, the legacy `query`).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::{IdentitySet, Namespace, Ns};
use crate::eval::session_args::{entities, instance_arg, unmapped};
use crate::eval::surface::session_get::{get, get_one};
use crate::eval::surface::{Class, Member, QUERY, RESULT, Returns, Sig};
use crate::eval::text_exec::TextSpans;
use crate::orm::instance::Instance;
use crate::orm::query::Query;
use crate::value::Value;

type R = Rc<Namespace>;

/// Why loader options given to `get`/`merge` are dropped.
const OPTIONS_IGNORED: &str = "loader options change how relationships load (the SQL echoed), not the object returned; ormsh loads them when read";

fn set_of(objs: Vec<Rc<Instance>>) -> Value {
    Value::obj(IdentitySet(
        objs.into_iter().map(|i| Value::Obj(i)).collect(),
    ))
}

fn new(me: &mut Interp, _: &R) -> Result<Value> {
    Ok(set_of(me.session.new_set()))
}

/// `Session.is_active`: False only while a failed flush waits for
/// `rollback()` (`orm::pending_rollback`).
fn is_active(me: &mut Interp, _: &R) -> Result<Value> {
    Ok(Value::Bool(!me.session.engine.pending_rollback()))
}

fn dirty(me: &mut Interp, _: &R) -> Result<Value> {
    Ok(set_of(me.session.dirty_set()))
}

/// `autoflush`: as last set (True at first).
fn autoflush(me: &mut Interp, _: &R) -> Result<Value> {
    Ok(me.session.autoflush.clone())
}

/// What `db.session.expire_on_commit = v` left on the proxy; before that
/// the `scoped_session` has no such attribute.
fn expire_on_commit(me: &mut Interp, _: &R) -> Result<Value> {
    me.session.proxy_expire_on_commit.clone().ok_or_else(|| {
        Error::attr("'scoped_session' object has no attribute 'expire_on_commit'").with_help(
            "the session's setting is given when db is made: SQLAlchemy(app, session_options={'expire_on_commit': False})",
        )
    })
}

/// `no_autoflush`: a context that turns autoflush off inside its block.
fn no_autoflush(_: &mut Interp, _: &R) -> Result<Value> {
    Ok(Value::obj(
        crate::eval::session_begin::NoAutoflush::default(),
    ))
}

fn deleted(me: &mut Interp, _: &R) -> Result<Value> {
    Ok(set_of(me.session.deleted_set()))
}

fn add(me: &mut Interp, _: &R, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let inst = instance_arg(&a, 0)?;
    me.session.add(&inst)?;
    Ok(Value::None)
}

fn add_all(me: &mut Interp, _: &R, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    for v in me.to_vec(&a.pos[0])? {
        let inst = v
            .downcast::<Instance>()
            .ok_or_else(|| unmapped("add_all()", Some(&v)).at(a.span_of(0)))?;
        me.session.add(&inst)?;
    }
    Ok(Value::None)
}

fn delete(me: &mut Interp, _: &R, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let inst = instance_arg(&a, 0)?;
    // The delete cascade loads what it follows, and each load autoflushes
    // first (SQLAlchemy's cascade_iterator).
    let (loads, late) = me.session.delete_cascade_loads(&inst);
    for i in 0..loads {
        let flushed = me.autoflush();
        if late && i + 1 == loads {
            flushed.map_err(crate::eval::statement_error::in_statement)?;
        } else {
            flushed?;
        }
    }
    me.session.delete(&inst)?;
    Ok(Value::None)
}

fn commit(me: &mut Interp, _: &R, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    me.flush_until_clean()?;
    me.session.commit()?;
    // Ctrl-C during the COMMIT came too late to stop it: say it finished
    // (the statement stops here).
    crate::interrupt::check()?;
    Ok(Value::None)
}

/// `Session.flush(objects=None)` (`Interp::flush_method`).
fn flush(me: &mut Interp, _: &R, a: Args) -> Result<Value> {
    me.flush_method(a)
}

fn rollback(me: &mut Interp, _: &R, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    me.session.rollback()?;
    Ok(Value::None)
}

/// `close()` / `remove()`: every object let go as it stands, then the
/// transaction rolled back (`Session::close`).
fn close(me: &mut Interp, _: &R, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    me.session.close()?;
    Ok(Value::None)
}

fn expunge(me: &mut Interp, _: &R, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let inst = instance_arg(&a, 0)?;
    me.session.expunge_object(&inst)?;
    Ok(Value::None)
}

fn expunge_all(me: &mut Interp, _: &R, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    me.session.expunge_all();
    Ok(Value::None)
}

/// `expire(instance, attribute_names=None)`
fn expire(me: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    let names = a.arg(1, "attribute_names");
    a.count(1, 2)?;
    let inst = instance_arg(&a, 0)?;
    me.expire_object(&inst, names)?;
    Ok(Value::None)
}

fn expire_all(me: &mut Interp, _: &R, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    me.session.expire_all();
    Ok(Value::None)
}

/// `refresh(instance, attribute_names=None)`
fn refresh(me: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    let names = a.arg(1, "attribute_names");
    a.count(1, 2)?;
    let inst = instance_arg(&a, 0)?;
    me.refresh_object(&inst, names)?;
    Ok(Value::None)
}

/// `is_modified(instance, include_collections=True)`
fn is_modified(me: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    let collections = a.arg(1, "include_collections");
    a.count(1, 2)?;
    let inst = instance_arg(&a, 0)?;
    let collections = collections.is_none_or(|v| v.truthy());
    Ok(Value::Bool(me.session.is_modified(&inst, collections)))
}

/// `merge(instance, *, load=True, options=None)`
fn merge(me: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    let load = a.take_kw("load").is_none_or(|v| v.truthy());
    a.count(1, 1)?;
    let inst = instance_arg(&a, 0)?;
    me.merge(&inst, load)
}

/// `query(*entities)`: a legacy `Query`.
fn query(_: &mut Interp, _: &R, a: Args) -> Result<Value> {
    Ok(Value::obj(Query::new(entities(&a)?, true)))
}

/// `execute(statement, params=None)` and its `scalars`/`scalar` forms:
/// the statement's result, each row's first value, or the first row's.
fn run(me: &mut Interp, mut a: Args, what: &str) -> Result<crate::eval::objects::ResultSet> {
    let at = TextSpans {
        sql: a.span_of(0),
        params: a
            .kw
            .iter()
            .find(|(k, _, _)| &**k == "params")
            .map_or_else(|| a.span_of(1), |(_, _, s)| *s),
    };
    let params = a.take_kw("params").or_else(|| a.pos.get(1).cloned());
    let options = a.take_kw("execution_options");
    let target = a
        .pos
        .first()
        .cloned()
        .ok_or_else(|| Error::type_(format!("{what}() needs a statement")))?;
    let sync = crate::eval::surface::dml::sync_option(options.as_ref())?;
    if let Some(q) = target.downcast::<crate::orm::query::Query>() {
        crate::eval::session_args::not_legacy(&q).map_err(|e| e.at(a.span_of(0)))?;
    }
    let target = match target.downcast::<crate::orm::query::Query>() {
        Some(q) if crate::eval::surface::query_populate::populate_option(options.as_ref())? => {
            let mut nq = (*q).clone();
            nq.populate_existing = true;
            Value::obj(nq)
        }
        _ => target,
    };
    let many = crate::eval::cursor_attrs::executemany(params.as_ref());
    let mut rs = match target.downcast::<crate::orm::dml::Dml>() {
        Some(d) => me.execute_dml(&d, params, sync)?,
        None => me.execute(&target, params, &at)?,
    };
    crate::eval::cursor_attrs::note(me, &mut rs, &target, many);
    Ok(rs)
}

fn execute(me: &mut Interp, _: &R, a: Args) -> Result<Value> {
    Ok(Value::obj(run(me, a, "execute")?))
}

fn scalars(me: &mut Interp, _: &R, a: Args) -> Result<Value> {
    Ok(Value::obj(run(me, a, "scalars")?.scalars()))
}

fn scalar(me: &mut Interp, _: &R, a: Args) -> Result<Value> {
    let rs = run(me, a, "scalar")?;
    Ok(crate::eval::results::first_scalar(&rs.rows))
}

/// A missing attribute names SQLAlchemy's `Session`, whose attributes the
/// `scoped_session` proxies.
pub(super) fn missing(_: &mut Interp, ns: &R, name: &str, hint: &str) -> Error {
    if let Some(e) = super::refused::session(name) {
        return e;
    }
    if ns.0 == Ns::Session {
        let e = Error::attr(format!(
            "'scoped_session' object has no attribute '{name}'{hint}"
        ));
        // The Session's own methods the scoped_session does not pass on.
        if super::session_own::ORM_SESSION
            .members
            .iter()
            .any(|m| m.name == name)
        {
            return e.with_help(format!(
                "Flask-SQLAlchemy's db.session does not pass it on: call it on the Session, db.session().{name}()"
            ));
        }
        return e;
    }
    Error::attr(format!("'Session' object has no attribute '{name}'{hint}"))
}

/// The keywords of `execute`, `scalars` and `scalar`.
const EXECUTE: Sig = Sig::kw(&["params", "execution_options"]);

/// `db.session`'s members, in the order `help(db.session)` lists them.
pub static SESSION: Class<R> = Class::new(
    "scoped_session",
    &[
        Member::method(
            "add",
            add,
            Sig {
                kw: &[],
                ignored: &[(
                    "_warn",
                    "SQLAlchemy's internal switch for a warning ormsh does not give",
                )],
                any_kw: false,
            },
            "put an object in the session, to be INSERTed at the next flush",
        ),
        Member::method("add_all", add_all, Sig::NONE, "add each object of a list"),
        Member::method(
            "delete",
            delete,
            Sig::NONE,
            "mark an object to be DELETEd at the next flush",
        ),
        Member::method(
            "begin",
            |me, _, a| me.session_begin(a),
            Sig::kw(&["nested"]),
            "begin the transaction: with db.session.begin(): … commits, or rolls back on error",
        ),
        Member::method(
            "begin_nested",
            |me, _, a| {
                a.count(0, 0)?;
                me.session_begin_nested()
            },
            Sig::NONE,
            "flush, then begin a nested transaction (SAVEPOINT): with db.session.begin_nested(): …",
        ),
        Member::method(
            "connection",
            super::connection::connection,
            Sig::NONE,
            "the Connection of the session's transaction: .execute(text(...)), .exec_driver_sql(sql)",
        ),

        Member::method(
            "commit",
            commit,
            Sig::NONE,
            "flush, then COMMIT the transaction",
        ),
        Member::method(
            "rollback",
            rollback,
            Sig::NONE,
            "ROLLBACK the transaction and forget what it changed",
        ),
        Member::method(
            "flush",
            flush,
            Sig::kw(&["objects"]),
            "write the pending changes to the database, inside the transaction",
        ),
        Member::method(
            "expunge",
            expunge,
            Sig::NONE,
            "take an object out of the session",
        ),
        Member::method(
            "expunge_all",
            expunge_all,
            Sig::NONE,
            "take every object out of the session",
        ),
        Member::method(
            "refresh",
            refresh,
            Sig::kw(&["attribute_names"]),
            "reload an object's attributes from the database now",
        ),
        Member::method(
            "merge",
            merge,
            Sig {
                kw: &["load"],
                ignored: &[("options", OPTIONS_IGNORED)],
                any_kw: false,
            },
            "the session's copy of an object, with the object's state copied onto it",
        ),
        Member::method(
            "get",
            get,
            Sig {
                kw: &["populate_existing", "with_for_update", "execution_options"],
                ignored: &[("options", OPTIONS_IGNORED)],
                any_kw: false,
            },
            "the object with this primary key, or None: db.session.get(User, 1)",
        ),
        Member::method(
            "get_one",
            get_one,
            Sig {
                kw: &[],
                ignored: &[("options", OPTIONS_IGNORED)],
                any_kw: false,
            },
            "the object with this primary key, or NoResultFound",
        ),
        Member::method(
            "execute",
            execute,
            EXECUTE,
            "run a statement (db.select(...), text(...), an UPDATE ...); its Result",
        ),
        Member::method(
            "scalars",
            scalars,
            EXECUTE,
            "run a statement; each row's first value",
        ),
        Member::method(
            "scalar",
            scalar,
            EXECUTE,
            "run a statement; the first row's first value, or None",
        ),
        Member::method(
            "query",
            query,
            Sig::NONE,
            "a legacy Query of models or columns",
        ),
        Member::attr("new", new, "the objects added and not yet flushed"),
        Member::attr(
            "autoflush",
            autoflush,
            "whether queries flush first (settable: db.session.autoflush = False)",
        ),
        Member::attr(
            "expire_on_commit",
            expire_on_commit,
            "set on the scoped_session proxy only (no effect, as in Flask-SQLAlchemy); see SQLAlchemy(session_options=…)",
        ),
        Member::attr(
            "no_autoflush",
            no_autoflush,
            "with db.session.no_autoflush: … queries inside do not flush first",
        ),
        Member::attr(
            "is_active",
            is_active,
            "whether the session can be used (always: a failed flush is rolled back at once)",
        ),
        Member::attr(
            "dirty",
            dirty,
            "the objects in the session with changed attributes",
        ),
        Member::attr(
            "deleted",
            deleted,
            "the objects marked deleted and not yet flushed",
        ),
        Member::method(
            "close",
            close,
            Sig::NONE,
            "roll back and take every object out of the session",
        ),
        Member::method(
            "expire",
            expire,
            Sig::kw(&["attribute_names"]),
            "forget an object's attributes, to reload them when next read",
        ),
        Member::method(
            "expire_all",
            expire_all,
            Sig::NONE,
            "expire every object in the session",
        ),
        Member::method(
            "is_modified",
            is_modified,
            Sig::kw(&["include_collections"]),
            "whether an object has changes to flush",
        ),
        Member::method(
            "remove",
            close,
            Sig::NONE,
            "close the session (Flask-SQLAlchemy does at the end of a request)",
        ),
    ],
)
// What the members whose result has a fixed class give (read by Tab
// completion).
.with_results(&[
    ("execute", Returns::Class(&RESULT)),
    ("scalars", Returns::Class(&RESULT)),
    ("query", Returns::Class(&QUERY)),
    ("get", Returns::Object),
    ("get_one", Returns::Object),
])
.with_missing(missing);
