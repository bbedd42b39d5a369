//! `Model.rel` at class level, for building queries: `has`, `any`,
//! `contains`, and comparing with an object or None (`==`, `!=`), written
//! as SQLAlchemy writes them (EXISTS subqueries, aliases for
//! self-referential relationships).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::rel_ops::as_instance;
use crate::orm::expr::{ColumnElement, and, clause_of, compare};
use crate::orm::instance::Instance;
use crate::orm::late::late_param;
use crate::schema::relationship::{Rel, RelKind};
use crate::sql::ast::{BinaryOp, FromItem, Select, SqlExpr};
use crate::sql::correlate::{Correlate, from_names};
use crate::value::Value;

/// In a self-referential join condition, point the target side at `alias`
/// (`join_condition` writes the target on the right for one-to-many and on
/// the left for many-to-one).
fn alias_target(e: &SqlExpr, rel: &Rel, alias: &Rc<str>) -> SqlExpr {
    let SqlExpr::Binary { op, left, right } = e else {
        return e.clone();
    };
    let to_alias = |x: &SqlExpr| match x {
        SqlExpr::Column { name, .. } => SqlExpr::col(alias, name),
        other => other.clone(),
    };
    let (l, r) = match rel.target_left() {
        true => (to_alias(left), (**right).clone()),
        false => ((**left).clone(), to_alias(right)),
    };
    SqlExpr::binary(*op, l, r)
}

/// `EXISTS (…)` for `has(...)` / `any(...)`: the positional criteria and
/// `column=value` keywords, over the relationship's target.
pub(crate) fn exists_clause(rel: &Rel, mut a: Args) -> Result<Value> {
    let mut criteria = Vec::new();
    for v in &a.pos {
        criteria.push(clause_of(v)?);
    }
    for (k, v, span) in std::mem::take(&mut a.kw) {
        let Some(i) = rel.target.column(&k) else {
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                format!("{} has no column '{k}'", rel.target.name),
            )
            .at(span));
        };
        let c = ColumnElement::column(&rel.target, i);
        criteria.push(compare(&c, BinaryOp::Eq, &v)?.expr);
    }
    clause(criterion_exists(rel, criteria))
}

/// `Category.posts.contains(obj)`: the columns relating them, compared
/// with the object's values read when the query runs.
pub(crate) fn contains_clause(rel: &Rel, x: &Rc<Instance>) -> Result<Value> {
    compare_object(rel, BinaryOp::Eq, x)
}

impl Interp {
    /// `Post.category == obj` → `? = post.category_id` (the value read when
    /// the query runs); `== None` → `post.category_id IS NULL`, or for a
    /// collection or a one-to-one seen from its parent `NOT (EXISTS …)`;
    /// `!=` as SQLAlchemy's `Comparator.__ne__` writes it (`NOT (EXISTS …)`
    /// but for a many-to-one that can `use_get`). A collection
    /// compares only with None (`contains` tests membership).
    pub fn rel_compare(&mut self, rel: &Rc<Rel>, op: BinaryOp, v: &Value) -> Result<Value> {
        let many_to_one = matches!(rel.kind, RelKind::ManyToOne { .. });
        let target = match v {
            Value::None => {
                if many_to_one {
                    return compare_none(rel, op);
                }
                // `Person.passport != None`: EXISTS (SELECT 1 FROM passport
                // WHERE …); `== None`: NOT (EXISTS …).
                let exists = criterion_exists(rel, Vec::new());
                return clause(if op == BinaryOp::Ne {
                    exists
                } else {
                    SqlExpr::Not(Box::new(exists))
                });
            }
            other => as_instance(rel, other)?,
        };
        if rel.uselist {
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                format!(
                    "{}.{} is a collection; it compares only with None",
                    rel.owner.name, rel.name
                ),
            )
            .with_help(format!(
                "to test membership use {}.{}.contains(obj)",
                rel.owner.name, rel.name
            )));
        }
        if op == BinaryOp::Ne && !(many_to_one && rel.use_get()) {
            // SQLAlchemy's `__negated_contains_or_equals`: no row of the
            // target with this object's primary key (read now) is related;
            // a many-to-one writes `fk != ? OR fk IS NULL` only when it
            // can load by identity (`use_get`), as a foreign key naming a
            // unique non-key column cannot.
            self.session.ensure_loaded(&target)?;
            let mut criteria = Vec::new();
            for &i in &rel.target.pk {
                let value = target.value(i);
                let c = ColumnElement::column(&rel.target, i);
                criteria.push(compare(&c, BinaryOp::Eq, &value)?.expr);
            }
            return clause(SqlExpr::Not(Box::new(criterion_exists(rel, criteria))));
        }
        compare_object(rel, op, &target)
    }
}

/// A boolean SQL clause as a value.
fn clause(expr: SqlExpr) -> Result<Value> {
    ColumnElement {
        entity: None,
        hybrid: None,
        prop_of: None,
        orm: true,
        expr,
        ty: None,
        column: None,
        key: None,
        is_clause: true,
        froms: Vec::new(),
    }
    .into_value()
}

/// SQLAlchemy's `Comparator._criterion_exists`: `EXISTS (SELECT 1 FROM
/// target WHERE join condition AND criteria)`, correlated to every
/// enclosing FROM but the target's (`correlate_except(dest)`); for a self-referential
/// relationship the inner table is an alias, `node AS node_1`, and the
/// criteria speak of it.
fn criterion_exists(rel: &Rel, criteria: Vec<SqlExpr>) -> SqlExpr {
    let (mut where_, tables) = crate::orm::relation::join_condition(rel);
    let self_ref = rel.owner.table == rel.target.table;
    let alias: Rc<str> = Rc::from(format!("{}_1", rel.target.table));
    let mut criteria = criteria;
    if self_ref {
        where_ = where_
            .iter()
            .map(|e| alias_target(e, rel, &alias))
            .collect();
        criteria = criteria
            .into_iter()
            .map(|e| e.retarget(&rel.target.table, &alias))
            .collect();
    }
    where_.extend(criteria);
    // `select_from(dest, secondary)`: the target first.
    let mut tables = tables;
    tables.sort_by_key(|name| *name != rel.target.table);
    let from: Vec<FromItem> = tables
        .into_iter()
        .map(|name| {
            let alias = (self_ref && name == rel.target.table).then(|| alias.clone());
            FromItem::Table { name, alias }
        })
        .collect();
    // `correlate_except(dest[, secondary])`: the target (and association
    // table) stay in the subquery's FROM even where an enclosing SELECT
    // reads them; any other table an enclosing SELECT reads is left out.
    let mut dest = Vec::new();
    from_names(&from, &mut dest);
    let sel = Select {
        columns: vec![SqlExpr::Raw("1".into())],
        from: from
            .into_iter()
            .chain(std::iter::once(FromItem::Table {
                name: rel.owner.table.clone(),
                alias: None,
            }))
            .collect(),
        where_,
        correlate: Correlate::Except(dest),
        ..Default::default()
    };
    SqlExpr::Exists(Box::new(sel))
}

/// A value bound when the query runs, named `param_N` as SQLAlchemy's lazy
/// clause names its binds (`bindparam(None, …)`).
pub(crate) fn anonymous(param: SqlExpr) -> SqlExpr {
    match param {
        SqlExpr::Late { value, .. } => SqlExpr::Late { value, key: None },
        other => other,
    }
}

/// `Post.category == None` → `post.category_id IS NULL` (`!=`: `IS NOT
/// NULL`), one column per foreign key.
fn compare_none(rel: &Rel, op: BinaryOp) -> Result<Value> {
    let op = if op == BinaryOp::Ne {
        BinaryOp::IsNot
    } else {
        BinaryOp::Is
    };
    let mut parts = Vec::new();
    if let RelKind::ManyToOne { pairs } = &rel.kind {
        for (fk, _) in pairs {
            parts.push(SqlExpr::binary(
                op,
                rel.owner.sql_column(*fk),
                SqlExpr::Null,
            ));
        }
    }
    let mut v = and(parts);
    v.is_clause = true;
    v.into_value()
}

/// `rel == target` for an object (`contains(target)` for a collection):
/// the columns that relate them, compared with the object's values read
/// when the query runs (`orm::late`).
fn compare_object(rel: &Rel, op: BinaryOp, t: &Rc<Instance>) -> Result<Value> {
    let mut parts = Vec::new();
    let mut froms = Vec::new();
    match &rel.kind {
        RelKind::ManyToOne { pairs } => {
            // SQLAlchemy: `? = post.category_id`, and for `!=` also the
            // rows with no parent: `post.category_id != ? OR … IS NULL`.
            for (fk, r) in pairs {
                let c = &rel.owner.columns[*fk];
                let column = SqlExpr::col(&rel.owner.table, &c.name);
                let param = late_param(t, *r, &c.name);
                parts.push(if op == BinaryOp::Eq {
                    rel.key_eq(anonymous(param), column)
                } else {
                    SqlExpr::Or(vec![
                        SqlExpr::binary(op, column.clone(), param),
                        SqlExpr::binary(BinaryOp::Is, column, SqlExpr::Null),
                    ])
                });
            }
        }
        RelKind::OneToMany { pairs } => {
            // `Category.posts.contains(p)`: category.id = p.category_id
            for (own, fk) in pairs {
                let c = &rel.owner.columns[*own];
                let column = SqlExpr::col(&rel.owner.table, &c.name);
                let param = late_param(t, *fk, &c.name);
                parts.push(match op {
                    BinaryOp::Eq => rel.key_eq(column, param),
                    _ => SqlExpr::binary(op, column, param),
                });
            }
        }
        RelKind::ManyToMany {
            table,
            owner,
            target: tcols,
        } => {
            // `page.id = tags_1.page_id AND ? = tags_1.tag_id` over
            // `FROM page, tags AS tags_1`, as SQLAlchemy writes it.
            let alias: Rc<str> = Rc::from(format!("{}_1", table.name));
            for (sec, i) in owner {
                parts.push(SqlExpr::eq(
                    rel.owner.sql_column(*i),
                    SqlExpr::col(&alias, sec),
                ));
            }
            for (sec, i) in tcols {
                parts.push(SqlExpr::eq(
                    late_param(t, *i, sec),
                    SqlExpr::col(&alias, sec),
                ));
            }
            froms.push(FromItem::Table {
                name: table.name.clone(),
                alias: Some(alias.clone()),
            });
        }
    }
    let mut v = and(parts);
    v.is_clause = true;
    v.orm = true;
    v.froms = froms;
    v.into_value()
}
