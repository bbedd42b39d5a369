//! Comparing a relationship read through an alias with an object or None:
//! `aliased(Post).author == bob`, `!= bob`, `== None`, and a collection's
//! `aliased(User).posts == None` — SQLAlchemy's `RelationshipProperty.
//! Comparator.__eq__`/`__ne__` of an `AliasedClass`'s attribute, written
//! with the alias's columns (`:param_1 = post_1.user_id`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::alias_rel::{AliasedRel, side_col};
use crate::eval::rel_class::anonymous;
use crate::eval::rel_ops::as_instance;
use crate::orm::expr::{ColumnElement, and, compare};
use crate::orm::instance::Instance;
use crate::orm::late::late_param;
use crate::schema::relationship::RelKind;
use crate::sql::ast::{BinaryOp, SqlExpr};
use crate::value::Value;

impl Interp {
    /// `alias.rel == v` / `!= v` (`op` is `Eq` or `Ne`), as SQLAlchemy
    /// compiles it: a many-to-one compares the alias's foreign key with
    /// the object's key read when the query runs (`!=` also takes the rows
    /// with none, `… OR fk IS NULL`, when it can `use_get`; else `NOT
    /// (EXISTS …)` as for a one-to-many), with None `fk IS [NOT] NULL`; a
    /// collection or a one-to-one seen from its parent is `[NOT] EXISTS`
    /// with None. A collection compared with an object is the
    /// InvalidRequestError of `Model.rel`.
    pub fn alias_rel_compare(&mut self, r: &AliasedRel, op: BinaryOp, v: &Value) -> Result<Value> {
        crate::orm::retire::check_rel(&r.rel)?;
        let rel = &r.rel;
        let parent = r.parent.as_deref();
        if matches!(v, Value::None) {
            if let RelKind::ManyToOne { pairs } = &rel.kind {
                let op = if op == BinaryOp::Ne {
                    BinaryOp::IsNot
                } else {
                    BinaryOp::Is
                };
                let parts = pairs
                    .iter()
                    .map(|(fk, _)| {
                        SqlExpr::binary(op, side_col(&rel.owner, parent, *fk), SqlExpr::Null)
                    })
                    .collect();
                return self.alias_clause(r, parts);
            }
            let exists = r.exists(Vec::new(), &[])?;
            return if op == BinaryOp::Ne {
                Ok(exists)
            } else {
                negate(exists)
            };
        }
        if rel.uselist {
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                format!(
                    "{}.{} is a collection; it compares only with None",
                    rel.owner.name, rel.name
                ),
            )
            .with_help(format!(
                "to test membership use {}.{}.any(...) through the alias",
                rel.owner.name, rel.name
            )));
        }
        let target = as_instance(rel, v)?;
        let parts = match &rel.kind {
            RelKind::ManyToOne { .. } if op == BinaryOp::Ne && !rel.use_get() => {
                return self.alias_negated(r, &target);
            }
            RelKind::ManyToOne { pairs } => pairs
                .iter()
                .map(|(fk, key)| {
                    let name = &rel.owner.columns[*fk].name;
                    let column = side_col(&rel.owner, parent, *fk);
                    let param = late_param(&target, *key, name);
                    if op == BinaryOp::Eq {
                        rel.key_eq(anonymous(param), column)
                    } else {
                        SqlExpr::Or(vec![
                            SqlExpr::binary(op, column.clone(), param),
                            SqlExpr::binary(BinaryOp::Is, column, SqlExpr::Null),
                        ])
                    }
                })
                .collect(),
            RelKind::OneToMany { pairs } if op == BinaryOp::Eq => pairs
                .iter()
                .map(|(own, fk)| {
                    let name = &rel.owner.columns[*own].name;
                    rel.key_eq(
                        side_col(&rel.owner, parent, *own),
                        anonymous(late_param(&target, *fk, name)),
                    )
                })
                .collect(),
            RelKind::OneToMany { .. } => return self.alias_negated(r, &target),
            RelKind::ManyToMany { .. } => {
                return Err(Error::new(
                    ErrorKind::NotImplementedError,
                    format!(
                        "comparing the many-to-many {}.{} read through an alias with an object is not supported",
                        rel.owner.name, rel.name
                    ),
                )
                .with_help("compare through the model (Model.rel == obj), or use .has(...)"));
            }
        };
        self.alias_clause(r, parts)
    }

    /// SQLAlchemy's `__negated_contains_or_equals` for `alias.rel != obj`
    /// where no or-null form applies (a one-to-many seen from its parent,
    /// a many-to-one that cannot `use_get`): no related row of the target
    /// with this object's primary key, read now.
    fn alias_negated(&mut self, r: &AliasedRel, target: &Rc<Instance>) -> Result<Value> {
        let rel = &r.rel;
        self.session.ensure_loaded(target)?;
        let mut criteria = Vec::new();
        for &i in &rel.target.pk {
            let c = match &r.target {
                Some(a) => a.column(&rel.target.columns[i].attr),
                None => Some(ColumnElement::column(&rel.target, i)),
            };
            if let Some(c) = c {
                criteria.push(compare(&c, BinaryOp::Eq, &target.value(i))?.expr);
            }
        }
        negate(r.exists(criteria, &[])?)
    }

    /// The criteria ANDed, as a clause needing the alias's FROM item.
    fn alias_clause(&self, r: &AliasedRel, parts: Vec<SqlExpr>) -> Result<Value> {
        let mut v = and(parts);
        v.is_clause = true;
        v.orm = true;
        v.froms = r.parent.iter().map(|p| p.from.clone()).collect();
        v.into_value()
    }
}

/// `NOT (EXISTS …)` of an EXISTS clause value.
fn negate(exists: Value) -> Result<Value> {
    let Some(e) = exists.downcast::<ColumnElement>() else {
        return Ok(exists);
    };
    let mut c: ColumnElement = (*e).clone();
    c.expr = SqlExpr::Not(Box::new(c.expr));
    c.into_value()
}
