//! Python's `match` statement (PEP 634): `match SUBJECT:` and its indented
//! `case PATTERN [if GUARD]:` blocks. `match` and `case` are soft
//! keywords — names everywhere else — so a line is a `match` statement
//! only when it starts with `match` and its header ends in `:`
//! (`is_match_header`). Patterns: literals (numbers, strings, `None`,
//! `True`, `False`), captures, `_`, dotted values (`Color.RED`), groups,
//! sequences with one `*rest`, mappings with `**rest`, class patterns with
//! positional and keyword sub-patterns, `|` alternatives and `as`.

use std::rc::Rc;

use crate::syntax::ast::{Expr, ExprKind, Ident, UnaryOp};
pub use crate::syntax::pattern_ast::{MatchCase, MatchStmt, PatKind, Pattern};
use std::cmp::Ordering;

use crate::syntax::block::{Header, indent_of, skip_newlines, suite};
use crate::syntax::error::{PError, PResult, expected_cut, fatal, syntax};
use crate::syntax::expr::{cut, expr, expr_list, mk};
use crate::syntax::indent;
use crate::syntax::literal::{int_value, strings};
use crate::syntax::span::Span;
use crate::syntax::token::{Kw, Tok, Toks};

/// Does this line (trimmed) start a `match` statement? `match` then a
/// subject and a final `:` (comments aside) — not `match = …`, `match(x)`
/// alone or `match.group()`.
pub fn is_match_header(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("match") else {
        return false;
    };
    let code = rest.split('#').next().unwrap_or("").trim_end();
    let next = rest.chars().next();
    next.is_some_and(|c| c == ' ' || c == '(' || c == '[' || c == '\t' || c == '{')
        && code.ends_with(':')
        && !code.trim_start().starts_with(['=', '.'])
}

/// Is the next token the soft keyword `word`?
fn soft(i: Toks<'_>, word: &str) -> bool {
    i.kind() == Tok::Name && i.text(i.peek().span) == word
}

/// Is this the start of a `match` statement (the token is `match`, and
/// the line is a header)?
pub fn starts(i: Toks<'_>) -> bool {
    if !soft(i, "match") {
        return false;
    }
    let start = i.peek().span.start as usize;
    let line = i.cx.src[start..].lines().next().unwrap_or("");
    is_match_header(line.trim())
}

/// `match subject:` and its `case` blocks (at `match`).
pub fn match_stmt(i: Toks<'_>) -> PResult<'_, MatchStmt> {
    let header = Header::at(i, "'match' statement");
    let (i, subject) = expr_list(i.advance(1)).map_err(cut)?;
    if !i.is(":") {
        return Err(expected_cut(i, "':' after the match subject"));
    }
    let colon = i.peek().span;
    let after = i.advance(1);
    if !matches!(after.kind(), Tok::Newline | Tok::Eof) {
        return Err(syntax(
            "the cases of a match statement go on the lines below it, indented",
            after.peek().span,
        ));
    }
    let j = skip_newlines(after);
    let deeper = j.kind() != Tok::Eof
        && indent::compare(indent_of(j), header.indent, j.peek().span).map_err(fatal)?
            == Ordering::Greater;
    if !deeper {
        return Err(fatal(indent::error(
            "expected an indented block after 'match' statement",
            if j.kind() == Tok::Eof {
                colon
            } else {
                j.peek().span
            },
        )));
    }
    let level = indent_of(j);
    let mut cases = Vec::new();
    let mut i = j;
    loop {
        let k = skip_newlines(i);
        if k.kind() == Tok::Eof
            || indent::compare(indent_of(k), level, k.peek().span).map_err(fatal)?
                != Ordering::Equal
        {
            break;
        }
        if !soft(k, "case") {
            return Err(syntax(
                "expected 'case' in a match block: every line at this indentation starts a case",
                k.peek().span,
            ));
        }
        let (rest, c) = case_block(k)?;
        cases.push(c);
        i = rest;
    }
    Ok((i, MatchStmt { subject, cases }))
}

/// `case patterns [if guard]: body` (at `case`).
fn case_block(i: Toks<'_>) -> PResult<'_, MatchCase> {
    let header = Header::at(i, "'case' statement");
    let (mut i, pattern) = open_sequence(i.advance(1))?;
    let mut guard = None;
    if i.is_kw(Kw::If) {
        let (rest, g) = expr(i.advance(1)).map_err(cut)?;
        guard = Some(g);
        i = rest;
    }
    if !i.is(":") {
        return Err(expected_cut(i, "':' after the case pattern"));
    }
    let (i, body) = suite(i, header)?;
    Ok((
        i,
        MatchCase {
            pattern,
            guard,
            body,
        },
    ))
}

/// An item of a sequence pattern: a pattern or `*name`.
enum Item {
    Pat(Pattern),
    Star(Option<Rc<str>>, Span),
}

/// `p, q, *r` without brackets is a sequence pattern; one pattern alone is itself.
fn open_sequence(i: Toks<'_>) -> PResult<'_, Pattern> {
    let start = i.peek().span;
    let (mut i, first) = star_or_pattern(i)?;
    if !i.is(",") {
        return match first {
            Item::Pat(p) => Ok((i, p)),
            Item::Star(_, span) => Err(syntax(
                "a starred pattern is only allowed in a sequence",
                span,
            )),
        };
    }
    let mut items = vec![first];
    let mut end = start;
    while i.is(",") {
        end = i.peek().span;
        i = i.advance(1);
        if i.is(":") || i.is_kw(Kw::If) {
            break;
        }
        let (rest, p) = star_or_pattern(i)?;
        end = match &p {
            Item::Pat(p) => p.span,
            Item::Star(_, s) => *s,
        };
        items.push(p);
        i = rest;
    }
    Ok((i, sequence(items, start.to(end))?))
}

/// `*name` (`*_` binds nothing) or a pattern.
fn star_or_pattern(i: Toks<'_>) -> PResult<'_, Item> {
    if !i.is("*") {
        let (i, p) = pattern(i)?;
        return Ok((i, Item::Pat(p)));
    }
    let t = i.peek().span;
    let j = i.advance(1);
    if j.kind() != Tok::Name {
        return Err(expected_cut(j, "a name after '*'"));
    }
    let n = j.text(j.peek().span);
    let name = (n != "_").then(|| Rc::from(n));
    Ok((j.advance(1), Item::Star(name, t.to(j.peek().span))))
}

/// A sequence pattern of these items, with at most one `*name`.
fn sequence(raw: Vec<Item>, span: Span) -> Result<Pattern, nom::Err<PError>> {
    let mut items = Vec::new();
    let mut star = None;
    for it in raw {
        match it {
            Item::Star(name, s) => {
                if star.is_some() {
                    return Err(syntax("multiple starred names in sequence pattern", s));
                }
                star = Some((items.len(), name));
            }
            Item::Pat(p) => items.push(p),
        }
    }
    Ok(Pattern {
        kind: PatKind::Sequence { items, star },
        span,
    })
}

/// `or_pattern [as name]`
fn pattern(i: Toks<'_>) -> PResult<'_, Pattern> {
    let (i, p) = or_pattern(i)?;
    if !i.is_kw(Kw::As) {
        return Ok((i, p));
    }
    let j = i.advance(1);
    if j.kind() != Tok::Name {
        return Err(expected_cut(j, "a name after 'as'"));
    }
    let n = j.text(j.peek().span);
    if n == "_" {
        return Err(syntax("cannot use '_' as a target", j.peek().span));
    }
    let span = p.span.to(j.peek().span);
    Ok((
        j.advance(1),
        Pattern {
            kind: PatKind::As(Box::new(p), Rc::from(n)),
            span,
        },
    ))
}

/// `closed | closed | …`
fn or_pattern(i: Toks<'_>) -> PResult<'_, Pattern> {
    let (mut i, first) = closed(i)?;
    if !i.is("|") {
        return Ok((i, first));
    }
    let mut alts = vec![first];
    while i.is("|") {
        let (rest, p) = closed(i.advance(1))?;
        alts.push(p);
        i = rest;
    }
    let span = alts[0].span.to(alts[alts.len() - 1].span);
    Ok((
        i,
        Pattern {
            kind: PatKind::Or(alts),
            span,
        },
    ))
}

fn pat(kind: PatKind, span: Span) -> Pattern {
    Pattern { kind, span }
}

/// A literal, capture, wildcard, value, group, sequence, mapping or class pattern.
fn closed(i: Toks<'_>) -> PResult<'_, Pattern> {
    let t = *i.peek();
    match t.kind {
        Tok::Kw(Kw::None) => Ok((
            i.advance(1),
            pat(PatKind::Value(mk(ExprKind::None, t.span)), t.span),
        )),
        Tok::Kw(Kw::True) => Ok((
            i.advance(1),
            pat(PatKind::Value(mk(ExprKind::Bool(true), t.span)), t.span),
        )),
        Tok::Kw(Kw::False) => Ok((
            i.advance(1),
            pat(PatKind::Value(mk(ExprKind::Bool(false), t.span)), t.span),
        )),
        Tok::Int(_) | Tok::Float(_) | Tok::P("-") => number(i),
        Tok::Str(_) => {
            let (rest, e) = strings(i)?;
            let span = e.span;
            Ok((rest, pat(PatKind::Value(e), span)))
        }
        Tok::Name => name_pattern(i),
        Tok::P("(") => group(i),
        Tok::P("[") => bracketed(i.advance(1), t.span, "]"),
        Tok::P("{") => mapping(i.advance(1), t.span),
        _ => Err(expected_cut(i, "a pattern")),
    }
}

/// `1`, `-2`, `3.5`.
fn number(i: Toks<'_>) -> PResult<'_, Pattern> {
    let start = i.peek().span;
    let (neg, j) = if i.is("-") {
        (true, i.advance(1))
    } else {
        (false, i)
    };
    let t = *j.peek();
    let e = match t.kind {
        Tok::Int(v) => mk(
            ExprKind::Int(int_value(v, neg, t.span).map_err(crate::syntax::error::fatal)?),
            start.to(t.span),
        ),
        Tok::Float(f) => {
            let lit = mk(ExprKind::Float(f), t.span);
            if neg {
                mk(
                    ExprKind::Unary {
                        op: UnaryOp::Neg,
                        operand: Box::new(lit),
                    },
                    start.to(t.span),
                )
            } else {
                lit
            }
        }
        _ => return Err(expected_cut(j, "a number after '-'")),
    };
    let span = e.span;
    Ok((j.advance(1), pat(PatKind::Value(e), span)))
}

/// `_`, `name`, `a.b.c`, or `Cls(…)` / `mod.Cls(…)`.
fn name_pattern(i: Toks<'_>) -> PResult<'_, Pattern> {
    let t = i.peek().span;
    let first = i.text(t);
    let mut j = i.advance(1);
    let mut e = mk(ExprKind::Name(Rc::from(first)), t);
    let mut dotted = false;
    while j.is(".") && j.peek_at(1).kind == Tok::Name {
        let a = j.peek_at(1).span;
        let attr = Ident {
            name: Rc::from(j.text(a)),
            span: a,
        };
        e = mk(
            ExprKind::Attr {
                value: Box::new(e),
                attr,
            },
            t.to(a),
        );
        dotted = true;
        j = j.advance(2);
    }
    if j.is("(") {
        return class_pattern(j.advance(1), e);
    }
    let span = e.span;
    if dotted {
        return Ok((j, pat(PatKind::Value(e), span)));
    }
    let kind = if first == "_" {
        PatKind::Wildcard
    } else {
        PatKind::Capture(Rc::from(first))
    };
    Ok((j, pat(kind, span)))
}

/// `Cls(p, …, key=p, …)` after its `(`.
fn class_pattern(mut i: Toks<'_>, class: Expr) -> PResult<'_, Pattern> {
    let mut args = Vec::new();
    let mut kwargs: Vec<(Ident, Pattern)> = Vec::new();
    loop {
        if i.is(")") {
            let span = class.span.to(i.peek().span);
            let kind = PatKind::Class {
                class,
                args,
                kwargs,
            };
            return Ok((i.advance(1), pat(kind, span)));
        }
        if i.kind() == Tok::Name && i.peek_at(1).kind == Tok::P("=") {
            let s = i.peek().span;
            let key = Ident {
                name: Rc::from(i.text(s)),
                span: s,
            };
            let (rest, p) = pattern(i.advance(2))?;
            kwargs.push((key, p));
            i = rest;
        } else {
            let (rest, p) = pattern(i)?;
            if !kwargs.is_empty() {
                return Err(syntax(
                    "positional patterns follow keyword patterns",
                    p.span,
                ));
            }
            args.push(p);
            i = rest;
        }
        if i.is(",") {
            i = i.advance(1);
        } else if !i.is(")") {
            return Err(expected_cut(i, "',' or ')' in the class pattern"));
        }
    }
}

/// `(p)` is a group; `(p,)`, `()` and `(p, q)` are sequences.
fn group(i: Toks<'_>) -> PResult<'_, Pattern> {
    let open = i.peek().span;
    let j = i.advance(1);
    if j.is(")") {
        return bracketed(j, open, ")");
    }
    if let (k, Item::Pat(p)) = star_or_pattern(j)?
        && k.is(")")
    {
        return Ok((k.advance(1), p));
    }
    bracketed(j, open, ")")
}

/// The items of `[…]` or `(…)` after the opening bracket.
fn bracketed<'a>(mut i: Toks<'a>, open: Span, close: &'static str) -> PResult<'a, Pattern> {
    let mut raw = Vec::new();
    loop {
        if i.is(close) {
            let span = open.to(i.peek().span);
            return Ok((i.advance(1), sequence(raw, span)?));
        }
        let (rest, p) = star_or_pattern(i)?;
        raw.push(p);
        i = rest;
        if i.is(",") {
            i = i.advance(1);
        } else if !i.is(close) {
            return Err(expected_cut(i, "',' or the closing bracket in the pattern"));
        }
    }
}

/// `{key: p, …, **rest}` after its `{`.
fn mapping(mut i: Toks<'_>, open: Span) -> PResult<'_, Pattern> {
    let mut items = Vec::new();
    let mut rest = None;
    loop {
        if i.is("}") {
            let span = open.to(i.peek().span);
            return Ok((i.advance(1), pat(PatKind::Mapping { items, rest }, span)));
        }
        if i.is("**") {
            let j = i.advance(1);
            if j.kind() != Tok::Name {
                return Err(expected_cut(j, "a name after '**'"));
            }
            rest = Some(Rc::from(j.text(j.peek().span)));
            i = j.advance(1);
        } else {
            let (after, key) = closed(i)?;
            let PatKind::Value(key) = key.kind else {
                return Err(syntax(
                    "mapping pattern keys may only match literals and attribute lookups",
                    key.span,
                ));
            };
            if !after.is(":") {
                return Err(expected_cut(after, "':' after the mapping pattern's key"));
            }
            let (after, p) = pattern(after.advance(1))?;
            items.push((key, p));
            i = after;
        }
        if i.is(",") {
            i = i.advance(1);
        } else if !i.is("}") {
            return Err(expected_cut(i, "',' or '}' in the mapping pattern"));
        }
    }
}
