//! Ending the session's transaction: commit, rollback (SQLAlchemy's
//! `_restore_snapshot`), and expiry, which both end with. Commits and
//! rollbacks are barriers for the running statement's undo (`orm::undo`).

use std::rc::Rc;

use crate::error::Result;
use crate::orm::instance::{Instance, Status};
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
        self.deleted_in_tx.clear();
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
                st.committed = None;
            }
            Session::expire_rels(&inst);
        }
        self.touched.clear();
        for inst in self.dirty.take() {
            if journal {
                self.edit(&inst).in_dirty_list = false;
            } else {
                inst.st.borrow_mut().in_dirty_list = false;
            }
        }
    }

    pub fn expire(&mut self, inst: &Rc<Instance>) {
        let persistent = {
            let mut st = self.edit(inst);
            if st.status == Status::Persistent {
                st.expired = true;
                st.committed = None;
            }
            st.status == Status::Persistent
        };
        if persistent {
            Session::expire_rels(inst);
        }
    }

    /// Roll back: pending objects become transient, objects inserted in the
    /// transaction become transient again, deleted ones come back, and
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
                st.status = Status::Transient;
                st.expired = false;
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
                st.status = Status::Persistent;
                st.key.clone()
            };
            if let Some(key) = key {
                self.identity.insert((inst.model.id, key), &inst);
            }
        }
        for inst in self.deleted.take() {
            inst.st.borrow_mut().marked_deleted = false;
        }
        self.expire_everything(false);
        self.statement_barrier(false);
        r
    }
}
