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
use crate::eval::dml_params::{ParamSet, Values, check_strict, param_sets, strict};
use crate::eval::inserted_pk::{self, InsertedPk};
use crate::eval::objects::ResultSet;
use crate::eval::surface::query_bulk::onupdate_fills;
use crate::orm::bulk::SyncSession;
use crate::orm::bulk_pk::PkRow;
use crate::orm::convert::{from_param, to_param};
use crate::orm::dml::{Dml, DmlKind, Returned, set_expr};
use crate::orm::instance::KeyPart;
use crate::orm::row::{Origin, Row};
use crate::sql::ast::{Param, SqlExpr, ValuesInsert};
use crate::sql::named_bind::with_params;
use crate::sql::{Mode, values_insert_in};
use crate::value::Value;

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
            Some(p) => Some(param_sets(self, &d.model, p)?),
        };
        // A list makes an ORM statement a bulk one whatever its length; a
        // Core one runs executemany for more than one parameter set.
        let many = match d.core {
            true => crate::eval::cursor_attrs::executemany(params.as_ref()),
            false => matches!(params, Some(Value::List(_) | Value::Tuple(_))),
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
                Some(sets) if many => self.bulk_insert(d, sets),
                Some(mut sets) => {
                    if !d.core {
                        check_strict(&sets)?;
                    }
                    let set = sets.pop().expect("one parameter dict");
                    let mut rows = d.rows.clone();
                    let mut row = rows.pop().unwrap_or_default();
                    row.extend(set.values);
                    rows.push(row);
                    let mut rs = with_params(set.binds, || self.insert_rows(d, &rows, d.multi))?;
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
                Some(sets) if many && !d.core => self.update_by_pk(d, sets, sync),
                Some(sets) => self.update_each(d, sets, sync),
                None => self.update_rows(d, d.rows.first().map_or(&[][..], |r| r), sync),
            },
            DmlKind::Delete => {
                crate::eval::dml_froms::check_single_table(
                    &d.model,
                    &d.where_,
                    sync,
                    self.session.engine.dialect(),
                )?;
                match sets {
                    Some(sets) => self.delete_each(d, sets, sync),
                    None => {
                        let (n, rows) = self.session.bulk_delete_returning(
                            &d.model,
                            &d.where_,
                            sync,
                            &d.returning_columns(),
                            &d.prefixes,
                        )?;
                        self.returned(d, n, rows)
                    }
                }
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
        let origins: Rc<[Origin]> = (d.returning.iter())
            .map(|r| match r {
                Returned::Model(m) => Origin::Entity(m.name.clone()),
                Returned::Column(c, _) => match &c.expr {
                    SqlExpr::Column { table, name } => Origin::Column {
                        table: table.clone(),
                        name: name.clone(),
                    },
                    _ => Origin::Other,
                },
            })
            .collect();
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
                origins: Some(origins.clone()),
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
        let (n, returned) = self.session.run_returning(&values_insert_in(
            &stmt,
            Mode::Execute,
            self.session.engine.dialect(),
        ))?;
        let mut rs = self.returned(d, n, returned)?;
        if d.returning.is_empty() {
            let rowid = self.session.engine.last_insert_id();
            let key = inserted_pk::inserted_row(model, &first, Some(rowid), multi);
            rs.inserted_pk = Some(Rc::new(InsertedPk::Row(key)));
        }
        Ok(rs)
    }

    /// An ORM bulk INSERT (a list of parameter dicts): each row inserted
    /// with its defaults; RETURNING's rows together.
    fn bulk_insert(&mut self, d: &Dml, sets: Vec<ParamSet>) -> Result<ResultSet> {
        // An ORM bulk INSERT maps keys to attributes; a Core one leaves
        // other keys to the named parameters.
        if !d.core {
            check_strict(&sets)?;
        }
        let count = sets.len();
        let mut all = Vec::new();
        let mut keys = Vec::new();
        for set in sets {
            let mut row = d.rows.first().cloned().unwrap_or_default();
            row.extend(set.values);
            keys.push(inserted_pk::inserted_row(&d.model, &row, None, false));
            let rs = with_params(set.binds, || self.insert_rows(d, &[row], false))?;
            all.extend(rs.rows);
            // An ORM bulk INSERT's result is no cursor's: it has no
            // `inserted_primary_key`.
        }
        let mut rs = ResultSet::plain(all);
        rs.returns_rows = !d.returning.is_empty();
        // A Core executemany's cursor counts the rows of every set.
        if d.core && d.returning.is_empty() {
            rs.rowcount = count as i64;
            rs.inserted_pk = Some(Rc::new(InsertedPk::Many(keys)));
        }
        Ok(rs)
    }

    /// `UPDATE t SET … WHERE …` with the columns' `onupdate=` values, the
    /// session synchronised by `sync`.
    pub(super) fn update_rows(
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
            prefixes: &d.prefixes,
        };
        let (n, rows) =
            self.session
                .bulk_update_returning(model, stmt, sync, &d.returning_columns())?;
        self.returned(d, n, rows)
    }

    /// An ORM bulk UPDATE by primary key: every dict names the key.
    fn update_by_pk(
        &mut self,
        d: &Dml,
        sets: Vec<ParamSet>,
        sync: SyncSession,
    ) -> Result<ResultSet> {
        let model = &d.model;
        crate::eval::bulk_pk_checks::check_bulk_pk_sync(d, sync)?;
        let sets = strict(sets)?;
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
