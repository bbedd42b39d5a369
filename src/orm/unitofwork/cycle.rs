//! SQLAlchemy's `CircularDependencyError`, in words: which objects of the
//! flush depend on each other, through which relationships, and what
//! would work instead.

use std::rc::Rc;

use rustc_hash::FxHashSet as HashSet;

use crate::error::{Error, ErrorKind};
use crate::orm::identity_key::key_display;
use crate::orm::instance::Instance;
use crate::orm::unitofwork::graph::{Act, Dep};
use crate::orm::unitofwork::states::Registry;
use crate::orm::unitofwork::topo::Graph;
use crate::value::Value;

/// How an object is named in a message: `Ant 1` for one with a row, `the
/// new Ant(name='c')` (the columns given) for a pending one.
pub fn describe(inst: &Instance) -> String {
    let st = inst.st.borrow();
    if let Some(key) = st.identity_key() {
        return format!("{} {}", inst.model.name, key_display(key));
    }
    let given: Vec<String> = inst
        .model
        .columns
        .iter()
        .enumerate()
        .filter(|(i, _)| st.is_set(*i) && !matches!(st.value(*i), Value::None))
        .map(|(i, c)| format!("{}={}", c.attr, short(st.value(i))))
        .collect();
    format!("the new {}({})", inst.model.name, given.join(", "))
}

fn short(v: &Value) -> String {
    match v {
        Value::Str(s) if s.chars().count() > 20 => {
            let cut: String = s.chars().take(20).collect();
            format!(
                "{}…'",
                crate::value::repr::str_repr(&cut).trim_end_matches('\'')
            )
        }
        Value::Str(s) => crate::value::repr::str_repr(s),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => crate::value::repr::float_repr(*f),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        other => format!("<{}>", other.type_name()),
    }
}

/// The error for a flush whose graph `g` has a cycle: the objects and
/// relationships of one strongly connected component of it.
pub fn circular(
    g: &Graph,
    acts: &[Act],
    node_of: &[Option<u32>],
    reg: &Registry,
    deps: &[Dep],
) -> Error {
    let comp = g.components();
    let mut size = vec![0usize; g.len()];
    for &c in &comp {
        size[c as usize] += 1;
    }
    let on_cycle = |n: u32| size[comp[n as usize] as usize] > 1 || g.successors(n).contains(&n);
    // The first component on a cycle that holds an object.
    let mut act_at: Vec<Option<usize>> = vec![None; g.len()];
    for (i, n) in node_of.iter().enumerate() {
        if let Some(n) = n {
            act_at[*n as usize] = Some(i);
        }
    }
    let chosen = (0..g.len() as u32)
        .filter(|&n| on_cycle(n))
        .find(|&n| act_at[n as usize].is_some_and(|a| state_of(&acts[a]).is_some()))
        .map(|n| comp[n as usize]);
    let mut objects: Vec<Rc<Instance>> = Vec::new();
    let mut seen: HashSet<u32> = HashSet::default();
    let mut rels: Vec<String> = Vec::new();
    for n in 0..g.len() {
        if Some(comp[n]) != chosen {
            continue;
        }
        let Some(a) = act_at[n] else { continue };
        if let Some(s) = state_of(&acts[a])
            && seen.insert(s)
        {
            objects.push(reg.list[s as usize].clone());
        }
        if let Act::ProcessState { dep, .. } = acts[a] {
            let name = format!("{}.{}", deps[dep].rel.owner.name, deps[dep].rel.name);
            if !rels.contains(&name) {
                rels.push(name);
            }
        }
    }
    let through = if rels.is_empty() {
        String::new()
    } else {
        format!(" through {}", rels.join(" and "))
    };
    let message = match objects.as_slice() {
        [one] => format!(
            "Circular dependency detected: {} depends on itself{through} (an object cannot be its own parent), so its row cannot be written",
            describe(one)
        ),
        many => {
            let shown: Vec<String> = many.iter().take(4).map(|x| describe(x)).collect();
            let more = if many.len() > 4 {
                format!(" and {} more", many.len() - 4)
            } else {
                String::new()
            };
            format!(
                "Circular dependency detected: {}{more} depend on each other{through}, so no order of their rows can be written",
                shown.join(", ")
            )
        }
    };
    Error::new(ErrorKind::CircularDependencyError, message).with_help(
        "give the relationship post_update=True (its foreign key is then written by a second UPDATE once both rows exist), or break the cycle: set one link to None (or take the object out of the collection), flush, then set it",
    )
}

/// The object an action is for, if it is for one.
fn state_of(a: &Act) -> Option<u32> {
    match *a {
        Act::SaveState(s) | Act::DeleteState(s) | Act::ProcessState { state: s, .. } => Some(s),
        _ => None,
    }
}
