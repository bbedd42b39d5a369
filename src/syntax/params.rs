//! A `def`'s parameter list as Python writes it: plain parameters with
//! annotations and defaults, positional-only ones before `/`, `*args` or a
//! bare `*` then keyword-only ones, `**kwargs` last — with CPython's
//! messages for the orders it refuses.

use crate::syntax::ast::{Ident, Param, ParamKind};
use crate::syntax::error::{PResult, expected_cut, syntax};
use crate::syntax::expr::{any_name, cut, expr};
use crate::syntax::span::Span;
use crate::syntax::token::{Tok, Toks};

/// Where the list is: which markers were met.
#[derive(Default)]
struct Seen {
    slash: bool,
    /// `*` or `*args` (keyword-only parameters follow).
    star: Option<Span>,
    /// `**kwargs` (nothing may follow).
    kwarg: bool,
    /// A plain parameter with a default was met.
    default: bool,
}

/// `(a, b: int = 1, /, c, *args, d, **kw)`, at the `(`.
pub fn params(i: Toks<'_>) -> PResult<'_, Vec<Param>> {
    if !i.is("(") {
        return Err(expected_cut(i, "'(' and the parameters"));
    }
    let (j, out) = list(i.advance(1), ")")?;
    Ok((j.advance(1), out))
}

/// A `lambda`'s parameters (`lambda i=i, *a, **k: …`), after the keyword:
/// a `def`'s list without parentheses or annotations, up to the `:`
/// (not taken).
pub fn lambda_params(i: Toks<'_>) -> PResult<'_, Vec<Param>> {
    list(i, ":")
}

/// The parameters up to `close` (not taken): `)` for a `def`, `:` for a
/// `lambda` (whose parameters take no annotations).
fn list<'a>(i: Toks<'a>, close: &'static str) -> PResult<'a, Vec<Param>> {
    let mut j = i;
    let mut out: Vec<Param> = Vec::new();
    let mut seen = Seen::default();
    while !j.is(close) {
        let at = j.peek().span;
        if seen.kwarg {
            return Err(syntax("arguments cannot follow var-keyword argument", at));
        }
        j = if j.is("/") {
            slash(&mut out, &mut seen, at)?;
            j.advance(1)
        } else {
            let (rest, p) = param(j, &mut seen, close)?;
            if let Some(p) = p {
                if out.iter().any(|q| q.name.name == p.name.name) {
                    return Err(syntax(
                        format!(
                            "duplicate argument '{}' in function definition",
                            p.name.name
                        ),
                        p.name.span,
                    ));
                }
                out.push(p);
            }
            rest
        };
        if j.is(",") {
            j = j.advance(1);
        } else if !j.is(close) {
            return Err(expected_cut(
                j,
                if close == ":" {
                    "':' after the lambda parameters"
                } else {
                    "',' or ')'"
                },
            ));
        }
    }
    if let Some(span) = seen.star
        && !out
            .iter()
            .any(|p| matches!(p.kind, ParamKind::VarPositional | ParamKind::KeywordOnly))
    {
        return Err(syntax("named arguments must follow bare *", span));
    }
    Ok((j, out))
}

/// `/`: the plain parameters so far become positional-only.
fn slash(
    out: &mut [Param],
    seen: &mut Seen,
    at: Span,
) -> Result<(), nom::Err<crate::syntax::error::PError>> {
    if seen.slash {
        return Err(syntax("/ may appear only once", at));
    }
    if seen.star.is_some() {
        return Err(syntax("/ must be ahead of *", at));
    }
    if out.is_empty() {
        return Err(syntax("at least one argument must precede /", at));
    }
    for p in out.iter_mut() {
        p.kind = ParamKind::PositionalOnly;
    }
    seen.slash = true;
    Ok(())
}

/// One parameter (`name[: ann][= default]`, `*name`, `**name`) or a bare
/// `*` (None).
fn param<'a>(i: Toks<'a>, seen: &mut Seen, close: &'static str) -> PResult<'a, Option<Param>> {
    let at = i.peek().span;
    let (mut j, kind) = if i.is("**") {
        seen.kwarg = true;
        (i.advance(1), ParamKind::VarKeyword)
    } else if i.is("*") {
        if seen.star.is_some() {
            return Err(syntax("* argument may appear only once", at));
        }
        seen.star = Some(at);
        if i.peek_at(1).kind == Tok::P(",") || i.peek_at(1).kind == Tok::P(close) {
            return Ok((i.advance(1), None));
        }
        (i.advance(1), ParamKind::VarPositional)
    } else if seen.star.is_some() {
        (i, ParamKind::KeywordOnly)
    } else {
        (i, ParamKind::PositionalOrKeyword)
    };
    let (rest, name) = param_name(j)?;
    j = rest;
    if j.is(":") && close != ":" {
        let (rest, _) = expr(j.advance(1)).map_err(cut)?;
        j = rest;
    }
    let mut default = None;
    if j.is("=") {
        if matches!(kind, ParamKind::VarPositional | ParamKind::VarKeyword) {
            let what = if kind == ParamKind::VarKeyword {
                "var-keyword"
            } else {
                "var-positional"
            };
            return Err(syntax(
                format!("{what} argument cannot have default value"),
                j.peek().span,
            ));
        }
        let (rest, d) = expr(j.advance(1)).map_err(cut)?;
        default = Some(d);
        j = rest;
        if kind == ParamKind::PositionalOrKeyword {
            seen.default = true;
        }
    } else if kind == ParamKind::PositionalOrKeyword && seen.default {
        return Err(syntax(
            "parameter without a default follows parameter with a default",
            name.span,
        ));
    }
    Ok((
        j,
        Some(Param {
            name,
            default,
            kind,
        }),
    ))
}

/// A parameter's name (a keyword cannot be one).
fn param_name(i: Toks<'_>) -> PResult<'_, Ident> {
    if !matches!(i.kind(), Tok::Name | Tok::Kw(_)) {
        return Err(expected_cut(i, "a parameter name"));
    }
    let (rest, p) = any_name(i).map_err(cut)?;
    if matches!(i.kind(), Tok::Kw(_)) {
        return Err(syntax("a keyword cannot name a parameter", p.span));
    }
    Ok((rest, p))
}
