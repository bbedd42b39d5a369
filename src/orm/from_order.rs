//! The order of a SELECT's FROM list when nothing is joined or named by
//! `select_from`: SQLAlchemy's ORM lists the tables of its mapped
//! entities first (`_fallback_from_clauses`: a model's table, an alias, a
//! mapped attribute's table), then the FROMs of its other columns
//! (`select(sq.c.g, M.id)` reads `FROM m, (…) AS anon_1`).

use std::rc::Rc;

use crate::orm::query::Entity;

/// `from` with the names the mapped entities read moved to the front,
/// each part in its own order.
pub fn mapped_first(from: Vec<Rc<str>>, entities: &[Entity]) -> Vec<Rc<str>> {
    let mapped = mapped_from_names(entities);
    let (first, rest): (Vec<_>, Vec<_>) = from.into_iter().partition(|t| mapped.contains(t));
    first.into_iter().chain(rest).collect()
}

/// The names of the FROMs the mapped entities read.
fn mapped_from_names(entities: &[Entity]) -> Vec<Rc<str>> {
    let mut out = Vec::new();
    for e in entities {
        match e {
            Entity::Model(m) => out.push(m.table.clone()),
            Entity::Aliased(a) => out.push(a.name.clone()),
            Entity::Expr(s) if s.column.is_some() => s.expr.tables_into(&mut out),
            Entity::Expr(_) => {}
        }
    }
    out
}
