//! The identity map: one object per row and class, held weakly as
//! SQLAlchemy's is — an object nobody refers to any more is dropped;
//! pending, modified and deleted objects stay alive through the session's
//! own lists. Keyed as SQLAlchemy's identity key is, by class (the model's
//! definition id, `Model::id`) and primary key — not by table: two models
//! over one table, or a model and the definition it replaced, never share
//! an object, so an object is only ever read with its own column layout.

use std::rc::{Rc, Weak};

use rustc_hash::FxHashMap;

use crate::orm::instance::{Instance, Key};

/// (`Model::id`, primary key).
type MapKey = (u32, Key);

#[derive(Default)]
pub struct IdentityMap {
    map: FxHashMap<MapKey, Weak<Instance>>,
    /// Inserts since dead entries were last swept.
    since_sweep: usize,
}

impl IdentityMap {
    pub fn get(&self, k: &MapKey) -> Option<Rc<Instance>> {
        self.map.get(k).and_then(Weak::upgrade)
    }

    pub fn contains_key(&self, k: &MapKey) -> bool {
        self.get(k).is_some()
    }

    pub fn insert(&mut self, k: MapKey, inst: &Rc<Instance>) {
        self.map.insert(k, Rc::downgrade(inst));
        self.since_sweep += 1;
        // Sweep dead entries now and then, so the map does not grow with
        // every row ever loaded.
        if self.since_sweep > 4096 && self.since_sweep > self.map.len() / 2 {
            self.map.retain(|_, w| w.strong_count() > 0);
            self.since_sweep = 0;
        }
    }

    pub fn remove(&mut self, k: &MapKey) {
        self.map.remove(k);
    }

    /// Remove the entry for `k` if it is `inst` (another object may hold
    /// that identity now).
    pub fn remove_if(&mut self, k: &MapKey, inst: &Rc<Instance>) {
        if self
            .map
            .get(k)
            .is_some_and(|w| std::ptr::eq(w.as_ptr(), Rc::as_ptr(inst)))
        {
            self.map.remove(k);
        }
    }

    /// The objects still alive.
    pub fn alive(&self) -> Vec<Rc<Instance>> {
        self.map.values().filter_map(Weak::upgrade).collect()
    }

    /// Empty the map, returning the objects still alive.
    pub fn drain(&mut self) -> Vec<Rc<Instance>> {
        let out = self.alive();
        self.map.clear();
        self.since_sweep = 0;
        out
    }
}

/// Objects remembered weakly, swept of dead ones now and then.
#[derive(Default)]
pub struct WeakSet {
    items: Vec<Weak<Instance>>,
    since_sweep: usize,
}

impl WeakSet {
    pub fn remember(&mut self, inst: &Rc<Instance>) {
        self.items.push(Rc::downgrade(inst));
        self.since_sweep += 1;
        if self.since_sweep > 4096 && self.since_sweep > self.items.len() / 2 {
            self.items.retain(|w| w.strong_count() > 0);
            self.since_sweep = 0;
        }
    }

    pub fn alive(&self) -> Vec<Rc<Instance>> {
        self.items.iter().filter_map(Weak::upgrade).collect()
    }
}
