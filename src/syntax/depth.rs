//! The AST depth limit. Long operator chains (`1+1+1+…`, `a.b.c.…`) are
//! parsed by loops, not recursion, so they can build trees deeper than the
//! nesting limit; this measures every tree without recursion, and takes a
//! too-deep tree apart without recursion too (a recursive drop of a
//! 100 000-level tree would overflow the stack).

use crate::error::Error;
use crate::syntax::ast::*;
use crate::syntax::span::Span;

/// The deepest tree the parser hands on (the evaluator may recurse this far).
pub const MAX_TREE_DEPTH: usize = 4 * crate::syntax::MAX_DEPTH;

/// Push the direct sub-expressions of `e` (borrowed).
pub fn children<'a>(e: &'a Expr, out: &mut Vec<&'a Expr>) {
    match &e.kind {
        ExprKind::Name(_)
        | ExprKind::None
        | ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Bytes(_) => {}
        ExprKind::FString(parts) => {
            for p in parts {
                if let FPart::Expr { expr, .. } = p {
                    out.push(expr);
                }
            }
        }
        ExprKind::List(xs) | ExprKind::Tuple(xs) | ExprKind::Set(xs) => out.extend(xs),
        ExprKind::Starred(x) | ExprKind::NamedExpr { value: x, .. } => out.push(x),
        ExprKind::Dict(kv) => {
            for (k, v) in kv {
                out.push(k);
                out.push(v);
            }
        }
        ExprKind::ListComp { elt, clauses }
        | ExprKind::DictComp { pair: elt, clauses }
        | ExprKind::SetComp { elt, clauses }
        | ExprKind::GenExp { elt, clauses } => {
            out.push(elt);
            for c in clauses {
                out.push(&c.target);
                out.push(&c.iter);
                out.extend(&c.conds);
            }
        }
        ExprKind::Attr { value, .. } => out.push(value),
        ExprKind::Call { func, args } => {
            out.push(func);
            for a in args {
                match a {
                    Arg::Pos(e) | Arg::Kw(_, e) | Arg::Star(e) | Arg::StarStar(e) => out.push(e),
                }
            }
        }
        ExprKind::Index { value, index } => {
            out.push(value);
            out.push(index);
        }
        ExprKind::Slice { lo, hi, step } => {
            for x in [lo, hi, step].into_iter().flatten() {
                out.push(x);
            }
        }
        ExprKind::Unary { operand, .. } => out.push(operand),
        ExprKind::Binary { left, right, .. } | ExprKind::BoolOp { left, right, .. } => {
            out.push(left);
            out.push(right);
        }
        ExprKind::Compare { left, rest } => {
            out.push(left);
            out.extend(rest.iter().map(|(_, e)| e));
        }
        ExprKind::IfElse { body, cond, orelse } => {
            out.push(body);
            out.push(cond);
            out.push(orelse);
        }
        ExprKind::Lambda { body, .. } => out.push(body),
    }
}

/// The span of the first node found deeper than the limit, if any.
fn too_deep(root: &Expr) -> Option<Span> {
    let mut stack = vec![(root, 1usize)];
    let mut kids = Vec::new();
    while let Some((e, d)) = stack.pop() {
        if d > MAX_TREE_DEPTH {
            return Some(e.span);
        }
        kids.clear();
        children(e, &mut kids);
        stack.extend(kids.iter().map(|k| (*k, d + 1)));
    }
    None
}

fn stmt_exprs<'a>(s: &'a Stmt, out: &mut Vec<&'a Expr>) {
    let mut bodies = Vec::new();
    s.kind.parts(out, &mut bodies);
    for b in bodies {
        for st in b {
            stmt_exprs(st, out);
        }
    }
}

/// Fail when any expression is deeper than `MAX_TREE_DEPTH`.
pub fn check(stmts: Vec<Stmt>) -> Result<Vec<Stmt>, Error> {
    let mut roots = Vec::new();
    for s in &stmts {
        stmt_exprs(s, &mut roots);
    }
    let bad = roots.iter().find_map(|e| too_deep(e));
    match bad {
        None => Ok(stmts),
        Some(span) => {
            dismantle(stmts);
            Err(Error::syntax(
                format!(
                    "too deeply nested: the expression is more than {MAX_TREE_DEPTH} levels deep"
                ),
                span,
            ))
        }
    }
}

/// Drop statements without recursing into deep expressions.
pub fn dismantle(stmts: Vec<Stmt>) {
    let mut stack: Vec<Expr> = Vec::new();
    let mut bodies = vec![stmts];
    while let Some(body) = bodies.pop() {
        for s in body {
            s.kind.into_parts(&mut stack, &mut bodies);
        }
    }
    while let Some(e) = stack.pop() {
        match e.kind {
            ExprKind::FString(parts) => {
                for p in parts {
                    if let FPart::Expr { expr, .. } = p {
                        stack.push(expr);
                    }
                }
            }
            ExprKind::List(xs) | ExprKind::Tuple(xs) | ExprKind::Set(xs) => stack.extend(xs),
            ExprKind::Starred(x) | ExprKind::NamedExpr { value: x, .. } => stack.push(*x),
            ExprKind::Dict(kv) => {
                for (k, v) in kv {
                    stack.push(k);
                    stack.push(v);
                }
            }
            ExprKind::ListComp { elt, clauses }
            | ExprKind::DictComp { pair: elt, clauses }
            | ExprKind::SetComp { elt, clauses }
            | ExprKind::GenExp { elt, clauses } => {
                stack.push(*elt);
                for c in clauses {
                    stack.push(c.target);
                    stack.push(c.iter);
                    stack.extend(c.conds);
                }
            }
            ExprKind::Attr { value, .. } => stack.push(*value),
            ExprKind::Call { func, args } => {
                stack.push(*func);
                for a in args {
                    match a {
                        Arg::Pos(e) | Arg::Kw(_, e) | Arg::Star(e) | Arg::StarStar(e) => {
                            stack.push(e)
                        }
                    }
                }
            }
            ExprKind::Index { value, index } => {
                stack.push(*value);
                stack.push(*index);
            }
            ExprKind::Slice { lo, hi, step } => {
                stack.extend([lo, hi, step].into_iter().flatten().map(|b| *b));
            }
            ExprKind::Unary { operand, .. } => stack.push(*operand),
            ExprKind::Binary { left, right, .. } | ExprKind::BoolOp { left, right, .. } => {
                stack.push(*left);
                stack.push(*right);
            }
            ExprKind::Compare { left, rest } => {
                stack.push(*left);
                stack.extend(rest.into_iter().map(|(_, e)| e));
            }
            ExprKind::IfElse { body, cond, orelse } => {
                stack.push(*body);
                stack.push(*cond);
                stack.push(*orelse);
            }
            ExprKind::Lambda { body, .. } => {
                if let Ok(b) = std::rc::Rc::try_unwrap(body) {
                    stack.push(b);
                }
            }
            _ => {}
        }
    }
}
