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
//! reached through a back-reference stays out of the session. A pending
//! object taken out of a delete-orphan relationship leaves the session
//! when no parent holds it any more.

use std::rc::{Rc, Weak};

use crate::error::{Error, Result};
use crate::orm::instance::{Instance, ParentFlag, RelSlot, RelValue, Status};
use crate::orm::relation::Collection;
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
enum Op {
    /// An append to a collection, or setting a scalar.
    Append,
    Remove,
    /// Assigning a whole collection.
    Replace,
}

/// SQLAlchemy's `AttributeEventToken`: the attribute (by model and name)
/// where a change started, and how.
#[derive(Clone, PartialEq, Eq, Debug)]
struct Token {
    model: Rc<str>,
    name: Rc<str>,
    op: Op,
}

impl Token {
    fn new(rel: &Rel, op: Op) -> Token {
        Token {
            model: rel.owner.name.clone(),
            name: rel.name.clone(),
            op,
        }
    }

    fn is(&self, rel: &Rel, op: Op) -> bool {
        self.op == op && self.name == rel.name && self.model == rel.owner.name
    }
}

fn ptr_in(list: &[Rc<Instance>], x: &Rc<Instance>) -> bool {
    list.iter().any(|y| Rc::ptr_eq(x, y))
}

fn count_in(list: &[Rc<Instance>], x: &Rc<Instance>) -> usize {
    list.iter().filter(|y| Rc::ptr_eq(x, y)).count()
}

/// A collection-like attribute: a list, or a dynamic relationship.
fn is_collection(rel: &Rel) -> bool {
    rel.uselist || rel.lazy == Lazy::Dynamic
}

/// Queue an append on an unloaded collection (`PendingCollection.append`):
/// it cancels a queued removal of the same object.
fn queue_append(slot: &mut RelSlot, c: &Collection, x: &Rc<Instance>) {
    if ptr_in(&slot.snapshot, x) {
        slot.snapshot.retain(|y| !Rc::ptr_eq(x, y));
    } else if !c.contains(x) {
        c.items.borrow_mut().push(x.clone());
    }
}

/// Queue a removal on an unloaded collection (`PendingCollection.remove`):
/// it cancels a queued append of the same object.
fn queue_remove(slot: &mut RelSlot, c: &Collection, x: &Rc<Instance>) {
    if c.contains(x) {
        c.items.borrow_mut().retain(|y| !Rc::ptr_eq(x, y));
    } else if !ptr_in(&slot.snapshot, x) {
        slot.snapshot.push(x.clone());
    }
}

/// After a flush, a slot's snapshot is its current value; an unloaded
/// collection forgets its queued changes, as SQLAlchemy's `_commit_all`
/// drops `_pending_mutations` (the next read loads what was flushed).
pub fn settle_after_flush(slot: &mut RelSlot) {
    slot.old_unknown = false;
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
fn list_of(inst: &Instance, i: usize) -> Option<Rc<Collection>> {
    match &inst.st.borrow().rels[i].value {
        RelValue::List(c) => Some(c.clone()),
        RelValue::Scalar(_) => None,
    }
}

impl Session {
    pub(crate) fn touch(&mut self, inst: &Rc<Instance>) {
        let mut st = self.edit(inst);
        if !st.rel_touched {
            st.rel_touched = true;
            drop(st);
            self.touched.push(inst.clone());
        }
    }

    /// The relationship on the other side of `rel` (its backref or
    /// `back_populates` partner).
    pub(crate) fn reverse_of(&self, rel: &Rel) -> Option<Rc<Rel>> {
        let name = rel.reverse.as_ref()?;
        self.mapping.get(&rel.target.name, name).cloned()
    }

    /// Slot `i` of `inst` can change in memory: it is loaded, or it belongs
    /// to a new object (whose collections start empty) or to a `noload`
    /// relationship (never loaded from the database). A dynamic
    /// relationship never loads: it always queues.
    fn slot_in_memory(&mut self, inst: &Rc<Instance>, rel: &Rel, i: usize) -> bool {
        if rel.lazy == Lazy::Dynamic {
            return false;
        }
        let (loaded, new) = {
            let st = inst.st.borrow();
            (
                st.rels[i].loaded,
                matches!(st.status, Status::Transient | Status::Pending),
            )
        };
        if !loaded && (new || rel.lazy == Lazy::Noload) {
            self.edit(inst).rels[i].loaded = true;
            return true;
        }
        loaded
    }

    /// The value of scalar `rel` on `inst` as far as it is known without
    /// SQL (SQLAlchemy's get with `PASSIVE_NO_FETCH`): loaded or set, None
    /// for a new object or a foreign key that is all NULL, or the object
    /// the foreign key names when it is in the identity map and not
    /// expired.
    pub(crate) fn known_scalar(&self, inst: &Rc<Instance>, rel: &Rel) -> Known {
        if let Some(i) = Session::slot_index(inst, &rel.name) {
            let st = inst.st.borrow();
            if st.rels[i].loaded
                && let RelValue::Scalar(v) = &st.rels[i].value
            {
                return Known::Value(v.clone());
            }
        }
        if inst.is_new() || rel.lazy == Lazy::Noload {
            return Known::Value(None);
        }
        if inst.st.borrow().expired || inst.status() != Status::Persistent {
            return Known::Unknown;
        }
        let key = match self.use_get_key(inst, rel) {
            Some(Some(key)) => key,
            Some(None) => return Known::Value(None),
            None => return Known::Unknown,
        };
        match self.identity.get(&(rel.target.id, key)) {
            Some(x) if !x.st.borrow().expired => Known::Value(Some(x)),
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
        let old = self.known_scalar(inst, rel);
        if let (Some(p), Known::Value(v)) = (pop_of, &old)
            && !v.as_ref().is_some_and(|v| Rc::ptr_eq(v, p))
        {
            return Ok(());
        }
        if matches!(old, Known::Unknown) {
            self.remember_replaced(inst, rel);
        }
        let i = self.ensure_slot(inst, rel);
        {
            let mut st = self.edit(inst);
            let slot = &mut st.rels[i];
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
        self.touch(inst);
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
        // set; a pending old value that is now an orphan leaves.
        if let Some(v) = &value
            && rel.cascade.save_update
            && t.name == rel.name
            && self.contains(inst)
            && !self.contains(v)
        {
            self.add(v)?;
        }
        if let Some(o) = &old {
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

    /// A scalar replaced while its old value is unknown. For a one-to-one
    /// seen from the parent (`user.profile = p`) SQLAlchemy reads the old
    /// value only when it flushes (deferred history) and detaches it then,
    /// without touching the old object in memory.
    fn remember_replaced(&mut self, inst: &Rc<Instance>, rel: &Rc<Rel>) {
        if inst.status() != Status::Persistent || matches!(rel.lazy, Lazy::Noload | Lazy::Dynamic) {
            return;
        }
        let i = self.ensure_slot(inst, rel);
        if !inst.st.borrow().rels[i].loaded {
            self.edit(inst).rels[i].old_unknown = true;
        }
    }

    /// Before a flush: read the old values of one-to-ones set blind
    /// (`remember_replaced`) into their snapshots, without autoflush, so
    /// the flush sees them go.
    pub fn load_deferred_history(&mut self, inst: &Rc<Instance>) -> Result<()> {
        let rels: Vec<Rc<Rel>> = self.mapping.of(&inst.model.name).to_vec();
        for rel in rels {
            if !matches!(rel.kind, RelKind::OneToMany { .. }) {
                continue;
            }
            let Some(i) = Session::slot_index(inst, &rel.name) else {
                continue;
            };
            if !inst.st.borrow().rels[i].old_unknown {
                continue;
            }
            self.edit(inst).rels[i].old_unknown = false;
            if inst.status() != Status::Persistent {
                continue;
            }
            self.ensure_loaded(inst)?;
            let q = self.rel_query(inst, &rel)?;
            let old: Vec<Rc<Instance>> = self
                .load_all(&q)?
                .into_iter()
                .filter_map(|v| v.downcast::<Instance>())
                .collect();
            self.edit(inst).rels[i].snapshot = old;
        }
        Ok(())
    }

    /// An append reaching `inst.rel` (SQLAlchemy's `impl.append` with
    /// `PASSIVE_NO_FETCH`): a scalar is set; a collection grows in memory
    /// or queues the append.
    fn impl_append(
        &mut self,
        inst: &Rc<Instance>,
        rel: &Rc<Rel>,
        value: &Rc<Instance>,
        t: &Token,
    ) -> Result<()> {
        if !is_collection(rel) {
            return self.scalar_set(inst, rel, Some(value.clone()), t, None);
        }
        let i = self.ensure_slot(inst, rel);
        let in_memory = self.slot_in_memory(inst, rel, i);
        if let Some(c) = list_of(inst, i) {
            if in_memory {
                self.journal(inst);
                c.items.borrow_mut().push(value.clone());
            } else {
                queue_append(&mut self.edit(inst).rels[i], &c, value);
            }
        }
        self.touch(inst);
        self.append_event(inst, rel, value, t)
    }

    /// A removal reaching `inst.rel` (SQLAlchemy's `impl.pop`, which never
    /// fails): a scalar holding `value` (or maybe holding it) becomes None;
    /// a collection loses it in memory or queues the removal.
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
            let Some(at) = c.items.borrow().iter().position(|x| Rc::ptr_eq(x, value)) else {
                return Ok(());
            };
            self.journal(inst);
            c.items.borrow_mut().remove(at);
        } else {
            queue_remove(&mut self.edit(inst).rels[i], &c, value);
        }
        self.touch(inst);
        self.remove_event(inst, rel, value, t, false)
    }

    /// What follows an append (`fire_append_event`): the save-update
    /// cascade when this attribute is the one the user changed, then the
    /// other side.
    fn append_event(
        &mut self,
        inst: &Rc<Instance>,
        rel: &Rc<Rel>,
        value: &Rc<Instance>,
        t: &Token,
    ) -> Result<()> {
        if rel.cascade.save_update
            && t.name == rel.name
            && self.contains(inst)
            && !self.contains(value)
        {
            self.add(value)?;
        }
        if let Some(rev) = self.reverse_of(rel)
            && !t.is(&rev, Op::Append)
            && !t.is(&rev, Op::Replace)
        {
            self.impl_append(value, &rev, inst, t)?;
        }
        self.set_has_parent(value, rel, inst, true);
        Ok(())
    }

    /// What follows a removal (`fire_remove_event`): a pending orphan
    /// leaves the session, then the other side lets go — unless the list
    /// still holds another copy of `value` (`dupes`).
    fn remove_event(
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

    /// `c.posts.append(p)`, keeping `p.category` in step (and taking `p`
    /// from the collection of its old parent). A list may hold an object
    /// twice, as in Python.
    pub fn append(&mut self, coll: &Collection, item: &Rc<Instance>) -> Result<()> {
        let rel = coll.rel.clone();
        check_target(&rel, item)?;
        let owner = coll.owner.clone();
        self.impl_append(&owner, &rel, item, &Token::new(&rel, Op::Append))
    }

    /// `c.posts.remove(p)`: the first copy of p goes; p must be in the list.
    pub fn remove(&mut self, coll: &Collection, item: &Rc<Instance>) -> Result<()> {
        crate::orm::retire::check_rel(&coll.rel)?;
        if !coll.contains(item) {
            return Err(Error::value("list.remove(x): x not in list"));
        }
        self.remove_with_backref(coll, item)
    }

    /// Take the first copy of `item` out of a collection (or queue its
    /// removal from a dynamic one), keeping the other side in step.
    pub(crate) fn remove_with_backref(
        &mut self,
        coll: &Collection,
        item: &Rc<Instance>,
    ) -> Result<()> {
        let rel = coll.rel.clone();
        let owner = coll.owner.clone();
        // The event comes before the removal, so a second copy counts.
        let dupes = count_in(&coll.snapshot(), item) > 1;
        let i = self.ensure_slot(&owner, &rel);
        if self.slot_in_memory(&owner, &rel, i) {
            let at = coll.items.borrow().iter().position(|x| Rc::ptr_eq(x, item));
            if let Some(at) = at {
                self.journal(&owner);
                coll.items.borrow_mut().remove(at);
            }
        } else {
            queue_remove(&mut self.edit(&owner).rels[i], coll, item);
        }
        self.touch(&owner);
        self.remove_event(&owner, &rel, item, &Token::new(&rel, Op::Remove), dupes)
    }

    /// `c.posts.pop(i)`: the event comes after the removal, so only a copy
    /// left behind keeps the other side.
    pub fn pop_at(&mut self, coll: &Collection, at: usize) -> Result<Rc<Instance>> {
        let rel = coll.rel.clone();
        let owner = coll.owner.clone();
        self.journal(&owner);
        let item = coll.items.borrow_mut().remove(at);
        let dupes = count_in(&coll.snapshot(), &item) > 1;
        self.touch(&owner);
        self.remove_event(&owner, &rel, &item, &Token::new(&rel, Op::Remove), dupes)?;
        Ok(item)
    }

    /// `c.posts.clear()`: every member gets its event while the list is
    /// still whole, then the list empties.
    pub fn clear(&mut self, coll: &Collection) -> Result<()> {
        let rel = coll.rel.clone();
        let owner = coll.owner.clone();
        let items = coll.snapshot();
        let t = Token::new(&rel, Op::Remove);
        for x in &items {
            let dupes = count_in(&items, x) > 1;
            self.remove_event(&owner, &rel, x, &t, dupes)?;
        }
        self.journal(&owner);
        coll.items.borrow_mut().clear();
        self.touch(&owner);
        Ok(())
    }

    /// `c.posts = [a, b]`: the collection becomes exactly `items`, in that
    /// order; members new to it get their events first, then the ones left
    /// out (SQLAlchemy's `bulk_replace`).
    pub fn set_collection(
        &mut self,
        inst: &Rc<Instance>,
        rel: &Rc<Rel>,
        items: Vec<Rc<Instance>>,
    ) -> Result<()> {
        for it in &items {
            check_target(rel, it)?;
        }
        let Some(coll) = self.get_rel(inst, rel)?.downcast::<Collection>() else {
            return Ok(());
        };
        let old = coll.snapshot();
        self.journal(inst);
        *coll.items.borrow_mut() = items.clone();
        self.touch(inst);
        let t = Token::new(rel, Op::Replace);
        for it in items.iter().filter(|x| !ptr_in(&old, x)) {
            self.append_event(inst, rel, it, &t)?;
        }
        let mut gone: Vec<Rc<Instance>> = Vec::new();
        for x in old.iter().filter(|x| !ptr_in(&items, x)) {
            if !ptr_in(&gone, x) {
                gone.push(x.clone());
            }
        }
        for x in &gone {
            self.remove_event(inst, rel, x, &t, false)?;
        }
        Ok(())
    }

    /// A pending object taken out of a delete-orphan relationship of an
    /// object in the session leaves the session when it is an orphan
    /// (SQLAlchemy expunges pending orphans at once; persistent ones are
    /// deleted at flush).
    fn expunge_pending_orphan(&mut self, parent: &Rc<Instance>, rel: &Rel, item: &Rc<Instance>) {
        if rel.cascade.delete_orphan
            && self.contains(parent)
            && item.status() == Status::Pending
            && self.is_orphan(item)
        {
            self.expunge(item);
        }
    }

    /// SQLAlchemy's `Mapper._is_orphan`: some delete-orphan relationship
    /// to the object's model has no parent holding it, as the attribute
    /// events left it; where no event ever said, an object with a row is
    /// assumed held and a new one is not.
    pub fn is_orphan(&self, item: &Rc<Instance>) -> bool {
        let persistent = item.st.borrow().key.is_some();
        self.mapping.rels.values().any(|rel| {
            rel.cascade.delete_orphan
                && rel.target.name == item.model.name
                && !flag_of(item, rel).unwrap_or(persistent)
        })
    }

    /// SQLAlchemy's `sethasparent`: `item` is now held (or let go) by `parent`
    /// through `rel`. Letting go is ignored when another object, with another
    /// identity, took `item` meanwhile (it moved).
    fn set_has_parent(
        &mut self,
        item: &Rc<Instance>,
        rel: &Rel,
        parent: &Rc<Instance>,
        held: bool,
    ) {
        let st = item.st.borrow();
        let at = st
            .parents
            .iter()
            .position(|f| f.rel == rel.name && f.model == rel.owner.name);
        if !held
            && let Some(i) = at
            && let Some(last) = &st.parents[i].parent
            && let Some(last) = last.upgrade()
            && !Rc::ptr_eq(&last, parent)
            && !same_identity(&last, parent)
        {
            return;
        }
        if let Some(i) = at
            && st.parents[i].parent.as_ref().map(Weak::as_ptr) == held.then_some(Rc::as_ptr(parent))
        {
            return;
        }
        drop(st);
        let mut st = self.edit(item);
        let value = held.then(|| Rc::downgrade(parent));
        match at {
            Some(i) => st.parents[i].parent = value,
            None => st.parents.push(ParentFlag {
                model: rel.owner.name.clone(),
                rel: rel.name.clone(),
                parent: value,
            }),
        }
    }

    /// Whether the attribute events left `child` held through `rel`
    /// (SQLAlchemy's `DependencyProcessor.hasparent`, not optimistic).
    pub fn has_parent(child: &Instance, rel: &Rel) -> bool {
        flag_of(child, rel).unwrap_or(false)
    }
}

/// The hasparent record of `item` for `rel`: Some(held) once an event said.
fn flag_of(item: &Instance, rel: &Rel) -> Option<bool> {
    let st = item.st.borrow();
    st.parents
        .iter()
        .find(|f| f.rel == rel.name && f.model == rel.owner.name)
        .map(|f| f.parent.is_some())
}

/// Two objects with the same identity key (or both without one).
fn same_identity(a: &Instance, b: &Instance) -> bool {
    if a.model.table != b.model.table {
        return false;
    }
    let (ka, kb) = (a.st.borrow().key.clone(), b.st.borrow().key.clone());
    match (ka, kb) {
        (None, None) => true,
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

fn check_target(rel: &Rel, v: &Instance) -> Result<()> {
    crate::orm::retire::check_rel(rel)?;
    crate::orm::retire::check_object(v)?;
    if v.model.name != rel.target.name {
        return Err(Error::type_(format!(
            "{}.{} holds {} objects, not {}",
            rel.owner.name, rel.name, rel.target.name, v.model.name
        )));
    }
    Ok(())
}
