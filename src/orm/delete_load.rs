//! What the flush reads of the objects it is about to delete, before
//! any row goes (SQLAlchemy's dependency processors' `presort_deletes`).

use std::rc::Rc;

use crate::error::Result;
use crate::orm::instance::Instance;
use crate::orm::lazy::key_named;
use crate::orm::session::Session;
use crate::schema::relationship::{Lazy, Rel, RelKind};

impl Session {
    /// What the flush reads of the objects it is about to delete, as
    /// SQLAlchemy's dependency processors do before any row goes: their
    /// expired columns, their
    /// unloaded many-to-many collections (from the association rows still
    /// there), and for each many-to-one the parent one object's foreign key
    /// names in the identity map (`prop_has_changes` with
    /// `PASSIVE_NO_FETCH_RELATED` stops at the first object that answers;
    /// objects are taken in creation order, which approximates SQLAlchemy's
    /// set order). So `tag.pages` and usually `child.parent` still answer
    /// after the rows are gone.
    pub fn load_before_delete(&mut self, deleted: &[Rc<Instance>]) -> Result<()> {
        let mut models: Vec<Rc<str>> = Vec::new();
        // The rows new objects take over (`unitofwork::switch`): SQLAlchemy's
        // `was_already_deleted` loads an expired deleted object there,
        // while it organizes the saves, before any statement.
        let switched: Vec<Rc<Instance>> = (self.new.iter())
            .filter(|x| crate::orm::unitofwork::switch::takes_over_row(self, x))
            .filter_map(|x| {
                let key = crate::orm::rekey::key_of_values(&x.model, x.st.borrow().values());
                key.ok()
                    .flatten()
                    .and_then(|k| self.identity.get(&(x.model.id, k)))
            })
            .collect();
        for d in deleted {
            // A relationship's dependency processor reads the object's
            // history here (`prop_has_changes`, `presort_deletes`), which
            // loads an expired object's columns: it keeps them once its
            // row is gone. Without one, the DELETE itself reads the key
            // (`_get_committed_state_attr_by_column`) after the flush's
            // INSERTs and UPDATEs (`unitofwork::emit`), unless a new object
            // takes over its row.
            let processed =
                (self.mapping.of(&d.model.name).iter()).any(|r| !r.viewonly && !r.passive_deletes);
            if processed || switched.iter().any(|s| Rc::ptr_eq(s, d)) {
                self.ensure_loaded(d)?;
            }
            if !models.contains(&d.model.name) {
                models.push(d.model.name.clone());
            }
            let rels: Vec<Rc<Rel>> = self.mapping.of(&d.model.name).to_vec();
            for rel in rels {
                if matches!(rel.kind, RelKind::ManyToMany { .. })
                    && !rel.viewonly
                    && !rel.passive_deletes
                    && !matches!(rel.lazy, Lazy::Dynamic | Lazy::Noload)
                    && !Session::slot_items(d, &rel.name).is_some_and(|(l, _)| l)
                {
                    self.load_rel_committed(d, &rel)?;
                }
            }
        }
        let mut order: Vec<Rc<Instance>> = deleted.to_vec();
        order.sort_by_key(|d| d.serial);
        for model in models {
            let rels: Vec<Rc<Rel>> = self.mapping.of(&model).to_vec();
            for rel in rels {
                if rel.viewonly || !matches!(rel.kind, RelKind::ManyToOne { .. }) {
                    continue;
                }
                for d in order.iter().filter(|d| d.model.name == model) {
                    if Session::slot_items(d, &rel.name).is_some_and(|(l, _)| l) {
                        break;
                    }
                    match key_named(d, &rel, true) {
                        Some(Some(key)) => {
                            if let Some(x) = self.identity.get(&(rel.target.id, key)) {
                                self.fill_slot(d, &rel, vec![x]);
                                break;
                            }
                        }
                        Some(None) => {
                            self.fill_slot(d, &rel, Vec::new());
                            break;
                        }
                        None => {}
                    }
                }
            }
        }
        Ok(())
    }
}
