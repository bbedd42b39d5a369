//! The order a relationship's `primaryjoin`/`secondaryjoin` was written
//! in, which SQLAlchemy keeps in the ON clauses it writes from them
//! (`followers.c.follower_id == id` gives `ON followers_1.follower_id =
//! user_1.id`), where ormsh otherwise puts the model's column first; for a
//! one-to-many or many-to-one, whether the foreign key was written first
//! (`Rel::fk_first`).

use crate::error::Result;
use crate::eval::Interp;
use crate::schema::model::Model;
use crate::schema::relationship::{RelKind, RelSpec};
use crate::sql::ast::{BinaryOp, SqlExpr};
use crate::value::Value;

impl Interp {
    /// For a relationship through an association table given both
    /// `primaryjoin` and `secondaryjoin`: whether each was written with the
    /// association table's column on the left.
    pub(crate) fn secondary_written_first(
        &mut self,
        spec: &RelSpec,
        kind: &RelKind,
    ) -> Result<[bool; 2]> {
        let (RelKind::ManyToMany { table, .. }, Some(pj), Some(sj)) =
            (kind, &spec.primaryjoin, &spec.secondaryjoin)
        else {
            return Ok([false, false]);
        };
        Ok([
            self.left_is(pj, &table.name)?,
            self.left_is(sj, &table.name)?,
        ])
    }

    /// For a one-to-many or many-to-one given `primaryjoin`: whether its
    /// first `=` has the foreign key's column (of the table holding it) on
    /// the left.
    pub(crate) fn fk_written_first(
        &mut self,
        spec: &RelSpec,
        kind: &RelKind,
        owner: &Model,
        target: &Model,
    ) -> Result<bool> {
        let Some(pj) = &spec.primaryjoin else {
            return Ok(false);
        };
        let (holder, fks): (&Model, Vec<usize>) = match kind {
            RelKind::ManyToOne { pairs } => (owner, pairs.iter().map(|(fk, _)| *fk).collect()),
            RelKind::OneToMany { pairs } => (target, pairs.iter().map(|(_, fk)| *fk).collect()),
            RelKind::ManyToMany { .. } => return Ok(false),
        };
        let v = match pj {
            Value::Str(s) => self.eval_text(s)?,
            v => v.clone(),
        };
        let expr = crate::orm::expr::clause_of(&v)?;
        Ok(first_eq_left(&expr).is_some_and(|(t, c)| {
            *t == *holder.table && fks.iter().any(|i| *holder.columns[*i].name == *c)
        }))
    }

    /// Is the first `=` of the join condition `join` a column of `table`
    /// on its left?
    fn left_is(&mut self, join: &Value, table: &str) -> Result<bool> {
        let v = match join {
            Value::Str(s) => self.eval_text(s)?,
            v => v.clone(),
        };
        let expr = crate::orm::expr::clause_of(&v)?;
        Ok(first_eq_left_table(&expr).is_some_and(|t| t == table))
    }
}

/// The table and name of the left column of the first `a = b` in `e`
/// (through ANDs and groupings).
fn first_eq_left(e: &SqlExpr) -> Option<(&str, &str)> {
    match e {
        SqlExpr::Binary {
            op: BinaryOp::Eq,
            left,
            ..
        } => match &**left {
            SqlExpr::Column {
                table: Some(t),
                name,
                ..
            } => Some((t, name)),
            _ => None,
        },
        SqlExpr::And(items) => items.first().and_then(first_eq_left),
        SqlExpr::Grouping(inner) => first_eq_left(inner),
        _ => None,
    }
}

/// The table of the left column of the first `a = b` in `e` (through
/// ANDs and groupings).
fn first_eq_left_table(e: &SqlExpr) -> Option<&str> {
    match e {
        SqlExpr::Binary {
            op: BinaryOp::Eq,
            left,
            ..
        } => match &**left {
            SqlExpr::Column { table: Some(t), .. } => Some(t),
            _ => None,
        },
        SqlExpr::And(items) => items.first().and_then(first_eq_left_table),
        SqlExpr::Grouping(inner) => first_eq_left_table(inner),
        _ => None,
    }
}
