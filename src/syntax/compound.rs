//! Python's compound statements with their clauses: `for`/`else`,
//! `if`/`elif`/`else`, `while`/`else`, `try`/`except`/`else`/`finally`,
//! `with … as …` and `def` (with its `@decorator` lines). Each header ends in `:` and its body is a
//! `block::suite` (the rest of the line or an indented block). Class
//! definitions are in `class_def`.

use std::rc::Rc;

use crate::syntax::ast::*;
use crate::syntax::block::{Header, clause, indent_of, suite};
use crate::syntax::error::{PResult, expected_cut, fatal, syntax};
use crate::syntax::expr::{cut, expr, expr_list, name, targets};
use crate::syntax::params::params;
use crate::syntax::stmt::span_between;
use crate::syntax::token::{Kw, Tok, Toks};

fn stmt(start: Toks<'_>, end: Toks<'_>, kind: StmtKind) -> Stmt {
    Stmt {
        kind,
        span: span_between(start, end),
    }
}

/// A body parsed inside one more loop (`break`/`continue` allowed).
fn loop_suite<'a>(i: Toks<'a>, header: Header) -> PResult<'a, Vec<Stmt>> {
    let cx = i.cx;
    cx.loops.set(cx.loops.get() + 1);
    let r = suite(i, header);
    cx.loops.set(cx.loops.get() - 1);
    r
}

/// `else:` after a loop, if there is one.
fn loop_else<'a>(i: Toks<'a>, header: Header) -> PResult<'a, Vec<Stmt>> {
    match clause(i, header, &[Kw::Else]) {
        Some(j) => suite(j.advance(1), Header::at(j, "'else' statement")),
        None => Ok((i, Vec::new())),
    }
}

/// `for a, b in xs: body [else: body]`
pub fn for_stmt(i: Toks<'_>) -> PResult<'_, Stmt> {
    let start = i;
    let header = Header::at(i, "'for' statement");
    let (i, target) = targets(i.advance(1))?;
    if !i.is_kw(Kw::In) {
        return Err(expected_cut(i, "'in' after the loop variables"));
    }
    let (i, iter) = expr_list(i.advance(1)).map_err(cut)?;
    if !i.is(":") {
        return Err(expected_cut(i, "':' after the for clause"));
    }
    let (i, body) = loop_suite(i, header)?;
    let (i, orelse) = loop_else(i, header)?;
    let kind = StmtKind::For {
        target,
        iter,
        body,
        orelse,
    };
    Ok((i, stmt(start, i, kind)))
}

/// `while cond: body [else: body]`
pub fn while_stmt(i: Toks<'_>) -> PResult<'_, Stmt> {
    let start = i;
    let header = Header::at(i, "'while' statement");
    let (i, cond) = expr(i.advance(1)).map_err(cut)?;
    let (i, body) = loop_suite(i, header)?;
    let (i, orelse) = loop_else(i, header)?;
    Ok((i, stmt(start, i, StmtKind::While { cond, body, orelse })))
}

/// `if c: … elif c: … else: …`
pub fn if_stmt(i: Toks<'_>) -> PResult<'_, Stmt> {
    let start = i;
    let header = Header::at(i, "'if' statement");
    let (mut i, cond) = expr(i.advance(1)).map_err(cut)?;
    let (rest, body) = suite(i, header)?;
    i = rest;
    let mut branches = vec![(cond, body)];
    let mut orelse = Vec::new();
    while let Some(j) = clause(i, header, &[Kw::Elif, Kw::Else]) {
        if j.is_kw(Kw::Else) {
            let (rest, b) = suite(j.advance(1), Header::at(j, "'else' statement"))?;
            orelse = b;
            i = rest;
            break;
        }
        let (rest, c) = expr(j.advance(1)).map_err(cut)?;
        let (rest, b) = suite(rest, Header::at(j, "'elif' statement"))?;
        branches.push((c, b));
        i = rest;
    }
    Ok((i, stmt(start, i, StmtKind::If { branches, orelse })))
}

/// `try: … except [E [as e]]: … [else: …] [finally: …]`
pub fn try_stmt(i: Toks<'_>) -> PResult<'_, Stmt> {
    let start = i;
    let header = Header::at(i, "'try' statement");
    let (mut i, body) = suite(i.advance(1), header)?;
    let mut t = TryStmt {
        body,
        handlers: Vec::new(),
        orelse: Vec::new(),
        finalbody: Vec::new(),
    };
    while let Some(j) = clause(i, header, &[Kw::Except]) {
        let (rest, h) = handler(j)?;
        if let Some(prev) = t.handlers.last()
            && prev.class.is_none()
        {
            return Err(syntax("default 'except:' must be last", prev.span));
        }
        t.handlers.push(h);
        i = rest;
    }
    if !t.handlers.is_empty()
        && let Some(j) = clause(i, header, &[Kw::Else])
    {
        let (rest, b) = suite(j.advance(1), Header::at(j, "'else' statement"))?;
        t.orelse = b;
        i = rest;
    }
    if let Some(j) = clause(i, header, &[Kw::Finally]) {
        let (rest, b) = suite(j.advance(1), Header::at(j, "'finally' statement"))?;
        t.finalbody = b;
        i = rest;
    } else if t.handlers.is_empty() {
        let j = crate::syntax::block::skip_newlines(i);
        return Err(syntax(
            "expected 'except' or 'finally' block",
            j.peek().span,
        ));
    }
    Ok((i, stmt(start, i, StmtKind::Try(Box::new(t)))))
}

/// `except [CLASS [as NAME]]: body` (at the `except` keyword).
fn handler(i: Toks<'_>) -> PResult<'_, Handler> {
    let start = i;
    let header = Header::at(i, "'except' statement");
    let mut j = i.advance(1);
    let mut class = None;
    let mut bound = None;
    if !j.is(":") {
        let (rest, c) = expr(j).map_err(cut)?;
        class = Some(c);
        j = rest;
        if j.is_kw(Kw::As) {
            let (rest, n) = name(j.advance(1)).map_err(cut)?;
            bound = Some(n);
            j = rest;
        }
    }
    let (rest, body) = suite(j, header)?;
    let span = span_between(start, j);
    Ok((
        rest,
        Handler {
            class,
            name: bound,
            body,
            span,
        },
    ))
}

/// `with EXPR [as NAME], …: body`
pub fn with_stmt(i: Toks<'_>) -> PResult<'_, Stmt> {
    let start = i;
    let header = Header::at(i, "'with' statement");
    let mut j = i.advance(1);
    let mut items = Vec::new();
    loop {
        let (rest, context) = expr(j).map_err(cut)?;
        j = rest;
        let mut target = None;
        if j.is_kw(Kw::As) {
            let (rest, n) = name(j.advance(1)).map_err(cut)?;
            target = Some(Expr {
                span: n.span,
                kind: ExprKind::Name(n.name),
            });
            j = rest;
        }
        items.push(WithItem { context, target });
        if j.is(",") {
            j = j.advance(1);
        } else {
            break;
        }
    }
    let (i, body) = suite(j, header)?;
    Ok((i, stmt(start, i, StmtKind::With { items, body })))
}

/// `def name(a, b=1, *args, c, **kw) [-> ann]: body`
pub fn def_stmt(i: Toks<'_>) -> PResult<'_, Stmt> {
    let start = i;
    let header = Header::at(i, "function definition");
    let j = i.advance(1);
    if !matches!(j.kind(), Tok::Name | Tok::Kw(_)) {
        return Err(expected_cut(j, "a function name after 'def'"));
    }
    let (j, fname) = if j.kind() == Tok::Name {
        name(j)?
    } else {
        return Err(syntax(
            format!(
                "'{}' is a keyword and cannot name a function",
                j.text(j.peek().span)
            ),
            j.peek().span,
        ));
    };
    let (mut j, params) = params(j)?;
    if j.is("-") && j.peek_at(1).kind == Tok::P(">") {
        let (rest, _) = expr(j.advance(2)).map_err(cut)?;
        j = rest;
    }
    let cx = j.cx;
    let loops = cx.loops.replace(0);
    cx.funcs.set(cx.funcs.get() + 1);
    let r = suite(j, header);
    cx.funcs.set(cx.funcs.get() - 1);
    cx.loops.set(loops);
    let (i, body) = r?;
    let body = crate::syntax::yield_expr::lower_body(body).map_err(fatal)?;
    let def = FuncDef {
        name: fname,
        params,
        generator: crate::syntax::yield_stmt::yields(&body),
        body,
        decorators: Vec::new(),
    };
    Ok((i, stmt(start, i, StmtKind::Def(Rc::new(def)))))
}

/// `@decorator` lines, then the `def` they decorate (all at one indent).
pub fn decorated(i: Toks<'_>) -> PResult<'_, Stmt> {
    let start = i;
    let mut decorators = Vec::new();
    let mut j = i;
    while j.is("@") {
        let (rest, d) = expr(j.advance(1)).map_err(cut)?;
        if rest.kind() != Tok::Newline {
            return Err(expected_cut(
                rest,
                "the end of the line after the decorator",
            ));
        }
        decorators.push(d);
        j = crate::syntax::block::skip_newlines(rest);
        if indent_of(j) != indent_of(start) && j.kind() != Tok::Eof {
            return Err(fatal(crate::syntax::indent::error(
                "unexpected indent",
                j.peek().span,
            )));
        }
    }
    if j.is_kw(Kw::Class) {
        // A plain class (an enum's `@enum.unique`) takes its decorators; a
        // model does not.
        let (rest, mut s) = crate::syntax::class_def::class_def(j)?;
        let StmtKind::Class(c) = &mut s.kind else {
            return Err(syntax(
                "ormsh does not decorate model classes: write the class without the decorator",
                start.peek().span,
            ));
        };
        let mut def = (**c).clone();
        def.decorators = decorators;
        *c = Rc::new(def);
        s.span = span_between(start, rest);
        return Ok((rest, s));
    }
    if !j.is_kw(Kw::Def) {
        return Err(expected_cut(j, "'def' after the decorator"));
    }
    let (rest, mut s) = def_stmt(j)?;
    if let StmtKind::Def(f) = &mut s.kind {
        let mut def = (**f).clone();
        def.decorators = decorators;
        *f = Rc::new(def);
    }
    s.span = span_between(start, rest);
    Ok((rest, s))
}
