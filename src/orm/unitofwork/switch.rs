//! The row switch (SQLAlchemy's `persistence._organize_states_for_save`):
//! a new object whose primary key is that of an object deleted in the
//! same flush takes over the deleted object's row. The flush writes no
//! DELETE and no INSERT for the pair but one UPDATE of the columns the new
//! object was given (its key in the WHERE clause); columns it was not
//! given keep the row's values, and Python-side defaults do not apply
//! (`takes_over_row`).

use std::rc::Rc;

use rustc_hash::FxHashSet as HashSet;

use crate::error::Result;
use crate::orm::instance::{Instance, Status};
use crate::orm::rekey::key_of_values;
use crate::orm::session::Session;
use crate::orm::undo::Part;
use crate::orm::unitofwork::plan::{Op, Planner, Row};
use crate::orm::unitofwork::states::PlanValue;
use crate::schema::model::Model;
use crate::value::Value;

/// The row switches of a flush: the new objects that take over a row,
/// and the deleted objects whose row they take.
#[derive(Default)]
pub struct Switches {
    pub new: HashSet<*const Instance>,
    pub old: HashSet<*const Instance>,
}

impl Planner<'_> {
    /// Find the row switches: each new object of the flush whose key,
    /// with the copies the flush makes into it, is known and names the
    /// row of an object in the identity map that this flush deletes.
    /// Several new objects with that key all take over the row (each
    /// meets the deleted object in the identity map: SQLAlchemy writes an
    /// UPDATE for each, in the order they were added).
    pub(super) fn find_switches(&self, session: &Session) -> Result<Switches> {
        let mut s = Switches::default();
        for (pos, x) in self.reg.list[..self.reg.pending].iter().enumerate() {
            if self.reg.deleted[pos] || x.status() != Status::Pending {
                continue;
            }
            let model = &x.model;
            let mut values: Vec<Value> = vec![Value::None; model.columns.len()];
            let mut known = true;
            for &i in &model.pk {
                match self.value(x, i) {
                    PlanValue::Known(v) => values[i] = v,
                    PlanValue::Deferred { .. } => known = false,
                }
            }
            if !known {
                continue;
            }
            let Some(key) = key_of_values(model, &values)? else {
                continue;
            };
            let Some(old) = session.identity.get(&(model.id, key)) else {
                continue;
            };
            let deleted = self
                .reg
                .find(&old)
                .is_some_and(|p| self.reg.deleted[p as usize]);
            if deleted {
                s.old.insert(Rc::as_ptr(&old));
                s.new.insert(Rc::as_ptr(x));
            }
        }
        Ok(s)
    }

    /// The UPDATE row of a new object taking over a row: the columns it
    /// was given (or the flush copies into it) other than its key, then
    /// its key. None when it was given no other column: SQLAlchemy then
    /// writes nothing.
    pub(super) fn switch_row(
        &self,
        model: &Rc<Model>,
        x: &Rc<Instance>,
    ) -> Result<Option<(Vec<usize>, Row, Op)>> {
        let mut cols = Vec::new();
        let mut params = Vec::new();
        for (i, c) in model.columns.iter().enumerate() {
            let given = x.st.borrow().is_set(i) || self.copy_of(x, i).is_some();
            if c.primary_key || !given {
                continue;
            }
            params.push(self.param(&self.value(x, i), &c.ty)?);
            cols.push(i);
        }
        if cols.is_empty() {
            return Ok(None);
        }
        let onupdate = self.add_onupdate(model, x, &mut cols, &mut params)?;
        for &i in &model.pk {
            params.push(self.param(&self.value(x, i), &model.columns[i].ty)?);
        }
        let row = Row {
            inst: Some(x.clone()),
            params,
            cols: cols.clone(),
            onupdate,
            returning: Vec::new(),
        };
        Ok(Some((cols, row, Op::Update)))
    }
}

/// After a row switch's UPDATE (or in its place): the deleted object
/// leaves the identity map as a deleted one does, the new one is
/// persistent under the key. Columns it was not given read None until it
/// is expired (as an attribute SQLAlchemy never loaded does). A second
/// new object taking the same row replaces the first in the identity map
/// (SQLAlchemy's `_register_persistent`), which stays persistent.
pub fn switched(session: &mut Session, x: &Rc<Instance>) -> Result<()> {
    let model = x.model.clone();
    let key = key_of_values(&model, x.st.borrow().values())?;
    let Some(key) = key else {
        return Ok(());
    };
    if let Some(old) = session.identity.get(&(model.id, key.clone()))
        && !Rc::ptr_eq(&old, x)
        && old.is_marked_deleted()
    {
        session.after_delete(&old);
    }
    let mut st = session.edit_part(x, |st| {
        (st.status() == Status::Pending).then_some(Part::Inserted {
            auto_pk: None,
            expired: st.is_expired(),
        })
    });
    st.become_inserted(key.clone());
    drop(st);
    session.identity.insert((model.id, key), x);
    session.inserted_in_tx.push(x.clone());
    session.note_nested(crate::orm::nested::Noted::Inserted, x);
    Ok(())
}

/// Will `inst`, a new object, take over the row of an object marked for
/// deletion (its key, as given, names one in the identity map)? Its
/// column defaults are then not filled: the flush UPDATEs the row.
pub fn takes_over_row(session: &Session, inst: &Instance) -> bool {
    let st = inst.st.borrow();
    let Ok(Some(key)) = key_of_values(&inst.model, st.values()) else {
        return false;
    };
    session
        .identity
        .get(&(inst.model.id, key))
        .is_some_and(|old| old.is_marked_deleted())
}
