//! `db.engine.url` and `db.engine.dialect`: SQLAlchemy's `URL` — its
//! parts (`drivername`, `username`, `host`, `port`, `database`, `query`),
//! `render_as_string(hide_password=True)` and the backend and driver
//! names — and the `Dialect`'s `name` and `driver`, for the database ormsh
//! opened (`sqlite` with `pysqlite`, `postgresql` with `psycopg2`). The URL
//! is the one ormsh shows, its password hidden as `***`: the password
//! itself is not kept.

use std::rc::Rc;

use crate::engine::DialectName;
use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::{Class, Member, Sig};
use crate::value::{Object, Value};

/// SQLAlchemy's `URL`: the URL text ormsh shows (password as `***`).
pub struct EngineUrl(pub String);

impl Object for EngineUrl {
    fn type_name(&self) -> &str {
        "URL"
    }
}

/// SQLAlchemy's engine dialect, by its `name` and `driver`.
pub struct EngineDialect(pub DialectName);

impl Object for EngineDialect {
    fn type_name(&self) -> &str {
        match self.0 {
            DialectName::Sqlite => "SQLiteDialect_pysqlite",
            DialectName::Postgresql => "PGDialect_psycopg2",
        }
    }
}

/// The parts of `scheme://[user[:password]@][host][:port][/database][?query]`.
struct Parts<'a> {
    drivername: &'a str,
    username: Option<&'a str>,
    host: Option<&'a str>,
    port: Option<&'a str>,
    database: Option<&'a str>,
    query: Vec<(&'a str, &'a str)>,
}

fn parts(url: &str) -> Parts<'_> {
    let (drivername, rest) = url.split_once("://").unwrap_or((url, ""));
    let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (authority, database) = match rest.split_once('/') {
        Some((a, d)) => (a, Some(d).filter(|d| !d.is_empty())),
        None => (rest, None),
    };
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    let username = userinfo.map(|u| u.split_once(':').map_or(u, |(name, _)| name));
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => (h, Some(p)),
        _ => (hostport, None),
    };
    let query = (query.split('&'))
        .filter(|q| !q.is_empty())
        .map(|q| q.split_once('=').unwrap_or((q, "")))
        .collect();
    Parts {
        drivername,
        username: username.filter(|u| !u.is_empty()),
        host: Some(host).filter(|h| !h.is_empty()),
        port,
        database,
        query,
    }
}

type U = Rc<EngineUrl>;

fn opt(s: Option<&str>) -> Value {
    s.map_or(Value::None, Value::str)
}

fn drivername(_: &mut Interp, u: &U) -> Result<Value> {
    Ok(Value::str(parts(&u.0).drivername))
}

fn username(_: &mut Interp, u: &U) -> Result<Value> {
    Ok(opt(parts(&u.0).username))
}

fn host(_: &mut Interp, u: &U) -> Result<Value> {
    Ok(opt(parts(&u.0).host))
}

fn port(_: &mut Interp, u: &U) -> Result<Value> {
    Ok(parts(&u.0)
        .port
        .and_then(|p| p.parse().ok())
        .map_or(Value::None, Value::Int))
}

fn database(_: &mut Interp, u: &U) -> Result<Value> {
    Ok(opt(parts(&u.0).database))
}

fn query(_: &mut Interp, u: &U) -> Result<Value> {
    let mut d = crate::value::dict::Dict::default();
    for (k, v) in parts(&u.0).query {
        d.insert(Value::str(k), Value::str(v))?;
    }
    Ok(Value::Dict(Rc::new(std::cell::RefCell::new(d))))
}

/// The backend (`postgresql`) and the driver (`psycopg2`, or the
/// dialect's default for a bare scheme).
fn backend_and_driver(u: &str) -> (String, String) {
    let scheme = parts(u).drivername;
    match scheme.split_once('+') {
        Some((b, d)) => (b.to_owned(), d.to_owned()),
        None if scheme.starts_with("postgres") => ("postgresql".into(), "psycopg2".into()),
        None => (scheme.to_owned(), "pysqlite".into()),
    }
}

fn get_backend_name(_: &mut Interp, u: &U, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::str(&backend_and_driver(&u.0).0))
}

fn get_driver_name(_: &mut Interp, u: &U, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::str(&backend_and_driver(&u.0).1))
}

/// `url.render_as_string(hide_password=True)`: the URL with its password
/// as `***`; the password itself is not kept, so `hide_password=False`
/// is refused.
fn render_as_string(_: &mut Interp, u: &U, mut a: Args) -> Result<Value> {
    let hide = a.take_kw("hide_password");
    a.count(0, 1)?;
    let hide = hide.or_else(|| a.pos.first().cloned());
    if matches!(hide, Some(Value::Bool(false))) {
        return Err(Error::value(
            "ormsh does not keep the database password: it renders the URL with the password hidden",
        )
        .with_help("write url.render_as_string(hide_password=True), or str(url)"));
    }
    Ok(Value::str(&u.0))
}

/// `db.engine.url`.
pub static ENGINE_URL: Class<U> = Class::new(
    "URL",
    &[
        Member::attr(
            "drivername",
            drivername,
            "the scheme: postgresql+psycopg2, sqlite",
        ),
        Member::attr("username", username, "the user name, or None"),
        Member::attr("host", host, "the host name, or None"),
        Member::attr("port", port, "the port number, or None"),
        Member::attr("database", database, "the database name or file, or None"),
        Member::attr(
            "query",
            query,
            "the query parameters (?host=/run/postgresql)",
        ),
        Member::method(
            "render_as_string",
            render_as_string,
            Sig::kw(&["hide_password"]),
            "the URL as text, the password hidden as ***",
        ),
        Member::method(
            "get_backend_name",
            get_backend_name,
            Sig::NONE,
            "the database: postgresql, sqlite",
        ),
        Member::method(
            "get_driver_name",
            get_driver_name,
            Sig::NONE,
            "the DB-API driver: psycopg2, pysqlite",
        ),
    ],
);

type D = Rc<EngineDialect>;

fn dialect_name(_: &mut Interp, d: &D) -> Result<Value> {
    Ok(Value::str(d.0.as_str()))
}

fn dialect_driver(_: &mut Interp, d: &D) -> Result<Value> {
    Ok(Value::str(match d.0 {
        DialectName::Sqlite => "pysqlite",
        DialectName::Postgresql => "psycopg2",
    }))
}

/// `db.engine.dialect`.
pub static ENGINE_DIALECT: Class<D> = Class::new(
    "Dialect",
    &[
        Member::attr("name", dialect_name, "the database: sqlite, postgresql"),
        Member::attr(
            "driver",
            dialect_driver,
            "the DB-API driver: pysqlite, psycopg2",
        ),
    ],
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_parts_as_sqlalchemy_reads_them() {
        let p = parts("postgresql+psycopg2://app:***@db.internal:5433/shop?sslmode=require");
        assert_eq!(p.drivername, "postgresql+psycopg2");
        assert_eq!(p.username, Some("app"));
        assert_eq!((p.host, p.port), (Some("db.internal"), Some("5433")));
        assert_eq!(p.database, Some("shop"));
        assert_eq!(p.query, [("sslmode", "require")]);
        let p = parts("postgresql://ormsh@/postgres?host=/tmp/pg");
        assert_eq!((p.host, p.database), (None, Some("postgres")));
        assert_eq!(p.query, [("host", "/tmp/pg")]);
        let p = parts("sqlite:///x.db");
        assert_eq!((p.host, p.database), (None, Some("x.db")));
        assert_eq!(parts("sqlite://").database, None);
        assert_eq!(parts("sqlite:////abs/x.db").database, Some("/abs/x.db"));
        assert_eq!(
            backend_and_driver("postgres://u@h/d"),
            ("postgresql".into(), "psycopg2".into())
        );
    }
}
