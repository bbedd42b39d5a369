//! `db.inspect(obj)`: SQLAlchemy's `InstanceState` (`orm/state.py`), a
//! live view of an object's state — each attribute answers for the state
//! at the time it is read: which of the five states the object is in
//! (`transient pending persistent deleted detached`), `was_deleted`,
//! `has_identity`, `identity`, `key`, `object`.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::inspect::InstanceState;
use crate::eval::surface::{Class, Member};
use crate::orm::instance::KeyPart;
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
            .map_or_else(|_| Value::Str(PyStr::from(s.as_str())), Value::Float),
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
        Member::attr("object", object, "the object itself"),
    ],
)
.with_missing(missing);
