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
