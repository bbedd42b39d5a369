//! The order in which a flush saves tables: SQLAlchemy's unit of work
//! saves mapper by mapper, each after the mappers its relationships make it
//! depend on (a many-to-one's target first, a one-to-many's owner first),
//! and within one table emits the UPDATEs before the INSERTs
//! (`persistence.save_obj`). So a row renamed from `'a'` to `'b'` frees
//! `'a'` for a new row of the same flush, and a parent's changed key is in
//! the database before a new child refers to it.

use std::rc::Rc;

use rustc_hash::FxHashMap as HashMap;

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
