//! The expression half of lowering a `yield` inside a larger expression
//! (`syntax::yield_expr`): an expression's yields moved into yield
//! statements with hidden targets, what Python evaluates before each
//! yield bound to hidden names first, in its order; `and`/`or` and
//! `a if c else b` as `if` statements.

use std::rc::Rc;

use crate::error::{Error, ErrorKind};
use crate::syntax::ast::{Arg, BoolOp, Expr, ExprKind, FPart, Stmt, StmtKind, UnaryOp};
use crate::syntax::depth::children;
use crate::syntax::span::Span;
use crate::syntax::yield_stmt::as_yield;

/// A lowering's result: a parse error where a yield cannot go.
pub(super) type Lowered<T> = std::result::Result<T, Error>;

/// Does `e` hold a `yield` read as a value?
pub(super) fn has_yield(e: &Expr) -> bool {
    if as_yield(e).is_some() {
        return true;
    }
    if matches!(e.kind, ExprKind::Lambda { .. }) {
        return false;
    }
    let mut kids = Vec::new();
    children(e, &mut kids);
    kids.into_iter().any(has_yield)
}

/// A yield anywhere in `e`, a lambda's or comprehension's included.
pub(super) fn has_any_mark(e: &Expr) -> bool {
    if as_yield(e).is_some() {
        return true;
    }
    let mut kids = Vec::new();
    children(e, &mut kids);
    if let ExprKind::Lambda { body, .. } = &e.kind {
        kids.push(body);
    }
    kids.into_iter().any(has_any_mark)
}

pub(super) fn mk(kind: ExprKind, span: Span) -> Expr {
    Expr { kind, span }
}

pub(super) fn name(n: &str, span: Span) -> Expr {
    mk(ExprKind::Name(Rc::from(n)), span)
}

pub(super) fn st(kind: StmtKind, span: Span) -> Stmt {
    Stmt { kind, span }
}

pub(super) fn assign(target: &str, value: Expr) -> Stmt {
    let span = value.span;
    st(
        StmtKind::Assign {
            target: name(target, span),
            value,
        },
        span,
    )
}

pub(super) fn temp(fresh: &mut usize) -> String {
    *fresh += 1;
    format!(".y{}", *fresh - 1)
}

/// A yield this lowering cannot place.
pub(super) fn refused(what: &str, span: Span) -> Error {
    Error::new(
        ErrorKind::NotImplementedError,
        format!("ormsh does not support yield inside {what}"),
    )
    .at(span)
    .with_help("assign the yield's value to a name first (x = yield v), then use the name")
}

/// The first yield in `e` (for an error's place).
pub(super) fn yield_span(e: &Expr) -> Span {
    if as_yield(e).is_some() {
        return e.span;
    }
    let mut kids = Vec::new();
    children(e, &mut kids);
    if let ExprKind::Lambda { body, .. } = &e.kind {
        kids.push(body);
    }
    kids.into_iter()
        .find(|k| has_any_mark(k))
        .map_or(e.span, yield_span)
}

/// `e` itself a yield: its value and whether it is `yield from`.
pub(super) fn yield_parts(e: &Expr) -> Option<(Option<Expr>, bool)> {
    as_yield(e).map(|(v, from)| (v.cloned(), from))
}

/// The yield statement, its own value lowered first.
pub(super) fn yield_stmt(
    v: Option<Expr>,
    from: bool,
    target: Option<Expr>,
    fresh: &mut usize,
    out: &mut Vec<Stmt>,
) -> Lowered<StmtKind> {
    let v = match v {
        Some(v) => Some(value(v, fresh, out)?),
        None => None,
    };
    Ok(StmtKind::Yield {
        value: v,
        from,
        target,
    })
}

/// `e` with its yields lowered into `out` (what is evaluated before each
/// yield bound to hidden names first).
pub(super) fn value(e: Expr, fresh: &mut usize, out: &mut Vec<Stmt>) -> Lowered<Expr> {
    if !has_any_mark(&e) {
        return Ok(e);
    }
    let span = e.span;
    if let Some((v, from)) = yield_parts(&e) {
        let t = temp(fresh);
        let kind = yield_stmt(v, from, Some(name(&t, span)), fresh, out)?;
        out.push(st(kind, span));
        return Ok(name(&t, span));
    }
    match e.kind {
        ExprKind::ListComp { .. } => Err(comp_error("list comprehension", &e)),
        ExprKind::SetComp { .. } => Err(comp_error("set comprehension", &e)),
        ExprKind::DictComp { .. } => Err(comp_error("dict comprehension", &e)),
        ExprKind::GenExp { .. } => Err(comp_error("generator expression", &e)),
        ExprKind::Lambda { .. } => Err(refused("a lambda", yield_span(&e))),
        ExprKind::Compare { ref rest, .. } if rest.len() > 1 => {
            Err(refused("a chained comparison", yield_span(&e)))
        }
        ExprKind::BoolOp { op, left, right } => {
            let l = value(*left, fresh, out)?;
            if !has_any_mark(&right) {
                let kind = ExprKind::BoolOp {
                    op,
                    left: Box::new(l),
                    right,
                };
                return Ok(mk(kind, span));
            }
            // t = left; if t (and) / if not t (or): t = right
            let t = temp(fresh);
            out.push(assign(&t, l));
            let mut then = Vec::new();
            let r = value(*right, fresh, &mut then)?;
            then.push(assign(&t, r));
            let cond = match op {
                BoolOp::And => name(&t, span),
                BoolOp::Or => mk(
                    ExprKind::Unary {
                        op: UnaryOp::Not,
                        operand: Box::new(name(&t, span)),
                    },
                    span,
                ),
            };
            let kind = StmtKind::If {
                branches: vec![(cond, then)],
                orelse: Vec::new(),
            };
            out.push(st(kind, span));
            Ok(name(&t, span))
        }
        ExprKind::IfElse { body, cond, orelse } => {
            let c = value(*cond, fresh, out)?;
            if !has_any_mark(&body) && !has_any_mark(&orelse) {
                let kind = ExprKind::IfElse {
                    body,
                    cond: Box::new(c),
                    orelse,
                };
                return Ok(mk(kind, span));
            }
            let t = temp(fresh);
            let mut then = Vec::new();
            let b = value(*body, fresh, &mut then)?;
            then.push(assign(&t, b));
            let mut other = Vec::new();
            let o = value(*orelse, fresh, &mut other)?;
            other.push(assign(&t, o));
            let kind = StmtKind::If {
                branches: vec![(c, then)],
                orelse: other,
            };
            out.push(st(kind, span));
            Ok(name(&t, span))
        }
        mut kind => {
            let mut slots = slots(&mut kind);
            let last = slots.iter().rposition(|s| has_any_mark(s.expr()));
            if let Some(last) = last {
                for (k, slot) in slots.iter_mut().enumerate().take(last + 1) {
                    match slot {
                        Slot::Callee(f) => callee(f, k < last, fresh, out)?,
                        Slot::Plain(x) => {
                            let x0 = std::mem::replace(&mut **x, mk(ExprKind::None, span));
                            **x = if k < last {
                                hoisted(x0, fresh, out)?
                            } else {
                                value(x0, fresh, out)?
                            };
                        }
                    }
                }
            }
            Ok(mk(kind, span))
        }
    }
}

/// Python's SyntaxError for a yield in a comprehension.
fn comp_error(what: &str, e: &Expr) -> Error {
    Error::syntax(format!("'yield' inside {what}"), yield_span(e))
}

/// `e` lowered, then bound to a hidden name (unless its value cannot
/// change: a constant or a hidden name already).
pub(super) fn hoisted(e: Expr, fresh: &mut usize, out: &mut Vec<Stmt>) -> Lowered<Expr> {
    let span = e.span;
    match e.kind {
        ExprKind::Starred(x) => {
            let x = hoisted(*x, fresh, out)?;
            Ok(mk(ExprKind::Starred(Box::new(x)), span))
        }
        ExprKind::Slice { lo, hi, step } => {
            let mut part = |p: Option<Box<Expr>>| -> Lowered<Option<Box<Expr>>> {
                match p {
                    Some(p) => Ok(Some(Box::new(hoisted(*p, fresh, out)?))),
                    None => Ok(None),
                }
            };
            let (lo, hi, step) = (part(lo)?, part(hi)?, part(step)?);
            Ok(mk(ExprKind::Slice { lo, hi, step }, span))
        }
        ExprKind::None
        | ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Bytes(_)
        | ExprKind::Lambda { .. } => Ok(e),
        ExprKind::Name(ref n) if n.starts_with('.') => Ok(e),
        _ => {
            let v = value(e, fresh, out)?;
            let t = temp(fresh);
            out.push(assign(&t, v));
            Ok(name(&t, span))
        }
    }
}

/// The called expression of a call whose arguments yield: a plain name
/// stays (looked up at the call, as ormsh's built-ins are); a method's
/// object is evaluated first; anything else is evaluated first whole.
fn callee(f: &mut Expr, before: bool, fresh: &mut usize, out: &mut Vec<Stmt>) -> Lowered<()> {
    let span = f.span;
    let f0 = std::mem::replace(f, mk(ExprKind::None, span));
    *f = match f0.kind {
        ExprKind::Name(_) if before => f0,
        ExprKind::Attr { value: v, attr } if before => {
            let v = hoisted(*v, fresh, out)?;
            mk(
                ExprKind::Attr {
                    value: Box::new(v),
                    attr,
                },
                span,
            )
        }
        _ if before => hoisted(f0, fresh, out)?,
        _ => value(f0, fresh, out)?,
    };
    Ok(())
}

/// A sub-expression in the order Python evaluates them.
enum Slot<'a> {
    /// The function of a call.
    Callee(&'a mut Expr),
    Plain(&'a mut Expr),
}

impl Slot<'_> {
    fn expr(&self) -> &Expr {
        match self {
            Slot::Callee(e) | Slot::Plain(e) => e,
        }
    }
}

/// The sub-expressions of the kinds evaluated left to right, in order.
fn slots(kind: &mut ExprKind) -> Vec<Slot<'_>> {
    let mut out = Vec::new();
    match kind {
        ExprKind::FString(parts) => {
            for p in parts {
                if let FPart::Expr { expr, .. } = p {
                    out.push(Slot::Plain(expr));
                }
            }
        }
        ExprKind::List(xs) | ExprKind::Tuple(xs) | ExprKind::Set(xs) => {
            out.extend(xs.iter_mut().map(Slot::Plain));
        }
        ExprKind::Starred(x) | ExprKind::NamedExpr { value: x, .. } => out.push(Slot::Plain(x)),
        ExprKind::Dict(kv) => {
            for (k, v) in kv {
                out.push(Slot::Plain(k));
                out.push(Slot::Plain(v));
            }
        }
        ExprKind::Attr { value, .. } => out.push(Slot::Plain(value)),
        ExprKind::Call { func, args } => {
            out.push(Slot::Callee(func));
            for a in args {
                match a {
                    Arg::Pos(e) | Arg::Kw(_, e) | Arg::Star(e) | Arg::StarStar(e) => {
                        out.push(Slot::Plain(e))
                    }
                }
            }
        }
        ExprKind::Index { value, index } => {
            out.push(Slot::Plain(value));
            out.push(Slot::Plain(index));
        }
        ExprKind::Slice { lo, hi, step } => {
            for x in [lo, hi, step].into_iter().flatten() {
                out.push(Slot::Plain(x));
            }
        }
        ExprKind::Unary { operand, .. } => out.push(Slot::Plain(operand)),
        ExprKind::Binary { left, right, .. } => {
            out.push(Slot::Plain(left));
            out.push(Slot::Plain(right));
        }
        ExprKind::Compare { left, rest } => {
            out.push(Slot::Plain(left));
            out.extend(rest.iter_mut().map(|(_, e)| Slot::Plain(e)));
        }
        _ => {}
    }
    out
}
