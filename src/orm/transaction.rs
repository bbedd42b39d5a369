//! Ending the session's transaction: commit, rollback (SQLAlchemy's
//! `_restore_snapshot`), and expiry, which both end with. Commits and
//! rollbacks are barriers for the running statement's undo (`orm::undo`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::instance::{ColumnFlags, Instance, Status};
use crate::orm::session::Session;

impl Session {
    /// Commit: the caller has flushed. Expires everything loaded. A COMMIT
    /// that fails (a deferred foreign key, a busy file) rolls the session
    /// back as a failed flush does (`orm::failed`).
    pub fn commit(&mut self) -> Result<()> {
        let shield = crate::interrupt::shield();
        let r = self.engine.commit();
        drop(shield);
        if let Err(e) = r {
            return Err(crate::orm::failed::roll_back(self, e, None));
        }
        self.inserted_in_tx.clear();
        self.forget_updates();
        // Objects whose rows the transaction deleted leave the session,
        // detached and marked as deleted (SQLAlchemy's `_remove_snapshot`).
        for inst in self.deleted_in_tx.take() {
            let mut st = inst.st.borrow_mut();
            if st.status == Status::Deleted {
                st.status = Status::Detached;
                st.was_deleted = true;
            }
        }
        self.expire_everything(false);
        self.statement_barrier(true);
        Ok(())
    }

    /// The transaction ended: no object counts as updated in it any more.
    fn forget_updates(&mut self) {
        for inst in self.updated_in_tx.take() {
            let mut st = inst.st.borrow_mut();
            st.updated_in_tx = false;
            st.tx_key = None;
        }
    }

    /// `db.session.expire_all()`: everything loaded reads the database again.
    pub fn expire_all(&mut self) {
        self.expire_everything(true);
    }

    /// Expire every object; `journal`: record the old states for undo
    /// (not needed right before a barrier: a commit or a rollback).
    fn expire_everything(&mut self, journal: bool) {
        for inst in self.identity.alive() {
            {
                let mut st = if journal {
                    self.edit(&inst)
                } else {
                    inst.st.borrow_mut()
                };
                st.expired = true;
                st.stale = true;
                st.fresh.clear();
                st.parents.clear();
                st.committed = None;
            }
            Session::expire_rels(&inst);
        }
        // Only what was expired forgets its relationship changes: a
        // pending object keeps them for its first flush.
        self.touched.retain(|i| i.is_new());
        for inst in self.dirty.take() {
            if journal {
                self.edit(&inst).in_dirty_list = false;
            } else {
                inst.st.borrow_mut().in_dirty_list = false;
            }
        }
    }

    /// `db.session.expire(obj)`: every attribute reads the database again
    /// on next access; changes not flushed are forgotten and the object
    /// leaves the dirty list (SQLAlchemy's `InstanceState._expire`).
    /// Related objects in memory along `refresh-expire` cascades go too:
    /// those with a row are expired, pending ones reached along a
    /// delete-orphan cascade leave the session (SQLAlchemy's
    /// `_expire_state` and `_conditional_expire`).
    pub fn expire(&mut self, inst: &Rc<Instance>) {
        if inst.status() != Status::Persistent {
            return;
        }
        let cascaded = self.expire_cascade(inst);
        self.expire_state(inst);
        for x in cascaded {
            if x.st.borrow().key.is_some() {
                self.expire_state(&x);
            } else if x.status() == Status::Pending {
                self.expunge(&x);
            }
        }
    }

    /// Expire one object whole, without cascading.
    fn expire_state(&mut self, inst: &Rc<Instance>) {
        {
            let mut st = self.edit(inst);
            st.expired = true;
            st.stale = true;
            st.fresh.clear();
            st.parents.clear();
            st.committed = None;
        }
        self.forget_modified(inst);
        Session::expire_rels(inst);
    }

    /// The objects in memory `inst` reaches along relationships whose
    /// cascade includes `refresh-expire` (SQLAlchemy's
    /// `cascade_iterator('refresh-expire')`: loaded values only, pending
    /// objects only along delete-orphan), each once, `inst` left out.
    fn expire_cascade(&self, inst: &Rc<Instance>) -> Vec<Rc<Instance>> {
        // A pending object is passed over unless the cascade also says
        // delete-orphan (`skip_pending`).
        self.cascade_reach(inst, |rel, loaded, x| {
            rel.cascade.refresh_expire
                && loaded
                && (x.st.borrow().key.is_some() || rel.cascade.delete_orphan)
        })
    }

    /// `db.session.expire(obj, ['name', 'posts'])`: only these attributes
    /// (columns by index, relationships by name) read the database again;
    /// their changes not flushed are forgotten, the object stays in the
    /// dirty list (SQLAlchemy's `_expire_attributes`).
    pub fn expire_attrs(&mut self, inst: &Rc<Instance>, columns: &[usize], rels: &[Rc<str>]) {
        if inst.status() != Status::Persistent {
            return;
        }
        let mut st = self.edit(inst);
        if !columns.is_empty() && !st.expired {
            st.expired = true;
            st.fresh = ColumnFlags::all(inst.model.columns.len());
        }
        if !columns.is_empty() {
            st.stale = true;
        }
        for &i in columns {
            st.fresh.put(i, false);
            let v = st.values[i].clone();
            if let Some(old) = st.committed.as_mut() {
                old[i] = v;
            }
        }
        st.rels.retain(|slot| !rels.contains(&slot.name));
    }

    /// `db.session.refresh(obj)` after its expiry (`expire` or
    /// `expire_attrs`) and the caller's autoflush: load the expired columns
    /// now (SQLAlchemy's `load_on_ident` with `refresh_state`); the row
    /// being gone is InvalidRequestError, as there.
    pub fn refresh_expired(&mut self, inst: &Rc<Instance>) -> Result<()> {
        match self.select_row(inst)? {
            Some(row) => {
                self.fill_expired(inst, &row);
                Ok(())
            }
            None => Err(Error::new(
                ErrorKind::InvalidRequestError,
                format!(
                    "could not refresh {}: its row is no longer in the database",
                    inst.model.name
                ),
            )),
        }
    }

    /// Roll back: pending objects become transient, objects inserted in the
    /// transaction become transient again (keeping their values, or their
    /// expiry when `expire()` put it there), deleted ones come back, and
    /// everything else is expired (SQLAlchemy's `_restore_snapshot`). A
    /// barrier for the running statement's undo: the database is back at
    /// the last commit.
    pub fn rollback(&mut self) -> Result<()> {
        let r = self.engine.rollback();
        for inst in self.new.take() {
            inst.st.borrow_mut().status = Status::Transient;
        }
        for inst in self.inserted_in_tx.take() {
            let key = {
                let mut st = inst.st.borrow_mut();
                if st.status == Status::Deleted {
                    st.was_deleted = true;
                }
                st.status = Status::Transient;
                // What expire() or expire_all() expired stays so (reading
                // it is then DetachedInstanceError); the server defaults a
                // flush left unread are not kept expired.
                if !st.stale {
                    st.expired = false;
                    st.fresh.clear();
                }
                st.key.take()
            };
            if let Some(key) = key {
                self.identity.remove_if(&(inst.model.id, key), &inst);
            }
        }
        self.restore_keys();
        self.forget_updates();
        for inst in self.deleted_in_tx.take() {
            let key = {
                let mut st = inst.st.borrow_mut();
                // Inserted by this transaction too: it stays transient.
                if st.key.is_none() {
                    continue;
                }
                st.status = Status::Persistent;
                st.was_deleted = false;
                st.key.clone()
            };
            if let Some(key) = key {
                self.identity.insert((inst.model.id, key), &inst);
            }
        }
        for inst in self.deleted.take() {
            let mut st = inst.st.borrow_mut();
            st.marked_deleted = false;
            st.was_deleted = false;
        }
        self.expire_everything(false);
        self.statement_barrier(false);
        r
    }
}
