//! Transactions on the one connection: the session's (`BEGIN IMMEDIATE`,
//! commit, rollback), each statement's read snapshot, the sandbox's outer
//! transaction, and the statement savepoint that lets an interrupted
//! statement be undone (`undo_statement`).

use super::{DbUndo, Engine, StatementMark};
use crate::error::Result;

impl Engine {
    /// Open the session's transaction unless it is open (SQLAlchemy's
    /// autobegin); called only right before a write.
    ///
    /// The transaction takes the write lock at once (`BEGIN IMMEDIATE`),
    /// waiting for it up to the busy timeout: SQLite never waits when a
    /// transaction that has read tries to start writing (that could
    /// deadlock), so a deferred `BEGIN` followed by a read — the
    /// statement's snapshot, a lazy load in the flush — would fail at once
    /// with "database is locked" whatever `--busy-timeout` says. The
    /// statement's read snapshot, if open, is closed first; its later
    /// queries read inside the new transaction.
    /// Inside nested transactions, their savepoints are taken first
    /// (`savepoint`).
    pub fn begin(&self) -> Result<()> {
        if self.in_transaction.get() {
            self.take_savepoints()?;
            return self.statement_savepoint();
        }
        self.open_transaction()?;
        if self.savepoint_waits() {
            return self.take_waiting(true);
        }
        Ok(())
    }

    /// Open the session's transaction (it is not open).
    pub(super) fn open_transaction(&self) -> Result<()> {
        self.close_snapshot();
        self.log_begin();
        let sql = if self.sandbox.get() {
            "SAVEPOINT ormsh_session"
        } else {
            self.begin_sql()
        };
        self.batch(sql)?;
        self.in_transaction.set(true);
        self.begun_at.set(self.write_mark());
        Ok(())
    }

    /// Whether the session's transaction wrote anything — rows changed or
    /// the schema altered — that a rollback would discard. A transaction
    /// whose only statements failed wrote nothing.
    pub fn has_writes(&self) -> bool {
        self.in_transaction.get() && self.write_mark() != self.begun_at.get()
    }

    /// A statement starts: the queries it runs outside the session's
    /// transaction share one read snapshot, so the statement sees one
    /// consistent database and SQLite locks the file once, not per query.
    pub fn start_snapshot(&self) {
        self.snapshot_ok.set(true);
    }

    /// The statement has ended: close its read snapshot, if one was opened
    /// (no other connection's writer waits on a shell idle at its prompt).
    pub fn end_snapshot(&self) {
        self.snapshot_ok.set(false);
        self.close_snapshot();
    }

    /// Close the read snapshot now, before a transaction of the tool's own
    /// (the statement's next query opens a fresh one).
    pub fn close_snapshot(&self) {
        if self.reading.replace(false) && self.batch("COMMIT").is_err() {
            let _ = self.batch("ROLLBACK");
        }
    }

    /// Open the statement's read snapshot before its first query.
    pub(crate) fn read_snapshot(&self) {
        if self.snapshot_ok.get()
            && !self.reading.get()
            && !self.in_transaction.get()
            && self.autocommit()
            && self.batch(self.snapshot_sql()).is_ok()
        {
            self.reading.set(true);
        }
    }

    /// Start `--sandbox`: one transaction for the whole run.
    pub fn start_sandbox(&self) -> Result<()> {
        self.batch(self.sandbox_begin_sql())?;
        if let Some(pg) = self.pg() {
            pg.pin();
        }
        self.sandbox.set(true);
        self.sandboxed.set(true);
        Ok(())
    }

    /// Whether the connection ran as `--sandbox` (now or earlier).
    pub fn was_sandbox(&self) -> bool {
        self.sandboxed.get()
    }

    /// End `--sandbox`: roll everything back.
    pub fn end_sandbox(&self) -> Result<()> {
        if self.sandbox.get() {
            self.sandbox.set(false);
            self.in_transaction.set(false);
            if !self.autocommit() {
                self.batch("ROLLBACK")?;
            }
        }
        Ok(())
    }

    /// Whether `--sandbox`'s transaction is open now.
    pub fn is_sandbox(&self) -> bool {
        self.sandbox.get()
    }

    pub fn commit(&self) -> Result<()> {
        self.transaction_ends();
        self.forget_savepoints();
        self.echo_read_ends("COMMIT");
        if !self.in_transaction.get() {
            self.echo_released();
        }
        if self.in_transaction.get() {
            self.log("COMMIT", &[], super::echo_log::Cached::Compiled);
            self.echo_released();
            self.in_transaction.set(false);
            let (commit, undo) = if self.sandbox.get() {
                (
                    "RELEASE SAVEPOINT ormsh_session",
                    "ROLLBACK TO SAVEPOINT ormsh_session; RELEASE SAVEPOINT ormsh_session",
                )
            } else {
                ("COMMIT", "ROLLBACK")
            };
            if let Err(e) = self.batch(commit) {
                let _ = self.batch(undo);
                // A lost connection is made again by the next statement.
                if let Some(pg) = self.pg() {
                    pg.forget_lost();
                }
                return Err(e);
            }
            self.commits.set(self.commits.get() + 1);
        }
        Ok(())
    }

    /// A statement begins: remember where the database stands.
    pub fn begin_statement(&self) {
        self.end_statement();
        self.statement.set(Some(StatementMark {
            tx_before: self.in_transaction.get(),
            savepoint: false,
        }));
    }

    /// The statement ended normally: its writes stay in the transaction.
    pub fn end_statement(&self) {
        if let Some(m) = self.statement.take()
            && m.savepoint
            && !self.autocommit()
        {
            let _ = self.batch("RELEASE ormsh_statement");
        }
    }

    /// Before the statement's first write into a transaction that was
    /// already open: a savepoint to undo it by.
    pub(crate) fn statement_savepoint(&self) -> Result<()> {
        if let Some(m) = self.statement.get()
            && m.tx_before
            && !m.savepoint
        {
            self.batch("SAVEPOINT ormsh_statement")?;
            self.statement.set(Some(StatementMark {
                savepoint: true,
                ..m
            }));
        }
        Ok(())
    }

    /// On PostgreSQL, before any statement of the session's transaction
    /// (a read too): a failed or cancelled statement aborts the whole
    /// transaction there, so an interrupted one is undone by rolling back
    /// to the statement's savepoint, which keeps what earlier statements
    /// left pending (`undo_statement`).
    pub(crate) fn pg_statement_savepoint(&self) -> Result<()> {
        if self.pg().is_some() && self.in_transaction.get() {
            self.statement_savepoint()?;
        }
        Ok(())
    }

    /// Run `f` inside a savepoint of its own on PostgreSQL when a
    /// transaction is open on the connection, rolled back to when `f`
    /// fails: a failed statement of ormsh's own (`.sql`) undoes only
    /// itself instead of aborting the transaction, as on SQLite. `f` must
    /// not begin or end savepoints itself.
    pub(crate) fn pg_guarded<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        if self.pg().is_none() || self.autocommit() {
            return f();
        }
        self.batch("SAVEPOINT ormsh_sql")?;
        let result = f();
        let _shield = crate::interrupt::shield();
        let end = if result.is_ok() {
            "RELEASE SAVEPOINT ormsh_sql"
        } else {
            "ROLLBACK TO SAVEPOINT ormsh_sql; RELEASE SAVEPOINT ormsh_sql"
        };
        if let Err(e) = self.batch(end) {
            return result.and(Err(e));
        }
        result
    }

    /// The session's transaction commits or rolls back: what the statement
    /// did before cannot be undone, and no transaction is open any more.
    pub(crate) fn transaction_ends(&self) {
        if self.statement.get().is_some() {
            self.statement.set(Some(StatementMark {
                tx_before: false,
                savepoint: false,
            }));
        }
    }

    /// Undo the running statement's writes (it was interrupted) and end it.
    pub fn undo_statement(&self) -> DbUndo {
        // A Ctrl-C that lands now must not stop the ROLLBACK itself.
        let _shield = crate::interrupt::shield();
        let Some(m) = self.statement.take() else {
            return DbUndo::Nothing;
        };
        if !self.in_transaction.get() {
            return DbUndo::Nothing;
        }
        if self.autocommit() {
            // SQLite rolled the transaction back by itself (an interrupted
            // write does that); in the sandbox, its outer one too.
            self.in_transaction.set(false);
            if self.sandbox.get() {
                let _ = self.batch(self.sandbox_begin_sql());
            }
            return if m.tx_before || self.sandbox.get() {
                DbUndo::Lost
            } else {
                DbUndo::Restored
            };
        }
        if m.savepoint {
            let undone = self.batch("ROLLBACK TO ormsh_statement; RELEASE ormsh_statement");
            return if undone.is_ok() {
                DbUndo::Restored
            } else {
                let _ = self.rollback();
                DbUndo::Lost
            };
        }
        if m.tx_before {
            return DbUndo::Nothing;
        }
        let _ = self.rollback();
        DbUndo::Restored
    }

    /// How many session transactions were committed so far.
    pub fn commits(&self) -> u64 {
        self.commits.get()
    }

    /// End the session's transaction, undoing its writes. Never stopped by
    /// Ctrl-C (a `Shield`): an interrupted ROLLBACK would leave SQLite in a
    /// transaction the session believes ended.
    pub fn rollback(&self) -> Result<()> {
        let _shield = crate::interrupt::shield();
        let result = self.rollback_shielded();
        // A lost connection is made again by the next statement.
        if let Some(pg) = self.pg() {
            pg.forget_lost();
        }
        result
    }

    fn rollback_shielded(&self) -> Result<()> {
        self.transaction_ends();
        self.forget_savepoints();
        self.echo_read_ends("ROLLBACK");
        if !self.in_transaction.get() {
            self.echo_released();
        }
        if self.in_transaction.get() {
            self.log("ROLLBACK", &[], super::echo_log::Cached::Compiled);
            self.echo_released();
            self.in_transaction.set(false);
            if self.sandbox.get() {
                self.batch("ROLLBACK TO SAVEPOINT ormsh_session; RELEASE SAVEPOINT ormsh_session")?;
            } else if !self.autocommit()
                && let Err(e) = self.batch("ROLLBACK")
            {
                // An interrupt issued just before the shield was taken
                // lapses once no statement runs: one more try ends it.
                if !self.autocommit() {
                    self.batch("ROLLBACK").map_err(|_| e)?;
                }
            }
        }
        Ok(())
    }
}
