//! PostgreSQL URLs as Flask configs write them (issue 19, in progress):
//! `postgresql://`, `postgres://`, and SQLAlchemy's driver forms
//! `postgresql+psycopg2://` and `postgresql+psycopg://`. The driver part
//! names Python's driver and changes nothing here; the rest is libpq's URL
//! (`user:password@host:port/dbname?param=value`, a unix socket directory
//! as `host=/path`), handed to the `postgres` crate as it is.

use crate::db_url::{Location, Target};
use crate::error::{Error, ErrorKind, Result};

/// The schemes read as PostgreSQL (SQLAlchemy's `postgres://` alias is
/// refused by SQLAlchemy 1.4+, but Heroku-style configs still carry it and
/// libpq reads it, so ormsh accepts it).
const SCHEMES: &[&str] = &[
    "postgresql",
    "postgresql+psycopg2",
    "postgresql+psycopg",
    "postgres",
];

/// `text` as a PostgreSQL target, or `None` when it is no PostgreSQL URL.
pub fn parse(text: &str) -> Option<Result<Target>> {
    let (scheme, rest) = text.split_once("://")?;
    if !scheme.starts_with("postgres") {
        return None;
    }
    if !SCHEMES.contains(&scheme) {
        return Some(Err(Error::new(
            ErrorKind::ArgumentError,
            format!("'{scheme}' is not a PostgreSQL driver ormsh reads"),
        )
        .with_help("write postgresql://user@host/dbname (or postgresql+psycopg2://, postgresql+psycopg://)")));
    }
    Some(Ok(Target {
        location: Location::Postgres(format!("postgresql://{rest}")),
        busy_timeout_ms: None,
        url: Some(without_password(text)),
    }))
}

/// The URL with its password shown as `***`, as SQLAlchemy's `str(url)`
/// writes it (`render_as_string(hide_password=True)`).
pub fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let Some((userinfo, host)) = authority.rsplit_once('@') else {
        return url.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}{tail}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_url_forms() {
        for (url, libpq) in [
            (
                "postgresql://app@db.internal/shop",
                "postgresql://app@db.internal/shop",
            ),
            (
                "postgresql+psycopg2://u:pw@h:5433/d",
                "postgresql://u:pw@h:5433/d",
            ),
            (
                "postgresql+psycopg://u@/d?host=/tmp/s",
                "postgresql://u@/d?host=/tmp/s",
            ),
            ("postgres://u@h/d", "postgresql://u@h/d"),
        ] {
            let t = parse(url).unwrap().unwrap();
            assert_eq!(t.location, Location::Postgres(libpq.into()), "{url}");
        }
        assert!(parse("sqlite:///x.db").is_none());
        assert!(parse("postgresql+asyncpg://u@h/d").unwrap().is_err());
    }

    #[test]
    fn passwords_hidden() {
        assert_eq!(
            without_password("postgresql+psycopg2://scott:tiger@localhost/test"),
            "postgresql+psycopg2://scott:***@localhost/test"
        );
        assert_eq!(without_password("postgresql://u@h/d"), "postgresql://u@h/d");
        assert_eq!(
            without_password("postgresql://u:p@ss@h/d?x=1"),
            "postgresql://u:***@h/d?x=1"
        );
    }
}
