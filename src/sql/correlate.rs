//! Auto-correlation, as SQLAlchemy's compiler does it: a SELECT nested in
//! an expression (`EXISTS (…)`, a scalar subquery, `IN (SELECT …)`) leaves
//! out of its FROM clause the tables an enclosing SELECT already reads,
//! so `WHERE post.user_id = user.id` inside it refers to the outer row —
//! unless that would leave it no FROM at all. A subquery in a FROM clause
//! or a CTE body is never correlated.

use std::rc::Rc;

use super::ast::{FromItem, Select};
use super::compile::Compiler;

/// The names a FROM list reads tables by (joins included).
pub(super) fn from_names(items: &[FromItem], out: &mut Vec<Rc<str>>) {
    let mut work: Vec<&FromItem> = items.iter().collect();
    while let Some(f) = work.pop() {
        match f {
            FromItem::Join { left, right, .. } => {
                work.push(left);
                work.push(right);
            }
            other => out.extend(other.alias_name().cloned()),
        }
    }
}

impl Compiler {
    /// The FROM items `s` writes: all of them for a statement or a FROM
    /// subquery, else those no enclosing SELECT reads (all, when none
    /// would be left).
    pub(super) fn correlated<'a>(&self, s: &'a Select, asfrom: bool) -> Vec<&'a FromItem> {
        let all: Vec<&FromItem> = s.from.iter().collect();
        if asfrom || self.enclosing.is_empty() {
            return all;
        }
        let kept: Vec<&FromItem> = all
            .iter()
            .copied()
            .filter(|f| match f {
                FromItem::Table { name, alias: None } => {
                    !self.enclosing.iter().any(|level| level.contains(name))
                }
                // An alias the enclosing SELECT reads (`"user" AS user_1`
                // of `aliased(User).posts.any()`), by its name.
                FromItem::Table { alias: Some(a), .. } => {
                    !self.enclosing.iter().any(|level| level.contains(a))
                }
                _ => true,
            })
            .collect();
        if kept.is_empty() { all } else { kept }
    }
}
