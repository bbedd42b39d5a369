//! The unit of work: turn the session's pending, modified and deleted objects
//! and changed relationships into INSERT / UPDATE / DELETE statements, in
//! dependency order — table by table, parents first, each table's UPDATEs
//! before its INSERTs (`save_order`), keys copied into children just before
//! each insert, association rows written once both sides exist, children
//! deleted (or their keys nulled) before parents, every UPDATE and DELETE
//! naming its row by the key the row has in the database (`rekey`) —
//! all in one transaction; on failure everything is rolled back at once
//! with an account of what was discarded.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::association;
use crate::orm::convert::to_param;
use crate::orm::delete_order::delete_order;
use crate::orm::failed::{self, Failing};
use crate::orm::instance::{Instance, RelValue, Status};
use crate::orm::rekey::delete;
use crate::orm::rekey::key_of_values;
use crate::orm::save_order::{Saves, insert_one, sync_persistent, table_order, update_dirty};
use crate::orm::session::Session;
use crate::orm::undo::Part;
use crate::schema::model::Model;
use crate::schema::relationship::{Rel, RelKind};
use crate::sql::ast::{Insert, Param};
use crate::sql::compile;
use crate::value::Value;

/// A child whose foreign key comes from the collection it sits in.
pub(super) struct Owned {
    pub(super) child: Rc<Instance>,
    owner: Rc<Instance>,
    rel: Rc<Rel>,
}

/// Flush the session. On failure the transaction is rolled back at once and
/// the error says what failed and what was discarded (`orm::failed`).
pub fn flush(session: &mut Session) -> Result<()> {
    if !session.has_changes() && session.touched.is_empty() {
        return Ok(());
    }
    let mut failed_row: Option<Failing> = None;
    let shield = crate::interrupt::shield();
    let r = run(session, &mut failed_row);
    drop(shield);
    match r {
        Ok(()) => {
            finish(session);
            Ok(())
        }
        // Ctrl-C: the statement is undone as a whole (`orm::undo`).
        Err(e) if e.kind == ErrorKind::Interrupted && session.recording() => Err(e),
        Err(e) => Err(failed::roll_back(session, e, failed_row)),
    }
}

/// After a successful flush: nothing is pending, snapshots are current.
fn finish(session: &mut Session) {
    session.new.clear();
    for inst in session.dirty.take() {
        let mut st = session.edit(&inst);
        st.in_dirty_list = false;
        st.committed = None;
    }
    session.deleted.clear();
    for inst in session.touched.take() {
        // An object outside the session was not flushed: its relationship
        // changes stay to be flushed when it is added (as a new object).
        let flushed = matches!(inst.status(), Status::Persistent | Status::Deleted);
        let mut st = session.edit(&inst);
        st.rel_touched = false;
        if flushed {
            st.rels
                .iter_mut()
                .for_each(crate::orm::backref::settle_after_flush);
        }
    }
}

pub(super) fn contains(list: &[Rc<Instance>], x: &Rc<Instance>) -> bool {
    list.iter().any(|y| Rc::ptr_eq(x, y))
}

/// Instances whose relationships may need work: new ones and touched ones.
fn touched_all(session: &Session) -> Vec<Rc<Instance>> {
    let mut out: Vec<Rc<Instance>> = session.new.clone();
    for t in &session.touched {
        if !contains(&out, t) {
            out.push(t.clone());
        }
    }
    out
}

/// Whether a slot is loaded, its current items, and its snapshot.
type SlotView = (bool, Vec<Rc<Instance>>, Vec<Rc<Instance>>);

/// Current and snapshot items of a relationship slot.
pub(super) fn slot_of(inst: &Instance, name: &str) -> Option<SlotView> {
    let st = inst.st.borrow();
    let slot = st.rels.iter().find(|s| &*s.name == name)?;
    let cur = match &slot.value {
        RelValue::Scalar(v) => v.iter().cloned().collect(),
        RelValue::List(c) => c.snapshot(),
    };
    Some((slot.loaded, cur, slot.snapshot.clone()))
}

fn set_fk(session: &mut Session, child: &Rc<Instance>, col: usize, v: Value) -> Result<()> {
    let same = {
        let st = child.st.borrow();
        st.values[col].same_value(&v) && st.values[col].type_name() == v.type_name()
    };
    if same {
        return Ok(());
    }
    if child.status() == Status::Persistent {
        session.set_column(child, col, v)
    } else {
        let mut st = session.edit(child);
        st.values[col] = v;
        st.set.mark(col);
        Ok(())
    }
}

/// Relationship consequences decided before any statement: orphans to
/// delete, children whose parent went away to detach.
fn prepare(session: &mut Session) -> Result<()> {
    let touched = touched_all(session);
    for t in &touched {
        session.load_deferred_history(t)?;
    }
    // Objects with a row that the attribute events left without a parent
    // through a delete-orphan relationship are deleted (SQLAlchemy's
    // `_is_orphan` check over the new and modified objects).
    let changed: Vec<Rc<Instance>> = touched.iter().chain(&session.dirty).cloned().collect();
    for x in changed {
        if x.status() == Status::Persistent
            && !x.st.borrow().marked_deleted
            && session.is_orphan(&x)
        {
            session.delete(&x)?;
        }
    }
    for t in touched {
        let rels: Vec<Rc<Rel>> = session.mapping.of(&t.model.name).to_vec();
        for rel in rels {
            let RelKind::OneToMany { pairs } = &rel.kind else {
                continue;
            };
            let Some((_, cur, snap)) = slot_of(&t, &rel.name) else {
                continue;
            };
            for gone in snap.iter().filter(|x| !contains(&cur, x)) {
                if gone.status() != Status::Persistent || gone.st.borrow().marked_deleted {
                    continue;
                }
                // A child that moved to another parent is no orphan.
                if Session::has_parent(gone, &rel) {
                    continue;
                }
                if rel.cascade.delete_orphan {
                    session.delete(gone)?;
                } else if owner_matches(&t, gone, pairs) {
                    for (_, fk) in pairs {
                        set_fk(session, gone, *fk, Value::None)?;
                    }
                }
            }
        }
    }
    let deleted = session.deleted.clone();
    session.load_before_delete(&deleted)?;
    let mut i = 0;
    while i < session.deleted.len() {
        let d = session.deleted[i].clone();
        i += 1;
        let rels: Vec<Rc<Rel>> = session.mapping.of(&d.model.name).to_vec();
        for rel in rels {
            let RelKind::OneToMany { pairs } = &rel.kind else {
                continue;
            };
            if rel.cascade.delete || rel.viewonly {
                continue;
            }
            if !slot_of(&d, &rel.name).is_some_and(|s| s.0) {
                session.load_rel(&d, &rel)?;
            }
            let children = slot_of(&d, &rel.name).map(|s| s.1).unwrap_or_default();
            for c in children {
                if c.st.borrow().marked_deleted || c.status() != Status::Persistent {
                    continue;
                }
                for (_, fk) in pairs {
                    set_fk(session, &c, *fk, Value::None)?;
                }
            }
        }
    }
    Ok(())
}

fn owner_matches(owner: &Instance, child: &Instance, pairs: &[(usize, usize)]) -> bool {
    let (o, c) = (owner.st.borrow(), child.st.borrow());
    pairs
        .iter()
        .all(|(own, fk)| o.values[*own].same_value(&c.values[*fk]))
}

/// Children that sit in a one-to-many collection in memory, of owners in
/// the session and not being deleted (SQLAlchemy flushes nothing along an
/// object outside it; a deleted parent's children are detached instead).
fn owned_children(session: &Session, touched: &[Rc<Instance>]) -> Vec<Owned> {
    let mut out = Vec::new();
    for t in touched
        .iter()
        .filter(|t| session.contains(t) && !t.st.borrow().marked_deleted)
    {
        for rel in session.mapping.of(&t.model.name) {
            if !matches!(rel.kind, RelKind::OneToMany { .. }) || rel.viewonly {
                continue;
            }
            if let Some((_, cur, _)) = slot_of(t, &rel.name) {
                for c in cur {
                    out.push(Owned {
                        child: c,
                        owner: t.clone(),
                        rel: rel.clone(),
                    });
                }
            }
        }
    }
    out
}

/// Copy keys into `x`'s foreign-key columns from the objects it refers to.
pub(super) fn sync_fks(session: &mut Session, x: &Rc<Instance>, owned: &[Owned]) -> Result<()> {
    let rels: Vec<Rc<Rel>> = session.mapping.of(&x.model.name).to_vec();
    for rel in rels {
        let RelKind::ManyToOne { pairs } = &rel.kind else {
            continue;
        };
        if rel.viewonly {
            continue;
        }
        let Some((loaded, cur, snap)) = slot_of(x, &rel.name) else {
            continue;
        };
        if !loaded && cur.is_empty() {
            continue;
        }
        // SQLAlchemy copies the key only along a many-to-one that changed.
        let old_unknown =
            x.st.borrow()
                .rels
                .iter()
                .any(|s| s.name == rel.name && s.old_unknown);
        if x.status() == Status::Persistent
            && !old_unknown
            && cur.len() == snap.len()
            && cur.iter().zip(&snap).all(|(a, b)| Rc::ptr_eq(a, b))
        {
            continue;
        }
        // A parent outside the session gives no key (SQLAlchemy warns
        // "not in session, add operation … won't proceed").
        if cur.first().is_some_and(|t| !session.contains(t)) {
            continue;
        }
        for (fk, r) in pairs {
            let v = match cur.first() {
                Some(t) => t.st.borrow().values[*r].clone(),
                None => Value::None,
            };
            if cur.is_empty() && !x.st.borrow().rel_touched {
                continue;
            }
            set_fk(session, x, *fk, v)?;
        }
    }
    for o in owned.iter().filter(|o| Rc::ptr_eq(&o.child, x)) {
        if let RelKind::OneToMany { pairs } = &o.rel.kind {
            for (own, fk) in pairs {
                let v = o.owner.st.borrow().values[*own].clone();
                set_fk(session, x, *fk, v)?;
            }
        }
    }
    Ok(())
}

/// The pending objects `x` must be inserted after (by pointer).
fn deps_of(
    session: &Session,
    x: &Rc<Instance>,
    owners: &HashMap<*const Instance, Vec<Rc<Instance>>>,
    pending: &HashSet<*const Instance>,
) -> Vec<*const Instance> {
    let mut out = Vec::new();
    for rel in session.mapping.of(&x.model.name) {
        if !matches!(rel.kind, RelKind::ManyToOne { .. }) {
            continue;
        }
        if let Some((_, cur, _)) = slot_of(x, &rel.name) {
            for t in cur {
                let p = Rc::as_ptr(&t);
                if !Rc::ptr_eq(&t, x) && pending.contains(&p) {
                    out.push(p);
                }
            }
        }
    }
    if let Some(os) = owners.get(&Rc::as_ptr(x)) {
        for o in os {
            let p = Rc::as_ptr(o);
            if !Rc::ptr_eq(o, x) && pending.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

/// The order in which pending objects are inserted: insertion order, each
/// object after the ones it refers to (a pure function of the session;
/// linear when nothing pending refers to anything pending).
pub fn insert_order(session: &Session) -> Result<Vec<Rc<Instance>>> {
    let touched = touched_all(session);
    let owned = owned_children(session, &touched);
    let pending: HashSet<*const Instance> = session.new.iter().map(Rc::as_ptr).collect();
    let mut owners: HashMap<*const Instance, Vec<Rc<Instance>>> = HashMap::default();
    for o in &owned {
        owners
            .entry(Rc::as_ptr(&o.child))
            .or_default()
            .push(o.owner.clone());
    }
    let deps: Vec<Vec<*const Instance>> = session
        .new
        .iter()
        .map(|x| deps_of(session, x, &owners, &pending))
        .collect();
    if deps.iter().all(|d| d.is_empty()) {
        return Ok(session.new.clone());
    }
    // Kahn's algorithm, always taking the earliest-added object that is
    // ready (a min-heap of positions): parents first, otherwise add order.
    let index: HashMap<*const Instance, usize> = session
        .new
        .iter()
        .enumerate()
        .map(|(i, x)| (Rc::as_ptr(x), i))
        .collect();
    let mut waiting: Vec<usize> = deps.iter().map(|d| d.len()).collect();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); session.new.len()];
    for (i, d) in deps.iter().enumerate() {
        for q in d {
            if let Some(&j) = index.get(q) {
                dependents[j].push(i);
            }
        }
    }
    let mut ready: std::collections::BinaryHeap<std::cmp::Reverse<usize>> = (0..session.new.len())
        .filter(|&i| waiting[i] == 0)
        .map(std::cmp::Reverse)
        .collect();
    let mut order = Vec::with_capacity(session.new.len());
    while let Some(std::cmp::Reverse(i)) = ready.pop() {
        order.push(session.new[i].clone());
        for &k in &dependents[i] {
            waiting[k] -= 1;
            if waiting[k] == 0 {
                ready.push(std::cmp::Reverse(k));
            }
        }
    }
    if order.len() < session.new.len() {
        return Err(Error::new(
            ErrorKind::InvalidRequestError,
            "these objects refer to each other in a cycle, so none can be inserted first",
        ));
    }
    Ok(order)
}

fn run(session: &mut Session, failed_row: &mut Option<Failing>) -> Result<()> {
    session.engine.begin()?;
    prepare(session)?;
    let touched = touched_all(session);
    let owned = owned_children(session, &touched);
    let inserts = insert_order(session)?;
    // Table by table as SQLAlchemy saves them (`orm::save_order`): each
    // table's UPDATEs, then its INSERTs. When the tables' relationships
    // make a cycle, all INSERTs (in dependency order), then all UPDATEs.
    let mut models: Vec<Rc<Model>> = Vec::new();
    let mut by_model: HashMap<u32, Vec<usize>> = HashMap::default();
    for (i, x) in inserts.iter().enumerate() {
        by_model.entry(x.model.id).or_default().push(i);
    }
    let mut seen: HashSet<u32> = HashSet::default();
    let saved = inserts
        .iter()
        .chain(session.dirty.iter())
        .chain(&touched)
        .chain(owned.iter().map(|o| &o.child));
    for x in saved {
        if seen.insert(x.model.id) {
            models.push(x.model.clone());
        }
    }
    let order = table_order(&session.mapping, &models).unwrap_or_default();
    let mut saves = Saves {
        scratch: Scratch::default(),
        synced: HashSet::default(),
        updated: HashSet::default(),
        inserted: vec![false; inserts.len()],
    };
    for m in order {
        sync_persistent(session, &touched, &owned, Some(m), &mut saves)?;
        update_dirty(session, Some(m), &mut saves, failed_row)?;
        for &i in by_model.get(&m).map_or(&[][..], |v| v.as_slice()) {
            insert_one(session, &inserts[i], &owned, &mut saves, failed_row)?;
            saves.inserted[i] = true;
        }
    }
    for (i, inst) in inserts.iter().enumerate() {
        if !saves.inserted[i] {
            insert_one(session, inst, &owned, &mut saves, failed_row)?;
        }
    }
    sync_persistent(session, &touched, &owned, None, &mut saves)?;
    update_dirty(session, None, &mut saves, failed_row)?;
    association::associations(session, &touched)?;
    for inst in delete_order(&session.deleted) {
        crate::interrupt::check()?;
        *failed_row = Some((inst.clone(), Some(Vec::new())));
        delete(session, &inst)?;
    }
    Ok(())
}

/// The vectors each INSERT fills, kept across the rows of a flush.
#[derive(Default)]
pub(super) struct Scratch {
    included: Vec<usize>,
    row: Vec<Param>,
}

pub(super) fn insert(
    session: &mut Session,
    inst: &Rc<Instance>,
    scratch: &mut Scratch,
) -> Result<()> {
    let model = inst.model.clone();
    let Scratch { included, row } = scratch;
    included.clear();
    row.clear();
    let mut auto_pk = None;
    {
        let st = inst.st.borrow();
        for (i, c) in model.columns.iter().enumerate() {
            let v = &st.values[i];
            let is_none = matches!(v, crate::value::Value::None);
            if is_none
                && c.primary_key
                && model.pk.len() == 1
                && c.ty.is_integer()
                && c.autoincrement != Some(false)
            {
                auto_pk = Some(i);
                continue;
            }
            if is_none && !st.set.get(i) && c.server_default.is_some() {
                continue;
            }
            included.push(i);
            row.push(to_param(&c.ty, v)?);
        }
    }
    // The INSERT text depends only on the table and the columns written:
    // compiled once per shape, not per row.
    let shape = (model.id, std::mem::take(included));
    let cached = session.insert_sql.get(&shape).cloned();
    *included = shape.1;
    let sql = match cached {
        Some(sql) => sql,
        None => {
            let stmt = Insert {
                table: model.table.clone(),
                columns: included
                    .iter()
                    .map(|&i| model.columns[i].name.clone())
                    .collect(),
                rows: vec![row.clone()],
                returning: Vec::new(),
            };
            let sql: Rc<str> = Rc::from(compile::insert(&stmt).sql);
            session
                .insert_sql
                .insert((model.id, included.clone()), sql.clone());
            sql
        }
    };
    let rowid = session.engine.insert_with(&sql, row)?;
    let mut st = session.edit_part(inst, |st| {
        (st.status == Status::Pending).then(|| Part::Inserted {
            auto_pk: auto_pk.map(|i| (i, st.set.get(i))),
            expired: st.expired,
        })
    });
    if let Some(i) = auto_pk {
        st.values[i] = crate::value::Value::Int(rowid);
        st.set.mark(i);
    }
    let key = key_of_values(&model, &st.values)?.ok_or_else(|| {
        Error::new(
            ErrorKind::IntegrityError,
            format!("{} has no value for its primary key", model.name),
        )
    })?;
    st.status = Status::Persistent;
    st.key = Some(key.clone());
    // Server defaults are read back on next access; the columns written
    // are not expired.
    if model
        .columns
        .iter()
        .enumerate()
        .any(|(i, c)| c.server_default.is_some() && !st.set.get(i))
    {
        st.expired = true;
        st.fresh = st.set.clone();
    }
    drop(st);
    session.identity.insert((model.id, key), inst);
    session.inserted_in_tx.push(inst.clone());
    Ok(())
}
