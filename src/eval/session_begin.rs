//! `db.session.begin()` (SQLAlchemy's `Session.begin`): the session's
//! transaction begun explicitly, refused with SQLAlchemy's
//! InvalidRequestError when it has already begun (autobegin: any query,
//! `add`, change since the last commit or rollback); as a `with` block it
//! commits when the body succeeds and rolls back when it fails, the
//! body's error going on — unless a commit or rollback inside the block
//! ended the transaction first (`SessionTransaction.__exit__`).
//! `begin(nested=True)` is `begin_nested()` (`eval::session_nested`).

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::value::{Object, Value};

/// What `db.session.no_autoflush` gives (SQLAlchemy's context manager of
/// that name): on entry it keeps `autoflush` and sets it False, on exit
/// puts it back; `as` binds the session.
#[derive(Default)]
pub struct NoAutoflush {
    /// `autoflush` as it was on entry.
    pub saved: std::cell::RefCell<Option<Value>>,
}

impl Object for NoAutoflush {
    fn type_name(&self) -> &str {
        "_GeneratorContextManager"
    }
}

/// What `db.session.begin()` and `begin_nested()` give (SQLAlchemy's
/// `SessionTransaction`).
pub struct SessionTx {
    /// `Session::transactions_ended` when it began: a different count
    /// means a commit or rollback ended it.
    pub mark: u64,
    /// A nested transaction's id (`orm::nested`); None for the session's
    /// transaction.
    pub nested: Option<u64>,
    /// The enclosing `SessionTransaction` (`parent`): None for the
    /// session's transaction.
    pub parent: Option<Value>,
}

impl Object for SessionTx {
    fn type_name(&self) -> &str {
        "SessionTransaction"
    }
}

impl Interp {
    /// `db.session.begin(nested=False)`.
    pub(crate) fn session_begin(&mut self, mut a: Args) -> Result<Value> {
        let nested = a.take_kw("nested").is_some_and(|v| v.truthy());
        a.count(0, 0)?;
        if nested {
            return self.session_begin_nested();
        }
        if self.session.in_transaction() {
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                "A transaction is already begun on this Session.",
            )
            .with_help("db.session.commit() or db.session.rollback() first; the session begins a transaction by itself on its first query, add or change"));
        }
        self.session.autobegin();
        Ok(self.root_tx())
    }

    /// The session's transaction as a `SessionTransaction`: the one given
    /// before in this transaction, if any (so `sp.parent is t` holds).
    pub(crate) fn root_tx(&mut self) -> Value {
        let mark = self.session.transactions_ended();
        if let Some((m, v)) = &self.session.root_handle
            && *m == mark
        {
            return v.clone();
        }
        let v = Value::obj(SessionTx {
            mark,
            nested: None,
            parent: None,
        });
        self.session.root_handle = Some((mark, v.clone()));
        v
    }

    /// Is the transaction `t` began still the session's?
    pub(crate) fn tx_active(&self, t: &SessionTx) -> bool {
        match t.nested {
            Some(id) => self.nested_active(id),
            None => self.session.transactions_ended() == t.mark,
        }
    }

    /// `t.commit()`: flush, then COMMIT (nothing once it has ended).
    pub(crate) fn tx_commit(&mut self, t: &SessionTx) -> Result<()> {
        if let Some(id) = t.nested {
            return self.nested_commit(id);
        }
        if !self.tx_active(t) {
            return Err(closed());
        }
        self.flush_until_clean()?;
        self.session.commit()?;
        crate::interrupt::check()
    }

    /// `t.rollback()`.
    pub(crate) fn tx_rollback(&mut self, t: &SessionTx) -> Result<()> {
        if let Some(id) = t.nested {
            return self.nested_rollback(id);
        }
        if self.tx_active(t) {
            self.session.rollback()?;
        }
        Ok(())
    }

    /// The end of `with db.session.begin():` — commit, or roll back when
    /// the body failed (its error is the one that goes on).
    pub(crate) fn tx_exit(&mut self, t: &SessionTx, failed: bool) -> Result<()> {
        if let Some(id) = t.nested {
            return self.nested_exit(id, failed);
        }
        // A flush in the block failed, which left the session waiting for
        // `rollback()`: leaving the block is that rollback, as
        // SQLAlchemy's `SessionTransaction.__exit__` rolls it back.
        if failed
            && self.session.engine.pending_rollback()
            && !self.session.engine.prepared()
            && self.session.transactions_ended() == t.mark + 1
        {
            let _ = self.session.rollback();
            return Ok(());
        }
        if !self.tx_active(t) {
            return Ok(());
        }
        if failed {
            let _ = self.session.rollback();
            return Ok(());
        }
        let r = self.tx_commit(t);
        // The commit's flush failed: SQLAlchemy's `__exit__` rolls the
        // transaction back as the error goes on, so the session is ready
        // for use (no `PendingRollbackError`).
        if r.is_err() && self.session.engine.pending_rollback() && !self.session.engine.prepared() {
            let _ = self.session.rollback();
        }
        r
    }
}

fn closed() -> Error {
    Error::new(
        ErrorKind::InvalidRequestError,
        "This session transaction is closed; a commit or rollback ended it",
    )
}

/// `SessionTransaction.commit()`.
pub fn commit(me: &mut Interp, t: &std::rc::Rc<SessionTx>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    me.tx_commit(t)?;
    Ok(Value::None)
}

/// `SessionTransaction.rollback()`.
pub fn rollback(me: &mut Interp, t: &std::rc::Rc<SessionTx>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    me.tx_rollback(t)?;
    Ok(Value::None)
}

/// `SessionTransaction.is_active`.
pub fn is_active(me: &mut Interp, t: &std::rc::Rc<SessionTx>) -> Result<Value> {
    Ok(Value::Bool(me.tx_active(t)))
}

/// `SessionTransaction.nested`: whether it is a SAVEPOINT.
pub fn nested(_: &mut Interp, t: &std::rc::Rc<SessionTx>) -> Result<Value> {
    Ok(Value::Bool(t.nested.is_some()))
}

/// `SessionTransaction.parent`: the enclosing transaction, None for the
/// session's.
pub fn parent(_: &mut Interp, t: &std::rc::Rc<SessionTx>) -> Result<Value> {
    Ok(t.parent.clone().unwrap_or(Value::None))
}
