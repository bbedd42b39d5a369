//! The SQL of joined eager loading (`lazy='joined'`, `joinedload`), as
//! SQLAlchemy writes it and as `str(query)` shows it: one LEFT OUTER JOIN
//! per relationship onto an anonymous alias (`post_1`, numbered per table
//! after the aliases the query already holds), a many-to-many's association
//! join nested inside it, and the query wrapped in `(…) AS anon_1` when it
//! has a LIMIT or OFFSET.

use std::rc::Rc;

use crate::orm::query::Query;
use crate::schema::model::Model;
use crate::schema::relationship::{Rel, RelKind};
use crate::sql::ast::{FromItem, JoinKind, Select, SqlExpr};

/// The statement of a one-model query with joined eager loading: one LEFT
/// OUTER JOIN per relationship (an aliased `post_1`), the parent query
/// wrapped in `(…) AS anon_1` when it has a LIMIT or OFFSET. It is also what
/// `str(query)` shows: SQLAlchemy compiles the eager joins into it.
pub fn joined_select(q: &Query, model: &Rc<Model>, rels: &[Rc<Rel>]) -> Select {
    let mut base = q.to_select();
    let wrapped = base.limit.is_some() || base.offset.is_some();
    if wrapped && !q.legacy {
        // A 2.0 select's columns are labelled by name inside the subquery
        // (`p.id AS id`); the legacy Query's already are (`p.id AS p_id`).
        for c in &mut base.columns {
            if let SqlExpr::Column { name, .. } = c {
                let name = name.clone();
                *c = SqlExpr::Label {
                    expr: Box::new(c.clone()),
                    name,
                };
            }
        }
    }
    let anon: Rc<str> = Rc::from("anon_1");
    // How the parent's columns are reached in the outer statement.
    let parent_col = |name: &Rc<str>| -> SqlExpr {
        match (wrapped, q.legacy) {
            (true, true) => SqlExpr::col(&anon, &Rc::from(format!("{}_{}", model.table, name))),
            (true, false) => SqlExpr::col(&anon, name),
            (false, _) => SqlExpr::col(&model.table, name),
        }
    };
    let mut sel = if wrapped {
        Select {
            columns: model
                .columns
                .iter()
                .map(|c| {
                    if q.legacy {
                        SqlExpr::Label {
                            expr: Box::new(parent_col(&c.name)),
                            name: Rc::from(format!("anon_1_{}_{}", model.table, c.name)),
                        }
                    } else {
                        parent_col(&c.name)
                    }
                })
                .collect(),
            from: vec![FromItem::Subquery {
                select: Box::new(base.clone()),
                alias: anon.clone(),
            }],
            order_by: base
                .order_by
                .iter()
                .map(|e| {
                    e.clone().map(&mut |x| match x {
                        SqlExpr::Column {
                            table: Some(t),
                            name,
                        } if t == model.table => parent_col(&name),
                        other => other,
                    })
                })
                .collect(),
            ..Select::default()
        }
    } else {
        base
    };
    let Some(mut from) = (!sel.from.is_empty()).then(|| sel.from.remove(0)) else {
        return sel;
    };
    // SQLAlchemy's anonymous aliases: `post_1`, then `post_2` for the same
    // table, numbered after those the query already holds (a join's
    // `tags_1`).
    let mut used = Vec::new();
    aliases_in(&base_from(&sel, &from), &mut used);
    let mut next_alias = |table: &Rc<str>| -> Rc<str> {
        let mut n = 1;
        loop {
            let a: Rc<str> = Rc::from(format!("{table}_{n}"));
            if !used.contains(&a) {
                used.push(a.clone());
                return a;
            }
            n += 1;
        }
    };
    for rel in rels {
        let t = &rel.target;
        let alias = if let RelKind::ManyToMany { table, .. } = &rel.kind {
            // The association table is named first, as it is written first.
            let sec = next_alias(&table.name);
            (Some(sec), next_alias(&t.table))
        } else {
            (None, next_alias(&t.table))
        };
        let (sec_alias, alias) = alias;
        match &rel.kind {
            RelKind::ManyToOne { pairs } => {
                let on: Vec<SqlExpr> = pairs
                    .iter()
                    .map(|(fk, r)| {
                        SqlExpr::eq(
                            SqlExpr::col(&alias, &t.columns[*r].name),
                            parent_col(&model.columns[*fk].name),
                        )
                    })
                    .collect();
                from = join(from, &t.table, &alias, on);
            }
            RelKind::OneToMany { pairs } => {
                let on: Vec<SqlExpr> = pairs
                    .iter()
                    .map(|(own, fk)| {
                        SqlExpr::eq(
                            parent_col(&model.columns[*own].name),
                            SqlExpr::col(&alias, &t.columns[*fk].name),
                        )
                    })
                    .collect();
                from = join(from, &t.table, &alias, on);
            }
            RelKind::ManyToMany {
                table,
                owner,
                target,
            } => {
                // `LEFT OUTER JOIN (tags AS tags_1 JOIN tag AS tag_1 ON …)
                // ON page.id = tags_1.page_id`, as SQLAlchemy nests it.
                let sec = sec_alias.unwrap_or_else(|| table.name.clone());
                let on1: Vec<SqlExpr> = owner
                    .iter()
                    .map(|(c, i)| {
                        SqlExpr::eq(parent_col(&model.columns[*i].name), SqlExpr::col(&sec, c))
                    })
                    .collect();
                let on2: Vec<SqlExpr> = target
                    .iter()
                    .map(|(c, i)| {
                        SqlExpr::eq(
                            SqlExpr::col(&alias, &t.columns[*i].name),
                            SqlExpr::col(&sec, c),
                        )
                    })
                    .collect();
                let inner = FromItem::Join {
                    left: Box::new(FromItem::Table {
                        name: table.name.clone(),
                        alias: Some(sec.clone()),
                    }),
                    right: Box::new(FromItem::Table {
                        name: t.table.clone(),
                        alias: Some(alias.clone()),
                    }),
                    on: all_of(on2),
                    kind: JoinKind::Inner,
                };
                from = FromItem::Join {
                    left: Box::new(from),
                    right: Box::new(inner),
                    on: all_of(on1),
                    kind: JoinKind::Left,
                };
            }
        }
        for c in &t.columns {
            sel.columns.push(SqlExpr::Label {
                expr: Box::new(SqlExpr::col(&alias, &c.name)),
                name: Rc::from(format!("{alias}_{}", c.name)),
            });
        }
        sel.order_by.extend(
            rel.order_by
                .iter()
                .map(|e| e.clone().retarget(&t.table, &alias)),
        );
    }
    sel.from.insert(0, from);
    sel
}

fn join(left: FromItem, table: &Rc<str>, alias: &Rc<str>, on: Vec<SqlExpr>) -> FromItem {
    FromItem::Join {
        left: Box::new(left),
        right: Box::new(FromItem::Table {
            name: table.clone(),
            alias: Some(alias.clone()),
        }),
        on: all_of(on),
        kind: JoinKind::Left,
    }
}

/// One condition, or several ANDed.
fn all_of(on: Vec<SqlExpr>) -> SqlExpr {
    if on.len() == 1 {
        on.into_iter().next().unwrap_or(SqlExpr::Null)
    } else {
        SqlExpr::And(on)
    }
}

/// The FROM items of the statement the eager joins go onto: `first` (taken
/// out of `sel`) and the rest, and inside a wrapped `(…) AS anon_1` the
/// query's own.
fn base_from<'a>(sel: &'a Select, first: &'a FromItem) -> Vec<&'a FromItem> {
    let mut out = vec![first];
    out.extend(sel.from.iter());
    out
}

/// Every alias named in these FROM items (joins and subqueries included).
/// Joins nest at most `sql::depth::MAX_JOIN_TABLES` deep.
fn aliases_in(items: &[&FromItem], out: &mut Vec<Rc<str>>) {
    let mut work: Vec<&FromItem> = items.to_vec();
    while let Some(f) = work.pop() {
        match f {
            FromItem::Table { alias, .. } => out.extend(alias.iter().cloned()),
            FromItem::Join { left, right, .. } => {
                work.push(left);
                work.push(right);
            }
            FromItem::Subquery { select, alias } => {
                out.push(alias.clone());
                work.extend(select.from.iter());
            }
        }
    }
}
