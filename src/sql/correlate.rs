//! Auto-correlation, as SQLAlchemy's compiler does it: a SELECT nested in
//! an expression (`EXISTS (…)`, a scalar subquery, `IN (SELECT …)`) leaves
//! out of its FROM clause the tables an enclosing SELECT already reads,
//! so `WHERE post.user_id = user.id` inside it refers to the outer row —
//! unless that would leave it no FROM at all. A subquery in a FROM clause
//! or a CTE body is never correlated. `correlate(*froms)` and
//! `correlate_except(*froms)` name the FROMs that may (or may not) be
//! left out, in place of the automatic rule.

use std::rc::Rc;

use super::ast::{FromItem, Select};
use super::compile::Compiler;

/// The names a FROM list reads tables by (joins included).
pub fn from_names(items: &[FromItem], out: &mut Vec<Rc<str>>) {
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

/// How a nested SELECT correlates: SQLAlchemy's `_auto_correlate`,
/// `_correlate` and `_correlate_except`.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Correlate {
    /// Leave out every FROM an enclosing SELECT reads, unless none would
    /// be left.
    #[default]
    Auto,
    /// `correlate(*froms)`: leave out only these (by the name the
    /// statement reads them by) when an enclosing SELECT reads them;
    /// `correlate(None)` is an empty list, nothing left out.
    Only(Vec<Rc<str>>),
    /// `correlate_except(*froms)`: leave out every FROM an enclosing
    /// SELECT reads except these.
    Except(Vec<Rc<str>>),
}

impl Correlate {
    /// Whether a FROM read by `name`, which an enclosing SELECT reads,
    /// is left out.
    fn leaves_out(&self, name: &Rc<str>) -> bool {
        match self {
            Correlate::Auto => true,
            Correlate::Only(names) => names.contains(name),
            Correlate::Except(names) => !names.contains(name),
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
        let enclosed = |name: &Rc<str>| {
            s.correlate.leaves_out(name) && self.enclosing.iter().any(|level| level.contains(name))
        };
        let kept: Vec<&FromItem> = all
            .iter()
            .copied()
            .filter(|f| match f {
                FromItem::Table { name, alias: None } => !enclosed(name),
                // An alias the enclosing SELECT reads (`"user" AS user_1`
                // of `aliased(User).posts.any()`), by its name.
                FromItem::Table { alias: Some(a), .. } => !enclosed(a),
                // A subquery or CTE is left out only when named.
                other => match (&s.correlate, other.alias_name()) {
                    (Correlate::Auto, _) | (_, None) => true,
                    (_, Some(n)) => !enclosed(n),
                },
            })
            .collect();
        // The automatic rule keeps every FROM rather than none; a
        // correlation asked for is applied as asked.
        if kept.is_empty() && s.correlate == Correlate::Auto {
            all
        } else {
            kept
        }
    }
}
