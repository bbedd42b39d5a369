//! The column attributes of an instance: set with their history
//! (SQLAlchemy's `ScalarAttributeImpl.set`: a column set while expired has
//! an unknown old value, `orm::history::NoValue`), read with a load of the
//! expired columns first (`_load_expired`: only those expired, the ones
//! set since keep their values), and the row an expired object reads. The
//! interpreter autoflushes before the loads it reaches (`eval::expiry`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::convert::{check_assign, from_param};
use crate::orm::identity_key::{key_display, pk_criteria};
use crate::orm::instance::{Instance, Status};
use crate::orm::query::{Entity, Query};
use crate::orm::session::Session;
use crate::orm::states::describe;
use crate::orm::undo::Part;
use crate::sql::ast::Param;
use crate::sql::compile::{self, Mode};
use crate::value::Value;

impl Session {
    /// Set a column attribute, tracking the change (SQLAlchemy's
    /// `ScalarAttributeImpl.set`). An expired primary-key column is loaded
    /// first (its attribute keeps active history; the caller autoflushes,
    /// `set_column_loads`); any other expired column is set without a load,
    /// its old value unknown, so the flush writes it.
    pub fn set_column(&mut self, inst: &Rc<Instance>, idx: usize, v: Value) -> Result<()> {
        let col = &inst.model.columns[idx];
        let v = check_assign(&inst.model, col, v)?;
        // An expired primary-key column loads first (for an object outside
        // the session that is DetachedInstanceError).
        let pk_expired = inst.st.borrow().column_expired(idx) && col.primary_key;
        if pk_expired {
            self.ensure_loaded(inst)?;
        }
        // A detached object keeps its history too: added back, it is dirty
        // and its changes are flushed.
        self.edit(inst).assign(idx, v);
        self.modified_event(inst);
        Ok(())
    }

    /// Whether setting column `idx` loads the object's expired columns
    /// first (a primary-key column of a persistent object, expired), so
    /// the caller autoflushes before.
    pub fn set_column_loads(&self, inst: &Instance, idx: usize) -> bool {
        let st = inst.st.borrow();
        st.status() == Status::Persistent
            && st.column_expired(idx)
            && inst.model.columns[idx].primary_key
    }

    /// Whether reading column `idx` loads the object's expired columns
    /// (so the caller autoflushes first, as SQLAlchemy's load of expired
    /// attributes does).
    pub fn column_loads(&self, inst: &Instance, idx: usize) -> bool {
        if self.column_defers(inst, idx) {
            return inst.status() == Status::Persistent
                && !inst.st.borrow().deferred_raises(idx)
                && !crate::orm::deferral::is_query_expression(&inst.model, idx);
        }
        let st = inst.st.borrow();
        st.status() == Status::Persistent && st.column_expired(idx)
    }

    /// Read a column attribute, loading the expired columns first when it
    /// is one of them (a deferred one by a load of its own).
    pub fn get_column(&mut self, inst: &Rc<Instance>, idx: usize) -> Result<Value> {
        if self.column_defers(inst, idx) {
            self.check_raiseload(inst, idx)?;
            self.load_deferred(inst, idx)?;
        } else if inst.st.borrow().column_expired(idx) {
            self.ensure_loaded(inst)?;
        }
        Ok(inst.value(idx))
    }

    /// Load an instance's expired columns from its row. Only an object in
    /// the session can: a detached or transient one is SQLAlchemy's
    /// `DetachedInstanceError`, a pending one has no row to read, and a
    /// row that is gone is `ObjectDeletedError` (`loading.py`,
    /// `load_scalar_attributes`).
    pub fn ensure_loaded(&mut self, inst: &Rc<Instance>) -> Result<()> {
        self.ensure_loaded_except(inst, &[])
    }

    /// `ensure_loaded` for an object the flush is about to copy keys into
    /// (columns `synced`): its many-to-one relationships on those columns
    /// are not eager-loaded from the old key
    /// (`load_eager_after_refresh_except`).
    pub fn ensure_loaded_except(&mut self, inst: &Rc<Instance>, synced: &[usize]) -> Result<()> {
        let (expired, status) = {
            let st = inst.st.borrow();
            (st.is_expired(), st.status())
        };
        if !expired {
            return Ok(());
        }
        match status {
            Status::Detached | Status::Transient => {
                if let Some(e) = crate::orm::retire::closed_detached(
                    inst,
                    "its expired attributes cannot be loaded",
                ) {
                    return Err(e);
                }
                let help = if status == Status::Detached {
                    "add it back with db.session.add(obj), or load it again with db.session.get()"
                } else {
                    "a rollback took it out of the session before its row was committed; make it again"
                };
                return Err(Error::new(
                    ErrorKind::DetachedInstanceError,
                    format!(
                        "{} is {}, not bound to a session, and its attributes expired, so they cannot be loaded",
                        describe(inst),
                        inst.state_name()
                    ),
                )
                .with_help(help));
            }
            Status::Pending => return Err(pending_expired(inst)),
            Status::Persistent | Status::Deleted => {}
        }
        // Relationships set since the expiry stay (SQLAlchemy loads only
        // the expired attributes); eager ones an expiry took load again.
        match self.select_row(inst)? {
            Some(row) => {
                crate::orm::bind_check::check_row(&inst.model, &row)?;
                self.fill_expired(inst, &row);
                self.load_eager_after_refresh_except(inst, synced)
            }
            None => Err(object_deleted(inst)),
        }
    }

    /// The second half of a load of expired columns that autoflushed
    /// first (`Interp::load_expired`): the row is read even when the flush
    /// loaded the object meanwhile (its load of the key before a DELETE),
    /// so a row the flush deleted is ObjectDeletedError.
    pub fn load_after_flush(&mut self, inst: &Rc<Instance>) -> Result<()> {
        if inst.is_expired() {
            return self.ensure_loaded(inst);
        }
        if !inst.has_identity() {
            return Ok(());
        }
        match self.select_row(inst)? {
            Some(_) => Ok(()),
            None => Err(object_deleted(inst)),
        }
    }

    /// The row of a persistent instance, by the key it has in the
    /// database (None: the row is gone).
    pub(crate) fn select_row(&mut self, inst: &Rc<Instance>) -> Result<Option<Vec<Param>>> {
        self.select_row_undeferring(inst, None)
    }

    /// [`select_row`](Self::select_row), loading the deferred columns
    /// `undefer` too (a refresh's `undefer()` options).
    pub(crate) fn select_row_undeferring(
        &mut self,
        inst: &Rc<Instance>,
        undefer: Option<&[usize]>,
    ) -> Result<Option<Vec<Param>>> {
        let model = inst.model.clone();
        let key = inst.identity_key().ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidRequestError,
                format!("{} is not persistent within this session", model.name),
            )
        })?;
        // A 2.0 select, as `load_on_ident` runs: columns unlabelled.
        let mut q = Query::new(vec![Entity::Model(model.clone())], false);
        q.where_ = pk_criteria(&model, &key);
        // The `with_expression()` options it was loaded with apply again.
        if let Some(e) = inst.st.borrow().expressions() {
            q.column_opts.extend(e.iter().map(|(col, expr)| {
                crate::orm::deferral::ColumnOpt::Expression {
                    col: *col,
                    expr: expr.clone(),
                }
            }));
        }
        if let Some(cols) = undefer {
            q.column_opts
                .push(crate::orm::deferral::ColumnOpt::Undefer(cols.to_vec()));
        }
        let sel = q.to_select();
        let rows =
            self.engine
                .query_all(&compile::select(&sel, Mode::Execute, self.engine.dialect()))?;
        // The model's deferred columns are not read (NULL here; the
        // caller's fill leaves them unloaded).
        let mask = q.column_mask();
        Ok(rows.into_iter().next().map(|r| match &mask {
            Some(m) => crate::orm::deferral::widen(&r, m),
            None => r,
        }))
    }

    /// Put a row's values into the expired columns of `inst` (those set
    /// since the expiry keep their values and their history), as
    /// SQLAlchemy's partial population and `state._commit(keys)` do.
    pub(crate) fn fill_expired(&mut self, inst: &Rc<Instance>, row: &[Param]) {
        let model = inst.model.clone();
        let mask = self.mask_for(&model);
        // Its `with_expression()` columns are in the row.
        let exprs = inst.st.borrow().expressions();
        let given = |i: usize| {
            exprs
                .as_ref()
                .is_some_and(|e| e.iter().any(|(c, _)| *c == i))
        };
        self.edit_part(inst, refreshed).load_expired_masked(
            |i| from_param(&model.columns[i].ty, &row[i]),
            |i| match given(i) {
                true => None,
                false => crate::orm::deferral::deferred_at(&mask, i),
            },
        );
    }

    /// [`fill_expired`](Self::fill_expired) for the expired columns among
    /// `columns` only (a refresh naming attributes).
    pub(crate) fn fill_expired_columns(
        &mut self,
        inst: &Rc<Instance>,
        columns: &[usize],
        row: &[Param],
    ) {
        let model = inst.model.clone();
        self.edit_part(inst, refreshed)
            .load_expired_columns(columns, |i| from_param(&model.columns[i].ty, &row[i]));
    }

    /// A query's row for a persistent `inst` that is not expired: only
    /// the columns it never had a value for take the row's
    /// (`InstState::fill_unset`); the rest keep what is in memory.
    pub(crate) fn fill_unloaded(&mut self, inst: &Rc<Instance>, row: &[Param]) {
        if inst.st.borrow().all_set() || inst.status() != Status::Persistent {
            return;
        }
        let model = inst.model.clone();
        let mask = self.mask_for(&model);
        self.edit(inst).fill_unset_except(
            |i| from_param(&model.columns[i].ty, &row[i]),
            |i| !crate::orm::deferral::loads(&mask, i),
        );
    }
}

/// Reading an expired object again changes only what its expiry hid
/// (`orm::undo`), unless it holds relationships or changes made since.
fn refreshed(st: &crate::orm::instance::InstState) -> Option<Part> {
    st.only_expired().then_some(Part::Refreshed)
}

/// The row behind an expired object is gone (SQLAlchemy's
/// `ObjectDeletedError`).
fn object_deleted(inst: &Instance) -> Error {
    Error::new(
        ErrorKind::ObjectDeletedError,
        format!(
            "{} with primary key {} no longer exists in the database",
            inst.model.name,
            inst.st
                .borrow()
                .identity_key()
                .map_or_else(String::new, key_display)
        ),
    )
    .with_help(deleted_help(&inst.model))
}

/// What an `ObjectDeletedError` may mean. On a reflected table whose
/// single integer key is not SQLite's rowid (`BIGINT`/`INT PRIMARY KEY`,
/// `INTEGER PRIMARY KEY DESC`: a key that admits NULLs), an object added
/// without its key took the new rowid as its key, as SQLAlchemy's
/// `lastrowid` does, while the INSERT stored NULL: no row has that key.
fn deleted_help(model: &crate::schema::model::Model) -> String {
    let forgets = "db.session.expunge(obj) forgets it";
    match model.pk.as_slice() {
        [i] if model.key_repeats && model.columns[*i].ty.is_integer() => {
            let c = &model.columns[*i];
            format!(
                "if it was added without {attr}: SQLite numbers only a column declared exactly INTEGER PRIMARY KEY (the rowid), and {table}.{name} is not one, so the INSERT stored NULL in it and the session took the new rowid as the key; give it a value ({model}({attr}=…)); else its row was deleted since it was loaded; {forgets}",
                attr = c.attr,
                table = model.table,
                name = c.name,
                model = model.name,
            )
        }
        _ => format!("its row was deleted since it was loaded; {forgets}"),
    }
}

/// The error of reading a pending object's expired attributes (a rollback
/// made it transient with its attributes expired, then it was added
/// again): SQLAlchemy's "is not persistent within this Session".
pub fn pending_expired(inst: &Instance) -> Error {
    Error::new(
        ErrorKind::InvalidRequestError,
        format!(
            "{} cannot be refreshed: it is pending (no row yet) and its attributes expired",
            describe(inst)
        ),
    )
    .with_help("a rollback expired it before its row was committed; make it again")
}
