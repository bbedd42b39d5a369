//! Loading a query's rows into the session: instances for a one-model
//! query (each row let go once its object is built), `Row`s otherwise,
//! uniqued where the legacy Query uniques (`orm::unique`); one-value
//! selects. SQLAlchemy's `loading.instances` for what ormsh's queries ask.

use std::rc::Rc;

use crate::error::Result;
use crate::orm::convert::plain_value;
use crate::orm::query::{Entity, Query};
use crate::orm::row::Row;
use crate::orm::session::Session;
use crate::orm::unique::{Rule, Uniquer, legacy_uniques, may_repeat, unhashable_columns};
use crate::sql::ast::{Param, Select};
use crate::sql::compile::{self, Mode};
use crate::value::Value;

impl Session {
    /// Run a query and build its results: instances for a one-model query,
    /// Rows otherwise.
    pub fn load_all(&mut self, q: &Query) -> Result<Vec<Value>> {
        let sel = q.to_select();
        self.load_select(q, &sel)
    }

    pub fn load_select(&mut self, q: &Query, sel: &Select) -> Result<Vec<Value>> {
        crate::orm::retire::check_query(q)?;
        q.compilable()?;
        crate::sql::compile_check::check_result_columns(sel)?;
        let compiled = compile::select(sel, Mode::Execute, self.engine.dialect());
        self.load_late(&compiled)?;
        if q.single_model().is_none() && has_untyped(q) {
            // An untyped expression's value is the driver's own
            // (psycopg2's by the column's type on PostgreSQL).
            let (mut rows, mut natives) = (Vec::new(), Vec::new());
            self.engine.query_native(&compiled, |row, native| {
                rows.push(row.to_vec());
                natives.push(native.to_vec());
                Ok(true)
            })?;
            return self.load_rows(q, sel, rows, natives);
        }
        let rows = self.engine.query_all(&compiled)?;
        if let Some(m) = q.single_model() {
            // Rows read under the query's deferral (a row of some columns
            // only is widened), which may load what the model defers.
            let mask = q.column_mask();
            let rows: Vec<Vec<Param>> = match &mask {
                Some(mask) => (rows.iter())
                    .map(|r| crate::orm::deferral::widen(r, mask))
                    .collect(),
                None => rows,
            };
            if let Some(kept) = self.captured_rows.as_mut() {
                kept.clone_from(&rows);
            }
            let mask = mask.unwrap_or_else(|| crate::orm::deferral::all_loaded(m));
            let outer = self.row_mask.replace((m.id, mask));
            let exprs = std::mem::replace(&mut self.row_exprs, q.expressions().map(|e| (m.id, e)));
            let out = self.load_rows(q, sel, rows, Vec::new());
            self.row_mask = outer;
            self.row_exprs = exprs;
            return out;
        }
        self.load_rows(q, sel, rows, Vec::new())
    }

    /// Build a query's results from its rows (each row whole).
    /// `natives`: each row's cells as the driver gives them to Python,
    /// for the untyped expressions (empty when not asked, or on SQLite).
    fn load_rows(
        &mut self,
        q: &Query,
        sel: &Select,
        rows: Vec<Vec<Param>>,
        natives: Vec<Vec<Value>>,
    ) -> Result<Vec<Value>> {
        let mut out = Vec::with_capacity(rows.len());
        // The legacy Query returns each row once (a join can repeat one);
        // a 2.0 select keeps the rows as they are (`orm::unique`).
        let legacy = legacy_uniques(q);
        let mut unique = legacy.then(|| Uniquer::new(Rule::Legacy, unhashable_columns(q)));
        if let Some(model) = q.loaded_model() {
            let model = model.clone();
            if !may_repeat(sel, &model) {
                unique = None;
            }
            let mut seen_none = false;
            // Each row is let go once its object is built, so the rows and
            // the objects they become are not held at once.
            for (i, row) in rows.into_iter().enumerate() {
                if i % 256 == 255 {
                    crate::memory::check()?;
                }
                crate::orm::bind_check::check_row(&model, &row)?;
                match self.instance_for_row(&model, &row) {
                    Some(inst) => {
                        if unique.as_mut().is_some_and(|u| u.repeats_object(&inst)) {
                            continue;
                        }
                        out.push(Value::Obj(inst));
                    }
                    // A row without the entity (its key NULL: the far side
                    // of an outer join) is None, as in SQLAlchemy; the
                    // legacy Query gives it once.
                    None => {
                        if legacy && seen_none {
                            continue;
                        }
                        seen_none = true;
                        out.push(Value::None);
                    }
                }
            }
            return Ok(out);
        }
        let keys: Rc<[Rc<str>]> = Rc::from(q.keys());
        let origins = q.origins();
        for (i, row) in rows.into_iter().enumerate() {
            if i % 256 == 255 {
                crate::memory::check()?;
            }
            let mut values = Vec::with_capacity(q.entities.len());
            let mut at = 0;
            for e in &q.entities {
                match e {
                    Entity::Model(_) | Entity::Aliased(_) => {
                        let m = match e {
                            Entity::Aliased(a) => &a.model,
                            Entity::Model(m) => m,
                            Entity::Expr(_) => continue,
                        };
                        let n = m.columns.len();
                        crate::orm::bind_check::check_row(m, &row[at..at + n])?;
                        let v = self
                            .instance_for_row(m, &row[at..at + n])
                            .map_or(Value::None, |i| Value::Obj(i));
                        values.push(v);
                        at += n;
                    }
                    Entity::Expr(s) => {
                        let p = &row[at];
                        let native = natives.get(i).and_then(|n| n.get(at));
                        values.push(match (&s.ty, native) {
                            (Some(ty), _) => crate::orm::convert::expr_value(ty, p)?,
                            (None, Some(v)) => v.clone(),
                            (None, None) => plain_value(p),
                        });
                        at += 1;
                    }
                }
            }
            if let Some(u) = unique.as_mut()
                && u.repeats_row(&values)?
            {
                continue;
            }
            out.push(Value::Obj(Rc::new(Row {
                keys: keys.clone(),
                values,
                origins: Some(origins.clone()),
            })));
        }
        Ok(out)
    }

    /// Run a one-value select (count, exists, scalar).
    pub fn scalar_select(&mut self, sel: &Select) -> Result<Value> {
        let compiled = compile::select(sel, Mode::Execute, self.engine.dialect());
        self.load_late(&compiled)?;
        let mut first = None;
        self.engine.query_native(&compiled, |row, native| {
            if first.is_none() {
                first = native
                    .first()
                    .cloned()
                    .or_else(|| row.first().map(plain_value));
            }
            Ok(true)
        })?;
        Ok(first.unwrap_or(Value::None))
    }
}

/// Does the query select an expression SQLAlchemy leaves untyped
/// (`NullType`: no result processor, the driver's value as it is)?
fn has_untyped(q: &Query) -> bool {
    q.entities
        .iter()
        .any(|e| matches!(e, Entity::Expr(s) if s.ty.is_none()))
}
