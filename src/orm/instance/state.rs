//! An object's state (SQLAlchemy's `InstanceState`): its lifecycle
//! status, column values and what was set, expired or changed since the
//! last load or flush, its identity key and its relationship slots. The
//! fields are private: the rest of the crate changes a state through the
//! named operations here.

use std::rc::{Rc, Weak};

use thin_vec::ThinVec;

use super::flags::ColumnFlags;
use super::{Instance, Key, RelSlot, Status};
use crate::orm::load_opts::LoadOpt;
use crate::value::Value;

mod columns;
mod deferred;
mod lifecycle;
mod slots;

/// Cloned whole when a statement first changes an object made before it
/// (`orm::undo`), so an interrupted statement can put it back.
#[derive(Clone)]
pub struct InstState {
    status: Status,
    /// Current values, one per column of the model.
    values: Box<[Value]>,
    /// Which columns were given a value (explicitly or by a load); the rest
    /// get their default at flush or are left out of the INSERT.
    set: ColumnFlags,
    /// Expired: some column values are stale and reload when one of them
    /// is read (SQLAlchemy's `expired_attributes`). Every column is,
    /// except those in `fresh`.
    expired: bool,
    /// While `expired`: the columns that are not (set since the expiry, or
    /// left out of a partial `expire(obj, [names])`); cleared by a load.
    fresh: ColumnFlags,
    /// Values as last loaded or flushed, kept once anything changes; a
    /// value set while its column was expired has `orm::history::no_value()`
    /// here (SQLAlchemy's `NO_VALUE`: changed, whatever it is).
    /// (A box of the slice: one word in every state, a second allocation
    /// only in a changed one; issue 17, bytes per loaded instance.)
    committed: Option<Box<Box<[Value]>>>,
    /// The columns assigned since the values were last committed (the
    /// column keys of SQLAlchemy's `committed_state`, even for a value
    /// set to the one it had); cleared with `committed`.
    touched: ColumnFlags,
    /// Whether the instance sits in the session's list of modified objects
    /// (SQLAlchemy's `state.modified` for an object in the identity map:
    /// any attribute set event since the last flush, load or expiry; see
    /// `orm::history`).
    in_dirty_list: bool,
    /// Marked for deletion at the next flush.
    marked_deleted: bool,
    /// Its row was deleted by a flush (SQLAlchemy's `state._deleted`,
    /// `inspect(obj).was_deleted`), kept after the commit detaches it, so
    /// `add()` refuses it; cleared by a rollback and `make_transient`.
    /// While the status is `Deleted` this is implied.
    was_deleted: bool,
    /// Expired by `expire()`, `expire_all()`, a commit or a rollback (not
    /// only the server defaults a flush left unread). A rollback keeps a
    /// flushed new object expired only then (SQLAlchemy's expired
    /// attributes survive its expunge); cleared by a load.
    stale: bool,
    /// Updated by a flush of the open transaction (listed once in the
    /// session's `updated_in_tx`).
    updated_in_tx: bool,
    /// The identity key: the key the row has in the database, as last
    /// loaded or flushed (not the key columns' current values, which may
    /// have changed since; `orm::rekey`).
    key: Option<Key>,
    /// Relationship attributes that have a value in memory: one pointer
    /// (the length and capacity sit in the allocation, which an object
    /// with no slot lacks), so an `Instance` takes 152 bytes (issue 17).
    rels: ThinVec<RelSlot>,
    /// A relationship of this instance changed since the last flush.
    rel_touched: bool,
    /// The statement epoch in which this state was last saved for undo.
    undo_epoch: u64,
    /// What was saved is only what inserting the object changed
    /// (`orm::undo`): a later change saves the rest.
    undo_light: bool,
    /// Its relationships were expired with it (commit, rollback,
    /// `expire`): the next load of its columns loads the eager ones
    /// (`joined`, `selectin`, `subquery`) too, as SQLAlchemy's refresh
    /// does (`Session::load_eager_after_refresh`).
    rels_expired: bool,
    /// A delete-orphan collection let it go while that collection's owner
    /// was outside the session, or while it was not pending there
    /// (SQLAlchemy's `_orphaned_outside_of_session`): a flush then
    /// expunges it if it is still a new orphan. Cleared by `add()` and by
    /// its INSERT.
    orphaned_outside: bool,
    /// SQLAlchemy's `insert_order`: how many new objects the session held
    /// once this one was added (so after an expunge a later object may tie
    /// with an earlier one, or come before it).
    /// (A `u32`: no session holds four billion new objects; with `rels`
    /// it keeps an `Instance` within 152 bytes.)
    insert_order: u32,
    /// What most loaded objects never need, allocated on first use: one
    /// pointer per object otherwise (issue 17: bytes per loaded instance).
    rare: Option<Box<Rare>>,
}

/// The parts of a state that most objects leave empty (`InstState::rare`).
#[derive(Clone)]
struct Rare {
    /// While `expired`: the columns of `fresh` set after they expired
    /// (SQLAlchemy keeps them in `expired_attributes` until a load; those
    /// left out of a partial expiry are not in it).
    set_while_expired: ColumnFlags,
    /// The key this object had when the open transaction first changed it
    /// (set by a flushed key change, put back by a rollback, dropped by a
    /// commit; `orm::rekey`).
    tx_key: Option<Key>,
    /// The key its row has in the database when a bulk UPDATE set its key
    /// columns: the identity map still holds it at `key` until a flush of
    /// it, which names the row by this (SQLAlchemy's flush reads the key
    /// columns' committed values; `orm::bulk`). Cleared by an expiry.
    row_key: Option<Key>,
    /// Attributes set that are not columns (Python allows it).
    extra: Vec<(Rc<str>, Value)>,
    /// Which object last took this one through each relationship, as the
    /// attribute events left it (SQLAlchemy's `state.parents`, see
    /// `orm::backref`); a relationship absent here was never changed.
    parents: Vec<ParentFlag>,
    /// The lazy loader options of the query that loaded it, relative to
    /// it (SQLAlchemy's `state.load_options` and `load_path`; see
    /// `orm::load_opts`); kept across expiry.
    load_opts: Option<Rc<[LoadOpt]>>,
    /// Columns left unloaded by a deferral (`defer`, `load_only`, a
    /// `deferred()` column): read by a SELECT of their own when accessed
    /// (`orm::deferral`); `deferred_raise`: of those, the ones that raise
    /// instead (`raiseload=True`).
    deferred: ColumnFlags,
    deferred_raise: ColumnFlags,
    /// The `with_expression()` options of the query that loaded it, which
    /// its refresh applies again (`orm::deferral`).
    expressions: Option<crate::orm::deferral::Expressions>,
    /// The columns the model defers that the query loading it loaded by
    /// an `undefer()` option, which its refresh loads again (SQLAlchemy
    /// refreshes with the object's `load_options`).
    undeferred: Option<Rc<[usize]>>,
    /// The database `.open` closed while this object was loaded from it
    /// (`Instance::closed_db`).
    closed_db: Option<Rc<str>>,
    /// `make_transient` of an object expired as a whole: SQLAlchemy
    /// clears its expired attributes but not `state.expired`, which stays
    /// True until `_commit_all` (its INSERT, `make_transient_to_detached`).
    expired_kept: bool,
}

impl Rare {
    fn new(n: usize) -> Rare {
        Rare {
            set_while_expired: ColumnFlags::new(n),
            tx_key: None,
            row_key: None,
            extra: Vec::new(),
            parents: Vec::new(),
            load_opts: None,
            deferred: ColumnFlags::new(n),
            deferred_raise: ColumnFlags::new(n),
            expressions: None,
            undeferred: None,
            closed_db: None,
            expired_kept: false,
        }
    }
}

impl InstState {
    /// The loader options it was loaded with (`orm::load_opts`).
    pub fn load_opts(&self) -> Option<Rc<[LoadOpt]>> {
        self.rare.as_ref().and_then(|r| r.load_opts.clone())
    }

    /// The rarely used parts, made on first use.
    fn rare_mut(&mut self) -> &mut Rare {
        let n = self.values.len();
        self.rare.get_or_insert_with(|| Box::new(Rare::new(n)))
    }

    /// The rarely used parts, if any was used.
    fn rare(&self) -> Option<&Rare> {
        self.rare.as_deref()
    }

    /// The database `.open` closed while this object was loaded from it.
    pub fn closed_db(&self) -> Option<Rc<str>> {
        self.rare().and_then(|r| r.closed_db.clone())
    }

    /// Mark it as loaded from a database `.open` closed.
    pub fn set_closed_db(&mut self, db: Rc<str>) {
        self.rare_mut().closed_db = Some(db);
    }

    /// Remember the loader options it was loaded with.
    pub fn set_load_opts(&mut self, opts: Option<Rc<[LoadOpt]>>) {
        if opts.is_some() || self.rare.is_some() {
            self.rare_mut().load_opts = opts;
        }
    }

    /// A transient object's state: every value `None`, nothing set.
    pub fn new(n: usize) -> InstState {
        InstState {
            status: Status::Transient,
            values: vec![Value::None; n].into_boxed_slice(),
            set: ColumnFlags::new(n),
            expired: false,
            fresh: ColumnFlags::new(n),
            committed: None,
            touched: ColumnFlags::new(n),
            in_dirty_list: false,
            marked_deleted: false,
            was_deleted: false,
            stale: false,
            updated_in_tx: false,
            key: None,
            rels: ThinVec::new(),
            rel_touched: false,
            undo_epoch: 0,
            undo_light: false,
            rels_expired: false,
            orphaned_outside: false,
            insert_order: 0,
            rare: None,
        }
    }

    /// Let go by a delete-orphan collection outside the session
    /// (SQLAlchemy's `_orphaned_outside_of_session`).
    pub fn orphaned_outside(&self) -> bool {
        self.orphaned_outside
    }

    /// Remember (or forget) that a delete-orphan collection let it go
    /// outside the session.
    pub fn set_orphaned_outside(&mut self, on: bool) {
        self.orphaned_outside = on;
    }

    /// Where it is in SQLAlchemy's lifecycle.
    pub fn status(&self) -> Status {
        self.status
    }

    /// The session's count of new objects when this one was added
    /// (SQLAlchemy's `insert_order`), the order its INSERT takes.
    pub fn insert_order(&self) -> usize {
        self.insert_order as usize
    }

    /// Transient or pending: no row yet.
    pub fn is_new(&self) -> bool {
        matches!(self.status, Status::Transient | Status::Pending)
    }

    /// Its row was deleted by a flush, in this transaction or a committed
    /// one (SQLAlchemy's `InstanceState.was_deleted`).
    pub fn was_deleted(&self) -> bool {
        self.status == Status::Deleted || self.was_deleted
    }

    /// SQLAlchemy's five object states as `inspect(obj)` reports them.
    pub fn state_name(&self) -> &'static str {
        match self.status {
            Status::Transient => "transient",
            Status::Pending => "pending",
            Status::Persistent if self.was_deleted => "deleted",
            Status::Persistent => "persistent",
            Status::Deleted => "deleted",
            Status::Detached => "detached",
        }
    }

    /// Column `i`'s current value (`None` while expired and not set).
    pub fn value(&self, i: usize) -> &Value {
        &self.values[i]
    }

    /// Every column's current value, in the model's column order.
    pub fn values(&self) -> &[Value] {
        &self.values
    }

    /// Was column `i` given a value (explicitly or by a load)?
    pub fn is_set(&self, i: usize) -> bool {
        self.set.get(i)
    }

    /// Has every column a value (nothing left to its default or a load)?
    pub fn all_set(&self) -> bool {
        self.set.all_of(self.values.len())
    }

    /// Expired in whole or in part (SQLAlchemy's `expired_attributes` not
    /// empty): some column reloads when read.
    pub fn is_expired(&self) -> bool {
        self.expired
    }

    /// Expired as a whole and not loaded since (SQLAlchemy's
    /// `state.expired`, set by `_expire`, not by `_expire_attributes`):
    /// the only columns with values are those assigned since.
    pub fn is_wholly_expired(&self) -> bool {
        self.expired
            && (0..self.values.len()).all(|i| {
                !self.fresh.get(i) || self.rare().is_some_and(|r| r.set_while_expired.get(i))
            })
    }

    /// SQLAlchemy's `state.expired` as `inspect(obj).expired` shows it:
    /// expired as a whole, or made transient while so (`Rare::expired_kept`).
    pub fn expired_flag(&self) -> bool {
        self.is_wholly_expired() || self.rare().is_some_and(|r| r.expired_kept)
    }

    /// Forget what `make_transient` kept of `state.expired`
    /// (`_commit_all`).
    pub(super) fn clear_expired_kept(&mut self) {
        if let Some(r) = self.rare.as_deref_mut() {
            r.expired_kept = false;
        }
    }

    /// Keep `state.expired` through `make_transient`.
    pub(super) fn keep_expired(&mut self) {
        self.rare_mut().expired_kept = true;
    }

    /// The values as last loaded or flushed, kept once anything changed
    /// (SQLAlchemy's `committed_state`); None: nothing changed since.
    pub fn committed(&self) -> Option<&[Value]> {
        self.committed.as_deref().map(|c| &**c)
    }

    /// Was column `i` assigned since its value was last committed (is it a
    /// key of SQLAlchemy's `committed_state`)?
    pub fn column_touched(&self, i: usize) -> bool {
        self.touched.get(i)
    }

    /// Is column `i` in SQLAlchemy's `expired_attributes`: expired, or set
    /// since it expired (a load empties it)?
    pub fn column_in_expired_set(&self, i: usize) -> bool {
        self.column_expired(i)
            || (self.expired && self.rare().is_some_and(|r| r.set_while_expired.get(i)))
    }

    /// Forget the committed values and which columns were assigned: the
    /// current values are the committed ones.
    fn clear_committed(&mut self) {
        self.committed = None;
        self.touched.clear();
    }

    /// In the session's list of modified objects (`state.modified`).
    pub fn in_dirty_list(&self) -> bool {
        self.in_dirty_list
    }

    /// Given to `delete()`: its row goes at the next flush.
    pub fn is_marked_deleted(&self) -> bool {
        self.marked_deleted
    }

    /// The identity key: the key its row has in the database, as last
    /// loaded or flushed (SQLAlchemy's `state.key`).
    pub fn identity_key(&self) -> Option<&Key> {
        self.key.as_ref()
    }

    /// The key its row has in the database: the identity key, unless a
    /// bulk UPDATE changed the key columns since (the committed values of
    /// the key columns, by which SQLAlchemy's flush names the row).
    pub fn row_key(&self) -> Option<&Key> {
        (self.rare().and_then(|r| r.row_key.as_ref())).or(self.key.as_ref())
    }

    /// A bulk UPDATE set the key columns: the row's key is now `key`
    /// (SQLAlchemy's `_do_post_synchronize_evaluate` commits the values;
    /// the identity key changes at the object's next flush).
    pub fn set_row_key(&mut self, key: Key) {
        if self.key.as_ref() != Some(&key) {
            self.rare_mut().row_key = Some(key);
        } else {
            self.forget_row_key();
        }
    }

    /// The row's key is the identity key again (a flush of it, an expiry).
    pub fn forget_row_key(&mut self) {
        if let Some(r) = &mut self.rare {
            r.row_key = None;
        }
    }

    /// Has it an identity key (a row, now or once)?
    pub fn has_identity(&self) -> bool {
        self.key.is_some()
    }

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
