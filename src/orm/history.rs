//! SQLAlchemy's attribute history as the session shows it
//! (`orm/attributes.py` `History`, `InstanceState._modified_event`,
//! `Session.dirty`, `Session.is_modified`).
//!
//! Two questions with two answers, as there:
//! - `db.session.dirty` is optimistic: the persistent objects, not marked
//!   for deletion, that received any attribute set event since they were
//!   last flushed, loaded whole or expired — a column set (even to the
//!   value it has), a relationship set or a collection assigned (even an
//!   equal or empty one), a list method on a collection, a back-reference
//!   reaching it. They sit in the session's `dirty` list (`in_dirty_list`,
//!   SQLAlchemy's `state.modified` in the identity map's `_modified`),
//!   which a flush, commit, rollback, `expire` and a whole `refresh` empty.
//! - `db.session.is_modified(obj)` looks for a net change: a column whose
//!   value differs from the one loaded, or that was set while expired (its
//!   old value unknown, SQLAlchemy's `NO_VALUE`); a scalar relationship
//!   holding another object than it had, or set while its old value was
//!   unknown; a collection with members added or removed (for one not
//!   loaded, changes queued by back-references).

use std::rc::Rc;

use crate::orm::backref::ptr_in;
use crate::orm::instance::{Instance, RelValue, Status};
use crate::orm::relation::Collection;
use crate::orm::session::Session;
use crate::schema::relationship::Lazy;
use crate::value::{Object, Value};

/// The committed value of a column set while it was expired: unknown, so
/// the column counts as changed whatever its new value (SQLAlchemy's
/// `NO_VALUE` in `committed_state`). Never shown to the user.
pub struct NoValue;

impl Object for NoValue {
    fn type_name(&self) -> &str {
        "NO_VALUE"
    }
}

/// A fresh `NoValue` marker.
pub fn no_value() -> Value {
    Value::obj(NoValue)
}

/// Is `v` the `NoValue` marker?
pub fn is_no_value(v: &Value) -> bool {
    v.downcast::<NoValue>().is_some()
}

impl Session {
    /// An attribute of `inst` received a set event (SQLAlchemy's
    /// `_modified_event`): a persistent object joins the dirty list.
    pub(crate) fn modified_event(&mut self, inst: &Rc<Instance>) {
        if inst.attached() {
            self.autobegin();
        }
        {
            let st = inst.st.borrow();
            if st.status() != Status::Persistent || st.in_dirty_list() {
                return;
            }
        }
        self.edit(inst).set_in_dirty_list(true);
        self.dirty.push(inst.clone());
    }

    /// `inst` forgets its modifications (SQLAlchemy's `_expire` clearing
    /// `state.modified`): it leaves the dirty list.
    pub(crate) fn forget_modified(&mut self, inst: &Rc<Instance>) {
        if !inst.st.borrow().in_dirty_list() {
            return;
        }
        self.edit(inst).set_in_dirty_list(false);
        self.dirty.retain(|x| !Rc::ptr_eq(x, inst));
    }

    /// Is `c` the collection `inst` holds now (so assigning it back is
    /// no change: SQLAlchemy's `_set_iterable` returns when the old
    /// collection is the one given)?
    pub fn holds_collection(&self, inst: &Instance, c: &Rc<Collection>) -> bool {
        let Some(i) = Session::slot_index(inst, &c.rel.name) else {
            return false;
        };
        let st = inst.st.borrow();
        st.slot(i).loaded && matches!(&st.slot(i).value, RelValue::List(x) if Rc::ptr_eq(x, c))
    }

    /// `db.session.dirty`: persistent objects with attribute set events,
    /// not marked for deletion (SQLAlchemy's `Session.dirty`).
    pub fn dirty_set(&self) -> Vec<Rc<Instance>> {
        self.dirty
            .iter()
            .filter(|i| {
                let st = i.st.borrow();
                st.status() == Status::Persistent && st.in_dirty_list() && !st.is_marked_deleted()
            })
            .cloned()
            .collect()
    }

    /// `db.session.is_modified(obj, include_collections=True)`: does any
    /// attribute have a net change (SQLAlchemy's `Session.is_modified`,
    /// which first asks `state.modified`)? A new object: was any column
    /// given a value or any relationship set.
    pub fn is_modified(&self, inst: &Rc<Instance>, include_collections: bool) -> bool {
        let st = inst.st.borrow();
        let new = st.is_new();
        if new {
            return (0..st.values().len()).any(|i| st.is_set(i))
                || st.slots().iter().any(|s| match &s.value {
                    RelValue::Scalar(v) => s.loaded && v.is_some(),
                    RelValue::List(c) => include_collections && !c.items.borrow().is_empty(),
                });
        }
        if !st.in_dirty_list() {
            return false;
        }
        drop(st);
        if !inst.changed_columns().is_empty() {
            return true;
        }
        let st = inst.st.borrow();
        st.slots().iter().any(|slot| match &slot.value {
            RelValue::Scalar(v) => {
                slot.old_unknown
                    || (slot.loaded
                        && match (v, slot.snapshot.first()) {
                            (Some(a), Some(b)) => !Rc::ptr_eq(a, b),
                            (None, None) => false,
                            _ => true,
                        })
            }
            RelValue::List(c) => {
                if !include_collections {
                    return false;
                }
                if !slot.loaded {
                    // A dynamic or write-only collection's appends and
                    // removals are its history; an unloaded collection's
                    // queued back-reference changes are not (SQLAlchemy's
                    // `get_history` with `NO_CHANGE` leaves
                    // `_pending_mutations` out).
                    let dynamic = (self.mapping.of(&inst.model.name).iter())
                        .find(|r| r.name == slot.name)
                        .is_some_and(|r| r.lazy == Lazy::Dynamic || r.write_only);
                    return dynamic && (!c.items.borrow().is_empty() || !slot.snapshot.is_empty());
                }
                // A None put in the list is an addition too.
                let objs = c.snapshot();
                c.has_none()
                    || objs.iter().any(|x| !ptr_in(&slot.snapshot, x))
                    || slot.snapshot.iter().any(|x| !ptr_in(&objs, x))
            }
        })
    }
}
