//! The order of a SELECT's FROM list when nothing is joined or named by
//! `select_from`: SQLAlchemy's ORM lists the tables of its mapped
//! entities first (`_fallback_from_clauses`: a model's table, an alias, a
//! mapped attribute's table), then the FROMs of its other columns
//! (`select(sq.c.g, M.id)` reads `FROM m, (…) AS anon_1`). An expression
//! counts by the first mapped column met walking it breadth-first
//! (`sql_util.extract_first_column_annotation(col, "parententity")`), so
//! `select(sq.c.g + M.id)` reads `FROM m, (…) AS anon_2` too. (ormsh does
//! not mark each column of an expression mapped or not, so a Core table's
//! column inside an expression counts as mapped.)

use std::collections::VecDeque;
use std::rc::Rc;

use crate::orm::expr::ColumnElement;
use crate::orm::query::Entity;
use crate::sql::ast::{FromItem, SqlExpr};

/// `from` with the names the mapped entities read moved to the front,
/// each part in its own order.
pub fn mapped_first(from: Vec<Rc<str>>, entities: &[Entity]) -> Vec<Rc<str>> {
    let mapped = mapped_from_names(entities);
    let first: Vec<Rc<str>> = mapped.into_iter().filter(|t| from.contains(t)).collect();
    let rest = from.into_iter().filter(|t| !first.contains(t));
    first.iter().cloned().chain(rest).collect()
}

/// The names of the FROMs the mapped entities read, in entity order
/// (SQLAlchemy's `_fallback_from_clauses`).
fn mapped_from_names(entities: &[Entity]) -> Vec<Rc<str>> {
    let mut out: Vec<Rc<str>> = Vec::new();
    for e in entities {
        let name = match e {
            Entity::Model(m) => Some(m.table.clone()),
            Entity::Aliased(a) => Some(a.name.clone()),
            Entity::Expr(s) => first_mapped_table(s),
        };
        if let Some(name) = name.filter(|n| !out.contains(n)) {
            out.push(name);
        }
    }
    out
}

/// The FROM a column entity's parententity gives: a mapped attribute's
/// table, the table an expression is read through (`K.p`), else the table
/// of the first column met walking it breadth-first. A Core table's bare
/// column, and a subquery's or CTE's, carry no entity.
fn first_mapped_table(s: &ColumnElement) -> Option<Rc<str>> {
    if s.column.is_some() || s.entity.is_some() {
        let mut tables = Vec::new();
        s.expr.tables_into(&mut tables);
        return tables.into_iter().next();
    }
    for f in &s.froms {
        if let FromItem::Table { name, alias: None } = f {
            return Some(name.clone());
        }
    }
    if matches!(s.expr, SqlExpr::Column { .. }) {
        return None;
    }
    let unmapped: Vec<&Rc<str>> = (s.froms.iter())
        .filter(|f| matches!(f, FromItem::Subquery { .. } | FromItem::Cte(_)))
        .filter_map(FromItem::alias_name)
        .collect();
    let mut queue = VecDeque::from([&s.expr]);
    while let Some(e) = queue.pop_front() {
        if let SqlExpr::Column { table: Some(t), .. } = e
            && !unmapped.contains(&t)
        {
            return Some(t.clone());
        }
        e.each_child(&mut |c| queue.push_back(c));
    }
    None
}
