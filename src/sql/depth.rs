//! How deep a SQL expression nests, measured without recursion. Every walk
//! over an expression (compiling it, cloning it, freeing it, retargeting it
//! to an alias) recurses once per level, so the depth is bounded where an
//! expression is made (`ColumnElement::into_value`): `c = -c` or `c = (c & x) | y`
//! repeated in a loop stops with Python's `RecursionError` instead of
//! overflowing the stack. The bound is SQLite's own (`SQLITE_MAX_EXPR_DEPTH`,
//! 1000): a deeper expression could never run. Subqueries count as levels,
//! so queries nested in queries are bounded by the same measure.

use crate::error::{Error, ErrorKind, Result};
use crate::sql::ast::{FromItem, Select, SqlExpr};

/// The deepest expression ormsh builds: SQLite's limit on expression depth.
pub const MAX_DEPTH: usize = 1000;

/// The most tables one query may join: SQLite's limit ("at most 64 tables in
/// a join"). Joins nest in the FROM clause, so this bounds that nesting too.
pub const MAX_JOIN_TABLES: usize = 64;

/// A node of a statement tree.
#[derive(Clone, Copy)]
enum Node<'a> {
    Expr(&'a SqlExpr),
    Select(&'a Select),
    From(&'a FromItem),
}

/// The direct children of `n`.
fn children<'a>(n: Node<'a>, out: &mut Vec<Node<'a>>) {
    use SqlExpr as E;
    let exprs = |out: &mut Vec<Node<'a>>, xs: &'a [SqlExpr]| out.extend(xs.iter().map(Node::Expr));
    match n {
        Node::Expr(e) => {
            e.each_child(&mut |c| out.push(Node::Expr(c)));
            if let E::InSelect { select: s, .. } | E::Exists(s) | E::Subquery(s) = e {
                out.push(Node::Select(s));
            }
        }
        Node::Select(s) => {
            exprs(out, &s.columns);
            out.extend(s.from.iter().map(Node::From));
            exprs(out, &s.where_);
            exprs(out, &s.group_by);
            exprs(out, &s.having);
            exprs(out, &s.order_by);
            out.extend(s.limit.iter().chain(&s.offset).map(Node::Expr));
            out.extend(s.compound.iter().map(|(_, m)| Node::Select(m)));
        }
        Node::From(f) => match f {
            FromItem::Table { .. } | FromItem::Text(_) => {}
            FromItem::Join {
                left, right, on, ..
            } => {
                out.push(Node::From(left));
                out.push(Node::From(right));
                out.push(Node::Expr(on));
            }
            FromItem::Subquery { select, .. } => out.push(Node::Select(select)),
            FromItem::Cte(c) => out.push(Node::Select(&c.select)),
        },
    }
}

/// The number of levels of `e` (a column or a value is 1).
pub fn depth(e: &SqlExpr) -> usize {
    let mut deepest = 0;
    let mut todo = vec![(Node::Expr(e), 1)];
    let mut kids = Vec::new();
    while let Some((n, d)) = todo.pop() {
        deepest = deepest.max(d);
        kids.clear();
        children(n, &mut kids);
        todo.extend(kids.iter().map(|k| (*k, d + 1)));
    }
    deepest
}

/// `RecursionError` when `e` is deeper than [`MAX_DEPTH`].
pub fn check(e: &SqlExpr) -> Result<()> {
    let d = depth(e);
    if d > MAX_DEPTH {
        return Err(Error::new(
            ErrorKind::RecursionError,
            format!(
                "maximum recursion depth exceeded: this SQL expression nests {d} levels deep, \
                 more than SQLite runs ({MAX_DEPTH})"
            ),
        )
        .with_help(
            "build long conditions flat, with and_(…) / or_(…) or in_([…]), not nested in a loop",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::ast::BinaryOp;

    fn col() -> SqlExpr {
        SqlExpr::Column {
            table: Some("a".into()),
            name: "id".into(),
        }
    }

    #[test]
    fn depth_counts_every_kind_of_nesting() {
        assert_eq!(depth(&col()), 1);
        let neg = SqlExpr::Neg(Box::new(SqlExpr::Neg(Box::new(col()))));
        assert_eq!(depth(&neg), 3);
        let sub = SqlExpr::Exists(Box::new(Select {
            where_: vec![SqlExpr::Binary {
                op: BinaryOp::Eq,
                left: Box::new(neg.clone()),
                right: Box::new(col()),
            }],
            ..Select::default()
        }));
        // Exists → Select → Binary → Neg → Neg → Column
        assert_eq!(depth(&sub), 6);
        assert_eq!(depth(&SqlExpr::And(vec![col(), neg, col()])), 4);
    }

    /// Clone, `==` and drop recurse once per level (about 1.5 KB each in a
    /// debug build): a tree at the limit fits in the red zone that
    /// `stack::grow` keeps free.
    #[test]
    fn a_tree_at_the_limit_clones_and_drops_in_the_red_zone() {
        let tree = || {
            let mut e = col();
            for i in 0..MAX_DEPTH - 1 {
                e = if i % 2 == 0 {
                    SqlExpr::Not(Box::new(e))
                } else {
                    SqlExpr::Binary {
                        op: BinaryOp::Add,
                        left: Box::new(e),
                        right: Box::new(col()),
                    }
                };
            }
            e
        };
        std::thread::Builder::new()
            .stack_size(crate::stack::RED_ZONE)
            .spawn(move || {
                let e = tree();
                assert_eq!(depth(&e), MAX_DEPTH);
                let copy = e.clone();
                assert_eq!(copy, e);
                drop(copy);
                drop(e);
            })
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn too_deep_is_a_recursion_error_measured_without_recursion() {
        let mut e = col();
        for _ in 0..MAX_DEPTH - 1 {
            e = SqlExpr::Not(Box::new(e));
        }
        assert!(check(&e).is_ok());
        e = SqlExpr::Not(Box::new(e));
        let err = check(&e).unwrap_err();
        assert_eq!(err.kind, ErrorKind::RecursionError);
        assert!(err.message.contains("1001 levels"), "{}", err.message);
    }
}
