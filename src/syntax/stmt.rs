//! Statements: a chunk is statements separated by newlines or `;`.
//! Owns assignment (and its target rules), augmented assignment, the
//! one-line `for`, `pass`, and expression statements. Model blocks are in
//! `model`.

use crate::syntax::ast::*;
use crate::syntax::error::{PResult, expected_cut, syntax};
use crate::syntax::expr::{expr_list, targets};
use crate::syntax::model::model_def;
use crate::syntax::span::Span;
use crate::syntax::token::{Kw, Tok, Toks};

/// The span from the token at `from` to the last token before `to`.
pub fn span_between(from: Toks<'_>, to: Toks<'_>) -> Span {
    let toks = from.cx.toks;
    let a = from.idx().min(toks.len() - 1);
    let b = to.idx().saturating_sub(1).max(a).min(toks.len() - 1);
    toks[a].span.to(toks[b].span)
}

fn is_end(i: Toks<'_>) -> bool {
    matches!(i.kind(), Tok::Newline | Tok::Eof | Tok::P(";"))
}

/// Every statement of a chunk.
pub fn chunk(mut i: Toks<'_>) -> PResult<'_, Vec<Stmt>> {
    let mut out = Vec::new();
    loop {
        while matches!(i.kind(), Tok::Newline | Tok::P(";")) {
            i = i.advance(1);
        }
        if i.kind() == Tok::Eof {
            return Ok((i, out));
        }
        let (rest, s) = statement(i)?;
        out.push(s);
        i = rest;
        if !is_end(i) {
            return Err(expected_cut(i, "an operator or the end of the statement"));
        }
    }
}

/// One statement.
pub fn statement(i: Toks<'_>) -> PResult<'_, Stmt> {
    match i.kind() {
        Tok::Kw(Kw::Model) => model_def(i),
        Tok::Name | Tok::Kw(_) if crate::syntax::import::starts(i) => {
            crate::syntax::import::import_stmt(i)
        }
        Tok::Kw(Kw::For) => for_stmt(i),
        Tok::Kw(Kw::Def) => Err(syntax(
            "'def' is only supported inside a model block, as 'def __repr__(self): return …'",
            i.peek().span,
        )),
        Tok::Kw(Kw::Return) => Err(syntax("'return' outside a 'def __repr__'", i.peek().span)),
        _ => simple(i),
    }
}

/// Assignment, augmented assignment, `pass` or an expression statement.
pub fn simple(i: Toks<'_>) -> PResult<'_, Stmt> {
    let start = i;
    if i.is_kw(Kw::Pass) {
        let rest = i.advance(1);
        return Ok((
            rest,
            Stmt {
                kind: StmtKind::Pass,
                span: i.peek().span,
            },
        ));
    }
    let (i, e) = expr_list(i)?;
    let aug = match i.kind() {
        Tok::P("+=") => Some(BinOp::Add),
        Tok::P("-=") => Some(BinOp::Sub),
        Tok::P("*=") => Some(BinOp::Mul),
        Tok::P("/=") => Some(BinOp::Div),
        Tok::P("//=") => Some(BinOp::FloorDiv),
        Tok::P("%=") => Some(BinOp::Mod),
        _ => None,
    };
    if let Some(op) = aug {
        if matches!(e.kind, ExprKind::Tuple(_)) {
            return Err(syntax(
                "an augmented assignment needs a single target",
                e.span,
            ));
        }
        check_target(&e)?;
        let (i, value) = expr_list(i.advance(1)).map_err(hard)?;
        let span = span_between(start, i);
        return Ok((
            i,
            Stmt {
                kind: StmtKind::AugAssign {
                    target: e,
                    op,
                    value,
                },
                span,
            },
        ));
    }
    if i.is("=") {
        check_target(&e)?;
        let (i, value) = expr_list(i.advance(1)).map_err(hard)?;
        if i.is("=") {
            return Err(syntax(
                "chained assignment (a = b = …) is not supported; assign one at a time",
                i.peek().span,
            ));
        }
        let span = span_between(start, i);
        return Ok((
            i,
            Stmt {
                kind: StmtKind::Assign { target: e, value },
                span,
            },
        ));
    }
    let span = e.span;
    Ok((
        i,
        Stmt {
            kind: StmtKind::Expr(e),
            span,
        },
    ))
}

fn hard(e: nom::Err<crate::syntax::error::PError>) -> nom::Err<crate::syntax::error::PError> {
    match e {
        nom::Err::Error(e) => nom::Err::Failure(e),
        other => other,
    }
}

/// Only names, attributes, subscripts and tuples of them can be assigned to.
fn check_target(e: &Expr) -> Result<(), nom::Err<crate::syntax::error::PError>> {
    let what = match &e.kind {
        ExprKind::Name(_) | ExprKind::Attr { .. } | ExprKind::Index { .. } => return Ok(()),
        ExprKind::Tuple(items) if !items.is_empty() => {
            for item in items {
                if matches!(item.kind, ExprKind::Tuple(_)) {
                    return Err(syntax("nested tuple targets are not supported", item.span));
                }
                check_target(item)?;
            }
            return Ok(());
        }
        ExprKind::None | ExprKind::Bool(_) | ExprKind::Int(_) | ExprKind::Float(_) => "literal",
        ExprKind::Str(_) | ExprKind::Bytes(_) | ExprKind::FString(_) => "literal",
        ExprKind::List(_) | ExprKind::Dict(_) | ExprKind::Tuple(_) => "literal",
        ExprKind::Call { .. } => "function call",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::IfElse { .. } => "conditional expression",
        ExprKind::Compare { .. } => "comparison",
        _ => "expression",
    };
    let mut msg = format!("cannot assign to {what}");
    if matches!(e.kind, ExprKind::Compare { .. } | ExprKind::Call { .. }) || what == "literal" {
        msg.push_str(" here. Maybe you meant '==' instead of '='?");
    }
    Err(syntax(msg, e.span))
}

/// `for a, b in xs: simple; simple` (the body may start on the next line).
fn for_stmt(i: Toks<'_>) -> PResult<'_, Stmt> {
    let start = i;
    let (i, targets) = targets(i.advance(1))?;
    if !i.is_kw(Kw::In) {
        return Err(expected_cut(i, "'in' after the loop variables"));
    }
    let (i, iter) = expr_list(i.advance(1)).map_err(hard)?;
    if !i.is(":") {
        return Err(expected_cut(i, "':' after the for clause"));
    }
    let mut i = i.advance(1);
    if i.kind() == Tok::Newline {
        i = i.advance(1);
    }
    let mut body = Vec::new();
    loop {
        if matches!(i.kind(), Tok::Kw(Kw::For | Kw::Model | Kw::Def)) {
            return Err(syntax(
                "only simple statements can be the body of a one-line 'for'",
                i.peek().span,
            ));
        }
        if matches!(i.kind(), Tok::Newline | Tok::Eof) && body.is_empty() {
            return Err(expected_cut(i, "a statement after ':'"));
        }
        let (rest, s) = simple(i).map_err(hard)?;
        body.push(s);
        i = rest;
        if i.is(";") && !matches!(i.peek_at(1).kind, Tok::Newline | Tok::Eof) {
            i = i.advance(1);
        } else {
            break;
        }
    }
    let span = span_between(start, i);
    Ok((
        i,
        Stmt {
            kind: StmtKind::For {
                targets,
                iter,
                body,
            },
            span,
        },
    ))
}
