//! Atoms: literals, names, and the bracketed forms — parenthesised
//! expressions and tuples, lists, dicts and sets, and comprehensions in
//! them.

use std::rc::Rc;

use crate::syntax::ast::{Expr, ExprKind};
use crate::syntax::error::{PResult, expected, expected_cut, fatal, syntax};
use crate::syntax::expr::{binary, comprehension, cut, expr, mk, need};
use crate::syntax::literal::{int_value, strings};
use crate::syntax::span::Span;
use crate::syntax::target::star_or_expr;
use crate::syntax::token::{Kw, Tok, Toks};

/// Literals, names and bracketed forms.
pub fn atom(i: Toks<'_>) -> PResult<'_, Expr> {
    let t = *i.peek();
    let one = |kind| Ok((i.advance(1), mk(kind, t.span)));
    match t.kind {
        Tok::Name if i.text(t.span) == "yield" => Err(fatal(yield_unparenthesized(t.span))),
        Tok::Name => one(ExprKind::Name(Rc::from(i.text(t.span)))),
        Tok::Kw(Kw::None) => one(ExprKind::None),
        Tok::Kw(Kw::True) => one(ExprKind::Bool(true)),
        Tok::Kw(Kw::False) => one(ExprKind::Bool(false)),
        Tok::Int(v) => one(ExprKind::Int(int_value(v, false, t.span).map_err(fatal)?)),
        Tok::Float(f) => one(ExprKind::Float(f)),
        Tok::Str(_) => strings(i),
        // `...` is the built-in constant `Ellipsis`.
        Tok::P("...") => one(ExprKind::Name(Rc::from("Ellipsis"))),
        // Brackets need no guard of their own: the `expr` inside counts.
        Tok::P("(") => paren(i.advance(1), t.span),
        Tok::P("[") => list(i.advance(1), t.span),
        Tok::P("{") => dict(i.advance(1), t.span),
        _ => Err(expected(i, "an expression")),
    }
}

/// `yield` inside an expression without its own parentheses (`1 +
/// yield`): Python's grammar has it only in parentheses, as a statement,
/// or as the whole right side of an assignment.
fn yield_unparenthesized(span: Span) -> crate::error::Error {
    crate::error::Error::syntax("invalid syntax", span)
        .with_help("put the yield in parentheses: 1 + (yield v)")
}

/// Comma-separated expressions up to `close`, with a trailing comma allowed.
/// Returns the items, whether a comma was seen, and the closer's span.
fn items<'a>(
    mut i: Toks<'a>,
    first: Expr,
    close: &'static str,
    what: &'static str,
) -> PResult<'a, (Vec<Expr>, bool, Span)> {
    let mut out = vec![first];
    let mut comma = false;
    loop {
        if i.is(close) {
            return Ok((i.advance(1), (out, comma, i.peek().span)));
        }
        if !i.is(",") {
            i.cx.expect(i.idx(), what);
            return Err(expected_cut(i, "','"));
        }
        comma = true;
        i = i.advance(1);
        if i.is(close) {
            continue;
        }
        let (rest, e) = star_or_expr(i).map_err(cut)?;
        out.push(e);
        i = rest;
    }
}

fn paren(i: Toks<'_>, open: Span) -> PResult<'_, Expr> {
    if i.is(")") {
        return Ok((
            i.advance(1),
            mk(ExprKind::Tuple(vec![]), open.to(i.peek().span)),
        ));
    }
    if crate::syntax::yield_stmt::at_yield(i) {
        let (i, y) = crate::syntax::yield_stmt::yield_call(i)?;
        let (i, _) = need(i, ")", "')'")?;
        return Ok((i, y));
    }
    let (i, first) = star_or_expr(i).map_err(cut)?;
    if i.is_kw(Kw::For) {
        let (i, comp) = comprehension(i, first)?;
        let (i, close) = need(i, ")", "')'")?;
        return Ok((i, mk(genexp(comp.kind), open.to(close))));
    }
    if i.is(")") {
        if matches!(first.kind, ExprKind::Starred(_)) {
            return Err(syntax("cannot use starred expression here", first.span));
        }
        return Ok((i.advance(1), first));
    }
    let (i, (items, _, close)) = items(i, first, ")", "')'")?;
    Ok((i, mk(ExprKind::Tuple(items), open.to(close))))
}

fn list(i: Toks<'_>, open: Span) -> PResult<'_, Expr> {
    if i.is("]") {
        return Ok((
            i.advance(1),
            mk(ExprKind::List(vec![]), open.to(i.peek().span)),
        ));
    }
    let (i, first) = star_or_expr(i).map_err(cut)?;
    if i.is_kw(Kw::For) {
        let (i, comp) = comprehension(i, first)?;
        let (i, close) = need(i, "]", "']'")?;
        return Ok((i, mk(comp.kind, open.to(close))));
    }
    let (i, (items, _, close)) = items(i, first, "]", "']'")?;
    Ok((i, mk(ExprKind::List(items), open.to(close))))
}

fn dict(mut i: Toks<'_>, open: Span) -> PResult<'_, Expr> {
    let mut pairs = Vec::new();
    loop {
        if i.is("}") {
            return Ok((
                i.advance(1),
                mk(ExprKind::Dict(pairs), open.to(i.peek().span)),
            ));
        }
        if pairs.is_empty() && i.is("*") {
            return set_display(i, open);
        }
        if i.is("**") {
            // `**mapping` (PEP 448): its pairs merged here.
            let star = i.peek().span;
            let (rest, m) = binary(i.advance(1), 5).map_err(cut)?;
            let span = star.to(m.span);
            pairs.push((
                mk(ExprKind::Starred(Box::new(m)), span),
                mk(ExprKind::None, span),
            ));
            i = rest;
            if i.is(",") {
                i = i.advance(1);
            } else if !i.is("}") {
                i.cx.expect(i.idx(), "'}'");
                return Err(expected_cut(i, "','"));
            }
            continue;
        }
        let (rest, k) = expr(i).map_err(cut)?;
        if pairs.is_empty() && (rest.is_kw(Kw::For) || rest.is(",") || rest.is("}")) {
            return set_display(i, open);
        }
        if !rest.is(":") {
            return Err(expected_cut(rest, "':' after the dict key"));
        }
        let (rest, v) = expr(rest.advance(1)).map_err(cut)?;
        if pairs.is_empty() && rest.is_kw(Kw::For) {
            let span = k.span.to(v.span);
            let pair = mk(ExprKind::Tuple(vec![k, v]), span);
            let (rest, comp) = comprehension(rest, pair)?;
            let (rest, close) = need(rest, "}", "'}'")?;
            let ExprKind::ListComp { elt, clauses } = comp.kind else {
                return Err(expected_cut(rest, "a dict comprehension"));
            };
            return Ok((
                rest,
                mk(ExprKind::DictComp { pair: elt, clauses }, open.to(close)),
            ));
        }
        pairs.push((k, v));
        i = rest;
        if i.is(",") {
            i = i.advance(1);
        } else if !i.is("}") {
            i.cx.expect(i.idx(), "'}'");
            return Err(expected_cut(i, "','"));
        }
    }
}

/// A comprehension read between parentheses: a generator expression.
pub(crate) fn genexp(kind: ExprKind) -> ExprKind {
    match kind {
        ExprKind::ListComp { elt, clauses } => ExprKind::GenExp { elt, clauses },
        other => other,
    }
}

/// `{a, *b, c}` or `{x for … in …}`, after the `{` at `open`.
fn set_display(i: Toks<'_>, open: Span) -> PResult<'_, Expr> {
    let (i, first) = star_or_expr(i).map_err(cut)?;
    if i.is_kw(Kw::For) {
        let (i, comp) = comprehension(i, first)?;
        let (i, close) = need(i, "}", "'}'")?;
        let ExprKind::ListComp { elt, clauses } = comp.kind else {
            return Err(expected_cut(i, "a set comprehension"));
        };
        return Ok((i, mk(ExprKind::SetComp { elt, clauses }, open.to(close))));
    }
    let (i, (items, _, close)) = items(i, first, "}", "'}'")?;
    Ok((i, mk(ExprKind::Set(items), open.to(close))))
}
