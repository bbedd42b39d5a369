//! `db.session.begin_nested()` (SQLAlchemy's `Session.begin_nested`, a
//! `SessionTransaction` with `nested=True`): it flushes first, then opens
//! a nested transaction whose SAVEPOINT is taken before its first
//! statement (`orm::nested`, `engine::savepoint`). Its `commit()` flushes
//! and releases it (inner ones first), `rollback()` rolls it back (inner
//! ones first); once ended both are `ResourceClosedError`, and after a
//! flush failed inside it `commit()` is `PendingRollbackError` while
//! `rollback()` ends it. As a `with` block it commits when the body
//! succeeds, rolls back when it fails (the body's error going on), and
//! one a failed flush left inactive is ended either way. The `Session`'s
//! `in_nested_transaction()`, `get_nested_transaction()` and
//! `in_transaction()` are not on Flask-SQLAlchemy's `scoped_session`
//! (`db.session`): they are the session's, `db.session()`.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::{Namespace, Ns};
use crate::eval::session_begin::SessionTx;
use crate::value::Value;

impl Interp {
    /// `db.session.begin_nested()`, `db.session.begin(nested=True)`.
    pub(crate) fn session_begin_nested(&mut self) -> Result<Value> {
        // SQLAlchemy's `_begin` asks for an active transaction.
        if self.session.engine.pending_rollback() {
            return Err(crate::orm::pending_rollback::error(&self.session.engine));
        }
        self.session.autobegin();
        // `_take_snapshot`: the nested transaction begins flushed.
        self.flush()?;
        let parent = match self.session.innermost_nested() {
            Some(n) => n.handle.clone(),
            None => Some(self.root_tx()),
        };
        let id = self.session.begin_nested();
        let handle = Value::obj(SessionTx {
            mark: self.session.transactions_ended(),
            nested: Some(id),
            parent,
        });
        self.session.set_nested_handle(handle.clone());
        Ok(handle)
    }

    /// Is nested transaction `id` open, and not left inactive by a failed
    /// flush?
    pub(crate) fn nested_active(&self, id: u64) -> bool {
        (self.session.nested_level(id)).is_some_and(|i| !self.session.nested[i].deactive)
    }

    /// `sp.commit()`: the nested transactions inside it commit first,
    /// then it flushes and releases its SAVEPOINT.
    pub(crate) fn nested_commit(&mut self, id: u64) -> Result<()> {
        let level = self.session.nested_level(id).ok_or_else(closed)?;
        // It, or one inside it a failed flush left inactive, cannot
        // commit (SQLAlchemy commits the inner ones first, and an inactive
        // one refuses); it stays open.
        if self.session.nested[level..].iter().any(|n| n.deactive) {
            return Err(crate::orm::pending_rollback::error(&self.session.engine));
        }
        while self.session.nested_depth() > level + 1 {
            self.flush_until_clean()?;
            self.session.commit_nested()?;
        }
        self.flush_until_clean()?;
        self.session.commit_nested()?;
        crate::interrupt::check()
    }

    /// `sp.rollback()`: the nested transactions inside it roll back
    /// first, then it does.
    pub(crate) fn nested_rollback(&mut self, id: u64) -> Result<()> {
        let level = self.session.nested_level(id).ok_or_else(closed)?;
        while self.session.nested_depth() > level {
            self.session.rollback_nested()?;
        }
        Ok(())
    }

    /// The end of `with db.session.begin_nested():` (SQLAlchemy's
    /// `TransactionalContext.__exit__`).
    pub(crate) fn nested_exit(&mut self, id: u64, failed: bool) -> Result<()> {
        if self.session.nested_level(id).is_none() {
            // A commit or rollback inside the block ended it.
            return Ok(());
        }
        if failed || !self.nested_active(id) {
            return self.nested_rollback(id);
        }
        let r = self.nested_commit(id);
        if r.is_err() && self.session.nested_level(id).is_some() {
            let _ = self.nested_rollback(id);
        }
        r
    }
}

/// A nested transaction used after its commit or rollback (SQLAlchemy's
/// `CLOSED` state).
fn closed() -> Error {
    Error::new(ErrorKind::ResourceClosedError, "This transaction is closed")
        .with_help("a commit or rollback ended this nested transaction; db.session.begin_nested() begins another")
}

/// `db.session()`: the `scoped_session` called gives its `Session`,
/// ormsh's one session (`Ns::OrmSession`).
pub fn scoped_call(a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Interp::namespace(Ns::OrmSession))
}

/// `Session.in_nested_transaction()`.
pub fn in_nested_transaction(me: &mut Interp, _: &Rc<Namespace>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::Bool(me.session.nested_depth() > 0))
}

/// `Session.get_nested_transaction()`: the innermost nested
/// transaction's `SessionTransaction`, or None.
pub fn get_nested_transaction(me: &mut Interp, _: &Rc<Namespace>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok((me.session.innermost_nested())
        .and_then(|n| n.handle.clone())
        .unwrap_or(Value::None))
}

/// `Session.in_transaction()`: whether the session's transaction has
/// begun (`orm::autobegin`).
pub fn in_transaction(me: &mut Interp, _: &Rc<Namespace>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::Bool(me.session.in_transaction()))
}
