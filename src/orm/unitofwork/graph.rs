//! The order of a flush's work, as SQLAlchemy's unit of work decides it
//! (`unitofwork.UOWTransaction`, `dependency.py`): a graph of actions —
//! save a table's objects (`SaveUpdateAll`), delete them (`DeleteAll`),
//! process one relationship's saves or deletes (`ProcessAll`) — with the
//! edges each kind of relationship asks for, sorted in layers
//! (`topo`). Within a layer actions go in SQLAlchemy's `sort_key` order:
//! by kind, then by class name (`DeleteAll` < `ProcessAll` <
//! `SaveUpdateAll`), so tables nothing relates are saved in the order of
//! their class names.
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

use crate::error::{Error, Result};
use crate::orm::instance::Instance;
use crate::orm::session::Session;
use crate::orm::unitofwork::cycle::circular;
use crate::orm::unitofwork::states::{Registry, history};
use crate::orm::unitofwork::topo::Graph;
use crate::schema::model::Model;
use crate::schema::relationship::{Rel, RelKind};

/// One relationship taking part in the flush (SQLAlchemy's
/// `DependencyProcessor`).
pub struct Dep {
    pub rel: Rc<Rel>,
    /// Indexes into `Order::models`.
    pub owner: usize,
    pub target: usize,
    /// SQLAlchemy's `sort_key`: `Owner_attribute`.
    sort: String,
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
}

/// What one step of the flush does.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Task {
    /// INSERT and UPDATE objects of one model (by index in `Order::models`).
    Save(usize),
    /// DELETE objects of one model.
    Delete(usize),
    /// A relationship's saves or deletes for objects of its owner:
    /// association rows for a many-to-many (the key copies of the others
    /// are recorded in advance, `states`).
    Process { dep: usize, delete: bool },
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
struct Builder<'a> {
    session: &'a Session,
    reg: &'a Registry,
    models: Vec<Rc<Model>>,
    model_at: HashMap<u32, usize>,
    /// Registry positions of each model's objects to save and to delete.
    saves: Vec<Vec<u32>>,
    deletes: Vec<Vec<u32>>,
    deps: Vec<Dep>,
    acts: Vec<Act>,
    act_at: HashMap<Act, u32>,
    edges: Vec<(u32, u32)>,
}

impl<'a> Builder<'a> {
    /// The model (index) of a registered object.
    fn state_model(&self, s: u32) -> usize {
        self.model_at[&self.reg.list[s as usize].model.id]
    }

    fn model(&mut self, m: &Rc<Model>) -> usize {
        if let Some(&i) = self.model_at.get(&m.id) {
            return i;
        }
        self.models.push(m.clone());
        self.saves.push(Vec::new());
        self.deletes.push(Vec::new());
        self.model_at.insert(m.id, self.models.len() - 1);
        self.models.len() - 1
    }

    fn act(&mut self, a: Act) -> u32 {
        if let Some(&i) = self.act_at.get(&a) {
            return i;
        }
        self.acts.push(a);
        let i = (self.acts.len() - 1) as u32;
        self.act_at.insert(a, i);
        i
    }

    fn edge(&mut self, a: Act, b: Act) {
        let (a, b) = (self.act(a), self.act(b));
        self.edges.push((a, b));
    }

    /// SQLAlchemy's `prop_has_changes`: some object of the owner's has the
    /// attribute in memory, or the target's table takes part too (for a
    /// relationship that is not self-referential).
    fn has_changes(&self, owner: usize, target: usize, rel: &Rel, registered: usize) -> bool {
        self.saves[owner]
            .iter()
            .chain(&self.deletes[owner])
            .any(|&s| history(&self.reg.list[s as usize], rel).is_some_and(|(h, _)| h.present))
            || (owner != target && target < registered)
    }

    /// The table-level actions and edges (`per_property_dependencies`).
    fn mapper_level(&mut self) {
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
                let pairs: &[(Act, Act)] = match rel.kind {
                    RelKind::OneToMany { .. } => &[
                        (ps, after_save),
                        (after_save, cs),
                        (after_save, cd),
                        (cs, pd),
                        (cd, pd),
                        (before_delete, cs),
                        (before_delete, cd),
                    ],
                    RelKind::ManyToOne { .. } => {
                        &[(cs, after_save), (after_save, ps), (ps, cd), (pd, cd)]
                    }
                    RelKind::ManyToMany { .. } => &[
                        (ps, after_save),
                        (cs, after_save),
                        (after_save, cd),
                        (before_delete, ps),
                        (before_delete, pd),
                        (before_delete, cd),
                        (before_delete, cs),
                    ],
                };
                for &(a, b) in pairs {
                    self.edge(a, b);
                }
            }
        }
    }

    /// SQLAlchemy's `per_state_flush_actions` of one relationship, for the
    /// owner's objects `states` (to save or, `delete`, to delete), given
    /// which table-level actions lie on a cycle.
    fn per_state(&mut self, dep: usize, delete: bool, cyclic: &[bool]) {
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
        for s in states {
            let obj = self.reg.list[s as usize].clone();
            let Some((h, loaded)) = history(&obj, &rel) else {
                continue;
            };
            let sum = h.all_pending(&rel, loaded);
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
            let children: Vec<(Act, bool)> = if child_in_cycles {
                sum.iter()
                    .filter_map(|c| self.child_action(c, target, child_deletes_split))
                    .collect()
            } else {
                vec![
                    (Act::SaveAll(target), false),
                    (Act::DeleteAll(target), true),
                ]
            };
            for (child, child_deleted) in children {
                self.per_state_edges(&rel, parent, child, process, delete, child_deleted);
            }
        }
    }

    /// The action of a child object in a split table: None when it is not
    /// part of the flush (SQLAlchemy drops the edge). A deleted child whose
    /// table's deletes are not split is deleted with them.
    fn child_action(
        &self,
        c: &Rc<Instance>,
        target: usize,
        deletes_split: bool,
    ) -> Option<(Act, bool)> {
        let i = self.reg.find(c)?;
        Some(if !self.reg.deleted[i as usize] {
            (Act::SaveState(i), false)
        } else if deletes_split {
            (Act::DeleteState(i), true)
        } else {
            (Act::DeleteAll(target), true)
        })
    }

    /// `per_state_dependencies` of each kind of relationship.
    fn per_state_edges(
        &mut self,
        rel: &Rel,
        parent: Act,
        child: Act,
        process: Act,
        delete: bool,
        child_deleted: bool,
    ) {
        match (&rel.kind, delete) {
            (RelKind::OneToMany { .. }, false) => {
                self.edge(parent, process);
                self.edge(process, child);
                self.edge(parent, child);
            }
            (RelKind::OneToMany { .. }, true) => {
                self.edge(process, child);
                self.edge(child, parent);
            }
            (RelKind::ManyToOne { .. }, false) => {
                if !child_deleted {
                    self.edge(child, process);
                }
                self.edge(process, parent);
            }
            (RelKind::ManyToOne { .. }, true) => {
                if child_deleted {
                    self.edge(parent, child);
                }
            }
            (RelKind::ManyToMany { .. }, false) => {
                self.edge(parent, process);
                if child_deleted {
                    self.edge(process, child);
                } else {
                    self.edge(child, process);
                }
            }
            (RelKind::ManyToMany { .. }, true) => {
                self.edge(process, child);
                self.edge(process, parent);
            }
        }
    }
}

/// SQLAlchemy's `sort_key` of an action: kind, then class or relationship
/// name, then (for a `ProcessAll`) whether it processes deletes.
fn sort_key<'k>(b: &'k Builder, act: &Act) -> (&'static str, &'k str, Option<bool>) {
    let model_of = |s: u32| -> &'k str { &b.models[b.state_model(s)].name };
    match *act {
        Act::SaveAll(m) => ("SaveUpdateAll", &b.models[m].name, None),
        Act::DeleteAll(m) => ("DeleteAll", &b.models[m].name, None),
        Act::ProcessAll { dep, delete } => ("ProcessAll", &b.deps[dep].sort, Some(delete)),
        Act::SaveState(s) => ("ProcessState", model_of(s), None),
        Act::DeleteState(s) => ("DeleteState", model_of(s), None),
        Act::ProcessState { dep, .. } => ("ProcessState", &b.deps[dep].sort, None),
    }
}

/// Decide the order of the flush's work.
pub fn order(session: &Session, reg: &Registry) -> Result<Order> {
    let mut b = Builder {
        session,
        reg,
        models: Vec::new(),
        model_at: HashMap::default(),
        saves: Vec::new(),
        deletes: Vec::new(),
        deps: Vec::new(),
        acts: Vec::new(),
        act_at: HashMap::default(),
        edges: Vec::new(),
    };
    for (i, x) in reg.list.iter().enumerate() {
        let m = b.model(&x.model);
        if reg.deleted[i] {
            b.deletes[m].push(i as u32);
        } else {
            b.saves[m].push(i as u32);
        }
    }
    b.mapper_level();
    // Which table-level actions lie on a cycle.
    let mut level = Graph::new();
    for _ in 0..b.acts.len() {
        level.node(1);
    }
    for &(x, y) in &b.edges {
        level.edge(x, y);
    }
    let mut cyclic = level.on_cycle();
    let any_cycle = cyclic.iter().any(|&c| c);
    let table_acts = b.acts.len();
    let mut disabled = vec![false; table_acts];
    if any_cycle {
        for m in 0..b.models.len() {
            let save = b.act_at.get(&Act::SaveAll(m)).copied();
            let del = b.act_at.get(&Act::DeleteAll(m)).copied();
            if save.is_some_and(|a| cyclic[a as usize]) {
                for s in b.saves[m].clone() {
                    b.edge(Act::SaveState(s), Act::DeleteAll(m));
                }
            }
            if del.is_some_and(|a| cyclic[a as usize]) {
                for s in b.deletes[m].clone() {
                    b.edge(Act::SaveAll(m), Act::DeleteState(s));
                }
            }
        }
        for dep in 0..b.deps.len() {
            let owner = b.deps[dep].owner;
            for delete in [false, true] {
                let whole = if delete {
                    Act::DeleteAll(owner)
                } else {
                    Act::SaveAll(owner)
                };
                if b.act_at.get(&whole).is_some_and(|&a| cyclic[a as usize]) {
                    disabled[b.act_at[&Act::ProcessAll { dep, delete }] as usize] = true;
                    b.per_state(dep, delete, &cyclic);
                }
            }
        }
        cyclic.resize(b.acts.len(), false);
        disabled.resize(b.acts.len(), false);
    }
    // The graph that is sorted: the actions kept, the split ones' objects,
    // and a hub before and after each split table-level action.
    let mut g = Graph::new();
    let mut node_of: Vec<Option<u32>> = vec![None; b.acts.len()];
    let mut hubs: HashMap<u32, (u32, u32)> = HashMap::default();
    for (i, a) in b.acts.iter().enumerate() {
        if disabled[i] {
            continue;
        }
        if cyclic[i] {
            if matches!(a, Act::SaveAll(_) | Act::DeleteAll(_)) {
                hubs.insert(i as u32, (g.node(0), g.node(0)));
            }
            continue;
        }
        node_of[i] = Some(g.node(1));
    }
    for (i, a) in b.acts.iter().enumerate() {
        let whole = match *a {
            Act::SaveState(s) => Act::SaveAll(b.state_model(s)),
            Act::DeleteState(s) => Act::DeleteAll(b.state_model(s)),
            _ => continue,
        };
        if let (Some(&(entry, exit)), Some(n)) =
            (b.act_at.get(&whole).and_then(|w| hubs.get(w)), node_of[i])
        {
            g.edge(entry, n);
            g.edge(n, exit);
        }
    }
    for &(x, y) in &b.edges {
        let (xi, yi) = (x as usize, y as usize);
        if disabled[xi] || disabled[yi] || (cyclic[xi] && cyclic[yi]) {
            continue;
        }
        let from = if cyclic[xi] {
            hubs.get(&x).map(|h| h.1)
        } else {
            node_of[xi]
        };
        let to = if cyclic[yi] {
            hubs.get(&y).map(|h| h.0)
        } else {
            node_of[yi]
        };
        if let (Some(f), Some(t)) = (from, to) {
            g.edge(f, t);
        }
    }
    // The layers SQLAlchemy runs before a cycle between objects stops it
    // (`sort_as_subsets` is lazy), then its `CircularDependencyError`.
    let (layers, unplaced) = g.layers();
    let mut stuck = vec![false; g.len()];
    for &n in &unplaced {
        stuck[n as usize] = true;
    }
    let failure = (!unplaced.is_empty()).then(|| circular(&g, &b.acts, &node_of, reg, &b.deps));
    // Real actions by layer, then SQLAlchemy's sort key.
    let keys: Vec<_> = b.acts.iter().map(|a| sort_key(&b, a)).collect();
    let mut acts: Vec<(u32, usize)> = node_of
        .iter()
        .enumerate()
        .filter_map(|(i, n)| {
            n.filter(|&n| !stuck[n as usize])
                .map(|n| (layers[n as usize], i))
        })
        .collect();
    acts.sort_by(|x, y| {
        x.0.cmp(&y.0)
            .then_with(|| keys[x.1].cmp(&keys[y.1]))
            .then(x.1.cmp(&y.1))
    });
    let work = group(&b, &acts, any_cycle);
    Ok(Order {
        models: b.models,
        deps: b.deps,
        work,
        failure,
    })
}

/// The sorted actions as steps. Without cycles each action is a step;
/// with them, the objects of one layer are saved (deleted, processed)
/// together, table by table, as SQLAlchemy's `execute_aggregate` does.
fn group(b: &Builder, acts: &[(u32, usize)], any_cycle: bool) -> Vec<Work> {
    let mut work: Vec<Work> = Vec::new();
    let mut open: HashMap<Task, usize> = HashMap::default();
    let mut layer = u32::MAX;
    for &(l, i) in acts {
        if l != layer {
            layer = l;
            open.clear();
        }
        let whole = |task: Task, states: &Vec<u32>| Work {
            task,
            states: states.clone(),
        };
        let (task, state) = match b.acts[i] {
            Act::SaveAll(m) => {
                work.push(whole(Task::Save(m), &b.saves[m]));
                continue;
            }
            Act::DeleteAll(m) => {
                work.push(whole(Task::Delete(m), &b.deletes[m]));
                continue;
            }
            Act::ProcessAll { dep, delete } => {
                let owner = b.deps[dep].owner;
                let states = if delete {
                    &b.deletes[owner]
                } else {
                    &b.saves[owner]
                };
                work.push(whole(Task::Process { dep, delete }, states));
                continue;
            }
            Act::SaveState(s) => (Task::Save(b.state_model(s)), s),
            Act::DeleteState(s) => (Task::Delete(b.state_model(s)), s),
            Act::ProcessState { dep, delete, state } => (Task::Process { dep, delete }, state),
        };
        match open.get(&task) {
            Some(&at) if any_cycle => work[at].states.push(state),
            _ => {
                open.insert(task, work.len());
                work.push(Work {
                    task,
                    states: vec![state],
                });
            }
        }
    }
    work
}
