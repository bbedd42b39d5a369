//! The transaction's lists of the objects its flushes inserted and updated
//! hold them as SQLAlchemy's `SessionTransaction` does (`_new`, `_dirty`:
//! `weakref.WeakKeyDictionary`): an object nothing else refers to leaves
//! them once the statement ends, so it leaves the (weak) identity map
//! too, even though it was flushed and not committed. A rollback then has
//! nothing to put back for it, as there. Objects still referred to (by a
//! name, a relationship, the session's pending, dirty or deleted lists)
//! stay listed, and a rollback handles them as before.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::orm::instance::Instance;
use crate::orm::session::Session;

impl Session {
    /// Drop from `inserted_in_tx` and `updated_in_tx` the objects these
    /// two lists are the only holders of (SQLAlchemy's weak references
    /// there). Called between statements, when no statement's undo record
    /// holds objects.
    pub(crate) fn release_unreferenced(&mut self) {
        if self.inserted_in_tx.is_empty() && self.updated_in_tx.is_empty() {
            return;
        }
        // Each list names an object once: counted in one pass.
        let mut listed: HashMap<*const Instance, usize> = HashMap::new();
        for x in self.inserted_in_tx.iter().chain(self.updated_in_tx.iter()) {
            *listed.entry(Rc::as_ptr(x)).or_default() += 1;
        }
        let gone: HashSet<*const Instance> = (self.inserted_in_tx.iter())
            .chain(self.updated_in_tx.iter())
            .filter(|x| Rc::strong_count(x) == listed[&Rc::as_ptr(x)])
            .map(Rc::as_ptr)
            .collect();
        if gone.is_empty() {
            return;
        }
        let keep = |x: &Rc<Instance>| !gone.contains(&Rc::as_ptr(x));
        self.inserted_in_tx.retain(keep);
        self.updated_in_tx.retain(keep);
    }
}
