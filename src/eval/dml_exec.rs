//! Running a 2.0 DML statement through `db.session.execute` — SQLAlchemy's
//! ORM-enabled `insert()`, `update()` and `delete()`
//! (`orm.bulk_persistence`): the statement's values with the columns'
//! `default=`s (INSERT) or `onupdate=`s (UPDATE) added, a list of
//! parameter dicts as an ORM bulk INSERT or a bulk UPDATE by primary key,
//! the session synchronised (`synchronize_session`, `orm::bulk`), and
//! RETURNING's rows as objects or values; `str(stmt)`.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::inserted_pk::{self, InsertedPk};
use crate::eval::objects::ResultSet;
use crate::eval::surface::query_bulk::onupdate_fills;
use crate::orm::bulk::SyncSession;
use crate::orm::bulk_pk::PkRow;
use crate::orm::convert::{from_param, to_param};
use crate::orm::dml::{Dml, DmlKind, Returned, set_expr};
use crate::orm::instance::KeyPart;
use crate::orm::row::Row;
use crate::schema::model::Model;
use crate::sql::ast::{Param, SqlExpr, ValuesInsert};
use crate::sql::{Mode, values_insert_in};
use crate::value::Value;

pub(super) type Values = Vec<(usize, Value)>;

/// The parameters given to `execute` as parameter sets: a dict is one, a
/// list of dicts many (an ORM bulk statement).
fn param_sets(me: &mut Interp, model: &Model, params: &Value) -> Result<Option<Vec<Values>>> {
    let items = match params {
        Value::Dict(_) => return Ok(Some(vec![dict_row(me, model, params)?])),
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        other => {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                format!(
                    "List argument must consist only of dictionaries, not {}",
                    other.type_name()
                ),
            ));
        }
    };
    let mut rows = Vec::with_capacity(items.len());
    for item in &items {
        rows.push(dict_row(me, model, item)?);
    }
    Ok(Some(rows))
}

/// One parameter dict, keyed by attribute name.
fn dict_row(me: &mut Interp, model: &Model, v: &Value) -> Result<Values> {
    let Value::Dict(d) = v else {
        return Err(Error::new(
            ErrorKind::ArgumentError,
            format!(
                "List argument must consist only of dictionaries, not {}",
                v.type_name()
            ),
        ));
    };
    let mut row = Vec::new();
    for (k, v) in d.borrow().iter() {
        let name = me.str_of_value(k)?;
        let i = model.column(&name).ok_or_else(|| {
            Error::new(
                ErrorKind::CompileError,
                format!("Unconsumed column names: {name}"),
            )
        })?;
        row.push((i, v.clone()));
    }
    Ok(row)
}

impl Interp {
    /// `db.session.execute(insert|update|delete, params,
    /// execution_options={'synchronize_session': …})`
    pub(crate) fn execute_dml(
        &mut self,
        d: &Dml,
        params: Option<Value>,
        sync: Option<SyncSession>,
    ) -> Result<ResultSet> {
        // An ORM INSERT given parameters, or UPDATE given a list of them
        // (by primary key), runs in SQLAlchemy's bulk mode: its result is
        // an `IteratorResult`, or with RETURNING a `ChunkedIteratorResult`.
        let bulk = !d.core
            && d.from_select.is_none()
            && match d.kind {
                DmlKind::Insert => !matches!(params, None | Some(Value::None)),
                DmlKind::Update => matches!(params, Some(Value::List(_) | Value::Tuple(_))),
                DmlKind::Delete => false,
            };
        let mut rs = self.execute_dml_params(d, params, sync)?;
        if bulk {
            match d.returning.is_empty() {
                true => rs.bulk = true,
                false => rs.orm = true,
            }
        }
        Ok(rs)
    }

    fn execute_dml_params(
        &mut self,
        d: &Dml,
        params: Option<Value>,
        sync: Option<SyncSession>,
    ) -> Result<ResultSet> {
        self.autoflush()?;
        let sets = match &params {
            None | Some(Value::None) => None,
            Some(p) => param_sets(self, &d.model, p)?,
        };
        // A Core statement of a table touches no objects.
        let sync = match d.core {
            true => SyncSession::Off,
            false => sync.or(d.sync).unwrap_or(SyncSession::Auto),
        };
        if d.from_select.is_some() {
            if !d.prefixes.is_empty() {
                return Err(Error::new(
                    ErrorKind::NotImplementedError,
                    "prefix_with() on an INSERT … SELECT (from_select) is not supported by ormsh",
                )
                .with_help("prefix an insert() of values instead"));
            }
            return self.insert_from_select(d, sets.is_some());
        }
        let mut rs = match d.kind {
            DmlKind::Insert => match sets {
                Some(sets) if matches!(params, Some(Value::List(_) | Value::Tuple(_))) => {
                    self.bulk_insert(d, sets)
                }
                Some(mut sets) => {
                    let mut rows = d.rows.clone();
                    let mut row = rows.pop().unwrap_or_default();
                    row.extend(sets.pop().unwrap_or_default());
                    rows.push(row);
                    let mut rs = self.insert_rows(d, &rows, d.multi)?;
                    // Parameters to an ORM insert() make it an ORM bulk
                    // INSERT, whose result is no cursor's.
                    if !d.core {
                        rs.inserted_pk = None;
                    }
                    Ok(rs)
                }
                None => self.insert_rows(d, &d.rows, d.multi),
            },
            DmlKind::Update => match sets {
                // A Core UPDATE of a table with many parameter sets: one
                // UPDATE per set, its values over the statement's
                // (executemany), not the ORM's UPDATE by primary key.
                Some(sets) if d.core && sets.len() > 1 => {
                    let mut n = 0;
                    for set in sets {
                        let mut row = d.rows.first().cloned().unwrap_or_default();
                        row.retain(|(i, _)| !set.iter().any(|(j, _)| j == i));
                        row.extend(set);
                        n += self.update_rows(d, &row, sync)?.rowcount;
                    }
                    Ok(ResultSet::no_rows(n))
                }
                Some(sets)
                    if matches!(params, Some(Value::List(_) | Value::Tuple(_))) && !d.core =>
                {
                    self.update_by_pk(d, sets, sync)
                }
                Some(mut sets) => {
                    let mut row = d.rows.first().cloned().unwrap_or_default();
                    let set = sets.pop().unwrap_or_default();
                    row.retain(|(i, _)| !set.iter().any(|(j, _)| j == i));
                    row.extend(set);
                    self.update_rows(d, &row, sync)
                }
                None => self.update_rows(d, d.rows.first().map_or(&[][..], |r| r), sync),
            },
            DmlKind::Delete => {
                crate::eval::dml_froms::check_single_table(&d.model, &d.where_, sync)?;
                if sets.is_some() {
                    return Err(Error::type_(
                        "a DELETE takes no parameters: say which rows with .where(...)",
                    ));
                }
                let (n, rows) = self.session.bulk_delete_returning(
                    &d.model,
                    &d.where_,
                    sync,
                    &d.returning_columns(),
                )?;
                self.returned(d, n, rows)
            }
        }?;
        if d.kind != DmlKind::Insert && d.returning.is_empty() {
            rs.inserted_pk = Some(Rc::new(InsertedPk::NotInsert));
        }
        Ok(rs)
    }

    /// The rows RETURNING gave, as a Result (objects for a model, values
    /// in their column's type); without RETURNING, a Result without rows
    /// whose `rowcount` is `n`.
    pub(crate) fn returned(
        &mut self,
        d: &Dml,
        n: usize,
        rows: Vec<Vec<Param>>,
    ) -> Result<ResultSet> {
        if d.returning.is_empty() {
            return Ok(ResultSet::no_rows(n as i64));
        }
        let keys = d.returning_keys();
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let mut values = Vec::with_capacity(d.returning.len());
            let mut at = 0;
            for r in &d.returning {
                match r {
                    Returned::Model(m) => {
                        let k = m.columns.len();
                        let inst = self.session.instance_for_row(m, &row[at..at + k]);
                        values.push(inst.map_or(Value::None, |i| Value::Obj(i)));
                        at += k;
                    }
                    Returned::Column(_, i) => {
                        values.push(from_param(&d.model.columns[*i].ty, &row[at]));
                        at += 1;
                    }
                }
            }
            out.push(Value::obj(Row {
                keys: keys.clone(),
                values,
            }));
        }
        let mut rs = ResultSet::plain(out);
        rs.rowcount = n as i64;
        Ok(rs)
    }

    /// `INSERT INTO t (…) VALUES (…)[, (…)]`: the columns of the first row
    /// and those with a `default=`, each row's missing ones filled from
    /// the default (called once per row) or NULL.
    fn insert_rows(&mut self, d: &Dml, rows: &[Values], multi: bool) -> Result<ResultSet> {
        let model = &d.model;
        let given: Vec<usize> = rows
            .first()
            .map_or(Vec::new(), |r| r.iter().map(|(i, _)| *i).collect());
        let columns: Vec<usize> = (0..model.columns.len())
            .filter(|i| given.contains(i) || model.columns[*i].default.is_some())
            .collect();
        let one = [Vec::new()];
        let rows = if rows.is_empty() { &one[..] } else { rows };
        let mut sql_rows = Vec::with_capacity(rows.len());
        let mut first = Vec::new();
        for row in rows {
            let mut sql_row = Vec::with_capacity(columns.len());
            for &i in &columns {
                let v = match row.iter().find(|(j, _)| *j == i) {
                    Some((_, v)) => v.clone(),
                    None => match model.columns[i].default.clone() {
                        Some(f) => {
                            let ctx = row
                                .iter()
                                .map(|(j, v)| (model.columns[*j].name.clone(), v.clone()));
                            self.column_default_value(&f, "default", model, i, Some(ctx.collect()))?
                        }
                        None => Value::None,
                    },
                };
                sql_row.push(set_expr(model, i, &v)?);
                if sql_rows.is_empty() {
                    first.push((i, v));
                }
            }
            sql_rows.push(sql_row);
        }
        let stmt = ValuesInsert {
            table: model.table.clone(),
            columns: columns
                .iter()
                .map(|&i| model.columns[i].name.clone())
                .collect(),
            rows: sql_rows,
            multi,
            on_conflict: d.on_conflict.clone(),
            returning: d.returning_columns(),
            prefixes: d.prefixes.clone(),
        };
        let (n, returned) = self
            .session
            .run_returning(&values_insert_in(&stmt, Mode::Execute))?;
        let mut rs = self.returned(d, n, returned)?;
        if d.returning.is_empty() {
            let rowid = self.session.engine.last_insert_id();
            let key = inserted_pk::inserted_row(model, &first, rowid, multi);
            rs.inserted_pk = Some(Rc::new(InsertedPk::Row(key)));
        }
        Ok(rs)
    }

    /// An ORM bulk INSERT (a list of parameter dicts): each row inserted
    /// with its defaults; RETURNING's rows together.
    fn bulk_insert(&mut self, d: &Dml, sets: Vec<Values>) -> Result<ResultSet> {
        let mut all = Vec::new();
        for set in sets {
            let mut row = d.rows.first().cloned().unwrap_or_default();
            row.extend(set);
            let rs = self.insert_rows(d, &[row], false)?;
            all.extend(rs.rows);
            // An ORM bulk INSERT's result is no cursor's: it has no
            // `inserted_primary_key`.
        }
        let mut rs = ResultSet::plain(all);
        rs.returns_rows = !d.returning.is_empty();
        Ok(rs)
    }

    /// `UPDATE t SET … WHERE …` with the columns' `onupdate=` values, the
    /// session synchronised by `sync`.
    fn update_rows(
        &mut self,
        d: &Dml,
        row: &[(usize, Value)],
        sync: SyncSession,
    ) -> Result<ResultSet> {
        let model = &d.model;
        if row.is_empty() {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                format!("this UPDATE of {} sets no column", model.name),
            )
            .with_help(format!(
                "say what to set: db.update({}).where(...).values(name='x')",
                model.name
            )));
        }
        let mut set = Vec::with_capacity(row.len());
        for (i, v) in row {
            set.push((*i, set_expr(model, *i, v)?));
        }
        let fills = onupdate_fills(self, model, &set)?;
        let stmt = crate::orm::bulk::BulkUpdate {
            where_: &d.where_,
            froms: &d.froms,
            set,
            given: row,
            fills,
        };
        let (n, rows) =
            self.session
                .bulk_update_returning(model, stmt, sync, &d.returning_columns())?;
        self.returned(d, n, rows)
    }

    /// An ORM bulk UPDATE by primary key: every dict names the key.
    fn update_by_pk(&mut self, d: &Dml, sets: Vec<Values>, sync: SyncSession) -> Result<ResultSet> {
        let model = &d.model;
        crate::eval::bulk_pk_checks::check_bulk_pk_sync(d, sync)?;
        if !d.returning.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                "bulk ORM UPDATE does not support RETURNING",
            ));
        }
        let mut rows = Vec::with_capacity(sets.len());
        for set in sets {
            let mut key = Vec::with_capacity(model.pk.len());
            for &p in &model.pk {
                let part = set
                    .iter()
                    .find(|(i, _)| *i == p)
                    .and_then(|(_, v)| to_param(&model.columns[p].ty, v).ok())
                    .and_then(|param| KeyPart::of_param(&param));
                key.push(part.ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidRequestError,
                        format!(
                            "No primary key value supplied for column(s) {}.{}; per-row ORM Bulk UPDATE by Primary Key requires that records contain primary key values",
                            model.table, model.columns[p].name
                        ),
                    )
                })?);
            }
            let mut out = Vec::new();
            for (i, v) in set {
                if model.pk.contains(&i) {
                    continue;
                }
                out.push((i, set_expr(model, i, &v)?, v));
            }
            let fills = if out.is_empty() {
                Vec::new()
            } else {
                let given: Vec<(usize, SqlExpr)> =
                    out.iter().map(|(i, e, _)| (*i, e.clone())).collect();
                onupdate_fills(self, model, &given)?
                    .into_iter()
                    .map(|f| (f.column, f.expr))
                    .collect()
            };
            rows.push(PkRow {
                key: Rc::from(key),
                set: out,
                fills,
            });
        }
        let synced = sync != SyncSession::Off;
        self.session
            .bulk_update_by_pk(model, rows, &d.where_, synced)?;
        let mut rs = ResultSet::plain(Vec::new());
        rs.returns_rows = false;
        Ok(rs)
    }
}
