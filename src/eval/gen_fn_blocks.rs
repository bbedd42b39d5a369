//! The statements of a generator function that a `yield` can leave
//! suspended beside the loops (`eval::gen_fn`): `try` (its clauses as
//! phases of one level: the body, `else`, a handler with the error it
//! handles, `finally` with what waits behind it), `with` (each item's
//! context a level, exited when its body ends, told of an error that
//! leaves it), and `match` (the case chosen, then a block). An error and a
//! jump (`return`, `break`, `continue`) leave the levels as Python leaves
//! the frames' blocks: handlers are offered the error, `finally` runs and
//! then lets what was pending go on, contexts are exited.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::flow::Flow;
use crate::eval::gen_fn::{GenFnState, Level};
use crate::syntax::ast::{Stmt, TryStmt, WithItem};

/// The clause of a `try` being run.
pub(crate) enum TryPhase {
    Body,
    Else,
    /// An `except` clause: the name it binds and the error it handles.
    Handler {
        name: Option<Rc<str>>,
        error: Error,
    },
    /// `finally`, and what goes on after it.
    Finally(Pending),
}

/// What a `finally` clause holds back while it runs.
pub(crate) enum Pending {
    Nothing,
    Error(Error),
    Flow(Flow),
}

fn block(stmts: &[Stmt]) -> Level {
    Level::Block {
        stmts: Rc::from(stmts.to_vec()),
        at: 0,
    }
}

/// `try:` whose clauses yield: its level, then its body.
pub(crate) fn enter_try(g: &mut GenFnState, t: &TryStmt) {
    let stmt = Rc::new(t.clone());
    g.stack.push(Level::Try {
        stmt: stmt.clone(),
        phase: TryPhase::Body,
    });
    g.stack.push(block(&stmt.body));
}

/// `with a as x, b:` whose body yields: the first item entered and its
/// level, then the rest of the items as a `with` of their own.
pub(crate) fn enter_with(
    g: &mut GenFnState,
    me: &mut Interp,
    items: &[WithItem],
    body: &[Stmt],
) -> Result<()> {
    let Some((item, rest)) = items.split_first() else {
        g.stack.push(block(body));
        return Ok(());
    };
    let cm = me.eval(&item.context)?;
    let entered = me.enter_context(&cm).map_err(|e| e.at(item.context.span))?;
    g.stack.push(Level::With {
        cm,
        span: item.context.span,
    });
    if let Some(t) = &item.target {
        me.assign(t, entered)?;
    }
    if rest.is_empty() {
        g.stack.push(block(body));
    } else {
        let span = rest[0].context.span;
        g.stack.push(Level::Block {
            stmts: Rc::from(vec![Stmt {
                kind: crate::syntax::ast::StmtKind::With {
                    items: rest.to_vec(),
                    body: body.to_vec(),
                },
                span,
            }]),
            at: 0,
        });
    }
    Ok(())
}

/// Leave an `except` clause: the error no longer handled, its name unbound
/// (as Python does when the handler ends).
fn leave_handler(me: &mut Interp, name: &Option<Rc<str>>) {
    me.handling.pop();
    if let Some(n) = name {
        me.unbind(n);
    }
}

/// Run `finally` (when the `try` has one) with `pending` held back; false
/// when there is none.
fn start_finally(g: &mut GenFnState, stmt: &Rc<TryStmt>, pending: Pending) -> bool {
    if stmt.finalbody.is_empty() {
        return false;
    }
    g.stack.push(Level::Try {
        stmt: stmt.clone(),
        phase: TryPhase::Finally(pending),
    });
    g.stack.push(block(&stmt.finalbody));
    true
}

/// A clause of the `try` on top ended without error or jump: the next one
/// runs (`else` after the body, `finally` after either or a handler), or
/// what `finally` held back goes on.
pub(crate) fn try_clause_done(g: &mut GenFnState, me: &mut Interp) -> Result<()> {
    let Some(Level::Try { stmt, phase }) = g.stack.pop() else {
        return Ok(());
    };
    match phase {
        TryPhase::Body if !stmt.orelse.is_empty() => {
            g.stack.push(Level::Try {
                stmt: stmt.clone(),
                phase: TryPhase::Else,
            });
            g.stack.push(block(&stmt.orelse));
        }
        TryPhase::Body | TryPhase::Else => {
            start_finally(g, &stmt, Pending::Nothing);
        }
        TryPhase::Handler { name, .. } => {
            leave_handler(me, &name);
            start_finally(g, &stmt, Pending::Nothing);
        }
        TryPhase::Finally(Pending::Nothing) => {}
        TryPhase::Finally(Pending::Error(e)) => return unwind_error(g, me, e),
        TryPhase::Finally(Pending::Flow(f)) => return unwind_flow(g, me, f),
    }
    Ok(())
}

/// The body of the `with` on top ended: its context is exited.
pub(crate) fn with_body_done(g: &mut GenFnState, me: &mut Interp) -> Result<()> {
    let Some(Level::With { cm, span }) = g.stack.pop() else {
        return Ok(());
    };
    match me.exit_context(&cm, None) {
        Ok(()) => Ok(()),
        Err(e) => unwind_error(g, me, e.at(span)),
    }
}

/// An error raised in the body: the levels it leaves are left — a
/// `with`'s context exited knowing of it, a `try` offering it to its
/// handlers, else running `finally` with it held back. `Ok` when a clause
/// took over; the error when it leaves the generator.
pub(crate) fn unwind_error(g: &mut GenFnState, me: &mut Interp, mut e: Error) -> Result<()> {
    while let Some(level) = g.stack.pop() {
        match level {
            Level::With { cm, span } => {
                if let Err(x) = me.exit_context(&cm, Some(&e)) {
                    e = x.at(span);
                }
            }
            Level::Try { stmt, phase } => {
                match phase {
                    TryPhase::Body => match me.handler_for(&e, &stmt.handlers) {
                        Ok(Some(h)) => {
                            let name = h.name.as_ref().map(|n| n.name.clone());
                            if let Some(n) = &name {
                                me.set_name(
                                    n.clone(),
                                    crate::eval::exceptions::ExceptionValue::from_error(&e),
                                );
                            }
                            me.handling.push(e.clone());
                            let body = h.body.clone();
                            g.stack.push(Level::Try {
                                stmt: stmt.clone(),
                                phase: TryPhase::Handler { name, error: e },
                            });
                            g.stack.push(block(&body));
                            return Ok(());
                        }
                        Ok(None) => {}
                        // A handler's class that fails to evaluate.
                        Err(x) => e = x,
                    },
                    TryPhase::Else => {}
                    TryPhase::Handler { name, .. } => leave_handler(me, &name),
                    // An error in `finally` replaces what it held back.
                    TryPhase::Finally(_) => continue,
                }
                if start_finally(g, &stmt, Pending::Error(e.clone())) {
                    return Ok(());
                }
            }
            _ => {}
        }
    }
    Err(e)
}

/// A `return`, `break` or `continue` from a statement that ran whole: the
/// levels up to its target are left, contexts exited and `finally`
/// clauses run on the way (one whose own jump wins drops the pending).
pub(crate) fn unwind_flow(g: &mut GenFnState, me: &mut Interp, flow: Flow) -> Result<()> {
    let is_loop = |l: &Level| matches!(l, Level::For { .. } | Level::While { .. });
    while let Some(top) = g.stack.last() {
        match flow {
            Flow::Continue if is_loop(top) => return Ok(()),
            Flow::Break if is_loop(top) => {
                g.stack.pop();
                return Ok(());
            }
            _ => {}
        }
        match g.stack.pop() {
            Some(Level::With { cm, span }) => {
                if let Err(e) = me.exit_context(&cm, None) {
                    return unwind_error(g, me, e.at(span));
                }
            }
            Some(Level::Try { stmt, phase }) => {
                match phase {
                    TryPhase::Finally(_) => continue,
                    TryPhase::Handler { name, .. } => leave_handler(me, &name),
                    TryPhase::Body | TryPhase::Else => {}
                }
                if !stmt.finalbody.is_empty() {
                    start_finally(g, &stmt, Pending::Flow(flow));
                    return Ok(());
                }
            }
            _ => {}
        }
    }
    if let Flow::Return(v) = flow {
        g.returned = Some(v);
    }
    Ok(())
}
