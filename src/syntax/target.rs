//! Assignment targets as Python's grammar has them (`star_targets`): the
//! loop target of `for` and of a comprehension's `for` clause — a name,
//! `a, b`, nested `(k, v)` / `[a, b]`, one `*rest` per level — parsed
//! without reading `in` as an operator; the starred element `*xs` of a
//! tuple, list or set display and of an assignment's left side; and the
//! rules an assignment target obeys once parsed (`check_targets`: one
//! starred target per level, never alone).

use std::rc::Rc;

use crate::syntax::ast::{Expr, ExprKind};
use crate::syntax::error::{PError, PResult, expected_cut, syntax};
use crate::syntax::expr::{binary, cut, enter, expr, mk, need, postfix};
use crate::syntax::token::Toks;

/// An element of a display or an expression list: `*operand` (the
/// operand at `|`'s precedence, as Python's `star_expression`) or an
/// expression.
pub fn star_or_expr(i: Toks<'_>) -> PResult<'_, Expr> {
    if !i.is("*") {
        return expr(i);
    }
    let _g = enter(i)?;
    let star = i.peek().span;
    let (rest, operand) = binary(i.advance(1), 5).map_err(cut)?;
    let span = star.to(operand.span);
    Ok((rest, mk(ExprKind::Starred(Box::new(operand)), span)))
}

/// A loop target list: `a`, `a, b`, `a, (b, c)`, `(a, *b)`, `[a, b]`,
/// with a trailing comma allowed; a comma makes it a Tuple.
pub fn target_list(i: Toks<'_>) -> PResult<'_, Expr> {
    let (mut i, first) = target(i)?;
    if !i.is(",") {
        return Ok((i, first));
    }
    let mut span = first.span;
    let mut items = vec![first];
    while i.is(",") {
        span = span.to(i.peek().span);
        i = i.advance(1);
        if !starts_target(i) {
            break;
        }
        let (rest, t) = target(i)?;
        span = span.to(t.span);
        items.push(t);
        i = rest;
    }
    let e = mk(ExprKind::Tuple(items), span);
    check_targets(&e)?;
    Ok((i, e))
}

fn starts_target(i: Toks<'_>) -> bool {
    use crate::syntax::token::Tok;
    matches!(i.kind(), Tok::Name | Tok::P("(" | "[" | "*"))
}

/// One target: `*t`, a bracketed target list, or a name with its
/// attribute and subscript chain (`for self.x in …` is Python too).
fn target(i: Toks<'_>) -> PResult<'_, Expr> {
    let _g = enter(i)?;
    crate::stack::grow(|| target_here(i))
}

fn target_here(i: Toks<'_>) -> PResult<'_, Expr> {
    let start = i.peek().span;
    if i.is("*") {
        let (rest, inner) = target(i.advance(1))?;
        let span = start.to(inner.span);
        return Ok((rest, mk(ExprKind::Starred(Box::new(inner)), span)));
    }
    for (open, close, what) in [("(", ")", "')'"), ("[", "]", "']'")] {
        if i.is(open) {
            let (rest, inner) = target_list(i.advance(1))?;
            let (rest, end) = need(rest, close, what)?;
            let span = start.to(end);
            let kind = match (open, inner.kind) {
                ("[", ExprKind::Tuple(items)) => ExprKind::List(items),
                ("[", other) => ExprKind::List(vec![mk(other, inner.span)]),
                (_, ExprKind::Tuple(items)) => ExprKind::Tuple(items),
                // `(a)` is just `a`.
                (_, other) => return Ok((rest, mk(other, inner.span))),
            };
            return Ok((rest, mk(kind, span)));
        }
    }
    let (rest, e) = postfix(i).map_err(|_| expected_cut(i, "a loop variable"))?;
    match e.kind {
        ExprKind::Name(_) | ExprKind::Attr { .. } | ExprKind::Index { .. } => Ok((rest, e)),
        _ => Err(syntax("cannot assign to this expression", e.span)),
    }
}

/// The starred rules of an assignment target: at most one `*t` in each
/// tuple or list, and none standing alone.
pub fn check_targets(e: &Expr) -> Result<(), nom::Err<PError>> {
    match &e.kind {
        ExprKind::Starred(_) => Err(syntax(
            "starred assignment target must be in a list or tuple",
            e.span,
        )),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            let mut starred = items
                .iter()
                .filter(|t| matches!(t.kind, ExprKind::Starred(_)));
            if let (Some(_), Some(second)) = (starred.next(), starred.next()) {
                return Err(syntax(
                    "multiple starred expressions in assignment",
                    second.span,
                ));
            }
            for t in items {
                match &t.kind {
                    ExprKind::Starred(inner) => check_targets(inner)?,
                    _ => check_targets(t)?,
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

impl Expr {
    /// The names a target binds (`i, (k, v)` binds i, k and v).
    pub fn target_names(&self) -> Vec<Rc<str>> {
        let mut out = Vec::new();
        let mut todo = vec![self];
        while let Some(e) = todo.pop() {
            match &e.kind {
                ExprKind::Name(n) => out.push(n.clone()),
                ExprKind::Starred(x) => todo.push(x),
                ExprKind::Tuple(xs) | ExprKind::List(xs) => todo.extend(xs.iter().rev()),
                _ => {}
            }
        }
        out
    }
}
