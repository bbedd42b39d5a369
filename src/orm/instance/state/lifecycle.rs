//! An object's moves between SQLAlchemy's five states, its deletion
//! marks, its place in the dirty list and in the open transaction, and
//! the bookkeeping of the statement undo record.

use super::InstState;
use crate::orm::instance::{Key, Status};

impl InstState {
    /// Added to the session without a row: pending, the `order`-th of
    /// its new objects (SQLAlchemy's `insert_order`).
    pub fn make_pending(&mut self, order: usize) {
        self.status = Status::Pending;
        self.insert_order = u32::try_from(order).unwrap_or(u32::MAX);
    }

    /// A pending object leaves the session (a rollback, `expunge_all`):
    /// transient again.
    pub fn back_to_transient(&mut self) {
        self.status = Status::Transient;
    }

    /// Out of the session with its identity: detached.
    pub fn detach(&mut self) {
        self.status = Status::Detached;
    }

    /// A row of the database turned into this object: persistent (or
    /// detached when its model was replaced) with identity `key`.
    pub fn become_loaded(&mut self, key: Key, live: bool) {
        self.status = if live {
            Status::Persistent
        } else {
            Status::Detached
        };
        self.key = Some(key);
    }

    /// Known to have row `key` without its values: persistent, every
    /// column expired (`merge(load=False)`).
    pub fn become_persistent_unloaded(&mut self, key: Key) {
        self.status = Status::Persistent;
        self.key = Some(key);
        self.expired = true;
    }

    /// Inserted by a flush with identity `key` (SQLAlchemy's
    /// `_register_persistent`, after `_commit_all`: no history).
    pub fn become_inserted(&mut self, key: Key) {
        self.status = Status::Persistent;
        self.key = Some(key);
        self.clear_committed();
        self.clear_expired_kept();
    }

    /// Given the identity of row `key` while transient
    /// (`make_transient_to_detached`): detached, not deleted, no history,
    /// the columns never set expired.
    pub fn become_detached_with(&mut self, key: Key) {
        self.key = Some(key);
        self.status = Status::Detached;
        self.was_deleted = false;
        self.clear_committed();
        self.clear_expired_kept();
        self.expire_unset();
    }

    /// Attached again to the session (`add()` of a detached object, a
    /// deleted one given to `delete()`): persistent, still deleted if a
    /// flush deleted it.
    pub fn reattach(&mut self) {
        if self.status == Status::Deleted {
            self.was_deleted = true;
        }
        self.status = Status::Persistent;
    }

    /// Deleted by a flush, or found gone (`_remove_newly_deleted`): its
    /// deletion mark is spent.
    pub fn become_deleted(&mut self) {
        self.status = Status::Deleted;
        self.marked_deleted = false;
    }

    /// A deleted object leaves the session (commit, `expunge_all`):
    /// detached, remembered as deleted. Other states are left alone.
    pub fn detach_if_deleted(&mut self) {
        if self.status == Status::Deleted {
            self.status = Status::Detached;
            self.was_deleted = true;
        }
    }

    /// Out of the session (`Session.expunge`): pending becomes transient,
    /// the rest detached; deletion marks and the dirty list are left.
    /// Returns the status it had.
    pub fn expunge(&mut self) -> Status {
        let was = self.status;
        self.status = match was {
            Status::Pending | Status::Transient => Status::Transient,
            Status::Deleted => {
                self.was_deleted = true;
                Status::Detached
            }
            Status::Persistent | Status::Detached => Status::Detached,
        };
        self.marked_deleted = false;
        self.in_dirty_list = false;
        was
    }

    /// Detached by `expunge_all` (the identity map drained).
    pub fn detach_all(&mut self) {
        self.status = Status::Detached;
        self.in_dirty_list = false;
        self.marked_deleted = false;
    }

    /// `orm.make_transient`: no identity, not deleted; values held stay
    /// with their history (SQLAlchemy leaves `committed_state`), expired
    /// ones are gone.
    pub fn make_transient(&mut self) {
        if self.is_wholly_expired() {
            self.keep_expired();
        }
        self.drop_expired_values();
        self.status = Status::Transient;
        self.key = None;
        self.forget_tx_key();
        self.was_deleted = false;
    }

    /// A rollback undoes the insert of this object: transient without
    /// identity, deleted if a flush deleted it; what `expire()` expired
    /// stays so. Returns the key it had. One whose key a later flush of
    /// the transaction changed gets its inserted key back and, out of the
    /// session, is detached (SQLAlchemy's `_restore_snapshot` expunges
    /// the new objects, then sets every `_key_switches` key back).
    pub fn roll_back_insert(&mut self) -> Option<Key> {
        if self.status == Status::Deleted {
            self.was_deleted = true;
        }
        self.status = Status::Transient;
        // The server defaults a flush left unread are not kept expired.
        if !self.stale {
            self.forget_expiry();
        }
        let key = self.key.take();
        if let Some(orig) = self.rare.as_deref_mut().and_then(|r| r.tx_key.take()) {
            self.key = Some(orig);
            self.status = Status::Detached;
            // Re-keyed by the transaction's flush: SQLAlchemy gives back
            // the old key (`_key_switches`) but keeps the values the flush
            // committed, so a later DELETE or UPDATE names the row by them.
            if let Some(now) = &key {
                self.set_row_key(now.clone());
            }
        }
        key
    }

    /// A rollback brings back an object a flush deleted: persistent, not
    /// deleted. Returns its key (None: inserted by the transaction too,
    /// or detached, left alone).
    pub fn roll_back_delete(&mut self) -> Option<Key> {
        // Out of the session (expunged, or inserted by the transaction and
        // given its inserted key back): left detached and deleted, as
        // SQLAlchemy's `_update_impl(revert_deletion=True)` leaves an
        // object that is not attached.
        if self.status == Status::Detached {
            return None;
        }
        let key = self.key.clone()?;
        self.status = Status::Persistent;
        self.was_deleted = false;
        Some(key)
    }

    /// Given to `delete()`: marked for the next flush. False if it was
    /// already.
    pub fn mark_deleted(&mut self) -> bool {
        !std::mem::replace(&mut self.marked_deleted, true)
    }

    /// No longer marked for deletion (`add()` again, a rollback); also
    /// forgets a deletion by a flush. True if it was marked.
    pub fn unmark_deleted(&mut self) -> bool {
        std::mem::replace(&mut self.marked_deleted, false)
    }

    /// A rollback: neither marked for deletion nor deleted.
    pub fn undelete(&mut self) {
        self.marked_deleted = false;
        self.was_deleted = false;
    }

    /// Enter or leave the session's list of modified objects.
    pub fn set_in_dirty_list(&mut self, on: bool) {
        self.in_dirty_list = on;
    }

    /// Flushed (SQLAlchemy's `_commit_all` after a flush): out of the
    /// dirty list, the current values are the committed ones.
    pub fn commit_all(&mut self) {
        self.in_dirty_list = false;
        self.clear_committed();
    }

    /// Updated by a flush of the open transaction; true the first time
    /// (so the caller lists it once).
    pub fn note_updated_in_tx(&mut self) -> bool {
        !std::mem::replace(&mut self.updated_in_tx, true)
    }

    /// The transaction ended: not updated in it, no key to restore.
    pub fn end_transaction(&mut self) {
        self.updated_in_tx = false;
        self.forget_tx_key();
    }

    /// No key to restore at a rollback.
    fn forget_tx_key(&mut self) {
        if let Some(r) = self.rare.as_deref_mut() {
            r.tx_key = None;
        }
    }

    /// A flushed key change: the identity becomes `new`, the key the
    /// transaction began with is kept for a rollback.
    pub fn rekey(&mut self, old: &Key, new: Key) {
        let r = self.rare_mut();
        if r.tx_key.is_none() {
            r.tx_key = Some(old.clone());
        }
        self.key = Some(new);
    }

    /// Rollback of a key change: the key the transaction began with, if
    /// it changed and the object still has a row (persistent or deleted),
    /// with the key it has now.
    pub fn take_tx_key(&mut self) -> Option<(Key, Option<Key>)> {
        let orig = self.rare.as_deref_mut().and_then(|r| r.tx_key.take());
        // An object expunged since keeps its place in the transaction: a
        // rollback restores its key too (SQLAlchemy's `_key_switches`).
        if !matches!(
            self.status,
            Status::Persistent | Status::Deleted | Status::Detached
        ) {
            return None;
        }
        Some((orig?, self.key.clone()))
    }

    /// A nested transaction's key change rolled back: the identity key
    /// is `key` again, and if that is the key the transaction began with,
    /// there is no change left for its own rollback.
    pub fn nested_key_back(&mut self, key: Key) {
        if self.rare.as_deref().and_then(|r| r.tx_key.as_ref()) == Some(&key) {
            self.forget_tx_key();
        }
        self.key = Some(key);
    }

    /// The identity key becomes `key` again (a rolled-back key change).
    pub fn restore_key(&mut self, key: Key) {
        self.key = Some(key);
    }

    /// An object an interrupted statement made, put back: one it added
    /// leaves without identity, one it loaded stays persistent and
    /// expired; neither keeps flags of the statement.
    pub fn settle_made(&mut self, added: bool) {
        self.marked_deleted = false;
        self.in_dirty_list = false;
        self.updated_in_tx = false;
        self.rel_touched = false;
        self.clear_committed();
        if let Some(r) = self.rare.as_deref_mut() {
            r.set_while_expired.clear();
        }
        if added {
            self.status = Status::Transient;
            self.key = None;
            self.expired = false;
        } else {
            self.status = Status::Persistent;
            self.expired = true;
        }
    }

    /// Undo an INSERT of the interrupted statement: pending again without
    /// identity, expired as it was, the autoincrement key column back to
    /// unset (`auto_pk`: the column and whether it was set).
    pub fn undo_insert(&mut self, auto_pk: Option<(usize, bool)>, expired: bool) {
        self.status = Status::Pending;
        self.key = None;
        self.expired = expired;
        if !expired {
            self.fresh.clear();
        }
        if let Some((i, was_set)) = auto_pk {
            self.unset_value(i);
            self.set.put(i, was_set);
        }
        self.undo_light = false;
    }

    /// Undo a reload of an expired object: expired again.
    pub fn undo_refresh(&mut self) {
        self.expired = true;
        self.clear_committed();
        self.undo_light = false;
    }

    /// Whether the undo record saved this state in statement `epoch`, and
    /// whether only in part.
    pub fn undo_saved(&self, epoch: u64) -> Option<bool> {
        (self.undo_epoch == epoch).then_some(self.undo_light)
    }

    /// Saved by the undo record in statement `epoch`, whole or in part
    /// (`light`).
    pub fn note_undo_saved(&mut self, epoch: u64, light: bool) {
        self.undo_epoch = epoch;
        self.undo_light = light;
    }
}
