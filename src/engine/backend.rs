//! The one seam between the engine and its two drivers: an [`Engine`]
//! holds either a SQLite connection (rusqlite) or a PostgreSQL one
//! (`postgres`, issue 19, in progress). The engine's shared logic —
//! transactions, snapshots, the sandbox, the statement savepoint, echo —
//! runs through the few operations here, each written for both; what only
//! SQLite has (PRAGMAs, the authorizer, `.sql`'s statement description,
//! the catalog reads in `sqlite_master`) asks [`Engine::sqlite`], which
//! refuses on PostgreSQL with a `NotImplementedError` naming the feature.

use rusqlite::Connection;

use super::errors::map_err;
use super::postgres::PgConn;
use super::{Engine, Interrupter};
use crate::error::{Error, ErrorKind, Result};
use crate::sql::dialect::{Dialect, POSTGRESQL, SQLITE};

/// The connection an engine drives.
pub enum Backend {
    Sqlite(Connection),
    Postgres(Box<PgConn>),
}

/// Which database an engine talks to: the dialect `sql/` writes for
/// (SQLAlchemy's `dialect.name`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialectName {
    Sqlite,
    Postgresql,
}

impl DialectName {
    /// SQLAlchemy's `engine.dialect.name`.
    pub fn as_str(self) -> &'static str {
        match self {
            DialectName::Sqlite => "sqlite",
            DialectName::Postgresql => "postgresql",
        }
    }
}

impl Engine {
    /// The database this engine talks to.
    pub fn dialect_name(&self) -> DialectName {
        match &self.db {
            Backend::Sqlite(_) => DialectName::Sqlite,
            Backend::Postgres(_) => DialectName::Postgresql,
        }
    }

    /// The dialect statements for this engine are compiled in
    /// (SQLAlchemy's `engine.dialect`): what runs here, and `str()` of a
    /// query bound to it.
    pub fn dialect(&self) -> &'static Dialect {
        match &self.db {
            Backend::Sqlite(_) => &SQLITE,
            Backend::Postgres(_) => &POSTGRESQL,
        }
    }

    /// The SQLite connection, or `None` on PostgreSQL.
    pub(super) fn lite(&self) -> Option<&Connection> {
        match &self.db {
            Backend::Sqlite(c) => Some(c),
            Backend::Postgres(_) => None,
        }
    }

    /// The PostgreSQL connection, or `None` on SQLite.
    pub(super) fn pg(&self) -> Option<&PgConn> {
        match &self.db {
            Backend::Sqlite(_) => None,
            Backend::Postgres(p) => Some(p),
        }
    }

    /// The SQLite connection for what only SQLite has; on PostgreSQL a
    /// `NotImplementedError` naming `what`.
    pub(super) fn sqlite(&self, what: &str) -> Result<&Connection> {
        self.lite().ok_or_else(|| {
            Error::new(
                ErrorKind::NotImplementedError,
                format!("{what} is not supported on PostgreSQL yet"),
            )
            .with_help("this works on a SQLite database (a file name or sqlite:///path)")
        })
    }

    /// Run statements without parameters (transaction control).
    pub(super) fn batch(&self, sql: &str) -> Result<()> {
        match &self.db {
            Backend::Sqlite(c) => c.execute_batch(sql).map_err(map_err),
            Backend::Postgres(p) => p.batch(sql),
        }
    }

    /// No transaction is open on the connection (`sqlite3_get_autocommit`;
    /// on PostgreSQL, the state the engine's own BEGIN/COMMIT/ROLLBACK left).
    pub(super) fn autocommit(&self) -> bool {
        match &self.db {
            Backend::Sqlite(c) => c.is_autocommit(),
            Backend::Postgres(p) => !p.in_transaction(),
        }
    }

    /// The writes so far and the schema version, to tell whether a
    /// transaction wrote anything (`has_writes`).
    pub(super) fn write_mark(&self) -> (u64, i64) {
        match &self.db {
            Backend::Sqlite(c) => {
                let schema = c
                    .query_row("PRAGMA schema_version", [], |r| r.get::<_, i64>(0))
                    .unwrap_or(0);
                (c.total_changes(), schema)
            }
            Backend::Postgres(p) => (p.changes(), 0),
        }
    }

    /// The BEGIN of the session's transaction: SQLite takes the write lock
    /// at once (`BEGIN IMMEDIATE`, see `begin`); PostgreSQL locks rows as
    /// it writes them.
    /// Under `--readonly` every PostgreSQL transaction is begun READ ONLY
    /// explicitly, whatever the session's default says.
    pub(super) fn begin_sql(&self) -> &'static str {
        match &self.db {
            Backend::Sqlite(_) => "BEGIN IMMEDIATE",
            Backend::Postgres(_) if self.readonly_asked => "BEGIN READ ONLY",
            Backend::Postgres(_) => "BEGIN",
        }
    }

    /// The BEGIN of `--sandbox`'s outer transaction (READ ONLY on
    /// PostgreSQL under `--readonly`, as `begin_sql`).
    pub(super) fn sandbox_begin_sql(&self) -> &'static str {
        match &self.db {
            Backend::Postgres(_) if self.readonly_asked => "BEGIN READ ONLY",
            _ => "BEGIN",
        }
    }

    /// The BEGIN of a statement's read snapshot: PostgreSQL's default
    /// isolation takes a snapshot per query, so one snapshot for the
    /// statement needs REPEATABLE READ (not READ ONLY: a query's
    /// `FOR UPDATE` locks rows, which a read-only transaction refuses).
    pub(super) fn snapshot_sql(&self) -> &'static str {
        match &self.db {
            Backend::Sqlite(_) => "BEGIN",
            Backend::Postgres(_) if self.readonly_asked => {
                "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            }
            Backend::Postgres(_) => "BEGIN ISOLATION LEVEL REPEATABLE READ",
        }
    }

    /// What stops a running statement from another thread (Ctrl-C).
    pub fn interrupter(&self) -> Interrupter {
        match &self.db {
            Backend::Sqlite(c) => Interrupter::Sqlite(c.get_interrupt_handle()),
            Backend::Postgres(p) => Interrupter::Postgres(p.cancel_token()),
        }
    }
}
