//! Loading relationships: whether a read needs SQL, the lazy load by
//! direction (a many-to-one by its key through the identity map first,
//! SQLAlchemy's `use_get`), the queued back-reference changes applied to
//! what loads, what a flush reads first (the old value of a one-to-one
//! set blind, the objects it deletes), the eager
//! relationships an expired object loads again with its columns, and the
//! refusal to load for an object outside the session.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::backref::Known;
use crate::orm::instance::{Instance, Key, KeyPart, RelValue, Status};
use crate::orm::lazy_eager::LoadFrom;
use crate::orm::load_opts::{OnRead, raise_error};
use crate::orm::query::Query;
use crate::orm::rel_query::rel_query_by;
use crate::orm::relation::{committed_param_of, is_obj, param_of};
use crate::orm::session::Session;
use crate::schema::relationship::{Lazy, Rel, RelKind};
use crate::sql::ast::SqlExpr;
use crate::value::Value;

impl Session {
    /// Before a flush: read the old values of one-to-ones set blind
    /// (`remember_replaced`) into their snapshots, without autoflush, so
    /// the flush sees them go.
    pub fn load_deferred_history(&mut self, inst: &Rc<Instance>) -> Result<()> {
        let rels: Vec<Rc<Rel>> = self.mapping.of(&inst.model.name).to_vec();
        for rel in rels {
            if !matches!(rel.kind, RelKind::OneToMany { .. }) {
                continue;
            }
            let Some(i) = Session::slot_index(inst, &rel.name) else {
                continue;
            };
            if !inst.st.borrow().slot(i).old_unknown {
                continue;
            }
            self.edit(inst).slot_mut(i).old_unknown = false;
            if inst.status() != Status::Persistent {
                continue;
            }
            self.ensure_loaded(inst)?;
            let mut q = self.rel_query(inst, &rel)?;
            q.legacy = false;
            // A scalar (`uselist=False`) held only the first row.
            let old: Vec<Rc<Instance>> = self
                .load_all(&q)?
                .into_iter()
                .filter_map(|v| v.downcast::<Instance>())
                .take(if rel.uselist { usize::MAX } else { 1 })
                .collect();
            self.edit(inst).slot_mut(i).snapshot = old;
        }
        Ok(())
    }

    /// Whether a lazy load of `rel` must first load `inst`'s expired
    /// columns: one of those the load reads from `inst` (a many-to-one's
    /// foreign key, the owner's key otherwise) is expired. A foreign key
    /// set since the expiry is not (SQLAlchemy's `_get_ident_for_use_get`
    /// reads the attributes).
    pub fn key_columns_expired(&self, inst: &Instance, rel: &Rel) -> bool {
        let st = inst.st.borrow();
        if !st.is_expired() {
            return false;
        }
        match &rel.kind {
            RelKind::ManyToOne { pairs } => pairs.iter().any(|(fk, _)| st.column_expired(*fk)),
            RelKind::OneToMany { pairs } => pairs.iter().any(|(own, _)| st.column_expired(*own)),
            RelKind::ManyToMany { owner, .. } => {
                owner.iter().any(|(_, own)| st.column_expired(*own))
            }
        }
    }

    /// Whether reading `rel` on `inst` would run SQL (so the caller can
    /// autoflush first). A many-to-one whose foreign key is NULL or names
    /// an unexpired object in the identity map is answered from memory,
    /// without a flush, as SQLAlchemy's `use_get` lazy loader does.
    pub fn needs_load(&self, inst: &Rc<Instance>, rel: &Rel) -> bool {
        // A detached object runs no SQL: its load fails (`load_rel`).
        if inst.is_new()
            || inst.status() == Status::Detached
            || !matches!(self.on_read(inst, rel), OnRead::Load)
        {
            return false;
        }
        let loaded = match Session::slot_index(inst, &rel.name) {
            Some(i) => inst.st.borrow().slot(i).loaded,
            None => false,
        };
        !loaded && !matches!(self.known_scalar(inst, rel, false), Known::Value(_))
    }

    /// Read a relationship attribute: the related object (or None), or the
    /// collection — loading it on first access as its strategy says.
    pub fn get_rel(&mut self, inst: &Rc<Instance>, rel: &Rc<Rel>) -> Result<Value> {
        let i = self.ensure_slot(inst, rel);
        let loaded = inst.st.borrow().slot(i).loaded;
        if !loaded {
            if inst.is_new() && !rel.uselist {
                // A new object's unset scalar reads None and stays unset
                // (SQLAlchemy's `ATTR_EMPTY`: nothing enters its dict, so
                // neither merge nor the flush sees a value).
            } else if inst.is_new() || self.on_read(inst, rel) == OnRead::Noload {
                let new = inst.is_new();
                let mut st = self.edit(inst);
                if new {
                    st.slot_mut(i).start_empty();
                }
                st.slot_mut(i).loaded = true;
                st.slot_mut(i).empty_read = new;
            } else if let OnRead::Raise { sql_only } = self.on_read(inst, rel)
                && (!sql_only || !matches!(self.known_scalar(inst, rel, false), Known::Value(_)))
            {
                return Err(raise_error(rel, sql_only));
            } else {
                self.load_rel(inst, rel)?;
                self.descend_load_opts(inst, rel)?;
            }
        }
        let st = inst.st.borrow();
        Ok(match &st.slot(i).value {
            RelValue::Scalar(v) => v.clone().map_or(Value::None, |x| Value::Obj(x)),
            RelValue::List(c) => Value::Obj(c.clone()),
        })
    }

    /// Load `rel` of a persistent instance from the database (no autoflush).
    /// A detached one has no session to load with (SQLAlchemy's lazy
    /// loader raises `DetachedInstanceError` before anything else).
    pub fn load_rel(&mut self, inst: &Rc<Instance>, rel: &Rc<Rel>) -> Result<()> {
        self.load_rel_as(inst, rel, false)
    }

    /// SQLAlchemy's active history, which `single_parent=True` turns on for
    /// a scalar (the validator's listener asks for it): a set first loads
    /// an old value not known without SQL — by the foreign key's committed
    /// value, without autoflush (`PASSIVE_ONLY_PERSISTENT |
    /// LOAD_AGAINST_COMMITTED | NO_AUTOFLUSH`) — so the set sees it go and
    /// the flush deletes it if it is left an orphan. A new object has
    /// nothing to load; a detached one cannot load
    /// (`DetachedInstanceError`), nor can `lazy='raise'`.
    pub(crate) fn load_active_history(&mut self, inst: &Rc<Instance>, rel: &Rc<Rel>) -> Result<()> {
        if !inst.has_identity() || !matches!(self.known_scalar(inst, rel, true), Known::Unknown) {
            return Ok(());
        }
        if let OnRead::Raise { sql_only } = self.on_read(inst, rel) {
            return Err(raise_error(rel, sql_only));
        }
        self.load_rel_as(inst, rel, true)
    }

    /// [`Session::load_rel`] by the values the parent's row has in the
    /// database (SQLAlchemy's unit of work reads history
    /// `LOAD_AGAINST_COMMITTED`): a flush deleting an object whose key it
    /// also changed finds the children of the key it is stored with.
    pub(crate) fn load_rel_committed(&mut self, inst: &Rc<Instance>, rel: &Rc<Rel>) -> Result<()> {
        self.load_rel_as(inst, rel, true)
    }

    /// [`Session::load_rel`], naming a many-to-one's object by the foreign
    /// key's current value, or with `committed` by its committed one.
    fn load_rel_as(&mut self, inst: &Rc<Instance>, rel: &Rc<Rel>, committed: bool) -> Result<()> {
        if inst.status() == Status::Detached {
            if let Some(e) = crate::orm::retire::closed_detached(
                inst,
                &format!("its relationship '{}' cannot be loaded", rel.name),
            ) {
                return Err(e);
            }
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
        // The load reads only its key columns from `inst`: the expired
        // columns load first only when one of those is expired, and may
        // bring `rel` with them.
        if self.key_columns_expired(inst, rel) {
            self.ensure_loaded(inst)?;
            if Session::slot_items(inst, &rel.name).is_some_and(|(loaded, _)| loaded) {
                return Ok(());
            }
        }
        match key_named(inst, rel, committed) {
            Some(Some(key)) => return self.load_by_key(inst, rel, key),
            Some(None) => {
                self.fill_slot(inst, rel, Vec::new());
                return Ok(());
            }
            None => {}
        }
        let mut q = match committed {
            true => rel_query_by(inst, rel, |inst, i, key| {
                Ok(SqlExpr::bound(committed_param_of(inst, i)?, key))
            })?,
            false => self.rel_query(inst, rel)?,
        };
        // SQLAlchemy 2's lazy loader runs a 2.0 `select()`: bare column
        // names, no `post_id` labels (`LazyLoader._emit_lazyload`); a
        // dynamic relationship reads its rows through its `AppenderQuery`,
        // a legacy `Query` (labels kept).
        q.legacy = rel.lazy == Lazy::Dynamic;
        let from = LoadFrom::Lazy { rel };
        let rows = self.load_with_default_eager(&q, from)?;
        self.fill_slot_rows(inst, rel, rows);
        Ok(())
    }

    /// The identity key a many-to-one names through its foreign key, when
    /// it refers to the target's whole primary key (SQLAlchemy's `use_get`):
    /// `Some(None)` when part of the key is NULL (no object). Reads the
    /// instance's current values, no SQL.
    pub(crate) fn use_get_key(&self, inst: &Instance, rel: &Rel) -> Option<Option<Key>> {
        key_named(inst, rel, false)
    }

    /// [`Session::use_get_key`] from the foreign key's committed value
    /// (SQLAlchemy's `LOAD_AGAINST_COMMITTED`, with which a set event
    /// looks for the old value): a foreign key changed since the last
    /// flush does not name the old parent.
    pub(crate) fn committed_get_key(&self, inst: &Instance, rel: &Rel) -> Option<Option<Key>> {
        key_named(inst, rel, true)
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
            None => {
                let from = LoadFrom::Lazy { rel };
                self.get_from(&rel.target, key, from)?.into_iter().collect()
            }
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
        self.fill_slot_rows(inst, rel, items.into_iter().map(Some).collect());
    }

    /// [`Session::fill_slot`] from a load whose rows may hold `None`: a
    /// row whose key is all NULL (SQLAlchemy's lazy loader puts it in the
    /// collection as None, in its committed state).
    pub fn fill_slot_rows(
        &mut self,
        inst: &Rc<Instance>,
        rel: &Rc<Rel>,
        rows: Vec<Option<Rc<Instance>>>,
    ) {
        let i = self.ensure_slot(inst, rel);
        let mut st = self.edit(inst);
        let slot = st.slot_mut(i);
        let items: Vec<Rc<Instance>> = rows.iter().flatten().cloned().collect();
        slot.loaded_none =
            matches!(slot.value, RelValue::List(_)) && rows.iter().any(Option::is_none);
        match &mut slot.value {
            RelValue::Scalar(v) => *v = items.first().cloned(),
            // A loaded collection loaded again (a refresh) is replaced,
            // as SQLAlchemy's `set_committed_value` does: its snapshot is
            // the committed items, not queued removals.
            RelValue::List(c) if slot.loaded => {
                *c.items.borrow_mut() = rows;
            }
            RelValue::List(c) => {
                let mut cur = c.items.borrow_mut();
                let added = std::mem::take(&mut *cur);
                cur.extend(rows);
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
        // A scalar loaded from several rows (`uselist=False` over a
        // one-to-many with many children) holds the first, and only that
        // one is its committed value (SQLAlchemy warns and takes
        // `result[0]`): the others are not removed by a later set.
        let mut items = items;
        if matches!(slot.value, RelValue::Scalar(_)) {
            items.truncate(1);
        }
        slot.snapshot = items;
    }

    pub(crate) fn load_instances(&mut self, q: &Query) -> Result<Vec<Rc<Instance>>> {
        Ok(self
            .load_all(q)?
            .into_iter()
            .filter_map(|v| v.downcast::<Instance>())
            .collect())
    }

    /// The objects of `q`, each once (the first time met), with `None` for
    /// rows whose key is all NULL, once too, as SQLAlchemy's lazy loader
    /// gives them (`LazyLoader._emit_lazyload`:
    /// `result.unique().scalars().all()`): a duplicate link row of a
    /// many-to-many puts its child in the collection once.
    pub(crate) fn load_instances_or_none(
        &mut self,
        q: &Query,
    ) -> Result<Vec<Option<Rc<Instance>>>> {
        let mut seen_none = false;
        let mut seen: rustc_hash::FxHashSet<*const Instance> = Default::default();
        Ok((self.load_all(q)?.into_iter())
            .filter_map(|v| match v.downcast::<Instance>() {
                Some(x) => seen.insert(Rc::as_ptr(&x)).then_some(Some(x)),
                None => (!std::mem::replace(&mut seen_none, true)).then_some(None),
            })
            .collect())
    }

    /// The query that loads `rel` of `inst` (SQLAlchemy's lazy clause puts
    /// the bound value on the left: `WHERE ? = post.category_id`).
    pub fn rel_query(&self, inst: &Rc<Instance>, rel: &Rel) -> Result<Query> {
        rel_query_by(inst, rel, |inst, i, key| {
            Ok(SqlExpr::bound(param_of(inst, i)?, key))
        })
    }

    /// After the columns of an object expired whole were loaded again:
    /// load its eager relationships that nothing set meanwhile, without
    /// autoflush, as SQLAlchemy's refresh query eager-loads them (a
    /// `joined` one in the same SELECT, here in its own).
    pub fn load_eager_after_refresh(&mut self, inst: &Rc<Instance>) -> Result<()> {
        self.load_eager_after_refresh_except(inst, &[])
    }

    /// `load_eager_after_refresh`, leaving unloaded the many-to-one
    /// relationships whose foreign key is one of the columns `synced`
    /// (the flush loading a child before it copies a new parent's key
    /// into it: SQLAlchemy loads it after the copy, so such a
    /// relationship follows the new key, and a later read does).
    pub fn load_eager_after_refresh_except(
        &mut self,
        inst: &Rc<Instance>,
        synced: &[usize],
    ) -> Result<()> {
        if !inst.st.borrow().rels_expired() {
            return Ok(());
        }
        self.edit(inst).take_rels_expired();
        let rels: Vec<Rc<Rel>> = self.mapping.of(&inst.model.name).to_vec();
        for rel in rels {
            // SQLAlchemy's cycle check: the refresh's query is for the
            // object's model, so a self-referential joined one is not
            // loaded (a refresh runs selectin and subquery loaders as
            // immediate loads, which load it all the same).
            // The loader options the object was loaded with stand in for
            // `lazy=` (`reload_strategy`).
            let lazy = self.reload_strategy(inst, &rel);
            if !matches!(
                lazy,
                Lazy::Joined | Lazy::Selectin | Lazy::Subquery | Lazy::Noload
            ) || (lazy == Lazy::Joined && rel.target.id == inst.model.id)
            {
                continue;
            }
            // A relationship with history (a queued back-reference change
            // of an unloaded collection, a set) is not reloaded: SQLAlchemy
            // loads only the expired attributes still unmodified
            // (`state._load_expired`); a later query loads it.
            let skip = inst
                .st
                .borrow()
                .slot_named(&rel.name)
                .is_some_and(|slot| slot.loaded || slot.changed);
            if skip {
                continue;
            }
            if let RelKind::ManyToOne { pairs } = &rel.kind
                && pairs.iter().any(|(fk, _)| synced.contains(fk))
            {
                continue;
            }
            if lazy == Lazy::Noload {
                // `noload` fills it empty again (`invoke_no_load`).
                self.fill_slot(inst, &rel, Vec::new());
                continue;
            }
            self.load_rel(inst, &rel)?;
            self.descend_load_opts(inst, &rel)?;
        }
        Ok(())
    }
}

/// The key a many-to-one's foreign key names (`Session::use_get_key`), from
/// the values as last loaded or flushed when `committed` (SQLAlchemy's
/// flush reads history `LOAD_AGAINST_COMMITTED`), else the current ones.
pub(crate) fn key_named(inst: &Instance, rel: &Rel, committed: bool) -> Option<Option<Key>> {
    let RelKind::ManyToOne { pairs } = &rel.kind else {
        return None;
    };
    if pairs.len() != rel.target.pk.len() || !pairs.iter().all(|(_, r)| rel.target.pk.contains(r)) {
        return None;
    }
    let st = inst.st.borrow();
    let values = match (st.committed(), committed) {
        (Some(c), true) => c,
        _ => st.values(),
    };
    let mut parts = Vec::with_capacity(pairs.len());
    for &pk in &rel.target.pk {
        let (fk, _) = pairs.iter().find(|(_, r)| *r == pk)?;
        // An expired column set since: its committed value is NO_VALUE,
        // which SQLAlchemy's `_none_set` counts as None.
        if crate::orm::history::is_no_value(&values[*fk]) {
            return Some(None);
        }
        let p = crate::orm::convert::to_param(&inst.model.columns[*fk].ty, &values[*fk]).ok()?;
        match KeyPart::of_param(&p) {
            Some(p) => parts.push(p),
            None => return Some(None),
        }
    }
    Some(Some(Rc::from(parts)))
}
