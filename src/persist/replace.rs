//! A model typed over a reflected table takes the reflected class's place
//! at once, as reopening the file would give: the reflected model goes
//! (retired, `Retired::ReplacedBy`), and the reflected definitions built
//! around it — models whose foreign keys point at its table, association
//! tables linking it, and the models at their other ends (also of a
//! model table linking it, a Django join table) — are reflected
//! again, so their relationships and back-references name the new model.
//! A model typed in whose relationships meet reflected classes (they
//! target one whose reflected relationships go toward the new model or
//! use its backref name, or they ask a `back_populates=` of one) has
//! those classes reflected again too, so that its relationships replace
//! what reflection inferred (`schema::reflect_cover`); a backref onto a
//! reflected column is refused before anything changes.
//! The classes this replaces are retired like any redefinition's
//! (`orm::retire`); the interpreter checks first that none has changes
//! not yet committed.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::schema::column::Column;
use crate::schema::model::{Model, Retired};
use crate::schema::relationship::RelSpec;

/// What defining a model over a reflected table replaces.
#[derive(Default)]
pub struct Swap {
    /// The reflected model over the same table, under another name.
    pub replaced: Option<Rc<Model>>,
    /// Reflected models to reflect again (they relate to `replaced`).
    pub dependents: Vec<Rc<Model>>,
    /// Reflected association tables to reflect again.
    pub tables: Vec<Rc<str>>,
}

impl Swap {
    /// The definition ids of every class this retires.
    pub fn model_ids(&self) -> Vec<u32> {
        self.replaced
            .iter()
            .chain(&self.dependents)
            .map(|m| m.id)
            .collect()
    }
}

fn refers_to(columns: &[Column], table: &str) -> bool {
    columns
        .iter()
        .any(|c| c.foreign_key.as_ref().is_some_and(|fk| &*fk.table == table))
}

impl Interp {
    /// What `m`, about to be defined by hand, replaces beyond a model of
    /// its own name: nothing unless a reflected model of another name maps
    /// its table.
    pub fn reflected_swap(&self, m: &Model) -> Swap {
        if self.store.loading || self.is_declaring() {
            return Swap::default();
        }
        let mut swap = self.replaced_swap(m);
        // Reflected classes `m`'s relationships meet: reflected again so
        // that `m`'s relationships replace what reflection inferred.
        let met: Vec<Rc<Model>> = self
            .registry
            .models()
            .iter()
            .filter(|x| {
                x.name != m.name
                    && self.store.is_reflected(&x.name)
                    && swap.replaced.as_ref().is_none_or(|r| r.name != x.name)
                    && !swap.dependents.iter().any(|d| d.name == x.name)
                    && m.rels.iter().any(|(_, s)| meets(x, m, s))
            })
            .cloned()
            .collect();
        swap.dependents.extend(met);
        swap
    }

    /// Refuse `m` when one of its relationships gives (`backref=`) or asks
    /// (`back_populates=`) a reflected class an attribute that is one of
    /// its columns: reflecting again cannot make way for it.
    ///
    /// Errors: `ArgumentError`, naming the column and the table.
    pub fn refuse_reflected_clash(&self, m: &Model) -> Result<()> {
        if self.store.loading || self.is_declaring() {
            return Ok(());
        }
        for (name, s) in &m.rels {
            let Some(x) = self
                .registry
                .get(&s.target)
                .filter(|x| x.name != m.name && self.store.is_reflected(&x.name))
            else {
                continue;
            };
            let asked = s
                .backref
                .as_ref()
                .map(|b| (&b.name, "backref"))
                .or(s.back_populates.as_ref().map(|b| (b, "back_populates")));
            if let Some((b, how)) = asked
                && x.columns.iter().any(|c| c.attr == *b)
            {
                return Err(Error::new(
                    ErrorKind::ArgumentError,
                    format!(
                        "{}.{name} cannot have {how}='{b}': {b} is a column of {}, reflected from table {}",
                        m.name, x.name, x.table
                    ),
                )
                .with_help(format!(
                    "give {how}= a name that is not one of {}'s columns ({})",
                    x.name,
                    x.columns
                        .iter()
                        .map(|c| &*c.attr)
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        }
        Ok(())
    }

    /// The swap for a reflected model of another name over `m`'s table.
    fn replaced_swap(&self, m: &Model) -> Swap {
        let Some(r) = self
            .registry
            .models()
            .iter()
            .find(|x| x.name != m.name && x.table == m.table && self.store.is_reflected(&x.name))
            .cloned()
        else {
            return Swap::default();
        };
        let tables: Vec<Rc<str>> = self
            .store
            .reflected_tables
            .iter()
            .filter(|t| {
                self.registry
                    .table(t)
                    .is_some_and(|t| refers_to(&t.columns, &r.table))
            })
            .cloned()
            .collect();
        // The other ends of those association tables.
        let ends: Vec<Rc<str>> = tables
            .iter()
            .filter_map(|t| self.registry.table(t))
            .flat_map(|t| t.columns.iter())
            .filter_map(|c| c.foreign_key.as_ref().map(|fk| fk.table.clone()))
            .filter(|t| *t != r.table)
            .collect();
        let related = |x: &Model, ends: &[Rc<str>]| {
            x.name != m.name
                && x.name != r.name
                && self.store.is_reflected(&x.name)
                && (refers_to(&x.columns, &r.table)
                    || ends.contains(&x.table)
                    || x.rels.iter().any(|(_, s)| s.target == r.name))
        };
        // A model table linking `r`'s table to another (a Django join
        // table with an id of its own) gave both ends a many-to-many
        // pair: the other end is reflected again too, as reopening the
        // file plans the pair with the new model.
        let mut ends = ends;
        for x in self.registry.models().iter() {
            let targets: Vec<Rc<str>> = (x.columns.iter())
                .filter_map(|c| c.foreign_key.as_ref().map(|fk| fk.table.clone()))
                .collect();
            if related(x, &ends) && targets.len() == 2 && targets.contains(&r.table) {
                ends.extend(targets.into_iter().filter(|t| *t != r.table));
            }
        }
        let dependents = self
            .registry
            .models()
            .iter()
            .filter(|x| related(x, &ends))
            .cloned()
            .collect();
        Swap {
            replaced: Some(r),
            dependents,
            tables,
        }
    }

    /// `m` is defined: retire what `swap` replaces and reflect the
    /// dependents' tables again; a note on stderr says what happened.
    pub fn apply_swap(&mut self, swap: Swap, m: &Model) {
        if swap.replaced.is_none() && swap.dependents.is_empty() {
            return;
        }
        if let Some(r) = &swap.replaced {
            self.registry
                .remove(&r.name, Retired::ReplacedBy(m.name.clone()));
            self.store.reflected.retain(|n| *n != r.name);
        }
        let mut again: Vec<Rc<str>> = swap.tables.clone();
        for d in &swap.dependents {
            self.registry.remove(&d.name, Retired::Redefined);
            self.store.reflected.retain(|n| *n != d.name);
            again.push(d.table.clone());
        }
        for t in &swap.tables {
            self.registry.remove_table(t);
            self.store.reflected_tables.retain(|n| n != t);
        }
        let at = self.store.warnings.len();
        let mut note = match &swap.replaced {
            Some(r) => format!(
                "note: {} takes the place of the model {} reflected from table {}",
                m.name, r.name, m.table
            ),
            None => format!("note: {}'s relationships replace reflected ones", m.name),
        };
        if !again.is_empty() {
            match self.reflect_uncovered(Some(&again)) {
                Ok((names, notes)) => {
                    if !names.is_empty() {
                        note.push_str(&format!(
                            "; reflected again to relate to it: {}",
                            names.join(", ")
                        ));
                    }
                    self.store
                        .warnings
                        .extend(notes.into_iter().map(|n| format!("note: {n}")));
                }
                Err(e) => self.store.warnings.push(format!(
                    "warning: reflecting {} again failed: {}",
                    again.join(", "),
                    e.message
                )),
            }
        }
        self.store.warnings.insert(at, note);
    }
}

/// Whether reflected class `x` holds what `m`'s relationship `s` replaces
/// or must answer: `s` targets `x` and asks a `back_populates=` of it, or
/// `x` has a reflected relationship toward `m` or named as `s`'s backref.
fn meets(x: &Model, m: &Model, s: &RelSpec) -> bool {
    s.target == x.name
        && (s.back_populates.is_some()
            || x.rels.iter().any(|(n, xs)| {
                xs.target == m.name || s.backref.as_ref().is_some_and(|b| b.name == *n)
            }))
}
