//! `db.inspect(obj)`: SQLAlchemy's `InstanceState` (`orm/state.py`), a
//! live view of an object's state — each attribute answers for the state
//! at the time it is read: which of the five states the object is in
//! (`transient pending persistent deleted detached`), `was_deleted`,
//! `has_identity`, `identity`, `key`, `object`, `session`; what changed
//! (`modified`, `unmodified`, `unloaded`, `expired`, `expired_attributes`) and each
//! attribute's state and history (`attrs`, `eval::surface::attrs`).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::inspect::InstanceState;
use crate::eval::objects::{NameSet, Ns};
use crate::eval::surface::expired_view::ExpiredView;
use crate::eval::surface::mapper::Mapper;
use crate::eval::surface::{Class, Member, attrs};
use crate::orm::attr_history;
use crate::orm::instance::{Instance, KeyPart};
use crate::value::{PyStr, Value};

type S = Rc<InstanceState>;

fn is_state(s: &S, state: &str) -> Result<Value> {
    Ok(Value::Bool(s.0.state_name() == state))
}

fn transient(_: &mut Interp, s: &S) -> Result<Value> {
    is_state(s, "transient")
}

fn pending(_: &mut Interp, s: &S) -> Result<Value> {
    is_state(s, "pending")
}

fn persistent(_: &mut Interp, s: &S) -> Result<Value> {
    is_state(s, "persistent")
}

fn deleted(_: &mut Interp, s: &S) -> Result<Value> {
    is_state(s, "deleted")
}

fn detached(_: &mut Interp, s: &S) -> Result<Value> {
    is_state(s, "detached")
}

fn was_deleted(_: &mut Interp, s: &S) -> Result<Value> {
    Ok(Value::Bool(s.0.was_deleted()))
}

fn has_identity(_: &mut Interp, s: &S) -> Result<Value> {
    Ok(Value::Bool(s.0.has_identity()))
}

/// The primary key as a tuple, None before the object has one.
fn identity(_: &mut Interp, s: &S) -> Result<Value> {
    Ok(match s.0.st.borrow().identity_key() {
        Some(k) => Value::tuple(k.iter().map(key_value).collect()),
        None => Value::None,
    })
}

/// SQLAlchemy's identity key: (class, identity, token).
fn key(_: &mut Interp, s: &S) -> Result<Value> {
    Ok(match s.0.st.borrow().identity_key() {
        Some(k) => Value::tuple(vec![
            Value::Obj(s.0.model.clone()),
            Value::tuple(k.iter().map(key_value).collect()),
            Value::None,
        ]),
        None => Value::None,
    })
}

/// `state.modified`: any set event since the last flush, load or expiry.
fn modified(_: &mut Interp, s: &S) -> Result<Value> {
    Ok(Value::Bool(attr_history::modified(&s.0)))
}

/// The names of `inst`'s attributes that `keep` says, as a set.
fn names_where(
    me: &mut Interp,
    inst: &Rc<Instance>,
    keep: impl Fn(&mut Interp, &Rc<Instance>, &str) -> Result<bool>,
) -> Result<Value> {
    let mut out = Vec::new();
    for n in attrs::attr_names(me, inst)? {
        if keep(me, inst, &n)? {
            out.push(n);
        }
    }
    out.sort();
    Ok(Value::obj(NameSet(out)))
}

/// Is attribute `name` of `inst` a key of `committed_state`, or in its dict?
fn has_history(me: &mut Interp, inst: &Rc<Instance>, name: &str) -> Result<(bool, bool)> {
    if let Some(i) = inst.model.column(name) {
        return Ok((
            attr_history::column_has_history(inst, i),
            attr_history::column_in_dict(inst, i),
        ));
    }
    Ok(match me.rel_of(&inst.model.name, name)? {
        Some(r) => (
            attr_history::rel_has_history(inst, &r),
            attr_history::rel_in_dict(inst, &r),
        ),
        None => (false, false),
    })
}

/// The attributes with no change since the last flush or load.
fn unmodified(me: &mut Interp, s: &S) -> Result<Value> {
    names_where(me, &s.0, |me, inst, n| Ok(!has_history(me, inst, n)?.0))
}

/// The attributes neither loaded nor changed (expired ones included).
fn unloaded(me: &mut Interp, s: &S) -> Result<Value> {
    names_where(me, &s.0, |me, inst, n| {
        let (changed, loaded) = has_history(me, inst, n)?;
        Ok(!changed && !loaded)
    })
}

/// `state.expired_attributes`: a live view (SQLAlchemy hands out the
/// state's own set, which a later load empties), read when it is used
/// (`eval::surface::expired_view`).
fn expired_attributes(_: &mut Interp, s: &S) -> Result<Value> {
    Ok(Value::obj(ExpiredView(s.0.clone())))
}

/// The attributes expired and not loaded since: every column expired (one
/// set since too), and the relationships expired with the object that
/// have not loaded.
pub(crate) fn expired_names(me: &mut Interp, inst: &Rc<Instance>) -> Result<Value> {
    names_where(me, inst, |me, inst, n| {
        let st = inst.st.borrow();
        if !st.is_expired() {
            return Ok(false);
        }
        if let Some(i) = inst.model.column(n) {
            return Ok(st.column_in_expired_set(i));
        }
        let rels_expired = st.rels_expired();
        drop(st);
        Ok(rels_expired && !has_history(me, inst, n)?.1)
    })
}

/// `state.expired`: expired as a whole (`expire(obj)`, `expire_all()`,
/// a commit or a rollback) and not loaded since; a partial
/// `expire(obj, [names])` leaves it False (SQLAlchemy's `_expire` sets
/// it, `_expire_attributes` does not; `_commit`/`_commit_all` clear it).
fn expired(_: &mut Interp, s: &S) -> Result<Value> {
    Ok(Value::Bool(s.0.st.borrow().expired_flag()))
}

/// The `Session` the object is in (what `db.session()` gives, not the
/// `scoped_session` `db.session` itself), or None.
fn session(_: &mut Interp, s: &S) -> Result<Value> {
    Ok(if s.0.attached() {
        Interp::namespace(Ns::OrmSession)
    } else {
        Value::None
    })
}

/// `inspect(obj).attrs`: the state of each mapped attribute.
fn attrs_of(me: &mut Interp, s: &S) -> Result<Value> {
    crate::orm::retire::check_object(&s.0)?;
    let _ = me;
    Ok(Value::obj(attrs::Attrs(s.0.clone())))
}

/// `InstanceState.mapper`: the `Mapper` of the object's model.
fn mapper(_: &mut Interp, s: &S) -> Result<Value> {
    Ok(Value::obj(Mapper(s.0.model.clone())))
}

/// `InstanceState.dict`: the object's `__dict__` (the state, then each
/// loaded attribute).
fn dict(me: &mut Interp, s: &S) -> Result<Value> {
    crate::eval::instance_dict::instance_dict(me, &s.0)
}

fn object(_: &mut Interp, s: &S) -> Result<Value> {
    Ok(Value::Obj(s.0.clone()))
}

/// One part of an identity key as the value the column gave it (a real
/// key part is kept as its text, read back as a float).
fn key_value(p: &KeyPart) -> Value {
    match p {
        KeyPart::Int(i) => Value::Int(*i),
        KeyPart::Text(t) => Value::Str(PyStr::from(&**t)),
        KeyPart::Other(s) => s
            .parse::<f64>()
            .map_or_else(|_| Value::Str(PyStr::from(&**s)), Value::Float),
        KeyPart::Blob(b) => Value::Bytes(b.clone()),
        KeyPart::Null => Value::None,
    }
}

/// Names what ormsh answers: SQLAlchemy's `InstanceState` has many more.
fn missing(_: &mut Interp, _: &S, name: &str, hint: &str) -> Error {
    let known: Vec<&str> = STATE.members.iter().map(|m| m.name).collect();
    Error::attr(format!(
        "'InstanceState' object has no attribute '{name}'{hint}"
    ))
    .with_help(format!("ormsh answers: {}", known.join(", ")))
}

/// The attributes of an `InstanceState` ormsh answers.
pub static STATE: Class<S> = Class::new(
    "InstanceState",
    &[
        Member::attr(
            "transient",
            transient,
            "True for a new object not added to a session",
        ),
        Member::attr(
            "pending",
            pending,
            "True for an object added but not yet flushed",
        ),
        Member::attr(
            "persistent",
            persistent,
            "True for an object in the session with a row in the database",
        ),
        Member::attr(
            "deleted",
            deleted,
            "True for an object whose row was deleted by a flush not yet committed",
        ),
        Member::attr(
            "detached",
            detached,
            "True for an object that has a row but is in no session",
        ),
        Member::attr(
            "was_deleted",
            was_deleted,
            "True once the object's row was deleted by a flush",
        ),
        Member::attr(
            "has_identity",
            has_identity,
            "True when the object has a primary key from the database",
        ),
        Member::attr("identity", identity, "the primary key as a tuple, or None"),
        Member::attr(
            "key",
            key,
            "the identity key (class, primary key tuple, None), or None",
        ),
        Member::attr(
            "identity_key",
            key,
            "the identity key (class, primary key tuple, None), or None",
        ),
        Member::attr("object", object, "the object itself"),
        Member::attr("mapper", mapper, "the Mapper of the object's model"),
        Member::attr(
            "dict",
            dict,
            "the object's __dict__: its state and each loaded attribute",
        ),
        Member::attr(
            "session",
            session,
            "db.session while the object is in it, else None",
        ),
        Member::attr(
            "modified",
            modified,
            "True once an attribute was set since the last flush, load or expiry",
        ),
        Member::attr(
            "attrs",
            attrs_of,
            "each mapped attribute's AttributeState, by name",
        ),
        Member::attr(
            "unmodified",
            unmodified,
            "the set of attribute names with no change since the last flush or load",
        ),
        Member::attr(
            "unloaded",
            unloaded,
            "the set of attribute names neither loaded nor changed",
        ),
        Member::attr(
            "expired",
            expired,
            "True once the object was expired as a whole and not loaded since",
        ),
        Member::attr(
            "expired_attributes",
            expired_attributes,
            "the set of attribute names expired and not loaded since",
        ),
    ],
)
.with_missing(missing);
