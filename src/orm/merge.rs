//! `Session.merge(obj, load=True)`, as SQLAlchemy's: the object is copied
//! onto the one the session holds for its identity key — found in the
//! identity map, loaded with `get()` (without autoflush: SQLAlchemy turns
//! it off while merging), or made new (pending) — attribute by attribute
//! with their set events, following relationships whose cascade includes
//! `merge` (the related objects are merged too). With `load=False`
//! nothing is read from the database: the copy is made persistent as it
//! is, without history. The autoflush before a merge with `load` is the
//! caller's (`Interp::merge`: it may run Python-side defaults).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::cascade_none::none_in_collection;
use crate::orm::instance::{Instance, Key, RelValue};
use crate::orm::session::Session;
use crate::schema::relationship::{Lazy, Rel};
use crate::value::Value;

/// What one `merge()` call has done so far (SQLAlchemy's `_recursive` and
/// `_resolve_conflict_map`).
struct Merging {
    load: bool,
    /// Each object merged, and its copy.
    done: Vec<(Rc<Instance>, Rc<Instance>)>,
    /// Objects reached through a relationship (owner model and name).
    via: Vec<(Rc<Instance>, Rc<str>, Rc<str>)>,
    /// Copies made or found, by identity key.
    by_key: Vec<(u32, Key, Rc<Instance>)>,
}

impl Session {
    /// `Session.merge(obj, load)` after its autoflush: the copy the
    /// session holds.
    pub fn merge(&mut self, inst: &Rc<Instance>, load: bool) -> Result<Rc<Instance>> {
        self.autobegin();
        let mut m = Merging {
            load,
            done: Vec::new(),
            via: Vec::new(),
            by_key: Vec::new(),
        };
        self.merge_one(inst, &mut m)
    }

    /// SQLAlchemy's `Session._merge` for one object.
    fn merge_one(&mut self, src: &Rc<Instance>, m: &mut Merging) -> Result<Rc<Instance>> {
        if let Some((_, d)) = m.done.iter().find(|(s, _)| Rc::ptr_eq(s, src)) {
            return Ok(d.clone());
        }
        let model = src.model.clone();
        let known = src.identity_key();
        let key = match known {
            Some(k) => Some(k),
            None if !m.load => {
                return Err(Error::new(
                    ErrorKind::InvalidRequestError,
                    "merge() with load=False does not take objects that were never flushed",
                )
                .with_help("flush first, or merge with load=True"));
            }
            None => {
                // The key is read from the object: a new one whose
                // attributes expired (a rollback made it transient) cannot
                // be read (DetachedInstanceError).
                if model.pk.iter().any(|&i| src.st.borrow().column_expired(i)) {
                    self.ensure_loaded(src)?;
                }
                let st = src.st.borrow();
                let params = model
                    .pk
                    .iter()
                    .map(|&i| crate::orm::convert::to_param(&model.columns[i].ty, st.value(i)))
                    .collect::<Result<Vec<_>>>()?;
                let mut full = vec![crate::sql::ast::Param::Null; model.columns.len()];
                for (&i, p) in model.pk.iter().zip(params) {
                    full[i] = p;
                }
                Session::key_of(&model, &full)
            }
        };
        let mut merged = key
            .as_ref()
            .and_then(|k| self.identity.get(&(model.id, k.clone())));
        let mut new_instance = false;
        if merged.is_none()
            && let Some(k) = &key
        {
            if let Some((_, _, d)) = m
                .by_key
                .iter()
                .find(|(id, kk, _)| *id == model.id && kk == k)
            {
                merged = Some(d.clone());
            } else if !m.load {
                if src.st.borrow().committed().is_some() || src.st.borrow().in_dirty_list() {
                    return Err(Error::new(
                        ErrorKind::InvalidRequestError,
                        "merge() with load=False does not take objects with changes not flushed",
                    )
                    .with_help("flush the changes first, or merge with load=True"));
                }
                let t = self.new_instance(model.clone());
                t.st.borrow_mut().become_persistent_unloaded(k.clone());
                self.identity.insert((model.id, k.clone()), &t);
                merged = Some(t);
                new_instance = true;
            } else {
                merged = self.get(&model, k.clone())?;
            }
        }
        let merged = match merged {
            Some(t) => t,
            None => {
                let t = self.new_instance(model.clone());
                self.add(&t)?;
                new_instance = true;
                t
            }
        };
        m.done.push((src.clone(), merged.clone()));
        if let Some(k) = key {
            m.by_key.push((model.id, k, merged.clone()));
        }
        if Rc::ptr_eq(src, &merged) {
            return Ok(merged);
        }
        self.merge_columns(src, &merged, m.load, new_instance)?;
        let rels: Vec<Rc<Rel>> = self.mapping.of(&model.name).to_vec();
        for rel in rels {
            self.merge_rel(src, &merged, &rel, m)?;
        }
        if !m.load {
            self.commit_state(&merged);
        }
        Ok(merged)
    }

    /// The columns `src` holds (given a value or loaded, not expired) onto
    /// `dest` (SQLAlchemy's `ColumnProperty.merge`): set with their events,
    /// or with `load=False` put in place; a copy made without loading has
    /// the others expired.
    fn merge_columns(
        &mut self,
        src: &Rc<Instance>,
        dest: &Rc<Instance>,
        load: bool,
        new_instance: bool,
    ) -> Result<()> {
        let held: Vec<(usize, Value)> = {
            let st = src.st.borrow();
            (0..src.model.columns.len())
                .filter(|&i| st.is_set(i) && !st.column_expired(i))
                .map(|i| (i, st.value(i).clone()))
                .collect()
        };
        if load {
            for (i, v) in held {
                self.set_column(dest, i, v)?;
            }
            return Ok(());
        }
        let mut st = self.edit(dest);
        for (i, v) in held {
            st.set_fresh_value(i, v);
        }
        if new_instance {
            st.unexpire_if_all_fresh();
        }
        Ok(())
    }

    /// One relationship of `src` onto `dest` (SQLAlchemy's
    /// `RelationshipProperty.merge`): only with the `merge` cascade, only
    /// when `src` holds a value for it, never back along the relationship
    /// that led to `src`; the related objects are merged first.
    fn merge_rel(
        &mut self,
        src: &Rc<Instance>,
        dest: &Rc<Instance>,
        rel: &Rc<Rel>,
        m: &mut Merging,
    ) -> Result<()> {
        if !rel.cascade.merge {
            return Ok(());
        }
        if m.load
            && let Some(rev) = self.reverse_of(rel)
            && m.via.iter().any(|(x, model, name)| {
                Rc::ptr_eq(x, src) && *model == rev.owner.name && *name == rev.name
            })
        {
            return Ok(());
        }
        if rel.lazy == Lazy::Dynamic {
            return self.merge_dynamic(src, dest, rel, m);
        }
        let Some((true, items)) = Session::slot_items(src, &rel.name) else {
            return Ok(());
        };
        let mut copies = Vec::with_capacity(items.len());
        if rel.uselist && m.load {
            // The destination's collection loads first (without autoflush),
            // so merged items already in it are found there.
            self.get_rel(dest, rel)?;
        }
        // A `None` the collection holds stops the merge there, the items
        // before it merged (SQLAlchemy's loop takes each member's
        // `instance_state()`).
        let none_at = Session::none_position(src, rel);
        for (k, x) in items.iter().enumerate() {
            if none_at == Some(k) {
                return Err(none_in_collection(rel));
            }
            m.via
                .push((x.clone(), rel.owner.name.clone(), rel.name.clone()));
            copies.push(self.merge_one(x, m)?);
        }
        if none_at.is_some() {
            return Err(none_in_collection(rel));
        }
        if !m.load {
            self.fill_slot(dest, rel, copies);
        } else if rel.uselist {
            self.set_collection(dest, rel, copies.into_iter().map(Some).collect())?;
        } else {
            self.set_scalar(dest, rel, copies.into_iter().next())?;
        }
        Ok(())
    }

    /// A dynamic relationship of `src` onto `dest` (SQLAlchemy's
    /// `RelationshipProperty.merge` through `_WriteOnlyAttributeImpl`):
    /// followed once `src` received a change event on it (`evented`, which
    /// a flush keeps). Its items are the appends it queued, then — when
    /// `src` has an identity — the rows the database holds for it, read
    /// without autoflush even where it queued their removal
    /// (`added_plus_unchanged`); a detached `src` cannot read them
    /// (DetachedInstanceError). `dest`'s collection becomes their copies,
    /// as an assignment does: its rows left out are removed, with events.
    fn merge_dynamic(
        &mut self,
        src: &Rc<Instance>,
        dest: &Rc<Instance>,
        rel: &Rc<Rel>,
        m: &mut Merging,
    ) -> Result<()> {
        let mut items = {
            let st = src.st.borrow();
            let Some(slot) = st.slot_named(&rel.name).filter(|s| s.evented) else {
                return Ok(());
            };
            // Its appends: all it holds, or once a flush or an assignment
            // loaded it, what it holds beyond the rows it loaded.
            let RelValue::List(c) = &slot.value else {
                return Ok(());
            };
            let mut held = c.snapshot();
            if slot.loaded {
                held.retain(|x| !slot.snapshot.iter().any(|y| Rc::ptr_eq(x, y)));
            }
            held
        };
        if src.has_identity() {
            if !src.attached() {
                return Err(Error::new(
                    ErrorKind::DetachedInstanceError,
                    format!(
                        "{} is detached (not bound to a session), so merge() cannot read its dynamic relationship '{}', changed since it was loaded",
                        crate::orm::states::describe(src),
                        rel.name
                    ),
                )
                .with_help(format!(
                    "add it back with db.session.add(obj) instead, or merge it before it leaves the session (its '{}' changes are in the session then)",
                    rel.name
                )));
            }
            let mut q = self.rel_query(src, rel)?;
            // The attribute's lazy load: a 2.0 select (bare column names).
            q.legacy = false;
            for x in self.load_instances(&q)? {
                if !items.iter().any(|y| Rc::ptr_eq(y, &x)) {
                    items.push(x);
                }
            }
        }
        let mut copies = Vec::with_capacity(items.len());
        for x in &items {
            m.via
                .push((x.clone(), rel.owner.name.clone(), rel.name.clone()));
            copies.push(Some(self.merge_one(x, m)?));
        }
        // `load=False` merges only objects with an identity and no
        // unflushed change: a detached one failed above, a persistent one
        // is its own copy, a deleted one's rows lost their key with it.
        if m.load {
            self.set_collection(dest, rel, copies)?;
        }
        Ok(())
    }

    /// What `load=False` leaves: the copy's values are its committed state,
    /// no history, not dirty (SQLAlchemy's `_commit_all`).
    fn commit_state(&mut self, inst: &Rc<Instance>) {
        {
            let mut st = self.edit(inst);
            st.forget_history();
            for slot in st.slots_mut() {
                if let RelValue::List(c) = &slot.value {
                    slot.snapshot = c.snapshot();
                } else if let RelValue::Scalar(v) = &slot.value {
                    slot.snapshot = v.iter().cloned().collect();
                }
                slot.old_unknown = false;
            }
        }
        self.forget_modified(inst);
    }
}
