//! The order in which a flush saves tables: SQLAlchemy's unit of work
//! saves mapper by mapper, each after the mappers its relationships make it
//! depend on (a many-to-one's target first, a one-to-many's owner first),
//! and within one table emits the UPDATEs before the INSERTs
//! (`persistence.save_obj`). So a row renamed from `'a'` to `'b'` frees
//! `'a'` for a new row of the same flush, and a parent's changed key is in
//! the database before a new child refers to it. Here too: the steps of
//! that saving, each row once (`Saves`).

use std::cmp::Ordering;
use std::rc::Rc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::error::Result;
use crate::orm::failed::Failing;
use crate::orm::flush::{Owned, Scratch, insert, sync_fks};
use crate::orm::instance::{Instance, Key, KeyPart, Status};
use crate::orm::rekey::update;
use crate::orm::session::Session;
use crate::schema::model::Model;
use crate::schema::relationship::{Mapping, RelKind};

/// The models (by `Model::id`) in the order their tables are saved: each
/// after those it depends on through a relationship (not `viewonly`),
/// otherwise in the order given. None when the relationships make a cycle
/// between different models: the flush then saves object by object.
/// Self-referential relationships order rows within one table and are left
/// to the caller.
pub fn table_order(mapping: &Mapping, models: &[Rc<Model>]) -> Option<Vec<u32>> {
    let index: HashMap<u32, usize> = models.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
    let mut waiting = vec![0usize; models.len()];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); models.len()];
    for (i, m) in models.iter().enumerate() {
        for rel in mapping.of(&m.name) {
            if rel.viewonly {
                continue;
            }
            let Some(&j) = index.get(&rel.target.id) else {
                continue;
            };
            let (first, then) = match rel.kind {
                RelKind::ManyToOne { .. } => (j, i),
                RelKind::OneToMany { .. } => (i, j),
                RelKind::ManyToMany { .. } => continue,
            };
            if first != then && !dependents[first].contains(&then) {
                dependents[first].push(then);
                waiting[then] += 1;
            }
        }
    }
    // Kahn's algorithm, the earliest-given ready model first.
    let mut ready: std::collections::BinaryHeap<std::cmp::Reverse<usize>> = (0..models.len())
        .filter(|&i| waiting[i] == 0)
        .map(std::cmp::Reverse)
        .collect();
    let mut order = Vec::with_capacity(models.len());
    while let Some(std::cmp::Reverse(i)) = ready.pop() {
        order.push(models[i].id);
        for &k in &dependents[i] {
            waiting[k] -= 1;
            if waiting[k] == 0 {
                ready.push(std::cmp::Reverse(k));
            }
        }
    }
    (order.len() == models.len()).then_some(order)
}

/// What the saving steps of one flush have done so far.
pub(super) struct Saves {
    pub(super) scratch: Scratch,
    /// Persistent objects whose foreign keys were copied from their parents.
    pub(super) synced: HashSet<*const Instance>,
    /// Objects whose UPDATE ran (or was found unneeded).
    pub(super) updated: HashSet<*const Instance>,
    /// By position in the insert order.
    pub(super) inserted: Vec<bool>,
}

/// Insert one pending object, its foreign keys copied from its parents first.
pub(super) fn insert_one(
    session: &mut Session,
    inst: &Rc<Instance>,
    owned: &[Owned],
    saves: &mut Saves,
    failed_row: &mut Option<Failing>,
) -> Result<()> {
    crate::interrupt::check()?;
    sync_fks(session, inst, owned)?;
    *failed_row = Some((inst.clone(), None));
    insert(session, inst, &mut saves.scratch)
}

/// Copy parents' keys into persistent objects whose relationships changed
/// (those of model `only`, or all), once each.
pub(super) fn sync_persistent(
    session: &mut Session,
    touched: &[Rc<Instance>],
    owned: &[Owned],
    only: Option<u32>,
    saves: &mut Saves,
) -> Result<()> {
    for x in touched.iter().chain(owned.iter().map(|o| &o.child)) {
        if only.is_some_and(|m| m != x.model.id)
            || x.status() != Status::Persistent
            || x.st.borrow().marked_deleted
            || !saves.synced.insert(Rc::as_ptr(x))
        {
            continue;
        }
        sync_fks(session, x, owned)?;
    }
    Ok(())
}

/// The UPDATEs of modified objects (of model `only`, or all), once each.
/// Those of one table go in the order of their keys, as SQLAlchemy sorts a
/// mapper's persistent objects (`_sort_states`), so renaming `b` to `c`
/// and `a` to `b` in one flush fails as it does there. Children that
/// follow a parent's changed key join the list as the parent is updated
/// (`orm::rekey`) and are taken in a next round.
pub(super) fn update_dirty(
    session: &mut Session,
    only: Option<u32>,
    saves: &mut Saves,
    failed_row: &mut Option<Failing>,
) -> Result<()> {
    let mut at = 0;
    loop {
        let mut round: Vec<Rc<Instance>> = Vec::new();
        while at < session.dirty.len() {
            let inst = session.dirty[at].clone();
            at += 1;
            if only.is_some_and(|m| m != inst.model.id)
                || inst.status() != Status::Persistent
                || inst.st.borrow().marked_deleted
                || !saves.updated.insert(Rc::as_ptr(&inst))
            {
                continue;
            }
            round.push(inst);
        }
        if round.is_empty() {
            return Ok(());
        }
        if only.is_some() {
            round.sort_by(|x, y| key_order(&x.st.borrow().key, &y.st.borrow().key));
        }
        for inst in round {
            crate::interrupt::check()?;
            let changed = inst.changed_columns();
            if !changed.is_empty() {
                *failed_row = Some((inst.clone(), Some(changed.clone())));
                update(session, &inst, &changed)?;
            }
        }
    }
}

/// Identity keys in Python's order of their tuples: numbers by value, text
/// by code point. Parts of different kinds, which Python would refuse to
/// compare, go by kind (a total order: the sort must never see a cycle).
fn key_order(x: &Option<Key>, y: &Option<Key>) -> Ordering {
    let (Some(x), Some(y)) = (x, y) else {
        return x.is_some().cmp(&y.is_some());
    };
    for (a, b) in x.iter().zip(y.iter()) {
        let o = match (a, b) {
            (KeyPart::Int(a), KeyPart::Int(b)) => a.cmp(b),
            (KeyPart::Text(a), KeyPart::Text(b)) => a.cmp(b),
            // Reals by value (all of them before other texts), the rest
            // by their text.
            (KeyPart::Other(a), KeyPart::Other(b)) => {
                match (a.parse::<f64>().ok(), b.parse::<f64>().ok()) {
                    (Some(a), Some(b)) => a.total_cmp(&b),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => a.cmp(b),
                }
            }
            _ => rank(a).cmp(&rank(b)),
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    x.len().cmp(&y.len())
}

fn rank(p: &KeyPart) -> u8 {
    match p {
        KeyPart::Int(_) => 0,
        KeyPart::Text(_) => 1,
        KeyPart::Other(_) => 2,
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;
    use crate::schema::relationship::{Cascade, Lazy, Rel};

    fn model(id: u32, name: &str) -> Rc<Model> {
        Rc::new(Model {
            id,
            name: Rc::from(name),
            table: Rc::from(name),
            columns: Vec::new(),
            pk: Vec::new(),
            repr: None,
            source: Rc::from(""),
            rels: Vec::new(),
            pure: false,
            retired: RefCell::new(None),
        })
    }

    fn relate(mapping: &mut Mapping, owner: &Rc<Model>, target: &Rc<Model>, kind: RelKind) {
        relate_view(mapping, owner, target, kind, false);
    }

    fn relate_view(
        mapping: &mut Mapping,
        owner: &Rc<Model>,
        target: &Rc<Model>,
        kind: RelKind,
        viewonly: bool,
    ) {
        let name = format!("to_{}_{}", target.name, mapping.rels.len());
        mapping.insert(Rc::new(Rel {
            name: Rc::from(name),
            owner: owner.clone(),
            target: target.clone(),
            kind,
            uselist: true,
            lazy: Lazy::Select,
            cascade: Cascade::default(),
            order_by: Vec::new(),
            reverse: None,
            viewonly,
            criteria: Vec::new(),
        }));
    }

    fn m2o() -> RelKind {
        RelKind::ManyToOne { pairs: vec![] }
    }

    fn o2m() -> RelKind {
        RelKind::OneToMany { pairs: vec![] }
    }

    #[test]
    fn parents_go_first_by_either_side_of_the_relationship() {
        let (p, k, x) = (model(1, "P"), model(2, "K"), model(3, "X"));
        let mut by_child = Mapping::default();
        relate(&mut by_child, &k, &p, m2o());
        let mut by_parent = Mapping::default();
        relate(&mut by_parent, &p, &k, o2m());
        for mapping in [&by_child, &by_parent] {
            let given = [k.clone(), x.clone(), p.clone()];
            assert_eq!(table_order(mapping, &given), Some(vec![3, 1, 2]));
        }
    }

    #[test]
    fn unrelated_tables_keep_the_order_given() {
        let (a, b, c) = (model(1, "A"), model(2, "B"), model(3, "C"));
        let mapping = Mapping::default();
        assert_eq!(
            table_order(&mapping, &[c.clone(), a.clone(), b.clone()]),
            Some(vec![3, 1, 2])
        );
    }

    #[test]
    fn self_reference_viewonly_and_association_are_no_edges() {
        let (n, t) = (model(1, "Node"), model(2, "Tag"));
        let mut mapping = Mapping::default();
        relate(&mut mapping, &n, &n, m2o());
        relate(&mut mapping, &n, &n, o2m());
        relate_view(&mut mapping, &n, &t, m2o(), true);
        let secondary = Rc::new(crate::schema::table::Table {
            name: Rc::from("n_t"),
            columns: Vec::new(),
        });
        relate(
            &mut mapping,
            &t,
            &n,
            RelKind::ManyToMany {
                table: secondary,
                owner: vec![],
                target: vec![],
            },
        );
        assert_eq!(
            table_order(&mapping, &[n.clone(), t.clone()]),
            Some(vec![1, 2])
        );
    }

    #[test]
    fn keys_sort_as_python_tuples() {
        let k = |parts: Vec<KeyPart>| Some(Key::from(parts));
        let text = |t: &str| KeyPart::Text(Rc::from(t));
        let other = |t: &str| KeyPart::Other(t.to_string());
        let mut keys = vec![
            k(vec![KeyPart::Int(10), text("a")]),
            k(vec![KeyPart::Int(9), text("b")]),
            k(vec![KeyPart::Int(9), text("a")]),
            k(vec![text("é")]),
            k(vec![text("z")]),
            k(vec![other("x")]),
            k(vec![other("10.5")]),
            k(vec![other("9.5")]),
            None,
        ];
        keys.sort_by(key_order);
        let shown: Vec<String> = keys
            .iter()
            .map(|k| match k {
                Some(k) => crate::orm::session::key_display(k),
                None => "None".into(),
            })
            .collect();
        assert_eq!(
            shown,
            [
                "None", "9, a", "9, b", "10, a", "z", "é", "9.5", "10.5", "x"
            ]
        );
    }

    #[test]
    fn a_cycle_between_tables_has_no_order() {
        let (a, b) = (model(1, "A"), model(2, "B"));
        let mut mapping = Mapping::default();
        relate(&mut mapping, &a, &b, m2o());
        relate(&mut mapping, &b, &a, m2o());
        assert_eq!(table_order(&mapping, &[a.clone(), b.clone()]), None);
    }
}
