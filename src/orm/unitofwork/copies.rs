//! The foreign-key copies a flush records between its objects, as
//! SQLAlchemy's dependency processors make them: keys cleared from
//! children a one-to-many let go of (`OneToManyDP.process_saves`) and from
//! the children of deleted parents (`process_deletes`), and keys copied
//! along changed many-to-ones (`ManyToOneDP.process_saves`) and into the
//! children one-to-manys gained. Recorded, not made (`states::Write`);
//! `made` keeps those the flush's relationship processing makes, in its
//! order.

use std::rc::Rc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::error::Result;
use crate::orm::instance::{Instance, Status};
use crate::orm::session::Session;
use crate::orm::unitofwork::graph::{Order, Task};
use crate::orm::unitofwork::states::{
    PlanValue, Post, Registry, Write, history, live, source_value, via, write,
};
use crate::schema::relationship::{Rel, RelKind};
use crate::value::Value;

/// A child taken out of a one-to-many (and not deleted as an orphan, nor
/// taken by another parent) no longer names the owner — a new child too,
/// or one outside the session, as SQLAlchemy clears it
/// (`OneToManyDP.process_saves`).
pub(super) fn clear_let_go(
    session: &Session,
    reg: &mut Registry,
    touched: &[Rc<Instance>],
    cancelled: &HashSet<*const Instance>,
) -> Result<()> {
    for t in touched {
        for rel in session.mapping.of(&t.model.name) {
            let RelKind::OneToMany { pairs } = &rel.kind else {
                continue;
            };
            if rel.viewonly || rel.cascade.delete_orphan || rel.passive_deletes_all {
                continue;
            }
            let Some((h, _)) = history(t, rel) else {
                continue;
            };
            for gone in &h.deleted {
                // SQLAlchemy's `sync.clear` writes into any object but one
                // this flush deletes, even one outside the session.
                let writable = !deleted_here(gone, cancelled) && gone.status() != Status::Deleted;
                if writable && !Session::has_parent(gone, rel) {
                    for (_, fk) in pairs {
                        let null = PlanValue::Known(Value::None);
                        write(reg, gone, *fk, null, via(rel, t, false))?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// Whether this flush deletes `x`: marked for deletion, and the
/// deletion not cancelled (SQLAlchemy's `uowcommit.is_deleted`).
fn deleted_here(x: &Instance, cancelled: &HashSet<*const Instance>) -> bool {
    x.is_marked_deleted() && !cancelled.contains(&(x as *const Instance))
}

/// The children of a deleted parent without delete cascade (loaded by
/// `flush::prepare`) lose their key; with `post_update`, by an UPDATE
/// before the parent goes, even children deleted too. A deleted object's
/// `post_update` many-to-one is cleared the same way
/// (`process_deletes`).
pub(super) fn clear_for_deletes(
    session: &Session,
    reg: &mut Registry,
    cancelled: &HashSet<*const Instance>,
) -> Result<()> {
    for d in session.deleted.iter() {
        if cancelled.contains(&Rc::as_ptr(d)) {
            continue;
        }
        for rel in session.mapping.of(&d.model.name) {
            if rel.viewonly {
                continue;
            }
            // `passive_deletes='all'`: no key is cleared but a
            // `post_update` one-to-many's (`process_deletes`).
            let o2m = matches!(rel.kind, RelKind::OneToMany { .. });
            if rel.passive_deletes_all && !(o2m && rel.post_update) {
                continue;
            }
            let Some((h, _)) = history(d, rel) else {
                continue;
            };
            clear_removed_from_deleted(reg, d, rel, &h.deleted, cancelled)?;
            if rel.cascade.delete && !rel.post_update {
                continue;
            }
            match &rel.kind {
                RelKind::OneToMany { pairs } => {
                    for c in h.added.iter().chain(&h.unchanged) {
                        let deleted_too = rel.post_update && c.is_marked_deleted();
                        // A child outside the session loses it in memory
                        // too (`sync.clear` asks only that this flush does
                        // not delete it).
                        let outside = !session.contains(c) && !c.is_marked_deleted();
                        let saved = live(c) || outside || cancelled.contains(&Rc::as_ptr(c));
                        if !saved && !deleted_too {
                            continue;
                        }
                        for (_, fk) in pairs {
                            let null = PlanValue::Known(Value::None);
                            write(reg, c, *fk, null, via(rel, d, true))?;
                        }
                        if rel.post_update {
                            reg.post_update(c, pairs.iter().map(|p| p.1));
                        }
                    }
                }
                // The related objects SQLAlchemy's `_post_update` looks at
                // (`history.sum()`): one that is not None registers it.
                RelKind::ManyToOne { pairs }
                    if rel.post_update
                        && !rel.cascade.delete_orphan
                        && (!h.added.is_empty()
                            || !h.unchanged.is_empty()
                            || !h.deleted.is_empty()) =>
                {
                    for (fk, _) in pairs {
                        let null = PlanValue::Known(Value::None);
                        write(reg, d, *fk, null, via(rel, d, true))?;
                    }
                    reg.post_update(d, pairs.iter().map(|p| p.0));
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// The children a deleted parent's one-to-many let go of since it was
/// loaded, left with no parent, lose its key — whatever the cascade, one
/// outside the session too, not one this flush deletes
/// (`OneToManyDP.process_deletes` clears `history.deleted`).
fn clear_removed_from_deleted(
    reg: &mut Registry,
    d: &Rc<Instance>,
    rel: &Rc<Rel>,
    removed: &[Rc<Instance>],
    cancelled: &HashSet<*const Instance>,
) -> Result<()> {
    let RelKind::OneToMany { pairs } = &rel.kind else {
        return Ok(());
    };
    for c in removed {
        if deleted_here(c, cancelled)
            || c.status() == Status::Deleted
            || Session::has_parent(c, rel)
        {
            continue;
        }
        for (_, fk) in pairs {
            let null = PlanValue::Known(Value::None);
            write(reg, c, *fk, null, via(rel, d, true))?;
        }
    }
    Ok(())
}

/// Many-to-ones of new and touched objects copy their target's key
/// (`ManyToOneDP.process_saves`), then one-to-manys copy theirs into the
/// children they gained (`OneToManyDP.process_saves`). An object whose
/// deletion this flush cancelled is written like one not deleted.
pub(super) fn copy_for_saves(
    session: &Session,
    reg: &mut Registry,
    touched: &[Rc<Instance>],
    cancelled: &HashSet<*const Instance>,
) -> Result<()> {
    let marked = |x: &Instance| deleted_here(x, cancelled);
    let mut gained: Vec<(Rc<Instance>, Rc<Instance>, Rc<Rel>)> = Vec::new();
    for t in touched.iter().filter(|t| session.contains(t) && !marked(t)) {
        for rel in session.mapping.of(&t.model.name) {
            if !matches!(rel.kind, RelKind::OneToMany { .. }) || rel.viewonly {
                continue;
            }
            if let Some((h, _)) = history(t, rel) {
                for c in h.added {
                    gained.push((c, t.clone(), rel.clone()));
                }
            }
        }
    }
    let mut seen: HashSet<*const Instance> = HashSet::default();
    let synced = touched.iter().chain(gained.iter().map(|g| &g.0));
    for x in synced {
        if marked(x) || !seen.insert(Rc::as_ptr(x)) {
            continue;
        }
        if x.status() == Status::Pending || live(x) || cancelled.contains(&Rc::as_ptr(x)) {
            many_to_one_copies(session, reg, x)?;
        }
    }
    for (child, owner, rel) in &gained {
        if marked(child) {
            continue;
        }
        if let RelKind::OneToMany { pairs } = &rel.kind {
            for (own, fk) in pairs {
                write(
                    reg,
                    child,
                    *fk,
                    source_value(reg, owner, *own),
                    via(rel, owner, false),
                )?;
            }
            if rel.post_update {
                reg.post_update(child, pairs.iter().map(|p| p.1));
            }
        }
    }
    Ok(())
}

/// Copy keys into `x`'s foreign-key columns from the objects its
/// many-to-ones name, along those that changed (SQLAlchemy copies only
/// along a changed many-to-one; an object outside the session gives no
/// key: "not in session, add operation … won't proceed").
fn many_to_one_copies(session: &Session, reg: &mut Registry, x: &Rc<Instance>) -> Result<()> {
    for rel in session.mapping.of(&x.model.name) {
        let RelKind::ManyToOne { pairs } = &rel.kind else {
            continue;
        };
        if rel.viewonly {
            continue;
        }
        let Some((h, loaded)) = history(x, rel) else {
            continue;
        };
        let target = h.added.first().or(h.unchanged.first()).cloned();
        if !loaded && target.is_none() {
            continue;
        }
        let (old_unknown, changed) =
            x.st.borrow()
                .slot_named(&rel.name)
                .map_or((false, false), |s| (s.old_unknown, s.changed));
        // Only a change is copied (SQLAlchemy's `history.added`), a new
        // object's too: one a rollback made transient keeps the history
        // its flush left. A new object's None set over nothing is a change
        // (the committed value is NO_VALUE, not None).
        let none_set = x.status() == Status::Pending && changed && h.unchanged.is_empty();
        if !old_unknown && !none_set && h.added.is_empty() && h.deleted.is_empty() {
            continue;
        }
        if target.as_ref().is_some_and(|t| !session.contains(t)) {
            continue;
        }
        if target.is_none() && !x.st.borrow().rels_touched() {
            continue;
        }
        for (fk, r) in pairs {
            let v = match &target {
                Some(t) => source_value(reg, t, *r),
                None => PlanValue::Known(Value::None),
            };
            write(reg, x, *fk, v, via(rel, x, false))?;
        }
        if rel.post_update {
            reg.post_update(x, pairs.iter().map(|p| p.0));
        }
    }
    Ok(())
}

/// The last copy into each column, by object: the copies recorded that
/// the flush's work makes, in the order of the relationship processing
/// making them (SQLAlchemy's `ProcessAll` actions, sorted by
/// `Owner_attribute`; where the tables make a cycle, each owner's own
/// `ProcessState`, so the parent processed last wins), a later one into a
/// column replacing an earlier. `post_update` copies are made by their
/// own step (`post::copies`).
pub(super) fn made(
    reg: &Registry,
    order: &Order,
) -> HashMap<*const Instance, Vec<(usize, PlanValue)>> {
    let processed = processed_owners(order);
    let step = |by: &Post| {
        reg.find(&by.owner)
            .and_then(|o| processed.get(&(Rc::as_ptr(&by.rel), by.delete, o)))
            .copied()
    };
    let mut writes: Vec<(usize, &Write)> = reg
        .writes
        .iter()
        .filter(|w| w.post.is_none())
        .filter_map(|w| Some((step(&w.by)?, w)))
        .collect();
    writes.sort_by_key(|(at, _)| *at);
    let mut copies: HashMap<*const Instance, Vec<(usize, PlanValue)>> = HashMap::default();
    for (_, w) in writes {
        let list = copies.entry(Rc::as_ptr(&w.dest)).or_default();
        list.retain(|(c, _)| *c != w.col);
        list.push((w.col, w.value.clone()));
    }
    copies
}

/// A relationship's processing of one owner's saves or deletes: the
/// relationship, whether deletes, and the owner's registry position.
type Processing = (*const Rel, bool, u32);

/// Every relationship processing the flush's work runs, per owner, with
/// the position of its step. A copy is made only by one of these, as
/// SQLAlchemy's `sync.populate`/`clear` run only inside
/// `process_saves`/`process_deletes`: where the tables make a cycle, an
/// owner is processed only when the attribute is in memory
/// (`get_all_pending`), so a back-reference's append queued on an
/// unloaded collection copies nothing into its child.
fn processed_owners(order: &Order) -> HashMap<Processing, usize> {
    let mut out = HashMap::default();
    for (i, w) in order.work.iter().enumerate() {
        if let Task::Process { dep, delete } = w.task {
            let rel = Rc::as_ptr(&order.deps[dep].rel);
            for &s in &w.states {
                out.entry((rel, delete, s)).or_insert(i);
            }
        }
    }
    out
}
