//! The SAVEPOINTs of the session's nested transactions, as SQLAlchemy's
//! `Connection.begin_nested` runs them (`NestedTransaction`): a nested
//! transaction takes its savepoint only right before the first statement
//! run inside it (SQLAlchemy's `SessionTransaction._connection_for_bind`),
//! outer ones first, each named `sa_savepoint_N` by the connection's
//! counter (`Connection._savepoint_impl`), which starts again with each
//! transaction of the session (a new connection from the pool). Ending a
//! nested transaction whose savepoint was never taken runs nothing. The
//! statements' text is the dialect's (`Dialect::savepoint`).
//!
//! pysqlite, the reference's SQLite driver, sends no BEGIN before a
//! SAVEPOINT: a savepoint taken while the session's transaction has
//! written nothing opens SQLite's transaction itself, and its RELEASE
//! then commits everything, whatever the session does after (a later
//! `rollback()` no longer undoes it). ormsh does the same on SQLite (it
//! opens with its own `BEGIN IMMEDIATE`, for the lock, and commits when
//! that savepoint is released); PostgreSQL's driver begins first, so
//! there a savepoint never commits anything.
//!
//! Each savepoint statement is a barrier for the running statement's undo
//! (`undo_statement`), as a commit is: the statement's own savepoint is
//! released first, so it never encloses a nested transaction's.

use std::cell::{Cell, RefCell};

use super::echo_log::Cached;
use super::{Engine, StatementMark};
use crate::error::Result;
use crate::sql::dialect::SavepointOp;

/// The nested transactions open on the session's connection.
#[derive(Default)]
pub struct Savepoints {
    /// One per open nested transaction, outermost first: the name of its
    /// savepoint once taken.
    levels: RefCell<Vec<Option<String>>>,
    /// A failed flush left the innermost nested transaction inactive.
    inactive: Cell<bool>,
    /// The connection's savepoint counter (`Connection.__savepoint_seq`).
    seq: Cell<u32>,
    /// The level whose SAVEPOINT opened SQLite's transaction (pysqlite's
    /// way, above): its RELEASE commits.
    opener: Cell<Option<usize>>,
}

impl Engine {
    /// A nested transaction begins: its savepoint waits for the first
    /// statement run inside it.
    pub fn begin_nested(&self) {
        self.savepoints.levels.borrow_mut().push(None);
    }

    /// A failed flush left the innermost nested transaction inactive
    /// (`on`), or it ended: statements wait for it as for `rollback()`.
    pub fn set_nested_inactive(&self, on: bool) {
        self.savepoints.inactive.set(on);
        self.set_pending_rollback(on);
    }

    /// The `PendingRollbackError` for a statement run now.
    pub fn pending_rollback_err(&self) -> crate::error::Error {
        if self.prepared() {
            return super::errors::prepared_error();
        }
        super::pending_rollback_error(self.savepoints.inactive.get(), &self.pending_cause.borrow())
    }

    /// How many nested transactions are open.
    pub fn nested_depth(&self) -> usize {
        self.savepoints.levels.borrow().len()
    }

    /// Whether a nested transaction waits to take its savepoint.
    pub(super) fn savepoint_waits(&self) -> bool {
        self.savepoints.levels.borrow().iter().any(Option::is_none)
    }

    /// Before a statement of the session runs inside nested transactions:
    /// take the savepoints not taken yet, outermost first, opening the
    /// session's transaction if it is not open.
    pub(super) fn take_savepoints(&self) -> Result<()> {
        if !self.savepoint_waits() {
            return Ok(());
        }
        let opens = !self.in_transaction.get();
        if opens {
            self.open_transaction()?;
        }
        self.take_waiting(opens)
    }

    /// Take the savepoints not taken yet; `opens`: the session's
    /// transaction was opened for them (nothing ran in it before).
    pub(super) fn take_waiting(&self, opens: bool) -> Result<()> {
        if !opens {
            self.statement_undo_barrier();
        }
        let n = self.nested_depth();
        for i in 0..n {
            if self.savepoints.levels.borrow()[i].is_some() {
                continue;
            }
            let seq = self.savepoints.seq.get() + 1;
            self.savepoints.seq.set(seq);
            let name = format!("sa_savepoint_{seq}");
            let sql = self.dialect().savepoint(SavepointOp::Take, &name);
            self.log(&sql, &[], Cached::NoKey);
            self.batch(&sql)?;
            if opens && self.lite().is_some() && self.savepoints.opener.get().is_none() {
                self.savepoints.opener.set(Some(i));
            }
            self.savepoints.levels.borrow_mut()[i] = Some(name);
        }
        Ok(())
    }

    /// The innermost nested transaction commits: `RELEASE SAVEPOINT`, if
    /// its savepoint was taken (and, for the one that opened SQLite's
    /// transaction, the commit pysqlite makes of it).
    pub fn release_nested(&self) -> Result<()> {
        let _shield = crate::interrupt::shield();
        let depth = self.nested_depth();
        let Some(Some(name)) = self.savepoints.levels.borrow_mut().pop() else {
            return Ok(());
        };
        self.statement_undo_barrier();
        let sql = self.dialect().savepoint(SavepointOp::Release, &name);
        self.log(&sql, &[], Cached::NoKey);
        self.batch(&sql)?;
        if self.savepoints.opener.get() == Some(depth - 1) {
            self.savepoints.opener.set(None);
            let commit = if self.sandbox.get() {
                "RELEASE SAVEPOINT ormsh_session"
            } else {
                "COMMIT"
            };
            self.batch(commit)?;
            self.in_transaction.set(false);
            self.commits.set(self.commits.get() + 1);
            self.transaction_ends();
        }
        Ok(())
    }

    /// The innermost nested transaction rolls back: `ROLLBACK TO
    /// SAVEPOINT`, if its savepoint was taken. Never stopped by Ctrl-C.
    pub fn rollback_nested(&self) -> Result<()> {
        let _shield = crate::interrupt::shield();
        let depth = self.nested_depth();
        let Some(Some(name)) = self.savepoints.levels.borrow_mut().pop() else {
            return Ok(());
        };
        if self.savepoints.opener.get() == Some(depth - 1) {
            // SQLite's transaction stays open (pysqlite leaves it so).
            self.savepoints.opener.set(None);
        }
        self.statement_undo_barrier();
        let sql = self.dialect().savepoint(SavepointOp::RollbackTo, &name);
        self.log(&sql, &[], Cached::NoKey);
        if self.in_transaction.get() && !self.autocommit() {
            self.batch(&sql)?;
        }
        Ok(())
    }

    /// The session's transaction ended: the next connection counts its
    /// savepoints from 1. The session ends its nested transactions first;
    /// any still open (an interrupted statement's undo rolled the
    /// transaction back under them) take their savepoints afresh.
    pub(super) fn forget_savepoints(&self) {
        for level in self.savepoints.levels.borrow_mut().iter_mut() {
            *level = None;
        }
        self.savepoints.seq.set(0);
        self.savepoints.opener.set(None);
        self.savepoints.inactive.set(false);
    }

    /// A savepoint statement is about to run: the running statement's own
    /// savepoint is released (its earlier writes can no longer be undone
    /// apart), and its later writes take a new one.
    fn statement_undo_barrier(&self) {
        if let Some(m) = self.statement.get() {
            if m.savepoint && !self.autocommit() {
                let _ = self.batch("RELEASE ormsh_statement");
            }
            self.statement.set(Some(StatementMark {
                tx_before: self.in_transaction.get(),
                savepoint: false,
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        let e = Engine::open(None, false).expect("memory database");
        e.execute_ddl("CREATE TABLE t (a INTEGER)").expect("table");
        e
    }

    fn rows(e: &Engine) -> i64 {
        let c = e.lite().expect("sqlite");
        c.query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .expect("count")
    }

    fn insert(e: &Engine) {
        e.begin().expect("begin");
        e.execute_with("INSERT INTO t VALUES (1)", &[])
            .expect("insert");
    }

    /// pysqlite's way: the savepoint that opened the transaction commits
    /// at its release, so the session's rollback keeps its row.
    #[test]
    fn releasing_the_savepoint_that_opened_the_transaction_commits() {
        let e = engine();
        e.begin_nested();
        insert(&e);
        assert!(e.in_transaction());
        e.release_nested().expect("release");
        assert!(!e.in_transaction());
        e.rollback().expect("rollback");
        assert_eq!(rows(&e), 1);
    }

    /// After a write, a savepoint nests in the transaction: released, its
    /// row goes with the transaction's rollback; rolled back to, its row
    /// goes at once and the transaction stays open.
    #[test]
    fn a_savepoint_after_a_write_nests() {
        let e = engine();
        insert(&e);
        e.begin_nested();
        insert(&e);
        e.release_nested().expect("release");
        assert!(e.in_transaction());
        e.begin_nested();
        insert(&e);
        assert_eq!(rows(&e), 3);
        e.rollback_nested().expect("rollback to");
        assert_eq!(rows(&e), 2);
        assert!(e.in_transaction());
        e.rollback().expect("rollback");
        assert_eq!(rows(&e), 0);
    }

    /// A nested transaction that ran nothing takes no savepoint, and
    /// ending it runs nothing; the names count on within a transaction.
    #[test]
    fn savepoints_are_taken_only_before_a_statement() {
        let e = engine();
        let before = e.statements();
        e.begin_nested();
        e.rollback_nested().expect("rollback to");
        assert_eq!(e.statements(), before);
        e.begin_nested();
        e.begin_nested();
        insert(&e);
        let names: Vec<Option<String>> = e.savepoints.levels.borrow().clone();
        assert_eq!(
            names,
            [Some("sa_savepoint_1".into()), Some("sa_savepoint_2".into())]
        );
        assert_eq!(e.nested_depth(), 2);
    }
}
