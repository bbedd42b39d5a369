//! The `match` statement's tree (`syntax::pattern` reads it,
//! `eval::match_stmt` runs it): the subject, the cases, and each case's
//! pattern with where it was written.

use std::rc::Rc;

use crate::syntax::ast::{Expr, Ident, Stmt};
use crate::syntax::span::Span;

/// `match subject: case …: …` — the cases in order.
#[derive(Clone, Debug, PartialEq)]
pub struct MatchStmt {
    pub subject: Expr,
    pub cases: Vec<MatchCase>,
}

/// `case pattern [if guard]: body`
#[derive(Clone, Debug, PartialEq)]
pub struct MatchCase {
    pub pattern: Pattern,
    pub guard: Option<Expr>,
    pub body: Vec<Stmt>,
}

/// One pattern, with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    pub kind: PatKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PatKind {
    /// `_`
    Wildcard,
    /// `name`: binds the subject.
    Capture(Rc<str>),
    /// A literal or a dotted name, compared with `==` (`None`, `True`,
    /// `False` with `is`).
    Value(Expr),
    /// `[a, *rest, b]` or `(a, b)`: the index of the starred item and its
    /// name (`None` for `*_`).
    Sequence {
        items: Vec<Pattern>,
        star: Option<(usize, Option<Rc<str>>)>,
    },
    /// `{"k": p, **rest}`
    Mapping {
        items: Vec<(Expr, Pattern)>,
        rest: Option<Rc<str>>,
    },
    /// `Cls(p, key=p)`
    Class {
        class: Expr,
        args: Vec<Pattern>,
        kwargs: Vec<(Ident, Pattern)>,
    },
    /// `p | q`
    Or(Vec<Pattern>),
    /// `p as name`
    As(Box<Pattern>, Rc<str>),
}

impl Pattern {
    /// The expressions written in this pattern (values, class names,
    /// mapping keys), for the walks over a statement's parts.
    pub fn exprs<'a>(&'a self, out: &mut Vec<&'a Expr>) {
        let mut stack = vec![self];
        while let Some(p) = stack.pop() {
            match &p.kind {
                PatKind::Wildcard | PatKind::Capture(_) => {}
                PatKind::Value(e) => out.push(e),
                PatKind::Sequence { items, .. } => stack.extend(items),
                PatKind::Mapping { items, .. } => {
                    for (k, v) in items {
                        out.push(k);
                        stack.push(v);
                    }
                }
                PatKind::Class {
                    class,
                    args,
                    kwargs,
                } => {
                    out.push(class);
                    stack.extend(args);
                    stack.extend(kwargs.iter().map(|(_, p)| p));
                }
                PatKind::Or(alts) => stack.extend(alts),
                PatKind::As(p, _) => stack.push(p),
            }
        }
    }
}
