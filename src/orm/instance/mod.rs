//! An instance of a model: its column values, its state in the session
//! (transient, pending, persistent, deleted, detached), what changed since it
//! was loaded, and its identity key.

use std::cell::RefCell;
use std::rc::Rc;

use crate::schema::model::Model;
use crate::sql::ast::Param;
use crate::value::{Object, Value};

mod flags;
mod state;

pub use flags::ColumnFlags;
pub use state::{InstState, ParentFlag};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not in a session.
    Transient,
    /// Added, not yet flushed.
    Pending,
    /// In the session with a row in the database.
    Persistent,
    /// Deleted by a flush of the open transaction; still attached to the
    /// session until the commit (then detached) or a rollback (then
    /// persistent again).
    Deleted,
    /// Has an identity key but no session: expunged, or left behind by a
    /// commit of its deletion.
    Detached,
}

/// One part of a primary-key identity.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KeyPart {
    Int(i64),
    Text(Rc<str>),
    /// Reals: compared by their text (an `Rc<str>`: a key part is 24
    /// bytes, issue 17).
    Other(Rc<str>),
    Blob(Rc<[u8]>),
    /// A NULL part of a composite key whose other parts are not NULL
    /// (SQLAlchemy's mapper `allow_partial_pks=True`): the row maps.
    Null,
}

pub type Key = Rc<[KeyPart]>;

impl KeyPart {
    /// The identity key of a primary key's values. A composite key with
    /// some parts NULL still names its row (SQLAlchemy's mapper
    /// `allow_partial_pks=True`); all NULL names none.
    pub fn key_of(parts: &[Param]) -> Option<Key> {
        if parts.iter().all(|p| matches!(p, Param::Null)) {
            return None;
        }
        Some(
            (parts.iter())
                .map(|p| KeyPart::of_param(p).unwrap_or(KeyPart::Null))
                .collect(),
        )
    }

    pub fn of_param(p: &Param) -> Option<KeyPart> {
        match p {
            Param::Null => None,
            Param::Int(i) => Some(KeyPart::Int(*i)),
            Param::Bool(b) => Some(KeyPart::Int(i64::from(*b))),
            Param::Interval(us) => Some(KeyPart::Other(Rc::from(us.to_string()))),
            Param::Unbindable(_) => None,
            Param::Text(t) => Some(KeyPart::Text(t.clone())),
            Param::Real(f) => Some(KeyPart::Other(Rc::from(f.to_string()))),
            Param::Decimal(d) => Some(KeyPart::Other(d.clone())),
            Param::Blob(b) => Some(KeyPart::Blob(b.clone())),
        }
    }
}

/// The in-memory value of one relationship attribute.
#[derive(Clone)]
pub struct RelSlot {
    pub name: Rc<str>,
    pub value: RelValue,
    /// Loaded (or initialised empty for a new object). An unloaded
    /// collection (and a dynamic one, always) holds only the changes
    /// back-references queued since the last flush: its items are the
    /// queued appends and `snapshot` the queued removals (SQLAlchemy's
    /// `_pending_mutations`, see `orm::backref`).
    pub loaded: bool,
    /// The related objects as last loaded or flushed, to see what changed
    /// (for an unloaded collection, the queued removals).
    pub snapshot: Vec<Rc<Instance>>,
    /// The scalar was set while its old value was unknown (SQLAlchemy's
    /// `PASSIVE_NO_RESULT` as the committed value): the flush counts it as
    /// changed, and for a one-to-one seen from the parent first reads the
    /// old value from the database (deferred history, see
    /// `Session::load_deferred_history`).
    pub old_unknown: bool,
    /// `None` was removed from a dynamic relationship where none was
    /// appended: SQLAlchemy records it as a removal, and its flush then
    /// fails (`Session::refuse_none_in_collections`).
    pub none_removed: bool,
    /// The load gave a row whose key is all NULL, a `None` in the
    /// collection's committed state (SQLAlchemy's lazy loader keeps it):
    /// the flush refuses only a `None` added since, as SQLAlchemy checks
    /// only the added items (`_verify_canload`).
    pub loaded_none: bool,
    /// A new object's collection read and not changed since (SQLAlchemy
    /// 2's empty collection kept outside the object's dict): once the
    /// object is inserted it is unloaded, so reading it loads.
    pub empty_read: bool,
    /// Received a change event (set, append, remove, from the user or a
    /// back-reference) since the last flush, load or expiry: it has
    /// history (SQLAlchemy's key in `committed_state`, whose value is
    /// `snapshot`, or `NEVER_SET` for a new object).
    pub changed: bool,
    /// Received a change event since the object was loaded or expired; a
    /// flush does not clear it. SQLAlchemy's dynamic relationship puts its
    /// key in the object's dict at its first event (`dict_[key] = True`
    /// in `_WriteOnlyAttributeImpl._modified_event`) and only expiry takes
    /// it out: `merge()` follows a dynamic relationship only then.
    pub evented: bool,
}

impl RelSlot {
    /// Start an unloaded slot of an object without a key as loaded: its
    /// collection is empty, whatever back-references queued while it had
    /// a key (before a rollback made it transient). SQLAlchemy's lazy
    /// loader answers `ATTR_EMPTY` for such an object and `_default_value`
    /// leaves its `_pending_mutations` unapplied.
    pub fn start_empty(&mut self) {
        self.loaded = true;
        if let RelValue::List(c) = &self.value {
            c.items.borrow_mut().clear();
            self.snapshot.clear();
        }
    }
}

#[derive(Clone)]
pub enum RelValue {
    Scalar(Option<Rc<Instance>>),
    List(Rc<crate::orm::relation::Collection>),
}

pub struct Instance {
    pub model: Rc<Model>,
    /// A number unique in this run, shown as `(transient N)`.
    pub serial: u64,
    pub st: RefCell<InstState>,
}

impl Object for Instance {
    fn type_name(&self) -> &str {
        &self.model.name
    }

    /// Its related objects and collections, moved out of its slots, for
    /// the flat drop (`value::drop`).
    fn release_values(&self) -> Vec<Value> {
        let Ok(mut st) = self.st.try_borrow_mut() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for slot in st.take_slots() {
            match slot.value {
                RelValue::Scalar(Some(x)) => out.push(Value::Obj(x)),
                RelValue::Scalar(None) => {}
                RelValue::List(c) => out.push(Value::Obj(c)),
            }
            out.extend(slot.snapshot.into_iter().map(|x| Value::Obj(x)));
        }
        out
    }
}

/// An object's related objects are freed from a worklist, not by
/// recursion: a chain loaded through a self-referential relationship
/// (`n = n.children[0]` 100 000 times) would otherwise overflow the stack
/// when its head goes.
impl Drop for Instance {
    fn drop(&mut self) {
        let related = self.release_values();
        if !related.is_empty() {
            drop(Value::list(related));
        }
    }
}

impl Instance {
    pub fn new(model: Rc<Model>, serial: u64) -> Instance {
        let n = model.columns.len();
        Instance {
            model,
            serial,
            st: RefCell::new(InstState::new(n)),
        }
    }

    /// The database `.open` closed while this object was loaded from it:
    /// it stays detached, and never enters the new database's session
    /// (`InstState::closed_db`; None while its state is being changed).
    pub fn closed_db(&self) -> Option<Rc<str>> {
        self.st.try_borrow().ok()?.closed_db()
    }

    /// The key for the identity map and for relationship pairs.
    pub fn is_new(&self) -> bool {
        matches!(self.status(), Status::Transient | Status::Pending)
    }

    pub fn status(&self) -> Status {
        self.st.borrow().status()
    }

    /// Attached to the session (SQLAlchemy's `state.session` is set):
    /// pending, persistent, or deleted by a flush of the open transaction.
    pub fn attached(&self) -> bool {
        matches!(
            self.status(),
            Status::Pending | Status::Persistent | Status::Deleted
        )
    }

    /// Its row was deleted by a flush, in this transaction or a committed
    /// one (SQLAlchemy's `InstanceState.was_deleted`).
    pub fn was_deleted(&self) -> bool {
        self.st.borrow().was_deleted()
    }

    /// SQLAlchemy's five object states as `inspect(obj)` reports them
    /// (`transient pending persistent deleted detached`): exactly one
    /// holds. An object deleted by an earlier flush and given to
    /// `delete()` again is back in the session, and still deleted.
    pub fn state_name(&self) -> &'static str {
        self.st.borrow().state_name()
    }

    /// The identity key (`InstState::identity_key`), cloned.
    pub fn identity_key(&self) -> Option<Key> {
        self.st.borrow().identity_key().cloned()
    }

    /// Has it an identity key (a row, now or once)?
    pub fn has_identity(&self) -> bool {
        self.st.borrow().has_identity()
    }

    /// Given to `delete()`, its row goes at the next flush.
    pub fn is_marked_deleted(&self) -> bool {
        self.st.borrow().is_marked_deleted()
    }

    /// Some column is expired (reloads when read).
    pub fn is_expired(&self) -> bool {
        self.st.borrow().is_expired()
    }

    /// Column `i`'s current value, cloned.
    pub fn value(&self, i: usize) -> Value {
        self.st.borrow().value(i).clone()
    }

    /// Has any column changed since load (a net change)?
    pub fn changed_columns(&self) -> Vec<usize> {
        let st = self.st.borrow();
        let values = st.values();
        match st.committed() {
            None => Vec::new(),
            Some(old) => (0..values.len())
                .filter(|&i| {
                    crate::orm::history::is_no_value(&old[i])
                        || !values[i].same_value(&old[i])
                        || values[i].type_name() != old[i].type_name()
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod size_tests {
    /// A loaded object's own size (issue 17, scripts/BENCHMARKS.md): the
    /// rarely used parts of its state live in a box made on first use, the
    /// relationship slots behind one pointer. 152 bytes is 168 with the
    /// `Rc`'s counts, one size class of malloc below 184.
    #[test]
    fn an_instance_stays_small() {
        let size = std::mem::size_of::<super::Instance>();
        assert!(size <= 152, "Instance is {size} bytes");
    }
}
