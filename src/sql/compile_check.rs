//! What SQLAlchemy's compiler refuses in a statement that SQLite would
//! only fail on later (or not at all): a compound SELECT whose members
//! select different numbers of columns, two unrelated CTEs of one name,
//! and a `tuple_()` among the columns of the statement run. Each is its
//! `CompileError`, with its wording, raised before any SQL is sent.

use std::cell::Cell;
use std::rc::Rc;

use super::ast::{Cte, FromItem, Select, SqlExpr};
use crate::error::{Error, ErrorKind, Result};

thread_local! {
    static NEXT_CTE: Cell<u64> = const { Cell::new(1) };
}

/// A fresh identity for a CTE made by `cte()`: its aliases and its
/// recursive growth (`union_all`) keep it, as SQLAlchemy's `_restates`
/// ties them to the one CTE.
pub fn fresh_cte_id() -> u64 {
    NEXT_CTE.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    })
}

/// The checks that hold anywhere in a statement: compound SELECTs and
/// CTE names, in it and every SELECT nested in it.
pub fn check(s: &Select) -> Result<()> {
    let mut ctes: Vec<(Rc<str>, u64)> = Vec::new();
    check_select(s, &mut ctes)
}

/// The FROM items a statement's columns and criteria bring, before they
/// are merged by name into its FROM list: two unrelated CTEs of one name
/// among them are refused as [`check`] refuses them.
pub fn check_froms<'a>(items: impl IntoIterator<Item = &'a FromItem>) -> Result<()> {
    let mut ctes: Vec<(Rc<str>, u64)> = Vec::new();
    for f in items {
        check_from(f, &mut ctes)?;
    }
    Ok(())
}

/// The columns of the statement run: a `tuple_()` is refused, as
/// SQLAlchemy's `_add_to_result_map` refuses it.
pub fn check_result_columns(s: &Select) -> Result<()> {
    let first = match s.compound.first() {
        Some((_, m)) => m,
        None => s,
    };
    for c in &first.columns {
        let inner = match c {
            SqlExpr::Label { expr, .. } => expr,
            other => other,
        };
        if matches!(inner, SqlExpr::Tuple(_)) {
            return Err(Error::new(
                ErrorKind::CompileError,
                "Most backends don't support SELECTing from a tuple() object.  If this is an ORM query, consider using the Bundle object.",
            )
            .with_help("select the columns themselves: select(A.x, A.y)"));
        }
    }
    Ok(())
}

/// How many columns a SELECT (or a compound's first member) selects.
fn width(s: &Select) -> usize {
    match s.compound.first() {
        Some((_, m)) => width(m),
        None => s.columns.len(),
    }
}

fn check_select(s: &Select, ctes: &mut Vec<(Rc<str>, u64)>) -> Result<()> {
    crate::stack::grow(|| {
        if let Some((_, first)) = s.compound.first() {
            let n = width(first);
            for (i, (_, m)) in s.compound.iter().enumerate().skip(1) {
                if width(m) != n {
                    return Err(Error::new(
                        ErrorKind::CompileError,
                        format!(
                            "All selectables passed to CompoundSelect must have identical numbers of columns; select #1 has {n} columns, select #{} has {}",
                            i + 1,
                            width(m)
                        ),
                    )
                    .with_help("give every SELECT of a UNION the same number of columns"));
                }
            }
        }
        for (_, m) in &s.compound {
            check_select(m, ctes)?;
        }
        for f in &s.from {
            check_from(f, ctes)?;
        }
        let exprs = (s.columns.iter())
            .chain(&s.where_)
            .chain(&s.group_by)
            .chain(&s.having)
            .chain(&s.order_by);
        for e in exprs {
            check_expr(e, ctes)?;
        }
        Ok(())
    })
}

fn check_from(f: &FromItem, ctes: &mut Vec<(Rc<str>, u64)>) -> Result<()> {
    match f {
        FromItem::Table { .. } | FromItem::Text(_) => Ok(()),
        FromItem::Join {
            left, right, on, ..
        } => {
            check_from(left, ctes)?;
            check_from(right, ctes)?;
            check_expr(on, ctes)
        }
        FromItem::Subquery { select, .. } => check_select(select, ctes),
        FromItem::Cte(c) => check_cte(c, ctes),
    }
}

/// A CTE met: one of that name already met must be the same CTE.
fn check_cte(c: &Cte, ctes: &mut Vec<(Rc<str>, u64)>) -> Result<()> {
    match ctes.iter().find(|(n, _)| *n == c.name) {
        Some((_, id)) if *id == c.id => Ok(()),
        Some(_) => Err(Error::new(
            ErrorKind::CompileError,
            format!(
                "Multiple, unrelated CTEs found with the same name: '{}'",
                crate::sql::anon::plain(&c.name)
            ),
        )
        .with_help("give each cte() its own name, or read one CTE twice through cte.alias('b')")),
        None => {
            ctes.push((c.name.clone(), c.id));
            check_select(&c.select, ctes)
        }
    }
}

fn check_expr(e: &SqlExpr, ctes: &mut Vec<(Rc<str>, u64)>) -> Result<()> {
    let mut nested: Vec<&Select> = Vec::new();
    e.walk(&mut |x| match x {
        SqlExpr::Exists(s) | SqlExpr::Subquery(s) => nested.push(s),
        SqlExpr::InSelect { select, .. } => nested.push(select),
        _ => {}
    });
    for s in nested {
        check_select(s, ctes)?;
    }
    Ok(())
}
