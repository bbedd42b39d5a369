//! Generator expressions, `(elt for x in xs if cond)`, as Python runs
//! them: lazy objects that compute one item each time they are asked
//! (`next()`, a `for` loop, `list()`, `sum()`, `any()` stopping at the
//! first true item). As CPython, the first `for` clause's iterable is
//! evaluated — and `iter()` applied to it — where the expression stands;
//! everything else runs as items are asked for, in the generator's own
//! frame, closing over the scopes around it. A generator that has run out
//! or raised stays exhausted. `def` functions that `yield` are refused
//! when read (`syntax::atom`).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::live_iter::{Cursor, IterKind, PyIter};
use crate::eval::scope::{Frame, frame};
use crate::syntax::ast::{CompFor, Expr};
use crate::value::Value;

/// What a generator expression computes: its element and clauses.
pub struct GenBody {
    elt: Expr,
    clauses: Vec<CompFor>,
}

/// A running generator expression (CPython's generator object over a
/// `<genexpr>` code object).
pub struct GenState {
    body: Rc<GenBody>,
    /// The scopes around the expression where it was made.
    closure: Vec<Frame>,
    /// Its own frame: the loop variables.
    frame: Frame,
    /// One cursor per `for` clause entered, the innermost last; empty
    /// once exhausted.
    cursors: Vec<Cursor>,
    /// An item has been asked for (`send` of a value before is a
    /// TypeError).
    pub started: bool,
}

impl GenState {
    /// `close()`: exhausted.
    pub fn close(&mut self) {
        self.cursors.clear();
    }
}

impl Interp {
    /// `(elt for …)`: the generator, its first iterable already taken.
    pub(crate) fn make_generator(&mut self, elt: &Expr, clauses: &[CompFor]) -> Result<Value> {
        let Some(first) = clauses.first() else {
            return Err(Error::syntax(
                "a generator expression needs a for clause",
                elt.span,
            ));
        };
        let it = self.eval(&first.iter)?;
        let cursor = self.cursor(&it).map_err(|e| e.at(first.iter.span))?;
        Ok(PyIter::value(IterKind::Gen(Box::new(GenState {
            body: Rc::new(GenBody {
                elt: elt.clone(),
                clauses: clauses.to_vec(),
            }),
            closure: self.closure(),
            frame: frame(Vec::new()),
            cursors: vec![cursor],
            started: false,
        }))))
    }
}

/// The generator's next item, run in its own frame; `None` once it has
/// run out (and for good after an error, as a generator that raised).
pub(crate) fn gen_step(g: &mut GenState, me: &mut Interp) -> Result<Option<Value>> {
    if g.cursors.is_empty() {
        return Ok(None);
    }
    g.started = true;
    let mut locals = g.closure.clone();
    locals.push(g.frame.clone());
    let saved = std::mem::replace(&mut me.locals, locals);
    let global_decl = std::mem::take(&mut me.global_decl);
    let nonlocal_decl = std::mem::take(&mut me.nonlocal_decl);
    me.comp_frames.push(g.frame.clone());
    let r = me.enter().and_then(|()| {
        let r = crate::stack::grow(|| advance(g, me));
        me.leave();
        r
    });
    me.comp_frames.pop();
    me.locals = saved;
    me.global_decl = global_decl;
    me.nonlocal_decl = nonlocal_decl;
    if !matches!(r, Ok(Some(_))) {
        g.cursors.clear();
    }
    r
}

/// Walk the clauses' cursors, innermost first, to the next item whose
/// conditions hold.
fn advance(g: &mut GenState, me: &mut Interp) -> Result<Option<Value>> {
    let body = g.body.clone();
    loop {
        crate::interrupt::check()?;
        let depth = g.cursors.len();
        let Some(clause) = depth.checked_sub(1).map(|d| &body.clauses[d]) else {
            return Ok(None);
        };
        me.declaring_steps(1).map_err(|e| e.at(clause.iter.span))?;
        let Some(item) = g.cursors[depth - 1]
            .next(me)
            .map_err(|e| e.at(clause.iter.span))?
        else {
            g.cursors.pop();
            continue;
        };
        me.bind_target(&clause.target, item, clause.iter.span)?;
        if !conditions_hold(me, &clause.conds)? {
            continue;
        }
        match body.clauses.get(depth) {
            None => return me.eval(&body.elt).map(Some),
            Some(next) => {
                let it = me.eval(&next.iter)?;
                let c = me.cursor(&it).map_err(|e| e.at(next.iter.span))?;
                g.cursors.push(c);
            }
        }
    }
}

fn conditions_hold(me: &mut Interp, conds: &[Expr]) -> Result<bool> {
    for c in conds {
        if !me.eval(c)?.truthy() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `repr(gen)`: `<generator object <genexpr> at 0x…>`, as CPython.
pub(crate) fn repr_of(v: &Value) -> Option<String> {
    let it = v.downcast::<PyIter>()?;
    if !matches!(&*it.0.borrow(), IterKind::Gen(_)) {
        return None;
    }
    let at = Rc::as_ptr(&it) as *const () as usize;
    Some(format!("<generator object <genexpr> at {at:#x}>"))
}
