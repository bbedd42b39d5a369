//! The `with` statement: each item's context entered in order (its value
//! bound to `as`), the body run, and the contexts exited in reverse, told
//! whether the body failed — Python's `__enter__`/`__exit__`. A context a
//! value supports is one arm of `enter_context`/`exit_context`: Flask's
//! `app.app_context()` (pushed on entry, popped on exit), and
//! `db.session.begin()` (committed on success, rolled back on error),
//! `db.session.no_autoflush` (autoflush off inside).

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::pymod::flask::{self, AppContext};
use crate::eval::session_begin::{NoAutoflush, SessionTx};
use crate::syntax::ast::{Stmt, WithItem};
use crate::value::Value;

impl Interp {
    /// `with a as x, b: body`
    pub(crate) fn exec_with(&mut self, items: &[WithItem], body: &[Stmt]) -> Result<()> {
        let Some((item, rest)) = items.split_first() else {
            return self.exec_block(body);
        };
        let cm = self.eval(&item.context)?;
        let entered = self
            .enter_context(&cm)
            .map_err(|e| e.at(item.context.span))?;
        if let Some(t) = &item.target {
            self.assign(t, entered)?;
        }
        let r = self.exec_with(rest, body);
        let failed = r.as_ref().err();
        let exit = self.exit_context(&cm, failed);
        match (r, exit) {
            (Err(e), _) => Err(e),
            (Ok(()), Err(e)) => Err(e.at(item.context.span)),
            (Ok(()), Ok(())) => Ok(()),
        }
    }

    /// `__enter__`: what `as` binds.
    pub(crate) fn enter_context(&mut self, cm: &Value) -> Result<Value> {
        if let Some(ctx) = cm.downcast::<AppContext>() {
            flask::push(self, &ctx);
            return Ok(cm.clone());
        }
        if cm.is::<SessionTx>() || crate::eval::pymod::plain::is_orm_session(cm) {
            return Ok(cm.clone());
        }
        if let Some(n) = cm.downcast::<NoAutoflush>() {
            let was = std::mem::replace(&mut self.session.autoflush, Value::Bool(false));
            *n.saved.borrow_mut() = Some(was);
            return Ok(Interp::namespace(crate::eval::objects::Ns::Session));
        }
        Err(not_a_context(cm))
    }

    /// `__exit__`, told the body's error if it failed.
    pub(crate) fn exit_context(&mut self, cm: &Value, failed: Option<&Error>) -> Result<()> {
        if let Some(ctx) = cm.downcast::<AppContext>() {
            return flask::pop(self, &ctx);
        }
        if let Some(t) = cm.downcast::<SessionTx>() {
            return self.tx_exit(&t, failed.is_some());
        }
        if crate::eval::pymod::plain::is_orm_session(cm) {
            // SQLAlchemy's `Session.__exit__`: `close()`.
            return crate::eval::pymod::plain::close(self);
        }
        if let Some(n) = cm.downcast::<NoAutoflush>() {
            if let Some(was) = n.saved.borrow_mut().take() {
                self.session.autoflush = was;
            }
            return Ok(());
        }
        Err(not_a_context(cm))
    }
}

fn not_a_context(cm: &Value) -> Error {
    Error::type_(format!(
        "'{}' object does not support the context manager protocol",
        cm.type_name()
    ))
}
