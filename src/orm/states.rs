//! Moving objects between SQLAlchemy's five states — transient, pending,
//! persistent, deleted, detached — through the session API: `add`,
//! `delete`, `expunge` (with its cascade), a row found gone,
//! `make_transient` and `make_transient_to_detached`. Each refuses
//! what SQLAlchemy's `Session` refuses, with its error kind
//! (`session.py`: `_save_impl`, `_update_impl`, `_delete_impl`, `expunge`,
//! `_remove_newly_deleted`; `state.py`'s flags),
//! and says what would work instead.

use std::rc::Rc;

use rustc_hash::FxHashSet as HashSet;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::identity_key::key_display;
use crate::orm::instance::{Instance, Status};
use crate::orm::session::Session;
use crate::schema::relationship::{Lazy, Rel};

/// `Model 1`, or `new Model` for one without an identity.
pub fn describe(inst: &Instance) -> String {
    match inst.identity_key() {
        Some(k) => format!("{} {}", inst.model.name, key_display(&k)),
        None => format!("new {}", inst.model.name),
    }
}

/// SQLAlchemy's "Instance has been deleted" (`_update_impl`).
pub(crate) fn deleted_error(inst: &Instance) -> Error {
    Error::new(
        ErrorKind::InvalidRequestError,
        format!(
            "{} has been deleted (a flush removed its row), so it cannot be added back",
            describe(inst)
        ),
    )
    .with_help(
        "db.make_transient(obj) makes it a new object that add() inserts again; \
         db.session.rollback() undoes a deletion not yet committed",
    )
}

impl Session {
    /// `db.session.add(obj)`: the object and everything its relationships
    /// reach in memory (the save-update cascade, which stops at objects
    /// the session holds and refuses a deleted one as `add()` does).
    pub fn add(&mut self, inst: &Rc<Instance>) -> Result<()> {
        self.autobegin();
        // Added itself (not reached by the cascade), it is no longer
        // remembered as orphaned outside the session
        // (`_save_or_update_state`).
        if inst.st.borrow().orphaned_outside() {
            self.edit(inst).set_orphaned_outside(false);
        }
        self.add_one(inst)?;
        if self.mapping.of(&inst.model.name).is_empty() {
            return Ok(());
        }
        for x in self.reachable(inst) {
            if !self.contains(&x) {
                self.add_one(&x).map_err(|mut e| {
                    e.message = format!(
                        "{} (reached from {} through its relationships)",
                        e.message,
                        describe(inst)
                    );
                    e
                })?;
            }
        }
        Ok(())
    }

    fn add_one(&mut self, inst: &Rc<Instance>) -> Result<()> {
        crate::orm::retire::check_object(inst)?;
        // One without a key (inserted and deleted in a transaction rolled
        // back) is simply new again.
        if inst.was_deleted() && inst.has_identity() {
            return Err(deleted_error(inst));
        }
        match inst.status() {
            Status::Transient => {
                let order = self.new.len() + 1;
                self.edit(inst).make_pending(order);
                self.new.push(inst.clone());
            }
            Status::Detached => {
                let key = inst.identity_key();
                if key.is_none() {
                    let order = self.new.len() + 1;
                    self.edit(inst).make_pending(order);
                    self.new.push(inst.clone());
                    return Ok(());
                }
                self.attach(inst)?;
                // Set events it received since it was last flushed or
                // expired — while detached, or before it left the session
                // (`state.modified` survives `expunge`) — make it dirty
                // now (SQLAlchemy's `identity_map.add` of a modified
                // state): the changes are flushed, its values not read
                // again.
                if crate::orm::attr_history::modified(inst) {
                    self.modified_event(inst);
                }
            }
            Status::Persistent => {
                if self.edit(inst).unmark_deleted() {
                    self.deleted.retain(|d| !Rc::ptr_eq(d, inst));
                }
            }
            // Its row was deleted by a flush of this transaction
            // (SQLAlchemy's `_update_impl` of a `_deleted` state), reached
            // by a cascade too.
            Status::Deleted => return Err(deleted_error(inst)),
            Status::Pending => {}
        }
        Ok(())
    }

    /// Put an object with an identity key back in the identity map as
    /// persistent (SQLAlchemy's `identity_map.add`), unless another object
    /// holds its identity. One deleted by a flush stays deleted.
    fn attach(&mut self, inst: &Rc<Instance>) -> Result<()> {
        let Some(key) = inst.identity_key() else {
            return Ok(());
        };
        let k = (inst.model.id, key.clone());
        if let Some(other) = self.identity.get(&k)
            && !Rc::ptr_eq(&other, inst)
        {
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                format!(
                    "another {} with primary key {} is already in the session",
                    inst.model.name,
                    key_display(&key)
                ),
            )
            .with_help(
                "use db.session.merge(obj) to copy this object's values onto the one in the session",
            ));
        }
        self.edit(inst).reattach();
        self.identity.insert(k, inst);
        Ok(())
    }

    /// `db.session.delete(obj)`: mark it and what its delete cascade
    /// reaches for deletion at the next flush. Only an object with a row
    /// can be deleted; a detached one (or one an earlier flush deleted) is
    /// taken back into the session first; marking twice is no change.
    pub fn delete(&mut self, inst: &Rc<Instance>) -> Result<()> {
        self.autobegin();
        if !inst.has_identity() {
            let (what, help) = match inst.status() {
                Status::Pending => (
                    "is pending: added but not flushed, so it has no row to delete yet",
                    "db.session.expunge(obj) takes it out of the session unsaved; \
                     or flush first, then delete it",
                ),
                _ => (
                    "is transient: it was never added, so it has no row to delete",
                    "delete objects loaded from the database or flushed to it",
                ),
            };
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                format!("{} {what}", describe(inst)),
            )
            .with_help(help));
        }
        // The delete cascade takes children along, depth first and in
        // order, from a worklist: a chain of any length never deepens the
        // stack (SQLAlchemy's cascade_iterator is not recursive either). A
        // child's state is read when its turn comes, after its earlier
        // siblings' cascades. A child without a row is left alone
        // (`_delete_impl` with `head=False`), but the walk goes on through
        // it (`cascade_iterator` yields it and follows its relationships):
        // a persistent object a pending one holds is deleted.
        // SQLAlchemy reads the whole cascade before it marks anything
        // (`_delete_impl`): a cascade that fails (a load that cannot run)
        // leaves nothing marked.
        let before = self.deleted.len();
        let walk = self.delete_walk(inst);
        if walk.is_err() {
            let added: Vec<Rc<Instance>> = self.deleted[before..].to_vec();
            for x in &added {
                self.edit(x).unmark_deleted();
            }
            self.deleted
                .retain(|x| !added.iter().any(|a| Rc::ptr_eq(a, x)));
        }
        walk
    }

    /// The walk of [`Session::delete`]: mark `inst` and what its delete
    /// cascade reaches.
    fn delete_walk(&mut self, inst: &Rc<Instance>) -> Result<()> {
        let mut todo = vec![inst.clone()];
        let mut walked: rustc_hash::FxHashSet<*const Instance> = Default::default();
        while let Some(x) = todo.pop() {
            self.refuse_none_in_cascade(&x, &[], |r| r.cascade.delete)?;
            if !x.has_identity() {
                if walked.insert(Rc::as_ptr(&x)) {
                    let children = self.delete_cascade(&x)?;
                    todo.extend(children.into_iter().rev());
                }
                continue;
            }
            if matches!(x.status(), Status::Detached | Status::Deleted) {
                self.attach(&x)?;
            }
            if !self.edit(&x).mark_deleted() {
                continue;
            }
            self.deleted.push(x.clone());
            let children = self.delete_cascade(&x)?;
            todo.extend(children.into_iter().rev());
        }
        Ok(())
    }

    /// Take one object out of the session: pending becomes transient,
    /// persistent (or deleted by a flush) detached. What the session
    /// itself drops (orphans, replaced models, rows a bulk delete took).
    pub fn expunge(&mut self, inst: &Rc<Instance>) {
        let (was, key) = {
            let mut st = self.edit(inst);
            (st.expunge(), st.identity_key().cloned())
        };
        self.new.retain(|x| !Rc::ptr_eq(x, inst));
        self.deleted.retain(|x| !Rc::ptr_eq(x, inst));
        self.dirty.retain(|x| !Rc::ptr_eq(x, inst));
        if was == Status::Deleted {
            // A rollback no longer brings it back (SQLAlchemy pops it from
            // the transaction's deleted states).
            self.deleted_in_tx.retain(|x| !Rc::ptr_eq(x, inst));
        }
        if let Some(key) = key {
            self.identity.remove_if(&(inst.model.id, key), inst);
        }
    }

    /// `db.session.expunge(obj)`: only an object in the session; the
    /// objects its `expunge` cascade reaches in memory go too.
    pub fn expunge_object(&mut self, inst: &Rc<Instance>) -> Result<()> {
        if !inst.attached() {
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                format!(
                    "{} is {}, not in the session, so it cannot be expunged",
                    describe(inst),
                    inst.state_name()
                ),
            )
            .with_help(
                "expunge() takes objects the session holds: added, loaded or flushed ones",
            ));
        }
        let cascaded = self.expunge_cascade(inst);
        self.refuse_none_in_cascade(inst, &cascaded, |rel| rel.cascade.expunge)?;
        self.expunge(inst);
        for x in cascaded {
            if x.attached() {
                self.expunge(&x);
            }
        }
        Ok(())
    }

    pub fn expunge_all(&mut self) {
        for inst in self.new.take() {
            self.edit(&inst).back_to_transient();
        }
        for inst in self.identity.drain() {
            self.edit(&inst).detach_all();
        }
        for inst in self.deleted_in_tx.take() {
            self.edit(&inst).detach_if_deleted();
        }
        self.dirty.clear();
        self.deleted.clear();
    }

    /// The objects the `expunge` cascade reaches from `inst` through
    /// relationships already in memory (SQLAlchemy's `cascade_iterator`
    /// with `PASSIVE_NO_INITIALIZE`: nothing is loaded), each once.
    fn expunge_cascade(&self, inst: &Rc<Instance>) -> Vec<Rc<Instance>> {
        self.cascade_reach(inst, |rel, loaded, _| {
            rel.cascade.expunge && (loaded || !rel.uselist || rel.lazy == Lazy::Dynamic)
        })
    }

    /// The objects in memory `inst` reaches, each once and `inst` left
    /// out, along relationships whose `follow(rel, loaded, item)` says yes
    /// (`loaded`: the collection or reference is in memory) — the walk of
    /// SQLAlchemy's `cascade_iterator` without loading anything.
    pub(crate) fn cascade_reach(
        &self,
        inst: &Rc<Instance>,
        follow: impl Fn(&Rel, bool, &Instance) -> bool,
    ) -> Vec<Rc<Instance>> {
        let mut seen: HashSet<*const Instance> = HashSet::default();
        seen.insert(Rc::as_ptr(inst));
        let mut out: Vec<Rc<Instance>> = vec![inst.clone()];
        let mut i = 0;
        while i < out.len() {
            let cur = out[i].clone();
            i += 1;
            for rel in self.mapping.of(&cur.model.name) {
                let Some((loaded, items)) = Session::slot_items(&cur, &rel.name) else {
                    continue;
                };
                for x in items {
                    if follow(rel, loaded, &x) && seen.insert(Rc::as_ptr(&x)) {
                        out.push(x);
                    }
                }
            }
        }
        out.remove(0);
        out
    }

    /// A row found gone while loading an object of the identity map
    /// (`get()`): the object is deleted, as if a flush had deleted it
    /// (SQLAlchemy's `_remove_newly_deleted`; a rollback restores it). Also
    /// the objects a bulk `query.delete()` removed.
    pub fn remove_newly_deleted(&mut self, inst: &Rc<Instance>) {
        let key = {
            let mut st = self.edit(inst);
            st.become_deleted();
            st.identity_key().cloned()
        };
        self.deleted.retain(|x| !Rc::ptr_eq(x, inst));
        if let Some(key) = key {
            self.identity.remove_if(&(inst.model.id, key), inst);
        }
        self.deleted_in_tx.push(inst.clone());
        self.note_nested(crate::orm::nested::Noted::Deleted, inst);
    }

    /// `db.make_transient(obj)` (SQLAlchemy's `orm.make_transient`): out of
    /// its session, without identity key or deleted flag, so `add()`
    /// inserts it as a new row. Values it holds stay; expired ones are gone
    /// (they read as None).
    pub fn make_transient(&mut self, inst: &Rc<Instance>) {
        if inst.attached() {
            self.expunge(inst);
        }
        self.edit(inst).make_transient();
    }

    /// `db.make_transient_to_detached(obj)` (SQLAlchemy's
    /// `orm.make_transient_to_detached`): a transient object given the
    /// identity of the row its primary key names, as if loaded and then
    /// expunged; columns it was not given read the row once it is added.
    pub fn make_transient_to_detached(&mut self, inst: &Rc<Instance>) -> Result<()> {
        if inst.status() != Status::Transient || inst.has_identity() {
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                format!(
                    "make_transient_to_detached() takes a transient object; {} is {}",
                    describe(inst),
                    inst.state_name()
                ),
            )
            .with_help("db.make_transient(obj) first makes it transient"));
        }
        let key = crate::orm::rekey::key_of_values(&inst.model, inst.st.borrow().values())?
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidRequestError,
                    format!(
                        "{} has no primary key value, so it names no row",
                        describe(inst)
                    ),
                )
                .with_help(format!(
                    "set its primary key first ({})",
                    inst.model
                        .pk
                        .iter()
                        .map(|&i| format!("obj.{} = …", inst.model.columns[i].attr))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
        // The attributes never set are expired (`state.unloaded`).
        self.edit(inst).become_detached_with(key);
        Ok(())
    }
}
