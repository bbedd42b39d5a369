//! INSERTs that hand back what the database made: the new row's key
//! (SQLite's rowid, or on PostgreSQL the sequence value it took) and the
//! row an `INSERT … RETURNING` returns (the flush's server defaults).

use super::backend::Backend;
use super::errors::{check_bindings, map_err};
use super::{Engine, echo_log, in_statement, param_of};
use crate::error::Result;
use crate::sql::ast::{Compiled, Param};
use crate::sql::params::params_repr;

impl Engine {
    /// Run an INSERT; the rowid of the new row.
    pub fn insert(&self, c: &Compiled) -> Result<i64> {
        self.execute(c)?;
        Ok(self.last_insert_id())
    }

    /// The key of the row the last INSERT made: SQLite's rowid, or on
    /// PostgreSQL the sequence value it took (`lastval()`), until INSERTs
    /// there are compiled with `RETURNING` (issue 19).
    pub fn last_insert_id(&self) -> i64 {
        match &self.db {
            Backend::Sqlite(c) => c.last_insert_rowid(),
            Backend::Postgres(p) => p.last_value(),
        }
    }

    /// Run an INSERT given as text and parameters (the flush's fast path:
    /// the text comes from a cache); the rowid of the new row.
    pub fn insert_with(&self, sql: &str, params: &[Param]) -> Result<i64> {
        if self.pg().is_some() {
            self.execute_with(sql, params)?;
            return Ok(self.last_insert_id());
        }
        self.count_session_work()?;
        self.log(sql, params, echo_log::Cached::Compiled);
        let mut stmt = self
            .sqlite(sql)?
            .prepare_cached(sql)
            .map_err(|e| self.prepare_failed(e, params.len()))?;
        check_bindings(&stmt, params.len())?;
        for (i, p) in params.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, p).map_err(map_err)?;
        }
        stmt.raw_execute()
            .map_err(|e| map_err(e).in_statement(sql, || params_repr(params)))?;
        Ok(self.last_insert_id())
    }

    /// Run an INSERT … RETURNING given as text and parameters (the
    /// flush's INSERT of a row whose server defaults it reads back, as
    /// SQLAlchemy's `eager_defaults="auto"` does); the row returned.
    pub fn insert_returning(&self, sql: &str, params: &[Param]) -> Result<Vec<Param>> {
        self.count_session_work()?;
        self.log(sql, params, echo_log::Cached::Compiled);
        let conn = match &self.db {
            Backend::Sqlite(c) => c,
            Backend::Postgres(p) => {
                let mut out = Vec::new();
                p.query(sql, params, |row| {
                    if out.is_empty() {
                        out = row.to_vec();
                    }
                    Ok(true)
                })
                .map_err(|e| in_statement(e, sql, params))?;
                return Ok(out);
            }
        };
        let mut stmt = conn
            .prepare_cached(sql)
            .map_err(|e| self.prepare_failed(e, params.len()))?;
        check_bindings(&stmt, params.len())?;
        for (i, p) in params.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, p).map_err(map_err)?;
        }
        let n = stmt.column_count();
        let mut rows = stmt.raw_query();
        let failed = |e| map_err(e).in_statement(sql, || params_repr(params));
        let mut out = Vec::with_capacity(n);
        if let Some(row) = rows.next().map_err(failed)? {
            for i in 0..n {
                out.push(param_of(row.get_ref(i).map_err(map_err)?));
            }
        }
        // Step to the end so the statement completes.
        while rows.next().map_err(failed)?.is_some() {}
        Ok(out)
    }
}
