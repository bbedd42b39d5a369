//! A relationship seen through an alias: `aliased(User).posts` (the owner
//! side read through the alias) and `User.boss.of_type(Boss)` with `Boss =
//! aliased(User)` (the target side read through it) — SQLAlchemy's
//! `QueryableAttribute` of an `AliasedClass`, and `of_type()`. Both can
//! be joined along (`join(A1.posts)`, `join(User.boss.of_type(B))`) and
//! filtered with `any()`/`has()`; the SQL is the relationship's join
//! condition with each side's columns read from its alias.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::alias::AliasedModel;
use crate::orm::expr::{ColumnElement, compare};
use crate::orm::query::{Join, Query};
use crate::schema::model::Model;
use crate::schema::relationship::{Rel, RelKind};
use crate::sql::ast::{BinaryOp, FromItem, JoinKind, Select, SqlExpr};
use crate::sql::correlate::{Correlate, from_names};
use crate::value::{Object, Value};

/// One condition of several, ANDed.
fn and_of(mut on: Vec<SqlExpr>) -> SqlExpr {
    if on.len() == 1 {
        on.remove(0)
    } else {
        SqlExpr::And(on)
    }
}

/// `aliased(M).rel` / `M.rel.of_type(alias)`.
pub struct AliasedRel {
    pub rel: Rc<Rel>,
    /// The owner read through this alias (`aliased(User).posts`).
    pub parent: Option<Rc<AliasedModel>>,
    /// The target read through this alias (`of_type(Boss)`).
    pub target: Option<Rc<AliasedModel>>,
}

impl Object for AliasedRel {
    fn type_name(&self) -> &str {
        "QueryableAttribute"
    }
}

/// One side of the relationship: its model's column `i`, read through the
/// alias when there is one.
pub(crate) fn side_col(model: &Model, alias: Option<&AliasedModel>, i: usize) -> SqlExpr {
    match alias {
        Some(a) => SqlExpr::col(&a.name, &a.columns[i]),
        None => model.sql_column(i),
    }
}

impl AliasedRel {
    /// The name the target side is read by.
    fn target_name(&self) -> Rc<str> {
        match &self.target {
            Some(a) => a.name.clone(),
            None => self.rel.target.table.clone(),
        }
    }

    /// The FROM item of the target side.
    fn target_from(&self) -> FromItem {
        match &self.target {
            Some(a) => a.from.clone(),
            None => FromItem::Table {
                name: self.rel.target.table.clone(),
                alias: None,
            },
        }
    }

    /// The relationship's join condition, owner side first, each side's
    /// columns read through its alias; a many-to-many's association table
    /// read as `secondary` (its conditions to the owner, then to the
    /// target).
    fn condition(&self, secondary: &Rc<str>) -> Result<(Vec<SqlExpr>, Vec<SqlExpr>)> {
        let rel = &self.rel;
        let o = |i| side_col(&rel.owner, self.parent.as_deref(), i);
        let t = |i| side_col(&rel.target, self.target.as_deref(), i);
        let (first, second) = match &rel.kind {
            RelKind::ManyToOne { pairs } => (
                pairs
                    .iter()
                    .map(|(fk, r)| rel.key_eq(t(*r), o(*fk)))
                    .collect(),
                Vec::new(),
            ),
            RelKind::OneToMany { pairs } => (
                pairs
                    .iter()
                    .map(|(own, fk)| rel.key_eq(o(*own), t(*fk)))
                    .collect(),
                Vec::new(),
            ),
            RelKind::ManyToMany { owner, target, .. } => {
                // The order a written primaryjoin/secondaryjoin gave.
                let eq = |first: bool, col: SqlExpr, sec: &Rc<str>| match first {
                    true => SqlExpr::eq(SqlExpr::col(secondary, sec), col),
                    false => SqlExpr::eq(col, SqlExpr::col(secondary, sec)),
                };
                let [pj, sj] = rel.secondary_first;
                (
                    owner.iter().map(|(sec, i)| eq(pj, o(*i), sec)).collect(),
                    target.iter().map(|(sec, i)| eq(sj, t(*i), sec)).collect(),
                )
            }
        };
        let mut first: Vec<SqlExpr> = first;
        if !rel.criteria.is_empty() {
            if rel.owner.table == rel.target.table {
                return Err(Error::new(
                    ErrorKind::NotImplementedError,
                    format!(
                        "{}.{} through an alias: a self-referential primaryjoin with extra criteria is not supported",
                        rel.owner.name, rel.name
                    ),
                )
                .with_help("join the alias with an explicit condition instead"));
            }
            for c in &rel.criteria {
                let mut c = c.clone();
                if let Some(p) = &self.parent {
                    c = p.adapt(c);
                }
                if let Some(t) = &self.target {
                    c = t.adapt(c);
                }
                first.push(c);
            }
        }
        Ok((first, second))
    }

    /// The association table's name in a join or EXISTS (`tags_1`, the
    /// next number free in `q`).
    fn secondary_alias(&self, q: Option<&Query>) -> Option<(Rc<str>, Rc<str>)> {
        let RelKind::ManyToMany { table, .. } = &self.rel.kind else {
            return None;
        };
        let used: Vec<Rc<str>> = q
            .map(|q| q.joins.iter().filter_map(|j| j.alias.clone()).collect())
            .unwrap_or_default();
        let alias = (1..)
            .map(|n| Rc::<str>::from(format!("{}_{n}", table.name)))
            .find(|a| !used.contains(a))
            .unwrap_or_else(|| table.name.clone());
        Some((table.name.clone(), alias))
    }

    /// The joins of `query.join(rel)` along this relationship.
    pub fn joins(&self, q: &Query, kind: JoinKind) -> Result<Vec<Join>> {
        crate::orm::retire::check_rel(&self.rel)?;
        let left = Some(match &self.parent {
            Some(p) => p.name.clone(),
            None => self.rel.owner.table.clone(),
        });
        let target = |on: Vec<SqlExpr>, left: Option<Rc<str>>| Join {
            table: self.target_name(),
            alias: None,
            on,
            kind,
            left,
            target: Some(self.target_from()),
        };
        match self.secondary_alias(Some(q)) {
            None => {
                let (on, _) = self.condition(&Rc::from(""))?;
                Ok(vec![target(on, left)])
            }
            Some((table, alias)) => {
                let (first, second) = self.condition(&alias)?;
                if kind != JoinKind::Inner && self.target.is_some() {
                    // SQLAlchemy nests an outer join onto an aliased
                    // target: `LEFT OUTER JOIN (tags AS tags_1 JOIN tag AS
                    // tag_1 ON …) ON …`.
                    let inner = FromItem::Join {
                        left: Box::new(FromItem::Table {
                            name: table,
                            alias: Some(alias.clone()),
                        }),
                        right: Box::new(self.target_from()),
                        on: and_of(second),
                        kind: JoinKind::Inner,
                    };
                    return Ok(vec![Join {
                        table: alias,
                        alias: None,
                        on: first,
                        kind,
                        left,
                        target: Some(inner),
                    }]);
                }
                Ok(vec![
                    Join {
                        table,
                        alias: Some(alias),
                        on: first,
                        kind,
                        left,
                        target: None,
                    },
                    target(second, None),
                ])
            }
        }
    }

    /// `any(...)` / `has(...)`: `EXISTS (SELECT 1 FROM target WHERE join
    /// condition AND criteria)`, the keywords compared with the target's
    /// columns (read through its alias).
    pub fn exists(&self, mut criteria: Vec<SqlExpr>, kw: &[(Rc<str>, Value)]) -> Result<Value> {
        crate::orm::retire::check_rel(&self.rel)?;
        let target = &self.rel.target;
        let mut keyed = Vec::new();
        for (k, v) in kw {
            let Some(i) = target.column(k) else {
                return Err(Error::new(
                    ErrorKind::InvalidRequestError,
                    format!("{} has no column '{k}'", target.name),
                ));
            };
            let c = match &self.target {
                Some(a) => a.column(&target.columns[i].attr),
                None => Some(ColumnElement::column(target, i)),
            };
            if let Some(c) = c {
                keyed.push(compare(&c, BinaryOp::Eq, v)?.expr);
            }
        }
        let mut from = vec![self.target_from()];
        // The parent alias too: left out where an enclosing SELECT reads
        // it (auto-correlation), written by `str()` of the clause alone.
        from.extend(self.parent.iter().map(|p| p.from.clone()));
        let mut where_ = match self.secondary_alias(None) {
            None => self.condition(&Rc::from(""))?.0,
            Some((table, alias)) => {
                // `FROM tag, tags AS tags_1`, as SQLAlchemy writes it.
                let (mut first, second) = self.condition(&alias)?;
                from.push(FromItem::Table {
                    name: table,
                    alias: Some(alias),
                });
                first.extend(second);
                first
            }
        };
        where_.append(&mut criteria);
        where_.extend(keyed);
        // `correlate_except(dest[, secondary])`, as `Model.rel.has()`.
        let mut dest = Vec::new();
        let parent = usize::from(self.parent.is_some());
        let kept: Vec<FromItem> = from
            .iter()
            .enumerate()
            .filter(|(i, _)| *i == 0 || *i > parent)
            .map(|(_, f)| f.clone())
            .collect();
        from_names(&kept, &mut dest);
        let sel = Select {
            columns: vec![SqlExpr::Raw("1".into())],
            from,
            where_,
            correlate: Correlate::Except(dest),
            ..Default::default()
        };
        ColumnElement {
            entity: None,
            hybrid: None,
            prop_of: None,
            orm: true,
            expr: SqlExpr::Exists(Box::new(sel)),
            ty: None,
            column: None,
            key: None,
            is_clause: true,
            froms: self.parent.iter().map(|p| p.from.clone()).collect(),
        }
        .into_value()
    }
}
