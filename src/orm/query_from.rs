//! The FROM list of a query's SELECT: the first table with the joins
//! chained onto it, then the other tables its columns name and the
//! `select_from()` items not already read (`Query::build_from`).

use std::rc::Rc;

use crate::orm::query::Query;
use crate::sql::ast::{FromItem, SqlExpr};

impl Query {
    /// The FROM list: the first table with the joins chained onto it, then
    /// any other table the columns name (as SQLAlchemy does).
    pub(super) fn build_from(&self, tables: Vec<Rc<str>>, known: &[FromItem]) -> Vec<FromItem> {
        // A name a subquery, CTE or alias is read by stands for that item.
        let item = |name: Rc<str>| {
            known
                .iter()
                .chain(&self.extra_from)
                .find(|k| k.alias_name() == Some(&name))
                .cloned()
                .unwrap_or(FromItem::Table { name, alias: None })
        };
        let mut items: Vec<FromItem> = Vec::new();
        // The names the joins read (every table of a nested join).
        let mut joined_names: Vec<Rc<str>> = Vec::new();
        for j in &self.joins {
            match &j.target {
                Some(t @ FromItem::Join { .. }) => {
                    crate::orm::exists::names_of(std::slice::from_ref(t), &mut joined_names)
                }
                _ => joined_names.push(j.alias.clone().unwrap_or_else(|| j.table.clone())),
            }
        }
        // A `Join` given to `select_from()` (`subq.join(User, …)`) reads
        // its tables itself: they are not listed again.
        let select_from_joins: Vec<FromItem> = (self.extra_from.iter())
            .filter(|f| matches!(f, FromItem::Join { .. }))
            .cloned()
            .collect();
        crate::orm::exists::names_of(&select_from_joins, &mut joined_names);
        let joined: Vec<&Rc<str>> = joined_names.iter().collect();
        // An alias an entity or criterion names stands where it is first
        // named (`FROM part AS p, included_parts AS pr`), as SQLAlchemy
        // orders FROM items.
        let mut rest: Vec<Rc<str>> = tables
            .into_iter()
            .filter(|t| !joined.contains(&t))
            .collect();
        // The joins chain onto their left side: the first join's
        // relationship's own table where it is known (added when no entity
        // names it, or a later join does), else the first table.
        let at = match self.joins.first().and_then(|j| j.left.clone()) {
            Some(left) => rest.iter().position(|t| *t == left).unwrap_or_else(|| {
                rest.insert(0, left);
                0
            }),
            _ => 0,
        };
        let first = (at < rest.len()).then(|| rest.remove(at));
        let mut rest = rest.into_iter();
        // The join replaces its left side and comes first, the other
        // FROMs after it (SQLAlchemy's `replace_from_obj_index`).
        let before: Vec<Rc<str>> = rest.by_ref().take(at).collect();
        if let Some(first) = first {
            let mut item = item(first);
            for j in &self.joins {
                item = FromItem::Join {
                    left: Box::new(item),
                    right: Box::new(j.target.clone().unwrap_or_else(|| FromItem::Table {
                        name: j.table.clone(),
                        alias: j.alias.clone(),
                    })),
                    on: if j.on.len() == 1 {
                        j.on[0].clone()
                    } else {
                        SqlExpr::And(j.on.clone())
                    },
                    kind: j.kind,
                };
            }
            items.push(item);
        }
        items.extend(before.into_iter().map(item));
        items.extend(rest.map(item));
        for x in &self.extra_from {
            // A table `select_from` named that a join already reads.
            let mut read = Vec::new();
            crate::orm::exists::names_of(&items, &mut read);
            // A FROM element already joined (a table, an alias, a subquery
            // or CTE a criterion brings) is never listed again.
            let listed = match x {
                FromItem::Join { .. } => false,
                other => other.alias_name().is_some_and(|n| read.contains(n)),
            };
            if !listed && !items.contains(x) {
                items.push(x.clone());
            }
        }
        items
    }
}
