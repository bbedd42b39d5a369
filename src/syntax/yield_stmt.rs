//! `yield [value]` and `yield from iterable` as statements in a `def`, the
//! forms tutorials write; a `def` whose body has one is a generator
//! function (`eval::gen_fn`). `target = yield [value]` is the statement
//! with a target, given what `send()` sends; `yield` elsewhere inside an
//! expression (`f((yield v))`, `x = 1 + (yield)`) is refused where it
//! stands (`syntax::atom`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind};
use crate::syntax::ast::{Arg, Expr, ExprKind, Stmt, StmtKind};
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
    let value = if matches!(
        j.kind(),
        Tok::Newline | Tok::Eof | Tok::P(";") | Tok::P(")")
    ) && !from
    {
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

/// `target = yield [value]` and `target = yield from g`: the yield
/// statement, keeping its target.
pub fn yield_assign<'a>(start: Toks<'a>, target: Expr, i: Toks<'a>) -> PResult<'a, Stmt> {
    let (j, mut st) = yield_stmt(i)?;
    if let StmtKind::Yield { target: t, .. } = &mut st.kind {
        *t = Some(target);
    }
    st.span = span_between(start, j);
    Ok((j, st))
}

/// The marker names a `yield` inside an expression is read as.
pub const YIELD_MARK: &str = ".yield";
pub const YIELD_FROM_MARK: &str = ".yield_from";

/// `yield [value]` / `yield from g` as a value (inside parentheses, or
/// the right side of `+=`): a call of the marker `.yield` / `.yield_from`
/// with the value, for `syntax::yield_expr` to lower.
pub fn yield_call(i: Toks<'_>) -> PResult<'_, Expr> {
    let (j, st) = yield_stmt(i)?;
    let StmtKind::Yield { value, from, .. } = st.kind else {
        return Err(fatal(
            Error::new(ErrorKind::SyntaxError, "expected yield").at(st.span),
        ));
    };
    let mark = if from { YIELD_FROM_MARK } else { YIELD_MARK };
    let func = Expr {
        kind: ExprKind::Name(Rc::from(mark)),
        span: i.peek().span,
    };
    let args = value.into_iter().map(Arg::Pos).collect();
    let kind = ExprKind::Call {
        func: Box::new(func),
        args,
    };
    Ok((
        j,
        Expr {
            kind,
            span: st.span,
        },
    ))
}

/// `Some((value, from))` when `e` is a `yield` read as a value.
pub fn as_yield(e: &Expr) -> Option<(Option<&Expr>, bool)> {
    let ExprKind::Call { func, args } = &e.kind else {
        return None;
    };
    let ExprKind::Name(n) = &func.kind else {
        return None;
    };
    let from = match &**n {
        YIELD_MARK => false,
        YIELD_FROM_MARK => true,
        _ => return None,
    };
    let value = match args.first() {
        Some(Arg::Pos(v)) => Some(v),
        _ => None,
    };
    Some((value, from))
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
