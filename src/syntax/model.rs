//! Model blocks: `model NAME < member … >`. Members are `NAME = expr` or
//! the pasted `def __repr__(self): return expr`; they are separated by
//! newlines or `;`, and a `>` outside every bracket always closes the block.

use crate::syntax::ast::*;
use crate::syntax::error::{PResult, expected_cut, syntax};
use crate::syntax::expr::{any_name, expr, name};
use crate::syntax::span::Span;
use crate::syntax::stmt::span_between;
use crate::syntax::token::{Kw, Tok, Toks};

const MEMBERS_HELP: &str =
    "a model block needs members like 'id = db.Column(db.Integer, primary_key=True)'";

/// Restores `in_model` when dropped.
struct InModel<'a>(&'a crate::syntax::token::Cx<'a>, bool);
impl Drop for InModel<'_> {
    fn drop(&mut self) {
        self.0.in_model.set(self.1);
    }
}

pub fn model_def(i: Toks<'_>) -> PResult<'_, Stmt> {
    let start = i;
    let i = i.advance(1);
    if i.kind() != Tok::Name {
        return Err(expected_cut(i, "a model name after 'model'"));
    }
    let (i, mname) = name(i)?;
    if !i.is("<") {
        return Err(expected_cut(i, "'<' to open the model block"));
    }
    let open = i.peek().span;
    let _restore = InModel(i.cx, i.cx.in_model.get());
    i.cx.in_model.set(true);
    let mut i = i.advance(1);
    let mut members = Vec::new();
    loop {
        while matches!(i.kind(), Tok::Newline | Tok::P(";")) {
            i = i.advance(1);
        }
        if i.is(">") {
            if members.is_empty() {
                return Err(syntax(MEMBERS_HELP, open.to(i.peek().span)));
            }
            let i = i.advance(1);
            let span = span_between(start, i);
            return Ok((
                i,
                Stmt {
                    kind: StmtKind::Model(ModelDef {
                        name: mname,
                        members,
                        skipped: Vec::new(),
                        methods: Vec::new(),
                        base: None,
                        plain: None,
                        mixins: Vec::new(),
                        bare_model: None,
                        extension: None,
                    }),
                    span,
                },
            ));
        }
        if i.kind() == Tok::Eof {
            return Err(syntax(
                format!(
                    "the block of model '{}' was never closed: end it with '>'",
                    mname.name
                ),
                open,
            ));
        }
        let (rest, m) = member(i)?;
        members.push(m);
        i = rest;
        if !matches!(i.kind(), Tok::Newline | Tok::P(";") | Tok::P(">")) {
            i.cx.expect(i.idx(), "a new line");
            i.cx.expect(i.idx(), "';'");
            return Err(expected_cut(i, "'>'"));
        }
    }
}

fn member(i: Toks<'_>) -> PResult<'_, Member> {
    let start = i;
    if i.is_kw(Kw::Def) {
        return repr_def(i);
    }
    if i.kind() != Tok::Name {
        return Err(syntax(MEMBERS_HELP, i.peek().span));
    }
    let (i, mname) = name(i)?;
    if !i.is("=") {
        if i.is(":") {
            return Err(syntax(
                "annotated members (name: Mapped[...] = ...) are not supported; write 'name = db.Column(...)'",
                i.peek().span,
            ));
        }
        return Err(expected_cut(i, "'=' after the member name"));
    }
    let (i, value) = expr(i.advance(1)).map_err(cut)?;
    let span = span_between(start, i);
    Ok((
        i,
        Member {
            name: mname,
            value,
            span,
            annotation: None,
        },
    ))
}

fn cut(e: nom::Err<crate::syntax::error::PError>) -> nom::Err<crate::syntax::error::PError> {
    match e {
        nom::Err::Error(e) => nom::Err::Failure(e),
        other => other,
    }
}

/// `def __repr__(self): return EXPR` (the `return` may be on the next line).
fn repr_def(i: Toks<'_>) -> PResult<'_, Member> {
    let start = i;
    let i = i.advance(1);
    if !matches!(i.kind(), Tok::Name | Tok::Kw(_)) {
        return Err(expected_cut(i, "'__repr__' after 'def'"));
    }
    let (i, fname) = any_name(i)?;
    if &*fname.name != "__repr__" {
        return Err(syntax(
            "only 'def __repr__(self): return …' is supported in a model block",
            fname.span,
        ));
    }
    let sig: [(&str, &'static str); 3] = [("(", "'('"), ("self", "'self'"), (")", "')'")];
    let mut i = i;
    for (text, what) in sig {
        let t = i.peek();
        if i.text(t.span) != text || matches!(t.kind, Tok::Str(_)) {
            return Err(expected_cut(i, what));
        }
        i = i.advance(1);
    }
    if !i.is(":") {
        return Err(expected_cut(i, "':' after 'def __repr__(self)'"));
    }
    let mut i = i.advance(1);
    if i.kind() == Tok::Newline {
        i = i.advance(1);
    }
    if !i.is_kw(Kw::Return) {
        return Err(expected_cut(i, "'return' and the repr expression"));
    }
    let (i, value) = expr(i.advance(1)).map_err(cut)?;
    let span = span_between(start, i);
    let name = Ident {
        name: fname.name,
        span: fname.span,
    };
    let _: Span = span;
    Ok((
        i,
        Member {
            name,
            value,
            span,
            annotation: None,
        },
    ))
}
