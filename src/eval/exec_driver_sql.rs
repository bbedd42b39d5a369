//! `Connection.exec_driver_sql(sql, params)` (SQLAlchemy's
//! `Connection.exec_driver_sql`): the SQL handed to the driver as written,
//! its parameters distilled as SQLAlchemy's `_distill_raw_params` does —
//! one tuple or dict, or a list of them run as pysqlite's `executemany`.

use std::rc::Rc;

use crate::engine::{Described, is_dml, refused_control};
use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::inserted_pk::InsertedPk;
use crate::eval::objects::ResultSet;
use crate::eval::text_exec::{param_sets, sent_text, text_compiled};
use crate::sql::ast::Compiled;
use crate::value::Value;

impl Interp {
    /// `Connection.exec_driver_sql(sql, params)`: the SQL handed to the
    /// driver as written, its parameters a tuple for `?` placeholders or
    /// a dict for `:name` ones, or a list of either, run once per item
    /// (SQLAlchemy's `_distill_raw_params`, then pysqlite's
    /// `executemany`); no autoflush.
    pub fn exec_driver_sql(&mut self, sql: &str, params: Option<&Value>) -> Result<ResultSet> {
        let dialect = self.session.engine.dialect();
        let pg = self.session.engine.dialect_name() == crate::engine::DialectName::Postgresql;
        let sets = driver_param_sets(params)?;
        let compiled = (sets.iter())
            .map(|set| match set {
                Value::Dict(_) => {
                    let binds = param_sets(Some(set.clone()))?;
                    text_compiled(sql, binds.first().map_or(&[][..], |b| &b[..]), 0, dialect)
                }
                _ => Ok(Compiled::new(
                    sql.to_string(),
                    (iter_values(set).iter())
                        .map(crate::orm::convert_types::raw_param)
                        .collect::<Result<Vec<_>>>()?,
                )),
            })
            .collect::<Result<Vec<_>>>()?;
        if compiled.len() > 1 {
            return self.exec_driver_many(sql, &compiled);
        }
        let compiled = match compiled.into_iter().next() {
            Some(c) => c,
            // Sent as written: on PostgreSQL every statement the engine
            // runs is read as `pyformat`, so its own `%` is doubled.
            None => Compiled::new(
                match pg {
                    true => sql.replace('%', "%%"),
                    false => sql.to_string(),
                },
                Vec::new(),
            ),
        };
        let info = match self
            .session
            .engine
            .describe(&sent_text(&compiled.sql, pg))?
        {
            Described::One(info) => info,
            Described::Nothing => return Ok(ResultSet::no_rows(-1)),
            Described::Several => {
                return Err(Error::new(
                    ErrorKind::ProgrammingError,
                    "You can only execute one statement at a time.",
                )
                .with_help("run each statement with its own exec_driver_sql()"));
            }
        };
        if let Some(control) = info.control {
            return Err(refused_control(control, "exec_driver_sql()"));
        }
        if info.rows {
            if !info.readonly {
                self.session.engine.begin()?;
            }
            let mut rows = self.raw_rows(&compiled)?;
            rows.rowcount = if is_dml(sql) { 0 } else { -1 };
            rows.inserted_pk = Some(Rc::new(InsertedPk::NotCompiled));
            return Ok(rows);
        }
        let rowcount = self.session.execute(&compiled)? as i64;
        let mut rs = ResultSet::no_rows(if is_dml(sql) { rowcount } else { -1 });
        rs.inserted_pk = Some(Rc::new(InsertedPk::NotCompiled));
        Ok(rs)
    }
}

impl Interp {
    /// `exec_driver_sql()` with several parameter sets: pysqlite's
    /// `executemany`, which runs DML only; the rows changed in all.
    fn exec_driver_many(&mut self, sql: &str, compiled: &[Compiled]) -> Result<ResultSet> {
        if !is_dml(sql) {
            let message = "executemany() can only execute DML statements.";
            let mut e = Error::new(ErrorKind::ProgrammingError, message).with_help(
                "a list of parameter sets runs an INSERT, UPDATE or DELETE once per set; \
                 to read rows pass one tuple",
            );
            e.exc = Some(crate::error::Payload(Rc::new(crate::error::DbapiError {
                class: "ProgrammingError",
                driver_class: None,
                message: message.to_owned(),
                sql: Some(sql.to_owned()),
                params: Some(crate::sql::params::params_repr_many(
                    &compiled
                        .iter()
                        .map(|c| c.params.clone())
                        .collect::<Vec<_>>(),
                )),
                param_values: None,
                sqlite_code: None,
                pg: None,
            })));
            return Err(e);
        }
        // Logged once, with the list (`Engine::echo_text_executemany`).
        let logged = self.session.engine.python_log_on();
        if logged {
            self.session.engine.begin()?;
            self.session
                .engine
                .echo_text_executemany(compiled, crate::engine::echo_log::Cached::Raw);
        }
        let mut rowcount = 0;
        let ran = compiled.iter().try_for_each(|c| {
            rowcount += self.session.execute(c)? as i64;
            Ok::<_, Error>(())
        });
        if logged {
            self.session.engine.echo_batch_end();
        }
        ran?;
        let mut rs = ResultSet::no_rows(rowcount);
        rs.inserted_pk = Some(Rc::new(InsertedPk::NotCompiled));
        Ok(rs)
    }
}

/// The items of a tuple or list.
fn iter_values(v: &Value) -> Vec<Value> {
    match v {
        Value::Tuple(t) => t.to_vec(),
        Value::List(l) => l.borrow().clone(),
        _ => Vec::new(),
    }
}

/// `exec_driver_sql()`'s parameters as parameter sets, as SQLAlchemy's
/// `_distill_raw_params` reads them: none; a tuple or a dict, one set;
/// a list of tuples or dicts, one set each.
fn driver_param_sets(params: Option<&Value>) -> Result<Vec<Value>> {
    match params {
        None | Some(Value::None) => Ok(Vec::new()),
        Some(v @ (Value::Tuple(_) | Value::Dict(_))) => Ok(vec![v.clone()]),
        Some(Value::List(l)) => {
            let items = l.borrow().clone();
            if items
                .first()
                .is_some_and(|f| !matches!(f, Value::Tuple(_) | Value::Dict(_)))
            {
                return Err(Error::new(
                    ErrorKind::ArgumentError,
                    "List argument must consist only of tuples or dictionaries",
                )
                .with_help(
                    "one set of parameters is a tuple: conn.exec_driver_sql('SELECT ?', (1,)); \
                     a list of tuples runs the statement once per tuple",
                ));
            }
            Ok(items)
        }
        Some(_) => Err(Error::new(
            ErrorKind::ArgumentError,
            "mapping or sequence expected for parameters",
        )
        .with_help("write conn.exec_driver_sql('SELECT ? + ?', (1, 2))")),
    }
}
