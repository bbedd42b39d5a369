//! What a failed flush or commit leaves behind, whatever failed it (an
//! immediate or deferred constraint, a trigger's `RAISE`, a busy file):
//! the transaction is rolled back at once and every object is where
//! SQLAlchemy's `Session.rollback()` puts it (`_restore_snapshot`: objects
//! inserted in the transaction are transient again, without their identity
//! key; deleted ones are back; the rest are expired), and the error says
//! what failed and what this did, counting each object once.

use std::rc::Rc;

use rustc_hash::FxHashSet as HashSet;

use crate::error::Error;
use crate::orm::identity_key::key_display;
use crate::orm::instance::{Instance, Status};
use crate::orm::session::Session;

/// The row a statement was writing, described only if it fails: the
/// instance, and the changed columns of an update (empty for a delete).
pub type Failing = (Rc<Instance>, Option<Vec<usize>>);

/// Roll the session back after `e` failed its flush or commit, and say so
/// on the error: which row was being written (when known) and what the
/// rollback discarded.
pub fn roll_back(session: &mut Session, mut e: Error, failed_row: Option<Failing>) -> Error {
    // What the `PendingRollbackError`s until `rollback()` will quote.
    session
        .engine
        .set_pending_cause(crate::engine::error_str(&e));
    if session.nested_depth() > 0 {
        return roll_back_nested(session, e, failed_row);
    }
    let discarded = describe_discarded(session);
    if let Some((inst, cols)) = failed_row {
        e.message = format!(
            "{} (while flushing {})",
            e.message,
            row_desc(&inst, cols.as_deref())
        );
    }
    let _ = session.rollback();
    // After a failed flush the session stays inactive until `rollback()`,
    // as SQLAlchemy's does (`orm::pending_rollback`).
    session.engine.set_pending_rollback(true);
    let rolled = format!(
        "the transaction was rolled back: {discarded}; what was committed before is unchanged; the session runs no statement until db.session.rollback()"
    );
    // What would have worked comes first, then what the rollback did.
    e.help = Some(match e.help.take() {
        Some(first) => format!("{first}; {rolled}"),
        None => rolled,
    });
    e
}

/// The COMMIT statement itself failed (a deferred foreign key, a busy
/// file): as SQLAlchemy leaves it, the session's transaction stays in
/// its 'prepared' state — `is_active` False, every object where the
/// flush put it (the new ones persistent, with their keys), any SQL
/// refused with `InvalidRequestError` — until `db.session.rollback()`
/// puts the objects where a rollback does. (The database transaction
/// itself is rolled back already: no statement can see it.)
pub fn hold_at_commit(session: &mut Session, mut e: Error) -> Error {
    let discarded = describe_discarded(session);
    session.engine.set_prepared();
    let held = format!(
        "the session is in SQLAlchemy's 'prepared' state: is_active is False and it runs no SQL until db.session.rollback(); after the rollback: {discarded}; what was committed before is unchanged"
    );
    e.help = Some(match e.help.take() {
        Some(first) => format!("{first}; {held}"),
        None => held,
    });
    e
}

/// A flush failed inside a nested transaction: only it is rolled back
/// (`orm::nested`), and it refuses statements until it is ended.
fn roll_back_nested(session: &mut Session, mut e: Error, failed_row: Option<Failing>) -> Error {
    if let Some((inst, cols)) = failed_row {
        e.message = format!(
            "{} (while flushing {})",
            e.message,
            row_desc(&inst, cols.as_deref())
        );
    }
    let (added, changed, deleted) = session.nested_discards();
    session.deactivate_nested();
    let rolled = format!(
        "the nested transaction was rolled back to its SAVEPOINT: {}; the enclosing transaction is unchanged; the session runs no statement until the nested transaction ends (its with block, or its rollback())",
        discarded_text(added, changed, deleted)
    );
    e.help = Some(match e.help.take() {
        Some(first) => format!("{first}; {rolled}"),
        None => rolled,
    });
    e
}

/// How many distinct objects are in any of the lists.
fn distinct<'a>(lists: impl IntoIterator<Item = &'a Rc<Instance>>) -> usize {
    lists
        .into_iter()
        .map(Rc::as_ptr)
        .collect::<HashSet<*const Instance>>()
        .len()
}

/// What a rollback now would undo, each object counted once: the pending
/// and inserted objects that leave the session, the objects whose changes
/// are lost, the deletions that are undone.
pub fn describe_discarded(session: &Session) -> String {
    let added = distinct(session.new.iter().chain(&session.inserted_in_tx));
    let changed = distinct(
        session
            .dirty
            .iter()
            .filter(|i| !i.changed_columns().is_empty())
            .chain(&session.updated_in_tx),
    );
    let deleted = distinct(session.deleted.iter().chain(&session.deleted_in_tx));
    let text = discarded_text(added, changed, deleted);
    // Objects whose only changes were relationships (a many-to-many
    // append writes a link row, no column of either object).
    let relinked = distinct(session.touched.iter().filter(|x| {
        matches!(
            x.status(),
            Status::Pending | Status::Persistent | Status::Deleted
        )
    }));
    match (added + changed + deleted, relinked) {
        (0, n) if n > 0 => format!(
            "the relationship changes of {n} object{} were undone (their collections and references load again from the database)",
            if n == 1 { "" } else { "s" }
        ),
        _ => text,
    }
}

/// "2 new objects left the session (…), 1 change undone" for counts of
/// objects added, changed and deleted.
pub fn discarded_text(added: usize, changed: usize, deleted: usize) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut parts = Vec::new();
    if added > 0 {
        parts.push(format!(
            "{added} new object{} left the session (add {} again to retry)",
            plural(added),
            if added == 1 { "it" } else { "them" }
        ));
    }
    if changed > 0 {
        parts.push(format!("{changed} change{} undone", plural(changed)));
    }
    if deleted > 0 {
        parts.push(format!("{deleted} deletion{} undone", plural(deleted)));
    }
    if parts.is_empty() {
        "nothing was pending".into()
    } else {
        parts.join(", ")
    }
}

/// `User(username='admin', email='a@b')` — the values being written.
fn row_desc(inst: &Instance, only: Option<&[usize]>) -> String {
    let st = inst.st.borrow();
    let model = &inst.model;
    let fields: Vec<String> = model
        .columns
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            only.is_none_or(|o| o.contains(i) || (o.is_empty() && model.pk.contains(i)))
        })
        .filter(|(i, _)| st.is_set(*i) || only.is_some())
        .map(|(i, c)| format!("{}={}", c.attr, short_repr(st.value(i))))
        .collect();
    let verb = match only {
        None => "the new ",
        Some([]) => "the deletion of ",
        Some(_) => "the change to ",
    };
    let key = st
        .identity_key()
        .map(|k| format!(" {}", key_display(k)))
        .unwrap_or_default();
    // `the new User(username='a')`, `the change to Post 1 (title='b')`
    let gap = if key.is_empty() { "" } else { " " };
    format!("{verb}{}{key}{gap}({})", model.name, fields.join(", "))
}

fn short_repr(v: &crate::value::Value) -> String {
    use crate::value::Value;
    match v {
        Value::None => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => crate::value::repr::float_repr(*f),
        Value::Str(s) => crate::value::repr::str_repr(s),
        other => format!("<{}>", other.type_name()),
    }
}
