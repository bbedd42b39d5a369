//! The SQL of joined eager loading (`lazy='joined'`, `joinedload`), as
//! SQLAlchemy writes it and as `str(query)` shows it: one LEFT OUTER JOIN
//! per relationship onto an anonymous alias (`post_1`, numbered per table
//! after the aliases the query already holds), a many-to-many's association
//! join nested inside it, and the query wrapped in `(…) AS anon_1` when it
//! has a LIMIT or OFFSET.

use std::collections::HashMap;
use std::rc::Rc;

use crate::orm::eager_tree::{JoinNode, column_order};
use crate::orm::query::Query;
use crate::schema::model::Model;
use crate::schema::relationship::{Rel, RelKind};
use crate::sql::ast::{FromItem, JoinKind, Select, SqlExpr};
use crate::sql::func::anon_label_base;

/// How the parent query's columns are reached in the outer statement: on
/// its own table, or through the `anon_1` subquery wrapping a limited query
/// (by the legacy Query's labels, `anon_1.user_id`, or a 2.0 select's
/// names, `anon_1.id`).
struct Parent<'a> {
    model: &'a Model,
    /// The parent's deferred columns, left out (`orm::deferral`).
    mask: crate::orm::deferral::Mask,
    wrapped: bool,
    legacy: bool,
    anon: Rc<str>,
}

impl Parent<'_> {
    /// The parent's column `name` where the outer statement reads it.
    fn col(&self, name: &Rc<str>) -> SqlExpr {
        if self.wrapped {
            SqlExpr::col(&self.anon, &self.inner_name(name))
        } else {
            SqlExpr::col(&self.model.table, name)
        }
    }

    /// What the subquery calls the parent's column `name`: the legacy
    /// Query's label (`user_name`) or a 2.0 select's (`name`).
    fn inner_name(&self, name: &Rc<str>) -> Rc<str> {
        if self.legacy {
            Rc::from(format!("{}_{}", self.model.table, name))
        } else {
            name.clone()
        }
    }

    /// The subquery's column `inner` in the outer column list: labelled
    /// `anon_1_user_name` by the legacy Query, bare in a 2.0 select.
    fn outer_column(&self, inner: &Rc<str>) -> SqlExpr {
        let c = SqlExpr::col(&self.anon, inner);
        if self.legacy {
            SqlExpr::Label {
                expr: Box::new(c),
                name: Rc::from(format!("{}_{inner}", self.anon)),
            }
        } else {
            c
        }
    }
}

/// SQLAlchemy's anonymous aliases: `post_1`, then `post_2` for the same
/// table, numbered after those the query already holds (a join's `tags_1`).
struct Aliases(Vec<Rc<str>>);

impl Aliases {
    fn next(&mut self, table: &Rc<str>) -> Rc<str> {
        let mut n = 1;
        loop {
            let a: Rc<str> = Rc::from(format!("{table}_{n}"));
            if !self.0.contains(&a) {
                self.0.push(a.clone());
                return a;
            }
            n += 1;
        }
    }
}

/// The statement of a one-model query with joined eager loading: one LEFT
/// OUTER JOIN per relationship (an aliased `post_1`), the parent query
/// wrapped in `(…) AS anon_1` when it has a LIMIT or OFFSET. It is also what
/// `str(query)` shows: SQLAlchemy compiles the eager joins into it.
pub fn joined_select(q: &Query, model: &Rc<Model>, nodes: &[JoinNode]) -> Select {
    let base = q.to_select();
    let parent = Parent {
        model,
        mask: q.column_mask(),
        wrapped: base.limit.is_some() || base.offset.is_some(),
        legacy: q.legacy,
        anon: Rc::from("anon_1"),
    };
    let mut sel = if parent.wrapped {
        wrap_limited(base, &parent)
    } else {
        base
    };
    let root = |i: usize| parent.col(&model.columns[i].name);
    add_eager_joins(&mut sel, nodes, &root, parent.legacy);
    sel
}

/// The joins of a tree of joined loaders added to `sel`, onto its first
/// FROM item, whose entity's column `i` is `root(i)`: each node's LEFT
/// OUTER JOIN onto a fresh alias (pre-order, a nested one onto its
/// parent's alias), their columns in SQLAlchemy's order
/// (`eager_tree::column_order`; labelled `post_1_id` by the legacy Query,
/// bare otherwise) and their relationships' ORDER BY.
pub fn add_eager_joins(
    sel: &mut Select,
    nodes: &[JoinNode],
    root: &dyn Fn(usize) -> SqlExpr,
    legacy: bool,
) {
    let Some(mut from) = (!sel.from.is_empty()).then(|| sel.from.remove(0)) else {
        return;
    };
    let mut aliases = Aliases(Vec::new());
    aliases_in(&base_from(sel, &from), &mut aliases.0);
    let mut alias_of: Vec<Rc<str>> = Vec::with_capacity(nodes.len());
    for n in nodes {
        let (joined, alias) = match n.parent {
            None => eager_join(from, &n.rel, root, &mut aliases),
            Some(p) => {
                let (pa, pm) = (alias_of[p].clone(), nodes[p].rel.target.clone());
                let own = move |i: usize| SqlExpr::col(&pa, &pm.columns[i].name);
                eager_join(from, &n.rel, &own, &mut aliases)
            }
        };
        from = joined;
        let t = &n.rel.target;
        sel.order_by
            .extend((n.rel.order_by.iter()).map(|e| e.clone().retarget(&t.table, &alias)));
        alias_of.push(alias);
    }
    for i in column_order(nodes) {
        let (t, alias) = (&nodes[i].rel.target, &alias_of[i]);
        // The legacy Query labels them `post_1_id`; a 2.0 select leaves
        // them bare, a name already taken disambiguated (`post_1.id AS id_1`).
        // The target's deferred columns are left out.
        let mask = crate::orm::deferral::model_mask(t);
        let loaded =
            (t.columns.iter().enumerate()).filter(|(i, _)| crate::orm::deferral::loads(&mask, *i));
        for (i, c) in loaded {
            let label = legacy.then(|| format!("{alias}_{}", c.name));
            sel.columns
                .push(crate::orm::column_property::read(t, i, alias, label));
        }
    }
    sel.from.insert(0, from);
}

/// A limited parent query as `SELECT anon_1.… FROM (…) AS anon_1`, so the
/// LIMIT counts parents, not joined rows; its ORDER BY repeated outside on
/// the subquery's columns. A term that is not a column (`lower(user.name)`,
/// `user.id * ?`) joins the subquery's columns under SQLAlchemy's anonymous
/// label (`lower_1`, `anon_2`), and the outer statement orders by that
/// (`anon_1.lower_1`), as SQLAlchemy's `_compound_eager_statement` does.
fn wrap_limited(mut base: Select, parent: &Parent) -> Select {
    let model = parent.model;
    if !parent.legacy {
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
    // A `column_property()` is read by the anonymous label it has inside
    // (`anon_1.upper_1`).
    let mut columns: Vec<SqlExpr> = (model.columns.iter().enumerate())
        .filter(|(i, _)| crate::orm::deferral::loads(&parent.mask, *i))
        .enumerate()
        .map(|(k, (_, c))| {
            let inner = match (&c.expression, base.columns.get(k)) {
                (Some(_), Some(SqlExpr::Label { name, .. })) => name.clone(),
                _ => parent.inner_name(&c.name),
            };
            parent.outer_column(&inner)
        })
        .collect();
    // The subquery's alias is `anon_1`: other anonymous labels count on.
    let mut labels: HashMap<String, u32> = HashMap::from([("anon".to_owned(), 1)]);
    let mut order_by = Vec::with_capacity(base.order_by.len());
    for e in std::mem::take(&mut base.order_by) {
        let (term, desc) = match &e {
            SqlExpr::Order { expr, desc } => (&**expr, Some(*desc)),
            other => (other, None),
        };
        let term = match term {
            SqlExpr::Label { expr, .. } => &**expr,
            other => other,
        };
        if let SqlExpr::Column { .. } = term {
            order_by.push(e.clone().map(&mut |x| match x {
                SqlExpr::Column {
                    table: Some(t),
                    name,
                } if t == model.table => parent.col(&name),
                other => other,
            }));
            base.order_by.push(e);
            continue;
        }
        let label = anon_label(&mut labels, term);
        base.columns.push(SqlExpr::Label {
            expr: Box::new(term.clone()),
            name: label.clone(),
        });
        columns.push(parent.outer_column(&label));
        let outer = SqlExpr::col(&parent.anon, &label);
        order_by.push(match desc {
            Some(desc) => SqlExpr::Order {
                expr: Box::new(outer),
                desc,
            },
            None => outer,
        });
        base.order_by.push(e);
    }
    Select {
        columns,
        from: vec![FromItem::Subquery {
            select: Box::new(base),
            alias: parent.anon.clone(),
        }],
        order_by,
        ..Select::default()
    }
}

/// SQLAlchemy's anonymous label for a column-list term: a function's name
/// (`lower_1`, `lower_2`), else `anon_N`, numbered per name.
fn anon_label(counters: &mut HashMap<String, u32>, term: &SqlExpr) -> Rc<str> {
    let base = match term {
        SqlExpr::Func { name, .. } => anon_label_base(name).into_owned(),
        _ => "anon".to_owned(),
    };
    let n = counters.entry(base.clone()).or_insert(0);
    *n += 1;
    Rc::from(format!("{base}_{n}"))
}

/// `from` LEFT OUTER JOIN one relationship's target under a fresh alias
/// (a many-to-many's association join nested inside it), and that alias.
fn eager_join(
    from: FromItem,
    rel: &Rel,
    own: &dyn Fn(usize) -> SqlExpr,
    aliases: &mut Aliases,
) -> (FromItem, Rc<str>) {
    let t = &rel.target;
    match &rel.kind {
        RelKind::ManyToOne { pairs } => {
            let alias = aliases.next(&t.table);
            let on = pairs
                .iter()
                .map(|(fk, r)| rel.key_eq(SqlExpr::col(&alias, &t.columns[*r].name), own(*fk)))
                .collect();
            (join(from, &t.table, &alias, on), alias)
        }
        RelKind::OneToMany { pairs } => {
            let alias = aliases.next(&t.table);
            let on = pairs
                .iter()
                .map(|(o, fk)| rel.key_eq(own(*o), SqlExpr::col(&alias, &t.columns[*fk].name)))
                .collect();
            (join(from, &t.table, &alias, on), alias)
        }
        RelKind::ManyToMany {
            table,
            owner,
            target,
        } => {
            // The association table is named first, as it is written first:
            // `LEFT OUTER JOIN (tags AS tags_1 JOIN tag AS tag_1 ON …)
            // ON page.id = tags_1.page_id`, as SQLAlchemy nests it.
            let sec = aliases.next(&table.name);
            let alias = aliases.next(&t.table);
            let on1 = owner
                .iter()
                .map(|(c, i)| SqlExpr::eq(own(*i), SqlExpr::col(&sec, c)))
                .collect();
            let on2 = target
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
                    alias: Some(sec),
                }),
                right: Box::new(FromItem::Table {
                    name: t.table.clone(),
                    alias: Some(alias.clone()),
                }),
                on: all_of(on2),
                kind: JoinKind::Inner,
            };
            let joined = FromItem::Join {
                left: Box::new(from),
                right: Box::new(inner),
                on: all_of(on1),
                kind: JoinKind::Left,
            };
            (joined, alias)
        }
    }
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
            FromItem::Cte(c) => out.push(c.name.clone()),
            FromItem::Text(_) => {}
        }
    }
}
