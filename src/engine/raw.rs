//! Raw SQL as `.sql` runs it: one statement, no parameters, described by
//! the database (SQLite, or PostgreSQL's `pg_describe`) before it runs (transaction control refused, a writing statement
//! opens the session's transaction), its column names and rows streamed to
//! the caller as they come; and `query_native`, a query whose rows come
//! with the Python values the driver gives for them.

use super::backend::Backend;
use super::echo_log;
use super::errors::{map_err, refused_control};
use super::statement::Described;
use super::{Engine, in_statement, param_of};
use crate::error::{Error, ErrorKind, Result};
use crate::sql::ast::{Compiled, Param};
use crate::syntax::span::Span;

impl Engine {
    /// [`query`](Self::query), each row also as the Python values the
    /// DB-API driver gives (psycopg2's typecasters on PostgreSQL,
    /// `pg_native`); on SQLite that slice is empty — pysqlite's values are
    /// the cells as they are (`orm::convert::plain_value`).
    pub fn query_native(
        &self,
        c: &Compiled,
        mut f: impl FnMut(&[Param], &[crate::value::Value]) -> Result<bool>,
    ) -> Result<Vec<String>> {
        if let Backend::Postgres(p) = &self.db {
            let params = c.bound_params()?;
            self.read_snapshot();
            self.count_session_work()?;
            self.echo_read_begins();
            if let Some(shown) = self.pg_shown(c, &params) {
                self.log_shown(&shown);
                self.pg_statement_savepoint()?;
                return p
                    .query_native(&super::pg_sent(&c.sql), &params, f)
                    .map_err(|e| super::in_shown(e, &shown));
            }
            self.log(&c.sql, &params, echo_log::Cached::Compiled);
            self.pg_statement_savepoint()?;
            return p
                .query_native(&super::pg_sent(&c.sql), &params, f)
                .map_err(|e| in_statement(e, &c.sql, &params));
        }
        self.query(c, |row| f(row, &[]))
    }

    /// Run one raw SQL statement (`.sql`), no parameters. A statement that
    /// may write opens the transaction first (autobegin: it belongs to the
    /// session's transaction); `f` gets the column names, then the rows as
    /// they stream.
    pub fn run_raw(
        &self,
        sql: &str,
        mut f: impl FnMut(RawEvent<'_>) -> Result<()>,
    ) -> Result<RawRun> {
        let info = match self.pg_guarded(|| self.describe(sql))? {
            Described::One(info) => info,
            Described::Nothing => {
                return Err(Error::value(
                    "usage: .sql STATEMENT (this SQL is only a comment or blank)",
                )
                .with_help("e.g. .sql SELECT * FROM user")
                .at(Span::new(0, sql.len())));
            }
            Described::Several => {
                return Err(Error::new(
                    ErrorKind::OperationalError,
                    ".sql runs one statement at a time",
                )
                .with_help("give each statement its own .sql line"));
            }
        };
        if let Some(control) = info.control {
            return Err(refused_control(control, ".sql"));
        }
        if let Some(i) = info.parameters.iter().position(|_| true) {
            let name = info.parameters[i].as_deref().unwrap_or("?");
            let mut err = Error::new(
                ErrorKind::ProgrammingError,
                format!(
                    ".sql binds no values: the parameter {name} would be NULL"
                ),
            )
            .with_help(
                "write the value into the SQL, or bind it: db.session.execute(text('... :name'), {'name': value})",
            );
            if let Some(at) = crate::sql::text::find_placeholder(sql, name) {
                err = err.at(Span::new(at, at + name.len()));
            }
            return Err(err);
        }
        let writes = !info.readonly;
        if writes {
            self.begin()?;
        }
        self.log(sql, &[], echo_log::Cached::Raw);
        if let Some(pg) = self.pg() {
            // In a savepoint of its own: a failure (or Ctrl-C) leaves the
            // transaction as it was, not aborted.
            return self.pg_guarded(|| {
                let names = pg.column_names(sql)?;
                if !names.is_empty() {
                    f(RawEvent::Columns(&names))?;
                }
                let before = pg.changes();
                pg.query_native(sql, &[], |row, native| {
                    f(RawEvent::Row(row, native))?;
                    Ok(true)
                })?;
                Ok(RawRun {
                    columns: !names.is_empty(),
                    writes,
                    changed: pg.changes() - before,
                })
            });
        }
        let conn = self.sqlite(".sql")?;
        let before = conn.total_changes();
        let mut stmt = conn.prepare(sql).map_err(map_err)?;
        let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
        if !names.is_empty() {
            f(RawEvent::Columns(&names))?;
        }
        let mut rows = stmt.raw_query();
        let mut buf: Vec<Param> = Vec::with_capacity(names.len());
        while let Some(r) = rows.next().map_err(map_err)? {
            buf.clear();
            for i in 0..names.len() {
                buf.push(param_of(r.get_ref(i).map_err(map_err)?));
            }
            f(RawEvent::Row(&buf, &[]))?;
        }
        drop(rows);
        drop(stmt);
        Ok(RawRun {
            columns: !names.is_empty(),
            writes,
            changed: conn.total_changes() - before,
        })
    }
}

/// What a raw statement hands back as it runs.
pub enum RawEvent<'a> {
    /// The column names, before any row (only for statements with columns).
    Columns(&'a [String]),
    /// A row's cells, and the Python values the driver gives for them
    /// (psycopg2's, `pg_native`; empty on SQLite, where they are the
    /// cells as they are).
    Row(&'a [Param], &'a [crate::value::Value]),
}

/// What a raw statement did.
pub struct RawRun {
    /// It returned columns (its rows went to the callback).
    pub columns: bool,
    /// SQLite said it may write.
    pub writes: bool,
    /// Rows inserted, updated or deleted.
    pub changed: u64,
}
