//! `Session.flush(objects=[…])` (deprecated in SQLAlchemy, still run):
//! only the given objects are flushed, with the objects SQLAlchemy's unit
//! of work registers beside them — the children a one-to-many of a saved
//! object gained or let go of (`OneToManyDP.presort_saves`), and theirs in
//! turn. Every other pending, modified or deleted object is held back from
//! the session's lists for the flush and put back after it, so it waits
//! for a later flush as in SQLAlchemy (`Session._flush`, `objset`).

use std::collections::HashSet;
use std::rc::Rc;

use crate::orm::instance::Instance;
use crate::orm::session::Session;
use crate::orm::unitofwork::states::history;
use crate::schema::relationship::RelKind;

/// The objects taken out of the session's lists for a partial flush.
#[derive(Default)]
pub(crate) struct HeldBack {
    new: Vec<Rc<Instance>>,
    dirty: Vec<Rc<Instance>>,
    deleted: Vec<Rc<Instance>>,
    touched: Vec<Rc<Instance>>,
}

impl Session {
    /// The objects of a flush of `objects`: those of them with a change to
    /// flush, and the children their one-to-many collections gained or
    /// lost (SQLAlchemy registers those for the same flush), repeatedly.
    fn flush_set(&self, objects: &[Rc<Instance>]) -> HashSet<*const Instance> {
        let listed: HashSet<*const Instance> = (self.new.iter())
            .chain(self.dirty.iter())
            .chain(self.deleted.iter())
            .chain(self.touched.iter())
            .map(Rc::as_ptr)
            .collect();
        let mut keep: HashSet<*const Instance> = HashSet::new();
        let mut queue: Vec<Rc<Instance>> = Vec::new();
        for o in objects {
            if listed.contains(&Rc::as_ptr(o)) && keep.insert(Rc::as_ptr(o)) {
                queue.push(o.clone());
            }
        }
        while let Some(x) = queue.pop() {
            if x.is_marked_deleted() {
                continue;
            }
            for rel in self.mapping.of(&x.model.name) {
                if rel.viewonly || !matches!(rel.kind, RelKind::OneToMany { .. }) {
                    continue;
                }
                let Some((h, _)) = history(&x, rel) else {
                    continue;
                };
                for c in h.added.iter().chain(&h.deleted) {
                    if keep.insert(Rc::as_ptr(c)) {
                        queue.push(c.clone());
                    }
                }
            }
        }
        keep
    }

    /// Take every object outside the flush of `objects` out of the
    /// pending, modified, deleted and relationship-changed lists.
    pub(crate) fn hold_back_all_but(&mut self, objects: &[Rc<Instance>]) -> HeldBack {
        let keep = self.flush_set(objects);
        let mut held = HeldBack::default();
        let lists = [
            (&mut self.new, &mut held.new),
            (&mut self.dirty, &mut held.dirty),
            (&mut self.deleted, &mut held.deleted),
            (&mut self.touched, &mut held.touched),
        ];
        for (list, out) in lists {
            if list.iter().all(|x| keep.contains(&Rc::as_ptr(x))) {
                continue;
            }
            let all = list.take();
            for x in all {
                if keep.contains(&Rc::as_ptr(&x)) {
                    list.push(x);
                } else {
                    out.push(x);
                }
            }
        }
        held
    }

    /// Put the held-back objects back in their lists, ahead of whatever
    /// the flush left there (they were added first), each once.
    pub(crate) fn put_back(&mut self, held: HeldBack) {
        let lists = [
            (&mut self.new, held.new),
            (&mut self.dirty, held.dirty),
            (&mut self.deleted, held.deleted),
            (&mut self.touched, held.touched),
        ];
        for (list, back) in lists {
            if back.is_empty() {
                continue;
            }
            let seen: HashSet<*const Instance> = back.iter().map(Rc::as_ptr).collect();
            let rest = list.take();
            for x in back {
                list.push(x);
            }
            for x in rest {
                if !seen.contains(&Rc::as_ptr(&x)) {
                    list.push(x);
                }
            }
        }
    }
}
