//! Classes replaced while their objects live. SQLAlchemy has no
//! redefinition (a Python class is never re-declared under a live
//! session), so these are ormsh's rules (README, "Redefining a model"):
//!
//! - a model that still has changes in the session — new, modified or
//!   deleted objects, relationship changes, or objects in a transaction
//!   that flushed and has not ended — cannot be replaced: `uncommitted`
//!   says what is left, and the interpreter asks to commit or roll back
//!   first;
//! - otherwise its objects leave the session (`retire_models`: persistent
//!   ones become detached, as `expunge` leaves them), and relationship
//!   slots of other objects that held them are dropped, to load again
//!   from the new definition;
//! - an object of a replaced model keeps its own values and column layout
//!   (reading them works), but never enters the session again nor follows
//!   a relationship (`check_object`), and a model or query made before the
//!   replacement is refused (`check_model`, `check_query`).
//!
//! Objects are only ever indexed with their own model's layout: the
//! identity map is keyed by model definition (`identity`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::instance::{Instance, KeyPart, RelSlot, RelValue};
use crate::orm::query::{Entity, Query};
use crate::orm::session::Session;
use crate::schema::model::{Model, Retired};
use crate::schema::relationship::Rel;
use crate::value::repr::str_repr;

/// `m` used after a later definition replaced it (a variable bound to the
/// model, or a query made before).
pub fn check_model(m: &Model) -> Result<()> {
    let Some(why) = m.retired.borrow().clone() else {
        return Ok(());
    };
    let name = &m.name;
    Err(match why {
        Retired::Redefined => Error::new(
            ErrorKind::InvalidRequestError,
            format!("this is model {name} as defined before it was redefined"),
        )
        .with_help(format!(
            "write {name} to use its current definition; a query or a variable made before the redefinition keeps the old one"
        )),
        Retired::ReplacedBy(new) => Error::new(
            ErrorKind::InvalidRequestError,
            format!(
                "model {name} was replaced by model {new}, defined over the same table {}",
                m.table
            ),
        )
        .with_help(format!("use {new}")),
        Retired::Closed => Error::new(
            ErrorKind::InvalidRequestError,
            format!(
                "model {name} was reflected from a database that .open has closed"
            ),
        )
        .with_help(".models lists the models of the open database"),
    })
}

/// An object of a replaced model put back to use (added to the session,
/// related to another object, its relationships read).
pub fn check_object(inst: &Instance) -> Result<()> {
    match retired_object(inst) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// The error `check_object` gives, for an object of a replaced model.
pub fn retired_object(inst: &Instance) -> Option<Error> {
    let Some(why) = inst.model.retired.borrow().clone() else {
        let db = inst.closed_db()?;
        return Some(closed_object(inst, &db));
    };
    let name = &inst.model.name;
    let message = match &why {
        Retired::Redefined => {
            format!("this {name} object belongs to an earlier definition of {name}, replaced since")
        }
        Retired::ReplacedBy(new) => format!(
            "this {name} object belongs to model {name}, which model {new} replaced (it maps the same table {})",
            inst.model.table
        ),
        Retired::Closed => format!(
            "this {name} object belongs to model {name}, reflected from a database that .open has closed"
        ),
    };
    let st = inst.st.borrow();
    let key = st.identity_key().map(|key| {
        let parts: Vec<String> = key
            .iter()
            .map(|p| match p {
                KeyPart::Int(i) => i.to_string(),
                KeyPart::Text(t) => str_repr(t),
                KeyPart::Other(o) => o.to_string(),
                KeyPart::Blob(b) => crate::value::repr::bytes_repr(b),
                KeyPart::Null => "None".to_string(),
            })
            .collect();
        if parts.len() == 1 {
            parts[0].clone()
        } else {
            format!("({})", parts.join(", "))
        }
    });
    if why == Retired::Closed {
        // Not expired by a commit: the model went with its database.
        let load = match key {
            Some(key) => format!(
                "load the row from the open database if it has that table (.models lists its models; e.g. db.session.get({name}, {key})), or "
            ),
            None => String::new(),
        };
        return Some(Error::new(ErrorKind::InvalidRequestError, message).with_help(format!(
            ".open detached it and dropped its reflected model, so it cannot load values (expired ones included), go back into a session or follow relationships; {load}.open the file it came from again"
        )));
    }
    let again = match (inst.model.successor(), key) {
        (Some(new), Some(key)) => {
            format!(": load the row again, e.g. db.session.get({new}, {key})")
        }
        (Some(new), None) => format!(": make a new {new}(…) instead"),
        (None, _) => String::new(),
    };
    let keeps = if st.is_expired() {
        "its values expired (at a commit or rollback) and cannot load through the old definition; it cannot go back into the session or follow relationships either"
    } else {
        "it keeps the column values it had, but cannot go back into the session or follow relationships"
    };
    Some(Error::new(ErrorKind::InvalidRequestError, message).with_help(format!("{keeps}{again}")))
}

/// A relationship of a replaced model, or to one (a collection or
/// relationship attribute kept from before the replacement).
pub fn check_rel(rel: &Rel) -> Result<()> {
    let Some(m) = [&rel.owner, &rel.target]
        .into_iter()
        .find(|m| m.is_retired())
    else {
        return Ok(());
    };
    let replaced = match m.successor() {
        Some(new) if new == m.name => format!("{} was redefined", m.name),
        Some(new) => format!("{new} replaced {}", m.name),
        None => format!("{} went with the database .open closed", m.name),
    };
    Err(Error::new(
        ErrorKind::InvalidRequestError,
        format!(
            "{}.{} here was made before {replaced}",
            rel.owner.name, rel.name
        ),
    )
    .with_help(format!(
        "write {}.{name} (or obj.{name}) again to use it as now defined",
        rel.owner
            .successor()
            .unwrap_or_else(|| rel.owner.name.clone()),
        name = rel.name
    )))
}

/// An object given to a relationship (set, appended, compared): of its
/// target model as now defined, through a relationship as now defined.
pub fn check_related(rel: &Rel, inst: &Instance) -> Result<()> {
    check_rel(rel)?;
    check_object(inst)?;
    if inst.model.id != rel.target.id {
        return Err(Error::type_(format!(
            "{}.{} holds {} objects, not {}",
            rel.owner.name, rel.name, rel.target.name, inst.model.name
        )));
    }
    Ok(())
}

/// A query made with a model (or loader option) since replaced.
pub fn check_query(q: &Query) -> Result<()> {
    for e in &q.entities {
        if let Entity::Model(m) = e {
            check_model(m)?;
        }
    }
    if let Some(m) = &q.filter_model {
        check_model(m)?;
    }
    for (rel, _) in &q.loaders {
        check_rel(rel)?;
    }
    for (path, _) in &q.nested {
        for rel in path {
            check_rel(rel)?;
        }
    }
    Ok(())
}

fn of(ids: &[u32], inst: &Instance) -> bool {
    ids.contains(&inst.model.id)
}

/// Does a relationship slot hold objects of the models `ids`, or belong
/// to a relationship of theirs (`rel`: the slot's relationship in the
/// mapping it was filled under, when still known)?
fn slot_involves(ids: &[u32], slot: &RelSlot, rel: Option<&Rel>) -> bool {
    let held = match &slot.value {
        RelValue::Scalar(v) => v.iter().any(|x| of(ids, x)),
        RelValue::List(c) => {
            ids.contains(&c.rel.owner.id)
                || ids.contains(&c.rel.target.id)
                || c.items.borrow().iter().flatten().any(|x| of(ids, x))
        }
    };
    held || slot.snapshot.iter().any(|x| of(ids, x))
        || rel.is_some_and(|r| ids.contains(&r.owner.id) || ids.contains(&r.target.id))
}

fn count(n: usize, what: &str) -> Option<String> {
    (n > 0).then(|| format!("{n} {what}"))
}

impl Session {
    /// What the session holds, not committed, for objects of the models
    /// `ids`: e.g. `1 new object, 2 modified objects`; None when nothing.
    pub fn uncommitted(&self, ids: &[u32]) -> Option<String> {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let new = self.new.iter().filter(|i| of(ids, i)).count();
        let modified = self
            .dirty
            .iter()
            .filter(|i| of(ids, i) && !i.changed_columns().is_empty())
            .count();
        let deleted = self.deleted.iter().filter(|i| of(ids, i)).count();
        // Flushed and not committed: inserts and deletes are listed;
        // updates are not, so while the transaction is open every object
        // of the class in the session counts.
        let mut flushed = self
            .inserted_in_tx
            .iter()
            .chain(&self.deleted_in_tx)
            .filter(|i| of(ids, i))
            .count();
        if self.engine.in_transaction() {
            flushed += self
                .identity
                .alive()
                .iter()
                .filter(|i| of(ids, i) && !self.inserted_in_tx.iter().any(|x| Rc::ptr_eq(x, i)))
                .count();
        }
        let related = self
            .touched
            .iter()
            .filter(|t| {
                of(ids, t)
                    || t.st.borrow().slots().iter().any(|s| {
                        slot_involves(
                            ids,
                            s,
                            self.mapping.get(&t.model.name, &s.name).map(|r| &**r),
                        )
                    })
            })
            .count();
        let parts: Vec<String> = [
            count(new, &format!("new object{}", plural(new))),
            count(modified, &format!("modified object{}", plural(modified))),
            count(deleted, &format!("object{} to delete", plural(deleted))),
            count(
                flushed,
                &format!(
                    "object{} loaded or flushed in the open transaction",
                    plural(flushed)
                ),
            ),
            count(
                related,
                &format!("object{} with relationship changes", plural(related)),
            ),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// The models `ids` were replaced (the caller checked `uncommitted`):
    /// their objects leave the session, and relationship slots that held
    /// them or belong to their relationships are dropped, so they load
    /// again through the new definitions. Other slots stay (for a new
    /// object they are its only record). Call before the mapping is
    /// configured again: the slots were filled under the current one.
    pub fn retire_models(&mut self, ids: &[u32]) {
        if ids.is_empty() {
            return;
        }
        let leaving: Vec<Rc<Instance>> = self
            .identity
            .alive()
            .into_iter()
            .chain(self.new.iter().cloned())
            .filter(|i| of(ids, i))
            .collect();
        for inst in &leaving {
            self.expunge(inst);
        }
        self.inserted_in_tx.retain(|i| !of(ids, i));
        self.deleted_in_tx.retain(|i| !of(ids, i));
        self.touched.retain(|i| !of(ids, i));
        for inst in self.with_rels.alive() {
            if of(ids, &inst) {
                Session::expire_rels(&inst);
                continue;
            }
            let mapping = self.mapping.clone();
            let name = inst.model.name.clone();
            inst.st.borrow_mut().retain_slots(|s| {
                !slot_involves(ids, s, mapping.get(&name, &s.name).map(|r| &**r))
            });
        }
    }
}

/// An object loaded from a database `.open` has closed, put back to use.
fn closed_object(inst: &Instance, db: &str) -> Error {
    let what = crate::orm::states::describe(inst);
    Error::new(
        ErrorKind::InvalidRequestError,
        format!(
            "{what} was loaded from {db}, which .open has closed: it is detached, and cannot join the session of another database"
        ),
    )
    .with_help(format!(
        "load it from the open database ({}.query.get(...)), or make a new {}",
        inst.model.name, inst.model.name
    ))
}

/// The DetachedInstanceError of an object whose database `.open` closed,
/// when that is why it is detached.
pub fn closed_detached(inst: &Instance, doing: &str) -> Option<Error> {
    if inst.model.retired.borrow().is_some() {
        return None;
    }
    let db = inst.closed_db()?;
    Some(
        Error::new(
            ErrorKind::DetachedInstanceError,
            format!(
                "{} is detached: it was loaded from {db}, which .open has closed, so {doing}",
                crate::orm::states::describe(inst)
            ),
        )
        .with_help(format!(
            "load it from the open database: {}.query.get(...)",
            inst.model.name
        )),
    )
}
