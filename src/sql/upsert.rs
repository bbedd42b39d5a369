//! SQLite's upsert, as SQLAlchemy's `sqlalchemy.dialects.sqlite.insert`
//! writes it (`SQLiteCompiler.visit_on_conflict_do_nothing`,
//! `visit_on_conflict_do_update`), after an INSERT's VALUES:
//!
//! ```text
//! ON CONFLICT (id) DO NOTHING
//! ON CONFLICT DO NOTHING
//! ON CONFLICT (id) DO UPDATE SET name = excluded.name, x = (excluded.x + m.x) WHERE m.x < ?
//! ```
//!
//! Several clauses are written in the order given, each after a space.
//! A target's `WHERE` (`index_where=`) names no table and has its values
//! written in (`ON CONFLICT (qty) WHERE qty > 0`).
//! The target names columns without their table; SET values are grouped
//! as SQLAlchemy's `self_group()` groups them; the WHERE names tables.

use std::rc::Rc;

use super::ast::SqlExpr;
use super::compile::Compiler;
use super::precedence::Op;

/// One `ON CONFLICT` clause (SQLAlchemy's `OnConflictDoNothing` /
/// `OnConflictDoUpdate`).
#[derive(Clone, Debug, PartialEq)]
pub struct OnConflict {
    /// `index_elements=`: the columns of the conflict target, by name;
    /// `None` for a clause without a target.
    pub target: Option<Vec<Rc<str>>>,
    /// `index_where=`: a partial index's condition, its columns without
    /// their table; its values are written into the text when the
    /// statement runs (`__[POSTCOMPILE_x_1]` in `str()`).
    pub target_where: Option<SqlExpr>,
    /// `DO UPDATE SET …` (else `DO NOTHING`).
    pub update: Option<DoUpdate>,
}

/// `DO UPDATE SET col = value, … [WHERE …]`.
#[derive(Clone, Debug, PartialEq)]
pub struct DoUpdate {
    /// In the table's column order, as SQLAlchemy writes them.
    pub set: Vec<(Rc<str>, SqlExpr)>,
    pub where_: Option<SqlExpr>,
}

impl Compiler {
    /// Each clause, after a space.
    pub(super) fn on_conflict(&mut self, clauses: &[OnConflict]) {
        for clause in clauses {
            self.push(" ON CONFLICT ");
            if let Some(target) = &clause.target {
                self.push("(");
                self.list(target, ", ", |c, col| c.ident(col));
                self.push(") ");
                if let Some(w) = &clause.target_where {
                    self.push("WHERE ");
                    self.literal_execute = true;
                    self.expr(w);
                    self.literal_execute = false;
                    self.push(" ");
                }
            }
            match &clause.update {
                None => self.push("DO NOTHING"),
                Some(u) => {
                    self.push("DO UPDATE SET ");
                    self.list(&u.set, ", ", |c, (col, value)| {
                        c.ident(col);
                        c.push(" = ");
                        match value {
                            SqlExpr::Param { value, .. } => c.bind(value, Some(col)),
                            other => c.child(other, Op::Top),
                        }
                    });
                    if let Some(w) = &u.where_ {
                        self.push(" WHERE ");
                        self.expr(w);
                    }
                }
            }
        }
    }
}
