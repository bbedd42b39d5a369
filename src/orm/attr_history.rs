//! One attribute's history and the attribute sets of an object's state,
//! as `db.inspect(obj)` shows them (SQLAlchemy's `orm/attributes.py`
//! `History.from_scalar_attribute`, `from_object_attribute`,
//! `from_collection`, read with `PASSIVE_NO_INITIALIZE`, so nothing
//! loads; and `orm/state.py` `InstanceState.modified`, `unmodified`,
//! `unloaded`, `expired_attributes`).
//!
//! SQLAlchemy keeps the old value of each attribute that received a set
//! event in `committed_state`; ormsh keeps the column values
//! (`InstState::committed`, with `column_touched` saying which columns
//! were assigned) and each relationship slot's `snapshot` (with
//! `RelSlot::changed`). A new object's attributes set have no old value
//! (`NEVER_SET`/`NO_VALUE`): all they hold is added.

use std::rc::Rc;

use crate::orm::history::is_no_value;
use crate::orm::instance::{Instance, RelSlot, RelValue};
use crate::orm::relation::is_obj;
use crate::schema::relationship::{Lazy, Rel};
use crate::value::{Object, Value};

/// One part of a `History`: SQLAlchemy builds some parts as lists and
/// leaves others the empty tuple `()`; both print as Python does.
#[derive(Clone)]
pub enum Part {
    /// `()`.
    Empty,
    /// `[...]`, maybe empty.
    List(Vec<Value>),
}

impl Part {
    /// The part as a Python value (a list, or the empty tuple).
    pub fn value(&self) -> Value {
        match self {
            Part::Empty => Value::tuple(Vec::new()),
            Part::List(v) => Value::list(v.clone()),
        }
    }

    /// The values in the part.
    pub fn items(&self) -> &[Value] {
        match self {
            Part::Empty => &[],
            Part::List(v) => v,
        }
    }
}

/// SQLAlchemy's `History(added, unchanged, deleted)` of one attribute.
#[derive(Clone)]
pub struct History {
    pub added: Part,
    pub unchanged: Part,
    pub deleted: Part,
}

impl Object for History {
    fn type_name(&self) -> &str {
        "History"
    }
}

impl History {
    /// `History((), (), ())`: nothing known without loading.
    pub fn blank() -> History {
        History {
            added: Part::Empty,
            unchanged: Part::Empty,
            deleted: Part::Empty,
        }
    }

    fn of(added: Part, unchanged: Part, deleted: Part) -> History {
        History {
            added,
            unchanged,
            deleted,
        }
    }
}

fn one(v: Value) -> Part {
    Part::List(vec![v])
}

fn obj(x: &Option<Rc<Instance>>) -> Value {
    x.clone().map_or(Value::None, |o| Value::Obj(o))
}

/// Is column `i` in the object's dict (SQLAlchemy's `key in dict_`):
/// given a value, by the user or a load, and not expired?
pub fn column_in_dict(inst: &Instance, i: usize) -> bool {
    let st = inst.st.borrow();
    st.is_set(i) && !st.column_expired(i)
}

/// Has column `i` an old value kept (is it a key of `committed_state`)?
/// A new object's columns given a value have (`NO_VALUE`); not those it
/// kept from a row (`make_transient`, a rolled-back insert).
pub fn column_has_history(inst: &Instance, i: usize) -> bool {
    inst.st.borrow().column_touched(i)
}

/// Column `i`'s history (`History.from_scalar_attribute`): what it holds
/// is unchanged when it has no old value or an equal one, else added, with
/// the old value deleted unless it was unknown (`NO_VALUE`).
pub fn column_history(inst: &Instance, i: usize) -> History {
    if !column_in_dict(inst, i) {
        return History::blank();
    }
    let st = inst.st.borrow();
    let current = st.value(i).clone();
    let original = if st.column_touched(i) {
        Some(st.committed().map(|c| c[i].clone()))
    } else {
        None
    };
    match original {
        None => History::of(Part::Empty, one(current), Part::Empty),
        Some(Some(old)) if !is_no_value(&old) && current.same_value(&old) => {
            History::of(Part::Empty, one(current), Part::Empty)
        }
        Some(Some(old)) if !is_no_value(&old) => History::of(one(current), Part::Empty, one(old)),
        Some(_) => History::of(one(current), Part::Empty, Part::Empty),
    }
}

/// Is relationship `rel` in the object's dict: a scalar loaded or set, a
/// collection loaded (not a new object's collection only read and not
/// changed, which SQLAlchemy 2 keeps outside the dict; a dynamic one
/// once a change event put `True` there, until expiry)?
pub fn rel_in_dict(inst: &Instance, rel: &Rel) -> bool {
    let st = inst.st.borrow();
    let Some(slot) = st.slot_named(&rel.name) else {
        return false;
    };
    match &slot.value {
        RelValue::Scalar(_) => slot.loaded,
        // A dynamic relationship is in the dict (as True) from its first
        // change event until expiry (`_WriteOnlyAttributeImpl`).
        RelValue::List(_) if rel.lazy == Lazy::Dynamic => slot.evented,
        RelValue::List(_) => slot.loaded && (!slot.empty_read || slot.changed),
    }
}

/// Has relationship `rel` received a change event since the last flush,
/// load or expiry (is it a key of `committed_state`)?
pub fn rel_has_history(inst: &Instance, rel: &Rel) -> bool {
    inst.st
        .borrow()
        .slot_named(&rel.name)
        .is_some_and(|s| s.changed)
}

/// Relationship `rel`'s history. A scalar (`from_object_attribute`):
/// unchanged when it holds the object it had; else added, the old object
/// deleted (not None, nor an unknown one). A collection
/// (`from_collection`): all unchanged without history, else by identity
/// against the snapshot (a new object's starts empty). A dynamic one
/// (`CollectionHistory.as_history`): its queued appends and removals.
pub fn rel_history(inst: &Instance, rel: &Rel) -> History {
    let st = inst.st.borrow();
    let Some(slot) = st.slot_named(&rel.name) else {
        return if rel.lazy == Lazy::Dynamic {
            History::of(Part::List(vec![]), Part::List(vec![]), Part::List(vec![]))
        } else {
            History::blank()
        };
    };
    if rel.lazy == Lazy::Dynamic {
        return dynamic_history(slot);
    }
    if !rel_in_dict(inst, rel) {
        return History::blank();
    }
    match &slot.value {
        RelValue::Scalar(v) => scalar_history(slot, v, st.is_new()),
        RelValue::List(c) => {
            let current = c.items.borrow().clone();
            let values = || current.iter().map(obj).collect::<Vec<_>>();
            if !slot.changed {
                return History::of(Part::Empty, Part::List(values()), Part::Empty);
            }
            let (mut added, mut unchanged) = (Vec::new(), Vec::new());
            for x in &current {
                match x {
                    Some(o) if slot.snapshot.iter().any(|y| Rc::ptr_eq(y, o)) => {
                        unchanged.push(obj(x))
                    }
                    _ => added.push(obj(x)),
                }
            }
            let deleted = slot
                .snapshot
                .iter()
                .filter(|o| !current.iter().any(|x| is_obj(x, o)))
                .map(|o| Value::Obj(o.clone()))
                .collect();
            History::of(
                Part::List(added),
                Part::List(unchanged),
                Part::List(deleted),
            )
        }
    }
}

fn scalar_history(slot: &RelSlot, v: &Option<Rc<Instance>>, new: bool) -> History {
    let current = obj(v);
    if !slot.changed {
        return History::of(Part::Empty, one(current), Part::Empty);
    }
    // The old value: none for a new object (`NEVER_SET`) or one set while
    // unknown (`PASSIVE_NO_RESULT`), else the snapshot.
    let original = if new || slot.old_unknown {
        None
    } else {
        Some(slot.snapshot.first().cloned())
    };
    match original {
        Some(o) if o.as_ref().map(Rc::as_ptr) == v.as_ref().map(Rc::as_ptr) => {
            History::of(Part::Empty, one(current), Part::Empty)
        }
        Some(Some(o)) => History::of(one(current), Part::Empty, one(Value::Obj(o))),
        _ => History::of(one(current), Part::Empty, Part::Empty),
    }
}

fn dynamic_history(slot: &RelSlot) -> History {
    let RelValue::List(c) = &slot.value else {
        return History::blank();
    };
    let added = c.items.borrow().iter().map(obj).collect();
    let deleted = slot
        .snapshot
        .iter()
        .map(|o| Value::Obj(o.clone()))
        .collect();
    History::of(Part::List(added), Part::List(vec![]), Part::List(deleted))
}

/// SQLAlchemy's `InstanceState.modified`: any set event since the object
/// was last flushed, loaded whole or expired. A persistent object's is its
/// place in the session's dirty list; another keeps it while a column or
/// relationship has history.
pub fn modified(inst: &Instance) -> bool {
    let st = inst.st.borrow();
    if st.in_dirty_list() || st.slots().iter().any(|s| s.changed) {
        return true;
    }
    (0..st.values().len()).any(|i| st.column_touched(i))
}
