//! Keeping both sides of a relationship in step, as SQLAlchemy's
//! attribute events and `backref_listeners` do (`orm/attributes.py`), with
//! the cascades those events trigger (`unitofwork.track_cascade_events`).
//!
//! Every change is an event carrying a token: the attribute the user
//! changed and how (append, remove, or a whole-collection replace). The
//! other side is changed with the same token, and a side whose own token
//! comes back stops the echo; as in SQLAlchemy this also means that in a
//! one-to-one, `p2.kid = c` does not clear `c`'s old parent's `kid`.
//!
//! The other side changes without SQL (`PASSIVE_NO_FETCH`):
//! - a collection that is loaded (or belongs to a new object) changes in
//!   memory at once, duplicates included, as a Python list would;
//! - a collection that is not loaded queues the change (SQLAlchemy's
//!   `_pending_mutations`): the slot's items hold the queued appends and
//!   its snapshot the queued removals; the flush writes them, a load
//!   applies them after the rows (`Session::fill_slot`), and a flush
//!   discards them (`settle_after_flush`);
//! - a scalar's old value is what is known without SQL: its loaded value,
//!   or for a many-to-one the unexpired object its foreign key names in the
//!   identity map. Removing `k` from `p.kids` sets `k.p` to None unless
//!   `k.p` is known to be another object.
//!
//! The save-update cascade follows only changes made on that attribute
//! itself (SQLAlchemy 2.0's `cascade_backrefs=False`): a transient object
//! reached through a back-reference stays out of the session. Who holds
//! whom for delete-orphan is `orm::parents`; the list methods a user calls
//! are `orm::list_ops`.

use std::rc::Rc;

use crate::error::Result;
use crate::orm::instance::{Instance, RelValue, Status};
use crate::orm::pending::{list_of, queue_append, queue_remove};
use crate::orm::refused_event::check_target;
use crate::orm::relation::is_obj;
use crate::orm::session::Session;
use crate::schema::relationship::{Lazy, Rel, RelKind};

/// What is known of a scalar relationship without running SQL.
pub(crate) enum Known {
    /// Loaded, set, or found in the identity map (None: no object).
    Value(Option<Rc<Instance>>),
    /// Only the database could say (SQLAlchemy's `PASSIVE_NO_RESULT`).
    Unknown,
}

/// How an attribute was changed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Op {
    /// An append to a collection, or setting a scalar.
    Append,
    Remove,
    /// Assigning a whole collection.
    Replace,
}

/// SQLAlchemy's `AttributeEventToken`: the attribute (by model and name)
/// where a change started, and how.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) struct Token {
    model: Rc<str>,
    name: Rc<str>,
    op: Op,
}

impl Token {
    pub(crate) fn new(rel: &Rel, op: Op) -> Token {
        Token {
            model: rel.owner.name.clone(),
            name: rel.name.clone(),
            op,
        }
    }

    /// The change was made on `rel`'s own attribute rather than reaching
    /// it through a back-reference (SQLAlchemy compares `initiator.key`
    /// alone).
    pub(crate) fn made_on(&self, rel: &Rel) -> bool {
        self.name == rel.name
    }

    fn is(&self, rel: &Rel, op: Op) -> bool {
        self.op == op && self.name == rel.name && self.model == rel.owner.name
    }
}

pub(crate) fn ptr_in(list: &[Rc<Instance>], x: &Rc<Instance>) -> bool {
    list.iter().any(|y| Rc::ptr_eq(x, y))
}

pub(crate) fn count_in(list: &[Rc<Instance>], x: &Rc<Instance>) -> usize {
    list.iter().filter(|y| Rc::ptr_eq(x, y)).count()
}

/// A collection-like attribute: a list, or a dynamic relationship.
/// Whether a many-to-one's foreign key has a column `inst` never had a
/// value for and was not assigned (not in SQLAlchemy's dict: a column its
/// INSERT left NULL, no default).
fn key_columns_unset(inst: &Instance, rel: &Rel) -> bool {
    let RelKind::ManyToOne { pairs } = &rel.kind else {
        return false;
    };
    let st = inst.st.borrow();
    pairs.iter().any(|(fk, _)| !st.is_set(*fk))
}

fn is_collection(rel: &Rel) -> bool {
    rel.uselist || rel.lazy == Lazy::Dynamic
}

impl Session {
    /// Relationship `rel` of `inst` received a set event: it has history
    /// (`RelSlot::changed`, and `evented` until expiry), the flush looks at
    /// it, and a persistent object is dirty (`orm::history`).
    pub(crate) fn touch(&mut self, inst: &Rc<Instance>, rel: &str) {
        if let Some(i) = Session::slot_index(inst, rel)
            && !inst.st.borrow().slot(i).changed
        {
            let mut st = self.edit(inst);
            st.slot_mut(i).changed = true;
            st.slot_mut(i).evented = true;
        }
        if !inst.st.borrow().rels_touched() {
            self.edit(inst).touch_rels();
            self.touched.push(inst.clone());
        }
        self.modified_event(inst);
    }

    /// The relationship on the other side of `rel` (its backref or
    /// `back_populates` partner) that a change of `rel` is mirrored into:
    /// none when either side is `viewonly` (SQLAlchemy's `sync_backref`
    /// default).
    pub(crate) fn reverse_of(&self, rel: &Rel) -> Option<Rc<Rel>> {
        let name = rel.reverse.as_ref()?;
        let rev = self.mapping.get(&rel.target.name, name)?;
        (!rel.viewonly && !rev.viewonly).then(|| rev.clone())
    }

    /// Slot `i` of `inst` can change in memory: it is loaded, or it belongs
    /// to a new object (whose collections start empty) or to a `noload`
    /// relationship (never loaded from the database). A dynamic
    /// relationship never loads: it always queues.
    pub(crate) fn slot_in_memory(&mut self, inst: &Rc<Instance>, rel: &Rel, i: usize) -> bool {
        if rel.lazy == Lazy::Dynamic {
            return false;
        }
        let (loaded, new) = {
            let st = inst.st.borrow();
            (st.slot(i).loaded, st.is_new())
        };
        if !loaded && new {
            self.edit(inst).slot_mut(i).start_empty();
            return true;
        }
        if !loaded && rel.lazy == Lazy::Noload {
            self.edit(inst).slot_mut(i).loaded = true;
            return true;
        }
        loaded
    }

    /// The value of scalar `rel` on `inst` as far as it is known without
    /// SQL (SQLAlchemy's get with `PASSIVE_NO_FETCH`): loaded or set, None
    /// for a new object or a foreign key that is all NULL, or the object
    /// the foreign key names when it is in the identity map and not
    /// expired. With `committed`, the foreign key's committed value names
    /// it (`LOAD_AGAINST_COMMITTED`, as a set event looks for the old
    /// value), and a foreign key never given a value names nothing known;
    /// else its current one (a read, where it counts as None).
    pub(crate) fn known_scalar(&self, inst: &Rc<Instance>, rel: &Rel, committed: bool) -> Known {
        if let Some(i) = Session::slot_index(inst, &rel.name) {
            let st = inst.st.borrow();
            if st.slot(i).loaded
                && let RelValue::Scalar(v) = &st.slot(i).value
            {
                return Known::Value(v.clone());
            }
        }
        if inst.is_new() || rel.lazy == Lazy::Noload {
            return Known::Value(None);
        }
        if inst.status() != Status::Persistent || self.key_columns_expired(inst, rel) {
            return Known::Unknown;
        }
        // A set event's lookup does not initialise a foreign key its object
        // never had in its dict (`PASSIVE_NO_FETCH ^ INIT_OK`): NO_VALUE
        // names no object, so the old value is unknown.
        if committed && key_columns_unset(inst, rel) {
            return Known::Unknown;
        }
        let key = if committed {
            self.committed_get_key(inst, rel)
        } else {
            self.use_get_key(inst, rel)
        };
        let key = match key {
            Some(Some(key)) => key,
            Some(None) => return Known::Value(None),
            None => return Known::Unknown,
        };
        match self.identity.get(&(rel.target.id, key)) {
            Some(x) if !x.is_expired() => Known::Value(Some(x)),
            _ => Known::Unknown,
        }
    }

    /// Set a scalar attribute with its events (SQLAlchemy's
    /// `ScalarObjectAttributeImpl.set`). With `pop_of`, only if the current
    /// value may be that object (its `pop`).
    fn scalar_set(
        &mut self,
        inst: &Rc<Instance>,
        rel: &Rc<Rel>,
        value: Option<Rc<Instance>>,
        t: &Token,
        pop_of: Option<&Rc<Instance>>,
    ) -> Result<()> {
        if rel.single_parent {
            self.load_active_history(inst, rel)?;
        }
        let old = self.known_scalar(inst, rel, true);
        if let Known::Value(Some(found)) = &old {
            self.keep_found(inst, rel, found);
        }
        if let (Some(p), Known::Value(v)) = (pop_of, &old)
            && !v.as_ref().is_some_and(|v| Rc::ptr_eq(v, p))
        {
            return Ok(());
        }
        if let Some(v) = &value {
            let was = match &old {
                Known::Value(o) => o.as_ref(),
                Known::Unknown => None,
            };
            Session::check_single_parent(rel, v, was, t)?;
            let same = matches!(&old, Known::Value(Some(o)) if Rc::ptr_eq(o, v));
            if !same {
                self.precheck_save_update(inst, rel, v, t)?;
            }
        }
        if matches!(old, Known::Unknown) {
            self.remember_replaced(inst, rel);
        }
        let i = self.ensure_slot(inst, rel);
        {
            let mut st = self.edit(inst);
            let slot = st.slot_mut(i);
            // A value known without loading is what the flush compares with
            // (SQLAlchemy keeps it as the committed value).
            if !slot.loaded
                && let Known::Value(v) = &old
            {
                slot.snapshot = v.iter().cloned().collect();
            }
            slot.value = RelValue::Scalar(value.clone());
            slot.loaded = true;
        }
        self.touch(inst, &rel.name);
        let old = match old {
            Known::Value(v) => v,
            Known::Unknown => None,
        };
        let same = match (&old, &value) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if same {
            return Ok(());
        }
        if let Some(o) = &old {
            self.set_has_parent(o, rel, inst, false);
        }
        if let Some(v) = &value {
            self.set_has_parent(v, rel, inst, true);
        }
        // track_cascade_events.set_: save-update on the attribute the user
        // set; a pending old value that is now an orphan leaves — only with
        // the owner in a session (`if sess:`): unlike a collection's
        // remove, a scalar set outside one remembers nothing.
        if let Some(v) = &value
            && rel.cascade.save_update
            && t.name == rel.name
            && inst.attached()
            && !self.contains(v)
        {
            self.add(v)?;
        }
        if let Some(o) = &old
            && inst.attached()
        {
            self.expunge_pending_orphan(inst, rel, o);
        }
        // emit_backref_from_scalar_set_event
        let Some(rev) = self.reverse_of(rel) else {
            return Ok(());
        };
        if let Some(o) = &old {
            let check = if is_collection(&rev) {
                Op::Remove
            } else {
                Op::Append
            };
            if !t.is(&rev, check) {
                self.pop(o, &rev, inst, &Token::new(rel, Op::Append))?;
            }
        }
        if let Some(v) = &value
            && !t.is(&rev, Op::Append)
            && !t.is(&rev, Op::Replace)
        {
            self.impl_append(v, &rev, inst, t)?;
        }
        Ok(())
    }

    /// SQLAlchemy's `get` keeps what its loader found without SQL (the
    /// object the foreign key names in the identity map) as the loaded,
    /// committed value, even when the `pop` asking for it then changes
    /// nothing; the flush sees it (a self-referential object naming
    /// itself is a cycle).
    fn keep_found(&mut self, inst: &Rc<Instance>, rel: &Rc<Rel>, found: &Rc<Instance>) {
        if inst.status() != Status::Persistent {
            return;
        }
        let i = self.ensure_slot(inst, rel);
        let mut st = self.edit(inst);
        let slot = st.slot_mut(i);
        if !slot.loaded {
            slot.value = RelValue::Scalar(Some(found.clone()));
            slot.snapshot = vec![found.clone()];
            slot.loaded = true;
        }
    }

    /// A scalar replaced while its old value is unknown. For a one-to-one
    /// seen from the parent (`user.profile = p`) SQLAlchemy reads the old
    /// value only when it flushes (deferred history) and detaches it then,
    /// without touching the old object in memory.
    fn remember_replaced(&mut self, inst: &Rc<Instance>, rel: &Rc<Rel>) {
        if inst.status() != Status::Persistent || matches!(rel.lazy, Lazy::Noload | Lazy::Dynamic) {
            return;
        }
        let i = self.ensure_slot(inst, rel);
        if !inst.st.borrow().slot(i).loaded {
            self.edit(inst).slot_mut(i).old_unknown = true;
        }
    }

    /// An append reaching `inst.rel` (SQLAlchemy's `impl.append` with
    /// `PASSIVE_NO_FETCH`): a scalar is set; a collection grows in memory
    /// or queues the append.
    pub(crate) fn impl_append(
        &mut self,
        inst: &Rc<Instance>,
        rel: &Rc<Rel>,
        value: &Rc<Instance>,
        t: &Token,
    ) -> Result<()> {
        if !is_collection(rel) {
            return self.scalar_set(inst, rel, Some(value.clone()), t, None);
        }
        Session::check_single_parent(rel, value, None, t)?;
        self.precheck_save_update(inst, rel, value, t)?;
        let i = self.ensure_slot(inst, rel);
        let in_memory = self.slot_in_memory(inst, rel, i);
        if let Some(c) = list_of(inst, i) {
            if in_memory {
                self.journal(inst);
                c.items.borrow_mut().push(Some(value.clone()));
            } else {
                queue_append(self.edit(inst).slot_mut(i), &c, value);
            }
        }
        self.touch(inst, &rel.name);
        self.append_event(inst, rel, value, t)
    }

    /// A removal reaching `inst.rel` (SQLAlchemy's `impl.pop`, which never
    /// fails): a scalar holding `value` (or maybe holding it) becomes None;
    /// a collection loses it in memory (its remove event fires even when
    /// it does not hold it) or queues the removal.
    fn pop(
        &mut self,
        inst: &Rc<Instance>,
        rel: &Rc<Rel>,
        value: &Rc<Instance>,
        t: &Token,
    ) -> Result<()> {
        if !is_collection(rel) {
            return self.scalar_set(inst, rel, None, t, Some(value));
        }
        let i = self.ensure_slot(inst, rel);
        let in_memory = self.slot_in_memory(inst, rel, i);
        let Some(c) = list_of(inst, i) else {
            return Ok(());
        };
        if in_memory {
            // Not there: the instrumented `remove` fires its event before
            // the list's ValueError, which `pop` swallows — the owner is
            // still modified (dirty) and the listeners run.
            let at = c.items.borrow().iter().position(|x| is_obj(x, value));
            if let Some(at) = at {
                self.journal(inst);
                c.items.borrow_mut().remove(at);
            }
        } else {
            queue_remove(self.edit(inst).slot_mut(i), &c, value);
        }
        self.touch(inst, &rel.name);
        self.remove_event(inst, rel, value, t, false)
    }

    /// What follows an append (`fire_append_event`): the save-update
    /// cascade when this attribute is the one the user changed, the other
    /// side, then the item has a parent.
    pub(crate) fn append_event(
        &mut self,
        inst: &Rc<Instance>,
        rel: &Rc<Rel>,
        value: &Rc<Instance>,
        t: &Token,
    ) -> Result<()> {
        self.cascade_save_update(inst, rel, value, t)?;
        if let Some(rev) = self.reverse_of(rel)
            && !t.is(&rev, Op::Append)
            && !t.is(&rev, Op::Replace)
        {
            self.impl_append(value, &rev, inst, t)?;
        }
        // `fire_append_event` marks the parent after its listeners ran.
        self.set_has_parent(value, rel, inst, true);
        Ok(())
    }

    /// The save-update cascade of an append to `inst.rel`
    /// (`track_cascade_events.append`): only from an object the session
    /// holds, only when `rel` is the attribute the change was made on
    /// (SQLAlchemy 2's back-references do not cascade).
    pub(crate) fn cascade_save_update(
        &mut self,
        inst: &Rc<Instance>,
        rel: &Rc<Rel>,
        value: &Rc<Instance>,
        t: &Token,
    ) -> Result<()> {
        if rel.cascade.save_update && t.name == rel.name && inst.attached() && !self.contains(value)
        {
            self.add(value)?;
        }
        Ok(())
    }

    /// What follows a removal (`fire_remove_event`): a pending orphan
    /// leaves the session, then the other side lets go — unless the list
    /// still holds another copy of `value` (`dupes`).
    pub(crate) fn remove_event(
        &mut self,
        inst: &Rc<Instance>,
        rel: &Rc<Rel>,
        value: &Rc<Instance>,
        t: &Token,
        dupes: bool,
    ) -> Result<()> {
        self.set_has_parent(value, rel, inst, false);
        self.expunge_pending_orphan(inst, rel, value);
        let Some(rev) = self.reverse_of(rel) else {
            return Ok(());
        };
        let (stop, dupes) = if is_collection(&rev) {
            (t.is(&rev, Op::Remove) || t.is(&rev, Op::Replace), false)
        } else {
            (t.is(&rev, Op::Remove) || t.is(&rev, Op::Append), dupes)
        };
        if !stop && !dupes {
            self.pop(value, &rev, inst, t)?;
        }
        Ok(())
    }

    /// `post.category = c` (or None), keeping `c.posts` in step.
    pub fn set_scalar(
        &mut self,
        inst: &Rc<Instance>,
        rel: &Rc<Rel>,
        value: Option<Rc<Instance>>,
    ) -> Result<()> {
        if let Some(v) = &value {
            check_target(rel, v)?;
        }
        self.scalar_set(inst, rel, value, &Token::new(rel, Op::Append), None)
    }
}
