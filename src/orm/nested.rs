//! Nested transactions (SAVEPOINTs), as SQLAlchemy 2's
//! `SessionTransaction` with `nested=True` keeps them: each records, weakly
//! (`weakref.WeakKeyDictionary`), the objects its flushes inserted
//! (`_new`), updated (`_dirty`) and deleted (`_deleted`) and the identity
//! keys they switched (`_key_switches`). Committing one hands its records
//! to the enclosing nested transaction (`_remove_snapshot`); rolling one
//! back restores the objects as `_restore_snapshot(dirty_only=True)`
//! does: what it inserted and what is pending leaves the session
//! (transient), its key switches go back, its deletions and the pending
//! ones are undone, and the objects it updated or that have changes not
//! flushed are expired — objects untouched since it began keep their
//! state. A flush failing inside one rolls back only it, which then
//! refuses statements until it is ended (`sp.rollback()`, its `with`
//! block), and the enclosing transaction goes on. The database side —
//! the SAVEPOINT statements, taken lazily — is the engine's
//! (`engine::savepoint`); `eval::session_nested` is the Python surface.

use std::rc::{Rc, Weak};

use rustc_hash::FxHashSet as HashSet;

use crate::error::Result;
use crate::orm::instance::{Instance, Key, Status};
use crate::orm::session::Session;
use crate::value::Value;

/// One open nested transaction.
pub struct NestedTx {
    /// Which one (the `SessionTransaction` handle names it).
    pub id: u64,
    /// Objects its flushes inserted (`_new`).
    new: Vec<Weak<Instance>>,
    /// Objects its flushes updated (`_dirty`).
    dirty: Vec<Weak<Instance>>,
    /// Objects its flushes deleted (`_deleted`).
    deleted: Vec<Weak<Instance>>,
    /// Identity keys its flushes changed: object, key before, key after.
    key_switches: Vec<(Weak<Instance>, Key, Key)>,
    /// What each of `new`, `dirty` and `deleted` holds, so an object is
    /// listed once however often it is flushed (a `Weak` keeps its
    /// allocation, so no other object takes its address meanwhile).
    listed: [HashSet<*const Instance>; 3],
    /// A failed flush rolled it back: it refuses statements until it is
    /// ended (SQLAlchemy's `DEACTIVE` state).
    pub deactive: bool,
    /// The `SessionTransaction` given for it
    /// (`get_nested_transaction()` returns the same object).
    pub handle: Option<Value>,
}

/// What a flush did to an object, for the innermost nested transaction's
/// records.
#[derive(Clone, Copy)]
pub enum Noted {
    Inserted,
    Updated,
    Deleted,
}

/// The objects of a weak list still alive, each once.
fn alive(list: &[Weak<Instance>]) -> Vec<Rc<Instance>> {
    let mut seen: HashSet<*const Instance> = HashSet::default();
    list.iter()
        .filter_map(Weak::upgrade)
        .filter(|x| seen.insert(Rc::as_ptr(x)))
        .collect()
}

impl Session {
    /// Begin a nested transaction (the caller has flushed, as
    /// `_take_snapshot` does); its id. Its SAVEPOINT waits for its first
    /// statement. A barrier for the running statement's undo.
    pub fn begin_nested(&mut self) -> u64 {
        self.autobegin();
        self.nested_ids += 1;
        self.nested.push(NestedTx {
            id: self.nested_ids,
            new: Vec::new(),
            dirty: Vec::new(),
            deleted: Vec::new(),
            key_switches: Vec::new(),
            listed: Default::default(),
            deactive: false,
            handle: None,
        });
        self.engine.begin_nested();
        self.statement_barrier(false);
        self.nested_ids
    }

    /// How deep the open nested transactions are (0: none).
    pub fn nested_depth(&self) -> usize {
        self.nested.len()
    }

    /// Where the nested transaction `id` is in the stack, if still open.
    pub fn nested_level(&self, id: u64) -> Option<usize> {
        self.nested.iter().position(|n| n.id == id)
    }

    /// The innermost nested transaction, if any.
    pub fn innermost_nested(&self) -> Option<&NestedTx> {
        self.nested.last()
    }

    /// Keep the `SessionTransaction` given for the innermost one.
    pub fn set_nested_handle(&mut self, handle: Value) {
        if let Some(n) = self.nested.last_mut() {
            n.handle = Some(handle);
        }
    }

    /// A flush inserted, updated or deleted `inst`: the innermost nested
    /// transaction records it.
    pub(crate) fn note_nested(&mut self, what: Noted, inst: &Rc<Instance>) {
        let Some(n) = self.nested.last_mut() else {
            return;
        };
        let (list, i) = match what {
            Noted::Inserted => (&mut n.new, 0),
            Noted::Updated => (&mut n.dirty, 1),
            Noted::Deleted => (&mut n.deleted, 2),
        };
        if n.listed[i].insert(Rc::as_ptr(inst)) {
            list.push(Rc::downgrade(inst));
        }
    }

    /// A flush changed `inst`'s identity key from `old` to `new`.
    pub(crate) fn note_key_switch(&mut self, inst: &Rc<Instance>, old: &Key, new: &Key) {
        if let Some(n) = self.nested.last_mut() {
            n.key_switches
                .push((Rc::downgrade(inst), old.clone(), new.clone()));
        }
    }

    /// The innermost nested transaction commits (the caller has flushed):
    /// `RELEASE SAVEPOINT`, and its records go to the enclosing one.
    pub fn commit_nested(&mut self) -> Result<()> {
        let Some(n) = self.nested.pop() else {
            return Ok(());
        };
        let r = self.engine.release_nested();
        if let Some(parent) = self.nested.last_mut() {
            let lists = [n.new, n.dirty, n.deleted];
            for (i, list) in lists.into_iter().enumerate() {
                for w in list {
                    if parent.listed[i].insert(w.as_ptr()) {
                        match i {
                            0 => parent.new.push(w),
                            1 => parent.dirty.push(w),
                            _ => parent.deleted.push(w),
                        }
                    }
                }
            }
            parent.key_switches.extend(n.key_switches);
        }
        self.after_nested_ends();
        r
    }

    /// The innermost nested transaction rolls back (`ROLLBACK TO
    /// SAVEPOINT`) and is ended; one a failed flush rolled back already
    /// is only ended, what changed since being discarded with
    /// SQLAlchemy's warning.
    pub fn rollback_nested(&mut self) -> Result<()> {
        let Some(n) = self.nested.last() else {
            return Ok(());
        };
        let r = if n.deactive {
            if self.has_changes() {
                self.warnings.push(
                    "warning: Session's state has been changed on a non-active transaction - this state will be discarded. (SQLAlchemy's SAWarning: what was added, deleted or changed since the failed flush is undone by this rollback)"
                        .into(),
                );
                self.restore_nested();
            }
            Ok(())
        } else {
            let r = self.engine.rollback_nested();
            self.restore_nested();
            r
        };
        self.nested.pop();
        self.after_nested_ends();
        r
    }

    /// A flush failed inside the innermost nested transaction: it is
    /// rolled back to its savepoint and refuses statements until ended;
    /// the enclosing transaction is untouched.
    pub(crate) fn deactivate_nested(&mut self) {
        let _ = self.engine.rollback_nested();
        self.restore_nested();
        if let Some(n) = self.nested.last_mut() {
            n.deactive = true;
        }
        self.engine.set_nested_inactive(true);
        self.statement_barrier(false);
    }

    /// Every nested transaction is ended, innermost first, ahead of the
    /// whole transaction's commit (`release`: `RELEASE SAVEPOINT` each)
    /// or rollback (`ROLLBACK TO SAVEPOINT` each one still active).
    pub(crate) fn end_all_nested(&mut self, release: bool) -> Result<()> {
        let mut first_err = Ok(());
        while let Some(n) = self.nested.pop() {
            // An inactive one's savepoint was rolled back already.
            let r = match (release, n.deactive) {
                (_, true) => Ok(()),
                (true, false) => self.engine.release_nested(),
                (false, false) => self.engine.rollback_nested(),
            };
            if first_err.is_ok() {
                first_err = r;
            }
        }
        first_err
    }

    /// After a nested transaction ended: the enclosing one is active
    /// (SQLAlchemy begins a nested one only inside an active one), and the
    /// running statement's undo starts again here.
    fn after_nested_ends(&mut self) {
        self.engine.set_nested_inactive(false);
        self.statement_barrier(false);
    }

    /// SQLAlchemy's `_restore_snapshot(dirty_only=True)` for the innermost
    /// nested transaction.
    fn restore_nested(&mut self) {
        let Some(n) = self.nested.last() else {
            return;
        };
        let inserted = alive(&n.new);
        let updated = alive(&n.dirty);
        let deleted = alive(&n.deleted);
        let switches: Vec<(Rc<Instance>, Key, Key)> = (n.key_switches.iter().rev())
            .filter_map(|(w, old, new)| Some((w.upgrade()?, old.clone(), new.clone())))
            .collect();
        // What it inserted, and what is pending, leaves the session.
        for inst in self.new.take() {
            inst.st.borrow_mut().back_to_transient();
        }
        let gone: HashSet<*const Instance> = inserted.iter().map(Rc::as_ptr).collect();
        for inst in &inserted {
            if let Some(key) = inst.st.borrow_mut().roll_back_insert() {
                self.identity.remove_if(&(inst.model.id, key), inst);
            }
        }
        let keep = |x: &Rc<Instance>| !gone.contains(&Rc::as_ptr(x));
        self.inserted_in_tx.retain(keep);
        self.updated_in_tx.retain(keep);
        self.deleted_in_tx.retain(keep);
        // Its key switches go back, latest first.
        for (inst, old, new) in switches {
            if gone.contains(&Rc::as_ptr(&inst)) {
                continue;
            }
            self.identity.remove_if(&(inst.model.id, new), &inst);
            inst.st.borrow_mut().nested_key_back(old.clone());
            if inst.status() == Status::Persistent {
                self.identity.insert((inst.model.id, old), &inst);
            }
        }
        // Its deletions, and those not flushed, are undone.
        let undeleted: HashSet<*const Instance> = deleted.iter().map(Rc::as_ptr).collect();
        for inst in &deleted {
            if gone.contains(&Rc::as_ptr(inst)) {
                continue;
            }
            let back = inst.st.borrow_mut().roll_back_delete();
            if let Some(key) = back {
                self.identity.insert((inst.model.id, key), inst);
            }
        }
        self.deleted_in_tx
            .retain(|x| !undeleted.contains(&Rc::as_ptr(x)));
        for inst in self.deleted.take() {
            inst.st.borrow_mut().undelete();
        }
        // What it updated, and what has changes not flushed, is expired.
        let mut expire: HashSet<*const Instance> = updated.iter().map(Rc::as_ptr).collect();
        for x in self.dirty.iter().chain(self.touched.iter()) {
            expire.insert(Rc::as_ptr(x));
        }
        for inst in self.identity.alive() {
            if expire.contains(&Rc::as_ptr(&inst)) {
                inst.st.borrow_mut().expire();
                Session::expire_rels(&inst);
            }
        }
        self.touched.retain(|i| i.is_new());
        for inst in self.dirty.take() {
            inst.st.borrow_mut().set_in_dirty_list(false);
        }
    }
}

impl Session {
    /// What rolling back the innermost nested transaction would undo, each
    /// object counted once: objects added (pending, or inserted by its
    /// flushes), changed (with changes not flushed, or updated by its
    /// flushes), deleted (marked, or deleted by its flushes).
    pub(crate) fn nested_discards(&self) -> (usize, usize, usize) {
        let Some(n) = self.nested.last() else {
            return (0, 0, 0);
        };
        let count = |a: &[Rc<Instance>], b: Vec<Rc<Instance>>| {
            let mut seen: HashSet<*const Instance> = a.iter().map(Rc::as_ptr).collect();
            seen.extend(b.iter().map(Rc::as_ptr));
            seen.len()
        };
        let changed: Vec<Rc<Instance>> = (self.dirty.iter())
            .filter(|i| !i.changed_columns().is_empty())
            .cloned()
            .collect();
        (
            count(&self.new, alive(&n.new)),
            count(&changed, alive(&n.dirty)),
            count(&self.deleted, alive(&n.deleted)),
        )
    }
}
