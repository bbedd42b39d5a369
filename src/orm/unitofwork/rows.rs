//! The row of one object in a flush's INSERT or UPDATE (SQLAlchemy's
//! `persistence._collect_insert_commands` / `_collect_update_commands`):
//! which columns it writes and their values, known, deferred or SQL; and
//! the rows of one shape grouped into statements as
//! `_emit_insert_statements` groups them (several rows whose key the
//! database numbers return it: SQLAlchemy's insertmanyvalues).

use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

use crate::error::{ErrorKind, Result};
use crate::orm::instance::Instance;
use crate::orm::onupdate::{same, values_of};
use crate::orm::unitofwork::keys::refuse_null_key;
use crate::orm::unitofwork::plan::{Op, PlanParam, Planner, Row, Statement, Step};
use crate::orm::unitofwork::sql_values::{
    attribute_sql, holds_sql, many_texts, onupdate_sql, returning, sql_param,
};
use crate::orm::unitofwork::states::PlanValue;
use crate::schema::model::Model;
use crate::sql::ast::{Param, SqlExpr};
use crate::value::Value;

impl Planner<'_> {
    /// The INSERT row of a new object: every column with a value, the SQL
    /// of a SQL `default=`, and the ones without where no default would
    /// fill them (SQLAlchemy leaves a None out of the INSERT so the
    /// column's default applies); the columns it reads back. The
    /// integer primary key without a value is numbered by the database.
    /// A None given to a JSON column is JSON `'null'`
    /// (`Column::none_is_json_null`).
    pub(super) fn insert_row(
        &self,
        model: &Rc<Model>,
        x: &Rc<Instance>,
    ) -> Result<(Vec<usize>, Row, Op)> {
        // Sized once: the plan holds every row's parameters until it runs.
        let mut cols = Vec::with_capacity(model.columns.len());
        let mut params = Vec::with_capacity(model.columns.len());
        let mut auto_pk = None;
        let mut sql = Vec::new();
        for (i, c) in model.columns.iter().enumerate() {
            // A `column_property()` is no column of the table.
            if c.expression.is_some() {
                continue;
            }
            let v = self.value(x, i);
            let none = matches!(v, PlanValue::Known(Value::None));
            if none && c.none_is_json_null() && x.st.borrow().is_set(i) {
                params.push(PlanParam::Bound(Param::Text(Rc::from("null"))));
                cols.push(i);
                continue;
            }
            if none {
                // `nextval('seq')` where the dialect has sequences,
                // read back with RETURNING (`eval::sequence`).
                if let Some(s) = c.sequence.as_ref().filter(|_| self.dialect.sequences) {
                    params.push(sql_param(&s.next_value(self.dialect), self.dialect)?);
                    cols.push(i);
                    sql.push(i);
                    continue;
                }
                if c.primary_key
                    && model.pk.len() == 1
                    && c.ty.is_integer()
                    && c.autoincrement != Some(false)
                {
                    auto_pk = Some(i);
                    continue;
                }
                if let Some(e) = self.sql_default(x, i) {
                    params.push(sql_param(e, self.dialect)?);
                    cols.push(i);
                    sql.push(i);
                    continue;
                }
                if c.server_generated() || c.computed.is_some() {
                    continue;
                }
            }
            params.push(self.column_param(model, c, &v)?);
            cols.push(i);
        }
        let row = Row {
            inst: Some(x.clone()),
            params,
            cols: Vec::new(),
            onupdate: Vec::new(),
            returning: match returning(model, &cols, &sql) {
                // PostgreSQL reads the key it numbered back with RETURNING.
                r if r.is_empty() && auto_pk.is_some() && self.dialect.implicit_returning => {
                    model.pk.clone()
                }
                r => r,
            },
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
                if c.expression.is_some() {
                    continue;
                }
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
                        v => self.column_param(model, c, &v)?,
                    });
                    cols.push(i);
                }
            }
        }
        if cols.is_empty() || !x.has_identity() {
            return Ok(None);
        }
        refuse_null_key(x, "update table")?;
        let onupdate = self.add_onupdate(model, x, &mut cols, &mut params)?;
        // SET in table order, the `onupdate=` columns in their place
        // (SQLAlchemy's `crud._scan_cols` walks the table's columns).
        let mut set: Vec<(usize, PlanParam)> = cols.iter().copied().zip(params).collect();
        set.sort_by_key(|(i, _)| *i);
        let (cols, mut params): (Vec<usize>, Vec<PlanParam>) = set.into_iter().unzip();
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
            returning: Vec::new(),
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
                params.push(match onupdate_sql(v) {
                    Some(e) => sql_param(&e, self.dialect)?,
                    None => self.param(&PlanValue::Known(v.clone()), &model.columns[i].ty)?,
                });
                cols.push(i);
                onupdate.push((i, v.clone()));
            }
        }
        Ok(onupdate)
    }

    /// Rows of one kind as statements, consecutive rows of one shape
    /// sharing one (as SQLAlchemy groups them).
    pub(super) fn batches(
        &mut self,
        kind: u8,
        model: &Rc<Model>,
        rows: Vec<(Vec<usize>, Row, Op)>,
    ) {
        let keys: Vec<Rc<str>> = model
            .pk
            .iter()
            .map(|&i| model.columns[i].name.clone())
            .collect();
        // The columns a Python-side default filled, by object: a row
        // groups only with rows that gave the same keys (SQLAlchemy's
        // `_emit_insert_statements` groups records by their parameters'
        // keys, and a defaulted column's key is not among them).
        let mut filled: HashMap<*const Instance, Vec<usize>> = HashMap::default();
        if kind == 0 {
            for (x, i, _) in self.defaulted {
                filled.entry(Rc::as_ptr(x)).or_default().push(*i);
            }
        }
        let filled_of = |r: &Row| -> Option<&Vec<usize>> {
            r.inst.as_ref().and_then(|x| filled.get(&Rc::as_ptr(x)))
        };
        // Consecutive rows of one shape: one statement.
        let mut runs: Vec<Run> = Vec::new();
        for (cols, row, op) in rows {
            let sql_at: Vec<bool> = (row.params.iter())
                .map(|p| matches!(p, PlanParam::Sql { .. }))
                .collect();
            // A row holding an attribute's SQL runs alone (SQLAlchemy's
            // `hasvalue` records: one execute each, no RETURNING batch).
            let alone =
                |r: &Row, cols: &[usize]| r.inst.as_ref().is_some_and(|x| holds_sql(x, cols));
            if let Some((c, o, s, rows)) = runs.last_mut()
                && !alone(&row, &cols)
                && !alone(&rows[0], c)
                && *c == cols
                && *o == op
                && *s == sql_at
                && rows[0].returning == row.returning
                && filled_of(&rows[0]) == filled_of(&row)
            {
                rows.push(row);
                continue;
            }
            runs.push((cols, op, sql_at, vec![row]));
        }
        let keys: &[Rc<str>] = if kind == 0 { &[] } else { &keys };
        for (mut cols, op, mut sql_at, mut rows) in runs {
            let key_extra = filled_of(&rows[0]).map(|f| {
                let names: Vec<&str> = f.iter().map(|&i| &*model.columns[i].name).collect();
                Rc::from(names.join(","))
            });
            if let Op::Insert { auto_pk: Some(pk) } = op
                && self.dialect.null_numbers_key
                && rows.len() > 1
                && cols.is_empty()
                && rows[0].returning.is_empty()
            {
                // Several rows of a table with only its key to number:
                // `INSERT INTO k (id) VALUES (NULL) RETURNING id` each, as
                // insertmanyvalues writes them (a single row is `DEFAULT
                // VALUES`).
                for row in &mut rows {
                    row.params = vec![PlanParam::Sql {
                        sql: Box::new(SqlExpr::Null),
                        params: Box::new([]),
                    }];
                }
                cols = vec![pk];
                sql_at = vec![true];
            }
            let names = || -> Vec<Rc<str>> {
                (cols.iter())
                    .map(|&i| model.columns[i].name.clone())
                    .collect()
            };
            let mut plain = None;
            if let Op::Insert { auto_pk: Some(_) } = op
                && rows.len() > 1
                && rows[0].returning.is_empty()
            {
                // Several rows the database numbers: an executemany with
                // RETURNING of the key (SQLAlchemy's insertmanyvalues).
                for row in &mut rows {
                    row.returning = model.pk.clone();
                }
                // The key is all it returns: a single row's INSERT reads
                // the same key without RETURNING.
                if !sql_at.contains(&true) && model.pk.len() == 1 {
                    plain = Some(self.text(kind, &model.table, &names(), keys));
                }
            }
            let many = match op {
                Op::Insert { auto_pk: Some(pk) }
                    if self.dialect.implicit_returning
                        && rows.len() > 1
                        && !sql_at.contains(&true) =>
                {
                    many_texts(model, &cols, pk, &rows, self.dialect)
                }
                _ => Vec::new(),
            };
            let sql = if sql_at.contains(&true) || !rows[0].returning.is_empty() {
                self.text_with_sql(kind, model, &cols, &rows[0], keys)
            } else {
                self.text(kind, &model.table, &names(), keys)
            };
            self.steps.push(Step::Run(Statement {
                sql,
                plain,
                many,
                table: model.table.clone(),
                op,
                rows,
                key_extra,
            }));
        }
    }
}

/// Consecutive rows of one shape, one statement: the columns written,
/// what it does, which parameters are SQL, the rows.
type Run = (Vec<usize>, Op, Vec<bool>, Vec<Row>);

impl Planner<'_> {
    /// [`param`](Self::param) for column `c` of `model`, SQL the object
    /// holds written inline; a reflected
    /// model's column binds a plain value its type refuses as it is (the
    /// table may already hold such values, and ormsh reads them back as
    /// they are, `orm::convert::check_assign`'s note).
    pub(super) fn column_param(
        &self,
        model: &Model,
        c: &crate::schema::column::Column,
        v: &PlanValue,
    ) -> Result<PlanParam> {
        // An attribute set to SQL is written inline (`attribute_sql`).
        if let Some(e) = attribute_sql(v) {
            return sql_param(&e, self.dialect);
        }
        match (self.param(v, &c.ty), v) {
            (Err(e), PlanValue::Known(x))
                if e.kind == ErrorKind::StatementError
                    && model.reflected
                    && matches!(
                        x,
                        Value::Int(_) | Value::Float(_) | Value::Str(_) | Value::Bytes(_)
                    ) =>
            {
                Ok(PlanParam::Bound(crate::orm::convert_types::raw_param(x)?))
            }
            (r, _) => r,
        }
    }
}
