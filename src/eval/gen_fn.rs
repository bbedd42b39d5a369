//! Generator functions (a `def` whose body has `yield`), run lazily as
//! Python runs them: calling one binds its arguments and returns a
//! generator without running the body; each `next()` (a `for` loop,
//! `list()`, `sum()`, …) runs the body up to its next `yield` and keeps
//! where it stopped, so an infinite generator (`while True: yield n`)
//! gives as many items as are asked for. The place is kept as a stack of
//! levels (the block being run and the statement it is at, the `for`
//! loops with their iterators, the `while` loops) for the statements that
//! contain a `yield` — `if`/`elif`/`else`, `for`/`else`, `while`/`else`,
//! `yield from`; a statement with no `yield` in it runs whole, through the
//! ordinary interpreter. A `yield` inside `try`, `with` or `match` is
//! refused when reached (ormsh keeps no suspended handler or context
//! manager). `return` ends the generator; an error ends it for good.

use std::rc::Rc;

use crate::error::{DefSource, Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::flow::Flow;
use crate::eval::live_iter::{Cursor, IterKind, PyIter};
use crate::eval::scope::Frame;
use crate::syntax::ast::{Expr, Stmt, StmtKind};
use crate::syntax::span::Span;
use crate::value::Value;

/// Where a running generator function stands (CPython's suspended frame).
pub struct GenFnState {
    /// The function's `__qualname__`, for the generator's repr.
    pub qualname: Rc<str>,
    source: Rc<DefSource>,
    /// The closure's frames, then the call's own frame.
    locals: Vec<Frame>,
    /// `global`/`nonlocal` declarations made in the body so far.
    global_decl: Vec<(usize, Rc<str>)>,
    nonlocal_decl: Vec<(usize, Rc<str>)>,
    /// The levels entered, innermost last; empty once finished.
    stack: Vec<Level>,
    /// Its body has begun running (`send` of a value before is a
    /// TypeError).
    pub started: bool,
}

impl GenFnState {
    /// `close()`: finished, its body never resumed.
    pub fn close(&mut self) {
        self.stack.clear();
    }
}

/// One level of the suspended body.
enum Level {
    /// A block, and the index of its next statement.
    Block { stmts: Rc<[Stmt]>, at: usize },
    /// A `for` loop whose body yields: its iterator and clauses.
    For {
        target: Expr,
        span: Span,
        body: Rc<[Stmt]>,
        orelse: Rc<[Stmt]>,
        cursor: Cursor,
    },
    /// A `while` loop whose body yields.
    While {
        cond: Expr,
        body: Rc<[Stmt]>,
        orelse: Rc<[Stmt]>,
    },
    /// `yield from iterable`: the items still to give.
    YieldFrom { cursor: Cursor, span: Span },
}

/// The generator a call of a generator function returns: its frame bound,
/// its body not yet started.
pub(crate) fn make(
    qualname: String,
    source: Rc<DefSource>,
    locals: Vec<Frame>,
    body: &[Stmt],
) -> Value {
    PyIter::value(IterKind::GenFn(Box::new(GenFnState {
        qualname: Rc::from(qualname),
        source,
        locals,
        global_decl: Vec::new(),
        nonlocal_decl: Vec::new(),
        stack: vec![Level::Block {
            stmts: Rc::from(body.to_vec()),
            at: 0,
        }],
        started: false,
    })))
}

/// The generator's next item (CPython's `gen_send_ex` with None): the body
/// run in its own frame up to the next `yield`; `None` once it returned.
pub(crate) fn step(g: &mut GenFnState, me: &mut Interp) -> Result<Option<Value>> {
    if g.stack.is_empty() {
        return Ok(None);
    }
    g.started = true;
    let saved = std::mem::replace(&mut me.locals, g.locals.clone());
    let global_decl = std::mem::replace(&mut me.global_decl, std::mem::take(&mut g.global_decl));
    let nonlocal_decl =
        std::mem::replace(&mut me.nonlocal_decl, std::mem::take(&mut g.nonlocal_decl));
    let flow = me.flow.take();
    me.quiet += 1;
    let r = crate::stack::grow(|| resume(g, me));
    me.quiet -= 1;
    me.flow = flow;
    g.global_decl = std::mem::replace(&mut me.global_decl, global_decl);
    g.nonlocal_decl = std::mem::replace(&mut me.nonlocal_decl, nonlocal_decl);
    me.locals = saved;
    if !matches!(r, Ok(Some(_))) {
        g.stack.clear();
    }
    let qualname = g.qualname.clone();
    r.map_err(|e| e.in_function(|| qualname.to_string(), &g.source))
}

/// Run from where the generator stands to its next `yield` or its end.
fn resume(g: &mut GenFnState, me: &mut Interp) -> Result<Option<Value>> {
    loop {
        let Some(top) = g.stack.last_mut() else {
            return Ok(None);
        };
        match top {
            Level::Block { stmts, at } => {
                let stmts = stmts.clone();
                let Some(st) = stmts.get(*at) else {
                    g.stack.pop();
                    continue;
                };
                *at += 1;
                if let Some(v) = statement(g, me, st)? {
                    return Ok(Some(v));
                }
            }
            Level::For {
                target,
                span,
                body,
                orelse,
                cursor,
            } => {
                me.enter().map_err(|e| e.at(*span))?;
                me.leave();
                match cursor.next(me).map_err(|e| e.at(*span))? {
                    Some(item) => {
                        me.bind_target(target, item, *span)?;
                        let stmts = body.clone();
                        g.stack.push(Level::Block { stmts, at: 0 });
                    }
                    None => {
                        let stmts = orelse.clone();
                        g.stack.pop();
                        g.stack.push(Level::Block { stmts, at: 0 });
                    }
                }
            }
            Level::While { cond, body, orelse } => {
                me.enter().map_err(|e| e.at(cond.span))?;
                me.leave();
                let c = me.eval(cond)?;
                if me.truthy(&c).map_err(|e| e.at(cond.span))? {
                    let stmts = body.clone();
                    g.stack.push(Level::Block { stmts, at: 0 });
                } else {
                    let stmts = orelse.clone();
                    g.stack.pop();
                    g.stack.push(Level::Block { stmts, at: 0 });
                }
            }
            Level::YieldFrom { cursor, span } => match cursor.next(me).map_err(|e| e.at(*span))? {
                Some(v) => return Ok(Some(v)),
                None => {
                    g.stack.pop();
                }
            },
        }
    }
}

/// Run one statement of the body: a `yield` gives its value; a statement
/// with a `yield` inside becomes a level; any other runs whole, and a
/// `return`, `break` or `continue` it makes moves the stack.
fn statement(g: &mut GenFnState, me: &mut Interp, st: &Stmt) -> Result<Option<Value>> {
    let block = |b: &[Stmt]| Level::Block {
        stmts: Rc::from(b.to_vec()),
        at: 0,
    };
    match &st.kind {
        StmtKind::Yield { value, from } => {
            let v = match value {
                Some(e) => me.eval(e)?,
                None => Value::None,
            };
            if !*from {
                return Ok(Some(v));
            }
            let span = value.as_ref().map_or(st.span, |e| e.span);
            let cursor = me.cursor(&v).map_err(|e| e.at(span))?;
            g.stack.push(Level::YieldFrom { cursor, span });
        }
        _ if !crate::syntax::yields(std::slice::from_ref(st)) => {
            me.exec(st)?;
            jump(g, me);
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
        } => {
            let it = me.eval(iter)?;
            let cursor = me.cursor(&it).map_err(|e| e.at(iter.span))?;
            g.stack.push(Level::For {
                target: target.clone(),
                span: iter.span,
                body: Rc::from(body.clone()),
                orelse: Rc::from(orelse.clone()),
                cursor,
            });
        }
        StmtKind::While { cond, body, orelse } => g.stack.push(Level::While {
            cond: cond.clone(),
            body: Rc::from(body.clone()),
            orelse: Rc::from(orelse.clone()),
        }),
        StmtKind::If { branches, orelse } => {
            for (cond, body) in branches {
                let c = me.eval(cond)?;
                if me.truthy(&c).map_err(|e| e.at(cond.span))? {
                    g.stack.push(block(body));
                    return Ok(None);
                }
            }
            g.stack.push(block(orelse));
        }
        _ => return Err(suspend_refused(st)),
    }
    Ok(None)
}

/// After a statement that ran whole: its `return` ends the generator, its
/// `break` leaves the innermost loop level, its `continue` goes back to it.
fn jump(g: &mut GenFnState, me: &mut Interp) {
    let Some(flow) = me.flow.take() else {
        return;
    };
    let is_loop = |l: &Level| matches!(l, Level::For { .. } | Level::While { .. });
    match flow {
        Flow::Return(_) => g.stack.clear(),
        Flow::Break => {
            while let Some(l) = g.stack.pop() {
                if is_loop(&l) {
                    break;
                }
            }
        }
        Flow::Continue => {
            while g.stack.last().is_some_and(|l| !is_loop(l)) {
                g.stack.pop();
            }
        }
    }
}

/// A `yield` inside `try`, `with` or `match`: refused, naming the statement.
fn suspend_refused(st: &Stmt) -> Error {
    let what = match &st.kind {
        StmtKind::Try(_) => "try",
        StmtKind::With { .. } => "with",
        StmtKind::Match(_) => "match",
        _ => "this statement",
    };
    Error::new(
        ErrorKind::NotImplementedError,
        format!("ormsh does not support yield inside a {what} block of a generator function"),
    )
    .at(st.span)
    .with_help(format!(
        "yield from for, while and if blocks, or build a list in the {what} block and yield from it after"
    ))
}

/// `repr(gen)`: `<generator object NAME at 0x…>`, as CPython.
pub(crate) fn repr_of(v: &Value) -> Option<String> {
    let it = v.downcast::<PyIter>()?;
    let name = match &*it.0.borrow() {
        IterKind::GenFn(g) => g.qualname.clone(),
        _ => return None,
    };
    let at = Rc::as_ptr(&it) as *const () as usize;
    Some(format!("<generator object {name} at {at:#x}>"))
}
