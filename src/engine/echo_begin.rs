//! The transaction lines of the echo as SQLAlchemy logs them. ormsh opens
//! SQLite's transaction only before a write (reads run in a snapshot), but
//! SQLAlchemy's session begins its connection's transaction on any
//! statement, a SELECT too: `BEGIN (implicit)` is logged before the first
//! query after a commit or rollback, and that commit or rollback is logged
//! even when nothing was written. These lines are echo only: no statement
//! runs for them, and none is counted.
//!
//! SQLAlchemy's connection decides when it is made whether it logs
//! (`Connection._echo`), and logs only while the engine's logger does too:
//! `db.engine.echo = True` set while the session's transaction is open
//! shows nothing of it, its COMMIT included; the next transaction logs
//! from its `BEGIN (implicit)`. `echo = False` stops the log at once.

use super::Engine;
use super::echo_log::Cached;
use crate::sql::ast::Param;
use crate::sql::dialect_pg::params_dict_repr;

impl Engine {
    /// Before a session query: `BEGIN (implicit)` unless the session's
    /// connection has begun (SQLAlchemy's autobegin on a SELECT).
    pub(super) fn echo_read_begins(&self) {
        if !self.echo_begun.replace(true) {
            self.conn_echo.set(Some(self.echo.get()));
            if !self.in_transaction.get() {
                self.echo_line("BEGIN (implicit)", &[], Cached::Compiled);
            }
        }
    }

    /// The session's transaction begins before a write: `BEGIN (implicit)`
    /// logged and counted, unless a read already began it in the log.
    pub(super) fn log_begin(&self) {
        if self.echo_begun.replace(true) {
            self.statements.set(self.statements.get() + 1);
        } else {
            self.conn_echo.set(Some(self.echo.get()));
            self.log("BEGIN (implicit)", &[], Cached::Compiled);
        }
    }

    /// At a commit or rollback: a transaction that only read is ended in
    /// the log as SQLAlchemy ends it (`COMMIT`/`ROLLBACK`); one that wrote
    /// logs its own.
    pub(super) fn echo_read_ends(&self, word: &str) {
        if self.echo_begun.replace(false) && !self.in_transaction.get() {
            self.echo_line(word, &[], Cached::Compiled);
        }
    }

    /// The session's transaction has ended: its connection goes back to
    /// the pool, and the next one decides afresh whether it logs.
    pub(super) fn echo_released(&self) {
        self.conn_echo.set(None);
    }

    /// Does the statement's connection log? The session's as decided when
    /// it began; another (between transactions) as the engine is now.
    pub(super) fn connection_logs(&self) -> bool {
        self.conn_echo.get().unwrap_or(true)
    }

    /// The statements SQLAlchemy's PostgreSQL dialect runs on the pool's
    /// first connection (`PGDialect.initialize`), logged when the log is
    /// on then: the server's version, the current schema, and
    /// `standard_conforming_strings`.
    pub(super) fn echo_first_connect(&self) {
        if self.pg().is_none() {
            return;
        }
        for sql in [
            "select pg_catalog.version()",
            "select current_schema()",
            "show standard_conforming_strings",
        ] {
            self.log_as_python(sql, &[], Cached::Raw);
        }
    }

    /// `create_all`/`drop_all`'s check of which of the metadata's
    /// `tables` exist, as SQLAlchemy's PostgreSQL dialect runs it in the
    /// log: one query of `pg_catalog.pg_class` for them all
    /// (`PGDialect.get_table_names` filtered, SQLAlchemy 2.0's
    /// `_get_relnames_for_table`), its values a dict in the order
    /// SQLAlchemy binds them. Logged only: ormsh reads its catalog once.
    pub fn echo_has_tables(&self, tables: &[&str]) {
        if !self.echo_log.logging.get() || self.pg().is_none() || tables.is_empty() {
            return;
        }
        let ins: Vec<String> = (1..=tables.len())
            .map(|i| format!("%(table_names_{i})s"))
            .collect();
        let sql = format!(
            "SELECT pg_catalog.pg_class.relname \nFROM pg_catalog.pg_class JOIN pg_catalog.pg_namespace ON pg_catalog.pg_namespace.oid = pg_catalog.pg_class.relnamespace \nWHERE pg_catalog.pg_class.relname IN ({}) AND pg_catalog.pg_class.relkind = ANY (ARRAY[%(param_1)s, %(param_2)s, %(param_3)s, %(param_4)s, %(param_5)s]) AND pg_catalog.pg_table_is_visible(pg_catalog.pg_class.oid) AND pg_catalog.pg_namespace.nspname != %(nspname_1)s",
            ins.join(", ")
        );
        let mut names: Vec<String> = (1..=5).map(|i| format!("param_{i}")).collect();
        names.push("nspname_1".into());
        let mut values: Vec<Param> = ["r", "p", "f", "v", "m", "pg_catalog"]
            .iter()
            .map(|s| Param::Text((*s).into()))
            .collect();
        for (i, t) in tables.iter().enumerate() {
            names.push(format!("table_names_{}", i + 1));
            values.push(Param::Text((*t).into()));
        }
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let shown = params_dict_repr(&names, &values);
        self.echo_line_shown(&sql, &shown, Cached::Compiled);
    }

    /// One statement of SQLAlchemy's own in its log, its parameters as
    /// `shown`, when the log is on (not counted as run).
    fn echo_line_shown(&self, sql: &str, shown: &str, kind: Cached) {
        if self.echo.get() && self.echo_log.logging.get() && self.connection_logs() {
            self.log_python_shown(sql, &|| shown.to_owned(), kind);
        }
    }

    /// `create_all`/`drop_all`'s check that a table exists, as
    /// SQLAlchemy's SQLite dialect runs it in the log (`has_table`:
    /// `PRAGMA main.table_info("t")`, then `temp`'s when main has no such
    /// table). Logged only: ormsh reads its catalog once.
    pub fn echo_has_table(&self, table: &str, exists: bool) {
        if !self.echo_log.logging.get() || self.lite().is_none() {
            return;
        }
        let quoted = format!("\"{}\"", table.replace('"', "\"\""));
        for schema in ["main", "temp"] {
            self.echo_line(
                &format!("PRAGMA {schema}.table_info({quoted})"),
                &[],
                Cached::Raw,
            );
            if exists {
                break;
            }
        }
    }
}
