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
        check_bindings(&stmt, sql, params)?;
        for (i, p) in params.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, p).map_err(map_err)?;
        }
        stmt.raw_execute()
            .map_err(|e| map_err(e).in_statement(sql, || params_repr(params), params))?;
        Ok(self.last_insert_id())
    }

    /// Run `sent`, an INSERT, showing `shown` in the echo and in errors;
    /// the rowid of the new row. For the flush's several-row INSERT whose
    /// only RETURNING is the key SQLite numbers: SQLAlchemy sends
    /// `shown` (`… RETURNING id`, its insertmanyvalues), whose result
    /// SQLite buffers in a table made and dropped for every row; `sent`
    /// is the same INSERT without RETURNING, and the key the same rowid
    /// (`key_is_rowid` says when), read as a single row's INSERT reads it.
    pub fn insert_shown_as(&self, shown: &str, sent: &str, params: &[Param]) -> Result<i64> {
        self.count_session_work()?;
        self.log(shown, params, echo_log::Cached::Compiled);
        let mut stmt = self
            .sqlite(sent)?
            .prepare_cached(sent)
            .map_err(|e| self.prepare_failed(e, params.len()))?;
        check_bindings(&stmt, shown, params)?;
        for (i, p) in params.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, p).map_err(map_err)?;
        }
        stmt.raw_execute()
            .map_err(|e| map_err(e).in_statement(shown, || params_repr(params), params))?;
        Ok(self.last_insert_id())
    }

    /// Is `column` of `table` SQLite's rowid under another name (an
    /// `INTEGER PRIMARY KEY` of a rowid table), so that `RETURNING column`
    /// of a new row and `last_insert_rowid()` after it are one value? By
    /// the schema in the file: the table's only key column, declared
    /// exactly `INTEGER`, with no index of its own (a `WITHOUT ROWID`
    /// table's key and an `INTEGER PRIMARY KEY DESC` have one). Never on
    /// PostgreSQL.
    pub fn key_is_rowid(&self, table: &str, column: &str) -> bool {
        let Some(c) = self.lite() else {
            return false;
        };
        let keys = c
            .prepare_cached("SELECT name, type FROM pragma_table_info(?1) WHERE pk > 0")
            .and_then(|mut s| {
                s.query_map([table], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            });
        let indexed = c.query_row(
            "SELECT count(*) FROM pragma_index_list(?1) WHERE origin = 'pk'",
            [table],
            |r| r.get::<_, i64>(0),
        );
        match (keys.as_deref(), indexed) {
            (Ok([(name, ty)]), Ok(0)) => {
                name.eq_ignore_ascii_case(column) && ty.eq_ignore_ascii_case("INTEGER")
            }
            _ => false,
        }
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
                p.query(&super::pg_sent(sql), params, |row| {
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
        check_bindings(&stmt, sql, params)?;
        for (i, p) in params.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, p).map_err(map_err)?;
        }
        let n = stmt.column_count();
        let mut rows = stmt.raw_query();
        let failed = |e| map_err(e).in_statement(sql, || params_repr(params), params);
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

#[cfg(test)]
mod tests {
    use crate::engine::Engine;

    /// Only an `INTEGER PRIMARY KEY` of a rowid table is the rowid: the
    /// flush reads that key without RETURNING, any other with it.
    #[test]
    fn only_an_integer_primary_key_of_a_rowid_table_is_the_rowid() {
        let e = Engine::open(None, false).unwrap();
        e.lite()
            .unwrap()
            .execute_batch(
                "CREATE TABLE a (id INTEGER NOT NULL, x, PRIMARY KEY (id));
                 CREATE TABLE b (id INTEGER PRIMARY KEY, x) WITHOUT ROWID;
                 CREATE TABLE c (id INTEGER PRIMARY KEY DESC, x);
                 CREATE TABLE d (id BIGINT PRIMARY KEY, x);
                 CREATE TABLE e (id int PRIMARY KEY, x);
                 CREATE TABLE f (id integer, x INTEGER, PRIMARY KEY (id, x));
                 CREATE TABLE g (Id integer PRIMARY KEY);",
            )
            .unwrap();
        let answers: Vec<bool> = ["a", "b", "c", "d", "e", "f", "g", "missing"]
            .iter()
            .map(|t| e.key_is_rowid(t, "id"))
            .collect();
        assert_eq!(
            answers,
            [true, false, false, false, false, false, true, false]
        );
        assert!(!e.key_is_rowid("a", "x"));
    }
}
