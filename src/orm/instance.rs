//! An instance of a model: its column values, its state in the session
//! (transient, pending, persistent, deleted, detached), what changed since it
//! was loaded, and its identity key.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use crate::schema::model::Model;
use crate::sql::ast::Param;
use crate::value::{Object, Value};

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
    /// Reals, blobs: compared by their text.
    Other(String),
}

pub type Key = Rc<[KeyPart]>;

impl KeyPart {
    pub fn of_param(p: &Param) -> Option<KeyPart> {
        match p {
            Param::Null => None,
            Param::Int(i) => Some(KeyPart::Int(*i)),
            Param::Text(t) => Some(KeyPart::Text(t.clone())),
            Param::Real(f) => Some(KeyPart::Other(f.to_string())),
            Param::Blob(b) => Some(KeyPart::Other(format!("{b:?}"))),
        }
    }
}

/// One flag per column: inline bits for up to 64 columns (no allocation
/// per object), a vector beyond that.
#[derive(Clone)]
pub enum ColumnFlags {
    Bits(u64),
    Many(Vec<bool>),
}

impl ColumnFlags {
    pub fn new(columns: usize) -> ColumnFlags {
        if columns <= 64 {
            ColumnFlags::Bits(0)
        } else {
            ColumnFlags::Many(vec![false; columns])
        }
    }

    pub fn get(&self, i: usize) -> bool {
        match self {
            ColumnFlags::Bits(b) => i < 64 && b & (1 << i) != 0,
            ColumnFlags::Many(v) => v.get(i).copied().unwrap_or(false),
        }
    }

    /// Set or clear column `i`'s flag.
    pub fn put(&mut self, i: usize, on: bool) {
        match self {
            ColumnFlags::Bits(b) if i < 64 => {
                if on {
                    *b |= 1 << i
                } else {
                    *b &= !(1 << i)
                }
            }
            ColumnFlags::Bits(_) => {}
            ColumnFlags::Many(v) => {
                if let Some(f) = v.get_mut(i) {
                    *f = on;
                }
            }
        }
    }

    /// Every one of `columns` flags set.
    pub fn all(columns: usize) -> ColumnFlags {
        let mut f = ColumnFlags::new(columns);
        match &mut f {
            ColumnFlags::Bits(b) => {
                *b = if columns >= 64 {
                    u64::MAX
                } else {
                    (1 << columns) - 1
                }
            }
            ColumnFlags::Many(v) => v.iter_mut().for_each(|x| *x = true),
        }
        f
    }

    /// Are flags `0..n` all set?
    pub fn all_of(&self, n: usize) -> bool {
        (0..n).all(|i| self.get(i))
    }

    /// Is any flag set?
    pub fn any(&self) -> bool {
        match self {
            ColumnFlags::Bits(b) => *b != 0,
            ColumnFlags::Many(v) => v.iter().any(|&x| x),
        }
    }

    /// Clear every flag.
    pub fn clear(&mut self) {
        match self {
            ColumnFlags::Bits(b) => *b = 0,
            ColumnFlags::Many(v) => v.iter_mut().for_each(|x| *x = false),
        }
    }

    pub fn mark(&mut self, i: usize) {
        match self {
            ColumnFlags::Bits(b) if i < 64 => *b |= 1 << i,
            ColumnFlags::Bits(_) => {}
            ColumnFlags::Many(v) => {
                if let Some(f) = v.get_mut(i) {
                    *f = true;
                }
            }
        }
    }
}

/// Cloned whole when a statement first changes an object made before it
/// (`orm::undo`), so an interrupted statement can put it back.
#[derive(Clone)]
pub struct InstState {
    pub status: Status,
    /// Current values, one per column of the model.
    pub values: Vec<Value>,
    /// Which columns were given a value (explicitly or by a load); the rest
    /// get their default at flush or are left out of the INSERT.
    pub set: ColumnFlags,
    /// Expired: some column values are stale and reload when one of them
    /// is read (SQLAlchemy's `expired_attributes`). Every column is,
    /// except those in `fresh`.
    pub expired: bool,
    /// While `expired`: the columns that are not (set since the expiry, or
    /// left out of a partial `expire(obj, [names])`); cleared by a load.
    pub fresh: ColumnFlags,
    /// Values as last loaded or flushed, kept once anything changes; a
    /// value set while its column was expired has `orm::history::no_value()`
    /// here (SQLAlchemy's `NO_VALUE`: changed, whatever it is).
    pub committed: Option<Vec<Value>>,
    /// Whether the instance sits in the session's list of modified objects
    /// (SQLAlchemy's `state.modified` for an object in the identity map:
    /// any attribute set event since the last flush, load or expiry; see
    /// `orm::history`).
    pub in_dirty_list: bool,
    /// Marked for deletion at the next flush.
    pub marked_deleted: bool,
    /// Its row was deleted by a flush (SQLAlchemy's `state._deleted`,
    /// `inspect(obj).was_deleted`), kept after the commit detaches it, so
    /// `add()` refuses it; cleared by a rollback and `make_transient`.
    /// While the status is `Deleted` this is implied.
    pub was_deleted: bool,
    /// Expired by `expire()`, `expire_all()`, a commit or a rollback (not
    /// only the server defaults a flush left unread). A rollback keeps a
    /// flushed new object expired only then (SQLAlchemy's expired
    /// attributes survive its expunge); cleared by a load.
    pub stale: bool,
    /// Updated by a flush of the open transaction (listed once in the
    /// session's `updated_in_tx`).
    pub updated_in_tx: bool,
    /// The identity key: the key the row has in the database, as last
    /// loaded or flushed (not the key columns' current values, which may
    /// have changed since; `orm::rekey`).
    pub key: Option<Key>,
    /// The key this object had when the open transaction first changed it
    /// (set by a flushed key change, put back by a rollback, dropped by a
    /// commit; `orm::rekey`).
    pub tx_key: Option<Key>,
    /// Attributes set that are not columns (Python allows it).
    pub extra: Vec<(Rc<str>, Value)>,
    /// Relationship attributes that have a value in memory.
    pub rels: Vec<RelSlot>,
    /// A relationship of this instance changed since the last flush.
    pub rel_touched: bool,
    /// The statement epoch in which this state was last saved for undo.
    pub undo_epoch: u64,
    /// What was saved is only what inserting the object changed
    /// (`orm::undo`): a later change saves the rest.
    pub undo_light: bool,
    /// Which object last took this one through each relationship, as the
    /// attribute events left it (SQLAlchemy's `state.parents`, see
    /// `orm::backref`); a relationship absent here was never changed.
    pub parents: Vec<ParentFlag>,
    /// Its relationships were expired with it (commit, rollback,
    /// `expire`): the next load of its columns loads the eager ones
    /// (`joined`, `selectin`, `subquery`) too, as SQLAlchemy's refresh
    /// does (`Session::load_eager_after_refresh`).
    pub rels_expired: bool,
}

impl InstState {
    /// Is column `i` expired (its value stale, reloaded when read)?
    pub fn column_expired(&self, i: usize) -> bool {
        self.expired && !self.fresh.get(i)
    }
}

/// SQLAlchemy's `hasparent` record for one relationship (by owner model
/// and name): the parent that took the object, or None once one let go.
#[derive(Clone)]
pub struct ParentFlag {
    pub model: Rc<str>,
    pub rel: Rc<str>,
    pub parent: Option<Weak<Instance>>,
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
    /// A new object's collection read and not changed since (SQLAlchemy
    /// 2's empty collection kept outside the object's dict): once the
    /// object is inserted it is unloaded, so reading it loads.
    pub empty_read: bool,
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
}

impl Instance {
    pub fn new(model: Rc<Model>, serial: u64) -> Instance {
        let n = model.columns.len();
        Instance {
            model,
            serial,
            st: RefCell::new(InstState {
                status: Status::Transient,
                values: vec![Value::None; n],
                set: ColumnFlags::new(n),
                expired: false,
                fresh: ColumnFlags::new(n),
                committed: None,
                in_dirty_list: false,
                marked_deleted: false,
                was_deleted: false,
                stale: false,
                updated_in_tx: false,
                key: None,
                tx_key: None,
                extra: Vec::new(),
                rels: Vec::new(),
                rel_touched: false,
                undo_epoch: 0,
                undo_light: false,
                parents: Vec::new(),
                rels_expired: false,
            }),
        }
    }

    /// The key for the identity map and for relationship pairs.
    pub fn is_new(&self) -> bool {
        matches!(self.status(), Status::Transient | Status::Pending)
    }

    pub fn status(&self) -> Status {
        self.st.borrow().status
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
        let st = self.st.borrow();
        st.status == Status::Deleted || st.was_deleted
    }

    /// SQLAlchemy's five object states as `inspect(obj)` reports them
    /// (`transient pending persistent deleted detached`): exactly one
    /// holds. An object deleted by an earlier flush and given to
    /// `delete()` again is back in the session, and still deleted.
    pub fn state_name(&self) -> &'static str {
        let st = self.st.borrow();
        match st.status {
            Status::Transient => "transient",
            Status::Pending => "pending",
            Status::Persistent if st.was_deleted => "deleted",
            Status::Persistent => "persistent",
            Status::Deleted => "deleted",
            Status::Detached => "detached",
        }
    }

    /// Has any column changed since load (a net change)?
    pub fn changed_columns(&self) -> Vec<usize> {
        let st = self.st.borrow();
        match &st.committed {
            None => Vec::new(),
            Some(old) => (0..st.values.len())
                .filter(|&i| {
                    crate::orm::history::is_no_value(&old[i])
                        || !st.values[i].same_value(&old[i])
                        || st.values[i].type_name() != old[i].type_name()
                })
                .collect(),
        }
    }
}
