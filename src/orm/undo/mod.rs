//! Undoing an interrupted statement: Ctrl-C leaves the session as it was
//! before the statement it stopped (issue 11, item 3).
//!
//! While a statement runs, the session records what it changes: the first
//! time the statement changes an object made before it, the object's whole
//! state is saved (`Session::edit`); the session's lists remember their
//! length and copy themselves only if the statement does more than append
//! (`Tracked`); objects made during the statement need no record, as they
//! did not exist before it. The database side is the engine's: the
//! transaction the statement began is rolled back, or a savepoint taken
//! before the statement's first write into an already open one.
//!
//! A commit cannot be undone: it is a barrier, and the record starts again
//! after it (as after a rollback). If SQLite rolled the whole transaction
//! back by itself (it does when an interrupt hits a write), the session is
//! rolled back too, as a failed flush would be, and the message says so.

use std::cell::RefMut;
use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHashSet as HashSet};

use crate::engine::DbUndo;
use crate::error::Error;
use crate::orm::instance::{InstState, Instance, Status};
use crate::orm::session::Session;

mod saved;

pub use saved::Part;
use saved::Saved;

/// The record of the running statement.
#[derive(Default)]
pub struct Undo {
    active: bool,
    /// Bumped at every statement and barrier: an object saved in this
    /// epoch is not saved again.
    epoch: u64,
    /// Objects with a serial above this one were made by the statement.
    serial: u64,
    saved: Vec<Saved>,
    /// Where each `Saved::Part` is in `saved`.
    part_at: FxHashMap<*const Instance, usize>,
    /// Commits the statement made.
    commits: u32,
}

/// What undoing an interrupted statement did.
#[derive(Debug, PartialEq, Eq)]
pub enum Undone {
    /// The statement had changed nothing (since its last commit).
    Nothing,
    /// The session and the database are as before the statement (or as
    /// right after its last commit).
    Restored,
    /// SQLite had rolled the whole transaction back: so was the session;
    /// what that discarded.
    Lost(String),
}

impl Session {
    /// A statement begins: record what it changes, until `end_statement`.
    /// Beginning another ends the one running (`.read` runs statements
    /// inside one).
    pub fn begin_statement(&mut self) {
        self.end_statement();
        self.undo.active = true;
        self.engine.begin_statement();
        self.mark_here();
    }

    /// Start the record from this point: a new epoch, objects made so far
    /// count as old, the lists remember where they stand.
    fn mark_here(&mut self) {
        self.undo.epoch += 1;
        self.undo.serial = self.serial();
        self.undo.saved.clear();
        self.undo.part_at.clear();
        for list in self.lists() {
            list.mark();
        }
    }

    /// The statement ended normally: its changes stay.
    pub fn end_statement(&mut self) {
        if !self.undo.active {
            return;
        }
        self.undo.active = false;
        self.undo.saved.clear();
        self.undo.part_at.clear();
        self.undo.commits = 0;
        for list in self.lists() {
            list.unmark();
        }
        self.engine.end_statement();
        self.release_unreferenced();
    }

    /// A commit or rollback inside the statement: what came before it
    /// cannot be undone; the record starts again here.
    pub(crate) fn statement_barrier(&mut self, committed: bool) {
        if self.undo.active {
            self.undo.commits += committed as u32;
            self.mark_here();
        }
    }

    /// How many commits the running statement made.
    pub fn statement_commits(&self) -> u32 {
        self.undo.commits
    }

    /// Is a statement's record running (so an interrupted flush leaves
    /// the rollback to `undo_statement`)?
    pub(crate) fn recording(&self) -> bool {
        self.undo.active
    }

    /// Borrow an object's state to change it, saving it first if the
    /// statement has not yet.
    pub fn edit<'a>(&mut self, inst: &'a Rc<Instance>) -> RefMut<'a, InstState> {
        let mut st = inst.st.borrow_mut();
        if !self.undo.active || inst.serial > self.undo.serial {
            return st;
        }
        if let Some(light) = st.undo_saved(self.undo.epoch) {
            if light {
                // Saved in part: save the rest before this change.
                st.note_undo_saved(self.undo.epoch, false);
                if let Some(at) = self.undo.part_at.remove(&Rc::as_ptr(inst)) {
                    let placeholder = Saved::Part {
                        inst: inst.clone(),
                        part: Part::Refreshed,
                    };
                    let part = std::mem::replace(&mut self.undo.saved[at], placeholder);
                    self.undo.saved[at] = part.complete(&st);
                }
            }
            return st;
        }
        st.note_undo_saved(self.undo.epoch, false);
        let saved = Saved::whole(inst, &st);
        self.undo.saved.push(saved);
        st
    }

    /// Borrow an object's state for a change that alters only `part` of
    /// it (`part` sees the state first; None: it does not apply, save it
    /// whole).
    pub(crate) fn edit_part<'a>(
        &mut self,
        inst: &'a Rc<Instance>,
        part: impl FnOnce(&InstState) -> Option<Part>,
    ) -> RefMut<'a, InstState> {
        let mut st = inst.st.borrow_mut();
        if !self.undo.active
            || inst.serial > self.undo.serial
            || st.undo_saved(self.undo.epoch).is_some()
        {
            drop(st);
            return self.edit(inst);
        }
        let Some(part) = part(&st) else {
            drop(st);
            return self.edit(inst);
        };
        st.note_undo_saved(self.undo.epoch, true);
        self.undo
            .part_at
            .insert(Rc::as_ptr(inst), self.undo.saved.len());
        self.undo.saved.push(Saved::Part {
            inst: inst.clone(),
            part,
        });
        st
    }

    /// Save an object before changing something it owns (a collection).
    pub fn journal(&mut self, inst: &Rc<Instance>) {
        // A collection about to change is no longer only read.
        self.edit(inst)
            .slots_mut()
            .for_each(|s| s.empty_read = false);
    }

    /// Undo the running statement (it was interrupted) and end its record.
    pub fn undo_statement(&mut self) -> Undone {
        if !self.undo.active {
            return Undone::Nothing;
        }
        let db = self.engine.undo_statement();
        // Reading objects again is no change worth a word.
        let changed = db != DbUndo::Nothing
            || self.undo.saved.iter().any(|s| !s.is_refresh())
            || self.lists().iter().any(|l| l.changed());
        let made = self.made_by_statement();
        for list in self.lists() {
            list.restore();
        }
        let saved = std::mem::take(&mut self.undo.saved);
        self.undo.part_at.clear();
        // Out of the identity map at their present keys, then back in at
        // the keys they had.
        for x in saved
            .iter()
            .map(Saved::inst)
            .chain(made.iter().map(|m| &m.0))
        {
            let key = x.identity_key();
            if let Some(key) = key {
                self.identity.remove_if(&(x.model.id, key), x);
            }
        }
        for s in saved {
            let inst = s.inst().clone();
            s.restore();
            self.back_in_the_map(&inst);
        }
        for (x, inserted) in made {
            self.settle_made(&x, inserted);
        }
        self.undo.active = false;
        self.undo.commits = 0;
        if db == DbUndo::Lost {
            let what = crate::orm::failed::describe_discarded(self);
            let _ = self.rollback();
            return Undone::Lost(what);
        }
        if changed {
            Undone::Restored
        } else {
            Undone::Nothing
        }
    }

    /// The running statement was interrupted (`e`): undo it and say what
    /// stayed — a commit it had finished — and what was undone.
    pub fn interrupted(&mut self, mut e: Error) -> Error {
        let commits = self.undo.commits;
        let undone = self.undo_statement();
        let mut said = Vec::new();
        if commits > 0 {
            said.push(format!(
                "db.session.commit() had finished{}: what it committed is saved",
                match commits {
                    1 => String::new(),
                    n => format!(" ({n} times in this statement)"),
                }
            ));
        }
        match undone {
            Undone::Nothing => {}
            Undone::Restored if commits > 0 => {
                said.push("what the statement did after it was undone".into());
            }
            Undone::Restored => said.push(
                "the statement was undone: the session and the database are as they were before it"
                    .into(),
            ),
            Undone::Lost(what) => said.push(format!(
                "SQLite rolled back the whole transaction, so the session was rolled back: {what}; what was committed before is unchanged"
            )),
        }
        if !said.is_empty() {
            e.message = said.join("; ");
        }
        e
    }

    /// The objects the statement made that the session holds, each with
    /// whether it was added (pending, or inserted by one of its flushes)
    /// rather than loaded.
    fn made_by_statement(&mut self) -> Vec<(Rc<Instance>, bool)> {
        let serial = self.undo.serial;
        let mut seen: HashSet<*const Instance> = HashSet::default();
        let inserted: HashSet<*const Instance> = self
            .inserted_in_tx
            .iter()
            .filter(|x| x.serial > serial)
            .map(Rc::as_ptr)
            .collect();
        let mut out = Vec::new();
        let listed: Vec<Rc<Instance>> = self
            .lists()
            .iter()
            .flat_map(|l| {
                l.iter()
                    .filter(|x| x.serial > serial)
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .collect();
        for x in listed.into_iter().chain(self.identity.alive()) {
            if x.serial > serial && seen.insert(Rc::as_ptr(&x)) {
                let added = x.status() == Status::Pending || inserted.contains(&Rc::as_ptr(&x));
                out.push((x, added));
            }
        }
        out
    }

    /// An object the statement made: one it added leaves the session
    /// without an identity (as SQLAlchemy's rollback leaves it); one it
    /// loaded stays, expired, so it reads the database again.
    fn settle_made(&mut self, x: &Rc<Instance>, added: bool) {
        x.st.borrow_mut().settle_made(added);
        if !added {
            Session::expire_rels(x);
            self.back_in_the_map(x);
        }
    }

    /// A persistent object back in the identity map at its key — unless
    /// its class was replaced meanwhile (`orm::retire`) or another object
    /// holds that identity: then it is detached.
    fn back_in_the_map(&mut self, x: &Rc<Instance>) {
        let (persistent, key) = {
            let st = x.st.borrow();
            (
                st.status() == Status::Persistent,
                st.identity_key().cloned(),
            )
        };
        let Some(key) = key.filter(|_| persistent) else {
            return;
        };
        let k = (x.model.id, key);
        let taken = self
            .identity
            .get(&k)
            .is_some_and(|other| !Rc::ptr_eq(&other, x));
        if x.model.is_retired() || taken {
            x.st.borrow_mut().detach();
        } else {
            self.identity.insert(k, x);
        }
    }
}
