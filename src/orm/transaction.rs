//! Ending the session's transaction: commit, rollback (SQLAlchemy's
//! `_restore_snapshot`), and expiry, which both end with. Commits and
//! rollbacks are barriers for the running statement's undo (`orm::undo`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::instance::{Instance, Status};
use crate::orm::session::Session;
use crate::schema::relationship::{Lazy, Rel};

impl Session {
    /// Commit: the caller has flushed. Expires everything loaded (unless
    /// `expire_on_commit` is false). A COMMIT that fails (a deferred
    /// foreign key, a busy file) leaves the session in SQLAlchemy's
    /// 'prepared' state until `rollback()` (`orm::failed::hold_at_commit`).
    pub fn commit(&mut self) -> Result<()> {
        if self.engine.prepared() {
            // SQLAlchemy's connection is invalid after its COMMIT failed.
            return Err(Error::new(
                ErrorKind::PendingRollbackError,
                "Can't reconnect until invalid transaction is rolled back.  Please rollback() fully before proceeding (Background on this error at: https://sqlalche.me/e/21/8s2b)",
            )
            .with_help("the COMMIT failed: call db.session.rollback() to undo the transaction and begin a new one"));
        }
        if self.engine.pending_rollback() {
            return Err(crate::orm::pending_rollback::error(&self.engine));
        }
        let shield = crate::interrupt::shield();
        // Open nested transactions commit first, innermost first
        // (SQLAlchemy's `commit(_to_root=True)`).
        let r = match self.end_all_nested(true) {
            Ok(()) => self.engine.commit(),
            Err(e) => Err(e),
        };
        drop(shield);
        if let Err(e) = r {
            return Err(crate::orm::failed::hold_at_commit(self, e));
        }
        self.inserted_in_tx.clear();
        self.forget_updates();
        // Objects whose rows the transaction deleted leave the session,
        // detached and marked as deleted (SQLAlchemy's `_remove_snapshot`).
        for inst in self.deleted_in_tx.take() {
            inst.st.borrow_mut().detach_if_deleted();
        }
        if self.expire_on_commit {
            self.expire_everything(false);
        }
        self.statement_barrier(true);
        self.transaction_ended();
        Ok(())
    }

    /// The transaction ended: no object counts as updated in it any more.
    fn forget_updates(&mut self) {
        for inst in self.updated_in_tx.take() {
            inst.st.borrow_mut().end_transaction();
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
            if journal {
                self.edit(&inst).expire();
            } else {
                inst.st.borrow_mut().expire();
            }
            Session::expire_rels(&inst);
        }
        // Only what was expired forgets its relationship changes: a
        // pending object keeps them for its first flush.
        self.touched.retain(|i| i.is_new());
        for inst in self.dirty.take() {
            if journal {
                self.edit(&inst).set_in_dirty_list(false);
            } else {
                inst.st.borrow_mut().set_in_dirty_list(false);
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
            if x.has_identity() {
                self.expire_state(&x);
            } else if x.status() == Status::Pending {
                self.expunge(&x);
            }
        }
    }

    /// Expire one object whole, without cascading (SQLAlchemy's
    /// `InstanceState._expire`).
    pub(crate) fn expire_state(&mut self, inst: &Rc<Instance>) {
        self.edit(inst).expire();
        self.forget_modified(inst);
        Session::expire_rels(inst);
        // Its relationship changes went with the slots (SQLAlchemy drops
        // `_pending_mutations` and the modified flag): the flush no
        // longer writes it for them.
        if self.touched.iter().any(|x| Rc::ptr_eq(x, inst)) {
            self.touched.retain(|x| !Rc::ptr_eq(x, inst));
        }
    }

    /// The objects in memory `inst` reaches along relationships whose
    /// cascade includes `refresh-expire` (SQLAlchemy's
    /// `cascade_iterator('refresh-expire')`: loaded values only, pending
    /// objects only along delete-orphan), each once, `inst` left out.
    pub(crate) fn expire_cascade(&self, inst: &Rc<Instance>) -> Vec<Rc<Instance>> {
        // A pending object is passed over unless the cascade also says
        // delete-orphan (`skip_pending`). A dynamic relationship gives its
        // queued appends (`get_all_pending`), loaded or not.
        self.cascade_reach(inst, |rel, loaded, x| {
            rel.cascade.refresh_expire
                && (loaded || rel.lazy == crate::schema::relationship::Lazy::Dynamic)
                && (x.has_identity() || rel.cascade.delete_orphan)
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
        st.expire_columns(columns);
        st.drop_slots(rels);
    }

    /// `db.session.refresh(obj)` after its expiry (`expire` or
    /// `expire_attrs`) and the caller's autoflush: load the expired columns
    /// now (SQLAlchemy's `load_on_ident` with `refresh_state`); the row
    /// being gone is InvalidRequestError, as there.
    /// Then the relationships `rels` names load, or with no names the
    /// eager ones (`joined`, `selectin`, `subquery`), as SQLAlchemy's
    /// refresh does.
    /// With `names` (the columns and relationships `refresh(obj, names)`
    /// names) only the named columns load, and those the named
    /// relationships read from the object (SQLAlchemy's `only_load_props`);
    /// the other expired columns stay expired.
    pub fn refresh_expired(
        &mut self,
        inst: &Rc<Instance>,
        names: Option<(&[usize], &[Rc<str>])>,
    ) -> Result<()> {
        let rels = names.map(|(_, r)| r);
        // A whole refresh loads what the object's `undefer()` options
        // loaded (SQLAlchemy refreshes with its `load_options`).
        let undeferred = match names {
            None => inst.st.borrow().undeferred(),
            Some(_) => None,
        };
        match self.select_row_undeferring(inst, undeferred.as_deref())? {
            Some(row) => match names {
                None if let Some(cols) = &undeferred => {
                    let mut mask: Vec<crate::orm::deferral::ColLoad> =
                        match crate::orm::deferral::model_mask(&inst.model) {
                            Some(m) => m.to_vec(),
                            None => crate::orm::deferral::all_loaded(&inst.model).to_vec(),
                        };
                    for &i in cols.iter() {
                        mask[i] = crate::orm::deferral::ColLoad::Loaded;
                    }
                    let outer = self.row_mask.replace((inst.model.id, Rc::from(mask)));
                    self.fill_expired(inst, &row);
                    self.row_mask = outer;
                }
                None => self.fill_expired(inst, &row),
                Some((columns, rels)) => {
                    let mut columns = columns.to_vec();
                    for rel in self.mapping.of(&inst.model.name) {
                        if rels.contains(&rel.name) {
                            columns.extend(rel.kind.local_columns());
                        }
                    }
                    self.fill_expired_columns(inst, &columns, &row)
                }
            },
            None => {
                return Err(Error::new(
                    ErrorKind::InvalidRequestError,
                    format!(
                        "could not refresh {}: its row is no longer in the database",
                        inst.model.name
                    ),
                ));
            }
        }
        let all: Vec<Rc<Rel>> = self.mapping.of(&inst.model.name).to_vec();
        for rel in all {
            // Without names, the strategy of the reload: the options the
            // object was loaded with, else `lazy=` (`reload_strategy`).
            let lazy = self.reload_strategy(inst, &rel);
            let load = match rels {
                Some(names) => names.contains(&rel.name),
                None if lazy == Lazy::Noload => {
                    self.fill_slot(inst, &rel, Vec::new());
                    false
                }
                None => matches!(lazy, Lazy::Joined | Lazy::Selectin | Lazy::Subquery),
            };
            if load && !matches!(rel.lazy, Lazy::Dynamic | Lazy::Noload) {
                self.load_rel(inst, &rel)?;
                self.descend_load_opts(inst, &rel)?;
            }
        }
        Ok(())
    }

    /// `expire(obj, names)` / `refresh(obj, names)`'s first step: the
    /// object must be persistent (SQLAlchemy's "is not persistent within
    /// this Session"); then all of it expires, or the named columns and
    /// relationships.
    pub fn expire_named(
        &mut self,
        inst: &Rc<Instance>,
        named: Option<(&[usize], &[Rc<str>])>,
    ) -> Result<()> {
        Session::check_expirable(inst)?;
        match named {
            None => self.expire(inst),
            Some((columns, rels)) => self.expire_attrs(inst, columns, rels),
        }
        Ok(())
    }

    /// Only a persistent object can be expired or refreshed (SQLAlchemy's
    /// "is not persistent within this Session").
    pub fn check_expirable(inst: &Instance) -> Result<()> {
        if inst.status() != Status::Persistent {
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                format!(
                    "this {} is not persistent within this session",
                    inst.model.name
                ),
            )
            .with_help(
                "only objects loaded from or flushed to the database can be expired or refreshed",
            ));
        }
        Ok(())
    }

    /// Roll back: pending objects become transient, objects inserted in the
    /// transaction become transient again (keeping their values, or their
    /// expiry when `expire()` put it there), deleted ones come back, and
    /// everything else is expired (SQLAlchemy's `_restore_snapshot`). A
    /// barrier for the running statement's undo: the database is back at
    /// the last commit.
    /// `close()` / `remove()` (SQLAlchemy's `Session._close_impl`): every
    /// object is let go first, as it stands — loaded values, unflushed
    /// changes and keys kept, an object flushed in the transaction
    /// detached with its key — and then the transaction ends, the database
    /// rolling back without touching the objects.
    pub fn close(&mut self) -> Result<()> {
        self.expunge_all();
        let _ = self.end_all_nested(false);
        let r = self.engine.rollback();
        self.inserted_in_tx.clear();
        self.forget_updates();
        self.statement_barrier(false);
        self.transaction_ended();
        r
    }

    pub fn rollback(&mut self) -> Result<()> {
        // SQLAlchemy's `SessionTransaction.rollback`: objects added,
        // deleted or changed after a failed flush left the transaction
        // inactive are discarded with the rest, with its SAWarning.
        if self.engine.pending_rollback()
            && !(self.new.is_empty() && self.deleted.is_empty() && self.dirty_set().is_empty())
        {
            self.warnings.push(
                "warning: Session's state has been changed on a non-active transaction - this state will be discarded. (SQLAlchemy's SAWarning: what was added, deleted or changed since the failed flush is undone by this rollback)"
                    .into(),
            );
        }
        // Open nested transactions roll back first, innermost first
        // (SQLAlchemy's `rollback(_to_root=True)`).
        let _ = self.end_all_nested(false);
        let r = self.engine.rollback();
        for inst in self.new.take() {
            inst.st.borrow_mut().back_to_transient();
        }
        for inst in self.inserted_in_tx.take() {
            // What expire() or expire_all() expired stays so (reading it
            // is then DetachedInstanceError).
            let key = inst.st.borrow_mut().roll_back_insert();
            if let Some(key) = key {
                self.identity.remove_if(&(inst.model.id, key), &inst);
            }
        }
        self.restore_keys();
        self.forget_updates();
        for inst in self.deleted_in_tx.take() {
            // Inserted by this transaction too: it stays transient.
            if let Some(key) = inst.st.borrow_mut().roll_back_delete() {
                self.identity.insert((inst.model.id, key), &inst);
            }
        }
        for inst in self.deleted.take() {
            inst.st.borrow_mut().undelete();
        }
        self.expire_everything(false);
        self.statement_barrier(false);
        self.transaction_ended();
        r
    }
}
