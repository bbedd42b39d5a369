//! Relationship attributes at run time: the slot each instance keeps per
//! relationship, the instrumented collection (`category.posts`), what the
//! save-update and delete cascades reach, expiry of relationships, and
//! join conditions. Loading them is `orm::lazy`; keeping the two sides in
//! step is `orm::backref`.

use std::rc::{Rc, Weak};

use crate::error::{Error, ErrorKind, Result};
use crate::orm::instance::{Instance, RelSlot, RelValue, Status};
use crate::orm::passive_delete::{DynamicOnDelete, dynamic_on_delete, write_only_unloadable};
use crate::orm::session::Session;
use crate::schema::relationship::{Lazy, Rel, RelKind};
use crate::sql::ast::{Param, SqlExpr};
use crate::value::{Object, Value};

/// `category.posts`: a list that keeps its relationship in step.
pub struct Collection {
    /// Held weakly, as SQLAlchemy's collection adapter holds its owner's
    /// state, whose object is a weak reference: a list alone does not keep
    /// its object (nor its place in the identity map) alive, and changing
    /// it once the object is gone is `ObjectDereferencedError`
    /// ([`Collection::owner`]).
    pub owner: Weak<Instance>,
    pub rel: Rc<Rel>,
    /// The list as the user sees it: related objects, and `None` wherever
    /// the user put one (SQLAlchemy's list takes it; the flush refuses it,
    /// `Session::refuse_none_in_collections`).
    pub items: std::cell::RefCell<Vec<Option<Rc<Instance>>>>,
}

impl Object for Collection {
    fn type_name(&self) -> &str {
        "InstrumentedList"
    }

    /// Its length, so an empty collection is false (`if c.posts:`), as a
    /// Python list is.
    fn py_len(&self) -> Option<usize> {
        Some(self.items.borrow().len())
    }

    /// Its objects, moved out, for the flat drop (`value::drop`).
    fn release_values(&self) -> Vec<Value> {
        let Ok(mut items) = self.items.try_borrow_mut() else {
            return Vec::new();
        };
        std::mem::take(&mut *items)
            .into_iter()
            .flatten()
            .map(|x| Value::Obj(x))
            .collect()
    }
}

impl Collection {
    /// The object owning the list, for an event: gone when nothing refers
    /// to it any more (SQLAlchemy's `_modified_event` raises
    /// `ObjectDereferencedError` then).
    pub fn owner(&self) -> Result<Rc<Instance>> {
        self.owner.upgrade().ok_or_else(|| {
            Error::new(
                ErrorKind::ObjectDereferencedError,
                format!(
                    "can't change {}.{}: the {} object owning this list is gone (nothing referred to it)",
                    self.rel.owner.name, self.rel.name, self.rel.owner.name
                ),
            )
            .with_help(format!(
                "keep the object in a variable and change obj.{} through it",
                self.rel.name
            ))
        })
    }

    /// The objects in the list, in order, without any `None` (what the
    /// cascades and the flush work on).
    pub fn snapshot(&self) -> Vec<Rc<Instance>> {
        self.items.borrow().iter().flatten().cloned().collect()
    }

    /// The list as Python sees it: objects and `None`s, in order.
    pub fn values(&self) -> Vec<Value> {
        self.items
            .borrow()
            .iter()
            .map(|x| x.clone().map_or(Value::None, |x| Value::Obj(x)))
            .collect()
    }

    pub fn contains(&self, x: &Rc<Instance>) -> bool {
        self.items.borrow().iter().any(|i| is_obj(i, x))
    }

    /// Whether the user put a `None` in the list.
    pub fn has_none(&self) -> bool {
        self.items.borrow().iter().any(Option::is_none)
    }

    /// How many members are `None`.
    pub fn nones(&self) -> usize {
        self.items.borrow().iter().filter(|x| x.is_none()).count()
    }
}

/// Whether a list member is the object `x` (by identity).
pub fn is_obj(member: &Option<Rc<Instance>>, x: &Rc<Instance>) -> bool {
    member.as_ref().is_some_and(|m| Rc::ptr_eq(m, x))
}

/// The parameter for a column value of an instance.
pub fn param_of(inst: &Instance, col: usize) -> Result<Param> {
    let st = inst.st.borrow();
    crate::orm::convert::to_param(&inst.model.columns[col].ty, st.value(col))
}

/// Column `col`'s value as last loaded or flushed, as a parameter
/// (SQLAlchemy's `_get_committed_state_attr_by_column`, which a flush's
/// lazy loads use with `LOAD_AGAINST_COMMITTED`): the current value when
/// the column was not changed or its committed value is not known.
pub fn committed_param_of(inst: &Instance, col: usize) -> Result<Param> {
    let st = inst.st.borrow();
    let v = match st.committed() {
        Some(c) if !crate::orm::history::is_no_value(&c[col]) => &c[col],
        _ => st.value(col),
    };
    crate::orm::convert::to_param(&inst.model.columns[col].ty, v)
}

impl Session {
    pub(crate) fn slot_index(inst: &Instance, name: &str) -> Option<usize> {
        inst.st.borrow().slot_index(name)
    }

    /// Make sure the instance has a slot for `rel` (unloaded and empty).
    pub(crate) fn ensure_slot(&mut self, inst: &Rc<Instance>, rel: &Rc<Rel>) -> usize {
        if let Some(i) = Session::slot_index(inst, &rel.name) {
            return i;
        }
        self.with_rels.remember(inst);
        let value = if rel.uselist {
            RelValue::List(Rc::new(Collection {
                owner: Rc::downgrade(inst),
                rel: rel.clone(),
                items: Default::default(),
            }))
        } else {
            RelValue::Scalar(None)
        };
        self.edit(inst).add_slot(RelSlot {
            name: rel.name.clone(),
            value,
            loaded: false,
            snapshot: Vec::new(),
            old_unknown: false,
            none_removed: false,
            loaded_none: false,
            empty_read: false,
            changed: false,
            evented: false,
        })
    }
}

impl Session {
    /// The value of a relationship slot if it is in memory: whether it is
    /// loaded, and its items (for an unloaded collection, the queued appends).
    pub(crate) fn slot_items(inst: &Instance, name: &str) -> Option<(bool, Vec<Rc<Instance>>)> {
        let st = inst.st.borrow();
        let slot = st.slot_named(name)?;
        Some((
            slot.loaded,
            match &slot.value {
                RelValue::Scalar(v) => v.iter().cloned().collect(),
                RelValue::List(c) => c.snapshot(),
            },
        ))
    }

    /// The committed items of slot `name` of `inst`: what it held when last
    /// loaded or flushed (empty without a slot).
    fn slot_snapshot(inst: &Instance, name: &str) -> Vec<Rc<Instance>> {
        let st = inst.st.borrow();
        st.slot_named(name)
            .map(|s| s.snapshot.clone())
            .unwrap_or_default()
    }

    /// What the save-update cascade follows along `rel` of `inst`
    /// (SQLAlchemy's `get_all_pending`): the current members, then those
    /// it held when last loaded or flushed and no longer holds — an
    /// object removed or replaced is still reached. An unloaded collection
    /// holds only queued back-reference changes, which are not followed;
    /// a dynamic one gives its appends and removals.
    fn pending_items(inst: &Instance, rel: &Rel) -> Vec<Rc<Instance>> {
        let st = inst.st.borrow();
        let Some(slot) = st.slot_named(&rel.name) else {
            return Vec::new();
        };
        let dynamic = rel.lazy == Lazy::Dynamic;
        if !slot.loaded && rel.uselist && !dynamic {
            return Vec::new();
        }
        let mut out = match &slot.value {
            RelValue::Scalar(v) => v.iter().cloned().collect(),
            RelValue::List(c) => c.snapshot(),
        };
        if slot.loaded || dynamic {
            for x in &slot.snapshot {
                if !out.iter().any(|y| Rc::ptr_eq(x, y)) {
                    out.push(x.clone());
                }
            }
        }
        out
    }

    /// Everything outside the session reachable from `inst` through
    /// save-update relationships that are in memory, in SQLAlchemy's
    /// order (`cascade_iterator('save-update', halt_on=…)`): depth first,
    /// relationships in the model's order, each relationship's objects
    /// claimed together, then each followed before the next — the order
    /// `add()` makes them pending in, and so their INSERT order.
    pub fn reachable(&self, inst: &Rc<Instance>) -> Vec<Rc<Instance>> {
        /// One object being walked: its next relationship, and the
        /// objects of the current one still to follow.
        struct Frame {
            obj: Rc<Instance>,
            rel: usize,
            items: std::vec::IntoIter<Rc<Instance>>,
        }
        let mut out: Vec<Rc<Instance>> = Vec::new();
        // Membership by address: linear in the objects reached.
        let mut met: rustc_hash::FxHashSet<*const Instance> =
            [Rc::as_ptr(inst)].into_iter().collect();
        let mut stack = vec![Frame {
            obj: inst.clone(),
            rel: 0,
            items: Vec::new().into_iter(),
        }];
        while let Some(top) = stack.last_mut() {
            if let Some(x) = top.items.next() {
                out.push(x.clone());
                stack.push(Frame {
                    obj: x,
                    rel: 0,
                    items: Vec::new().into_iter(),
                });
                continue;
            }
            let rels = self.mapping.of(&top.obj.model.name);
            let Some(rel) = rels.get(top.rel) else {
                stack.pop();
                continue;
            };
            top.rel += 1;
            if !rel.cascade.save_update {
                continue;
            }
            // An object already in the session stops the walk
            // (SQLAlchemy's `halt_on`): what it reaches is its own.
            let claimed: Vec<Rc<Instance>> = Session::pending_items(&top.obj, rel)
                .into_iter()
                .filter(|x| !self.contains(x) && met.insert(Rc::as_ptr(x)))
                .collect();
            top.items = claimed.into_iter();
        }
        out
    }

    /// How many loads deleting `inst` runs (up to 3) along the
    /// relationships its delete cascade follows, on `inst` or on an object
    /// the cascade reaches in memory: each lazy load, and the load of an
    /// object whose key that lazy load needs is expired. The caller
    /// autoflushes once per load, as each of them does in SQLAlchemy's
    /// `cascade_iterator('delete')` (a second flush deletes what the first
    /// one's save cancelled). True besides when the last is the load of
    /// an expired owner whose key a dynamic collection's query binds:
    /// SQLAlchemy runs it while that query's parameters are read, so what
    /// its autoflush raises comes wrapped in a `StatementError`.
    pub fn delete_cascade_loads(&self, inst: &Rc<Instance>) -> (usize, bool) {
        let mut loads = 0;
        let mut seen: Vec<Rc<Instance>> = vec![inst.clone()];
        let mut met: rustc_hash::FxHashSet<*const Instance> =
            [Rc::as_ptr(inst)].into_iter().collect();
        let mut i = 0;
        while i < seen.len() {
            let cur = seen[i].clone();
            i += 1;
            // An object without a row loads nothing, but the walk goes on
            // through what it holds in memory (`cascade_iterator` yields
            // it): a persistent object it holds may need a load.
            let persistent = cur.status() == Status::Persistent;
            let mut key_loaded = false;
            for rel in self.mapping.of(&cur.model.name) {
                if !rel.cascade.delete || (rel.passive_deletes && self.needs_load(&cur, rel)) {
                    continue;
                }
                if !persistent {
                    if let Some((_, items)) = Session::slot_items(&cur, &rel.name) {
                        for x in items {
                            if met.insert(Rc::as_ptr(&x)) {
                                seen.push(x);
                            }
                        }
                    }
                    continue;
                }
                // A dynamic relationship's rows are read with autoflush
                // off, but with the owner's key: an expired owner loads
                // (and that load autoflushes).
                let key_expired = || {
                    let st = cur.st.borrow();
                    cur.model.pk.iter().any(|&c| st.column_expired(c))
                };
                match dynamic_on_delete(&cur, rel) {
                    // Read from memory only: no SQL, no load.
                    DynamicOnDelete::Pending => {}
                    // The delete fails before it reads anything.
                    DynamicOnDelete::Refused => return (loads, false),
                    DynamicOnDelete::Query if key_expired() => return (loads + 1, true),
                    DynamicOnDelete::Query | DynamicOnDelete::NotDynamic => {}
                }
                if self.needs_load(&cur, rel) {
                    // The lazy load reads the key it binds first: an
                    // expired one is a load of its own (`load_on_ident`).
                    let expired = {
                        let st = cur.st.borrow();
                        rel.kind
                            .local_columns()
                            .iter()
                            .any(|&c| st.column_expired(c))
                    };
                    loads += 1 + usize::from(expired && !key_loaded);
                    key_loaded = true;
                    if loads >= 3 {
                        return (loads, false);
                    }
                    continue;
                }
                let Some((_, items)) = Session::slot_items(&cur, &rel.name) else {
                    continue;
                };
                for x in items {
                    if met.insert(Rc::as_ptr(&x)) {
                        seen.push(x);
                    }
                }
            }
        }
        (loads, false)
    }

    /// Delete cascade: the related objects a deleted object takes with it,
    /// along every relationship whose cascade says delete (many-to-many
    /// too, as in SQLAlchemy); a `passive_deletes` relationship not in
    /// memory is not loaded for it.
    pub fn delete_cascade(&mut self, inst: &Rc<Instance>) -> Result<Vec<Rc<Instance>>> {
        let rels: Vec<Rc<Rel>> = self.mapping.of(&inst.model.name).to_vec();
        let mut out = Vec::new();
        for rel in rels {
            if !rel.cascade.delete || (rel.passive_deletes && self.needs_load(inst, &rel)) {
                continue;
            }
            match dynamic_on_delete(inst, &rel) {
                // No row to query, or `passive_deletes=True`: what was
                // appended is all it yields (`get_all_pending`).
                DynamicOnDelete::Pending => {
                    out.extend(self.dynamic_collection(inst, &rel).snapshot());
                    continue;
                }
                DynamicOnDelete::Refused => return Err(write_only_unloadable(&rel)),
                DynamicOnDelete::Query | DynamicOnDelete::NotDynamic => {}
            }
            let v = self.get_rel(inst, &rel)?;
            if let Some(c) = v.downcast::<Collection>() {
                out.extend(c.snapshot());
            } else if let Some(x) = v.downcast::<Instance>() {
                out.push(x);
            }
            if rel.lazy == Lazy::Dynamic {
                // SQLAlchemy's `DynamicCollectionHistory.added_plus_unchanged`:
                // the rows the query read stay, even those a queued
                // `remove()` takes out of the collection (the slot's
                // snapshot is what the load read).
                let read = Session::slot_snapshot(inst, &rel.name);
                for x in read {
                    if !out.iter().any(|y| Rc::ptr_eq(y, &x)) {
                        out.push(x);
                    }
                }
            }
        }
        Ok(out)
    }

    /// The hidden collection of a dynamic relationship, holding objects
    /// appended since the last flush.
    pub fn dynamic_collection(&mut self, inst: &Rc<Instance>, rel: &Rc<Rel>) -> Rc<Collection> {
        let i = self.ensure_slot(inst, rel);
        let st = inst.st.borrow();
        match &st.slot(i).value {
            RelValue::List(c) => c.clone(),
            RelValue::Scalar(_) => Rc::new(Collection {
                owner: Rc::downgrade(inst),
                rel: rel.clone(),
                items: Default::default(),
            }),
        }
    }

    /// `dynamic.remove(x)`: x need not be in memory; it is recorded as
    /// removed so the flush detaches it (or deletes its association row).
    pub fn dynamic_remove(
        &mut self,
        owner: &Rc<Instance>,
        rel: &Rc<Rel>,
        x: &Rc<Instance>,
    ) -> Result<()> {
        let coll = self.dynamic_collection(owner, rel);
        self.remove_with_backref(&coll, x)
    }

    /// Forget what slot `rel` of `inst` holds, so the next read loads it.
    pub fn unload_slot(&mut self, inst: &Rc<Instance>, rel: &Rel) {
        let Some(i) = Session::slot_index(inst, &rel.name) else {
            return;
        };
        if !inst.st.borrow().slot(i).loaded {
            return;
        }
        let mut st = self.edit(inst);
        let slot = st.slot_mut(i);
        slot.loaded = false;
        slot.snapshot.clear();
        match &mut slot.value {
            RelValue::Scalar(v) => *v = None,
            RelValue::List(c) => c.items.borrow_mut().clear(),
        }
    }

    /// Forget loaded relationships (expiry): they reload on next access.
    /// Queued back-reference changes and the record of who holds the
    /// object go too, as SQLAlchemy's `InstanceState._expire` drops
    /// `_pending_mutations` and `parents`: a parent that lets go of it
    /// later, unseen, leaves it an orphan (`orm::parents`).
    pub fn expire_rels(inst: &Instance) {
        inst.st.borrow_mut().expire_slots();
    }
}

/// The join condition of a relationship, owner side first
/// (`category.id = post.category_id`), and the tables it needs besides the
/// owner's.
pub fn join_condition(rel: &Rel) -> (Vec<SqlExpr>, Vec<Rc<str>>) {
    let (mut cond, tables) = join_condition_keys(rel);
    cond.extend(rel.criteria.iter().cloned());
    (cond, tables)
}

/// The key pairs of a relationship's join, without its extra criteria.
fn join_condition_keys(rel: &Rel) -> (Vec<SqlExpr>, Vec<Rc<str>>) {
    let (o, t) = (&rel.owner, &rel.target);
    match &rel.kind {
        RelKind::ManyToOne { pairs } => (
            pairs
                .iter()
                .map(|(fk, r)| rel.key_eq(t.sql_column(*r), o.sql_column(*fk)))
                .collect(),
            vec![t.table.clone()],
        ),
        RelKind::OneToMany { pairs } => (
            pairs
                .iter()
                .map(|(own, fk)| rel.key_eq(o.sql_column(*own), t.sql_column(*fk)))
                .collect(),
            vec![t.table.clone()],
        ),
        RelKind::ManyToMany {
            table,
            owner,
            target,
        } => {
            // The order a written primaryjoin/secondaryjoin gave.
            let eq = |first: bool, col: SqlExpr, sec: &Rc<str>| match first {
                true => SqlExpr::eq(SqlExpr::col(&table.name, sec), col),
                false => SqlExpr::eq(col, SqlExpr::col(&table.name, sec)),
            };
            let [pj, sj] = rel.secondary_first;
            let mut c: Vec<_> = owner
                .iter()
                .map(|(sec, i)| eq(pj, o.sql_column(*i), sec))
                .collect();
            c.extend(target.iter().map(|(sec, i)| eq(sj, t.sql_column(*i), sec)));
            (c, vec![table.name.clone(), t.table.clone()])
        }
    }
}
