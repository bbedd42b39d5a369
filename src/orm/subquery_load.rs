//! `lazy='subquery'` / `subqueryload()`, as SQLAlchemy's `SubqueryLoader`
//! runs it: the parent query again, reduced to the columns the
//! relationship joins on, wrapped as `(…) AS anon_1` and joined to the
//! target (through the association table for a many-to-many):
//!
//! ```sql
//! SELECT kid.id AS kid_id, kid.ant_id AS kid_ant_id, anon_1.ant_id AS anon_1_ant_id
//! FROM (SELECT ant.id AS ant_id FROM ant WHERE …) AS anon_1
//! JOIN kid ON anon_1.ant_id = kid.ant_id
//! ```
//!
//! The inner query keeps its ORDER BY only with a LIMIT or OFFSET, and a
//! many-to-one's is `SELECT DISTINCT` of the foreign key. Each parent's
//! collection is its rows in the order SQLite returns them (an unordered
//! relationship comes back as SQLAlchemy's does), each object once. What
//! this does not cover loads as `selectin` does: an aliased entity, a
//! composite key, extra `primaryjoin` criteria, and the deeper steps of a
//! chained option (`subqueryload(A.b).subqueryload(B.c)`, which SQLAlchemy
//! writes as one subquery joined along the whole path).

use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::error::Result;
use crate::orm::instance::{Instance, KeyPart};
use crate::orm::query::Query;
use crate::orm::relation::param_of;
use crate::orm::session::Session;
use crate::schema::relationship::{Rel, RelKind};
use crate::sql::ast::{FromItem, JoinKind, Select, SqlExpr};
use crate::sql::compile::{self, Mode};

/// The subquery's alias, as SQLAlchemy names it.
const ANON: &str = "anon_1";

/// How one relationship is reached from the parent query's rows: the
/// parent's column the inner query selects (its index on the parent), the
/// joins onto the target, and how a parent finds its group.
struct Plan {
    /// The parent's column the inner query selects (`ant.id AS ant_id`).
    local: usize,
    /// `SELECT DISTINCT` (a many-to-one's foreign keys repeat).
    distinct: bool,
    /// FROM `anon_1` JOIN … (the association table, then the target).
    from: FromItem,
}

impl Session {
    /// Load `rel` for `parents`, the objects query `q` returned, in one
    /// statement built from `q` (SQLAlchemy's `SubqueryLoader`); parents
    /// whose `rel` is already loaded keep it, and when all have it nothing
    /// runs.
    pub fn load_subquery(
        &mut self,
        q: &Query,
        parents: &[Rc<Instance>],
        rel: &Rc<Rel>,
    ) -> Result<()> {
        let todo: Vec<Rc<Instance>> = parents
            .iter()
            .filter(|p| !Session::slot_items(p, &rel.name).is_some_and(|(loaded, _)| loaded))
            .cloned()
            .collect();
        if todo.is_empty() {
            return Ok(());
        }
        let plan = match q.single_model() {
            Some(m) if m.id == rel.owner.id && rel.criteria.is_empty() => plan_of(rel),
            _ => None,
        };
        let Some(plan) = plan else {
            return self.load_selectin(parents, rel);
        };
        let sel = subquery_select(q, rel, plan.local, plan.distinct, plan.from);
        let compiled = compile::select(&sel, Mode::Execute, self.engine.dialect());
        let rows = self.engine.query_all(&compiled)?;
        let t = rel.target.clone();
        let n = t.columns.len();
        // The loaded targets are held by the groups until the slots have
        // them (the identity map is weak).
        // A child whose key is all NULL is None in the collection, once
        // (SQLAlchemy's subquery loader uniques each parent's rows).
        let mut groups: FxHashMap<KeyPart, Vec<Option<Rc<Instance>>>> = FxHashMap::default();
        for row in &rows {
            let Some(k) = row.get(n).and_then(KeyPart::of_param) else {
                continue;
            };
            let c = self.instance_for_row(&t, &row[..n]);
            let g = groups.entry(k).or_default();
            let seen = match &c {
                Some(c) => g.iter().flatten().any(|x| Rc::ptr_eq(x, c)),
                None => g.iter().any(Option::is_none),
            };
            if !seen {
                g.push(c);
            }
        }
        for p in &todo {
            let k = KeyPart::of_param(&param_of(p, plan.local)?);
            let items = k.and_then(|k| groups.get(&k).cloned()).unwrap_or_default();
            // A many-to-one holds its one target (or None).
            let items = if rel.uselist {
                items
            } else {
                items.into_iter().flatten().take(1).map(Some).collect()
            };
            self.fill_slot_rows(p, rel, items);
        }
        Ok(())
    }
}

/// The inner column and the joins for `rel`, or None for a form this file
/// does not build (a composite key).
fn plan_of(rel: &Rel) -> Option<Plan> {
    let (o, t) = (&rel.owner, &rel.target);
    let anon_col = |i: usize| {
        SqlExpr::col(
            &Rc::from(ANON),
            &Rc::from(format!("{}_{}", o.table, o.columns[i].name)),
        )
    };
    let anon = FromItem::Table {
        name: Rc::from(ANON),
        alias: None,
    };
    let target = FromItem::Table {
        name: t.table.clone(),
        alias: None,
    };
    let join = |left: FromItem, right: FromItem, on: SqlExpr| FromItem::Join {
        left: Box::new(left),
        right: Box::new(right),
        on,
        kind: JoinKind::Inner,
    };
    match &rel.kind {
        RelKind::OneToMany { pairs } if pairs.len() == 1 => {
            let (own, fk) = pairs[0];
            Some(Plan {
                local: own,
                distinct: false,
                from: join(anon, target, rel.key_eq(anon_col(own), t.sql_column(fk))),
            })
        }
        RelKind::ManyToOne { pairs } if pairs.len() == 1 => {
            let (fk, r) = pairs[0];
            Some(Plan {
                local: fk,
                distinct: true,
                from: join(anon, target, rel.key_eq(t.sql_column(r), anon_col(fk))),
            })
        }
        RelKind::ManyToMany {
            table,
            owner,
            target: tcols,
        } if owner.len() == 1 && tcols.len() == 1 => {
            let sec: Rc<str> = Rc::from(format!("{}_1", table.name));
            let (ocol, own) = &owner[0];
            let (tcol, ti) = &tcols[0];
            let secondary = FromItem::Table {
                name: table.name.clone(),
                alias: Some(sec.clone()),
            };
            let inner = join(
                anon,
                secondary,
                SqlExpr::eq(anon_col(*own), SqlExpr::col(&sec, ocol)),
            );
            Some(Plan {
                local: *own,
                distinct: false,
                from: join(
                    inner,
                    target,
                    SqlExpr::eq(t.sql_column(*ti), SqlExpr::col(&sec, tcol)),
                ),
            })
        }
        _ => None,
    }
}

/// The statement: the target's columns (labelled `kid_id`), then the
/// subquery's key (`anon_1.ant_id AS anon_1_ant_id`), from `from`, in the
/// relationship's `order_by`.
fn subquery_select(q: &Query, rel: &Rel, local: usize, distinct: bool, from: FromItem) -> Select {
    let o = &rel.owner;
    let t = &rel.target;
    let label: Rc<str> = Rc::from(format!("{}_{}", o.table, o.columns[local].name));
    let mut inner = q.to_select();
    inner.columns = vec![SqlExpr::Label {
        expr: Box::new(o.sql_column(local)),
        name: label.clone(),
    }];
    inner.distinct = inner.distinct || distinct;
    if inner.limit.is_none() && inner.offset.is_none() {
        inner.order_by.clear();
    }
    let mut columns: Vec<SqlExpr> = (t.columns.iter().enumerate())
        .map(|(i, c)| {
            let label = format!("{}_{}", t.table, c.name);
            crate::orm::column_property::read(t, i, &t.table, Some(label))
        })
        .collect();
    columns.push(SqlExpr::Label {
        expr: Box::new(SqlExpr::col(&Rc::from(ANON), &label)),
        name: Rc::from(format!("{ANON}_{label}")),
    });
    Select {
        columns,
        from: vec![with_subquery(from, inner)],
        order_by: rel.order_by.clone(),
        ..Select::default()
    }
}

/// `from` with its `anon_1` placeholder replaced by the subquery.
fn with_subquery(from: FromItem, inner: Select) -> FromItem {
    match from {
        FromItem::Join {
            left,
            right,
            on,
            kind,
        } => FromItem::Join {
            left: Box::new(with_subquery(*left, inner)),
            right,
            on,
            kind,
        },
        FromItem::Table { name, .. } if &*name == ANON => FromItem::Subquery {
            select: Box::new(inner),
            alias: name,
        },
        other => other,
    }
}
