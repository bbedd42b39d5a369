//! The expression toolkit: one walk over an [`SqlExpr`]'s sub-expressions,
//! and what the ORM builds with it — re-pointing columns at an alias
//! (SQLAlchemy's `ClauseAdapter`), collecting the tables an expression names
//! (its `_from_objects`), rewriting nodes bottom-up — plus the constructors
//! every statement builder shares (`table.column`, `a = b`, a bound value).
//!
//! A walk stays inside one expression: it does not enter the `SELECT` of an
//! `EXISTS`, a scalar subquery or `IN (SELECT …)`, whose tables are their
//! own. Each level runs through `stack::grow`; the depth is bounded where
//! an expression is made (`sql::depth`).

use std::rc::Rc;

use super::ast::{BinaryOp, Param, SqlExpr};

/// The one list of an expression's direct sub-expressions: `$f` called
/// with each, for `$e` a `&SqlExpr` or a `&mut SqlExpr` alike.
macro_rules! children {
    ($e:expr, $f:ident) => {
        match $e {
            SqlExpr::Column { .. }
            | SqlExpr::Param { .. }
            | SqlExpr::Late { .. }
            | SqlExpr::Null
            | SqlExpr::Star
            | SqlExpr::Raw(_)
            | SqlExpr::Text { .. }
            | SqlExpr::Exists(_)
            | SqlExpr::Subquery(_)
            | SqlExpr::Bool(_)
            | SqlExpr::LiteralColumn(_) => {}
            SqlExpr::Binary { left, right, .. } | SqlExpr::CustomOp { left, right, .. } => {
                $f(left);
                $f(right);
            }
            SqlExpr::And(v)
            | SqlExpr::Or(v)
            | SqlExpr::Tuple(v)
            | SqlExpr::Func { args: v, .. } => {
                for x in v {
                    $f(x);
                }
            }
            SqlExpr::Not(x)
            | SqlExpr::Neg(x)
            | SqlExpr::BitNot(x)
            | SqlExpr::Grouping(x)
            | SqlExpr::Distinct(x)
            | SqlExpr::TypeCoerce(x) => $f(x),
            SqlExpr::InList { expr, .. }
            | SqlExpr::InSelect { expr, .. }
            | SqlExpr::Label { expr, .. }
            | SqlExpr::Order { expr, .. }
            | SqlExpr::Cast { expr, .. }
            | SqlExpr::InTuples { expr, .. }
            | SqlExpr::Extract { expr, .. }
            | SqlExpr::Nulls { expr, .. }
            | SqlExpr::Collate { expr, .. }
            | SqlExpr::Escape { like: expr, .. }
            | SqlExpr::JsonIndex { expr, .. } => $f(expr),
            SqlExpr::Over {
                func,
                partition_by,
                order_by,
                ..
            } => {
                $f(func);
                for x in partition_by {
                    $f(x);
                }
                for x in order_by {
                    $f(x);
                }
            }
            SqlExpr::FuncModifier { func, clauses, .. } => {
                $f(func);
                for x in clauses {
                    $f(x);
                }
            }
            SqlExpr::Between {
                expr, low, high, ..
            } => {
                $f(expr);
                $f(low);
                $f(high);
            }
            SqlExpr::Case {
                value,
                whens,
                else_,
            } => {
                if let Some(x) = value {
                    $f(x);
                }
                for (when, then) in whens {
                    $f(when);
                    $f(then);
                }
                if let Some(x) = else_ {
                    $f(x);
                }
            }
        }
    };
}

impl SqlExpr {
    /// An `and_()` or `or_()` with no clauses (or only such): SQLAlchemy
    /// compiles it to nothing, and leaves it out of the clause list, the
    /// WHERE or the HAVING it stands in.
    pub fn is_empty_clause(&self) -> bool {
        match self {
            SqlExpr::And(v) | SqlExpr::Or(v) => v.iter().all(SqlExpr::is_empty_clause),
            _ => false,
        }
    }

    /// `table.name`.
    pub fn col(table: &Rc<str>, name: &Rc<str>) -> SqlExpr {
        SqlExpr::Column {
            table: Some(table.clone()),
            name: name.clone(),
        }
    }

    /// `left op right`.
    pub fn binary(op: BinaryOp, left: SqlExpr, right: SqlExpr) -> SqlExpr {
        SqlExpr::Binary {
            op,
            left: Box::new(left),
            right: Box::new(right),
        }
    }

    /// `left = right`.
    pub fn eq(left: SqlExpr, right: SqlExpr) -> SqlExpr {
        SqlExpr::binary(BinaryOp::Eq, left, right)
    }

    /// A bound value compared with the column `key` (the key names it in
    /// `str()`'s `:key_1` and expanding-IN placeholders).
    pub fn bound(value: Param, key: &Rc<str>) -> SqlExpr {
        SqlExpr::Param {
            value,
            key: Some(key.clone()),
        }
    }

    /// Call `f` with each direct sub-expression, left to right as the SQL
    /// is written (a subquery's `SELECT` is not entered).
    pub fn each_child<'a>(&'a self, f: &mut dyn FnMut(&'a SqlExpr)) {
        children!(self, f)
    }

    /// [`each_child`](SqlExpr::each_child), mutably.
    fn each_child_mut(&mut self, f: &mut dyn FnMut(&mut SqlExpr)) {
        children!(self, f)
    }

    /// Call `f` with this expression and every sub-expression, parents
    /// before children, left to right.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a SqlExpr)) {
        crate::stack::grow(|| {
            f(self);
            self.each_child(&mut |c| c.walk(f));
        })
    }

    /// The expression with every node replaced by `f` of it, children
    /// first (`f` sees a node whose sub-expressions are already mapped).
    pub fn map(mut self, f: &mut dyn FnMut(SqlExpr) -> SqlExpr) -> SqlExpr {
        crate::stack::grow(|| {
            self.each_child_mut(&mut |c| {
                let old = std::mem::replace(c, SqlExpr::Null);
                *c = old.map(f);
            });
            f(self)
        })
    }

    /// The expression with the columns of `table` pointed at `alias`
    /// (SQLAlchemy's `ClauseAdapter` for an aliased table): `post.title` →
    /// `post_1.title`; other columns unchanged.
    pub fn retarget(self, table: &str, alias: &Rc<str>) -> SqlExpr {
        self.map(&mut |e| match e {
            SqlExpr::Column {
                table: Some(t),
                name,
            } if *t == *table => SqlExpr::Column {
                table: Some(alias.clone()),
                name,
            },
            other => other,
        })
    }

    /// Add the tables this expression's columns name to `out`, each once,
    /// in order of appearance (SQLAlchemy's `_from_objects`; a subquery's
    /// tables are its own).
    pub fn tables_into(&self, out: &mut Vec<Rc<str>>) {
        self.walk(&mut |e| {
            if let SqlExpr::Column { table: Some(t), .. } = e
                && !out.contains(t)
            {
                out.push(t.clone());
            }
        })
    }
}
