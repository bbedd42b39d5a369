//! Relationship attributes in the interpreter: reading (with autoflush
//! before a lazy load), assigning, constructing with relationship keywords,
//! and dynamic relationships (a query you can append to); a collection's
//! list methods are `eval::surface::COLLECTION`. `Model.rel` at class level is `eval::rel_class`.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::orm::instance::{Instance, Status};
use crate::orm::query::Query;
use crate::orm::relation::Collection;
use crate::schema::relationship::{Lazy, Rel};
use crate::value::{Object, Value};

/// `Category.posts` at class level.
pub struct RelAttr(pub Rc<Rel>);

impl Object for RelAttr {
    fn type_name(&self) -> &str {
        "InstrumentedAttribute"
    }
}

/// A `lazy='dynamic'` relationship read from an instance: a query of the
/// related objects that also takes `append` and `remove` (its members are
/// `eval::surface::APPENDER`).
pub struct DynamicRel {
    pub owner: Rc<Instance>,
    pub rel: Rc<Rel>,
}

impl Object for DynamicRel {
    fn type_name(&self) -> &str {
        if self.rel.write_only {
            "WriteOnlyCollection"
        } else {
            "AppenderQuery"
        }
    }
}

impl Interp {
    /// The relationship `name` of a model, configuring the mapping first.
    pub fn rel_of(&mut self, model: &str, name: &str) -> Result<Option<Rc<Rel>>> {
        if !self.registry.models().iter().any(|m| !m.rels.is_empty()) {
            return Ok(None);
        }
        let mapping = self.mapping()?;
        Ok(mapping.get(model, name).cloned())
    }

    /// `obj.rel`
    pub fn read_rel(&mut self, inst: &Rc<Instance>, rel: &Rc<Rel>) -> Result<Value> {
        if rel.lazy == Lazy::Dynamic {
            return Ok(Value::obj(DynamicRel {
                owner: inst.clone(),
                rel: rel.clone(),
            }));
        }
        if self.session.needs_load(inst, rel) {
            // The lazy load reads the owner's key columns first: expired,
            // they load (after their own autoflush, `load_expired`).
            if inst.status() == Status::Persistent && self.session.key_columns_expired(inst, rel) {
                self.load_expired(inst)?;
            }
            // SQLAlchemy reads a many-to-one's key before the lazy load
            // autoflushes (when the instance's columns are loaded).
            let key = if self.session.key_columns_expired(inst, rel) {
                None
            } else {
                self.session.use_get_key(inst, rel)
            };
            self.autoflush()?;
            // The load began before its autoflush (SQLAlchemy runs the flush
            // inside the lazy load's query): what it reads replaces anything
            // the flush loaded meanwhile.
            self.session.unload_slot(inst, rel);
            if let Some(Some(key)) = key {
                self.session.load_by_key(inst, rel, key)?;
            }
        }
        self.session.get_rel(inst, rel)
    }

    /// `obj.rel = value`
    pub fn write_rel(&mut self, inst: &Rc<Instance>, rel: &Rc<Rel>, v: Value) -> Result<()> {
        if rel.uselist {
            crate::eval::surface::write_only::refuse_replace(inst, rel)?;
            // Replacing a collection loads the old one first as a read
            // does (SQLAlchemy's bulk replace gets it with
            // `PASSIVE_ONLY_PERSISTENT`): expired key columns load after
            // their autoflush (ObjectDeletedError when it deleted the
            // row), then the collection after its own.
            if rel.lazy != Lazy::Dynamic && self.session.needs_load(inst, rel) {
                self.read_rel(inst, rel)?;
            }
            // `obj.rel = obj.rel` (as `+=` does) changes nothing and fires
            // no event.
            if let Some(c) = v.downcast::<Collection>()
                && self.session.holds_collection(inst, &c)
            {
                return Ok(());
            }
            let items = match &v {
                Value::List(_) | Value::Tuple(_) => self.to_vec(&v)?,
                _ => match v.downcast::<Collection>() {
                    Some(c) => c.values(),
                    None => {
                        return Err(Error::type_(format!(
                            "{}.{} is a collection; assign a list, like {} = [a, b]",
                            rel.owner.name, rel.name, rel.name
                        )));
                    }
                },
            };
            let insts = items
                .iter()
                .map(|x| as_member(rel, x))
                .collect::<Result<Vec<_>>>()?;
            return self.session.set_collection(inst, rel, insts);
        }
        let target = match &v {
            Value::None => None,
            other => as_member(rel, other)?,
        };
        self.session.set_scalar(inst, rel, target)
    }

    /// `category.posts[i] = p`: the member there is let go, then `p` is
    /// taken, each with its events (SQLAlchemy's instrumented
    /// `__setitem__`), then stored.
    pub fn collection_set_item(&mut self, c: &Rc<Collection>, idx: &Value, v: Value) -> Result<()> {
        let i = idx
            .as_i64()
            .ok_or_else(|| Error::type_("list indices must be integers or slices"))?;
        let at = |n: usize| {
            let j = if i < 0 { i + n as i64 } else { i };
            (0..n as i64).contains(&j).then_some(j as usize)
        };
        let Some(j) = at(c.items.borrow().len()) else {
            return Err(Error::new(
                ErrorKind::IndexError,
                "list assignment index out of range",
            ));
        };
        let x = as_member(&c.rel, &v)?;
        self.session.replace_at(c, j, x)?;
        Ok(())
    }

    /// What a dynamic relationship of an object outside the session
    /// lists: the objects appended since (SQLAlchemy's AppenderQuery
    /// without a session), with a warning when the object was detached
    /// from one.
    pub(crate) fn appended_only(&mut self, d: &DynamicRel) -> Vec<Value> {
        if d.owner.status() == Status::Detached {
            let w = format!(
                "warning: this {} is detached, so {}.{} shows only the objects appended to it since\nhelp: add it back with db.session.add(obj) to query the database",
                d.rel.owner.name, d.rel.owner.name, d.rel.name
            );
            if !self.session.warnings.contains(&w) {
                self.session.warnings.push(w);
            }
        }
        self.session.dynamic_collection(&d.owner, &d.rel).values()
    }

    /// A dynamic relationship of an object outside the session, indexed
    /// or sliced: what was appended to it, without the warning iteration
    /// gives (SQLAlchemy's `AppenderQuery.__getitem__` with no session
    /// indexes `added_items`). None for an object in the session.
    pub(crate) fn appended_if_outside(&mut self, d: &DynamicRel) -> Option<Vec<Value>> {
        outside_session(&d.owner)
            .then(|| self.session.dynamic_collection(&d.owner, &d.rel).values())
    }

    /// The items of a dynamic relationship when iterated: the query's
    /// rows, or for an object outside the session what was appended.
    pub fn dynamic_items(&mut self, d: &DynamicRel) -> Result<Vec<Value>> {
        if outside_session(&d.owner) {
            return Ok(self.appended_only(d));
        }
        if self.session.contains(&d.owner) {
            self.autoflush()?;
        }
        let q = self.dynamic_query(d)?;
        self.query_all(&q)
    }

    /// The query a dynamic relationship stands for (autoflushed when run).
    pub fn dynamic_query(&mut self, d: &DynamicRel) -> Result<Query> {
        self.session.ensure_loaded(&d.owner)?;
        self.session.rel_query(&d.owner, &d.rel)
    }
}

/// Whether an object belongs to no session (transient, or detached from
/// one): its dynamic relationships cannot run a query.
pub(crate) fn outside_session(inst: &Instance) -> bool {
    matches!(inst.status(), Status::Transient | Status::Detached)
}

/// A member given to a collection (appended, removed, assigned): an
/// object of its target model, or `None`, which SQLAlchemy's list takes
/// (and its flush refuses).
pub(crate) fn as_member(rel: &Rel, v: &Value) -> Result<Option<Rc<Instance>>> {
    match v {
        Value::None => Ok(None),
        _ => {
            // SQLAlchemy reads the value's `_sa_instance_state`.
            let Some(inst) = v.downcast::<Instance>() else {
                return Err(Error::attr(format!(
                    "'{}' object has no attribute '_sa_instance_state'",
                    v.type_name()
                ))
                .with_help(format!(
                    "{}.{} holds {} objects",
                    rel.owner.name, rel.name, rel.target.name
                )));
            };
            // Of another class: a back-reference's KeyError, or taken for
            // the flush to refuse (`orm::verify_canload`).
            crate::orm::refused_event::check_target(rel, &inst)?;
            Ok(Some(inst))
        }
    }
}

/// A value given to a relationship (set, appended, compared): an object
/// of its target model as now defined (`retire::check_related`).
pub(crate) fn as_instance(rel: &Rel, v: &Value) -> Result<Rc<Instance>> {
    // SQLAlchemy fails with an AttributeError on a value that is no instance.
    let inst = v.downcast::<Instance>().ok_or_else(|| {
        Error::attr(format!(
            "{}.{} holds {} objects, not {}",
            rel.owner.name,
            rel.name,
            rel.target.name,
            v.type_name()
        ))
    })?;
    crate::orm::retire::check_related(rel, &inst)?;
    Ok(inst)
}
