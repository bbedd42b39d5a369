//! The row of one object in a flush's INSERT or UPDATE (SQLAlchemy's
//! `persistence._collect_insert_commands` / `_collect_update_commands`):
//! which columns it writes and their values, known or deferred.

use std::rc::Rc;

use crate::error::Result;
use crate::orm::instance::Instance;
use crate::orm::onupdate::{same, values_of};
use crate::orm::unitofwork::plan::{Op, PlanParam, Planner, Row};
use crate::orm::unitofwork::states::PlanValue;
use crate::schema::model::Model;
use crate::sql::ast::Param;
use crate::value::Value;

impl Planner<'_> {
    /// The INSERT row of a new object: every column with a value, and the
    /// ones without where no default would fill them (SQLAlchemy leaves a
    /// None out of the INSERT so the column's default applies). The
    /// integer primary key without a value is numbered by the database.
    /// A None given to a JSON column is JSON `'null'`
    /// (`Column::none_is_json_null`).
    pub(super) fn insert_row(
        &self,
        model: &Rc<Model>,
        x: &Rc<Instance>,
    ) -> Result<(Vec<usize>, Row, Op)> {
        let mut cols = Vec::new();
        let mut params = Vec::new();
        let mut auto_pk = None;
        for (i, c) in model.columns.iter().enumerate() {
            let v = self.value(x, i);
            let none = matches!(v, PlanValue::Known(Value::None));
            if none && c.none_is_json_null() && x.st.borrow().is_set(i) {
                params.push(PlanParam::Bound(Param::Text(Rc::from("null"))));
                cols.push(i);
                continue;
            }
            if none {
                if c.primary_key
                    && model.pk.len() == 1
                    && c.ty.is_integer()
                    && c.autoincrement != Some(false)
                {
                    auto_pk = Some(i);
                    continue;
                }
                if c.server_default.is_some() {
                    continue;
                }
            }
            params.push(self.param(&v, &c.ty)?);
            cols.push(i);
        }
        let row = Row {
            inst: Some(x.clone()),
            params,
            cols: Vec::new(),
            onupdate: Vec::new(),
        };
        Ok((cols, row, Op::Insert { auto_pk }))
    }

    /// The UPDATE row of an object with a row, if a column changed: the
    /// changed columns, the `onupdate=` values of the columns it does not
    /// change (SQLAlchemy's `_collect_update_commands`), then its key in
    /// the database. A copy into an expired column counts as a change (its
    /// old value is not known, as in SQLAlchemy).
    pub(super) fn update_row(
        &self,
        model: &Rc<Model>,
        x: &Rc<Instance>,
    ) -> Result<Option<(Vec<usize>, Row)>> {
        let mut cols = Vec::new();
        let mut params = Vec::new();
        {
            let st = x.st.borrow();
            let before: &[Value] = st.committed().unwrap_or(st.values());
            for (i, c) in model.columns.iter().enumerate() {
                let v = self.copy_of(x, i);
                let changed = match v {
                    Some(PlanValue::Deferred { .. }) => true,
                    Some(PlanValue::Known(v)) => st.column_expired(i) || !same(v, &before[i]),
                    None => st.committed().is_some() && !same(st.value(i), &before[i]),
                };
                if changed {
                    let v = v
                        .cloned()
                        .unwrap_or_else(|| PlanValue::Known(st.value(i).clone()));
                    params.push(match v {
                        PlanValue::Known(Value::None) if c.none_is_json_null() => {
                            PlanParam::Bound(Param::Text(Rc::from("null")))
                        }
                        v => self.param(&v, &c.ty)?,
                    });
                    cols.push(i);
                }
            }
        }
        if cols.is_empty() || !x.has_identity() {
            return Ok(None);
        }
        let onupdate = self.add_onupdate(model, x, &mut cols, &mut params)?;
        for part in 0..model.pk.len() {
            params.push(PlanParam::RowKey {
                inst: x.clone(),
                part,
            });
        }
        let row = Row {
            inst: Some(x.clone()),
            params,
            cols: cols.clone(),
            onupdate,
        };
        Ok(Some((cols, row)))
    }

    /// The `onupdate=` values of `x` for the columns its UPDATE row does
    /// not set (`cols`), added to the row's columns and parameters; the
    /// object takes them once the row is written (`Row::onupdate`).
    pub(super) fn add_onupdate(
        &self,
        model: &Model,
        x: &Rc<Instance>,
        cols: &mut Vec<usize>,
        params: &mut Vec<PlanParam>,
    ) -> Result<Vec<(usize, Value)>> {
        let mut onupdate = Vec::new();
        for (i, v) in values_of(self.onupdate, x) {
            if !cols.contains(&i) {
                params.push(self.param(&PlanValue::Known(v.clone()), &model.columns[i].ty)?);
                cols.push(i);
                onupdate.push((i, v.clone()));
            }
        }
        Ok(onupdate)
    }
}
