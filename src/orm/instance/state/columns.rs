//! Column values of an object's state and their history: values given,
//! assigned with history, loaded, expired and committed (SQLAlchemy's
//! `InstanceState` dict, `committed_state` and `expired_attributes`).

use super::InstState;
use crate::orm::history::no_value;
use crate::orm::instance::{ColumnFlags, Status};
use crate::value::Value;

impl InstState {
    /// Give column `i` value `v` without history (a load, a new object's
    /// attribute, a value a flush wrote): it counts as set.
    pub fn set_value(&mut self, i: usize, v: Value) {
        self.values[i] = v;
        self.set.mark(i);
        if let Some(r) = self.rare.as_deref_mut() {
            r.deferred.put(i, false);
        }
    }

    /// Column `i` back to no value, as if never given one.
    pub fn unset_value(&mut self, i: usize) {
        self.values[i] = Value::None;
        self.set.put(i, false);
    }

    /// Put every column of a loaded row (`value(i)` gives column `i`).
    pub fn load_row(&mut self, mut value: impl FnMut(usize) -> Value) {
        for i in 0..self.values.len() {
            self.set_value(i, value(i));
        }
    }

    /// Assign column `i` as an attribute set event does
    /// (`ScalarAttributeImpl.set`): a persistent or detached object keeps
    /// its committed values first, and a column set while expired records
    /// `NO_VALUE` as its old value and is no longer expired; so does one
    /// never given a value (left out of the object's dict: a column its
    /// INSERT left NULL without a default). The column counts as touched
    /// (a new object's old value is `NO_VALUE`).
    pub fn assign(&mut self, i: usize, v: Value) {
        let has_row = matches!(self.status, Status::Persistent | Status::Detached);
        if has_row && self.committed.is_none() {
            self.committed = Some(Box::new(self.values.clone()));
        }
        if has_row
            && !self.set.get(i)
            && !self.touched.get(i)
            && let Some(c) = self.committed.as_mut()
        {
            c[i] = no_value();
        }
        if self.column_expired(i) {
            if let Some(c) = self.committed.as_mut() {
                c[i] = no_value();
            }
            self.fresh.mark(i);
            self.rare_mut().set_while_expired.mark(i);
        }
        if self.committed.is_some() || self.is_new() {
            self.touched.mark(i);
        }
        self.set_value(i, v);
    }

    /// `flag_modified(obj, key)` of a row's column `i`: its old value
    /// becomes `NO_VALUE` unless one is kept already (SQLAlchemy's
    /// `_modified_event(dict_, impl, NO_VALUE)`), so the flush writes it.
    pub fn flag_modified(&mut self, i: usize) {
        if !matches!(self.status, Status::Persistent | Status::Detached) {
            return;
        }
        if self.committed.is_none() {
            self.committed = Some(Box::new(self.values.clone()));
        }
        if !self.touched.get(i)
            && let Some(c) = self.committed.as_mut()
        {
            c[i] = no_value();
        }
        self.touched.mark(i);
    }

    /// A value the database now holds for column `i` (a bulk UPDATE's
    /// SET, a parent's key cascaded), not a change: the committed value
    /// follows it too.
    pub fn set_committed_value(&mut self, i: usize, v: Value) {
        if let Some(c) = self.committed.as_mut() {
            c[i] = v.clone();
        }
        self.set_value(i, v);
    }

    /// A value the flush wrote (an `onupdate` result, a merged value
    /// without load): set, and no longer expired if the object is.
    pub fn set_fresh_value(&mut self, i: usize, v: Value) {
        self.set_value(i, v);
        if self.expired {
            self.fresh.mark(i);
        }
    }

    /// After a merge without load filled a new object: when every column
    /// is fresh, the object is not expired at all.
    pub fn unexpire_if_all_fresh(&mut self) {
        if self.fresh.all_of(self.values.len()) {
            self.forget_expiry();
        }
    }

    /// Load a row into the expired columns (`row(i)` gives column `i`);
    /// those set since the expiry keep their values and history
    /// (SQLAlchemy's partial population with `state._commit(keys)`). No
    /// effect when nothing is expired.
    pub fn load_expired(&mut self, mut row: impl FnMut(usize) -> Value) {
        if !self.expired {
            return;
        }
        for i in 0..self.values.len() {
            if self.fresh.get(i) {
                continue;
            }
            self.set_committed_value(i, row(i));
        }
        self.forget_expiry();
        self.stale = false;
    }

    /// Load the row's values into the expired columns among `columns`
    /// only (SQLAlchemy's refresh with `attribute_names`, whose
    /// `only_load_props` populates just those); the other expired columns
    /// stay expired.
    pub fn load_expired_columns(&mut self, columns: &[usize], mut row: impl FnMut(usize) -> Value) {
        if !self.expired {
            return;
        }
        for &i in columns {
            if self.fresh.get(i) {
                continue;
            }
            self.set_committed_value(i, row(i));
            self.fresh.mark(i);
        }
        if self.fresh.all_of(self.values.len()) {
            self.forget_expiry();
            self.stale = false;
        }
    }

    /// No column expired any more (`expired_attributes` emptied).
    pub fn forget_expiry(&mut self) {
        self.expired = false;
        self.fresh.clear();
        if let Some(r) = self.rare.as_deref_mut() {
            r.set_while_expired.clear();
        }
    }

    /// Expire the object whole (SQLAlchemy's `InstanceState._expire`):
    /// every column reloads when read, unflushed changes and the parent
    /// records are forgotten.
    pub fn expire(&mut self) {
        self.expired = true;
        self.stale = true;
        self.fresh.clear();
        if let Some(r) = self.rare.as_deref_mut() {
            r.deferred.clear();
            r.set_while_expired.clear();
            r.parents.clear();
            r.row_key = None;
        }
        self.clear_committed();
    }

    /// Expire only `columns` (SQLAlchemy's `_expire_attributes`): their
    /// changes are forgotten; other expired columns stay expired.
    pub fn expire_columns(&mut self, columns: &[usize]) {
        if columns.is_empty() {
            return;
        }
        if !self.expired {
            self.expired = true;
            self.fresh = ColumnFlags::all(self.values.len());
            if let Some(r) = self.rare.as_deref_mut() {
                r.set_while_expired.clear();
            }
        }
        self.stale = true;
        for &i in columns {
            if let Some(r) = self.rare.as_deref_mut() {
                r.deferred.put(i, false);
            }
            self.fresh.put(i, false);
            self.touched.put(i, false);
            let v = self.values[i].clone();
            if let Some(old) = self.committed.as_mut() {
                old[i] = v;
            }
        }
    }

    /// Give the columns never set (and not expired) the values `value(i)`
    /// gives, as loaded, with no history: SQLAlchemy's `_populate_partial`
    /// of `state.unloaded` when a query meets an object already in the
    /// identity map (a row switch leaves the columns the new object was
    /// not given unset).
    pub fn fill_unset(&mut self, mut value: impl FnMut(usize) -> Value) {
        for i in 0..self.values.len() {
            if self.set.get(i) || self.column_expired(i) {
                continue;
            }
            let v = value(i);
            if let Some(old) = self.committed.as_mut() {
                old[i] = v.clone();
            }
            self.set_value(i, v);
        }
    }

    /// Expire the columns never set (`state.unloaded`), as
    /// `make_transient_to_detached` leaves them.
    pub fn expire_unset(&mut self) {
        if !self.all_set() {
            self.expired = true;
            self.fresh = self.set.clone();
        }
    }

    /// After an INSERT: the columns it left to a server default (None
    /// here) are expired, the rest are not.
    pub fn expire_server_defaults(&mut self, defaulted: impl Fn(usize) -> bool) {
        let unread: Vec<usize> = (0..self.values.len())
            .filter(|&i| defaulted(i) && matches!(self.values[i], Value::None))
            .collect();
        if unread.is_empty() {
            return;
        }
        self.expired = true;
        let mut fresh = self.set.clone();
        for i in unread {
            fresh.put(i, false);
        }
        self.fresh = fresh;
    }

    /// `make_transient`: expired values are gone (they read as None).
    pub fn drop_expired_values(&mut self) {
        if !self.expired {
            return;
        }
        for i in 0..self.values.len() {
            if self.column_expired(i) {
                self.unset_value(i);
            }
        }
        self.forget_expiry();
        self.stale = false;
    }

    /// SQLAlchemy's `state._commit_all` for columns: the current values
    /// are the committed ones (no history).
    pub fn forget_history(&mut self) {
        self.clear_committed();
    }

    /// Only what reading an expired object again changes would change
    /// (it holds no relationships, no column set since, no history).
    pub fn only_expired(&self) -> bool {
        self.expired && self.rels.is_empty() && !self.fresh.any() && self.committed.is_none()
    }
}
