//! The engine log of a flush's statements run for several rows, as
//! SQLAlchemy logs them on SQLite: an UPDATE, DELETE or association
//! INSERT/DELETE of one shape is one `executemany` — the statement once,
//! then its parameter rows as one list (`[('a!', 1), ('b!', 2)]`, elided
//! past ten rows) — and an INSERT reading back the keys the database
//! numbers is insertmanyvalues, one line per row tagged
//! `[generated in …s (insertmanyvalues) 1/3 (ordered; batch not
//! supported)]`, then `[insertmanyvalues 2/3 (ordered; batch not
//! supported)]` (SQLite's `INSERT … RETURNING` takes one row at a time).
//! ormsh still runs the rows one by one: only the log is shaped as
//! SQLAlchemy's, with the same values. ormsh's own `.echo on` lines stay
//! one per row. Every statement's lines in SQLAlchemy's format are
//! written here (`log_as_python`).

use crate::engine::Engine;
use crate::engine::echo_log::{self, Batch};
use crate::sql::ast::Param;
use crate::sql::params::{params_repr_many, rows_repr};

/// The compiled-cache key of `sql` run for several rows: SQLAlchemy keys
/// its cache by whether the execution is an `executemany` too, so the
/// same text run for one row after is `[generated …]` again.
pub(super) fn many_key(sql: &str) -> String {
    format!("{sql}\u{0}executemany")
}

impl Engine {
    /// Whether SQLAlchemy's log of the session's statements is written now.
    pub fn python_log_on(&self) -> bool {
        self.echo.get() && self.echo_log.logging.get() && self.connection_logs()
    }

    /// Log `sql` run for every parameter row of `rows` as one
    /// `executemany`; the rows' own runs then log nothing until
    /// [`echo_batch_end`](Engine::echo_batch_end). Only on SQLite and for
    /// more than one row (one row is logged as a single execution).
    pub fn echo_executemany(&self, sql: &str, rows: &[Vec<Param>]) {
        if rows.len() < 2 || !self.python_log_on() {
            return;
        }
        echo_log::emit(&format!("{}{sql}", echo_log::prefix()));
        let tag = self
            .echo_log
            .tag(&many_key(sql), echo_log::Cached::Compiled, || {
                let start = std::time::Instant::now();
                match self.lite() {
                    Some(c) => drop(c.prepare(sql)),
                    None => drop(crate::sql::dialect_pg::pyformat_to_numbered(sql)),
                }
                start.elapsed()
            });
        // psycopg2's dialect: a list of dicts (`[{'id': 1}, {'id': 2}]`).
        let shown = match self.pg() {
            Some(_) => rows_repr(rows, |r| self.params_shown(sql, r)),
            None => params_repr_many(rows),
        };
        echo_log::emit(&format!("{}{tag} {shown}", echo_log::prefix()));
        self.echo_log.batch.set(Batch::Quiet);
    }

    /// Log a `text()` statement run with a list of parameter sets
    /// (`db.session.execute(text(...), [{...}, {...}])`) as SQLAlchemy's
    /// `executemany` is logged, on SQLite and PostgreSQL alike: the text
    /// once, then every set in one list (psycopg2's dialect a list of
    /// dicts, `[{'name': 'a'}, {'name': 'b'}]`; pysqlite's a list of
    /// tuples); the sets' own runs then log nothing until
    /// [`echo_batch_end`](Engine::echo_batch_end).
    /// `kind`: `Raw` for `exec_driver_sql` (`[raw sql]`).
    pub fn echo_text_executemany(
        &self,
        sets: &[crate::sql::ast::Compiled],
        kind: echo_log::Cached,
    ) {
        let Some(first) = sets.first() else {
            return;
        };
        if sets.len() < 2 || !self.python_log_on() {
            return;
        }
        let sql = first.shown.as_ref().map_or(&first.sql, |s| &s.sql);
        echo_log::emit(&format!("{}{sql}", echo_log::prefix()));
        let tag = self.echo_log.tag(&many_key(sql), kind, || {
            let start = std::time::Instant::now();
            match self.lite() {
                Some(c) => drop(c.prepare(sql)),
                None => drop(crate::sql::dialect_pg::pyformat_to_numbered(sql)),
            }
            start.elapsed()
        });
        let shown = rows_repr(sets, |c| match &c.shown {
            Some(s) => s.params.clone(),
            None => self.params_shown(&c.sql, &c.params),
        });
        echo_log::emit(&format!("{}{tag} {shown}", echo_log::prefix()));
        self.echo_log.batch.set(Batch::Quiet);
    }

    /// Log the insertmanyvalues INSERTs of PostgreSQL (`pages`: each
    /// page's statement and its rows' values, as SQLAlchemy's psycopg2
    /// dialect sends them, `sql::insertmany_pg`): each with its values as
    /// one dict, tagged `[generated in …s (insertmanyvalues) 1/2
    /// (ordered)]`, then `[insertmanyvalues 2/2 (ordered)]` (`unordered`
    /// for an INSERT without RETURNING); the rows' own
    /// runs then log nothing until [`echo_batch_end`](Engine::echo_batch_end).
    pub fn echo_insertmany_pages(&self, pages: &[(&str, Vec<Param>)], unordered: bool) {
        let order = if unordered { "unordered" } else { "ordered" };
        if self.pg().is_none() || !self.python_log_on() {
            return;
        }
        let of = pages.len();
        for (at, (sql, params)) in pages.iter().enumerate() {
            echo_log::emit(&format!("{}{sql}", echo_log::prefix()));
            let tag = if at == 0 {
                let tag = self
                    .echo_log
                    .tag(&many_key(sql), echo_log::Cached::Compiled, || {
                        let start = std::time::Instant::now();
                        drop(crate::sql::dialect_pg::pyformat_to_numbered(sql));
                        start.elapsed()
                    });
                format!(
                    "{} (insertmanyvalues) 1/{of} ({order})]",
                    tag.trim_end_matches(']')
                )
            } else {
                format!("[insertmanyvalues {}/{of} ({order})]", at + 1)
            };
            echo_log::emit(&format!(
                "{}{tag} {}",
                echo_log::prefix(),
                self.params_shown(sql, params)
            ));
        }
        self.echo_log.batch.set(Batch::Quiet);
    }

    /// Row `at` (from 1) of `of` rows of an insertmanyvalues INSERT: its
    /// log line is tagged so. Only on SQLite and for more than one row.
    pub fn echo_insertmany(&self, at: usize, of: usize) {
        if of < 2 || self.lite().is_none() {
            return;
        }
        self.echo_log.batch.set(Batch::InsertMany { at, of });
    }

    /// The rows of a batch have run: statements log as before.
    pub fn echo_batch_end(&self) {
        self.echo_log.batch.set(Batch::None);
    }

    /// One statement in SQLAlchemy's log format (`echo_log`).
    /// SQLAlchemy's default handler writes to `sys.stdout`: the lines go
    /// to the program's output (`echo_log::emit`).
    pub(super) fn log_as_python(&self, sql: &str, params: &[Param], kind: echo_log::Cached) {
        self.log_python_shown(sql, &|| self.params_shown(sql, params), kind);
    }

    /// [`log_as_python`](Engine::log_as_python) with the parameters
    /// already written (`shown`).
    pub(super) fn log_python_shown(
        &self,
        sql: &str,
        shown: &dyn Fn() -> String,
        kind: echo_log::Cached,
    ) {
        let batch = self.echo_log.batch.get();
        if batch == echo_log::Batch::Quiet {
            // One row of an `executemany` already logged (`echo_many`).
            return;
        }
        echo_log::emit(&format!("{}{sql}", echo_log::prefix()));
        if matches!(sql, "BEGIN (implicit)" | "COMMIT" | "ROLLBACK") {
            return;
        }
        if let echo_log::Batch::InsertMany { at, of } = batch
            && at > 1
        {
            echo_log::emit(&format!(
                "{}[insertmanyvalues {at}/{of} (ordered; batch not supported)] {}",
                echo_log::prefix(),
                shown()
            ));
            return;
        }
        let key = match batch {
            echo_log::Batch::InsertMany { .. } => std::borrow::Cow::Owned(many_key(sql)),
            _ => std::borrow::Cow::Borrowed(sql),
        };
        let tag = self.echo_log.tag(&key, kind, || {
            let start = std::time::Instant::now();
            match self.lite() {
                Some(c) => drop(c.prepare(sql)),
                // What ormsh makes of the text for the server: `$1…$n`.
                None => drop(crate::sql::dialect_pg::pyformat_to_numbered(sql)),
            }
            start.elapsed()
        });
        let tag = match batch {
            echo_log::Batch::InsertMany { at, of } => format!(
                "{} (insertmanyvalues) {at}/{of} (ordered; batch not supported)]",
                tag.trim_end_matches(']')
            ),
            _ => tag,
        };
        echo_log::emit(&format!("{}{tag} {}", echo_log::prefix(), shown()));
    }
}
