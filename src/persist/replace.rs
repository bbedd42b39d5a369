//! A model typed over a reflected table takes the reflected class's place
//! at once, as reopening the file would give: the reflected model goes
//! (retired, `Retired::ReplacedBy`), and the reflected definitions built
//! around it — models whose foreign keys point at its table, association
//! tables linking it, and the models at their other ends — are reflected
//! again, so their relationships and back-references name the new model.
//! The classes this replaces are retired like any redefinition's
//! (`orm::retire`); the interpreter checks first that none has changes
//! not yet committed.

use std::rc::Rc;

use crate::eval::Interp;
use crate::schema::column::Column;
use crate::schema::model::{Model, Retired};

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
        if self.store.loading {
            return Swap::default();
        }
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
        let dependents = self
            .registry
            .models()
            .iter()
            .filter(|x| {
                x.name != m.name
                    && x.name != r.name
                    && self.store.is_reflected(&x.name)
                    && (refers_to(&x.columns, &r.table)
                        || ends.contains(&x.table)
                        || x.rels.iter().any(|(_, s)| s.target == r.name))
            })
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
        let Some(r) = swap.replaced else { return };
        self.registry
            .remove(&r.name, Retired::ReplacedBy(m.name.clone()));
        self.store.reflected.retain(|n| *n != r.name);
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
        let mut note = format!(
            "note: {} takes the place of the model {} reflected from table {}",
            m.name, r.name, m.table
        );
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
