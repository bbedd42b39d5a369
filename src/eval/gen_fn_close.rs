//! Closing a generator function's generator that is suspended inside
//! `try`/`with` (SQLAlchemy-free Python: `generator.close()`, which
//! CPython also runs when the last reference goes, as at the end of a
//! `for` loop left by `break` over a generator made for it): each `with`
//! it is inside is exited as by an error, each `finally` runs. Handlers
//! are not offered the `GeneratorExit` (only `except:` and
//! `except BaseException` would take it); a `finally` that yields is
//! CPython's `RuntimeError: generator ignored GeneratorExit`.
//! A suspended generator whose last reference goes (its variable rebound
//! or deleted, a temporary argument, a function's local at its return) is
//! queued as it is dropped and closed by the interpreter right after the
//! call or statement that let it go (`close_dropped`), as CPython's
//! reference counting closes it; an error its `finally` raises then is
//! CPython's "Exception ignored in" warning.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::gen_fn::{GenFnState, Level};
use crate::eval::gen_fn_blocks::TryPhase;
use crate::eval::live_iter::{IterKind, PyIter};
use crate::value::Value;

/// After a `for` loop over `it`: a generator nothing else holds is closed
/// now, as CPython's reference counting closes it.
pub(crate) fn close_if_dropped(me: &mut Interp, it: &Value) -> Result<()> {
    let Some(p) = it.downcast::<PyIter>() else {
        return Ok(());
    };
    // `it` and the downcast are the only holders.
    if Rc::strong_count(&p) > 2 {
        return Ok(());
    }
    close(me, &p)
}

/// `g.close()`.
pub(crate) fn close(me: &mut Interp, p: &Rc<PyIter>) -> Result<()> {
    let Ok(mut kind) = p.0.try_borrow_mut() else {
        return Ok(());
    };
    match &mut *kind {
        IterKind::GenFn(g) => close_gen(me, g),
        IterKind::Gen(g) => {
            g.close();
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Leave every level of a suspended generator as `GeneratorExit` would.
fn close_gen(me: &mut Interp, g: &mut GenFnState) -> Result<()> {
    let needs = g
        .stack
        .iter()
        .any(|l| matches!(l, Level::With { .. } | Level::Try { .. }));
    if !needs {
        g.close();
        return Ok(());
    }
    let levels = std::mem::take(&mut g.stack);
    g.run_in_frame(me, |me| {
        let exit = Error::new(ErrorKind::Raised("GeneratorExit"), "");
        let mut result = Ok(());
        for level in levels.into_iter().rev() {
            let r = match level {
                Level::With { cm, span } => {
                    me.exit_context(&cm, Some(&exit)).map_err(|e| e.at(span))
                }
                Level::Try { stmt, phase } => match phase {
                    TryPhase::Finally(_) => Ok(()),
                    TryPhase::Handler { name, .. } => {
                        if let Some(n) = &name {
                            me.unbind(n);
                        }
                        run_finally(me, &stmt.finalbody)
                    }
                    TryPhase::Body | TryPhase::Else => run_finally(me, &stmt.finalbody),
                },
                _ => Ok(()),
            };
            if let Err(e) = r {
                result = Err(e);
            }
        }
        result
    })
}

/// A `finally` clause run whole; one that yields ignores the close.
fn run_finally(me: &mut Interp, body: &[crate::syntax::ast::Stmt]) -> Result<()> {
    if crate::syntax::yields(body) {
        return Err(Error::new(
            ErrorKind::RuntimeError,
            "generator ignored GeneratorExit",
        ));
    }
    me.exec_block(body)?;
    me.flow = None;
    Ok(())
}

thread_local! {
    /// Suspended generators dropped inside `try`/`with`, to be closed.
    static DROPPED: RefCell<Vec<GenFnState>> = const { RefCell::new(Vec::new()) };
}

/// Is the generator suspended inside a `try` or `with` (so closing it
/// runs code)?
fn needs_close(g: &GenFnState) -> bool {
    g.stack
        .iter()
        .any(|l| matches!(l, Level::With { .. } | Level::Try { .. }))
}

impl Drop for GenFnState {
    /// The last reference went: a generator suspended inside `try`/`with`
    /// is queued for [`close_dropped`].
    fn drop(&mut self) {
        if !needs_close(self) {
            return;
        }
        let salvaged = self.salvage();
        // At thread exit the queue is gone: nothing is left to run it.
        let _ = DROPPED.try_with(|q| {
            if let Ok(mut q) = q.try_borrow_mut() {
                q.push(salvaged);
            }
        });
    }
}

impl Interp {
    /// Close the generators dropped since last asked (`GenFnState`'s
    /// `Drop`), as CPython closes a generator when its reference count
    /// reaches zero; an error in one is reported and ignored, as CPython's
    /// "Exception ignored in: <generator object …>".
    pub(crate) fn close_dropped(&mut self) {
        loop {
            let next = DROPPED
                .try_with(|q| q.try_borrow_mut().ok().and_then(|mut q| q.pop()))
                .ok()
                .flatten();
            let Some(mut g) = next else {
                return;
            };
            if let Err(e) = close_gen(self, &mut g) {
                self.session.warnings.push(format!(
                    "Exception ignored in: <generator object {}>: {e}",
                    g.qualname
                ));
            }
        }
    }
}
