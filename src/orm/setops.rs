//! Set operations on queries, as SQLAlchemy builds them: a 2.0
//! `select(...).union(...)` is a `CompoundSelect` whose rows are its first
//! member's columns; a legacy `Query.union(...)` selects its entities
//! again from the compound as a subquery (`SELECT anon_1.user_id AS
//! anon_1_user_id FROM (… UNION …) AS anon_1`), and the criteria and
//! ordering added after it are adapted to that subquery.

use std::rc::Rc;

use crate::orm::alias::AliasedModel;
use crate::orm::expr::ColumnElement;
use crate::orm::query::{Entity, Query};
use crate::orm::selectable::Selectable;
use crate::schema::types::ColumnType;
use crate::sql::ast::{Select, SetOp, SqlExpr};

/// `expr` with each sub-expression found in `pairs` replaced.
pub fn adapt(pairs: &[(SqlExpr, SqlExpr)], expr: &SqlExpr) -> SqlExpr {
    if pairs.is_empty() {
        return expr.clone();
    }
    expr.clone()
        .map(&mut |e| match pairs.iter().find(|(from, _)| *from == e) {
            Some((_, to)) => to.clone(),
            None => e,
        })
}

/// The SQL type of each column a query selects, in order.
pub fn column_types(q: &Query) -> Vec<Option<ColumnType>> {
    let mut out = Vec::new();
    for e in &q.entities {
        match e {
            Entity::Model(m) => out.extend(m.columns.iter().map(|c| Some(c.ty.clone()))),
            Entity::Aliased(a) => out.extend(a.model.columns.iter().map(|c| Some(c.ty.clone()))),
            Entity::Expr(s) => out.push(s.ty.clone()),
        }
    }
    out
}

/// The key each column a query selects has in a subquery's `.c` when it
/// is not the SQL name: a mapped attribute's or hybrid's key (SQLAlchemy's
/// `proxy_key`); None for a whole entity's columns and other expressions.
pub fn column_keys(q: &Query) -> Vec<Option<Rc<str>>> {
    let mut out = Vec::new();
    for e in &q.entities {
        match e {
            Entity::Model(m) => out.extend(m.columns.iter().map(|_| None)),
            Entity::Aliased(a) => out.extend(a.model.columns.iter().map(|_| None)),
            Entity::Expr(s) if s.column.is_some() || s.hybrid.is_some() || s.entity.is_some() => {
                out.push(s.key.clone())
            }
            Entity::Expr(_) => out.push(None),
        }
    }
    out
}

/// The members of `first op others…`: a compound first member's own
/// members are taken as they are (`union(a, b).union(c)` in 2.0 is one
/// compound when nothing orders or limits the first).
fn members(first: &Query, others: &[Rc<Query>], op: SetOp) -> Vec<(SetOp, Select)> {
    let mut out = Vec::new();
    if !first.compound.is_empty()
        && first.order_by.is_empty()
        && first.limit.is_none()
        && first.offset.is_none()
    {
        out.extend(first.compound.iter().cloned());
    } else {
        out.push((op, first.to_select()));
    }
    out.extend(others.iter().map(|o| (op, o.to_select())));
    out
}

/// `select(...).union(other, …)` and its kin, and `db.union(a, b, …)`:
/// the compound of the 2.0 statements; its rows are the first's columns.
pub fn compound_select(first: &Query, others: &[Rc<Query>], op: SetOp) -> Query {
    let mut entities = Vec::new();
    for e in &first.entities {
        match e {
            Entity::Model(m) => {
                for i in 0..m.columns.len() {
                    entities.push(Entity::Expr(Rc::new(ColumnElement::column(m, i))));
                }
            }
            Entity::Aliased(a) => {
                for c in &a.model.columns {
                    if let Some(col) = a.column(&c.attr) {
                        entities.push(Entity::Expr(Rc::new(col)));
                    }
                }
            }
            Entity::Expr(s) => entities.push(Entity::Expr(s.clone())),
        }
    }
    let mut q = Query::new(entities, false);
    q.compound = members(first, others, op);
    q
}

/// `Query.union(other, …)` and its kin: the legacy query's entities read
/// from the compound as the subquery `anon_1`.
pub fn legacy_compound(first: &Query, others: &[Rc<Query>], op: SetOp) -> Query {
    let members = members(first, others, op);
    let select = Select {
        compound: members,
        ..Select::default()
    };
    let sq = Selectable::subquery(select, &column_types(first), &column_keys(first), None);
    let mut entities = Vec::new();
    let mut adapt = Vec::new();
    let mut at = 0;
    let name_at = |at: usize| sq.columns.get(at).map(|c| c.name.clone());
    for e in &first.entities {
        match e {
            Entity::Model(_) | Entity::Aliased(_) => {
                let (model, olds) = match e {
                    Entity::Model(m) => (
                        m.clone(),
                        m.columns
                            .iter()
                            .map(|c| SqlExpr::col(&m.table, &c.name))
                            .collect::<Vec<_>>(),
                    ),
                    Entity::Aliased(a) => (a.model.clone(), a.exprs()),
                    Entity::Expr(_) => continue,
                };
                let n = model.columns.len();
                let names: Vec<Rc<str>> = (at..at + n).filter_map(name_at).collect();
                if names.len() != n {
                    break;
                }
                for (old, name) in olds.into_iter().zip(&names) {
                    adapt.push((old, SqlExpr::col(&sq.name, name)));
                }
                entities.push(Entity::Aliased(Rc::new(AliasedModel {
                    model,
                    name: sq.name.clone(),
                    from: sq.from_ref(),
                    columns: names,
                })));
                at += n;
            }
            Entity::Expr(s) => {
                let Some(name) = name_at(at) else { break };
                let old = match &s.expr {
                    SqlExpr::Label { expr, .. } => (**expr).clone(),
                    other => other.clone(),
                };
                // The same column again reads the first one's name (one
                // column proxy in SQLAlchemy: `anon_1.m_g` twice).
                let new = (adapt.iter().find(|(o, _)| *o == old))
                    .map(|(_, n)| n.clone())
                    .unwrap_or_else(|| SqlExpr::col(&sq.name, &name));
                adapt.push((old, new.clone()));
                entities.push(Entity::Expr(Rc::new(ColumnElement {
                    expr: new,
                    froms: vec![sq.from_ref()],
                    ..(**s).clone()
                })));
                at += 1;
            }
        }
    }
    // What the first query already read through a subquery of its own
    // (a union of a union) is read through this one in turn.
    let composed: Vec<(SqlExpr, SqlExpr)> = first
        .adapt
        .iter()
        .map(|(orig, mid)| (orig.clone(), self::adapt(&adapt, mid)))
        .collect();
    adapt.extend(composed);
    let mut q = Query::new(entities, true);
    q.adapt = adapt;
    q.filter_model = first.filter_model.clone().or_else(|| first.primary_model());
    q
}
