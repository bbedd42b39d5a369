//! The transaction lines of the echo as SQLAlchemy logs them. ormsh opens
//! SQLite's transaction only before a write (reads run in a snapshot), but
//! SQLAlchemy's session begins its connection's transaction on any
//! statement, a SELECT too: `BEGIN (implicit)` is logged before the first
//! query after a commit or rollback, and that commit or rollback is logged
//! even when nothing was written. These lines are echo only: no statement
//! runs for them, and none is counted.

use super::Engine;
use super::echo_log::Cached;

impl Engine {
    /// Before a session query: `BEGIN (implicit)` unless the session's
    /// connection has begun (SQLAlchemy's autobegin on a SELECT).
    pub(super) fn echo_read_begins(&self) {
        if !self.echo_begun.replace(true) && !self.in_transaction.get() {
            self.echo_line("BEGIN (implicit)", &[], Cached::Compiled);
        }
    }

    /// The session's transaction begins before a write: `BEGIN (implicit)`
    /// logged and counted, unless a read already began it in the log.
    pub(super) fn log_begin(&self) {
        if self.echo_begun.replace(true) {
            self.statements.set(self.statements.get() + 1);
        } else {
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
}
