//! Blocks as Python reads them: the statements of one indentation level,
//! and the body after a compound statement's `:` — the rest of the line
//! (simple statements separated by `;`) or an indented block on the lines
//! below, which ends at the first line indented less. Indentation is
//! measured by `indent`; errors are `IndentationError`/`TabError` with the
//! offending line's first token marked.

use std::cmp::Ordering;

use crate::syntax::ast::{ExprKind, Stmt, StmtKind};
use crate::syntax::error::{PResult, expected_cut, fatal, syntax};
use crate::syntax::indent::{self, Indent, line_indent};
use crate::syntax::stmt::{simple, statement};
use crate::syntax::token::{Kw, Tok, Toks};

/// The compound statement a body belongs to, for the messages.
#[derive(Clone, Copy)]
pub struct Header {
    /// `'for' statement`, `function definition`, …
    pub what: &'static str,
    /// The indentation of the header's line.
    pub indent: Indent,
}

impl Header {
    /// The header starting at the next token of `i`.
    pub fn at(i: Toks<'_>, what: &'static str) -> Header {
        Header {
            what,
            indent: indent_of(i),
        }
    }
}

/// The indentation of the line of the next token.
pub fn indent_of(i: Toks<'_>) -> Indent {
    line_indent(i.cx.src, i.peek().span.start as usize)
}

/// Skip the ends of lines (blank and comment-only lines are just these).
pub fn skip_newlines(mut i: Toks<'_>) -> Toks<'_> {
    while i.kind() == Tok::Newline {
        i = i.advance(1);
    }
    i
}

/// The statements of one block whose lines are indented exactly `level`,
/// up to the first line indented less (returned at its first token) or
/// the end of the chunk.
pub fn statements_at<'a>(mut i: Toks<'a>, level: Indent) -> PResult<'a, Vec<Stmt>> {
    let mut out = Vec::new();
    loop {
        while matches!(i.kind(), Tok::Newline | Tok::P(";")) {
            i = i.advance(1);
        }
        if i.kind() == Tok::Eof {
            return Ok((i, out));
        }
        let here = indent_of(i);
        match indent::compare(here, level, i.peek().span).map_err(fatal)? {
            Ordering::Equal => {}
            Ordering::Less => return Ok((i, out)),
            Ordering::Greater => {
                // Deeper than this block but after a deeper one ended: the
                // dedent stopped between two levels.
                let toks = i.cx.toks;
                let mut k = i.idx();
                while k > 0 && matches!(toks[k - 1].kind, Tok::Newline | Tok::P(";")) {
                    k -= 1;
                }
                let deeper_before = k > 0 && {
                    let t = toks[k - 1];
                    let prev = line_indent(i.cx.src, t.span.start as usize);
                    matches!(indent::compare(prev, here, t.span), Ok(Ordering::Greater))
                };
                let msg = if deeper_before && !out.is_empty() {
                    "unindent does not match any outer indentation level"
                } else {
                    "unexpected indent"
                };
                return Err(fatal(indent::error(msg, i.peek().span)));
            }
        }
        let (rest, ss) = line(i)?;
        out.extend(ss);
        i = rest;
    }
}

/// One line's statements: a statement, then more after `;`.
fn line(mut i: Toks<'_>) -> PResult<'_, Vec<Stmt>> {
    let mut out = Vec::new();
    loop {
        let (rest, s) = statement(i)?;
        i = rest;
        out.push(s);
        if i.is(";") && !matches!(i.peek_at(1).kind, Tok::Newline | Tok::Eof) {
            i = i.advance(1);
            continue;
        }
        if i.is(";") {
            i = i.advance(1);
        }
        if !matches!(i.kind(), Tok::Newline | Tok::Eof) && !line_start(i) {
            if let Some(e) = out.last().and_then(|s| legacy_print(s, i)) {
                return Err(e);
            }
            return Err(expected_cut(i, "an operator or the end of the statement"));
        }
        return Ok((i, out));
    }
}

/// Python 2's `print "x"` (and `exec "…"`): a bare `print` followed by
/// an expression is CPython's `invalid_legacy_expression` SyntaxError.
fn legacy_print(s: &Stmt, i: Toks<'_>) -> Option<nom::Err<crate::syntax::error::PError>> {
    let StmtKind::Expr(e) = &s.kind else {
        return None;
    };
    let ExprKind::Name(n) = &e.kind else {
        return None;
    };
    if !matches!(&**n, "print" | "exec") {
        return None;
    }
    let (_, rest) = crate::syntax::expr::expr_list(i).ok()?;
    Some(syntax(
        format!("Missing parentheses in call to '{n}'. Did you mean {n}(...)?"),
        e.span.to(rest.span),
    ))
}

/// Is the next token the first of its line (an indented block just ended)?
fn line_start(i: Toks<'_>) -> bool {
    i.idx() > 0 && i.cx.toks[i.idx() - 1].kind == Tok::Newline
}

/// The body after a header's `:` (which is the next token).
pub fn suite<'a>(i: Toks<'a>, header: Header) -> PResult<'a, Vec<Stmt>> {
    if !i.is(":") {
        return Err(expected_cut(i, "':'"));
    }
    let colon = i.peek().span;
    let i = i.advance(1);
    if !matches!(i.kind(), Tok::Newline | Tok::Eof) {
        return one_line(i);
    }
    let i = skip_newlines(i);
    let missing = || {
        fatal(
            indent::error(
                format!("expected an indented block after {}", header.what),
                colon,
            )
            .with_help("indent the body's lines, 4 spaces deeper than the line with ':'"),
        )
    };
    if i.kind() == Tok::Eof {
        return Err(missing());
    }
    let level = indent_of(i);
    if indent::compare(level, header.indent, i.peek().span).map_err(fatal)? != Ordering::Greater {
        return Err(fatal(
            indent::error(
                format!("expected an indented block after {}", header.what),
                i.peek().span,
            )
            .with_help("indent the body's lines, 4 spaces deeper than the line with ':'"),
        ));
    }
    statements_at(i, level)
}

/// `simple; simple` on the rest of the header's line.
fn one_line(mut i: Toks<'_>) -> PResult<'_, Vec<Stmt>> {
    let mut body = Vec::new();
    loop {
        if matches!(
            i.kind(),
            Tok::Kw(
                Kw::For | Kw::If | Kw::While | Kw::Try | Kw::With | Kw::Def | Kw::Class | Kw::Model
            )
        ) {
            return Err(syntax(
                "only simple statements can follow ':' on the same line; put a compound statement on its own indented line",
                i.peek().span,
            ));
        }
        let (rest, s) = simple(i)?;
        body.push(s);
        i = rest;
        if i.is(";") && !matches!(i.peek_at(1).kind, Tok::Newline | Tok::Eof) {
            i = i.advance(1);
        } else {
            return Ok((i, body));
        }
    }
}

/// After a clause's body: the next clause (`else`, `elif`, `except`,
/// `finally`) when it is `kw`, at the header's indentation. Returns the
/// input at the clause's keyword.
pub fn clause<'a>(i: Toks<'a>, header: Header, kws: &[Kw]) -> Option<Toks<'a>> {
    let j = skip_newlines(i);
    let Tok::Kw(k) = j.kind() else {
        return None;
    };
    if !kws.contains(&k) {
        return None;
    }
    // On the header's own line (`if x: a` never has `else` there) or at
    // the start of a line indented as the header.
    if !(line_start(j) || j.idx() == 0) {
        return None;
    }
    let same = indent::compare(indent_of(j), header.indent, j.peek().span);
    matches!(same, Ok(Ordering::Equal)).then_some(j)
}
