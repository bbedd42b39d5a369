//! The order in which a flush saves tables: SQLAlchemy's unit of work
//! saves mapper by mapper, each after the mappers its relationships make it
//! depend on (a many-to-one's target first, a one-to-many's owner first),
//! and within one table emits the UPDATEs before the INSERTs
//! (`persistence.save_obj`). So a row renamed from `'a'` to `'b'` frees
//! `'a'` for a new row of the same flush, and a parent's changed key is in
//! the database before a new child refers to it. Here too: the steps of
//! that saving, each row once (`Saves`).

use std::rc::Rc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::error::Result;
use crate::orm::failed::Failing;
use crate::orm::flush::{Owned, Scratch, insert, sync_fks};
use crate::orm::instance::{Instance, Status};
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
/// By index: children that follow a parent's changed key join the list as
/// the parent is updated (`orm::rekey`).
pub(super) fn update_dirty(
    session: &mut Session,
    only: Option<u32>,
    saves: &mut Saves,
    failed_row: &mut Option<Failing>,
) -> Result<()> {
    let mut at = 0;
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
        crate::interrupt::check()?;
        let changed = inst.changed_columns();
        if !changed.is_empty() {
            *failed_row = Some((inst.clone(), Some(changed.clone())));
            update(session, &inst, &changed)?;
        }
    }
    Ok(())
}
