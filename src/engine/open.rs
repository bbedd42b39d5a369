//! Opening a database: a file (created if missing, or read-only), a SQLite
//! `file:` URI, or memory; the connection's settings; and proof that the file
//! is a whole SQLite database. What cannot be opened says which file and
//! what would work (a directory, a file that is not a database or is
//! truncated, a file that cannot be read).

use std::cell::Cell;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::backend::Backend;
use super::postgres::PgConn;
use super::{Engine, errors, functions, statement};
use crate::db_url::{Location, Target};
use crate::error::{Error, ErrorKind, Result};

impl Engine {
    /// Open `path` (None: a private in-memory database).
    pub fn open(path: Option<&Path>, readonly: bool) -> Result<Engine> {
        Engine::open_target(&Target::file(path.map(Path::to_path_buf)), readonly)
    }

    /// Open what ormsh's database argument named (see `db_url`).
    pub fn open_target(target: &Target, readonly: bool) -> Result<Engine> {
        let mut flags = if readonly {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let (conn, shown) = match &target.location {
            Location::Memory => (Connection::open_in_memory(), None),
            Location::File(p) => {
                if p.is_dir() {
                    return Err(Error::new(
                        ErrorKind::OperationalError,
                        format!("{} is a directory, not a database file", p.display()),
                    )
                    .with_help(format!(
                        "give a file name, e.g. {} (created if missing)",
                        p.join("app.db").display()
                    )));
                }
                (
                    Connection::open_with_flags(literal_file_name(p), flags),
                    Some(p.display().to_string()),
                )
            }
            Location::Uri(uri) => {
                flags |= OpenFlags::SQLITE_OPEN_URI;
                (Connection::open_with_flags(uri, flags), Some(uri.clone()))
            }
            // Opened above, by its own driver.
            Location::Postgres(url) => return Engine::open_postgres(url, target, readonly),
        };
        let url = match (&target.url, &shown) {
            (Some(u), _) => u.clone(),
            (None, Some(p)) => format!("sqlite:///{p}"),
            (None, None) => "sqlite://".to_string(),
        };
        let name = shown.unwrap_or_else(|| ":memory:".into());
        let mut conn = conn.map_err(|e| cannot_open(&name, &target.location, readonly, e))?;
        let control_seen = statement::watch_transaction_control(&mut conn)?;
        super::regexp::register(&conn)
            .map_err(|e| cannot_open(&name, &target.location, readonly, e))?;
        functions::register(&conn).map_err(errors::map_err)?;
        conn.set_prepared_statement_cache_capacity(128);
        let engine = Engine::with_backend(Backend::Sqlite(conn), url, readonly, control_seen);
        engine.set_busy_timeout(target.busy_timeout_ms.unwrap_or(5000));
        // A cached statement stays prepared when LIMIT/OFFSET values change
        // (the query planner does not re-plan on bound values).
        if let Some(conn) = engine.lite() {
            let _ = conn.set_db_config(
                rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
                true,
            );
            // Defensive mode: no SQL of this connection may write the shadow
            // tables where an FTS or R*Tree index keeps its data (the index
            // writes them itself), nor otherwise corrupt the file on purpose
            // (`writable_schema`, `sqlite_dbpage`).
            let _ = conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true);
            super::limit_memory(conn);
        }
        // Reading the schema proves the file really is a database.
        engine
            .pragma("PRAGMA foreign_keys=ON")
            .and_then(|()| engine.pragma("SELECT count(*) FROM sqlite_master"))
            .map_err(|e| not_a_database(&name, e))?;
        Ok(engine)
    }
}

impl Engine {
    /// Connect to the PostgreSQL server `url` names (libpq's form).
    fn open_postgres(url: &str, target: &Target, readonly: bool) -> Result<Engine> {
        let shown = target.url.clone().unwrap_or_else(|| url.to_owned());
        let conn = PgConn::connect(url, &crate::db_url::without_password(&shown))?;
        let engine = Engine::with_backend(
            Backend::Postgres(Box::new(conn)),
            shown,
            readonly,
            Default::default(),
        );
        engine.set_busy_timeout(target.busy_timeout_ms.unwrap_or(5000));
        if readonly {
            // `--readonly`: every transaction of the session is read-only.
            if let Some(pg) = engine.pg() {
                pg.setup("SET default_transaction_read_only = on")?;
            }
        }
        Ok(engine)
    }

    /// A new engine on a connection, with nothing run yet.
    fn with_backend(
        db: Backend,
        url: String,
        readonly: bool,
        control_seen: statement::ControlSeen,
    ) -> Engine {
        crate::sql::native_types::set_native(matches!(db, Backend::Postgres(_)));
        Engine {
            db,
            url,
            echo: Cell::new(false),
            in_transaction: Cell::new(false),
            echo_begun: Cell::new(false),
            pool_connected: Cell::new(false),
            conn_echo: Cell::new(None),
            echo_flag: Cell::new(super::echo_flag::EchoFlag::Bool(false)),
            begun_at: Cell::new((0, 0)),
            sandboxed: Cell::new(false),
            readonly_asked: readonly,
            statements: Cell::new(0),
            session_work: Cell::new(0),
            pending_rollback: Cell::new(false),
            pending_cause: std::cell::RefCell::new(String::new()),
            prepared: Cell::new(false),
            sandbox: Cell::new(false),
            echo_dim: Cell::new(false),
            echo_log: Default::default(),
            snapshot_ok: Cell::new(false),
            reading: Cell::new(false),
            control_seen,
            commits: Cell::new(0),
            statement: Cell::new(None),
            busy_ms: Cell::new(0),
            savepoints: Default::default(),
        }
    }
}

/// SQLite could not open the file at all.
fn cannot_open(name: &str, at: &Location, readonly: bool, e: rusqlite::Error) -> Error {
    let reason = match &e {
        rusqlite::Error::SqliteFailure(_, Some(m)) => m.clone(),
        other => other.to_string(),
    };
    let suffix = format!(": {name}");
    let reason = reason.strip_suffix(suffix.as_str()).unwrap_or(&reason);
    let help = match at {
        Location::File(p) if readonly && !p.exists() => {
            "--readonly opens only a file that exists: check the name".to_string()
        }
        Location::File(p) if p.exists() => {
            format!(
                "check that you may read {name} (ls -l {})",
                crate::db_url::shell_quote(name)
            )
        }
        Location::File(_) => "check that you may create files in its directory".to_string(),
        _ => "check the URI: e.g. sqlite:///file:app.db?mode=ro&uri=true".to_string(),
    };
    Error::new(
        ErrorKind::OperationalError,
        format!("cannot open the database {name}: {reason}"),
    )
    .with_help(help)
}

/// The first reads of a file failed: it is not a database, or a damaged one.
fn not_a_database(name: &str, e: Error) -> Error {
    if e.message.contains("not a database") {
        Error::new(
            ErrorKind::OperationalError,
            format!("{name} is not an SQLite database (file is not a database)"),
        )
        .with_help("give the path of a database, or a new file name to create one")
    } else if e.message.contains("malformed") {
        Error::new(
            ErrorKind::OperationalError,
            format!("{name} is damaged or truncated (database disk image is malformed)"),
        )
        .with_help(format!(
            "restore it from a copy, or let sqlite3 save what it can: sqlite3 {name} .recover > saved.sql"
        ))
    } else {
        Error::new(e.kind, format!("{name}: {}", e.message)).with_help(
            e.help
                .unwrap_or_else(|| "give the path of an SQLite database file".to_string()),
        )
    }
}

/// A file name as the file of that name: the bundled SQLite reads a name
/// starting `file:` as a URI (`file:f.db` would open `f.db`, and
/// `db.engine.url`, `sqlite:///file:f.db`, names another file), so a
/// relative one is opened as `./file:…`. URIs come as `Location::Uri`.
fn literal_file_name(p: &Path) -> std::borrow::Cow<'_, Path> {
    if p.is_relative() && p.as_os_str().as_encoded_bytes().starts_with(b"file:") {
        std::borrow::Cow::Owned(Path::new(".").join(p))
    } else {
        std::borrow::Cow::Borrowed(p)
    }
}
