//! The objects a flush writes and what their relationships say, read from
//! the session without changing it: SQLAlchemy's `register_object` with
//! the dependency processors' presort steps (`OneToManyDP.presort_*`,
//! `ManyToOneDP.presort_saves`), and the foreign-key values their
//! `process_saves`/`process_deletes` copy between objects (`sync`).
//!
//! Copies are not made here but recorded (`Registry::writes`): a value
//! the database has not given yet — the key an INSERT of this flush will
//! number — is recorded as `PlanValue::Deferred`, "column `col` of that
//! object", and read when the statement that needs it runs
//! (`unitofwork::emit`).

use std::rc::Rc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::error::Result;
use crate::orm::convert::check_assign;
use crate::orm::instance::{Instance, RelValue, Status};
use crate::orm::session::Session;
use crate::orm::unitofwork::copies;
use crate::schema::relationship::{Lazy, Rel, RelKind};
use crate::value::Value;

/// A value a statement of the plan binds or a copy writes.
#[derive(Clone)]
pub enum PlanValue {
    /// Known now.
    Known(Value),
    /// Column `col` of `inst` as it is when the statement runs: the key
    /// its INSERT, earlier in the plan, numbers.
    Deferred { inst: Rc<Instance>, col: usize },
}

/// A relationship attribute's history as the flush reads it
/// (SQLAlchemy's `History` with pending mutations): objects added since
/// the last flush, kept, and taken out.
#[derive(Default)]
pub struct History {
    pub added: Vec<Rc<Instance>>,
    pub unchanged: Vec<Rc<Instance>>,
    pub deleted: Vec<Rc<Instance>>,
    /// The attribute has a value in memory (SQLAlchemy: it is in the
    /// object's `__dict__`, or has queued changes).
    pub present: bool,
}

impl History {
    /// SQLAlchemy's `get_all_pending`: every object the attribute holds or
    /// let go of, for a loaded attribute; a collection not loaded gives
    /// nothing (a dynamic one, its queued changes). A many-to-one in
    /// memory gives its object or, when it holds none, `None` (SQLAlchemy's
    /// `(None, None)`), so an object whose many-to-one was set to `None`
    /// still has that relationship processed.
    pub fn all_pending(&self, rel: &Rel, loaded: bool) -> Vec<Option<Rc<Instance>>> {
        if rel.uselist && !loaded && rel.lazy != Lazy::Dynamic {
            return Vec::new();
        }
        let mut out: Vec<Option<Rc<Instance>>> = self
            .added
            .iter()
            .chain(&self.unchanged)
            .cloned()
            .map(Some)
            .collect();
        if !rel.uselist && out.is_empty() && self.present {
            out.push(None);
        }
        out.extend(self.deleted.iter().cloned().map(Some));
        out
    }
}

/// Pointers of a list of objects, to test membership in constant time.
fn ptrs(list: &[Rc<Instance>]) -> HashSet<*const Instance> {
    list.iter().map(Rc::as_ptr).collect()
}

/// The history of `inst.rel`, and whether the attribute is loaded; None
/// when the object never held a value for it.
pub fn history(inst: &Instance, rel: &Rel) -> Option<(History, bool)> {
    let st = inst.st.borrow();
    let slot = st.slot_named(&rel.name)?;
    let cur: Vec<Rc<Instance>> = match &slot.value {
        RelValue::Scalar(v) => v.iter().cloned().collect(),
        RelValue::List(c) => c.snapshot(),
    };
    let snap = &slot.snapshot;
    let mut h = History::default();
    if rel.uselist && (!slot.loaded || rel.lazy == Lazy::Dynamic) {
        // Items are the queued appends, the snapshot the queued removals.
        h.present = !cur.is_empty() || !snap.is_empty();
        h.added = cur;
        h.deleted = snap.clone();
        return Some((h, slot.loaded));
    }
    let before = ptrs(snap);
    let now = ptrs(&cur);
    for x in cur {
        if before.contains(&Rc::as_ptr(&x)) {
            h.unchanged.push(x);
        } else {
            h.added.push(x);
        }
    }
    h.deleted = snap
        .iter()
        .filter(|x| !now.contains(&Rc::as_ptr(x)))
        .cloned()
        .collect();
    h.present = slot.loaded
        || slot.old_unknown
        || !h.added.is_empty()
        || !h.unchanged.is_empty()
        || !h.deleted.is_empty();
    Some((h, slot.loaded))
}

/// The objects of one flush and the copies between them.
pub struct Registry {
    /// Every object written: the pending ones first, in the order they
    /// were added (SQLAlchemy's `insert_order`), then those with a row.
    pub list: Vec<Rc<Instance>>,
    pub index: HashMap<*const Instance, u32>,
    /// By position in `list`: to be deleted (else inserted or updated).
    pub deleted: Vec<bool>,
    /// By position in `list`: registered only as a child whose parent's
    /// key changes (SQLAlchemy's `listonly`): not saved with its table, an
    /// action of its own only where a split relationship reaches it.
    pub listonly: Vec<bool>,
    /// How many of `list` are pending (they come first).
    pub pending: usize,
    /// Foreign-key copies, in the order they are made (a later copy into
    /// the same column wins).
    pub writes: Vec<Write>,
    /// Objects (positions in `list`) whose `post_update` keys a later
    /// UPDATE writes, with the columns (SQLAlchemy's
    /// `register_post_update`), in the order registered.
    pub post_updates: Vec<(u32, Vec<usize>)>,
}

/// A key copied into `dest.col`.
pub struct Write {
    pub dest: Rc<Instance>,
    pub col: usize,
    pub value: PlanValue,
    /// Made by a `post_update` relationship: when its processing of
    /// `owner`'s saves (or deletes) runs, not with `dest`'s save.
    pub post: Option<Post>,
    /// The relationship processing that makes it (SQLAlchemy's
    /// `ProcessAll`): copies into one column are made in the order of
    /// their processing, the last one wins.
    pub by: Post,
}

/// Where a `post_update` relationship's copy is made.
#[derive(Clone)]
pub struct Post {
    pub rel: Rc<Rel>,
    pub owner: Rc<Instance>,
    pub delete: bool,
}

impl Registry {
    /// The position of a registered object.
    pub fn find(&self, x: &Rc<Instance>) -> Option<u32> {
        self.index.get(&Rc::as_ptr(x)).copied()
    }

    /// `dest`'s columns `cols` are written by a post-update.
    pub(super) fn post_update(&mut self, dest: &Rc<Instance>, cols: impl Iterator<Item = usize>) {
        if live(dest) {
            self.add(dest, false);
        }
        let Some(at) = self.find(dest) else { return };
        let i = match self.post_updates.iter().position(|(s, _)| *s == at) {
            Some(i) => i,
            None => {
                self.post_updates.push((at, Vec::new()));
                self.post_updates.len() - 1
            }
        };
        for c in cols {
            if !self.post_updates[i].1.contains(&c) {
                self.post_updates[i].1.push(c);
            }
        }
    }

    fn add(&mut self, x: &Rc<Instance>, deleted: bool) {
        if self.find(x).is_none() {
            self.index.insert(Rc::as_ptr(x), self.list.len() as u32);
            self.list.push(x.clone());
            self.deleted.push(deleted);
            self.listonly.push(false);
        }
    }
}

/// Whether `x` is a row the flush may copy a key into or update.
pub(super) fn live(x: &Instance) -> bool {
    x.status() == Status::Persistent && !x.is_marked_deleted()
}

/// The value `src.col` gives a copy: deferred while the INSERT that
/// numbers it has not run.
pub(super) fn source_value(reg: &Registry, src: &Rc<Instance>, col: usize) -> PlanValue {
    let v = src.value(col);
    // A new object outside this flush (`flush(objects=[…])` without it)
    // gives what it holds now, None, as SQLAlchemy's copy reads it.
    if src.status() == Status::Pending && matches!(v, Value::None) && reg.find(src).is_some() {
        PlanValue::Deferred {
            inst: src.clone(),
            col,
        }
    } else {
        PlanValue::Known(v)
    }
}

/// Record copying `v` into `dest.col` (checked as an assignment when
/// known and `dest` has a row, as setting the attribute would be), made
/// by a `post_update` relationship's processing when `post`.
pub(super) fn write(
    reg: &mut Registry,
    dest: &Rc<Instance>,
    col: usize,
    v: PlanValue,
    by: Post,
) -> Result<()> {
    let value = match v {
        PlanValue::Known(v) if dest.status() == Status::Persistent => {
            PlanValue::Known(check_assign(&dest.model, &dest.model.columns[col], v)?)
        }
        v => v,
    };
    let post = by.rel.post_update.then(|| by.clone());
    reg.writes.push(Write {
        dest: dest.clone(),
        col,
        value,
        post,
        by,
    });
    Ok(())
}

/// The relationship processing that makes a copy along `rel` for
/// `owner`: of its saves, or of its deletes.
pub(super) fn via(rel: &Rc<Rel>, owner: &Rc<Instance>, delete: bool) -> Post {
    Post {
        rel: rel.clone(),
        owner: owner.clone(),
        delete,
    }
}

/// Objects whose relationships may need work: new ones and touched ones
/// (each once).
pub fn touched_all(session: &Session) -> Vec<Rc<Instance>> {
    let mut seen: HashSet<*const Instance> = HashSet::default();
    session
        .new
        .iter()
        .chain(session.touched.iter())
        .filter(|x| seen.insert(Rc::as_ptr(x)))
        .cloned()
        .collect()
}

/// Register the objects of the flush and record the key copies, in
/// SQLAlchemy's order: children a one-to-many let go of lose their key
/// (`OneToManyDP.process_saves`), so do the children of a deleted parent
/// without delete cascade (`process_deletes`), then many-to-ones copy
/// their target's key (`ManyToOneDP.process_saves`) and one-to-manys into
/// the children they gained.
pub fn register(session: &Session) -> Result<Registry> {
    let mut reg = Registry {
        list: Vec::new(),
        index: HashMap::default(),
        deleted: Vec::new(),
        listonly: Vec::new(),
        pending: 0,
        writes: Vec::new(),
        post_updates: Vec::new(),
    };
    // SQLAlchemy sorts the new objects by `insert_order` (ties in its
    // set's order; here, the order added).
    let mut new: Vec<&Rc<Instance>> = session
        .new
        .iter()
        .filter(|x| x.status() == Status::Pending)
        .collect();
    new.sort_by_key(|x| x.st.borrow().insert_order());
    for x in new {
        reg.add(x, false);
    }
    reg.pending = reg.list.len();
    for x in session.dirty.iter().chain(session.touched.iter()) {
        if live(x) {
            reg.add(x, false);
        }
    }
    let touched = touched_all(session);
    let cancelled = cancelled_deletes(session, &touched);
    for x in session.deleted.iter() {
        if x.status() == Status::Persistent && x.is_marked_deleted() {
            reg.add(x, !cancelled.contains(&Rc::as_ptr(x)));
        }
    }
    copies::clear_let_go(session, &mut reg, &touched, &cancelled)?;
    copies::clear_for_deletes(session, &mut reg, &cancelled)?;
    copies::copy_for_saves(session, &mut reg, &touched, &cancelled)?;
    // Objects with a row that take a copy are written too.
    for i in 0..reg.writes.len() {
        let x = reg.writes[i].dest.clone();
        if live(&x) {
            reg.add(&x, false);
        }
    }
    register_listonly(session, &mut reg);
    Ok(reg)
}

/// SQLAlchemy's `OneToManyDP.presort_saves` for a saved object whose
/// referenced key changes (`_pks_changed`: the column had a loaded value
/// and a different one now): the children its loaded collection kept are
/// registered `listonly` with `passive_updates` (the database moves their
/// rows; `rekey` follows them in memory). They write nothing, but a cycle
/// split per object gives them an action of their own, which relationships
/// order (so two objects naming each other is `CircularDependencyError`).
fn register_listonly(session: &Session, reg: &mut Registry) {
    for s in 0..reg.list.len() {
        let parent = reg.list[s].clone();
        if reg.deleted[s] || parent.status() != Status::Persistent {
            continue;
        }
        for rel in session.mapping.of(&parent.model.name) {
            let RelKind::OneToMany { pairs } = &rel.kind else {
                continue;
            };
            if rel.viewonly || !pairs.iter().any(|&(own, _)| key_changed(&parent, own)) {
                continue;
            }
            let Some((h, _)) = history(&parent, rel) else {
                continue;
            };
            for c in h.unchanged {
                if session.contains(&c) && reg.find(&c).is_none() {
                    reg.add(&c, false);
                    let at = reg.listonly.len() - 1;
                    reg.listonly[at] = true;
                }
            }
        }
    }
}

/// Column `col` of `x` changed from a loaded value (SQLAlchemy's history
/// with something `deleted`; a value set while expired has none).
fn key_changed(x: &Instance, col: usize) -> bool {
    let st = x.st.borrow();
    st.committed().is_some_and(|old| {
        let (old, now) = (&old[col], st.value(col));
        !crate::orm::history::is_no_value(old)
            && (!now.same_value(old) || now.type_name() != old.type_name())
    })
}

/// Objects marked for deletion that a one-to-many collection of an
/// object saved in this flush gained: SQLAlchemy's
/// `OneToManyDP.presort_saves` registers them with `cancel_delete`, so
/// this flush saves them (the collection's key is copied in) and leaves
/// them marked for the next flush to delete (a commit flushes until
/// nothing is left).
fn cancelled_deletes(session: &Session, touched: &[Rc<Instance>]) -> HashSet<*const Instance> {
    let mut out = HashSet::default();
    for t in touched {
        if !session.contains(t) || t.is_marked_deleted() {
            continue;
        }
        for rel in session.mapping.of(&t.model.name) {
            if !matches!(rel.kind, RelKind::OneToMany { .. }) || rel.viewonly {
                continue;
            }
            let Some((h, _)) = history(t, rel) else {
                continue;
            };
            for c in h.added {
                if c.status() == Status::Persistent && c.is_marked_deleted() {
                    out.insert(Rc::as_ptr(&c));
                }
            }
        }
    }
    out
}
