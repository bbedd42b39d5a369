//! `yield` inside a larger expression (`y = (yield x) + 1`,
//! `print((yield))`, `f((yield from g()))`, `x += yield`), lowered when a
//! `def` is parsed into yield statements with a hidden target (`.y0`, …)
//! before the statement that uses the value — the generator runs yield
//! statements only (`eval::gen_fn`). What Python evaluates before the
//! `yield` (the operands to its left, a method's object, the arguments
//! before it) is bound to hidden names first, so it is evaluated once and
//! in Python's order; `and`/`or` and `a if c else b` become `if`
//! statements, so their short-circuit stays. A called function's own name
//! (`print(...)`) is looked up after the yield: the same unless the name
//! is rebound while the generator is suspended.
//! Comprehensions refuse `yield` as Python does (a SyntaxError); a
//! `lambda`, a chained comparison and a few statement parts (a target, a
//! `with`'s second item, a `case` guard) are refused by name.

use crate::error::Error;
use crate::syntax::ast::{Expr, ExprKind, Stmt, StmtKind, UnaryOp};
use crate::syntax::span::Span;
use crate::syntax::yield_value::{
    Lowered, has_any_mark, has_yield, hoisted, mk, refused, st, value, yield_parts, yield_span,
    yield_stmt,
};

/// Lower the yields inside expressions of a function body (not of the
/// functions and classes defined in it, lowered when they were parsed).
pub fn lower_body(body: Vec<Stmt>) -> Lowered<Vec<Stmt>> {
    if !body.iter().any(stmt_has_mark) {
        return Ok(body);
    }
    let mut fresh = 0;
    block(body, &mut fresh)
}

fn stmt_has_mark(s: &Stmt) -> bool {
    if matches!(
        s.kind,
        StmtKind::Def(_) | StmtKind::Class(_) | StmtKind::Model(_)
    ) {
        return false;
    }
    let (mut exprs, mut bodies) = (Vec::new(), Vec::new());
    s.kind.parts(&mut exprs, &mut bodies);
    exprs.into_iter().any(has_any_mark) || bodies.into_iter().flatten().any(stmt_has_mark)
}

fn block(body: Vec<Stmt>, fresh: &mut usize) -> Lowered<Vec<Stmt>> {
    let mut out = Vec::with_capacity(body.len());
    for st in body {
        statement(st, fresh, &mut out)?;
    }
    Ok(out)
}

/// Lower one statement into `out`: the yields its expressions hold first,
/// then the statement using their values.
fn statement(s: Stmt, fresh: &mut usize, out: &mut Vec<Stmt>) -> Lowered<()> {
    let span = s.span;
    let kind = match s.kind {
        k @ (StmtKind::Def(_) | StmtKind::Class(_) | StmtKind::Model(_)) => k,
        StmtKind::Expr(e) => match yield_parts(&e) {
            Some((value, from)) => yield_stmt(value, from, None, fresh, out)?,
            None => StmtKind::Expr(value(e, fresh, out)?),
        },
        StmtKind::Assign { target, value: v } => {
            no_yield(&target, "an assignment's target")?;
            match yield_parts(&v) {
                Some((value, from)) => yield_stmt(value, from, Some(target), fresh, out)?,
                None => StmtKind::Assign {
                    target,
                    value: value(v, fresh, out)?,
                },
            }
        }
        StmtKind::AugAssign {
            target,
            op,
            value: v,
        } => {
            no_yield(&target, "an assignment's target")?;
            StmtKind::AugAssign {
                target,
                op,
                value: value(v, fresh, out)?,
            }
        }
        StmtKind::AnnAssign {
            target,
            annotation,
            value: v,
        } => {
            no_yield(&target, "an assignment's target")?;
            let v = match v {
                Some(v) => Some(value(v, fresh, out)?),
                None => None,
            };
            StmtKind::AnnAssign {
                target,
                annotation,
                value: v,
            }
        }
        StmtKind::Yield {
            value: v,
            from,
            target,
        } => {
            let v = match v {
                Some(v) => Some(value(v, fresh, out)?),
                None => None,
            };
            StmtKind::Yield {
                value: v,
                from,
                target,
            }
        }
        StmtKind::Return(Some(e)) => StmtKind::Return(Some(value(e, fresh, out)?)),
        StmtKind::Raise { exc, cause } => {
            let exc = match (exc, &cause) {
                (Some(e), Some(c)) if has_yield(c) => Some(hoisted(e, fresh, out)?),
                (Some(e), _) => Some(value(e, fresh, out)?),
                (None, _) => None,
            };
            let cause = match cause {
                Some(c) => Some(value(c, fresh, out)?),
                None => None,
            };
            StmtKind::Raise { exc, cause }
        }
        StmtKind::Assert { test, msg } => {
            if let Some(m) = &msg {
                no_yield(m, "an assert's message")?;
            }
            StmtKind::Assert {
                test: value(test, fresh, out)?,
                msg,
            }
        }
        StmtKind::If { branches, orelse } => if_stmt(branches, orelse, span, fresh, out)?,
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
        } => {
            no_yield(&target, "a for loop's target")?;
            StmtKind::For {
                target,
                iter: value(iter, fresh, out)?,
                body: block(body, fresh)?,
                orelse: block(orelse, fresh)?,
            }
        }
        StmtKind::While { cond, body, orelse } => {
            let body = block(body, fresh)?;
            let orelse = block(orelse, fresh)?;
            if has_yield(&cond) {
                if !orelse.is_empty() {
                    return Err(refused(
                        "the condition of a while loop with else",
                        yield_span(&cond),
                    ));
                }
                // `while True:` the condition's yields, `if not c: break`, the body.
                let mut pre = Vec::new();
                let c = value(cond, fresh, &mut pre)?;
                let cs = c.span;
                let not_c = mk(
                    ExprKind::Unary {
                        op: UnaryOp::Not,
                        operand: Box::new(c),
                    },
                    cs,
                );
                pre.push(st(
                    StmtKind::If {
                        branches: vec![(not_c, vec![st(StmtKind::Break, cs)])],
                        orelse: Vec::new(),
                    },
                    cs,
                ));
                pre.extend(body);
                StmtKind::While {
                    cond: mk(ExprKind::Bool(true), cs),
                    body: pre,
                    orelse,
                }
            } else {
                StmtKind::While { cond, body, orelse }
            }
        }
        StmtKind::Try(mut t) => {
            for h in &mut t.handlers {
                if let Some(c) = &h.class {
                    no_yield(c, "an except clause's class")?;
                }
                h.body = block(std::mem::take(&mut h.body), fresh)?;
            }
            t.body = block(std::mem::take(&mut t.body), fresh)?;
            t.orelse = block(std::mem::take(&mut t.orelse), fresh)?;
            t.finalbody = block(std::mem::take(&mut t.finalbody), fresh)?;
            StmtKind::Try(t)
        }
        StmtKind::With { mut items, body } => {
            for (k, it) in items.iter_mut().enumerate() {
                if let Some(t) = &it.target {
                    no_yield(t, "a with statement's target")?;
                }
                if k > 0 {
                    no_yield(&it.context, "a with statement's second item")?;
                }
            }
            if let Some(first) = items.first_mut() {
                let c = std::mem::replace(&mut first.context, mk(ExprKind::None, span));
                first.context = value(c, fresh, out)?;
            }
            StmtKind::With {
                items,
                body: block(body, fresh)?,
            }
        }
        StmtKind::Match(mut m) => {
            let subject = std::mem::replace(&mut m.subject, mk(ExprKind::None, span));
            m.subject = value(subject, fresh, out)?;
            for c in &mut m.cases {
                if let Some(g) = &c.guard {
                    no_yield(g, "a case guard")?;
                }
                c.body = block(std::mem::take(&mut c.body), fresh)?;
            }
            StmtKind::Match(m)
        }
        k => {
            let mut exprs = Vec::new();
            let mut bodies = Vec::new();
            k.parts(&mut exprs, &mut bodies);
            if let Some(e) = exprs.into_iter().find(|e| has_any_mark(e)) {
                return Err(refused("this statement", yield_span(e)));
            }
            k
        }
    };
    out.push(st(kind, span));
    Ok(())
}

fn no_yield(e: &Expr, what: &str) -> Lowered<()> {
    if has_any_mark(e) {
        return Err(refused(what, yield_span(e)));
    }
    Ok(())
}

/// `if`/`elif` whose conditions yield: the first condition's yields
/// before the `if`; a later one's inside the `else` of the ones before.
fn if_stmt(
    mut branches: Vec<(Expr, Vec<Stmt>)>,
    orelse: Vec<Stmt>,
    span: Span,
    fresh: &mut usize,
    out: &mut Vec<Stmt>,
) -> Lowered<StmtKind> {
    let orelse = block(orelse, fresh)?;
    for b in &mut branches {
        b.1 = block(std::mem::take(&mut b.1), fresh)?;
    }
    let split = branches.iter().skip(1).position(|(c, _)| has_yield(c));
    let orelse = match split {
        Some(k) => {
            let rest = branches.split_off(k + 1);
            let rspan = rest[0].0.span;
            let mut inner = Vec::new();
            let kind = if_stmt(rest, orelse, rspan, fresh, &mut inner)?;
            inner.push(st(kind, rspan));
            inner
        }
        None => orelse,
    };
    let mut it = branches.into_iter();
    let Some((c0, b0)) = it.next() else {
        return Err(Error::syntax("if without a condition", span));
    };
    let c0 = value(c0, fresh, out)?;
    let mut all = vec![(c0, b0)];
    all.extend(it);
    Ok(StmtKind::If {
        branches: all,
        orelse,
    })
}
