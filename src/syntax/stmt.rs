//! Statements: a chunk is the statements of one indentation level
//! (`block`). Owns the dispatch to compound statements (`compound`,
//! `class_def`, model blocks in `model`) and the simple statements:
//! assignment (and its target rules), augmented and annotated assignment,
//! `pass`, `break`, `continue`, `return`, `del`, `assert`, `raise`,
//! `global` and expression statements.

use crate::syntax::ast::*;
use crate::syntax::block::{indent_of, statements_at};
use crate::syntax::error::{PResult, fatal, syntax};
use crate::syntax::expr::{expr, expr_list};
use crate::syntax::model::model_def;
use crate::syntax::span::Span;
use crate::syntax::token::{Kw, Tok, Toks};

/// The span from the token at `from` to the last token before `to`
/// that is not an end of line: a compound statement whose indented body
/// ended at the next line's first token ends with its last statement, not
/// at the blank lines after it (or `.export python`, copying a method's
/// text to the end of its last line, copied the next `def` line too).
pub fn span_between(from: Toks<'_>, to: Toks<'_>) -> Span {
    let toks = from.cx.toks;
    let a = from.idx().min(toks.len() - 1);
    let mut b = to.idx().saturating_sub(1).max(a).min(toks.len() - 1);
    while b > a && toks[b].kind == Tok::Newline {
        b -= 1;
    }
    toks[a].span.to(toks[b].span)
}

/// Every statement of a chunk: one indentation level, the first line's.
pub fn chunk(i: Toks<'_>) -> PResult<'_, Vec<Stmt>> {
    let mut j = i;
    while matches!(j.kind(), Tok::Newline | Tok::P(";")) {
        j = j.advance(1);
    }
    // A top-level statement starts at the first column, as Python reads a
    // file or a console line: `    y = 2` after `x = 1` is not a block.
    if j.kind() != Tok::Eof && indent_of(j) != crate::syntax::indent::Indent::NONE {
        return Err(fatal(crate::syntax::indent::error(
            "unexpected indent",
            j.peek().span,
        )));
    }
    let (rest, out) = statements_at(i, indent_of(j))?;
    if rest.kind() != Tok::Eof {
        return Err(fatal(crate::syntax::indent::error(
            "unindent does not match any outer indentation level",
            rest.peek().span,
        )));
    }
    Ok((rest, out))
}

/// One statement.
pub fn statement(i: Toks<'_>) -> PResult<'_, Stmt> {
    use crate::syntax::compound::*;
    match i.kind() {
        Tok::Kw(Kw::Model) => model_def(i),
        Tok::Kw(Kw::Class) => crate::syntax::class_def::class_def(i),
        Tok::Name | Tok::Kw(_) if crate::syntax::import::starts(i) => {
            crate::syntax::import::import_stmt(i)
        }
        Tok::Name if crate::syntax::pattern::starts(i) => {
            let start = i;
            let (rest, m) = crate::syntax::pattern::match_stmt(i)?;
            let span = span_between(start, rest);
            Ok((
                rest,
                Stmt {
                    kind: StmtKind::Match(Box::new(m)),
                    span,
                },
            ))
        }
        Tok::Kw(Kw::For) => for_stmt(i),
        Tok::Kw(Kw::If) => if_stmt(i),
        Tok::Kw(Kw::While) => while_stmt(i),
        Tok::Kw(Kw::Try) => try_stmt(i),
        Tok::Kw(Kw::With) => with_stmt(i),
        Tok::Kw(Kw::Def) => def_stmt(i),
        Tok::P("@") => decorated(i),
        Tok::Kw(k @ (Kw::Else | Kw::Elif | Kw::Except | Kw::Finally)) => {
            let word = i.text(i.peek().span);
            let what = match k {
                Kw::Except | Kw::Finally => "a 'try' block",
                Kw::Elif => "an 'if' block",
                _ => "an 'if', 'for', 'while' or 'try' block",
            };
            Err(syntax(
                format!("invalid syntax: '{word}' must follow {what}, at the same indentation"),
                i.peek().span,
            ))
        }
        _ => simple(i),
    }
}

/// A keyword statement of one word (`pass`, `break`, `continue`), checked
/// against where it stands.
fn word(i: Toks<'_>, kind: StmtKind) -> PResult<'_, Stmt> {
    let span = i.peek().span;
    let cx = i.cx;
    match kind {
        StmtKind::Break if cx.loops.get() == 0 => Err(syntax("'break' outside loop", span)),
        StmtKind::Continue if cx.loops.get() == 0 => {
            Err(syntax("'continue' not properly in loop", span))
        }
        _ => Ok((i.advance(1), Stmt { kind, span })),
    }
}

fn is_end(i: Toks<'_>) -> bool {
    matches!(i.kind(), Tok::Newline | Tok::Eof | Tok::P(";"))
}

/// `return [value]`, `del a, b`, `assert test[, msg]`.
fn keyword_stmt(i: Toks<'_>) -> PResult<'_, Stmt> {
    let start = i;
    let kw = i.kind();
    let span = i.peek().span;
    let j = i.advance(1);
    let (j, kind) = match kw {
        Tok::Kw(Kw::Return) => {
            if i.cx.funcs.get() == 0 {
                return Err(syntax("'return' outside function", span));
            }
            if is_end(j) {
                (j, StmtKind::Return(None))
            } else {
                let (j, v) = expr_list(j).map_err(hard)?;
                (j, StmtKind::Return(Some(v)))
            }
        }
        Tok::Kw(Kw::Del) => {
            let (j, e) = expr_list(j).map_err(hard)?;
            let targets = match e.kind {
                ExprKind::Tuple(items) if !items.is_empty() => items,
                _ => vec![e],
            };
            for t in &targets {
                if !matches!(
                    t.kind,
                    ExprKind::Name(_) | ExprKind::Attr { .. } | ExprKind::Index { .. }
                ) {
                    return Err(syntax("cannot delete this expression", t.span));
                }
            }
            (j, StmtKind::Del(targets))
        }
        _ => {
            let (mut j, test) = expr(j).map_err(hard)?;
            let mut msg = None;
            if j.is(",") {
                let (rest, m) = expr(j.advance(1)).map_err(hard)?;
                msg = Some(m);
                j = rest;
            }
            (j, StmtKind::Assert { test, msg })
        }
    };
    let span = span_between(start, j);
    Ok((j, Stmt { kind, span }))
}

/// Assignment, augmented assignment, `pass` or an expression statement.
pub fn simple(i: Toks<'_>) -> PResult<'_, Stmt> {
    let start = i;
    match i.kind() {
        Tok::Kw(Kw::Pass) => return word(i, StmtKind::Pass),
        Tok::Kw(Kw::Break) => return word(i, StmtKind::Break),
        Tok::Kw(Kw::Continue) => return word(i, StmtKind::Continue),
        Tok::Kw(Kw::Return | Kw::Del | Kw::Assert) => return keyword_stmt(i),
        Tok::Kw(Kw::Raise) => return raise_stmt(i),
        Tok::Kw(Kw::Global | Kw::Nonlocal) => return global_stmt(i),
        _ if crate::syntax::yield_stmt::at_yield(i) => {
            return crate::syntax::yield_stmt::yield_stmt(i);
        }
        _ => {}
    }
    let (i, e) = expr_list(i)?;
    if i.is(":") {
        return annotated(start, i, e);
    }
    let aug = match i.kind() {
        Tok::P("+=") => Some(BinOp::Add),
        Tok::P("-=") => Some(BinOp::Sub),
        Tok::P("*=") => Some(BinOp::Mul),
        Tok::P("/=") => Some(BinOp::Div),
        Tok::P("//=") => Some(BinOp::FloorDiv),
        Tok::P("%=") => Some(BinOp::Mod),
        Tok::P("|=") => Some(BinOp::BitOr),
        Tok::P("&=") => Some(BinOp::BitAnd),
        Tok::P("^=") => Some(BinOp::BitXor),
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
        let (i, value) = if crate::syntax::yield_stmt::at_yield(i.advance(1)) {
            crate::syntax::yield_stmt::yield_call(i.advance(1))?
        } else {
            expr_list(i.advance(1)).map_err(hard)?
        };
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
        if crate::syntax::yield_stmt::at_yield(i.advance(1)) {
            return crate::syntax::yield_stmt::yield_assign(start, e, i.advance(1));
        }
        let (mut i, mut value) = expr_list(i.advance(1)).map_err(hard)?;
        if i.is("=") {
            // `a = b = value`: each `=` but the last follows a target.
            let mut targets = vec![e];
            while i.is("=") {
                check_target(&value)?;
                targets.push(value);
                let (rest, v) = expr_list(i.advance(1)).map_err(hard)?;
                (i, value) = (rest, v);
            }
            let span = span_between(start, i);
            return Ok((
                i,
                Stmt {
                    kind: StmtKind::ChainAssign { targets, value },
                    span,
                },
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

pub(super) fn hard(
    e: nom::Err<crate::syntax::error::PError>,
) -> nom::Err<crate::syntax::error::PError> {
    match e {
        nom::Err::Error(e) => nom::Err::Failure(e),
        other => other,
    }
}

/// Only names, attributes, subscripts and tuples of them can be assigned to.
fn check_target(e: &Expr) -> Result<(), nom::Err<crate::syntax::error::PError>> {
    let what = match &e.kind {
        ExprKind::Name(_) | ExprKind::Attr { .. } | ExprKind::Index { .. } => return Ok(()),
        ExprKind::Tuple(items) | ExprKind::List(items) if !items.is_empty() => {
            for item in items {
                match &item.kind {
                    ExprKind::Starred(inner) => check_target(inner)?,
                    _ => check_target(item)?,
                }
            }
            return crate::syntax::target::check_targets(e);
        }
        ExprKind::Starred(_) => return crate::syntax::target::check_targets(e),
        ExprKind::None | ExprKind::Bool(_) | ExprKind::Int(_) | ExprKind::Float(_) => "literal",
        ExprKind::Str(_) | ExprKind::Bytes(_) | ExprKind::FString(_) => "literal",
        ExprKind::List(_) | ExprKind::Dict(_) | ExprKind::Tuple(_) => "literal",
        ExprKind::Call { .. } => "function call",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::GenExp { .. } => "generator expression",
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

/// `target: annotation [= value]`, the colon being next.
fn annotated<'a>(start: Toks<'a>, i: Toks<'a>, target: Expr) -> PResult<'a, Stmt> {
    if matches!(target.kind, ExprKind::Tuple(_)) {
        return Err(syntax(
            "only single target (not tuple) can be annotated",
            target.span,
        ));
    }
    check_target(&target)?;
    let (mut i, annotation) = expr(i.advance(1)).map_err(hard)?;
    let mut value = None;
    if i.is("=") {
        let (rest, v) = expr_list(i.advance(1)).map_err(hard)?;
        value = Some(v);
        i = rest;
    }
    let span = span_between(start, i);
    Ok((
        i,
        Stmt {
            kind: StmtKind::AnnAssign {
                target,
                annotation,
                value,
            },
            span,
        },
    ))
}

/// `raise`, `raise EXC`, `raise EXC from CAUSE`.
fn raise_stmt(i: Toks<'_>) -> PResult<'_, Stmt> {
    let start = i;
    let mut j = i.advance(1);
    let (mut exc, mut cause) = (None, None);
    if !is_end(j) {
        let (rest, e) = expr(j).map_err(hard)?;
        exc = Some(e);
        j = rest;
        if j.kind() == Tok::Name && j.text(j.peek().span) == "from" {
            let (rest, c) = expr(j.advance(1)).map_err(hard)?;
            cause = Some(c);
            j = rest;
        }
    }
    let span = span_between(start, j);
    Ok((
        j,
        Stmt {
            kind: StmtKind::Raise { exc, cause },
            span,
        },
    ))
}

/// `global a, b`
fn global_stmt(i: Toks<'_>) -> PResult<'_, Stmt> {
    let start = i;
    let nonlocal = i.is_kw(Kw::Nonlocal);
    if nonlocal && i.cx.funcs.get() == 0 {
        return Err(syntax(
            "nonlocal declaration not allowed at module level",
            i.peek().span,
        ));
    }
    let mut j = i.advance(1);
    let mut names = Vec::new();
    loop {
        if j.kind() != Tok::Name {
            let what = if nonlocal {
                "a name after 'nonlocal'"
            } else {
                "a name after 'global'"
            };
            return Err(crate::syntax::error::expected_cut(j, what));
        }
        let (rest, n) = crate::syntax::expr::name(j)?;
        names.push(n);
        j = rest;
        if !j.is(",") {
            break;
        }
        j = j.advance(1);
    }
    let span = span_between(start, j);
    Ok((
        j,
        Stmt {
            kind: if nonlocal {
                StmtKind::Nonlocal(names)
            } else {
                StmtKind::Global(names)
            },
            span,
        },
    ))
}
