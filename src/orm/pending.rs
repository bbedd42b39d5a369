//! The changes a relationship slot holds besides its value (SQLAlchemy's
//! `_pending_mutations` and committed state): appends and removals queued
//! on a collection that is not loaded, and what a flush settles.

use std::rc::Rc;

use crate::orm::backref::ptr_in;
use crate::orm::instance::{Instance, RelSlot, RelValue};
use crate::orm::relation::{Collection, is_obj};

/// Queue an append on an unloaded collection (`PendingCollection.append`):
/// it cancels a queued removal of the same object.
pub(crate) fn queue_append(slot: &mut RelSlot, c: &Collection, x: &Rc<Instance>) {
    if ptr_in(&slot.snapshot, x) {
        slot.snapshot.retain(|y| !Rc::ptr_eq(x, y));
    } else if !c.contains(x) {
        c.items.borrow_mut().push(Some(x.clone()));
    }
}

/// Queue a removal on an unloaded collection (`PendingCollection.remove`):
/// it cancels a queued append of the same object.
pub(crate) fn queue_remove(slot: &mut RelSlot, c: &Collection, x: &Rc<Instance>) {
    if c.contains(x) {
        c.items.borrow_mut().retain(|y| !is_obj(y, x));
    } else if !ptr_in(&slot.snapshot, x) {
        slot.snapshot.push(x.clone());
    }
}

/// After a flush, a slot's snapshot is its current value; an unloaded
/// collection forgets its queued changes, as SQLAlchemy's `_commit_all`
/// drops `_pending_mutations` (the next read loads what was flushed).
pub fn settle_after_flush(slot: &mut RelSlot) {
    slot.old_unknown = false;
    slot.changed = false;
    slot.none_removed = false;
    match &slot.value {
        RelValue::List(c) if !slot.loaded => {
            c.items.borrow_mut().clear();
            slot.snapshot.clear();
        }
        RelValue::List(c) => slot.snapshot = c.snapshot(),
        RelValue::Scalar(v) => slot.snapshot = v.iter().cloned().collect(),
    }
}

/// The collection in slot `i` of `inst` (a cheap `Rc` clone).
pub(crate) fn list_of(inst: &Instance, i: usize) -> Option<Rc<Collection>> {
    match &inst.st.borrow().slot(i).value {
        RelValue::List(c) => Some(c.clone()),
        RelValue::Scalar(_) => None,
    }
}
