//! Plain SQLAlchemy without Flask, as its own tutorial writes it:
//! `engine = create_engine('sqlite:///x.db')` opens that database (a
//! relative path from the working directory, as SQLite opens it; a note
//! says which file) and gives ormsh's one engine, `db.engine`;
//! `Session(engine)` is ormsh's one session under SQLAlchemy's `Session`
//! class — the same objects, identity map and transaction as
//! `db.session` — and, as SQLAlchemy's `Session`, a context manager whose
//! exit closes it (`with Session(engine) as session:`).
//! `sessionmaker(...)` is refused, saying to write `Session(engine)`.

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::{Namespace, Ns};
use crate::eval::surface::Sig;
use crate::value::Value;

/// `create_engine(url, …)`'s keywords: `echo` is ormsh's `.echo`; the
/// others tune a connection pool or a driver ormsh does not have.
pub const CREATE_ENGINE_SIG: Sig = Sig {
    kw: &["url", "echo"],
    ignored: &[
        ("future", "SQLAlchemy 2.0's engine is the only one"),
        ("echo_pool", "ormsh has one connection, no pool"),
        ("pool_pre_ping", "ormsh has one connection, no pool"),
        ("pool_size", "ormsh has one connection, no pool"),
        ("pool_recycle", "ormsh has one connection, no pool"),
        ("poolclass", "ormsh has one connection, no pool"),
        (
            "connect_args",
            "ormsh opens SQLite itself (its timeout is --busy-timeout)",
        ),
    ],
    any_kw: false,
};

/// `sqlalchemy.create_engine(url, echo=False)`: the database opened, and
/// ormsh's engine (`db.engine`).
pub fn create_engine(me: &mut Interp, mut a: Args) -> Result<Value> {
    let url = a.arg(0, "url");
    let echo = a.take_kw("echo");
    a.count(0, 1)?;
    let url = match &url {
        Some(Value::Str(u)) => u.to_string(),
        Some(other) => {
            return Err(Error::type_(format!(
                "create_engine's url must be a str, not {}",
                other.type_name()
            )));
        }
        None => {
            return Err(Error::type_(
                "create_engine() missing 1 required positional argument: 'url'",
            )
            .with_help("engine = create_engine('sqlite:///app.db')"));
        }
    };
    me.open_engine_database(&url)?;
    if let Some(echo) = echo {
        me.session.engine.set_echo(echo.truthy());
        me.session.engine.set_echo_logging(true);
    }
    Ok(Interp::namespace(Ns::Engine))
}

/// `Session(bind)`'s keywords.
pub const SESSION_SIG: Sig = Sig {
    kw: &["bind"],
    ignored: &[
        (
            "autoflush",
            "set session.autoflush after (as db.session has)",
        ),
        (
            "expire_on_commit",
            "ormsh's session expires on commit, as SQLAlchemy's default",
        ),
        ("future", "SQLAlchemy 2.0's session is the only one"),
    ],
    any_kw: false,
};

/// `sqlalchemy.orm.Session(engine)`: ormsh's one session.
pub fn session(_: &mut Interp, mut a: Args) -> Result<Value> {
    let bind = a.arg(0, "bind");
    a.count(0, 1)?;
    match &bind {
        None | Some(Value::None) => {}
        Some(v) if is_engine(v) => {}
        Some(v) => {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                format!(
                    "Session's bind must be an Engine (create_engine(...) or db.engine), not {}",
                    v.type_name()
                ),
            ));
        }
    }
    Ok(Value::obj(Namespace(Ns::OrmSession)))
}

/// `sessionmaker(...)` takes any keywords: it is refused whatever they are.
pub const SESSIONMAKER_SIG: Sig = Sig {
    kw: &[],
    ignored: &[],
    any_kw: true,
};

/// `sqlalchemy.orm.sessionmaker(...)`: refused, with what to write.
pub fn sessionmaker(_: &mut Interp, _: Args) -> Result<Value> {
    Err(Error::new(
        ErrorKind::NotImplementedError,
        "sqlalchemy.orm.sessionmaker is not supported by ormsh: ormsh has one session",
    )
    .with_help("write Session(engine) where the factory would be called (with Session(engine) as session: …), or use db.session"))
}

/// Is `v` `db.engine`?
pub fn is_engine(v: &Value) -> bool {
    v.downcast::<Namespace>().is_some_and(|n| n.0 == Ns::Engine)
}

/// Is `v` a `Session(engine)`?
pub fn is_orm_session(v: &Value) -> bool {
    v.downcast::<Namespace>()
        .is_some_and(|n| n.0 == Ns::OrmSession)
}

/// `Session.close()`, run when `with Session(engine) as session:` ends:
/// the transaction rolled back, every object let go.
pub fn close(me: &mut Interp) -> Result<()> {
    me.session.rollback()?;
    me.session.expunge_all();
    Ok(())
}
