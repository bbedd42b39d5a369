//! How the engine logs a statement it runs (the echo, SQLAlchemy's
//! `engine.echo`, on SQLite and PostgreSQL) and names it in errors
//! (`[SQL: …]`, `[parameters: …]`): the text and values as SQLAlchemy's
//! pysqlite or psycopg2 dialect shows them.

use std::io::Write;

use super::backend::Backend;
use super::{Engine, echo_log};
use crate::error::{Error, ErrorKind};
use crate::sql::ast::{Compiled, Param};
use crate::sql::params::params_repr;

impl Engine {
    pub(super) fn log(&self, sql: &str, params: &[Param], kind: echo_log::Cached) {
        self.statements.set(self.statements.get() + 1);
        self.echo_line(sql, params, kind);
    }

    /// Echo one statement, if echo is on (not counted as run).
    pub(super) fn echo_line(&self, sql: &str, params: &[Param], kind: echo_log::Cached) {
        let first = !self.pool_connected.replace(true);
        if self.echo.get() && self.echo_log.logging.get() {
            if !self.connection_logs() {
                return;
            }
            if first {
                self.echo_first_connect();
            }
            self.log_as_python(sql, params, kind);
        } else if self.echo.get() {
            let mut err = std::io::stderr().lock();
            let (dim, reset) = if self.echo_dim.get() {
                ("\x1b[2m", "\x1b[0m")
            } else {
                ("", "")
            };
            let _ = writeln!(err, "{dim}{sql}{reset}");
            // SQLAlchemy logs no parameters for transaction control.
            if !matches!(sql, "BEGIN (implicit)" | "COMMIT" | "ROLLBACK") {
                let _ = writeln!(
                    err,
                    "{dim}[params] {}{reset}",
                    self.params_shown(sql, params)
                );
            }
        }
    }

    /// The values of one execution of `sql` as the echo shows them: the
    /// tuple on SQLite, the dict by placeholder name on PostgreSQL.
    pub(crate) fn params_shown(&self, sql: &str, params: &[Param]) -> String {
        match &self.db {
            Backend::Sqlite(_) => params_repr(params),
            Backend::Postgres(_) => pg_params_repr(sql, params),
        }
    }

    /// What the log and errors show of `c` run with `params` on
    /// PostgreSQL, when it is not its own text and values in order: a
    /// `text()` statement's [`Shown`](crate::sql::ast::Shown), or the
    /// dict with an expanding `IN` list's values last.
    pub(super) fn pg_shown(
        &self,
        c: &Compiled,
        params: &[Param],
    ) -> Option<std::rc::Rc<crate::sql::ast::Shown>> {
        self.pg()?;
        if let Some(s) = &c.shown {
            return Some(s.clone());
        }
        if c.expanded.is_empty() {
            return None;
        }
        let (_, names) = crate::sql::dialect_pg::pyformat_to_numbered(&c.sql);
        if names.len() != params.len() {
            return None;
        }
        let order = (0..params.len())
            .filter(|i| !c.expanded.contains(i))
            .chain(c.expanded.iter().copied());
        let (names, values): (Vec<&str>, Vec<Param>) = order
            .filter_map(|i| Some((names.get(i)?.as_str(), params.get(i)?.clone())))
            .unzip();
        Some(std::rc::Rc::new(crate::sql::ast::Shown {
            sql: c.sql.clone(),
            params: crate::sql::dialect_pg::params_dict_repr(&names, &values),
        }))
    }

    /// Log a statement as `shown` says (a `text()` statement PostgreSQL
    /// gets with its values written in), counted as run.
    pub(super) fn log_shown(&self, shown: &crate::sql::ast::Shown) {
        self.statements.set(self.statements.get() + 1);
        let first = !self.pool_connected.replace(true);
        if self.echo.get() && self.echo_log.logging.get() {
            if !self.connection_logs() {
                return;
            }
            if first {
                self.echo_first_connect();
            }
            self.log_python_shown(
                &shown.sql,
                &|| shown.params.clone(),
                echo_log::Cached::Compiled,
            );
        } else if self.echo.get() {
            let mut err = std::io::stderr().lock();
            let (dim, reset) = if self.echo_dim.get() {
                ("\x1b[2m", "\x1b[0m")
            } else {
                ("", "")
            };
            let _ = writeln!(err, "{dim}{}{reset}", shown.sql);
            let _ = writeln!(err, "{dim}[params] {}{reset}", shown.params);
        }
    }
}

/// A failure of `sql` run with `params` on PostgreSQL, naming the
/// statement as SQLAlchemy's errors do (`[SQL: …]`, `[parameters: …]`,
/// the values a dict as psycopg2's dialect shows them).
pub(super) fn in_statement(e: Error, sql: &str, params: &[Param]) -> Error {
    if e.kind == ErrorKind::Interrupted {
        return e;
    }
    e.in_statement(sql, || pg_params_repr(sql, params), params)
}

/// A failure of a statement sent otherwise than `shown` says, naming it
/// as SQLAlchemy's errors do.
pub(super) fn in_shown(e: Error, shown: &crate::sql::ast::Shown) -> Error {
    if e.kind == ErrorKind::Interrupted {
        return e;
    }
    e.in_statement(&shown.sql, || shown.params.clone(), &[])
}

/// The values of one execution of `sql` on PostgreSQL as SQLAlchemy
/// shows them: a dict by the names of its `%(name)s` placeholders
/// (`{'username': 'admin'}`), else the tuple (a statement of ormsh's own,
/// written with `?`).
pub(super) fn pg_params_repr(sql: &str, params: &[Param]) -> String {
    crate::sql::dialect_pg::params_dict_for(sql, params).unwrap_or_else(|| params_repr(params))
}

/// The text the PostgreSQL client numbers (`?` placeholders) of a
/// statement compiled in psycopg2's `pyformat` (`%(name)s`, `%%`).
pub(super) fn pg_sent(sql: &str) -> std::borrow::Cow<'_, str> {
    crate::sql::dialect_pg::pyformat_to_qmark(sql)
}
