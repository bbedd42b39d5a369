//! What a bulk UPDATE leaves on the objects of the session it matched,
//! as SQLAlchemy's `_apply_update_set_values_to_objects`: each takes the
//! `onupdate=` values computed for the statement (prefetched), its
//! columns set by SQL expressions or by the database expire (postfetched),
//! then every SET value that can be evaluated in Python is computed for
//! each loaded, unchanged column and committed; a SET column that could
//! not be (an SQL function, a value reading an expired column), or that
//! held a change not flushed, expires. Columns not loaded stay so, and
//! the rest of the object is left as it was — partially expired objects
//! included.

use std::rc::Rc;

use crate::error::Result;
use crate::orm::bulk::Fill;
use crate::orm::convert::from_param;
use crate::orm::evaluate::{Eval, Unevaluable};
use crate::orm::evaluate_py::decimal_value;
use crate::orm::instance::Instance;
use crate::orm::rekey::key_of_values;
use crate::orm::session::Session;
use crate::value::Value;

/// A SET value compiled for evaluation (by column index), or why not.
pub type SetEval = (usize, std::result::Result<Eval, Unevaluable>);

impl Session {
    /// A row changed by a bulk UPDATE takes its `onupdate=` values, even
    /// while expired (SQLAlchemy puts the prefetched values in the
    /// object's dict), and an SQL expression's column expires, as do the
    /// `fetched` columns (set by the database: `server_onupdate=`).
    pub(crate) fn apply_fills(&mut self, inst: &Rc<Instance>, fills: &[Fill], fetched: &[usize]) {
        let expired = inst.is_expired();
        let mut expire = fetched.to_vec();
        let mut st = self.edit(inst);
        for f in fills {
            match &f.value {
                Some(v) if expired => st.set_fresh_value(f.column, v.clone()),
                Some(v) => st.set_committed_value(f.column, v.clone()),
                None => expire.push(f.column),
            }
        }
        drop(st);
        if !expire.is_empty() {
            self.expire_attrs(inst, &expire, &[]);
        }
    }

    /// A row changed by a bulk UPDATE: each SET column the object has
    /// loaded and not changed takes the value evaluated in Python, as
    /// committed (`kept` gives the values used as given: aware
    /// datetimes); the other loaded SET columns expire.
    pub(crate) fn apply_update(
        &mut self,
        inst: &Rc<Instance>,
        values: &[SetEval],
        kept: &[(usize, Value)],
    ) -> Result<()> {
        let model = inst.model.clone();
        let loaded = |st: &crate::orm::instance::InstState, i: usize| {
            !st.column_expired(i) && !st.column_deferred(i)
        };
        let mut expire = Vec::new();
        let mut evaluated = Vec::new();
        for (i, ev) in values {
            let st = inst.st.borrow();
            if !loaded(&st, *i) {
                continue;
            }
            let readable = ev
                .as_ref()
                .ok()
                .filter(|ev| !ev.reads_expired(&|j| !loaded(&st, j)));
            let (Some(ev), false) = (readable, st.column_touched(*i)) else {
                expire.push(*i);
                continue;
            };
            let exact = decimal_value(ev, st.values())?;
            let v = match (kept.iter().find(|(k, _)| k == i), exact) {
                (Some((_, v)), _) => v.clone(),
                (None, Some(v)) => v,
                (None, None) => {
                    let p = ev.value(&model, st.values())?;
                    from_param(&model.columns[*i].ty, &p)
                }
            };
            drop(st);
            self.edit(inst).set_committed_value(*i, v);
            evaluated.push(*i);
        }
        if evaluated.iter().any(|i| model.pk.contains(i)) {
            // The row's key moved; the identity map follows at the
            // object's next flush, as SQLAlchemy's `_register_persistent`.
            let key = key_of_values(&model, inst.st.borrow().values())?;
            if let Some(k) = key {
                self.edit(inst).set_row_key(k);
            }
        }
        if !expire.is_empty() {
            self.expire_attrs(inst, &expire, &[]);
        }
        Ok(())
    }
}
