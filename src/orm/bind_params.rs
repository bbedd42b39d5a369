//! `Query.params(x=1)` / `Select.params(...)` (SQLAlchemy's
//! `Query.params`, `ClauseElement.params`): the statement with the named
//! parameters (`bindparam('x')`, a `text()` condition's `:x`) given
//! these values — every criterion, ordering, grouping, join condition and
//! selected expression rewritten, as SQLAlchemy's `_params` replace the
//! bind values when the statement compiles.

use std::rc::Rc;

use crate::orm::expr::ColumnElement;
use crate::orm::query::{Entity, Query};
use crate::sql::ast::{Param, SqlExpr};
use crate::sql::named_bind::{self, name_of};

/// `e` with the named parameters of `values` given them.
pub fn bind_expr(e: SqlExpr, values: &[(Rc<str>, Param)]) -> SqlExpr {
    e.map(&mut |node| {
        if let Some(name) = name_of(&node)
            && let Some((_, v)) = values.iter().find(|(n, _)| *n == name)
        {
            return named_bind::named(name, Some(v.clone()));
        }
        match node {
            SqlExpr::Text { sql, mut binds } => {
                let names = crate::sql::text::bind_names(&sql);
                for (n, v) in values {
                    if names.contains(n) {
                        binds.retain(|(b, _)| b != n);
                        binds.push((n.clone(), v.clone()));
                    }
                }
                SqlExpr::Text { sql, binds }
            }
            other => other,
        }
    })
}

fn bind_all(v: &mut [SqlExpr], values: &[(Rc<str>, Param)]) {
    for e in v.iter_mut() {
        let old = std::mem::replace(e, SqlExpr::Null);
        *e = bind_expr(old, values);
    }
}

/// The query with these values given to its named parameters.
pub fn bind_query(q: &mut Query, values: &[(Rc<str>, Param)]) {
    bind_all(&mut q.where_, values);
    bind_all(&mut q.having, values);
    bind_all(&mut q.order_by, values);
    bind_all(&mut q.group_by, values);
    for j in &mut q.joins {
        bind_all(&mut j.on, values);
    }
    for ent in &mut q.entities {
        if let Entity::Expr(c) = ent {
            let mut new: ColumnElement = (**c).clone();
            new.expr = bind_expr(new.expr, values);
            *c = Rc::new(new);
        }
    }
}
