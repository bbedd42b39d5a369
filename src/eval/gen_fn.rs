//! Generator functions (a `def` whose body has `yield`), run lazily as
//! Python runs them: calling one binds its arguments and returns a
//! generator without running the body; each `next()` (a `for` loop,
//! `list()`, `sum()`, …) runs the body up to its next `yield` and keeps
//! where it stopped, so an infinite generator (`while True: yield n`)
//! gives as many items as are asked for. The place is kept as a stack of
//! levels (the block being run and the statement it is at, the `for`
//! loops with their iterators, the `while` loops) for the statements that
//! contain a `yield` — `if`/`elif`/`else`, `for`/`else`, `while`/`else`,
//! `yield from`, and `try`, `with` and `match` (their levels and the way
//! an error or a jump leaves them in `gen_fn_blocks`); a statement with no
//! `yield` in it runs whole, through the ordinary interpreter.
//! `target = yield v` binds what `send()` sent when the body resumes.
//! `return` ends the generator; an error no handler takes ends it for
//! good.

use std::rc::Rc;

use crate::error::{DefSource, Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::gen_fn_blocks::{self, TryPhase};
use crate::eval::live_iter::{Cursor, IterKind, PyIter};
use crate::eval::scope::Frame;
use crate::syntax::ast::{Expr, Stmt, StmtKind, TryStmt};
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
    pub(crate) stack: Vec<Level>,
    /// Its body has begun running (`send` of a value before is a
    /// TypeError).
    pub started: bool,
    /// The target of the `target = yield v` it stands at.
    waiting: Option<Expr>,
    /// What `send()` gives the `yield` it stands at (None by `next()`).
    pub sent: Option<Value>,
    /// What its `return` gave (`StopIteration.value`, the value of a
    /// `yield from` it was driven by), until asked for.
    pub returned: Option<Value>,
}

impl GenFnState {
    /// Its frame and place moved out into a new state (for closing after
    /// it is dropped, `gen_fn_close`); this one is left finished.
    pub(crate) fn salvage(&mut self) -> GenFnState {
        GenFnState {
            qualname: self.qualname.clone(),
            source: self.source.clone(),
            locals: std::mem::take(&mut self.locals),
            global_decl: std::mem::take(&mut self.global_decl),
            nonlocal_decl: std::mem::take(&mut self.nonlocal_decl),
            stack: std::mem::take(&mut self.stack),
            started: self.started,
            waiting: None,
            sent: None,
            returned: None,
        }
    }

    /// `close()`: finished, its body never resumed.
    pub fn close(&mut self) {
        self.stack.clear();
    }

    /// Run `f` in the generator's own frame (its locals and declarations),
    /// quietly, as its body runs (`gen_fn_close`).
    pub(crate) fn run_in_frame(
        &mut self,
        me: &mut Interp,
        f: impl FnOnce(&mut Interp) -> Result<()>,
    ) -> Result<()> {
        let saved = std::mem::replace(&mut me.locals, self.locals.clone());
        let global_decl =
            std::mem::replace(&mut me.global_decl, std::mem::take(&mut self.global_decl));
        let nonlocal_decl = std::mem::replace(
            &mut me.nonlocal_decl,
            std::mem::take(&mut self.nonlocal_decl),
        );
        let flow = me.flow.take();
        me.quiet += 1;
        let r = me.in_def_source(&self.source.clone(), f);
        me.quiet -= 1;
        me.flow = flow;
        self.global_decl = std::mem::replace(&mut me.global_decl, global_decl);
        self.nonlocal_decl = std::mem::replace(&mut me.nonlocal_decl, nonlocal_decl);
        me.locals = saved;
        let qualname = self.qualname.clone();
        r.map_err(|e| e.in_function(|| qualname.to_string(), &self.source))
    }
}

/// One level of the suspended body.
pub(crate) enum Level {
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
    /// `yield from iterable`: the items still to give, the iterable (a
    /// sub-generator is sent what this one is sent) and the target bound
    /// to the sub-generator's return value (`x = yield from g`).
    YieldFrom {
        cursor: Cursor,
        span: Span,
        sub: Value,
        target: Option<Expr>,
    },
    /// A `try` statement whose clauses yield, and the clause being run.
    Try { stmt: Rc<TryStmt>, phase: TryPhase },
    /// A `with` item entered: its context, exited when its body ends.
    With { cm: Value, span: Span },
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
        waiting: None,
        sent: None,
        returned: None,
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
    // The errors its suspended handlers are handling (a bare `raise`).
    let handling = me.handling.len();
    me.handling.extend(g.stack.iter().filter_map(|l| match l {
        Level::Try {
            phase: TryPhase::Handler { error, .. },
            ..
        } => Some(error.clone()),
        _ => None,
    }));
    let sent = g.sent.take().unwrap_or(Value::None);
    if let Some(Level::YieldFrom { sub, .. }) = g.stack.last() {
        pass_on(sub, sent.clone());
    }
    let source = g.source.clone();
    let r = me.in_def_source(&source, |me| {
        crate::stack::grow(|| match g.waiting.take() {
            Some(t) => match me.assign(&t, sent) {
                Ok(()) => resume(g, me),
                Err(e) => gen_fn_blocks::unwind_error(g, me, e).and_then(|()| resume(g, me)),
            },
            None => resume(g, me),
        })
    });
    me.handling.truncate(handling);
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

/// Run from where the generator stands to its next `yield` or its end;
/// an error is offered to the `try` and `with` levels it leaves.
fn resume(g: &mut GenFnState, me: &mut Interp) -> Result<Option<Value>> {
    loop {
        if g.stack.is_empty() {
            return Ok(None);
        }
        match advance(g, me) {
            Ok(Some(v)) => return Ok(Some(v)),
            Ok(None) => {}
            Err(e) => gen_fn_blocks::unwind_error(g, me, e)?,
        }
    }
}

/// One move of the body: a statement run, a loop's next turn, a level
/// left; `Some` when it yielded.
fn advance(g: &mut GenFnState, me: &mut Interp) -> Result<Option<Value>> {
    {
        let Some(top) = g.stack.last_mut() else {
            return Ok(None);
        };
        match top {
            Level::Block { stmts, at } => {
                let stmts = stmts.clone();
                let Some(st) = stmts.get(*at) else {
                    g.stack.pop();
                    return Ok(None);
                };
                *at += 1;
                return statement(g, me, st);
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
            Level::YieldFrom { cursor, span, .. } => {
                match cursor.next(me).map_err(|e| e.at(*span))? {
                    Some(v) => return Ok(Some(v)),
                    None => {
                        if let Some(Level::YieldFrom {
                            sub,
                            target: Some(t),
                            span,
                            ..
                        }) = g.stack.pop()
                        {
                            me.bind_target(&t, take_returned(&sub), span)?;
                        }
                    }
                }
            }
            Level::Try { .. } => gen_fn_blocks::try_clause_done(g, me)?,
            Level::With { .. } => gen_fn_blocks::with_body_done(g, me)?,
        }
    }
    Ok(None)
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
        StmtKind::Yield {
            value,
            from,
            target,
        } => {
            let v = match value {
                Some(e) => me.eval(e)?,
                None => Value::None,
            };
            if !*from {
                g.waiting = target.clone();
                return Ok(Some(v));
            }
            let span = value.as_ref().map_or(st.span, |e| e.span);
            let cursor = me.cursor(&v).map_err(|e| e.at(span))?;
            g.stack.push(Level::YieldFrom {
                cursor,
                span,
                sub: v,
                target: target.clone(),
            });
        }
        _ if !crate::syntax::yields(std::slice::from_ref(st)) => {
            me.exec(st)?;
            if let Some(flow) = me.flow.take() {
                gen_fn_blocks::unwind_flow(g, me, flow)?;
            }
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
        StmtKind::Try(t) => gen_fn_blocks::enter_try(g, t),
        StmtKind::With { items, body } => gen_fn_blocks::enter_with(g, me, items, body)?,
        StmtKind::Match(m) => {
            if let Some(body) = me.match_case(m)? {
                g.stack.push(block(body));
            }
        }
        _ => return Err(suspend_refused(st)),
    }
    Ok(None)
}

/// `send(v)` through `yield from`: a sub-generator is sent `v` (other
/// iterators are advanced as by `next()`).
fn pass_on(sub: &Value, sent: Value) {
    if matches!(sent, Value::None) {
        return;
    }
    if let Some(p) = sub.downcast::<PyIter>()
        && let Ok(mut k) = p.0.try_borrow_mut()
        && let IterKind::GenFn(s) = &mut *k
    {
        s.sent = Some(sent);
    }
}

/// The return value of a generator that has finished (None for another
/// iterator, or one that returned nothing), taken: CPython's
/// `StopIteration.value`.
pub(crate) fn take_returned(it: &Value) -> Value {
    it.downcast::<PyIter>()
        .map_or(Value::None, |p| returned_of(&p))
}

/// The `StopIteration` an exhausted iterator raises: with a generator's
/// return value as its argument (`e.value`) the first time it is asked.
pub(crate) fn stop_iteration(p: &PyIter) -> Error {
    let v = returned_of(p);
    let args = if matches!(v, Value::None) {
        Vec::new()
    } else {
        vec![v]
    };
    crate::value::exc_args::with_args(Error::new(ErrorKind::Raised("StopIteration"), ""), args)
}

/// [`take_returned`] of a generator object.
pub(crate) fn returned_of(p: &PyIter) -> Value {
    match p.0.try_borrow_mut().as_deref_mut() {
        Ok(IterKind::GenFn(s)) => s.returned.take().unwrap_or(Value::None),
        _ => Value::None,
    }
}

/// A `yield` inside a statement that keeps no level (a class body).
fn suspend_refused(st: &Stmt) -> Error {
    Error::new(
        ErrorKind::NotImplementedError,
        "ormsh does not support yield inside this statement of a generator function",
    )
    .at(st.span)
    .with_help("yield from for, while, if, try, with and match blocks")
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
