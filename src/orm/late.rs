//! Values a statement reads from an object when it runs, not when it is
//! built: SQLAlchemy's callable bind parameters for comparing a
//! relationship with an object (`RelationshipProperty._optimized_compare`,
//! `_get_attr_w_warn_on_none`). `Bee.query.filter_by(ant=a)` with a pending
//! `a` finds the bees of the row the query's autoflush inserts; with a
//! transient `a` whose key was never set it fails when it runs
//! (`StatementError`), as there is nothing to compare with.
//!
//! What the value is, as SQLAlchemy reads it when the statement runs:
//! - a persistent object: its current value, loaded first when expired
//!   ([`Session::load_late`], before the statement);
//! - any other state: the value in memory; none if it was never set; an
//!   expired (detached) object's value from before its expiry, when the
//!   comparison was built before that expiry (SQLAlchemy's "last known
//!   value", tracked from when the comparison is made), none otherwise.

use std::any::Any;
use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::convert::to_param;
use crate::orm::instance::{Instance, Status};
use crate::orm::session::Session;
use crate::sql::ast::{Compiled, Late, LateValue, Param, SqlExpr};

/// One column of one object, read when the statement runs.
pub struct LateColumn {
    inst: Rc<Instance>,
    col: usize,
    /// The object was expired when the comparison was built: no value from
    /// before an expiry is known (SQLAlchemy tracks the last known value
    /// only from then on).
    expired_at_build: bool,
}

/// `?` bound to column `col` of `inst` when the statement runs, named after
/// `key` (the column it is compared with).
pub fn late_param(inst: &Rc<Instance>, col: usize, key: &Rc<str>) -> SqlExpr {
    let expired_at_build = inst.st.borrow().column_expired(col);
    SqlExpr::Late {
        value: Late(Rc::new(LateColumn {
            inst: inst.clone(),
            col,
            expired_at_build,
        })),
        key: Some(key.clone()),
    }
}

impl LateColumn {
    /// `ant.id`, as SQLAlchemy names the column in its message.
    fn column_name(&self) -> String {
        let m = &self.inst.model;
        format!("{}.{}", m.table, m.columns[self.col].name)
    }

    fn no_value(&self, why: &str, help: &str) -> Error {
        Error::new(
            ErrorKind::StatementError,
            format!(
                "can't compare with the {} object given: {} has {why}",
                self.inst.model.name,
                self.column_name()
            ),
        )
        .with_help(help)
    }
}

impl LateValue for LateColumn {
    fn value(&self) -> Result<Param> {
        let st = self.inst.st.borrow();
        let ty = &self.inst.model.columns[self.col].ty;
        let value = st.value(self.col);
        if st.status() == Status::Persistent {
            // Loaded by `Session::load_late` when it was expired.
            return to_param(ty, value);
        }
        if st.column_expired(self.col) {
            if self.expired_at_build || !st.is_set(self.col) {
                return Err(self.no_value(
                    "no value: the object is detached and its attributes expired",
                    "add it back to the session (db.session.add(obj)) before the query runs, so its row can be read",
                ));
            }
            return to_param(ty, value);
        }
        if !st.is_set(self.col) {
            let state = match st.status() {
                Status::Transient => "transient",
                Status::Pending => "pending",
                Status::Deleted => "deleted",
                Status::Detached => "detached",
                Status::Persistent => "persistent",
            };
            return Err(self.no_value(
                &format!("no value yet (the object is {state}; its key is given when it is flushed)"),
                "add the object to the session first (db.session.add(obj)): the query's autoflush then inserts it and gives it a key",
            ));
        }
        to_param(ty, value)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Session {
    /// Before `c` runs: load the expired persistent objects whose values
    /// it binds late, as SQLAlchemy loads them when it reads the values
    /// (after the autoflush, before the statement).
    pub fn load_late(&mut self, c: &Compiled) -> Result<()> {
        for (_, late) in &c.late {
            let Some(lc) = late.0.as_any().downcast_ref::<LateColumn>() else {
                continue;
            };
            let persistent = lc.inst.st.borrow().status() == Status::Persistent;
            if persistent {
                self.ensure_loaded(&lc.inst)?;
            }
        }
        Ok(())
    }
}
