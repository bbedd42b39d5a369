//! Postfix chains after an atom: `.name`, calls with their positional,
//! keyword, `*` and `**` arguments, and subscripts with slices.

use crate::syntax::ast::*;
use crate::syntax::error::{PResult, expected_cut, syntax};
use crate::syntax::expr::{
    any_name, atom, comprehension, cut, expr, expr_list, mk, need, starts_expr,
};
use crate::syntax::span::Span;
use crate::syntax::token::{Kw, Tok, Toks};

/// An atom followed by any number of `.name`, `(args)`, `[index]`.
pub fn postfix(i: Toks<'_>) -> PResult<'_, Expr> {
    let (mut i, mut e) = atom(i)?;
    loop {
        if i.is(".") {
            let after = i.advance(1);
            if !matches!(after.kind(), Tok::Name | Tok::Kw(_)) {
                return Err(expected_cut(after, "an attribute name after '.'"));
            }
            let (rest, attr) = any_name(after)?;
            i = rest;
            let span = e.span.to(attr.span);
            e = mk(
                ExprKind::Attr {
                    value: Box::new(e),
                    attr,
                },
                span,
            );
        } else if i.is("(") {
            let (rest, (args, close)) = call_args(i.advance(1))?;
            i = rest;
            let span = e.span.to(close);
            e = mk(
                ExprKind::Call {
                    func: Box::new(e),
                    args,
                },
                span,
            );
        } else if i.is("[") {
            let (rest, index) = subscript(i.advance(1))?;
            let (rest, close) = need(rest, "]", "']'")?;
            i = rest;
            let span = e.span.to(close);
            e = mk(
                ExprKind::Index {
                    value: Box::new(e),
                    index: Box::new(index),
                },
                span,
            );
        } else {
            return Ok((i, e));
        }
    }
}

/// Arguments after `(` up to and including `)`.
fn call_args(mut i: Toks<'_>) -> PResult<'_, (Vec<Arg>, Span)> {
    let mut args = Vec::new();
    let mut seen_kw: Option<Span> = None;
    loop {
        if i.is(")") {
            return Ok((i.advance(1), (args, i.peek().span)));
        }
        let t = i.peek();
        let arg = if i.is("*") || i.is("**") {
            let (rest, e) = expr(i.advance(1))?;
            i = rest;
            if t.kind == Tok::P("*") {
                Arg::Star(e)
            } else {
                seen_kw = Some(t.span);
                Arg::StarStar(e)
            }
        } else if matches!(t.kind, Tok::Name | Tok::Kw(_)) && i.peek_at(1).kind == Tok::P("=") {
            let (rest, kw) = any_name(i)?;
            let (rest, value) = expr(rest.advance(1))?;
            i = rest;
            seen_kw = Some(kw.span);
            if args
                .iter()
                .any(|a| matches!(a, Arg::Kw(k, _) if k.name == kw.name))
            {
                return Err(syntax(
                    format!("keyword argument repeated: {}", kw.name),
                    kw.span.to(value.span),
                ));
            }
            Arg::Kw(kw, value)
        } else {
            let (rest, e) = match expr(i) {
                Ok(ok) => ok,
                Err(nom::Err::Error(_)) if args.is_empty() => {
                    i.cx.expect(i.idx(), "')'");
                    return Err(expected_cut(i, "an expression"));
                }
                Err(e) => return Err(cut(e)),
            };
            let (rest, e) = if rest.is_kw(Kw::For) {
                let (rest, comp) = comprehension(rest, e)?;
                let span = comp.span;
                (rest, mk(crate::syntax::atom::genexp(comp.kind), span))
            } else {
                (rest, e)
            };
            i = rest;
            if seen_kw.is_some() {
                return Err(syntax(
                    "positional argument follows keyword argument",
                    e.span,
                ));
            }
            Arg::Pos(e)
        };
        args.push(arg);
        if i.is(",") {
            i = i.advance(1);
        } else if !i.is(")") {
            i.cx.expect(i.idx(), "')'");
            return Err(expected_cut(i, "','"));
        }
    }
}

/// The inside of `[…]` after a primary: an index, a tuple of indexes or a slice.
fn subscript(i: Toks<'_>) -> PResult<'_, Expr> {
    let start = i.peek().span;
    let (i, lo) = if i.is(":") {
        (i, None)
    } else {
        let (i, e) = expr_list(i).map_err(cut)?;
        if !i.is(":") {
            return Ok((i, e));
        }
        (i, Some(Box::new(e)))
    };
    let mut end = i.peek().span;
    let mut i = i.advance(1);
    let (rest, hi) = slice_bound(i, &mut end)?;
    i = rest;
    let mut step = None;
    if i.is(":") {
        end = i.peek().span;
        let (rest, s) = slice_bound(i.advance(1), &mut end)?;
        i = rest;
        step = s;
    }
    Ok((i, mk(ExprKind::Slice { lo, hi, step }, start.to(end))))
}

fn slice_bound<'a>(i: Toks<'a>, end: &mut Span) -> PResult<'a, Option<Box<Expr>>> {
    if starts_expr(i.kind()) {
        let (rest, e) = expr(i).map_err(cut)?;
        *end = e.span;
        Ok((rest, Some(Box::new(e))))
    } else {
        Ok((i, None))
    }
}
