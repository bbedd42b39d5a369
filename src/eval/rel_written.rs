//! The order a relationship's `primaryjoin`/`secondaryjoin` was written
//! in, which SQLAlchemy keeps in the ON clauses it writes from them
//! (`followers.c.follower_id == id` gives `ON followers_1.follower_id =
//! user_1.id`), where ormsh otherwise puts the model's column first.

use crate::error::Result;
use crate::eval::Interp;
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
