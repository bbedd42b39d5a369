//! The order of a flush's work, as SQLAlchemy's unit of work decides it
//! (`unitofwork.UOWTransaction`, `dependency.py`): a graph of actions —
//! save a table's objects (`SaveUpdateAll`), delete them (`DeleteAll`),
//! process one relationship's saves or deletes (`ProcessAll`), write the
//! `post_update` keys of a table (`PostUpdateAll`) — with the edges each
//! kind of relationship asks for (`edges`), sorted in layers (`schedule`,
//! `topo`). Within a layer actions go in SQLAlchemy's `sort_key` order:
//! by kind, then by class name (`DeleteAll` < `PostUpdateAll` <
//! `ProcessAll` < `SaveUpdateAll`), so tables nothing relates are saved
//! in the order of their class names.
//!
//! When the table-level graph has a cycle (a self-referential
//! relationship that changed, two tables referring to each other), the
//! actions on the cycle are split per object (`SaveUpdateState`,
//! `DeleteState`, `ProcessState`) with edges between the objects the
//! relationships actually join, and the layers are then run as
//! SQLAlchemy's `execute_aggregate` runs them: one table's objects of a
//! layer saved together. A cycle left between objects is SQLAlchemy's
//! `CircularDependencyError`.
//!
//! Where SQLAlchemy replaces an edge to a split action by an edge to each
//! of its objects, a weightless hub node stands for the objects
//! (`topo::Graph::node(0)`), so the graph stays linear in the objects.

use std::rc::Rc;

use rustc_hash::FxHashMap as HashMap;

use crate::error::Error;
use crate::orm::instance::Instance;
use crate::orm::session::Session;
use crate::orm::unitofwork::edges::{StateActs, TableActs, state_edges, table_edges};
use crate::orm::unitofwork::states::{Registry, history};
use crate::schema::model::Model;
use crate::schema::relationship::{Lazy, Rel, RelKind};

/// One relationship taking part in the flush (SQLAlchemy's
/// `DependencyProcessor`).
pub struct Dep {
    pub rel: Rc<Rel>,
    /// Indexes into `Order::models`.
    pub owner: usize,
    pub target: usize,
    /// SQLAlchemy's `sort_key`: `Owner_attribute`.
    pub(super) sort: String,
}

/// An action of the flush.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Act {
    SaveAll(usize),
    DeleteAll(usize),
    ProcessAll {
        dep: usize,
        delete: bool,
    },
    SaveState(u32),
    DeleteState(u32),
    ProcessState {
        dep: usize,
        delete: bool,
        state: u32,
    },
    /// The post-updates of one model's objects: after saves, or (`delete`)
    /// before deletes (SQLAlchemy's `PostUpdateAll`).
    PostUpdateAll {
        model: usize,
        delete: bool,
    },
}

/// What one step of the flush does.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Task {
    /// INSERT and UPDATE objects of one model (by index in `Order::models`).
    Save(usize),
    /// DELETE objects of one model.
    Delete(usize),
    /// A relationship's saves or deletes for objects of its owner:
    /// association rows for a many-to-many; the key copies of a
    /// `post_update` relationship (the others' are made with the saves).
    Process { dep: usize, delete: bool },
    /// The UPDATEs writing `post_update` keys of one model's objects.
    PostUpdate { model: usize, delete: bool },
}

/// One step of the flush: a task and the objects it is for (registry
/// positions).
pub struct Work {
    pub task: Task,
    pub states: Vec<u32>,
}

/// The flush's work in SQLAlchemy's order.
pub struct Order {
    pub models: Vec<Rc<Model>>,
    pub deps: Vec<Dep>,
    pub work: Vec<Work>,
    /// The objects depend on each other in a cycle: the work is what can
    /// be done before it, then this error.
    pub failure: Option<Error>,
}

/// The actions and edges, before the table-level cycles are split.
pub(super) struct Builder<'a> {
    pub(super) session: &'a Session,
    pub(super) reg: &'a Registry,
    pub(super) models: Vec<Rc<Model>>,
    pub(super) model_at: HashMap<u32, usize>,
    /// Registry positions of each model's objects to save and to delete.
    pub(super) saves: Vec<Vec<u32>>,
    pub(super) deletes: Vec<Vec<u32>>,
    pub(super) deps: Vec<Dep>,
    pub(super) acts: Vec<Act>,
    pub(super) act_at: HashMap<Act, u32>,
    pub(super) edges: Vec<(u32, u32)>,
}

impl<'a> Builder<'a> {
    /// The model (index) of a registered object.
    pub(super) fn state_model(&self, s: u32) -> usize {
        self.model_at[&self.reg.list[s as usize].model.id]
    }

    pub(super) fn model(&mut self, m: &Rc<Model>) -> usize {
        if let Some(&i) = self.model_at.get(&m.id) {
            return i;
        }
        self.models.push(m.clone());
        self.saves.push(Vec::new());
        self.deletes.push(Vec::new());
        self.model_at.insert(m.id, self.models.len() - 1);
        self.models.len() - 1
    }

    pub(super) fn act(&mut self, a: Act) -> u32 {
        if let Some(&i) = self.act_at.get(&a) {
            return i;
        }
        self.acts.push(a);
        let i = (self.acts.len() - 1) as u32;
        self.act_at.insert(a, i);
        i
    }

    pub(super) fn edge(&mut self, a: Act, b: Act) {
        let (a, b) = (self.act(a), self.act(b));
        self.edges.push((a, b));
    }

    /// SQLAlchemy's `prop_has_changes`: some object of the owner's has the
    /// attribute in memory, or the target's table takes part too (for a
    /// relationship that is not self-referential). A deleted owner's
    /// dynamic many-to-many counts too: SQLAlchemy loads it for the
    /// delete (`PASSIVE_OFF`) and removes its rows; here they go by owner
    /// (`assoc::process`), none if it has none.
    fn has_changes(&self, owner: usize, target: usize, rel: &Rel, registered: usize) -> bool {
        let dynamic_rows = matches!(rel.kind, RelKind::ManyToMany { .. })
            && rel.lazy == Lazy::Dynamic
            && !rel.passive_deletes
            && !self.deletes[owner].is_empty();
        dynamic_rows
            || self.saves[owner]
                .iter()
                .chain(&self.deletes[owner])
                .any(|&s| history(&self.reg.list[s as usize], rel).is_some_and(|(h, _)| h.present))
            || (owner != target && target < registered)
    }

    /// The table-level actions and edges (`per_property_dependencies`).
    pub(super) fn mapper_level(&mut self) {
        let registered_models = self.models.len();
        for m in 0..registered_models {
            self.edge(Act::SaveAll(m), Act::DeleteAll(m));
        }
        for m in 0..registered_models {
            let rels: Vec<Rc<Rel>> = self.session.mapping.of(&self.models[m].name).to_vec();
            for rel in rels {
                if rel.viewonly {
                    continue;
                }
                let target = self.model(&rel.target);
                if !self.has_changes(m, target, &rel, registered_models) {
                    continue;
                }
                let dep = self.deps.len();
                self.deps.push(Dep {
                    sort: format!("{}_{}", self.models[m].name, rel.name),
                    rel: rel.clone(),
                    owner: m,
                    target,
                });
                let after_save = Act::ProcessAll { dep, delete: false };
                let before_delete = Act::ProcessAll { dep, delete: true };
                let (ps, cs) = (Act::SaveAll(m), Act::SaveAll(target));
                let (pd, cd) = (Act::DeleteAll(m), Act::DeleteAll(target));
                self.act(after_save);
                self.act(before_delete);
                for a in [ps, cs, pd, cd] {
                    self.act(a);
                }
                // The table whose rows hold the foreign key takes the
                // post-updates.
                let holder = match rel.kind {
                    RelKind::OneToMany { .. } => target,
                    _ => m,
                };
                let acts = TableActs {
                    parent_saves: ps,
                    child_saves: cs,
                    parent_deletes: pd,
                    child_deletes: cd,
                    after_save,
                    before_delete,
                    post_updates: Act::PostUpdateAll {
                        model: holder,
                        delete: false,
                    },
                    pre_updates: Act::PostUpdateAll {
                        model: holder,
                        delete: true,
                    },
                };
                let pairs = table_edges(&rel.kind, rel.post_update, &acts);
                for (a, b) in pairs {
                    self.edge(a, b);
                }
            }
        }
    }

    /// SQLAlchemy's `per_state_flush_actions` of one relationship, for the
    /// owner's objects `states` (to save or, `delete`, to delete), given
    /// which table-level actions lie on a cycle.
    pub(super) fn per_state(&mut self, dep: usize, delete: bool, cyclic: &[bool]) {
        let (owner, target) = (self.deps[dep].owner, self.deps[dep].target);
        let rel = self.deps[dep].rel.clone();
        let split = |b: &Self, a: Act| b.act_at.get(&a).is_some_and(|&i| cyclic[i as usize]);
        let child_in_cycles = split(self, Act::SaveAll(target));
        let child_deletes_split = split(self, Act::DeleteAll(target));
        let states = if delete {
            self.deletes[owner].clone()
        } else {
            self.saves[owner].clone()
        };
        // A deleted owner's dynamic many-to-many: SQLAlchemy's
        // `get_all_pending` loads it (`PASSIVE_OFF`), so its rows are
        // processed whatever memory holds (here by owner, `assoc`).
        let dynamic_rows = delete
            && matches!(rel.kind, RelKind::ManyToMany { .. })
            && rel.lazy == Lazy::Dynamic
            && !rel.passive_deletes;
        for s in states {
            let obj = self.reg.list[s as usize].clone();
            let mut sum = match history(&obj, &rel) {
                Some((h, loaded)) => h.all_pending(&rel, loaded),
                None => Vec::new(),
            };
            if sum.is_empty() && dynamic_rows {
                sum.push(None);
            }
            if sum.is_empty() {
                continue;
            }
            let process = Act::ProcessState {
                dep,
                delete,
                state: s,
            };
            let parent = if delete {
                Act::DeleteState(s)
            } else {
                Act::SaveState(s)
            };
            let children: Vec<(Option<Act>, bool)> = if child_in_cycles {
                sum.iter()
                    .map(|c| match c {
                        Some(c) => self.child_action(c, target, child_deletes_split),
                        None => (None, false),
                    })
                    .collect()
            } else {
                vec![
                    (Some(Act::SaveAll(target)), false),
                    (Some(Act::DeleteAll(target)), true),
                ]
            };
            let holder = match rel.kind {
                RelKind::OneToMany { .. } => target,
                _ => owner,
            };
            for (child, child_deleted) in children {
                let acts = StateActs {
                    parent,
                    child,
                    child_deleted,
                    process,
                    delete,
                    post_updates: Act::PostUpdateAll {
                        model: holder,
                        delete: false,
                    },
                    pre_updates: Act::PostUpdateAll {
                        model: holder,
                        delete: true,
                    },
                };
                for (a, b) in state_edges(&rel.kind, rel.post_update, &acts) {
                    self.edge(a, b);
                }
            }
        }
    }

    /// The action of a child object in a split table, and whether it is a
    /// delete: None when the child is not part of the flush (SQLAlchemy's
    /// `(None, None)`, whose edges are dropped and the owner's other edges
    /// kept). A deleted child whose table's deletes are not split is
    /// deleted with them.
    fn child_action(
        &self,
        c: &Rc<Instance>,
        target: usize,
        deletes_split: bool,
    ) -> (Option<Act>, bool) {
        let Some(i) = self.reg.find(c) else {
            return (None, false);
        };
        if !self.reg.deleted[i as usize] {
            (Some(Act::SaveState(i)), false)
        } else if deletes_split {
            (Some(Act::DeleteState(i)), true)
        } else {
            (Some(Act::DeleteAll(target)), true)
        }
    }
}
