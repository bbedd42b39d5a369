//! What `db` holds besides its own members: `db.metadata` (SQLAlchemy's
//! `MetaData`: the tables, and `create_all`/`drop_all` over them),
//! `db.engine` (the `Engine`: its URL) and `func` / `db.func` (SQL
//! functions by any name: `func.count`, `func.lower`, …).

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::{FuncName, Namespace, Ns};
use crate::eval::surface::{Class, DICT, Member, Returns, Sig};
use crate::schema::table::Table;
use crate::value::{Dict, PyStr, Value};

type R = Rc<Namespace>;

/// `metadata.tables`: each table's name to its `Table`: a `db.Table`, or
/// a model's table, whose `.c` has its columns by key (`key=`, else the
/// column's name, not the model's attribute), as SQLAlchemy's
/// `MetaData.tables`.
fn tables(me: &mut Interp, _: &R) -> Result<Value> {
    let mut d = Dict::default();
    // Not a table `metadata.remove()` took out.
    for m in (me.registry.models().iter()).filter(|m| !me.metadata_ddl.is_removed(&m.table)) {
        let table = Table::of_model(m);
        d.insert(Value::Str(PyStr::from(&m.table)), Value::obj(table))?;
    }
    for t in me.registry.tables() {
        d.insert(Value::Str(PyStr::from(&t.name)), Value::Obj(t.clone()))?;
    }
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

/// `bind`, positional or keyword: SQLAlchemy's `MetaData` methods take
/// the engine to run on, which in ormsh can only be `db.engine`.
fn bind(a: &mut Args) -> Result<()> {
    let given = a.arg(0, "bind");
    a.count(0, 1)?;
    match given {
        None => Ok(()),
        Some(v) if v.downcast::<Namespace>().is_some_and(|n| n.0 == Ns::Engine) => Ok(()),
        Some(v) => Err(Error::type_(format!(
            "{}() bind must be an Engine, not {}",
            a.name,
            v.type_name()
        ))
        .at(a.span_of(0))
        .with_help("ormsh has one engine: db.metadata.create_all(db.engine)")),
    }
}

/// `create_all(bind)`
fn create_all(me: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    bind(&mut a)?;
    me.create_all()?;
    Ok(Value::None)
}

/// `drop_all(bind)`, after asking (in the shell).
fn drop_all(me: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    bind(&mut a)?;
    if me.ask_drop_all()? {
        me.drop_all()?;
    }
    Ok(Value::None)
}

/// The keyword of `create_all`/`drop_all` ormsh reads.
const BIND: Sig = Sig::kw(&["bind"]);

/// `db.metadata`'s members.
pub static METADATA: Class<R> = Class::new(
    "MetaData",
    &[
        Member::attr(
            "tables",
            tables,
            "the tables of the models and db.Table, by name",
        ),
        Member::attr(
            "naming_convention",
            |me, _| crate::eval::metadata_naming::get(me),
            "the names of the tables' unnamed constraints and indexes: a dict of 'pk', 'uq', 'ck', 'fk', 'ix' templates (settable before the models are defined)",
        ),
        Member::method(
            "create_all",
            create_all,
            BIND,
            "create the tables that do not exist: db.metadata.create_all(db.engine)",
        ),
        Member::method(
            "drop_all",
            drop_all,
            BIND,
            "drop the tables, with their data: db.metadata.drop_all(db.engine)",
        ),
        Member::method(
            "remove",
            |me, _, a| crate::eval::metadata_ddl::remove(me, a),
            Sig::NONE,
            "leave a table out of create_all and drop_all (a model mapped over a view): db.metadata.remove(View.__table__)",
        ),
    ],
)
// What the members whose result has a fixed class give (read by Tab
// completion).
.with_results(&[("tables", Returns::Class(&DICT))])
.with_setters(&[("naming_convention", |me, _, v| {
    crate::eval::metadata_naming::set(me, v)
})]);

/// SQLAlchemy's `URL` object (`eval::surface::engine_url`).
fn url(me: &mut Interp, _: &R) -> Result<Value> {
    Ok(Value::obj(super::engine_url::EngineUrl(
        me.session.engine.url.clone(),
    )))
}

/// The engine's dialect: its `name` and `driver`.
fn dialect(me: &mut Interp, _: &R) -> Result<Value> {
    Ok(Value::obj(super::engine_url::EngineDialect(
        me.session.engine.dialect_name(),
    )))
}

/// `db.engine`'s members.
pub static ENGINE: Class<R> = Class::new(
    "Engine",
    &[
        Member::attr(
            "url",
            url,
            "the database's URL (sqlite:///FILE, or sqlite:// in memory): .drivername, .database, .host",
        ),
        Member::attr(
            "dialect",
            dialect,
            "the database's dialect: .name (sqlite, postgresql), .driver",
        ),
        Member::attr(
            "echo",
            echo,
            "whether statements are logged (SQLALCHEMY_ECHO, --echo, .echo on)",
        ),
    ],
)
.with_missing(engine_missing)
.with_setters(&[("echo", set_echo)]);

fn echo(me: &mut Interp, _: &R) -> Result<Value> {
    Ok(crate::eval::engine_echo::flag_value(
        me.session.engine.echo_flag(),
    ))
}

/// `db.engine.echo = True`: SQLAlchemy's `echo_property`, the engine's
/// statements logged as Python's logging writes them (`engine::echo_log`).
fn set_echo(me: &mut Interp, _: &R, v: Value) -> Result<()> {
    crate::eval::engine_echo::set_echo(me, v)
}

/// `engine.connect()` and the like are refused, saying what to write.
fn engine_missing(_: &mut Interp, _: &R, name: &str, hint: &str) -> Error {
    super::refused::engine(name)
        .unwrap_or_else(|| Error::attr(format!("'Engine' object has no attribute '{name}'{hint}")))
}

/// `func.NAME`: the SQL function NAME, made when called.
fn function(_: &mut Interp, _: &R, name: &str) -> Option<Result<Value>> {
    Some(Ok(Value::obj(FuncName(Rc::from(name)))))
}

/// Any name is a function; none is listed.
fn no_names(_: &mut Interp, _: &R) -> Vec<Rc<str>> {
    Vec::new()
}

/// `func` / `db.func`: every attribute is a SQL function.
pub static FUNC: Class<R> = Class::new("_FunctionGenerator", &[])
    .with_dynamic(function, no_names)
    .with_about(
        "func.NAME(…) is the SQL function NAME over its arguments: \
         func.count(User.id), func.lower(User.name), func.max(Post.id)",
    );

/// `{None: value}`: Flask-SQLAlchemy's dicts by bind key, where ormsh has
/// only the default bind.
fn by_bind_key(v: Value) -> Result<Value> {
    let mut d = Dict::default();
    d.insert(Value::None, v)?;
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

/// `db.engines`: the engines by bind key (Flask-SQLAlchemy's
/// `SQLAlchemy.engines`): ormsh's one, under `None`.
pub(super) fn engines(_: &mut Interp, _: &R) -> Result<Value> {
    by_bind_key(Interp::namespace(Ns::Engine))
}

/// `db.metadatas`: the metadata by bind key (Flask-SQLAlchemy's
/// `SQLAlchemy.metadatas`): ormsh's one, under `None`.
pub(super) fn metadatas(_: &mut Interp, _: &R) -> Result<Value> {
    by_bind_key(Interp::namespace(Ns::Metadata))
}

/// `db.get_engine(bind_key=None)` (Flask-SQLAlchemy's deprecated
/// `SQLAlchemy.get_engine`: `db.engines[bind_key]`): the engine; another
/// bind key is the `KeyError` of that dict, as ormsh has one database.
pub(super) fn get_engine(me: &mut Interp, _: &R, mut a: Args) -> Result<Value> {
    let key = a.arg(0, "bind_key");
    a.count(0, 1)?;
    match key {
        None | Some(Value::None) => Ok(Interp::namespace(Ns::Engine)),
        Some(k) => Err(
            crate::value::exc_args::key_error(k.clone(), me.repr_value(&k)?)
                .with_help("ormsh has one database, the default bind (None)"),
        ),
    }
}
