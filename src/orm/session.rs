//! The session: identity map (one object per row), the pending, modified and
//! deleted sets, loading rows into instances, expiry on commit, rollback.
//! Flushing lives in `flush`; defaults are filled in by the caller before.

use std::rc::Rc;

use crate::engine::Engine;
use crate::error::{Error, ErrorKind, Result};
use crate::orm::convert::{from_param, to_param};
use crate::orm::identity::IdentityMap;
use crate::orm::identity_key::pk_criteria;
use crate::orm::instance::{Instance, Key, KeyPart, Status};
use crate::orm::lazy_eager::LoadFrom;
use crate::orm::query::{Entity, Query};
use crate::orm::tracked::Tracked;
use crate::orm::undo::Undo;
use crate::schema::model::Model;
use crate::schema::relationship::Mapping;
use crate::sql::ast::{Compiled, Param};
use crate::value::Value;

pub struct Session {
    /// Shared, so a statement can stream while the interpreter works.
    pub engine: Rc<Engine>,
    /// The resolved relationships (set by the interpreter when configured).
    pub mapping: Rc<Mapping>,
    pub(crate) identity: IdentityMap,
    pub(crate) new: Tracked,
    pub(crate) dirty: Tracked,
    pub(crate) deleted: Tracked,
    /// Inserted, updated or deleted by flushes of the open transaction
    /// (undone by rollback).
    pub(crate) inserted_in_tx: Tracked,
    pub(crate) updated_in_tx: Tracked,
    pub(crate) deleted_in_tx: Tracked,
    /// Instances whose relationships changed since the last flush.
    pub(crate) touched: Tracked,
    /// What the running statement changed, to undo it if interrupted.
    pub(crate) undo: Undo,
    /// Objects with relationship slots (weakly): their slots are cleared
    /// when the session ends, so parent↔child references do not leak.
    pub(crate) with_rels: crate::orm::identity::WeakSet,
    /// Warnings for the user (SQLAlchemy's `SAWarning`s), shown on stderr
    /// once the running statement ends (`App`).
    pub(crate) warnings: Vec<String>,
    /// While a `populate_existing` query loads: the objects it has
    /// populated so far (each once, as a joined row may repeat it).
    pub(crate) populating: Option<std::collections::HashSet<usize>>,
    /// While a query with loader options loads: the objects its rows
    /// created (SQLAlchemy's `isnew` and `currentload`), which take its
    /// options as their `load_options` (`orm::load_opts`).
    pub(crate) fresh: Option<std::collections::HashSet<usize>>,
    /// The column deferral of the rows being read, for their model (by
    /// id): set while a query that defers columns loads (`orm::deferral`).
    pub(crate) row_mask: Option<(u32, Rc<[crate::orm::deferral::ColLoad]>)>,
    /// The `with_expression()` options of the rows being read, for their
    /// model (by id), which the objects they load keep.
    pub(crate) row_exprs: Option<(u32, crate::orm::deferral::Expressions)>,
    /// Set (to an empty list) by a loader that needs the rows a query of
    /// one model read, beside the objects they made (a `selectin` loader
    /// grouping children whose key is all NULL, which load as None):
    /// `load_select` leaves them here.
    pub(crate) captured_rows: Option<Vec<Vec<Param>>>,
    /// The `onupdate=` values worked out for the next flush (by the
    /// interpreter, which calls them): object, column, value. The flush
    /// writes those of the objects it UPDATEs (`unitofwork::rows`) and
    /// clears the list.
    pub(crate) onupdate: Vec<(Rc<Instance>, usize, Value)>,
    /// The `default=` values given to new objects for the next flush:
    /// object, column, whether the column had been given (as None). A
    /// failed flush takes them back from the objects it did not insert
    /// (SQLAlchemy puts them in an object only after its INSERT).
    pub(crate) defaulted: Vec<(Rc<Instance>, usize, bool)>,
    /// The `default=` SQL expressions (`default=text('40+2')`,
    /// `default=func.now()`) of new objects' unset columns for the next
    /// flush: object, column, SQL. Their INSERT writes the SQL inline and
    /// reads the value back (`unitofwork::returning`); the flush clears it.
    pub(crate) sql_defaults: Vec<(Rc<Instance>, usize, crate::sql::ast::SqlExpr)>,
    /// `db.session.autoflush`, as set (SQLAlchemy keeps what it is given):
    /// queries and loads flush first while it is true.
    pub(crate) autoflush: Value,
    /// Whether a flush is running (SQLAlchemy's `Session._flushing`): a
    /// query or load inside it (a mapper event listener's) does not
    /// autoflush, and a `flush()` there is refused.
    pub(crate) flushing: bool,
    /// Whether a commit expires every object (SQLAlchemy's
    /// `Session.expire_on_commit`; `SQLAlchemy(session_options=…)` sets it).
    pub(crate) expire_on_commit: bool,
    /// `db.session.expire_on_commit = v`: kept on the `scoped_session`
    /// proxy, which does not pass it on to the session, so it changes
    /// nothing (as in Flask-SQLAlchemy); None until set.
    pub(crate) proxy_expire_on_commit: Option<Value>,
    /// Whether the transaction has begun (`orm::autobegin`).
    pub(crate) tx: crate::orm::autobegin::TxState,
    /// The open nested transactions, outermost first (`orm::nested`).
    pub(crate) nested: Vec<crate::orm::nested::NestedTx>,
    /// Nested transactions begun so far (their ids).
    pub(crate) nested_ids: u64,
    /// The `SessionTransaction` given for the session's transaction
    /// (`begin()`, a nested one's `parent`), with the
    /// `transactions_ended` count it belongs to.
    pub root_handle: Option<(u64, Value)>,
    serial: u64,
}

impl Session {
    pub fn new(engine: Engine) -> Session {
        Session {
            engine: Rc::new(engine),
            mapping: Rc::new(Mapping::default()),
            identity: IdentityMap::default(),
            new: Tracked::default(),
            dirty: Tracked::default(),
            deleted: Tracked::default(),
            inserted_in_tx: Tracked::default(),
            updated_in_tx: Tracked::default(),
            deleted_in_tx: Tracked::default(),
            touched: Tracked::default(),
            undo: Undo::default(),
            with_rels: Default::default(),
            warnings: Vec::new(),
            populating: None,
            fresh: None,
            row_mask: None,
            row_exprs: None,
            captured_rows: None,
            onupdate: Vec::new(),
            defaulted: Vec::new(),
            sql_defaults: Vec::new(),
            autoflush: Value::Bool(true),
            flushing: false,
            expire_on_commit: true,
            proxy_expire_on_commit: None,
            tx: Default::default(),
            nested: Vec::new(),
            nested_ids: 0,
            root_handle: None,
            serial: 0,
        }
    }

    pub fn new_instance(&mut self, model: Rc<Model>) -> Rc<Instance> {
        self.serial += 1;
        Rc::new(Instance::new(model, self.serial))
    }

    /// The warnings not shown yet, each a `warning: …` line.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// The serial of the last object made.
    pub(crate) fn serial(&self) -> u64 {
        self.serial
    }

    /// Count an object as made without making it (`row_values`), so the
    /// serials of later objects stay what they were.
    pub(crate) fn skip_serial(&mut self) {
        self.serial += 1;
    }

    /// Every list of objects the session keeps (for `orm::undo`).
    pub(crate) fn lists(&mut self) -> [&mut Tracked; 7] {
        [
            &mut self.new,
            &mut self.dirty,
            &mut self.deleted,
            &mut self.inserted_in_tx,
            &mut self.updated_in_tx,
            &mut self.deleted_in_tx,
            &mut self.touched,
        ]
    }

    pub fn has_changes(&self) -> bool {
        !self.new.is_empty()
            || !self.dirty.is_empty()
            || !self.deleted.is_empty()
            || (self.touched.iter()).any(|x| {
                matches!(
                    x.status(),
                    Status::Pending | Status::Persistent | Status::Deleted
                )
            })
    }

    pub fn pending(&self) -> &[Rc<Instance>] {
        &self.new
    }

    /// `db.session.new`
    pub fn new_set(&self) -> Vec<Rc<Instance>> {
        self.new.clone()
    }

    pub fn deleted_set(&self) -> Vec<Rc<Instance>> {
        self.deleted.clone()
    }

    /// `obj in db.session`
    pub fn contains(&self, inst: &Rc<Instance>) -> bool {
        matches!(inst.status(), Status::Pending | Status::Persistent)
    }

    /// The identity key of a row (or of values about to be inserted).
    pub fn key_of(model: &Model, params: &[Param]) -> Option<Key> {
        // One allocation: the key's parts straight from the row (this runs
        // for every row a query loads).
        if model.pk.iter().all(|&i| matches!(params[i], Param::Null)) {
            return None;
        }
        Some(
            (model.pk.iter())
                .map(|&i| KeyPart::of_param(&params[i]).unwrap_or(KeyPart::Null))
                .collect(),
        )
    }

    /// A key from the value(s) given to `get()` (SQLAlchemy's
    /// `Session._get_impl`): one value, a tuple or list of them, or a dict
    /// by attribute name. None when a part is None: no row has it (a fully
    /// None key also warns, as SQLAlchemy does).
    pub fn key_from_value(&mut self, model: &Model, v: &Value) -> Result<Option<Key>> {
        let pk_cols = || {
            let names: Vec<String> = (model.pk.iter())
                .map(|&i| format!("'{}.{}'", model.table, model.columns[i].name))
                .collect();
            names.join(",")
        };
        let wrong_count = || {
            Error::new(
                ErrorKind::InvalidRequestError,
                format!(
                    "Incorrect number of values in identifier to formulate primary key for session.get(); primary key columns are {}",
                    pk_cols()
                ),
            )
            .with_help(format!(
                "{} has a primary key of {} column{}: give {}",
                model.name,
                model.pk.len(),
                if model.pk.len() == 1 { "" } else { "s" },
                if model.pk.len() == 1 { "one value" } else { "a tuple of that many values, or a dict by attribute name" }
            ))
        };
        let parts: Vec<Value> = match v {
            Value::Tuple(t) => t.to_vec(),
            Value::List(l) => l.borrow().clone(),
            Value::Dict(d) => {
                let d = d.borrow();
                if d.len() != model.pk.len() {
                    return Err(wrong_count());
                }
                let mut parts = Vec::new();
                for &i in &model.pk {
                    let attr = Value::str(&model.columns[i].attr);
                    let Some(v) = d.get(&attr) else {
                        let names: Vec<String> = (model.pk.iter())
                            .map(|&i| format!("'{}'", model.columns[i].attr))
                            .collect();
                        return Err(Error::new(
                            ErrorKind::InvalidRequestError,
                            format!(
                                "Incorrect names of values in identifier to formulate primary key for session.get(); primary key attribute names are {} (synonym names are also accepted)",
                                names.join(",")
                            ),
                        ));
                    };
                    parts.push(v.clone());
                }
                parts
            }
            other => vec![other.clone()],
        };
        if parts.len() != model.pk.len() {
            return Err(wrong_count());
        }
        if parts.iter().all(|v| matches!(v, Value::None)) {
            self.warnings.push("warning: fully NULL primary key identity cannot load any object (SQLAlchemy's SAWarning); get() gives None".into());
        }
        let params = model
            .pk
            .iter()
            .zip(&parts)
            .map(|(&i, v)| to_param(&model.columns[i].ty, v))
            .collect::<Result<Vec<_>>>()?;
        Ok(KeyPart::key_of(&params))
    }

    /// `session.get(Model, pk)`: the identity map first, then the database.
    pub fn get(&mut self, model: &Rc<Model>, key: Key) -> Result<Option<Rc<Instance>>> {
        self.get_from(model, key, LoadFrom::Query)
    }

    /// [`Session::get`] for a load starting `from` (a many-to-one's lazy
    /// load by primary key), which decides its eager loaders.
    pub(crate) fn get_from(
        &mut self,
        model: &Rc<Model>,
        key: Key,
        from: LoadFrom,
    ) -> Result<Option<Rc<Instance>>> {
        // An object marked for deletion is still found (the caller has
        // flushed first if it must be read, `Interp::get_by_key`); one
        // whose row is gone is deleted and not found (`get_from_identity`).
        if let Some(inst) = self.identity.get(&(model.id, key.clone())) {
            if inst.is_expired() {
                match self.select_row(&inst)? {
                    // Its eager relationships load with it (the refresh's
                    // loaders, as `ensure_loaded`).
                    Some(row) => {
                        crate::orm::bind_check::check_row(&inst.model, &row)?;
                        self.fill_expired(&inst, &row);
                        self.load_eager_after_refresh(&inst)?;
                    }
                    None => {
                        self.remove_newly_deleted(&inst);
                        return Ok(None);
                    }
                }
            }
            return Ok(Some(inst));
        }
        self.select_by_key(model, key, from)
    }

    /// The row of `model` with primary key `key`, read from the database
    /// with the model's eager loaders (SQLAlchemy's `load_on_pk_identity`),
    /// whatever the identity map holds.
    pub(crate) fn select_by_key(
        &mut self,
        model: &Rc<Model>,
        key: Key,
        from: LoadFrom,
    ) -> Result<Option<Rc<Instance>>> {
        // SQLAlchemy's `load_on_pk_identity` runs a 2.0 select: its
        // columns unlabelled (`SELECT user.id, user.name`).
        let mut q = Query::new(vec![Entity::Model(model.clone())], false);
        q.where_ = pk_criteria(model, &key);
        Ok(self
            .load_with_default_eager(&q, from)?
            .into_iter()
            .flatten()
            .next())
    }

    /// Turn a row into the instance for it: the one in the identity map when
    /// present (refreshed if expired), else a new persistent instance.
    pub fn instance_for_row(&mut self, model: &Rc<Model>, row: &[Param]) -> Option<Rc<Instance>> {
        let key = Session::key_of(model, row)?;
        let map_key = (model.id, key.clone());
        // Queries of a replaced model are refused before they run
        // (`retire::check_query`); should one slip through, its objects
        // stay out of the session.
        let live = !model.is_retired();
        if live && let Some(inst) = self.identity.get(&map_key) {
            crate::orm::populate::populate_existing(self, &inst);
            if !inst.is_expired() {
                self.fill_unloaded(&inst, row);
                return Some(inst);
            }
            let exprs = self.exprs_for(model);
            inst.st.borrow_mut().set_expressions(exprs);
            self.fill_expired(&inst, row);
            // Its unloaded relationships take this query's loader options
            // (SQLAlchemy's `_populate_partial` sets their loaders from
            // the query's strategies, `raiseload` too).
            if let Some(fresh) = self.fresh.as_mut() {
                fresh.insert(Rc::as_ptr(&inst) as usize);
            }
            return Some(inst.clone());
        }
        let inst = self.new_instance(model.clone());
        let mask = self.mask_for(model);
        {
            let mut st = inst.st.borrow_mut();
            st.load_row(|i| from_param(&model.columns[i].ty, &row[i]));
            for i in 0..model.columns.len() {
                if let Some(raise) = crate::orm::deferral::deferred_at(&mask, i) {
                    st.defer_column(i, raise);
                }
            }
            st.become_loaded(key, live);
            st.set_expressions(self.exprs_for(model));
            st.set_undeferred(crate::orm::deferral::undeferred_by(model, &mask));
        }
        if live {
            self.identity.insert(map_key, &inst);
        }
        if let Some(fresh) = self.fresh.as_mut() {
            fresh.insert(Rc::as_ptr(&inst) as usize);
        }
        Some(inst)
    }

    pub fn execute(&mut self, c: &Compiled) -> Result<usize> {
        self.load_late(c)?;
        self.engine.begin()?;
        self.engine.execute(c)
    }
}
