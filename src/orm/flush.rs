//! Flushing the session: read what the flush needs (`prepare`, which may
//! load from the database and registers orphans to delete), plan every
//! statement (`unitofwork::plan`, from the session alone), run the plan
//! (`Plan::emit`) — all in one transaction; on failure everything is
//! rolled back at once with an account of what was discarded.

use std::collections::HashMap;
use std::rc::Rc;

use crate::error::{ErrorKind, Result};
use crate::orm::failed::{self, Failing};
use crate::orm::instance::{Instance, Status};
use crate::orm::nested::Noted;
use crate::orm::session::Session;
use crate::orm::unitofwork::plan;
use crate::orm::unitofwork::states::{history, touched_all};
use crate::schema::relationship::{Rel, RelKind};

/// Flush the session. On failure the transaction is rolled back at once and
/// the error says what failed and what was discarded (`orm::failed`).
pub fn flush(session: &mut Session) -> Result<()> {
    flush_holding(session, None)
}

/// Flush the session while `held` (`orm::flush_objects`, a flush of some
/// objects only) is out of its lists: the held objects go back after the
/// flush, and before the rollback of a failed one, which takes them too
/// (as SQLAlchemy's `rollback()` after the failure does).
pub(crate) fn flush_holding(
    session: &mut Session,
    held: Option<crate::orm::flush_objects::HeldBack>,
) -> Result<()> {
    if !session.has_changes() {
        session.defaulted.clear();
        if let Some(h) = held {
            session.put_back(h);
        }
        return Ok(());
    }
    // A failed flush waits for `rollback()` (`orm::pending_rollback`).
    if session.engine.pending_rollback() {
        if let Some(h) = held {
            session.put_back(h);
        }
        return Err(crate::orm::pending_rollback::error(&session.engine));
    }
    let mut failed_row: Option<Failing> = None;
    let shield = crate::interrupt::shield();
    // The plan reads which columns defaults filled (`unitofwork::rows`).
    let r = run(session, &mut failed_row);
    let defaulted = std::mem::take(&mut session.defaulted);
    session.onupdate.clear();
    session.sql_defaults.clear();
    drop(shield);
    match r {
        Ok(()) => {
            finish(session);
            if let Some(h) = held {
                session.put_back(h);
            }
            Ok(())
        }
        // Ctrl-C: the statement is undone as a whole (`orm::undo`).
        Err(e) if e.kind == ErrorKind::Interrupted && session.recording() => {
            if let Some(h) = held {
                session.put_back(h);
            }
            Err(e)
        }
        Err(e) => {
            if let Some(h) = held {
                session.put_back(h);
            }
            take_back_defaults(session, defaulted);
            Err(failed::roll_back(session, e, failed_row))
        }
    }
}

/// After a failed flush: the `default=` values of the objects it did not
/// insert are taken back (SQLAlchemy sets them from the INSERT's
/// parameters once it ran, `_postfetch`).
fn take_back_defaults(session: &mut Session, defaulted: Vec<(Rc<Instance>, usize, bool)>) {
    for (inst, col, was_set) in defaulted {
        if inst.status() != Status::Pending {
            continue;
        }
        let mut st = session.edit(&inst);
        st.unset_value(col);
        if was_set {
            st.set_value(col, crate::value::Value::None);
        }
    }
}

fn run(session: &mut Session, failed_row: &mut Option<Failing>) -> Result<()> {
    session.engine.begin()?;
    prepare(session)?;
    let plan = plan(session)?;
    plan.emit(session, failed_row)
}

/// After a successful flush: nothing is pending, snapshots are current.
fn finish(session: &mut Session) {
    for inst in session.new.take() {
        session.edit(&inst).set_orphaned_outside(false);
    }
    for inst in session.dirty.take() {
        let mut st = session.edit(&inst);
        if st.status() == Status::Deleted {
            // SQLAlchemy commits only the states it saved: a deleted one
            // keeps its history (`inspect(obj).modified`, `.history`).
            st.set_in_dirty_list(false);
        } else {
            st.commit_all();
            drop(st);
            // Every object the flush saved counts as altered in the
            // transaction (SQLAlchemy's `_register_altered`), for a nested
            // one's rollback.
            session.note_nested(Noted::Updated, &inst);
        }
    }
    // A deletion the flush cancelled (`states::cancelled_deletes`) waits
    // for the next flush.
    session
        .deleted
        .retain(|x| x.status() == Status::Persistent && x.is_marked_deleted());
    for inst in session.touched.take() {
        // An object outside the session was not flushed: its relationship
        // changes (and that they were made: a many-to-one set to None)
        // stay to be flushed when it is added (as a new object), so it
        // stays in the list.
        // A deleted one keeps its relationships' history too (SQLAlchemy's
        // `_remove_newly_deleted` commits nothing): an add cascade after a
        // rollback still reaches what it held.
        match inst.status() {
            Status::Deleted => {}
            Status::Persistent => {
                let mut st = session.edit(&inst);
                st.settle_rels(crate::orm::pending::settle_after_flush);
                drop(st);
                session.note_nested(Noted::Updated, &inst);
            }
            _ => session.touched.push(inst),
        }
    }
}

/// What the flush decides and reads before planning (SQLAlchemy's presort
/// steps): the old value of a one-to-one set while unknown, the orphans to
/// delete (objects with a row that the attribute events left without a
/// parent through a delete-orphan relationship, SQLAlchemy's `_is_orphan`
/// check over the new and modified objects, and children taken out of a
/// delete-orphan collection), what the deleted objects' relationships
/// hold (`load_before_delete`), and the children of a deleted parent
/// whose keys the plan will clear.
pub(crate) fn prepare(session: &mut Session) -> Result<()> {
    session.expunge_orphaned_outside();
    let touched = touched_all(session);
    session.refuse_none_in_collections(&touched)?;
    session.refuse_other_classes(&touched)?;
    for t in &touched {
        session.load_deferred_history(t)?;
    }
    let changed: Vec<Rc<Instance>> = touched.iter().chain(&session.dirty).cloned().collect();
    for x in changed {
        if x.status() == Status::Persistent && !x.is_marked_deleted() && session.is_orphan(&x) {
            session.delete(&x)?;
        }
    }
    for t in touched {
        let rels: Vec<Rc<Rel>> = session.mapping.of(&t.model.name).to_vec();
        for rel in rels {
            if !matches!(rel.kind, RelKind::OneToMany { .. }) || !rel.cascade.delete_orphan {
                continue;
            }
            let Some((h, _)) = history(&t, &rel) else {
                continue;
            };
            for gone in &h.deleted {
                // A child that moved to another parent is no orphan.
                if gone.status() == Status::Persistent
                    && !gone.is_marked_deleted()
                    && !Session::has_parent(gone, &rel)
                {
                    session.delete(gone)?;
                }
            }
        }
    }
    load_copy_sources(session)?;
    load_expired_keys(session)?;
    let deleted = session.deleted.clone();
    session.load_before_delete(&deleted)?;
    let mut i = 0;
    while i < session.deleted.len() {
        let d = session.deleted[i].clone();
        i += 1;
        let rels: Vec<Rc<Rel>> = session.mapping.of(&d.model.name).to_vec();
        for rel in rels {
            if !matches!(rel.kind, RelKind::OneToMany { .. })
                || rel.cascade.delete
                || rel.viewonly
                || rel.passive_deletes
            {
                continue;
            }
            if !Session::slot_items(&d, &rel.name).is_some_and(|(loaded, _)| loaded) {
                session.load_rel_committed(&d, &rel)?;
            }
        }
    }
    Ok(())
}

/// Load the expired objects whose key the flush copies into another
/// (a many-to-one's new target, a one-to-many owner that gained
/// children, both sides of an association row written): SQLAlchemy
/// reads the key as an attribute, which loads the
/// whole expired object (no autoflush: the flush is running), so a later
/// read of it loads nothing and autoflushes nothing.
fn load_copy_sources(session: &mut Session) -> Result<()> {
    let mut sources: Vec<Rc<Instance>> = Vec::new();
    for t in touched_all(session) {
        if !session.contains(&t) || t.is_marked_deleted() {
            continue;
        }
        for rel in session.mapping.of(&t.model.name) {
            if rel.viewonly {
                continue;
            }
            let Some((h, _)) = history(&t, rel) else {
                continue;
            };
            match rel.kind {
                RelKind::ManyToOne { .. } => sources.extend(h.added.iter().cloned()),
                RelKind::OneToMany { .. } if !h.added.is_empty() => sources.push(t.clone()),
                RelKind::ManyToMany { .. } => {
                    // An association row reads both keys, for a related
                    // object in the session only (`_synchronize` returns
                    // before `populate_dict` for one outside it).
                    let related: Vec<Rc<Instance>> = h
                        .added
                        .iter()
                        .chain(&h.deleted)
                        .filter(|c| session.contains(c))
                        .cloned()
                        .collect();
                    if !related.is_empty() {
                        sources.push(t.clone());
                        sources.extend(related);
                    }
                }
                RelKind::OneToMany { .. } => {}
            }
        }
    }
    for x in sources {
        let expired = x.is_expired();
        if expired && x.status() == Status::Persistent && !x.is_marked_deleted() {
            session.ensure_loaded(&x)?;
        }
    }
    Ok(())
}

/// Whether the flush may UPDATE `x`'s row: a column changed, or a
/// many-to-one changed (its foreign key is copied into a column).
fn may_update(session: &Session, x: &Rc<Instance>) -> bool {
    if !x.changed_columns().is_empty() {
        return true;
    }
    let st = x.st.borrow();
    session.mapping.of(&x.model.name).iter().any(|rel| {
        matches!(rel.kind, RelKind::ManyToOne { .. })
            && st
                .slots()
                .iter()
                .any(|slot| slot.name == rel.name && slot.changed)
    })
}

/// Load the objects with a row the flush saves (modified ones, children
/// a one-to-many gained or let go of) whose primary key expired:
/// SQLAlchemy's UPDATE of each saved object reads its key's history
/// (`_collect_update_commands`, `PASSIVE_OFF`), which loads the expired
/// object during the flush, so a later read or `get()` of it loads
/// nothing and runs no autoflush.
fn load_expired_keys(session: &mut Session) -> Result<()> {
    // SQLAlchemy reads the key only for an UPDATE with parameters: an
    // object whose only changes are in its collections is not loaded.
    let mut saved: Vec<Rc<Instance>> = session
        .dirty
        .iter()
        .chain(session.touched.iter())
        .filter(|x| may_update(session, x))
        .cloned()
        .collect();
    // The children a one-to-many of a saved object gained or let go of
    // are saved too (`OneToManyDP.presort_saves` registers them), after
    // that relationship's processing copied the parent's key (or None)
    // into them: the columns each one has copied are `synced`.
    let mut synced: HashMap<*const Instance, Vec<usize>> = HashMap::new();
    for t in touched_all(session) {
        if !session.contains(&t) || t.is_marked_deleted() {
            continue;
        }
        for rel in session.mapping.of(&t.model.name) {
            let RelKind::OneToMany { pairs } = &rel.kind else {
                continue;
            };
            if rel.viewonly {
                continue;
            }
            if let Some((h, _)) = history(&t, rel) {
                for child in h.added.iter().chain(&h.deleted) {
                    if !rel.post_update {
                        let cols = synced.entry(Rc::as_ptr(child)).or_default();
                        cols.extend(pairs.iter().map(|&(_, fk)| fk));
                    }
                    saved.push(child.clone());
                }
            }
        }
    }
    saved.retain(|x| x.status() == Status::Persistent && !x.is_marked_deleted());
    for x in saved {
        let expired = {
            let st = x.st.borrow();
            x.model.pk.iter().any(|&c| st.column_expired(c))
        };
        if expired {
            let cols = synced.get(&Rc::as_ptr(&x)).map_or(&[][..], Vec::as_slice);
            session.ensure_loaded_except(&x, cols)?;
        }
    }
    Ok(())
}
