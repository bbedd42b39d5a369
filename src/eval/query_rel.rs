//! Query methods that cross relationships: `with_parent`, `join` and
//! `outerjoin` (by relationship, by model with the foreign key inferred, or
//! with an on-clause), and loader options (`joinedload(Category.posts)`,
//! or by name as the older quickstart writes `joinedload('posts')`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::join_infer::JOIN_TO_HINT;
use crate::eval::rel_ops::RelAttr;
use crate::eval::suggest::did_you_mean;
use crate::orm::expr::clause_of;
use crate::orm::instance::Instance;
use crate::orm::query::{Entity, Join, Query};
use crate::orm::relation::join_condition;
use crate::schema::model::Model;
use crate::schema::relationship::{Rel, RelKind, fk_pairs};
use crate::sql::ast::{JoinKind, SqlExpr};
use crate::value::Value;

impl Interp {
    /// The relationship from `owner` to `target` (the only one, or the one
    /// named).
    fn rel_between(
        &mut self,
        owner: &Model,
        target: &Model,
        name: Option<&str>,
    ) -> Result<Rc<Rel>> {
        let mapping = self.mapping()?;
        if let Some(n) = name {
            return mapping.get(&owner.name, n).cloned().ok_or_else(|| {
                let names: Vec<String> = mapping
                    .of(&owner.name)
                    .iter()
                    .map(|r| r.name.to_string())
                    .collect();
                Error::new(
                    ErrorKind::InvalidRequestError,
                    format!(
                        "{} has no relationship '{n}'{}",
                        owner.name,
                        did_you_mean(n, names.iter().map(|s| s.as_str()))
                    ),
                )
            });
        }
        let found: Vec<Rc<Rel>> = mapping
            .of(&owner.name)
            .iter()
            .filter(|r| r.target.name == target.name)
            .cloned()
            .collect();
        // As SQLAlchemy: the first relationship to that model, in the order
        // the model declares them (backrefs after its own).
        match found.as_slice() {
            [r, ..] => Ok(r.clone()),
            [] => Err(Error::new(
                ErrorKind::InvalidRequestError,
                format!("{} has no relationship to {}", owner.name, target.name),
            )
            .with_help(format!(
                "add one, e.g. {} = db.relationship('{}')",
                target.table, target.name
            ))),
        }
    }

    /// `query.with_parent(obj[, 'attr'])`
    pub fn with_parent(&mut self, q: &Query, a: &Args) -> Result<Query> {
        a.count(1, 2)?;
        let parent = a.pos[0].downcast::<Instance>().ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidRequestError,
                "with_parent() takes a model instance",
            )
            .at(a.span_of(0))
        })?;
        crate::orm::retire::check_object(&parent).map_err(|e| e.at(a.span_of(0)))?;
        let target = q.primary_model().ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidRequestError,
                "with_parent() needs a query of a model",
            )
        })?;
        let through = match a.pos.get(1) {
            Some(v) => {
                crate::eval::with_parent::of_type_target(v).map_err(|e| e.at(a.span_of(1)))?
            }
            None => None,
        };
        let name = match a.pos.get(1) {
            None => None,
            Some(Value::Str(_)) => {
                return Err(crate::eval::with_parent::strings_refused().at(a.span_of(1)));
            }
            Some(_) if through.is_some() => through.as_ref().map(|(r, _)| r.name.to_string()),
            Some(v) => match v.downcast::<RelAttr>() {
                Some(r) => Some(r.0.name.to_string()),
                None => {
                    return Err(Error::type_(
                        "with_parent()'s second argument is the relationship's name",
                    )
                    .at(a.span_of(1)));
                }
            },
        };
        let rel = self.rel_between(&parent.model, &target, name.as_deref())?;
        // The parent's values are read when the query runs (after its
        // autoflush), as SQLAlchemy's `with_parent` binds them.
        let (wh, from) = crate::eval::with_parent::criteria(&parent, &rel)?;
        let alias = through.as_ref().map(|(_, a)| a);
        let wh = crate::eval::with_parent::through_alias(wh, &rel, alias);
        let mut nq = q.clone();
        nq.where_.extend(wh);
        if let Some(from) = from
            && !nq.extra_from.contains(&from)
        {
            nq.extra_from.push(from);
        }
        Ok(nq)
    }

    /// `query.join(target[, onclause])` / `outerjoin`
    pub fn join(&mut self, q: &Query, a: &Args, kind: JoinKind) -> Result<Query> {
        if let Some(a) = crate::eval::join_rel_on::rel_as_onclause(a) {
            return self.join(q, &a?, kind);
        }
        if let Some(on) = a.pos.get(1) {
            attribute_as_onclause(&a.pos[0], on).map_err(|e| e.at(a.span_of(1)))?;
        }
        if let Some(joined) = self.join_onto(q, a, kind) {
            return joined;
        }
        a.count(1, 2)?;
        if let Some(r) = a.pos[0].downcast::<crate::eval::alias_rel::AliasedRel>() {
            // `join(A1.posts)`, `join(User.boss.of_type(Boss))`.
            let mut nq = q.clone();
            let mut joins = r.joins(q, kind).map_err(|e| e.at(a.span_of(0)))?;
            if let Some(on) = a.pos.get(1) {
                let on = clause_of(on).map_err(|e| e.at(a.span_of(1)))?;
                if let Some(last) = joins.last_mut() {
                    last.on = vec![on];
                }
            }
            nq.joins.extend(joins);
            return Ok(nq);
        }
        let mut nq = q.clone();
        let on_given = match a.pos.get(1) {
            Some(v) => Some(clause_of(v).map_err(|e| e.at(a.span_of(1)))?),
            None => None,
        };
        let (rel, model) = if let Some(r) = a.pos[0].downcast::<RelAttr>() {
            crate::orm::retire::check_rel(&r.0).map_err(|e| e.at(a.span_of(0)))?;
            (Some(r.0.clone()), r.0.target.clone())
        } else if let Some(m) = a.pos[0].downcast::<Model>() {
            crate::orm::retire::check_model(&m).map_err(|e| e.at(a.span_of(0)))?;
            (None, m)
        } else {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                format!(
                    "join() takes a model or a relationship such as Post.category, not {}",
                    a.pos[0].type_name()
                ),
            )
            .at(a.span_of(0)));
        };
        // SQLAlchemy meets this when the statement compiles (after the
        // autoflush of running it), not at `join()`.
        if let Err(e) = same_entity(&nq, rel.as_deref(), &model) {
            nq.invalid.get_or_insert(e);
            return Ok(nq);
        }
        let joins = match (rel, on_given) {
            (_, Some(on)) => vec![Join {
                left: crate::eval::join_infer::left_for_onclause(
                    &self.registry,
                    &nq,
                    &model.table,
                    &on,
                ),
                table: model.table.clone(),
                alias: None,
                on: vec![on],
                kind,
                target: None,
            }],
            (Some(rel), None) => rel_joins(&rel, kind, &nq),
            (None, None) => self.infer_join(&nq, &model, kind)?,
        };
        nq.joins.extend(joins);
        // Joins nest in the FROM clause (every walk over it recurses once
        // per join); SQLite would refuse more at run time anyway.
        if nq.joins.len() >= crate::sql::depth::MAX_JOIN_TABLES {
            return Err(Error::new(
                ErrorKind::OperationalError,
                format!(
                    "at most {} tables in a join",
                    crate::sql::depth::MAX_JOIN_TABLES
                ),
            )
            .with_help("SQLite joins at most 64 tables in one SELECT"));
        }
        nq.filter_model = Some(model);
        Ok(nq)
    }

    /// The join to `model` from the query's models, by relationship or by
    /// the foreign key between the tables.
    fn infer_join(&mut self, q: &Query, model: &Rc<Model>, kind: JoinKind) -> Result<Vec<Join>> {
        if reads_alias(q) || q.joins.iter().any(|j| j.target.is_some()) {
            // An alias is a FROM entity of its own (and a table, subquery
            // or alias joined is a FROM no model stands for): the ON
            // clause comes from the foreign keys between the query's
            // FROMs and the model's table, as SQLAlchemy's
            // `join_condition` finds it.
            let target = crate::sql::ast::FromItem::Table {
                name: model.table.clone(),
                alias: None,
            };
            let (on, left) =
                crate::eval::join_infer::infer_onclause(&self.registry, q, &target, &model.name)?;
            return Ok(vec![Join {
                table: model.table.clone(),
                alias: None,
                on,
                kind,
                left,
                target: None,
            }]);
        }
        let mut sources: Vec<Rc<Model>> = Vec::new();
        for e in &q.entities {
            let m = match e {
                Entity::Model(m) => Some(m.clone()),
                Entity::Aliased(_) => None,
                // An expression of a model's columns (`func.f(M.x)`, a
                // `column_property`): the first model it reads (SQLAlchemy's
                // `entity_zero`), none when that is the one joined to.
                Entity::Expr(s) => (s.column.as_ref().map(|(m, _)| m.clone())).or_else(|| {
                    let mut tables = Vec::new();
                    s.expr.tables_into(&mut tables);
                    tables
                        .first()
                        .filter(|t| **t != model.table)
                        .and_then(|t| self.registry.by_table(t).cloned())
                }),
            };
            if let Some(m) = m
                && !sources.iter().any(|x| x.id == m.id)
            {
                sources.push(m);
            }
        }
        if let Some(m) = &q.filter_model {
            sources.push(m.clone());
        }
        for src in sources.iter().rev() {
            let m2o = fk_pairs(src, model, None);
            let o2m = fk_pairs(model, src, None);
            let pairs_on =
                |pairs: &[(usize, usize)], holder: &Model, other: &Model| -> Vec<SqlExpr> {
                    pairs
                        .iter()
                        .map(|(fk, r)| SqlExpr::eq(other.sql_column(*r), holder.sql_column(*fk)))
                        .collect()
                };
            if m2o.len() + o2m.len() > 1 {
                // `Join._join_condition`'s refusal.
                return Err(Error::new(
                    ErrorKind::AmbiguousForeignKeysError,
                    format!(
                        "Can't determine join between '{}' and '{}'; tables have more than one foreign key constraint relationship between them. Please specify the 'onclause' of this join explicitly.",
                        src.table, model.table
                    ),
                )
                .with_help(format!(
                    "join by a relationship, or give the condition: join({}, {}.id == …)",
                    model.name, model.name
                )));
            }
            if !m2o.is_empty() {
                return Ok(vec![Join {
                    table: model.table.clone(),
                    alias: None,
                    on: pairs_on(&m2o, src, model),
                    kind,
                    left: q.joins.is_empty().then(|| src.table.clone()),
                    target: None,
                }]);
            }
            if !o2m.is_empty() {
                return Ok(vec![Join {
                    table: model.table.clone(),
                    alias: None,
                    on: pairs_on(&o2m, model, src),
                    kind,
                    left: q.joins.is_empty().then(|| src.table.clone()),
                    target: None,
                }]);
            }
            // Through an association table.
            let mapping = self.mapping()?;
            if let Some(rel) = mapping
                .of(&src.name)
                .iter()
                .find(|r| r.target.id == model.id)
            {
                return Ok(rel_joins(rel, kind, q));
            }
        }
        if sources.is_empty() {
            // Only a Core table's columns (`assoc.c.post_id`): the ON
            // clause from the foreign keys between its FROMs and the model.
            let target = crate::sql::ast::FromItem::Table {
                name: model.table.clone(),
                alias: None,
            };
            let name = format!("<Mapper; {}>", model.name);
            if let Ok((on, left)) =
                crate::eval::join_infer::infer_onclause(&self.registry, q, &target, &name)
            {
                return Ok(vec![Join {
                    table: model.table.clone(),
                    alias: None,
                    on,
                    kind,
                    left,
                    target: None,
                }]);
            }
        }
        Err(Error::new(
            ErrorKind::InvalidRequestError,
            format!(
                "Don't know how to join to <Mapper; {}>. {JOIN_TO_HINT}",
                model.name
            ),
        )
        .with_help(format!(
            "give the condition: join({}, {}.id == …)",
            model.name, model.name
        )))
    }
}

/// SQLAlchemy's "Can't construct a join from Ant to Ant, they are the same
/// entity": the left side of the join (a relationship's own model, or the
/// query's only model when nothing is joined yet) is the model joined to.
/// Without an alias the table would meet itself in one FROM.
fn same_entity(q: &Query, rel: Option<&Rel>, model: &Rc<Model>) -> Result<()> {
    let left = match rel {
        Some(r) => Some(r.owner.clone()),
        None if q.joins.is_empty() && q.extra_from.is_empty() && !reads_alias(q) => {
            let mut models = q.entities.iter().filter_map(|e| match e {
                Entity::Model(m) => Some(m.clone()),
                Entity::Aliased(_) => None,
                Entity::Expr(s) => s.column.as_ref().map(|(m, _)| m.clone()),
            });
            let first = models.next();
            first.filter(|f| models.all(|m| m.id == f.id))
        }
        None => None,
    };
    match left {
        Some(l) if l.id == model.id => {
            let (what, help) = match rel {
                Some(r) => (
                    format!("along {}.{}", r.owner.name, r.name),
                    format!(
                        "filter through the relationship instead: {}.query.filter({}.{}.{}(...))",
                        model.name,
                        r.owner.name,
                        r.name,
                        if r.uselist { "any" } else { "has" }
                    ),
                ),
                None => (
                    "to itself".to_string(),
                    format!(
                        "filter through a relationship of {} instead, with .any(...) or .has(...)",
                        model.name
                    ),
                ),
            };
            Err(Error::new(
                ErrorKind::InvalidRequestError,
                format!(
                    "can't join {} {what}: both sides of the join are the same entity",
                    model.name
                ),
            )
            .with_help(help))
        }
        _ => Ok(()),
    }
}

/// Whether an entity of the query is read through an alias (`aliased(M)`
/// or one of its columns): a FROM entity of its own, apart from its model.
fn reads_alias(q: &Query) -> bool {
    q.entities.iter().any(|e| match e {
        Entity::Aliased(_) => true,
        Entity::Model(_) => false,
        Entity::Expr(s) => s.column.is_none() && s.entity.is_some(),
    })
}

/// The joins that follow a relationship (two for a many-to-many, the
/// association table aliased as SQLAlchemy does: `JOIN tags AS tags_1`).
fn rel_joins(rel: &Rel, kind: JoinKind, q: &Query) -> Vec<Join> {
    let (cond, tables) = join_condition(rel);
    let left = Some(rel.owner.table.clone());
    match &rel.kind {
        RelKind::ManyToMany { owner, table, .. } => {
            // `tags_1`, or the next number when the query holds that alias.
            let used: Vec<&Rc<str>> = q
                .joins
                .iter()
                .filter_map(|j| j.alias.as_ref())
                .chain(q.extra_from.iter().filter_map(|f| match f {
                    crate::sql::ast::FromItem::Table { alias, .. } => alias.as_ref(),
                    _ => None,
                }))
                .collect();
            let alias: Rc<str> = (1..)
                .map(|n| Rc::<str>::from(format!("{}_{n}", table.name)))
                .find(|a| !used.contains(&a))
                .unwrap_or_else(|| table.name.clone());
            let cond: Vec<SqlExpr> = cond
                .into_iter()
                .map(|e| e.retarget(&table.name, &alias))
                .collect();
            let (first, second) = cond.split_at(owner.len());
            vec![
                Join {
                    table: tables[0].clone(),
                    alias: Some(alias.clone()),
                    on: first.to_vec(),
                    kind,
                    left,
                    target: None,
                },
                Join {
                    table: tables[1].clone(),
                    alias: None,
                    on: second.to_vec(),
                    kind,
                    left: None,
                    target: None,
                },
            ]
        }
        _ => vec![Join {
            table: rel.target.table.clone(),
            alias: None,
            on: cond,
            kind,
            left,
            target: None,
        }],
    }
}

/// A mapped column attribute given as `join()`'s ON clause
/// (`join(Post, Post.id)`): SQLAlchemy takes an attribute there as the
/// path to join along, from the attribute's entity, so joining an entity
/// from itself is InvalidRequestError, and a column of another entity is
/// no path at all (its AttributeError: `mapper`).
fn attribute_as_onclause(target: &Value, on: &Value) -> Result<()> {
    let Some(c) = on.downcast::<crate::orm::expr::ColumnElement>() else {
        return Ok(());
    };
    let (Some((model, _)), SqlExpr::Column { .. }, None) = (&c.column, &c.expr, &c.entity) else {
        return Ok(());
    };
    let help = "the ON clause is a condition: join(Post, Post.user_id == User.id), or a relationship: join(User.posts)";
    match target.downcast::<Model>() {
        Some(t) if t.name == model.name => Err(Error::new(
            ErrorKind::InvalidRequestError,
            format!(
                "Can't construct a join from Mapper[{0}({1})] to Mapper[{0}({1})], they are the same entity",
                model.name, model.table
            ),
        )
        .with_help(help)),
        _ => Err(Error::attr("mapper").with_help(help)),
    }
}
