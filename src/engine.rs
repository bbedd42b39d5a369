//! The only user of rusqlite and of the `postgres` crate: the connection
//! (SQLite, or PostgreSQL behind `backend`'s seam), its prepared-statement
//! cache, transactions, SQLAlchemy-style echo, and mapping database
//! failures to Python-style errors.

use std::cell::Cell;

use rusqlite::types::{ToSqlOutput, Value as SqlValue, ValueRef};
use rusqlite::{Connection, ToSql};

use backend::Backend;

use crate::error::{Error, ErrorKind, Result};
use crate::sql::ast::{Compiled, Param};
use crate::sql::params::params_repr;

mod backend;
mod catalog;
mod echo_begin;
pub mod echo_flag;
pub mod echo_log;
mod echo_many;
mod echo_statement;
mod errors;
mod functions;
mod insert;
mod open;
mod pg_describe;
mod pg_errors;
mod pg_lex;
mod pg_literal;
mod pg_native;
mod pg_param_types;
mod pg_range;
mod pg_report;
mod pg_schema;
mod pg_text_forms;
mod pg_time;
mod pg_values;
mod postgres;
mod raw;
mod regexp;
mod savepoint;
mod statement;
mod transaction;

pub use backend::DialectName;
pub use catalog::sql_complete;
use echo_statement::{in_shown, in_statement, pg_sent};
use errors::{check_bindings, map_err, raw_input_error};
pub use errors::{error_str, pending_rollback_error, refused_control};
pub use pg_literal::mogrify;
pub use raw::{RawEvent, RawRun};
pub use statement::{Described, StatementInfo, changes_rows, is_dml};

impl ToSql for Param {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Param::Null => ToSqlOutput::Owned(SqlValue::Null),
            Param::Int(i) => ToSqlOutput::Owned(SqlValue::Integer(*i)),
            Param::Bool(b) => ToSqlOutput::Owned(SqlValue::Integer(i64::from(*b))),
            // SQLAlchemy's SQLite storage of an Interval: the epoch plus it.
            Param::Interval(us) => ToSqlOutput::Owned(SqlValue::Text(
                chrono::DateTime::UNIX_EPOCH
                    .naive_utc()
                    .checked_add_signed(chrono::TimeDelta::microseconds(*us))
                    .map(|d| d.format("%Y-%m-%d %H:%M:%S%.6f").to_string())
                    .unwrap_or_default(),
            )),
            Param::Real(f) => ToSqlOutput::Owned(SqlValue::Real(*f)),
            Param::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Param::Blob(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
            // pysqlite has no decimal: SQLAlchemy binds the float.
            Param::Decimal(d) => ToSqlOutput::Owned(SqlValue::Real(d.parse().unwrap_or(f64::NAN))),
            // Refused before it is bound (`errors::bindable`).
            Param::Unbindable(u) => {
                return Err(rusqlite::Error::ToSqlConversionFailure(
                    format!("type '{}' is not supported", u.type_name).into(),
                ));
            }
        })
    }
}

fn param_of(v: ValueRef<'_>) -> Param {
    match v {
        ValueRef::Null => Param::Null,
        ValueRef::Integer(i) => Param::Int(i),
        ValueRef::Real(f) => Param::Real(f),
        ValueRef::Text(t) => Param::Text(String::from_utf8_lossy(t).into()),
        ValueRef::Blob(b) => Param::Blob(b.into()),
    }
}

/// Stops the statement running on a connection (`sqlite3_interrupt`, or
/// PostgreSQL's cancel request).
pub enum Interrupter {
    Sqlite(rusqlite::InterruptHandle),
    Postgres(::postgres::CancelToken),
}

impl Interrupter {
    pub fn interrupt(&self) {
        match self {
            Interrupter::Sqlite(h) => h.interrupt(),
            Interrupter::Postgres(t) => {
                let _ = t.cancel_query(::postgres::NoTls);
            }
        }
    }
}

pub struct Engine {
    /// The connection: SQLite or PostgreSQL (`backend`).
    db: Backend,
    /// The URL as `db.engine.url` shows it.
    pub url: String,
    echo: Cell<bool>,
    /// `db.engine.echo` as last set (`echo_flag`).
    echo_flag: Cell<echo_flag::EchoFlag>,
    in_transaction: Cell<bool>,
    /// SQLAlchemy's connection for the session has begun, as its log
    /// shows it (`echo_begin`): a read begins it too.
    echo_begun: Cell<bool>,
    /// SQLAlchemy's pool has made its first connection, whose dialect
    /// initialization PostgreSQL's log shows (`echo_begin`).
    pool_connected: Cell<bool>,
    /// Whether the session's connection logs, decided when it began
    /// (SQLAlchemy's `Connection._echo`, `echo_begin`); None between
    /// transactions.
    conn_echo: Cell<Option<bool>>,
    /// Statements run so far (for tests of loading strategies).
    statements: Cell<u64>,
    /// Statements run for the session (queries, DML; not DDL nor the
    /// tool's own reads): SQLAlchemy's session autobegins on any of them.
    session_work: Cell<u64>,
    /// A flush failed and was rolled back: the session's statements are
    /// refused until `rollback()` (SQLAlchemy's inactive transaction).
    pending_rollback: Cell<bool>,
    /// `str()` of the exception that failed that flush, which
    /// `PendingRollbackError`'s message ends with.
    pending_cause: std::cell::RefCell<String>,
    /// The COMMIT statement itself failed: what waits for `rollback()` is
    /// SQLAlchemy's transaction stuck in its 'prepared' state
    /// (`orm::failed::hold_at_commit`).
    prepared: Cell<bool>,
    /// `--sandbox`: everything runs inside one transaction rolled back at
    /// exit; the session's transactions are savepoints within it.
    sandbox: Cell<bool>,
    /// Dim the echoed SQL (a terminal with colour).
    echo_dim: Cell<bool>,
    /// Echo as Python's logging writes SQLAlchemy's log (`echo_log`).
    echo_log: echo_log::EchoLog,
    /// A statement is running: its queries may share one read snapshot.
    snapshot_ok: Cell<bool>,
    /// The snapshot's read transaction is open (no write has begun).
    reading: Cell<bool>,
    /// Transaction control the authorizer saw in the last statement
    /// [`describe`](Engine::describe) prepared.
    control_seen: statement::ControlSeen,
    /// Session transactions committed so far.
    commits: Cell<u64>,
    /// Where the database stood when the running statement began, so an
    /// interrupted statement can be undone (`undo_statement`).
    statement: Cell<Option<StatementMark>>,
    /// The busy timeout in force, in milliseconds (`.open` carries it over).
    busy_ms: Cell<u64>,
    /// Where the database stood when the session's transaction began: the
    /// connection's total changes and the schema version (`has_writes`).
    begun_at: Cell<(u64, i64)>,
    /// The connection ran as `--sandbox`: nothing written through it
    /// outlives the sandbox, even after it ended.
    sandboxed: Cell<bool>,
    /// Opened with `readonly` asked for (`--readonly`), which `.open`
    /// carries over; a URI's `mode=ro` is the file's own affair.
    readonly_asked: bool,
    /// Nested transactions' SAVEPOINTs (`savepoint`).
    savepoints: savepoint::Savepoints,
}

/// The running statement, as the database sees it.
#[derive(Clone, Copy)]
struct StatementMark {
    /// The session's transaction was open when the statement began (its
    /// writes are undone by a savepoint, not by rolling it all back).
    tx_before: bool,
    /// `SAVEPOINT ormsh_statement` was taken before its first write.
    savepoint: bool,
}

/// What undoing the database side of a statement did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbUndo {
    /// The statement wrote nothing (since its last commit).
    Nothing,
    /// Its writes are rolled back.
    Restored,
    /// SQLite had already rolled back the whole transaction, with the
    /// writes of earlier statements.
    Lost,
}

impl Engine {
    fn pragma(&self, sql: &str) -> Result<()> {
        let mut stmt = self.sqlite(sql)?.prepare(sql).map_err(map_err)?;
        let mut rows = stmt.query([]).map_err(map_err)?;
        while rows.next().map_err(map_err)?.is_some() {}
        Ok(())
    }

    /// How long a statement waits for a lock another connection holds
    /// before failing with "database is locked".
    pub fn set_busy_timeout(&self, ms: u64) {
        // SQLite takes a C int of milliseconds (rusqlite panics beyond it).
        let ms = ms.min(i32::MAX as u64);
        self.busy_ms.set(ms);
        match &self.db {
            Backend::Sqlite(c) => {
                let _ = c.busy_timeout(std::time::Duration::from_millis(ms));
            }
            // PostgreSQL waits for a row lock up to `lock_timeout` (0: for
            // ever, as SQLite's busy timeout of 0 does not wait at all).
            Backend::Postgres(p) => {
                let _ = p.setup(&format!("SET lock_timeout = {}", ms.max(1)));
            }
        }
    }

    /// The busy timeout in force, in milliseconds.
    pub fn busy_timeout(&self) -> u64 {
        self.busy_ms.get()
    }

    /// Switch the file to write-ahead logging (it stays so).
    pub fn use_wal(&self) -> Result<()> {
        self.pragma("PRAGMA journal_mode=WAL")
    }

    pub fn set_echo(&self, on: bool) {
        self.echo.set(on);
        self.echo_flag.set(echo_flag::EchoFlag::Bool(on));
    }

    pub fn echo(&self) -> bool {
        self.echo.get()
    }

    /// Echo in Python's logging format, as `SQLALCHEMY_ECHO` does
    /// (`echo_log`), or ormsh's plain lines.
    pub fn set_echo_logging(&self, on: bool) {
        self.echo_log.logging.set(on);
    }

    /// What keys the next statements in SQLAlchemy's compiled cache
    /// beside their text (the flush's INSERT of rows some of whose
    /// columns Python-side defaults filled), for the echo's
    /// `generated`/`cached since` tag; None after them.
    pub fn set_compiled_key_extra(&self, extra: Option<&str>) {
        *self.echo_log.key_extra.borrow_mut() = extra.map(str::to_owned);
    }

    /// Is the echo in Python's logging format?
    pub fn echo_logging(&self) -> bool {
        self.echo_log.logging.get()
    }

    pub fn set_echo_dim(&self, on: bool) {
        self.echo_dim.set(on);
    }

    /// Statements run so far (BEGIN and COMMIT included).
    pub fn statements(&self) -> u64 {
        self.statements.get()
    }

    /// Statements run for the session so far (`orm::autobegin` compares).
    pub fn session_work(&self) -> u64 {
        self.session_work.get()
    }

    fn count_session_work(&self) -> Result<()> {
        if self.pending_rollback.get() {
            return Err(self.pending_rollback_err());
        }
        self.session_work.set(self.session_work.get() + 1);
        self.take_savepoints()
    }

    /// Whether a failed flush waits for `rollback()`
    /// (`orm::pending_rollback`).
    pub fn pending_rollback(&self) -> bool {
        self.pending_rollback.get()
    }

    /// The COMMIT statement failed: statements are refused as in
    /// SQLAlchemy's 'prepared' state until `rollback()`.
    pub fn set_prepared(&self) {
        self.pending_rollback.set(true);
        self.prepared.set(true);
    }

    /// Whether a failed COMMIT waits for `rollback()`.
    pub fn prepared(&self) -> bool {
        self.prepared.get()
    }

    /// Keep `str()` of the exception that failed a flush, for the
    /// `PendingRollbackError`s that follow.
    pub fn set_pending_cause(&self, cause: String) {
        *self.pending_cause.borrow_mut() = cause;
    }

    /// Set or clear the wait for `rollback()` after a failed flush.
    pub fn set_pending_rollback(&self, on: bool) {
        self.prepared.set(false);
        self.pending_rollback.set(on);
    }

    pub fn sqlite_version() -> &'static str {
        rusqlite::version()
    }

    pub fn in_transaction(&self) -> bool {
        self.in_transaction.get()
    }

    /// Run a statement that returns no rows; the number of rows changed.
    pub fn execute(&self, c: &Compiled) -> Result<usize> {
        let params = c.bound_params()?;
        if let (Some(shown), Backend::Postgres(p)) = (self.pg_shown(c, &params), &self.db) {
            self.count_session_work()?;
            self.log_shown(&shown);
            self.pg_statement_savepoint()?;
            return p
                .execute(&pg_sent(&c.sql), &params)
                .map_err(|e| in_shown(e, &shown));
        }
        self.execute_with(&c.sql, &params)
    }

    /// Run a statement given as text and parameters (the flush's rows,
    /// whose text is compiled once per shape); the number of rows changed.
    pub fn execute_with(&self, sql: &str, params: &[Param]) -> Result<usize> {
        self.count_session_work()?;
        self.log(sql, params, echo_log::Cached::Compiled);
        let conn = match &self.db {
            Backend::Sqlite(c) => c,
            Backend::Postgres(p) => {
                self.pg_statement_savepoint()?;
                return p
                    .execute(&pg_sent(sql), params)
                    .map_err(|e| in_statement(e, sql, params));
            }
        };
        let mut stmt = conn
            .prepare_cached(sql)
            .map_err(|e| self.prepare_failed(e, params.len()))?;
        check_bindings(&stmt, sql, params)?;
        for (i, p) in params.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, p).map_err(map_err)?;
        }
        stmt.raw_execute()
            .map_err(|e| map_err(e).in_statement(sql, || params_repr(params), params))
    }

    /// Run one DDL statement (no parameters). Text that holds a second
    /// statement (a `server_default=text(...)` ending the first, say) is
    /// refused before anything runs, as Python's sqlite3 refuses it under
    /// SQLAlchemy.
    pub fn execute_ddl(&self, sql: &str) -> Result<()> {
        use rusqlite::fallible_iterator::FallibleIterator;
        self.log(sql, &[], echo_log::Cached::NoKey);
        let conn = match &self.db {
            Backend::Sqlite(c) => c,
            Backend::Postgres(p) => return p.ddl(sql),
        };
        let mut batch = rusqlite::Batch::new(conn, sql);
        let Some(mut stmt) = batch.next().map_err(map_err)? else {
            return Ok(());
        };
        // Anything after the first statement but blanks and comments.
        if !matches!(batch.next(), Ok(None)) {
            return Err(Error::new(
                ErrorKind::OperationalError,
                "You can only execute one statement at a time.",
            )
            .with_help("a server_default=text(...) holds one SQL expression, without ';'"));
        }
        stmt.raw_execute().map(|_| ()).map_err(map_err)
    }

    /// Run a query, handing each row to `f` as it streams; `f` returns false
    /// to stop early.
    pub fn query(
        &self,
        c: &Compiled,
        mut f: impl FnMut(&[Param]) -> Result<bool>,
    ) -> Result<Vec<String>> {
        let params = c.bound_params()?;
        self.read_snapshot();
        self.count_session_work()?;
        self.echo_read_begins();
        if let (Some(shown), Backend::Postgres(p)) = (self.pg_shown(c, &params), &self.db) {
            self.log_shown(&shown);
            self.pg_statement_savepoint()?;
            return p
                .query(&pg_sent(&c.sql), &params, f)
                .map_err(|e| in_shown(e, &shown));
        }
        self.log(&c.sql, &params, echo_log::Cached::Compiled);
        let conn = match &self.db {
            Backend::Sqlite(conn) => conn,
            Backend::Postgres(p) => {
                self.pg_statement_savepoint()?;
                return p
                    .query(&pg_sent(&c.sql), &params, f)
                    .map_err(|e| in_statement(e, &c.sql, &params));
            }
        };
        let mut stmt = conn
            .prepare_cached(&c.sql)
            .map_err(|e| self.prepare_failed(e, params.len()))?;
        check_bindings(&stmt, &c.sql, &params)?;
        for (i, p) in params.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, p).map_err(map_err)?;
        }
        let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
        let n = names.len();
        let mut rows = stmt.raw_query();
        let mut buf: Vec<Param> = Vec::with_capacity(n);
        let mut seen: u32 = 0;
        while let Some(row) = rows.next().map_err(map_err)? {
            seen = seen.wrapping_add(1);
            if seen.is_multiple_of(256) {
                crate::memory::check()?;
            }
            buf.clear();
            for i in 0..n {
                buf.push(param_of(row.get_ref(i).map_err(map_err)?));
            }
            if !f(&buf)? {
                break;
            }
        }
        Ok(names)
    }

    /// All rows of a query.
    pub fn query_all(&self, c: &Compiled) -> Result<Vec<Vec<Param>>> {
        let mut out = Vec::new();
        self.query(c, |row| {
            out.push(row.to_vec());
            Ok(true)
        })?;
        Ok(out)
    }

    /// A statement of `params` values failed to prepare. SQLite's "too many
    /// SQL variables" says how many there were and how many it takes.
    fn prepare_failed(&self, e: rusqlite::Error, params: usize) -> Error {
        let err = map_err(e);
        if err.message != "too many SQL variables" {
            return err;
        }
        let limit = self
            .lite()
            .and_then(|c| {
                c.limit(rusqlite::limits::Limit::SQLITE_LIMIT_VARIABLE_NUMBER)
                    .ok()
            })
            .unwrap_or(0);
        Error::new(
            err.kind,
            format!(
                "too many SQL variables: the statement binds {params} values, SQLite takes at most {limit}"
            ),
        )
        .with_help(format!(
            "use fewer values in one statement, e.g. split a long in_() list into parts of up to {limit}"
        ))
    }

    /// Is this a database file (not memory)?
    pub fn is_file(&self) -> bool {
        self.lite().is_some() && self.url != "sqlite://"
    }

    /// Whether read-only was asked for when this database was opened
    /// (`--readonly`), not merely a read-only URI or file.
    pub fn readonly_asked(&self) -> bool {
        self.readonly_asked
    }

    pub fn is_readonly(&self) -> bool {
        match &self.db {
            Backend::Sqlite(c) => c.is_readonly(c"main").unwrap_or(true),
            Backend::Postgres(_) => self.readonly_asked,
        }
    }
}

/// SQLite's memory under ormsh's one limit: no string or blob longer than
/// the longest value ormsh builds (`zeroblob(1000000000)` is "string or
/// blob too big", not 1 GB), and SQLite's own heap at most the limit
/// `memory` computes (past it SQLite fails with "out of memory" instead of
/// exhausting the machine).
pub(crate) fn limit_memory(conn: &Connection) {
    let _ = conn.set_limit(
        rusqlite::limits::Limit::SQLITE_LIMIT_LENGTH,
        i32::try_from(crate::value::MAX_LEN).unwrap_or(i32::MAX),
    );
    let heap = i64::try_from(crate::memory::limit().bytes).unwrap_or(i64::MAX);
    // SAFETY: sets a process-wide number; callable at any time.
    unsafe { rusqlite::ffi::sqlite3_hard_heap_limit64(heap) };
}
