//! Expressions: a precedence-climbing (Pratt) parser over tokens for
//! Python's operator table, plus atoms (literals, names, brackets,
//! comprehensions), postfix chains (attribute, call, index, slice) and
//! lambda / conditional expressions (atoms and brackets in `atom`, postfix chains in `postfix`). Nesting
//! is bounded by `MAX_DEPTH`.

use std::rc::Rc;

use crate::error::Error;
use crate::syntax::MAX_DEPTH;
use crate::syntax::ast::*;
use crate::syntax::error::{PResult, expected, expected_cut, fatal, syntax, to_error};
use crate::syntax::lexer::lex;
use crate::syntax::literal::int_value;
use crate::syntax::span::Span;
use crate::syntax::token::{Cx, Kw, Tok, Token, Toks};

pub use crate::syntax::atom::atom;
pub use crate::syntax::postfix::postfix;

/// Increments the nesting depth for as long as it lives.
pub struct Guard<'a>(&'a Cx<'a>);

impl Drop for Guard<'_> {
    fn drop(&mut self) {
        self.0.depth.set(self.0.depth.get().saturating_sub(1));
    }
}

/// Enter one level of nesting, or fail cleanly when it is too deep.
pub fn enter<'a>(i: Toks<'a>) -> Result<Guard<'a>, nom::Err<crate::syntax::error::PError>> {
    let d = i.cx.depth.get() + 1;
    if d > MAX_DEPTH {
        return Err(syntax(
            format!("too deeply nested: more than {MAX_DEPTH} levels of brackets or operators"),
            i.peek().span,
        ));
    }
    i.cx.depth.set(d);
    Ok(Guard(i.cx))
}

/// The punctuation `p`, or a hard failure expecting `what`.
pub fn need<'a>(i: Toks<'a>, p: &'static str, what: &'static str) -> PResult<'a, Span> {
    if i.is(p) {
        Ok((i.advance(1), i.peek().span))
    } else {
        Err(expected_cut(i, what))
    }
}

/// A name that is not a keyword.
pub fn name(i: Toks<'_>) -> PResult<'_, Ident> {
    let t = i.peek();
    if t.kind == Tok::Name {
        Ok((i.advance(1), ident(i, t)))
    } else {
        Err(expected(i, "a name"))
    }
}

/// Any name, keywords included (after `.`, keyword-argument names).
pub fn any_name(i: Toks<'_>) -> PResult<'_, Ident> {
    let t = i.peek();
    if matches!(t.kind, Tok::Name | Tok::Kw(_)) {
        Ok((i.advance(1), ident(i, t)))
    } else {
        Err(expected(i, "a name"))
    }
}

pub(super) fn ident(i: Toks<'_>, t: &Token) -> Ident {
    Ident {
        name: Rc::from(i.text(t.span)),
        span: t.span,
    }
}

pub(super) fn mk(kind: ExprKind, span: Span) -> Expr {
    Expr { kind, span }
}

/// Can this token begin an expression?
pub fn starts_expr(t: Tok) -> bool {
    match t {
        Tok::Name | Tok::Int(_) | Tok::Float(_) | Tok::Str(_) => true,
        Tok::Kw(k) => matches!(k, Kw::None | Kw::True | Kw::False | Kw::Not | Kw::Lambda),
        Tok::P(p) => matches!(p, "(" | "[" | "{" | "-" | "+" | "~"),
        _ => false,
    }
}

/// Parse the f-string field expression at `start..end` of the chunk.
pub fn sub_expr(cx: &Cx<'_>, start: usize, end: usize) -> Result<Expr, Error> {
    let lexed = lex(&cx.src[start..end], start);
    if let Some(e) = lexed.error {
        return Err(Error::syntax(format!("f-string: {}", e.message), e.span));
    }
    let toks: Vec<Token> = lexed
        .toks
        .into_iter()
        .filter(|t| t.kind != Tok::Newline)
        .collect();
    let sub = Cx::new(cx.src, &toks);
    sub.depth.set(cx.depth.get());
    sub.funcs.set(cx.funcs.get());
    let i = Toks {
        toks: &toks,
        cx: &sub,
    };
    let res = expr_list(i).and_then(|(rest, e)| {
        if rest.kind() == Tok::Eof {
            Ok(e)
        } else {
            Err(expected(rest, "'}'"))
        }
    });
    res.map_err(|e| to_error(e, i))
}

/// `a, b, c` (a Tuple when there is a comma) or a single expression.
pub fn expr_list(i: Toks<'_>) -> PResult<'_, Expr> {
    use crate::syntax::target::star_or_expr;
    let (mut i, first) = star_or_expr(i)?;
    if !i.is(",") {
        return Ok((i, first));
    }
    let mut span = first.span;
    let mut items = vec![first];
    while i.is(",") {
        span = span.to(i.peek().span);
        i = i.advance(1);
        if !starts_expr(i.kind()) && !i.is("*") {
            break;
        }
        let (rest, e) = star_or_expr(i)?;
        span = span.to(e.span);
        items.push(e);
        i = rest;
    }
    Ok((i, mk(ExprKind::Tuple(items), span)))
}

/// A full expression: lambda, conditional, or an operator expression.
/// Brackets nest through here: each level is counted (`enter`) and runs
/// with room on the stack (`stack::grow`).
pub fn expr(i: Toks<'_>) -> PResult<'_, Expr> {
    let _g = enter(i)?;
    crate::stack::grow(|| expr_here(i))
}

fn expr_here(i: Toks<'_>) -> PResult<'_, Expr> {
    if i.is_kw(Kw::Lambda) {
        return lambda(i);
    }
    if i.kind() == Tok::Name && i.peek_at(1).kind == Tok::P(":=") {
        return named_expr(i);
    }
    let (i, body) = binary(i, 1)?;
    if !i.is_kw(Kw::If) {
        return Ok((i, body));
    }
    let (i, cond) = binary(i.advance(1), 1)?;
    if !i.is_kw(Kw::Else) {
        return Err(expected_cut(i, "'else' after the condition"));
    }
    let (i, orelse) = expr(i.advance(1))?;
    let span = body.span.to(orelse.span);
    Ok((
        i,
        mk(
            ExprKind::IfElse {
                body: Box::new(body),
                cond: Box::new(cond),
                orelse: Box::new(orelse),
            },
            span,
        ),
    ))
}

/// `name := value`, Python's assignment expression.
fn named_expr(i: Toks<'_>) -> PResult<'_, Expr> {
    let (i, target) = name(i)?;
    let (i, value) = expr(i.advance(1)).map_err(cut)?;
    let span = target.span.to(value.span);
    let value = Box::new(value);
    Ok((i, mk(ExprKind::NamedExpr { target, value }, span)))
}

fn lambda(i: Toks<'_>) -> PResult<'_, Expr> {
    let start = i.peek().span;
    let (i, params) = crate::syntax::params::lambda_params(i.advance(1))?;
    let (i, _) = need(i, ":", "':' after the lambda parameters")?;
    let (i, body) = expr(i)?;
    let span = start.to(body.span);
    Ok((
        i,
        mk(
            ExprKind::Lambda {
                params,
                body: Rc::new(body),
            },
            span,
        ),
    ))
}

enum Infix {
    Bool(BoolOp),
    Cmp(CmpOp),
    Bin(BinOp),
}

/// The infix operator at `i`: (operator, precedence, tokens it spans).
fn infix(i: Toks<'_>) -> Option<(Infix, u8, usize)> {
    use Infix::*;
    Some(match i.kind() {
        Tok::Kw(Kw::Or) => (Bool(BoolOp::Or), 1, 1),
        Tok::Kw(Kw::And) => (Bool(BoolOp::And), 2, 1),
        Tok::Kw(Kw::In) => (Cmp(CmpOp::In), 4, 1),
        Tok::Kw(Kw::Not) if i.peek_at(1).kind == Tok::Kw(Kw::In) => (Cmp(CmpOp::NotIn), 4, 2),
        Tok::Kw(Kw::Is) if i.peek_at(1).kind == Tok::Kw(Kw::Not) => (Cmp(CmpOp::IsNot), 4, 2),
        Tok::Kw(Kw::Is) => (Cmp(CmpOp::Is), 4, 1),
        Tok::P(p) => match p {
            "==" => (Cmp(CmpOp::Eq), 4, 1),
            "!=" => (Cmp(CmpOp::Ne), 4, 1),
            "<" => (Cmp(CmpOp::Lt), 4, 1),
            "<=" => (Cmp(CmpOp::Le), 4, 1),
            ">" => (Cmp(CmpOp::Gt), 4, 1),
            ">=" => (Cmp(CmpOp::Ge), 4, 1),
            "|" => (Bin(BinOp::BitOr), 5, 1),
            "^" => (Bin(BinOp::BitXor), 6, 1),
            "&" => (Bin(BinOp::BitAnd), 7, 1),
            "+" => (Bin(BinOp::Add), 8, 1),
            "-" => (Bin(BinOp::Sub), 8, 1),
            "*" => (Bin(BinOp::Mul), 9, 1),
            "/" => (Bin(BinOp::Div), 9, 1),
            "//" => (Bin(BinOp::FloorDiv), 9, 1),
            "%" => (Bin(BinOp::Mod), 9, 1),
            _ => return None,
        },
        _ => return None,
    })
}

/// Precedence climbing over the binary operators with precedence >= `min`:
/// 1 or · 2 and · 3 not · 4 comparisons · 5 | · 6 ^ · 7 & · 8 + - ·
/// 9 * / // % · 10 unary - + ~ · 11 ** (in `power`).
pub fn binary(i: Toks<'_>, min: u8) -> PResult<'_, Expr> {
    let (mut i, mut lhs) = prefix(i, min)?;
    // A model block ends at `>` at depth 0: the model parser marks it.
    while let Some((op, prec, len)) = infix(i) {
        if prec < min || (i.is(">") && i.cx.gt_closes(i.idx())) {
            break;
        }
        i = i.advance(len);
        match op {
            Infix::Bool(op) => {
                let (rest, rhs) = binary(i, prec + 1)?;
                i = rest;
                let span = lhs.span.to(rhs.span);
                lhs = mk(
                    ExprKind::BoolOp {
                        op,
                        left: Box::new(lhs),
                        right: Box::new(rhs),
                    },
                    span,
                );
            }
            Infix::Bin(op) => {
                let (rest, rhs) = binary(i, prec + 1)?;
                i = rest;
                let span = lhs.span.to(rhs.span);
                lhs = mk(
                    ExprKind::Binary {
                        op,
                        left: Box::new(lhs),
                        right: Box::new(rhs),
                    },
                    span,
                );
            }
            Infix::Cmp(first) => {
                let (rest, rhs) = binary(i, 5)?;
                i = rest;
                let mut span = lhs.span.to(rhs.span);
                let mut chain = vec![(first, rhs)];
                while let Some((Infix::Cmp(op), _, len)) = infix(i) {
                    if i.is(">") && i.cx.gt_closes(i.idx()) {
                        break;
                    }
                    let (rest, rhs) = binary(i.advance(len), 5)?;
                    i = rest;
                    span = span.to(rhs.span);
                    chain.push((op, rhs));
                }
                lhs = mk(
                    ExprKind::Compare {
                        left: Box::new(lhs),
                        rest: chain,
                    },
                    span,
                );
            }
        }
    }
    Ok((i, lhs))
}

/// Prefix operators: `not` (precedence 3) and `- + ~` (precedence 10).
fn prefix(i: Toks<'_>, min: u8) -> PResult<'_, Expr> {
    let t = *i.peek();
    let op = match t.kind {
        Tok::Kw(Kw::Not) if min <= 3 => UnaryOp::Not,
        Tok::P("-") if min <= 10 => UnaryOp::Neg,
        Tok::P("+") if min <= 10 => UnaryOp::Pos,
        Tok::P("~") if min <= 10 => UnaryOp::Invert,
        _ => return power(i),
    };
    let _g = enter(i)?;
    crate::stack::grow(|| prefixed(i, t, op))
}

/// The operand of prefix operator `op` (token `t`, at `i`).
fn prefixed(i: Toks<'_>, t: Token, op: UnaryOp) -> PResult<'_, Expr> {
    let after = i.advance(1);
    // `-<number>` not followed by `**` or a postfix is a negative literal, so
    // that -9223372036854775808 fits.
    if op == UnaryOp::Neg {
        let n = after.peek();
        let next = after.peek_at(1).kind;
        if !matches!(next, Tok::P("**" | "." | "(" | "[")) {
            let span = t.span.to(n.span);
            match n.kind {
                Tok::Int(v) => {
                    let v = int_value(v, true, span).map_err(fatal)?;
                    return Ok((after.advance(1), mk(ExprKind::Int(v), span)));
                }
                Tok::Float(f) => {
                    return Ok((after.advance(1), mk(ExprKind::Float(-f), span)));
                }
                _ => {}
            }
        }
    }
    let level = if op == UnaryOp::Not { 3 } else { 10 };
    let (i, operand) = binary(after, level)?;
    let span = t.span.to(operand.span);
    Ok((
        i,
        mk(
            ExprKind::Unary {
                op,
                operand: Box::new(operand),
            },
            span,
        ),
    ))
}

/// `primary ** unary` (right-associative; binds tighter than a unary on its left).
fn power(i: Toks<'_>) -> PResult<'_, Expr> {
    let (i, base) = postfix(i)?;
    if !i.is("**") {
        return Ok((i, base));
    }
    let _g = enter(i)?;
    let (i, exp) = crate::stack::grow(|| binary(i.advance(1), 10))?;
    let span = base.span.to(exp.span);
    Ok((
        i,
        mk(
            ExprKind::Binary {
                op: BinOp::Pow,
                left: Box::new(base),
                right: Box::new(exp),
            },
            span,
        ),
    ))
}

/// Turn a recoverable failure into a hard one.
pub(crate) fn cut(
    e: nom::Err<crate::syntax::error::PError>,
) -> nom::Err<crate::syntax::error::PError> {
    match e {
        nom::Err::Error(e) => nom::Err::Failure(e),
        other => other,
    }
}

/// `for t1, t2 in iter if cond …` clauses after the element `elt`.
pub(super) fn comprehension(mut i: Toks<'_>, elt: Expr) -> PResult<'_, Expr> {
    let mut clauses = Vec::new();
    let mut end = elt.span;
    while i.is_kw(Kw::For) {
        let (rest, target) = targets(i.advance(1))?;
        if !rest.is_kw(Kw::In) {
            return Err(expected_cut(rest, "'in' after the loop variables"));
        }
        let (rest, iter) = binary(rest.advance(1), 1).map_err(cut)?;
        end = iter.span;
        i = rest;
        let mut conds = Vec::new();
        while i.is_kw(Kw::If) {
            let (rest, c) = binary(i.advance(1), 1).map_err(cut)?;
            end = c.span;
            conds.push(c);
            i = rest;
        }
        clauses.push(CompFor {
            target,
            iter,
            conds,
        });
    }
    let span = elt.span.to(end);
    Ok((
        i,
        mk(
            ExprKind::ListComp {
                elt: Box::new(elt),
                clauses,
            },
            span,
        ),
    ))
}

/// Loop variables: `a`, `a, b`, `(a, b)`, `i, (k, v)`, `a, *rest`.
pub fn targets(i: Toks<'_>) -> PResult<'_, Expr> {
    crate::syntax::target::target_list(i)
}
