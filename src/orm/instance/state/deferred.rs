//! Deferred columns of an object's state: left unloaded by the query
//! that loaded it (`defer`, `load_only`, a `deferred()` column), loaded
//! on their own when read (SQLAlchemy's `DeferredColumnLoader`), or
//! raising then (`raiseload=True`).

use super::InstState;
use crate::orm::deferral::Expressions;
use crate::value::Value;

impl InstState {
    /// The `with_expression()` options of the query that loaded it.
    pub fn expressions(&self) -> Option<Expressions> {
        self.rare().and_then(|r| r.expressions.clone())
    }

    /// Remember the `with_expression()` options of the query loading it.
    pub fn set_expressions(&mut self, e: Option<Expressions>) {
        if e.is_some() || self.rare().is_some() {
            self.rare_mut().expressions = e;
        }
    }

    /// The columns the model defers that the loading query's `undefer()`
    /// options loaded.
    pub fn undeferred(&self) -> Option<std::rc::Rc<[usize]>> {
        self.rare().and_then(|r| r.undeferred.clone())
    }

    /// Remember the columns the loading query undeferred.
    pub fn set_undeferred(&mut self, cols: Option<std::rc::Rc<[usize]>>) {
        if cols.is_some() || self.rare().is_some() {
            self.rare_mut().undeferred = cols;
        }
    }

    /// Leave column `i` unloaded, deferred (raising when read if `raise`).
    pub fn defer_column(&mut self, i: usize, raise: bool) {
        self.unset_value(i);
        let r = self.rare_mut();
        r.deferred.put(i, true);
        r.deferred_raise.put(i, raise);
    }

    /// Is column `i` unloaded by a deferral?
    pub fn column_deferred(&self, i: usize) -> bool {
        self.rare().is_some_and(|r| r.deferred.get(i))
    }

    /// Does reading deferred column `i` raise (`raiseload=True`)?
    pub fn deferred_raises(&self, i: usize) -> bool {
        self.rare()
            .is_some_and(|r| r.deferred.get(i) && r.deferred_raise.get(i))
    }

    /// Column `i` loaded by a deferred load (or an expired deferred
    /// column's own load): its value, as the database holds it.
    pub fn load_deferred_value(&mut self, i: usize, v: Value) {
        if self.expired {
            self.fresh.mark(i);
        }
        self.set_committed_value(i, v);
    }

    /// Load a row into the expired columns as `load_expired` does, but
    /// leave those `masked` names (a deferral of the load) unloaded.
    pub fn load_expired_masked(
        &mut self,
        mut row: impl FnMut(usize) -> Value,
        masked: impl Fn(usize) -> Option<bool>,
    ) {
        if !self.expired {
            return;
        }
        for i in 0..self.values.len() {
            if self.fresh.get(i) {
                continue;
            }
            match masked(i) {
                Some(raise) => self.defer_column(i, raise),
                None => self.set_committed_value(i, row(i)),
            }
        }
        self.forget_expiry();
        self.stale = false;
    }
}

impl InstState {
    /// `fill_unset` for a row that holds only some columns: those `skip`
    /// names (deferred by the load) are left as they are.
    pub fn fill_unset_except(
        &mut self,
        mut value: impl FnMut(usize) -> Value,
        skip: impl Fn(usize) -> bool,
    ) {
        for i in 0..self.values.len() {
            if self.set.get(i) || self.column_expired(i) || skip(i) {
                continue;
            }
            let v = value(i);
            if let Some(old) = self.committed.as_mut() {
                old[i] = v.clone();
            }
            self.set_value(i, v);
        }
    }
}
