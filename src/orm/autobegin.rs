//! Whether the session's transaction has begun, as SQLAlchemy's session
//! tracks it (`Session._transaction`, `_autobegin_t`): it begins on any
//! statement run for the session (a query, a flush, a lazy load — not
//! DDL), an object attached (`add`, `delete`, `merge`) or an attached
//! object modified, and on `begin()`; commit, rollback and close end it.
//! `with db.session.begin():` reads this (`eval::session_begin`): SQLAlchemy
//! refuses `begin()` inside a transaction.

use crate::orm::session::Session;

/// The session's transaction, as far as `begin()` is concerned.
#[derive(Default)]
pub struct TxState {
    /// An object was attached or modified, or `begin()` ran, since the
    /// transaction last ended.
    touched: bool,
    /// `Engine::session_work` when the transaction last ended.
    work_mark: u64,
    /// Transactions ended so far: a `begin()` block ends its own
    /// transaction only if no commit or rollback inside it did.
    ended: u64,
}

impl Session {
    /// SQLAlchemy's `_autobegin_t` for what is not a statement: an object
    /// attached or modified.
    pub(crate) fn autobegin(&mut self) {
        self.tx.touched = true;
    }

    /// Has the session's transaction begun (SQLAlchemy's
    /// `Session.in_transaction()`)?
    pub fn in_transaction(&self) -> bool {
        self.tx.touched || self.engine.session_work() != self.tx.work_mark
    }

    /// The transaction ended (commit, rollback, close).
    pub(crate) fn transaction_ended(&mut self) {
        // A new transaction begins: statements run again
        // (`orm::pending_rollback`).
        self.engine.set_pending_rollback(false);
        self.tx.touched = false;
        self.tx.work_mark = self.engine.session_work();
        self.tx.ended += 1;
    }

    /// How many transactions have ended: the mark a `begin()` block keeps.
    pub fn transactions_ended(&self) -> u64 {
        self.tx.ended
    }
}
