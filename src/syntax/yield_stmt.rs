//! `yield [value]` and `yield from iterable` as statements in a `def`, the
//! forms tutorials write; a `def` whose body has one is a generator
//! function (`eval::gen_fn`). `target = yield [value]` is the statement
//! with a target, given what `send()` sends; `yield` elsewhere inside an
//! expression (`f((yield v))`, `x = 1 + (yield)`) is refused where it
//! stands (`syntax::atom`).

use crate::error::{Error, ErrorKind};
use crate::syntax::ast::{Expr, Stmt, StmtKind};
use crate::syntax::error::{PResult, fatal, syntax};
use crate::syntax::expr::expr_list;
use crate::syntax::stmt::{hard, span_between};
use crate::syntax::token::{Tok, Toks};

/// Is the next token the word `yield` (a statement's first word)?
pub fn at_yield(i: Toks<'_>) -> bool {
    i.kind() == Tok::Name && i.text(i.peek().span) == "yield"
}

/// `yield [value]` / `yield from iterable`, only inside a `def` (as
/// CPython's compiler, `'yield' outside function`).
pub fn yield_stmt(i: Toks<'_>) -> PResult<'_, Stmt> {
    let start = i;
    let span = i.peek().span;
    if i.cx.funcs.get() == 0 {
        return Err(syntax("'yield' outside function", span));
    }
    let mut j = i.advance(1);
    let from = j.kind() == Tok::Name && j.text(j.peek().span) == "from";
    if from {
        j = j.advance(1);
    }
    let value = if matches!(j.kind(), Tok::Newline | Tok::Eof | Tok::P(";")) && !from {
        None
    } else {
        let (rest, v) = expr_list(j).map_err(hard)?;
        j = rest;
        Some(v)
    };
    let kind = StmtKind::Yield {
        value,
        from,
        target: None,
    };
    let span = span_between(start, j);
    Ok((j, Stmt { kind, span }))
}

/// `target = yield [value]`: the yield statement, keeping its target;
/// `target = yield from …` (the subgenerator's return value) is refused.
pub fn yield_assign<'a>(start: Toks<'a>, target: Expr, i: Toks<'a>) -> PResult<'a, Stmt> {
    let (j, mut st) = yield_stmt(i)?;
    if let StmtKind::Yield {
        from: true,
        value: Some(v),
        ..
    } = &st.kind
    {
        return Err(fatal(
            Error::new(
                ErrorKind::NotImplementedError,
                "ormsh does not support target = yield from …: it keeps no return value of the inner generator",
            )
            .at(span_between(i, j).to(v.span))
            .with_help("yield from items, and assign what you need apart"),
        ));
    }
    if let StmtKind::Yield { target: t, .. } = &mut st.kind {
        *t = Some(target);
    }
    st.span = span_between(start, j);
    Ok((j, st))
}

/// Does this body yield, not counting the bodies of the functions and
/// classes defined in it (Python's rule for a generator function)?
pub fn yields(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::Yield { .. } => true,
        StmtKind::Def(_) | StmtKind::Class(_) | StmtKind::Model(_) => false,
        k => {
            let (mut exprs, mut bodies) = (Vec::new(), Vec::new());
            k.parts(&mut exprs, &mut bodies);
            bodies.into_iter().any(yields)
        }
    })
}
