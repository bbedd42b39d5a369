//! Relationship attributes at run time: the slot each instance keeps per
//! relationship, the instrumented collection (`category.posts`), lazy
//! loading by direction (applying queued back-reference changes), what the
//! save-update and delete cascades reach, and join conditions. Keeping the
//! two sides in step is `orm::backref`.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::backref::Known;
use crate::orm::instance::{Instance, Key, KeyPart, RelSlot, RelValue, Status};
use crate::orm::query::{Entity, Query};
use crate::orm::session::Session;
use crate::schema::relationship::{Lazy, Rel, RelKind};
use crate::sql::ast::{BinaryOp, FromItem, Param, SqlExpr};
use crate::value::{Object, Value};

/// The key a many-to-one's foreign key names (`Session::use_get_key`), from
/// the values as last loaded or flushed when `committed` (SQLAlchemy's
/// flush reads history `LOAD_AGAINST_COMMITTED`), else the current ones.
fn key_named(inst: &Instance, rel: &Rel, committed: bool) -> Option<Option<Key>> {
    let RelKind::ManyToOne { pairs } = &rel.kind else {
        return None;
    };
    if pairs.len() != rel.target.pk.len() || !pairs.iter().all(|(_, r)| rel.target.pk.contains(r)) {
        return None;
    }
    let st = inst.st.borrow();
    let values = match (&st.committed, committed) {
        (Some(c), true) => c,
        _ => &st.values,
    };
    let mut parts = Vec::with_capacity(pairs.len());
    for &pk in &rel.target.pk {
        let (fk, _) = pairs.iter().find(|(_, r)| *r == pk)?;
        let p = crate::orm::convert::to_param(&inst.model.columns[*fk].ty, &values[*fk]).ok()?;
        match KeyPart::of_param(&p) {
            Some(p) => parts.push(p),
            None => return Some(None),
        }
    }
    Some(Some(Rc::from(parts)))
}

/// `category.posts`: a list that keeps its relationship in step.
pub struct Collection {
    /// Held strongly, as SQLAlchemy's collection adapter holds its owner;
    /// the cycle through the owner's slot is broken when relationships
    /// are expired (commit, rollback, expire, expunge).
    pub owner: Rc<Instance>,
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
}

impl Collection {
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
}

/// Whether a list member is the object `x` (by identity).
pub fn is_obj(member: &Option<Rc<Instance>>, x: &Rc<Instance>) -> bool {
    member.as_ref().is_some_and(|m| Rc::ptr_eq(m, x))
}

/// The parameter for a column value of an instance.
pub fn param_of(inst: &Instance, col: usize) -> Result<Param> {
    let st = inst.st.borrow();
    crate::orm::convert::to_param(&inst.model.columns[col].ty, &st.values[col])
}

fn col_expr(table: &Rc<str>, name: &Rc<str>) -> SqlExpr {
    SqlExpr::Column {
        table: Some(table.clone()),
        name: name.clone(),
    }
}

fn eq(left: SqlExpr, right: SqlExpr) -> SqlExpr {
    SqlExpr::Binary {
        op: BinaryOp::Eq,
        left: Box::new(left),
        right: Box::new(right),
    }
}

fn bound(p: Param, key: &Rc<str>) -> SqlExpr {
    SqlExpr::Param {
        value: p,
        key: Some(key.clone()),
    }
}

impl Session {
    pub(crate) fn slot_index(inst: &Instance, name: &str) -> Option<usize> {
        inst.st.borrow().rels.iter().position(|s| &*s.name == name)
    }

    /// Make sure the instance has a slot for `rel` (unloaded and empty).
    pub(crate) fn ensure_slot(&mut self, inst: &Rc<Instance>, rel: &Rc<Rel>) -> usize {
        if let Some(i) = Session::slot_index(inst, &rel.name) {
            return i;
        }
        self.with_rels.remember(inst);
        let value = if rel.uselist {
            RelValue::List(Rc::new(Collection {
                owner: inst.clone(),
                rel: rel.clone(),
                items: Default::default(),
            }))
        } else {
            RelValue::Scalar(None)
        };
        let mut st = self.edit(inst);
        st.rels.push(RelSlot {
            name: rel.name.clone(),
            value,
            loaded: false,
            snapshot: Vec::new(),
            old_unknown: false,
            none_removed: false,
        });
        st.rels.len() - 1
    }

    /// Whether reading `rel` on `inst` would run SQL (so the caller can
    /// autoflush first). A many-to-one whose foreign key is NULL or names
    /// an unexpired object in the identity map is answered from memory,
    /// without a flush, as SQLAlchemy's `use_get` lazy loader does.
    pub fn needs_load(&self, inst: &Rc<Instance>, rel: &Rel) -> bool {
        // A detached object runs no SQL: its load fails (`load_rel`).
        if inst.is_new()
            || inst.status() == Status::Detached
            || matches!(rel.lazy, Lazy::Noload | Lazy::Raise | Lazy::Dynamic)
        {
            return false;
        }
        let loaded = match Session::slot_index(inst, &rel.name) {
            Some(i) => inst.st.borrow().rels[i].loaded,
            None => false,
        };
        !loaded && !matches!(self.known_scalar(inst, rel), Known::Value(_))
    }

    /// Read a relationship attribute: the related object (or None), or the
    /// collection — loading it on first access as its strategy says.
    pub fn get_rel(&mut self, inst: &Rc<Instance>, rel: &Rc<Rel>) -> Result<Value> {
        let i = self.ensure_slot(inst, rel);
        let loaded = inst.st.borrow().rels[i].loaded;
        if !loaded {
            if inst.is_new() && !rel.uselist {
                // A new object's unset scalar reads None and stays unset
                // (SQLAlchemy's `ATTR_EMPTY`: nothing enters its dict, so
                // neither merge nor the flush sees a value).
            } else if inst.is_new() || rel.lazy == Lazy::Noload {
                self.edit(inst).rels[i].loaded = true;
            } else if rel.lazy == Lazy::Raise {
                return Err(Error::new(
                    ErrorKind::InvalidRequestError,
                    format!(
                        "'{}.{}' is not available due to lazy='raise'",
                        rel.owner.name, rel.name
                    ),
                )
                .with_help(format!(
                    "load it with the query: .options(joinedload({}.{}))",
                    rel.owner.name, rel.name
                )));
            } else {
                self.load_rel(inst, rel)?;
            }
        }
        let st = inst.st.borrow();
        Ok(match &st.rels[i].value {
            RelValue::Scalar(v) => v.clone().map_or(Value::None, |x| Value::Obj(x)),
            RelValue::List(c) => Value::Obj(c.clone()),
        })
    }

    /// Load `rel` of a persistent instance from the database (no autoflush).
    /// A detached one has no session to load with (SQLAlchemy's lazy
    /// loader raises `DetachedInstanceError` before anything else).
    pub fn load_rel(&mut self, inst: &Rc<Instance>, rel: &Rc<Rel>) -> Result<()> {
        if inst.status() == Status::Detached {
            return Err(Error::new(
                ErrorKind::DetachedInstanceError,
                format!(
                    "{} is detached (not bound to a session), so its relationship '{}' cannot be loaded",
                    crate::orm::states::describe(inst),
                    rel.name
                ),
            )
            .with_help(format!(
                "add it back with db.session.add(obj), or load '{}' before it leaves the session",
                rel.name
            )));
        }
        self.ensure_loaded(inst)?;
        // Loading the columns again may have loaded `rel` with them.
        if Session::slot_items(inst, &rel.name).is_some_and(|(loaded, _)| loaded) {
            return Ok(());
        }
        match self.use_get_key(inst, rel) {
            Some(Some(key)) => return self.load_by_key(inst, rel, key),
            Some(None) => {
                self.fill_slot(inst, rel, Vec::new());
                return Ok(());
            }
            None => {}
        }
        let q = self.rel_query(inst, rel)?;
        let items = self.load_instances(&q)?;
        self.fill_slot(inst, rel, items);
        Ok(())
    }

    /// The identity key a many-to-one names through its foreign key, when
    /// it refers to the target's whole primary key (SQLAlchemy's `use_get`):
    /// `Some(None)` when part of the key is NULL (no object). Reads the
    /// instance's current values, no SQL.
    pub(crate) fn use_get_key(&self, inst: &Instance, rel: &Rel) -> Option<Option<Key>> {
        key_named(inst, rel, false)
    }

    /// Load a many-to-one by the key its foreign key named: the identity
    /// map answers first, whatever the object's state (SQLAlchemy's
    /// `get_from_identity`: one marked for deletion is still the parent
    /// until the flush), else a SELECT.
    pub(crate) fn load_by_key(
        &mut self,
        inst: &Rc<Instance>,
        rel: &Rc<Rel>,
        key: Key,
    ) -> Result<()> {
        let items: Vec<Rc<Instance>> = match self.identity.get(&(rel.target.id, key.clone())) {
            Some(x) => {
                self.ensure_loaded(&x)?;
                vec![x]
            }
            None => self.get(&rel.target, key)?.into_iter().collect(),
        };
        self.fill_slot(inst, rel, items);
        Ok(())
    }

    /// Set an unloaded slot from the database (a lazy or eager load), then
    /// apply the changes back-references queued while it was unloaded, as
    /// SQLAlchemy's `set_committed_value` applies `_pending_mutations`: the
    /// loaded rows in their order, then the queued appends, minus the
    /// queued removals. The loaded rows become the snapshot, so the queued
    /// changes are still flushed.
    pub fn fill_slot(&mut self, inst: &Rc<Instance>, rel: &Rc<Rel>, items: Vec<Rc<Instance>>) {
        let i = self.ensure_slot(inst, rel);
        let mut st = self.edit(inst);
        let slot = &mut st.rels[i];
        match &mut slot.value {
            RelValue::Scalar(v) => *v = items.first().cloned(),
            RelValue::List(c) => {
                let mut cur = c.items.borrow_mut();
                let added = std::mem::take(&mut *cur);
                cur.extend(items.iter().cloned().map(Some));
                for x in added {
                    if !x.as_ref().is_some_and(|x| cur.iter().any(|y| is_obj(y, x))) {
                        cur.push(x);
                    }
                }
                let removed = &slot.snapshot;
                cur.retain(|x| !removed.iter().any(|y| is_obj(x, y)));
            }
        }
        slot.loaded = true;
        slot.snapshot = items;
    }

    fn load_instances(&mut self, q: &Query) -> Result<Vec<Rc<Instance>>> {
        Ok(self
            .load_all(q)?
            .into_iter()
            .filter_map(|v| v.downcast::<Instance>())
            .collect())
    }

    /// The query that loads `rel` of `inst` (SQLAlchemy's lazy clause puts
    /// the bound value on the left: `WHERE ? = post.category_id`).
    pub fn rel_query(&self, inst: &Rc<Instance>, rel: &Rel) -> Result<Query> {
        rel_query_by(inst, rel, |inst, i, key| Ok(bound(param_of(inst, i)?, key)))
    }
}

/// [`Session::rel_query`] with each of `inst`'s values written by `value`
/// (given the column and the key it is compared with): bound now, or when
/// the query runs (`with_parent`, `orm::late`).
pub fn rel_query_by(
    inst: &Rc<Instance>,
    rel: &Rel,
    value: impl Fn(&Rc<Instance>, usize, &Rc<str>) -> Result<SqlExpr>,
) -> Result<Query> {
    {
        let mut q = Query::new(vec![Entity::Model(rel.target.clone())], true);
        let target = &rel.target;
        match &rel.kind {
            RelKind::ManyToOne { pairs } => {
                for (fk, r) in pairs {
                    let c = &target.columns[*r];
                    q.where_.push(eq(
                        value(inst, *fk, &c.name)?,
                        col_expr(&target.table, &c.name),
                    ));
                }
            }
            RelKind::OneToMany { pairs } => {
                for (own, fk) in pairs {
                    let c = &target.columns[*fk];
                    q.where_.push(eq(
                        value(inst, *own, &c.name)?,
                        col_expr(&target.table, &c.name),
                    ));
                }
            }
            RelKind::ManyToMany {
                table,
                owner,
                target: tcols,
            } => {
                for (sec, own) in owner {
                    q.where_
                        .push(eq(value(inst, *own, sec)?, col_expr(&table.name, sec)));
                }
                for (sec, t) in tcols {
                    q.where_.push(eq(
                        col_expr(&target.table, &target.columns[*t].name),
                        col_expr(&table.name, sec),
                    ));
                }
                q.extra_from.push(FromItem::Table {
                    name: table.name.clone(),
                    alias: None,
                });
            }
        }
        q.where_.extend(rel.criteria.iter().cloned());
        q.order_by = rel.order_by.clone();
        Ok(q)
    }
}

impl Session {
    /// The value of a relationship slot if it is in memory: whether it is
    /// loaded, and its items (for an unloaded collection, the queued appends).
    pub(crate) fn slot_items(inst: &Instance, name: &str) -> Option<(bool, Vec<Rc<Instance>>)> {
        let st = inst.st.borrow();
        let slot = st.rels.iter().find(|s| &*s.name == name)?;
        Some((
            slot.loaded,
            match &slot.value {
                RelValue::Scalar(v) => v.iter().cloned().collect(),
                RelValue::List(c) => c.snapshot(),
            },
        ))
    }

    /// Everything outside the session reachable from `inst` through
    /// save-update relationships that are in memory (SQLAlchemy's
    /// `cascade_iterator('save-update', halt_on=…)`).
    pub fn reachable(&self, inst: &Rc<Instance>) -> Vec<Rc<Instance>> {
        let mut seen: Vec<Rc<Instance>> = vec![inst.clone()];
        // Membership by address: linear in the objects reached.
        let mut met: rustc_hash::FxHashSet<*const Instance> =
            [Rc::as_ptr(inst)].into_iter().collect();
        let mut i = 0;
        while i < seen.len() {
            let cur = seen[i].clone();
            i += 1;
            for rel in self.mapping.of(&cur.model.name) {
                if !rel.cascade.save_update {
                    continue;
                }
                // An unloaded collection holds only queued back-reference
                // changes, which SQLAlchemy's cascade does not follow
                // (`get_all_pending`); a dynamic one holds its appends.
                let Some((loaded, items)) = Session::slot_items(&cur, &rel.name) else {
                    continue;
                };
                if loaded || !rel.uselist || rel.lazy == Lazy::Dynamic {
                    // An object already in the session stops the walk
                    // (SQLAlchemy's `halt_on`): what it reaches is its own.
                    for x in items {
                        if !self.contains(&x) && met.insert(Rc::as_ptr(&x)) {
                            seen.push(x);
                        }
                    }
                }
            }
        }
        seen.remove(0);
        seen
    }

    /// Whether deleting `inst` loads a relationship its delete cascade
    /// follows (so the caller autoflushes first).
    pub fn delete_cascade_loads(&self, inst: &Rc<Instance>) -> bool {
        inst.status() == Status::Persistent
            && self
                .mapping
                .of(&inst.model.name)
                .iter()
                .any(|rel| rel.cascade.delete && self.needs_load(inst, rel))
    }

    /// Delete cascade: the related objects a deleted object takes with it,
    /// along every relationship whose cascade says delete (many-to-many
    /// too, as in SQLAlchemy).
    pub fn delete_cascade(&mut self, inst: &Rc<Instance>) -> Result<Vec<Rc<Instance>>> {
        let rels: Vec<Rc<Rel>> = self.mapping.of(&inst.model.name).to_vec();
        let mut out = Vec::new();
        for rel in rels {
            if !rel.cascade.delete {
                continue;
            }
            let v = self.get_rel(inst, &rel)?;
            if let Some(c) = v.downcast::<Collection>() {
                out.extend(c.snapshot());
            } else if let Some(x) = v.downcast::<Instance>() {
                out.push(x);
            }
        }
        Ok(out)
    }

    /// The hidden collection of a dynamic relationship, holding objects
    /// appended since the last flush.
    pub fn dynamic_collection(&mut self, inst: &Rc<Instance>, rel: &Rc<Rel>) -> Rc<Collection> {
        let i = self.ensure_slot(inst, rel);
        let st = inst.st.borrow();
        match &st.rels[i].value {
            RelValue::List(c) => c.clone(),
            RelValue::Scalar(_) => Rc::new(Collection {
                owner: inst.clone(),
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
        if !inst.st.borrow().rels[i].loaded {
            return;
        }
        let mut st = self.edit(inst);
        let slot = &mut st.rels[i];
        slot.loaded = false;
        slot.snapshot.clear();
        match &mut slot.value {
            RelValue::Scalar(v) => *v = None,
            RelValue::List(c) => c.items.borrow_mut().clear(),
        }
    }

    /// What the flush reads of the objects it is about to delete, as
    /// SQLAlchemy's dependency processors do before any row goes: their
    /// expired columns, their
    /// unloaded many-to-many collections (from the association rows still
    /// there), and for each many-to-one the parent one object's foreign key
    /// names in the identity map (`prop_has_changes` with
    /// `PASSIVE_NO_FETCH_RELATED` stops at the first object that answers;
    /// objects are taken in creation order, which approximates SQLAlchemy's
    /// set order). So `tag.pages` and usually `child.parent` still answer
    /// after the rows are gone.
    pub fn load_before_delete(&mut self, deleted: &[Rc<Instance>]) -> Result<()> {
        let mut models: Vec<Rc<str>> = Vec::new();
        for d in deleted {
            // The DELETE reads the key through the attributes
            // (`_get_committed_state_attr_by_column`), which loads an
            // expired object's columns: it keeps them once its row is gone.
            self.ensure_loaded(d)?;
            if !models.contains(&d.model.name) {
                models.push(d.model.name.clone());
            }
            let rels: Vec<Rc<Rel>> = self.mapping.of(&d.model.name).to_vec();
            for rel in rels {
                if matches!(rel.kind, RelKind::ManyToMany { .. })
                    && !rel.viewonly
                    && !matches!(rel.lazy, Lazy::Dynamic | Lazy::Noload)
                    && !Session::slot_items(d, &rel.name).is_some_and(|(l, _)| l)
                {
                    self.load_rel(d, &rel)?;
                }
            }
        }
        let mut order: Vec<Rc<Instance>> = deleted.to_vec();
        order.sort_by_key(|d| d.serial);
        for model in models {
            let rels: Vec<Rc<Rel>> = self.mapping.of(&model).to_vec();
            for rel in rels {
                if rel.viewonly || !matches!(rel.kind, RelKind::ManyToOne { .. }) {
                    continue;
                }
                for d in order.iter().filter(|d| d.model.name == model) {
                    if Session::slot_items(d, &rel.name).is_some_and(|(l, _)| l) {
                        break;
                    }
                    match key_named(d, &rel, true) {
                        Some(Some(key)) => {
                            if let Some(x) = self.identity.get(&(rel.target.id, key)) {
                                self.fill_slot(d, &rel, vec![x]);
                                break;
                            }
                        }
                        Some(None) => {
                            self.fill_slot(d, &rel, Vec::new());
                            break;
                        }
                        None => {}
                    }
                }
            }
        }
        Ok(())
    }

    /// Forget loaded relationships (expiry): they reload on next access.
    /// Queued back-reference changes and the record of who holds the
    /// object go too, as SQLAlchemy's `InstanceState._expire` drops
    /// `_pending_mutations` and `parents`: a parent that lets go of it
    /// later, unseen, leaves it an orphan (`orm::parents`).
    pub fn expire_rels(inst: &Instance) {
        let mut st = inst.st.borrow_mut();
        st.rels.clear();
        st.rel_touched = false;
        st.parents.clear();
        st.rels_expired = true;
    }

    /// After the columns of an object expired whole were loaded again:
    /// load its eager relationships that nothing set meanwhile, without
    /// autoflush, as SQLAlchemy's refresh query eager-loads them (a
    /// `joined` one in the same SELECT, here in its own).
    pub fn load_eager_after_refresh(&mut self, inst: &Rc<Instance>) -> Result<()> {
        if !inst.st.borrow().rels_expired {
            return Ok(());
        }
        self.edit(inst).rels_expired = false;
        let rels: Vec<Rc<Rel>> = self.mapping.of(&inst.model.name).to_vec();
        for rel in rels {
            if !matches!(rel.lazy, Lazy::Joined | Lazy::Selectin | Lazy::Subquery) {
                continue;
            }
            if Session::slot_items(inst, &rel.name).is_some_and(|(loaded, _)| loaded) {
                continue;
            }
            self.load_rel(inst, &rel)?;
        }
        Ok(())
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
                .map(|(fk, r)| {
                    eq(
                        col_expr(&t.table, &t.columns[*r].name),
                        col_expr(&o.table, &o.columns[*fk].name),
                    )
                })
                .collect(),
            vec![t.table.clone()],
        ),
        RelKind::OneToMany { pairs } => (
            pairs
                .iter()
                .map(|(own, fk)| {
                    eq(
                        col_expr(&o.table, &o.columns[*own].name),
                        col_expr(&t.table, &t.columns[*fk].name),
                    )
                })
                .collect(),
            vec![t.table.clone()],
        ),
        RelKind::ManyToMany {
            table,
            owner,
            target,
        } => {
            let mut c: Vec<_> = owner
                .iter()
                .map(|(sec, i)| {
                    eq(
                        col_expr(&o.table, &o.columns[*i].name),
                        col_expr(&table.name, sec),
                    )
                })
                .collect();
            c.extend(target.iter().map(|(sec, i)| {
                eq(
                    col_expr(&t.table, &t.columns[*i].name),
                    col_expr(&table.name, sec),
                )
            }));
            (c, vec![table.name.clone(), t.table.clone()])
        }
    }
}
