//! The flush's action graph sorted into steps: the table-level actions on
//! a cycle split per object, the layers (`topo`) in SQLAlchemy's
//! `sort_key` order within each, and — when the tables make a cycle — a
//! layer's objects of one table saved together, as SQLAlchemy's
//! `execute_aggregate` saves them. A cycle left between objects ends the
//! steps with its `CircularDependencyError`, after those SQLAlchemy runs
//! before it meets the cycle.

use rustc_hash::FxHashMap as HashMap;

use crate::error::{Error, Result};
use crate::orm::session::Session;
use crate::orm::unitofwork::cycle::circular;
use crate::orm::unitofwork::graph::{Act, Builder, Order, Task, Work};
use crate::orm::unitofwork::states::Registry;
use crate::orm::unitofwork::topo::Graph;

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
        Act::PostUpdateAll { model, delete } => {
            ("PostUpdateAll", &b.models[model].name, Some(delete))
        }
    }
}

/// Decide the order of the flush's work, as SQLAlchemy's
/// `UOWTransaction.execute` does: the mapper-level actions, those on a
/// cycle split per object, the layered topological sort, then the steps.
pub fn order(session: &Session, reg: &Registry) -> Result<Order> {
    let mut b = mapper_actions(session, reg);
    let split = split_cycles(&mut b);
    let sorted = sort_graph(&b, &split);
    let (acts, failure) = sorted_actions(&b, &sorted);
    let work = group(&b, &acts, split.any_cycle);
    Ok(Order {
        models: b.models,
        deps: b.deps,
        work,
        failure,
    })
}

/// The registered objects sorted by model into saves and deletes, and the
/// table-level actions and edges between them (SQLAlchemy's
/// `_generate_actions`: `SaveUpdateAll`, `DeleteAll`, `ProcessAll`, and
/// the dependency processors' `per_property_preprocessors`).
fn mapper_actions<'a>(session: &'a Session, reg: &'a Registry) -> Builder<'a> {
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
        if reg.listonly[i] {
            continue;
        } else if reg.deleted[i] {
            b.deletes[m].push(i as u32);
        } else {
            b.saves[m].push(i as u32);
        }
    }
    b.mapper_level();
    b
}

/// Which actions lie on a cycle of table-level actions, and which of
/// those were replaced by per-object actions.
struct Split {
    /// Per action: it lies on a table-level cycle.
    cyclic: Vec<bool>,
    /// Per action: a `ProcessAll` replaced by its per-object actions.
    disabled: Vec<bool>,
    /// Any table-level cycle at all (then a layer's objects of one table
    /// are saved together).
    any_cycle: bool,
}

/// Find the table-level actions on a cycle and split them per object, as
/// SQLAlchemy's `_generate_actions` does for the `cycles` it finds: each
/// object's save comes before its table's `DeleteAll`, each delete after
/// its table's `SaveUpdateAll`, and a `ProcessAll` whose owner table lies
/// on the cycle gives way to one action per object (`per_state_flush_actions`).
fn split_cycles(b: &mut Builder) -> Split {
    let mut level = Graph::new();
    for _ in 0..b.acts.len() {
        level.node(1);
    }
    for &(x, y) in &b.edges {
        level.edge(x, y);
    }
    let mut cyclic = level.on_cycle();
    let any_cycle = cyclic.iter().any(|&c| c);
    let mut disabled = vec![false; b.acts.len()];
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
    Split {
        cyclic,
        disabled,
        any_cycle,
    }
}

/// The graph that is sorted, and where each action sits in it.
struct Sorted {
    g: Graph,
    /// Per action: its node, or `None` for one split or disabled.
    node_of: Vec<Option<u32>>,
}

/// The graph that is sorted: the actions kept, the split ones' objects,
/// and a hub (entry and exit nodes taking no layer) before and after each
/// split table-level save or delete, so the edges that reached the table
/// reach each of its objects (SQLAlchemy's edges to a cycle's
/// `SaveUpdateAll` / `DeleteAll` become edges to their per-object actions).
fn sort_graph(b: &Builder, split: &Split) -> Sorted {
    let Split {
        cyclic, disabled, ..
    } = split;
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
    Sorted { g, node_of }
}

/// The actions in the order they run, as `(layer, action)`: by layer of
/// the topological sort, then SQLAlchemy's `sort_key`. Only the layers
/// SQLAlchemy runs before a cycle between objects stops it
/// (`sort_as_subsets` is lazy) are kept; that cycle is the
/// `CircularDependencyError` returned beside them.
fn sorted_actions(b: &Builder, sorted: &Sorted) -> (Vec<(u32, usize)>, Option<Error>) {
    let Sorted { g, node_of } = sorted;
    let (layers, unplaced) = g.layers();
    let mut stuck = vec![false; g.len()];
    for &n in &unplaced {
        stuck[n as usize] = true;
    }
    let failure = (!unplaced.is_empty()).then(|| circular(g, &b.acts, node_of, b.reg, &b.deps));
    let keys: Vec<_> = b.acts.iter().map(|a| sort_key(b, a)).collect();
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
    (acts, failure)
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
            Act::PostUpdateAll { model, delete } => {
                let states = b
                    .reg
                    .post_updates
                    .iter()
                    .map(|(s, _)| *s)
                    .filter(|&s| b.state_model(s) == model && b.reg.deleted[s as usize] == delete)
                    .collect();
                work.push(Work {
                    task: Task::PostUpdate { model, delete },
                    states,
                });
                continue;
            }
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
