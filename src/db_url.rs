//! The database to open, from ormsh's argument or `.open` (both read it
//! here, with the same forms and refusals): a file name (any
//! bytes the OS allows, UTF-8 or not), or a URL as Flask-SQLAlchemy's
//! `SQLALCHEMY_DATABASE_URI` takes it, read the way SQLAlchemy's pysqlite
//! dialect reads it (`create_connect_args`):
//!
//! - `sqlite://`, `sqlite:///:memory:`, `:memory:` — a private in-memory
//!   database; `sqlite:///rel/path.db`, `sqlite:////abs/path.db` — a file
//!   (`%XX` escapes decoded); a host (`sqlite://host/x.db`) is refused.
//! - Query parameters for the driver: `uri=true` (the database part is then
//!   a SQLite URI: `sqlite:///file:app.db?mode=ro&uri=true` opens app.db
//!   read-only), `timeout=SECONDS` (how long a locked database is waited
//!   for); `check_same_thread`, `cached_statements` and `detect_types`
//!   change nothing in ormsh and are accepted.
//! - `postgresql://…` and its driver forms are PostgreSQL's (`db_url_pg`).
//! - Anything else SQLAlchemy would ignore with a warning, or pass to SQLite
//!   in a way that creates a file named `h.db?mode=ro`, is refused with the
//!   URL that would work.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

pub use crate::db_url_pg::without_password;
use crate::error::{Error, ErrorKind, Result};

/// Where the database lives.
#[derive(Clone, Debug, PartialEq)]
pub enum Location {
    /// A private in-memory database.
    Memory,
    /// A file, created if missing.
    File(PathBuf),
    /// A SQLite `file:` URI with its parameters (`file:app.db?mode=ro`),
    /// opened with `SQLITE_OPEN_URI`.
    Uri(String),
    /// A PostgreSQL server, by its libpq URL (`db_url_pg`).
    Postgres(String),
}

/// A database to open and the driver options its URL gave.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub location: Location,
    /// `?timeout=SECONDS`, in milliseconds.
    pub busy_timeout_ms: Option<u64>,
    /// The URL as given, for `db.engine.url` (None for a plain file name).
    pub url: Option<String>,
}

impl Target {
    /// A plain file name (or memory).
    pub fn file(path: Option<PathBuf>) -> Target {
        Target {
            location: path.map_or(Location::Memory, Location::File),
            busy_timeout_ms: None,
            url: None,
        }
    }

    /// Refuse a file in a directory that does not exist, naming both (SQLite
    /// would say only "unable to open database file"). The command line and
    /// `.open` both ask this before opening.
    pub fn check_directory(&self) -> Result<()> {
        let Location::File(p) = &self.location else {
            return Ok(());
        };
        match p.parent() {
            Some(dir) if !dir.as_os_str().is_empty() && !dir.exists() => Err(Error::new(
                ErrorKind::OperationalError,
                format!(
                    "cannot open {}: the directory {} does not exist",
                    p.display(),
                    dir.display()
                ),
            )
            .with_help(format!(
                "create it first (mkdir -p {}), or give a path in a directory that exists",
                shell_quote(&dir.to_string_lossy())
            ))),
            _ => Ok(()),
        }
    }
}

const FORMS: &str = "the forms are sqlite:// (in memory), sqlite:///relative/path.db, sqlite:////absolute/path.db, or a file name";

/// Read ormsh's database argument (see the module comment).
pub fn parse(arg: &OsStr) -> Result<Target> {
    let Some(text) = arg.to_str() else {
        // Not UTF-8: it can only be a file name.
        return Ok(Target::file(Some(PathBuf::from(arg))));
    };
    if text == ":memory:" {
        return Ok(Target::file(None));
    }
    if let Some(pg) = crate::db_url_pg::parse(text) {
        return pg;
    }
    let scheme_end = text.find("://");
    let Some(scheme_end) = scheme_end.filter(|_| text.starts_with("sqlite")) else {
        if text.contains("://") {
            return Err(refused(
                format!("'{text}' is not a SQLite URL"),
                "ormsh opens SQLite and PostgreSQL databases: use sqlite:///path, a file name, or postgresql://user@host/dbname",
            ));
        }
        if let Some(rest) = text.strip_prefix("sqlite:") {
            return Err(refused(
                format!("'{text}' is not a SQLite URL (it needs sqlite:// before the path)"),
                format!("write sqlite:///{rest}, or ./{text} for a file with that name"),
            ));
        }
        return Ok(Target::file(Some(PathBuf::from(arg))));
    };
    let scheme = &text[..scheme_end];
    if scheme != "sqlite" && scheme != "sqlite+pysqlite" {
        return Err(refused(
            format!("'{text}' is not a SQLite URL ormsh can open ({scheme})"),
            FORMS,
        ));
    }
    let rest = &text[scheme_end + 3..];
    let (before_query, query) = match rest.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (rest, None),
    };
    let (host, database) = match before_query.split_once('/') {
        Some((h, d)) => (h, d),
        None => (before_query, ""),
    };
    if !host.is_empty() {
        return Err(refused(format!("Invalid SQLite URL: {text}"), FORMS));
    }
    let database = percent_decode(database, false);
    let mut uri = false;
    let mut timeout = None;
    let mut others: Vec<(String, String)> = Vec::new();
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let (k, v) = (percent_decode(k, true), percent_decode(v, true));
        let k = os_to_string(&k);
        let v = os_to_string(&v);
        if v.is_empty() {
            // parse_qsl drops parameters without a value.
            continue;
        }
        match k.as_str() {
            "uri" => uri = as_bool(&k, &v)?,
            "timeout" => timeout = Some(seconds(&v)?),
            "check_same_thread" => {
                as_bool(&k, &v)?;
            }
            "cached_statements" | "detect_types" => {
                v.parse::<i64>().map_err(|_| {
                    refused(
                        format!("{k}={v} in the URL is not a whole number"),
                        format!("e.g. {k}=0"),
                    )
                })?;
            }
            "isolation_level" => {
                return Err(refused(
                    format!("ormsh does not take isolation_level={v} from the URL"),
                    "the session owns the transaction: db.session.commit() and rollback() end it",
                ));
            }
            _ => {
                others.retain(|(o, _)| *o != k);
                others.push((k, v));
            }
        }
    }
    let location = if !others.is_empty() {
        others.sort();
        let params: Vec<String> = others.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let params = params.join("&");
        let db_text = os_to_string(&database);
        let file = db_text.strip_prefix("file:").unwrap_or(&db_text);
        let working = format!("sqlite:///file:{file}?{params}&uri=true");
        if !uri {
            return Err(refused(
                format!(
                    "{params} in '{text}' is a SQLite URI parameter, which SQLAlchemy ignores without uri=true ({} would open as a plain file)",
                    if file.is_empty() { ":memory:" } else { file }
                ),
                format!("write {working}{}", readonly_hint(&others)),
            ));
        }
        if !db_text.starts_with("file:") {
            return Err(refused(
                format!(
                    "with uri=true the database must be a file: URI; SQLite would open a file named '{db_text}?{params}'"
                ),
                format!("write {working}"),
            ));
        }
        Location::Uri(format!("{db_text}?{params}"))
    } else if database.is_empty() || database == ":memory:" {
        Location::Memory
    } else {
        Location::File(PathBuf::from(database))
    };
    Ok(Target {
        location,
        busy_timeout_ms: timeout,
        url: Some(text.to_owned()),
    })
}

fn refused(message: impl Into<String>, help: impl Into<String>) -> Error {
    Error::new(ErrorKind::ArgumentError, message).with_help(help)
}

fn readonly_hint(params: &[(String, String)]) -> &'static str {
    if params.iter().any(|(k, v)| k == "mode" && v == "ro") {
        ", or give the file name with --readonly"
    } else {
        ""
    }
}

fn os_to_string(s: &OsStr) -> String {
    s.to_string_lossy().into_owned()
}

/// `%XX` escapes decoded (and `+` as a space in query parameters, as
/// `parse_qsl` reads them); the bytes need not be UTF-8.
fn percent_decode(s: &str, plus: bool) -> OsString {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match b[i] {
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' if plus => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    bytes_to_os(out)
}

#[cfg(unix)]
fn bytes_to_os(bytes: Vec<u8>) -> OsString {
    use std::os::unix::ffi::OsStringExt;
    OsString::from_vec(bytes)
}

#[cfg(not(unix))]
fn bytes_to_os(bytes: Vec<u8>) -> OsString {
    OsString::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// SQLAlchemy's `asbool` on a URL parameter.
fn as_bool(key: &str, v: &str) -> Result<bool> {
    match v.to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "y" | "t" | "1" => Ok(true),
        "false" | "no" | "off" | "n" | "f" | "0" => Ok(false),
        _ => Err(refused(
            format!("{key}={v} in the URL is not true or false"),
            format!("e.g. {key}=true"),
        )),
    }
}

/// `timeout=SECONDS` as milliseconds SQLite can take.
fn seconds(v: &str) -> Result<u64> {
    let secs: f64 = v.trim().parse().map_err(|_| {
        refused(
            format!("timeout={v} in the URL is not a number of seconds"),
            "e.g. timeout=5",
        )
    })?;
    let max = f64::from(i32::MAX) / 1000.0;
    if !(0.0..=max).contains(&secs) {
        return Err(refused(
            format!("timeout={v} in the URL is out of range"),
            format!("give from 0 to {max} seconds"),
        ));
    }
    Ok((secs * 1000.0).round() as u64)
}

/// `text` as one word of a POSIX shell's command line: as it is when it
/// holds only characters no shell reads specially, else in single quotes
/// (a `'` inside written `'\''`), so a help line's `mkdir -p 'my dir'`
/// runs as shown; `dot::words::split` reads it back as `text`.
pub fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./+:@%,=".contains(c));
    if plain {
        return text.to_string();
    }
    format!("'{}'", text.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(arg: &str) -> Location {
        parse(OsStr::new(arg)).expect(arg).location
    }

    fn file(p: &str) -> Location {
        Location::File(PathBuf::from(p))
    }

    /// The filename SQLAlchemy's `create_connect_args` gives pysqlite for
    /// the same URL (relative to the working directory here).
    #[test]
    fn urls_as_sqlalchemy_reads_them() {
        assert_eq!(loc("sqlite://"), Location::Memory);
        assert_eq!(loc("sqlite:///:memory:"), Location::Memory);
        assert_eq!(loc(":memory:"), Location::Memory);
        assert_eq!(loc("sqlite:///h.db"), file("h.db"));
        assert_eq!(loc("sqlite:////tmp/h.db"), file("/tmp/h.db"));
        assert_eq!(loc("sqlite+pysqlite:///h.db"), file("h.db"));
        assert_eq!(loc("sqlite:///h%20x.db"), file("h x.db"));
        assert_eq!(loc("sqlite:///h.db?check_same_thread=False"), file("h.db"));
        assert_eq!(
            loc("sqlite:///file:h.db?mode=ro&uri=true"),
            Location::Uri("file:h.db?mode=ro".into())
        );
        assert_eq!(
            loc("sqlite:///file:h.db?uri=true&mode=ro&cache=shared"),
            Location::Uri("file:h.db?cache=shared&mode=ro".into())
        );
        assert_eq!(loc("sqlite:///h.db?uri=true"), file("h.db"));
        assert_eq!(loc("h.db?mode=ro"), file("h.db?mode=ro"));
        let t = parse(OsStr::new("sqlite:///h.db?timeout=2.5")).unwrap();
        assert_eq!(t.busy_timeout_ms, Some(2500));
    }

    #[test]
    fn what_would_be_ignored_or_misread_is_refused() {
        for (arg, help) in [
            (
                "sqlite:///h.db?mode=ro",
                "sqlite:///file:h.db?mode=ro&uri=true",
            ),
            (
                "sqlite:///h.db?uri=true&mode=ro",
                "sqlite:///file:h.db?mode=ro&uri=true",
            ),
            (
                "sqlite:///h.db?foo=bar",
                "sqlite:///file:h.db?foo=bar&uri=true",
            ),
            ("sqlite://host/h.db", "sqlite:///relative/path.db"),
            ("mysql://u@h/db", "sqlite:///path"),
            ("sqlite:h.db", "sqlite:///h.db"),
            ("sqlite:///h.db?timeout=soon", "timeout=5"),
            ("sqlite:///h.db?timeout=1e9", "seconds"),
            ("sqlite:///h.db?uri=maybe", "uri=true"),
            (
                "sqlite:///h.db?isolation_level=AUTOCOMMIT",
                "db.session.commit()",
            ),
        ] {
            let err = parse(OsStr::new(arg)).expect_err(arg);
            assert_eq!(err.kind, ErrorKind::ArgumentError, "{arg}");
            let h = err.help.unwrap_or_default();
            assert!(h.contains(help), "{arg}: {h}");
        }
    }

    /// Only a file whose directory is missing is refused; the help names
    /// the directory to make.
    #[test]
    fn a_missing_directory_is_named() {
        for ok in ["sqlite://", "h.db", "sqlite:///h.db", "sqlite:////tmp/h.db"] {
            let t = parse(OsStr::new(ok)).unwrap();
            assert!(t.check_directory().is_ok(), "{ok}");
        }
        let t = parse(OsStr::new("sqlite:////no/such/dir/h.db")).unwrap();
        let e = t.check_directory().unwrap_err();
        assert_eq!(e.kind, ErrorKind::OperationalError);
        assert_eq!(
            e.message,
            "cannot open /no/such/dir/h.db: the directory /no/such/dir does not exist"
        );
        assert!(e.help.unwrap().contains("mkdir -p /no/such/dir"));
    }

    #[cfg(unix)]
    #[test]
    fn file_names_need_not_be_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let name = OsStr::from_bytes(b"caf\xe9.db");
        assert_eq!(
            parse(name).unwrap().location,
            Location::File(PathBuf::from(name))
        );
        assert_eq!(
            loc("sqlite:///caf%E9.db"),
            Location::File(PathBuf::from(name))
        );
    }
}
