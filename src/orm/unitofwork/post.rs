//! `post_update=True` relationships, as SQLAlchemy writes them: the key
//! copy is made when the relationship is processed, after both rows were
//! saved (the INSERT went without it), and a separate UPDATE writes it
//! (`PostUpdateAll` after the saves, `persistence._post_update`); before a
//! delete, one clears the keys that name the row going (the pre-update).
//! So rows that refer to each other — an object its own parent, two new
//! objects each the other's parent — can be written.

use std::rc::Rc;

use rustc_hash::FxHashSet as HashSet;

use crate::error::Result;
use crate::orm::instance::{Instance, Status};
use crate::orm::unitofwork::keys::key_order;
use crate::orm::unitofwork::plan::{Op, PlanParam, Planner, Row, Step};
use crate::orm::unitofwork::states::PlanValue;
use crate::schema::model::Model;
use crate::value::Value;

/// The copies relationship `dep` (a `post_update` one) makes when it
/// processes the saves (or deletes) of its owners `states`.
pub(super) fn copies(p: &mut Planner, dep: usize, delete: bool, states: &[u32]) -> Result<()> {
    let rel = p.order.deps[dep].rel.clone();
    if !rel.post_update {
        return Ok(());
    }
    let owners: HashSet<*const Instance> = states
        .iter()
        .map(|&s| Rc::as_ptr(&p.reg.list[s as usize]))
        .collect();
    let mut list = Vec::new();
    for w in &p.reg.writes {
        let Some(post) = &w.post else { continue };
        if Rc::ptr_eq(&post.rel, &rel)
            && post.delete == delete
            && owners.contains(&Rc::as_ptr(&post.owner))
        {
            if let PlanValue::Deferred { inst, .. } = &w.value {
                p.check_inserted(inst)?;
            }
            list.push((w.dest.clone(), w.col, w.value.clone()));
        }
    }
    if !list.is_empty() {
        p.steps.push(Step::Copy(list));
    }
    Ok(())
}

/// The last `post_update` copy into `x.col`, if any.
fn post_copy(p: &Planner, x: &Rc<Instance>, col: usize) -> Option<PlanValue> {
    p.reg
        .writes
        .iter()
        .rev()
        .find(|w| w.post.is_some() && w.col == col && Rc::ptr_eq(&w.dest, x))
        .map(|w| w.value.clone())
}

/// The post-update UPDATEs of `model`'s objects `states`: each writes
/// the registered columns a `post_update` copy changed, and the
/// `onupdate=` values of the others (as SQLAlchemy's `_post_update`),
/// naming the row by its key. Rows go by primary key as SQLAlchemy sorts them (new objects,
/// whose keys their INSERTs numbered above the others', in the order
/// added).
pub(super) fn updates(p: &mut Planner, model: &Rc<Model>, states: &[u32]) -> Result<()> {
    let mut objs: Vec<(u32, Rc<Instance>)> = states
        .iter()
        .map(|&s| (s, p.reg.list[s as usize].clone()))
        .collect();
    let numbered = |x: &Rc<Instance>| !x.has_identity();
    objs.sort_by(|(i, x), (j, y)| match (numbered(x), numbered(y)) {
        (false, false) => key_order(x.st.borrow().identity_key(), y.st.borrow().identity_key()),
        (true, true) => i.cmp(j),
        (a, b) => a.cmp(&b),
    });
    let mut rows = Vec::new();
    for (s, x) in objs {
        let cols: Vec<usize> = p
            .reg
            .post_updates
            .iter()
            .find(|(at, _)| *at == s)
            .map(|(_, c)| c.clone())
            .unwrap_or_default();
        let mut set = Vec::new();
        let mut params = Vec::new();
        let mut sorted = cols;
        sorted.sort_unstable();
        for c in sorted {
            let Some(v) = post_copy(p, &x, c) else {
                continue;
            };
            // Only a change to what the row holds by now is written.
            let written = p.value(&x, c);
            let same = match (&v, &written) {
                (PlanValue::Known(a), PlanValue::Known(b)) => {
                    x.status() != Status::Pending
                        && a.same_value(b)
                        && a.type_name() == b.type_name()
                }
                _ => false,
            };
            let unset = x.status() == Status::Pending
                && matches!(
                    (&v, &written),
                    (PlanValue::Known(Value::None), PlanValue::Known(Value::None))
                );
            if same || unset {
                continue;
            }
            params.push(p.param(&v, &model.columns[c].ty)?);
            set.push(c);
        }
        if set.is_empty() {
            continue;
        }
        let onupdate = p.add_onupdate(model, &x, &mut set, &mut params)?;
        for part in 0..model.pk.len() {
            params.push(PlanParam::RowKey {
                inst: x.clone(),
                part,
            });
        }
        rows.push((
            set.clone(),
            Row {
                inst: Some(x.clone()),
                params,
                cols: set,
                onupdate,
                returning: Vec::new(),
            },
            Op::Update,
        ));
    }
    p.batches(1, model, rows);
    Ok(())
}
