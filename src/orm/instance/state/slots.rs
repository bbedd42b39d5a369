//! What an object's state holds besides columns: its relationship slots
//! and their flags, the record of who holds it (`parents`), and the
//! attributes Python code set that are not columns.

use std::rc::{Rc, Weak};

use thin_vec::ThinVec;

use super::{InstState, ParentFlag};
use crate::orm::instance::{Instance, RelSlot};
use crate::value::Value;

impl InstState {
    /// The relationship slots in memory, in the order they were made.
    pub fn slots(&self) -> &[RelSlot] {
        &self.rels
    }

    /// The slots, to change their values or flags (not to add or drop one).
    pub fn slots_mut(&mut self) -> std::slice::IterMut<'_, RelSlot> {
        self.rels.iter_mut()
    }

    /// Slot number `i` (as `slot_index` gave it).
    pub fn slot(&self, i: usize) -> &RelSlot {
        &self.rels[i]
    }

    /// Slot number `i`, to change.
    pub fn slot_mut(&mut self, i: usize) -> &mut RelSlot {
        &mut self.rels[i]
    }

    /// The number of the slot of relationship `name`, if it is in memory.
    pub fn slot_index(&self, name: &str) -> Option<usize> {
        self.rels.iter().position(|s| &*s.name == name)
    }

    /// The slot of relationship `name`, if it is in memory.
    pub fn slot_named(&self, name: &str) -> Option<&RelSlot> {
        self.rels.iter().find(|s| &*s.name == name)
    }

    /// Add a slot; returns its number.
    pub fn add_slot(&mut self, slot: RelSlot) -> usize {
        self.rels.push(slot);
        self.rels.len() - 1
    }

    /// Keep only the slots `keep` says (a replaced model's relationships go).
    pub fn retain_slots(&mut self, keep: impl FnMut(&RelSlot) -> bool) {
        self.rels.retain(keep);
    }

    /// Forget the slots of the relationships named (`expire(obj, names)`).
    pub fn drop_slots(&mut self, names: &[Rc<str>]) {
        self.retain_slots(|slot| !names.contains(&slot.name));
    }

    /// Every slot, moved out: how an object being freed hands its related
    /// objects to the flat drop (`Instance`'s `Drop`).
    pub fn take_slots(&mut self) -> Vec<RelSlot> {
        std::mem::take(&mut self.rels).into_iter().collect()
    }

    /// Expire every relationship (SQLAlchemy's `_expire` drops them with
    /// `_pending_mutations` and `parents`): the slots go, and the next
    /// load of the columns loads the eager ones too.
    pub fn expire_slots(&mut self) {
        self.rels = ThinVec::new();
        self.rel_touched = false;
        if let Some(r) = self.rare.as_deref_mut() {
            r.parents.clear();
        }
        self.rels_expired = true;
    }

    /// A relationship changed since the last flush.
    pub fn rels_touched(&self) -> bool {
        self.rel_touched
    }

    /// Note a relationship change; true the first time since the flush.
    pub fn touch_rels(&mut self) -> bool {
        !std::mem::replace(&mut self.rel_touched, true)
    }

    /// The relationship changes were flushed; `settle` each slot.
    pub fn settle_rels(&mut self, settle: impl FnMut(&mut RelSlot)) {
        self.rel_touched = false;
        self.rels.iter_mut().for_each(settle);
    }

    /// The relationships were expired and the next load of the columns
    /// loads the eager ones: true once (the flag is cleared).
    pub fn take_rels_expired(&mut self) -> bool {
        std::mem::replace(&mut self.rels_expired, false)
    }

    /// Were the relationships expired since the eager ones last loaded?
    pub fn rels_expired(&self) -> bool {
        self.rels_expired
    }

    /// The hasparent record for relationship `rel` of model `model`.
    pub fn parent_flag(&self, model: &str, rel: &str) -> Option<&ParentFlag> {
        (self.rare()?.parents.iter()).find(|f| &*f.rel == rel && &*f.model == model)
    }

    /// Record that `parent` (None: nobody) now holds the object through
    /// relationship `rel` of model `model` (SQLAlchemy's `sethasparent`).
    pub fn set_parent_flag(
        &mut self,
        model: &Rc<str>,
        rel: &Rc<str>,
        parent: Option<Weak<Instance>>,
    ) {
        let parents = &mut self.rare_mut().parents;
        match parents
            .iter_mut()
            .find(|f| f.rel == *rel && f.model == *model)
        {
            Some(f) => f.parent = parent,
            None => parents.push(ParentFlag {
                model: model.clone(),
                rel: rel.clone(),
                parent,
            }),
        }
    }

    /// The value Python code set for the non-column attribute `name`.
    pub fn extra_attr(&self, name: &str) -> Option<&Value> {
        (self.rare()?.extra.iter())
            .find(|(n, _)| &**n == name)
            .map(|(_, v)| v)
    }

    /// The names of the non-column attributes set, in the order first set.
    pub fn extra_names(&self) -> impl Iterator<Item = &Rc<str>> {
        self.rare()
            .into_iter()
            .flat_map(|r| r.extra.iter().map(|(n, _)| n))
    }

    /// Set a non-column attribute (Python allows any name).
    pub fn set_extra_attr(&mut self, name: &str, v: Value) {
        let extra = &mut self.rare_mut().extra;
        match extra.iter_mut().find(|(n, _)| &**n == name) {
            Some(slot) => slot.1 = v,
            None => extra.push((Rc::from(name), v)),
        }
    }
}
