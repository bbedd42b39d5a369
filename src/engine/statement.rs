//! What a piece of SQL text is, as SQLite sees it once prepared — never
//! guessed from its first word (`/* c */ COMMIT` is a COMMIT; `-- c` is no
//! statement at all): whether it controls the transaction (SQLite's
//! authorizer reports `SQLITE_TRANSACTION` / `SQLITE_SAVEPOINT` while it
//! prepares), may write (`sqlite3_stmt_readonly`), returns columns, is an
//! `EXPLAIN`, and which parameters it has (`?`, `?NNN`, `:name`, `@name`,
//! `$name`). Used by `.sql` and `db.session.execute(text(...))`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use rusqlite::Connection;
use rusqlite::fallible_iterator::FallibleIterator;
use rusqlite::hooks::{AuthAction, AuthContext, Authorization, TransactionOperation};

use super::{Engine, raw_input_error};
use crate::error::Result;

/// The transaction-control statements, as the authorizer reports them.
const CONTROL: [&str; 6] = [
    "BEGIN",
    "COMMIT",
    "ROLLBACK",
    "SAVEPOINT",
    "RELEASE",
    "ROLLBACK TO",
];

/// What the authorizer saw while a statement was prepared: 0 nothing, else
/// 1 + an index into [`CONTROL`].
pub(super) type ControlSeen = Arc<AtomicU8>;

/// Install the authorizer that records transaction control (it allows
/// everything: the caller decides). Installed once, when the connection
/// opens (changing the authorizer expires every prepared statement).
pub(super) fn watch_transaction_control(conn: &mut Connection) -> Result<ControlSeen> {
    let seen: ControlSeen = Arc::new(AtomicU8::new(0));
    let record = seen.clone();
    conn.authorizer(Some(move |ctx: AuthContext<'_>| {
        let which = match ctx.action {
            AuthAction::Transaction { operation } => match operation {
                TransactionOperation::Begin => 1,
                TransactionOperation::Rollback => 3,
                // SQLite passes "COMMIT" (also for END), which rusqlite
                // does not name.
                _ => 2,
            },
            AuthAction::Savepoint { operation, .. } => match operation {
                TransactionOperation::Begin => 4,
                TransactionOperation::Release => 5,
                _ => 6,
            },
            _ => 0,
        };
        if which != 0 {
            record.store(which, Ordering::Relaxed);
        }
        Authorization::Allow
    }))
    .map_err(super::map_err)?;
    Ok(seen)
}

/// One prepared statement's nature.
#[derive(Clone, Debug, PartialEq)]
pub struct StatementInfo {
    /// `BEGIN`, `COMMIT`, `ROLLBACK`, `SAVEPOINT`, `RELEASE` or
    /// `ROLLBACK TO` when the statement controls the transaction (not when
    /// it only EXPLAINs one).
    pub control: Option<&'static str>,
    /// SQLite says it does not write (`sqlite3_stmt_readonly`).
    pub readonly: bool,
    /// How many columns its rows have.
    pub columns: usize,
    /// It returns rows (the DB-API's `cursor.description` is not None):
    /// a statement with columns, or on PostgreSQL a query of none
    /// (`select` alone gives one row of no columns).
    pub rows: bool,
    /// Each parameter by index from 1: its name with its sigil (`?2`,
    /// `:x`, `$x`, `@x`), or None for a bare `?`.
    pub parameters: Vec<Option<String>>,
}

/// What a piece of SQL text holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Described {
    /// No statement: only white space, comments or `;`.
    Nothing,
    One(StatementInfo),
    /// More than one statement (comments after the first do not count).
    Several,
}

/// Whether Python's `sqlite3` counts `cursor.rowcount` for `sql`: its
/// first keyword, after white space and comments, is INSERT, UPDATE,
/// DELETE or REPLACE (CPython 3.11's `is_dml` in
/// `Modules/_sqlite/statement.c`); any other statement's rowcount is -1.
pub fn is_dml(sql: &str) -> bool {
    ["insert", "update", "delete", "replace"]
        .into_iter()
        .any(|w| starts_with_keyword(sql, w))
}

/// Whether `sql` changes rows, so `.sql` says how many: DML, or a `WITH`
/// statement that returns no rows (`WITH … DELETE`). DDL, `PRAGMA` and
/// the like print nothing, as in sqlite3.
pub fn changes_rows(sql: &str) -> bool {
    is_dml(sql) || starts_with_keyword(sql, "with")
}

/// `sql` after its leading white space and comments (empty when nothing
/// else is there, or a comment is not closed).
pub(super) fn after_comments(sql: &str) -> &str {
    let mut rest = sql;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("--") {
            match r.find('\n') {
                Some(i) => rest = &r[i + 1..],
                None => return "",
            }
        } else if let Some(r) = rest.strip_prefix("/*") {
            match r.find("*/") {
                Some(i) => rest = &r[i + 2..],
                None => return "",
            }
        } else {
            return rest;
        }
    }
}

/// The first word of `sql` after white space and comments (empty when
/// there is none).
pub(super) fn first_keyword(sql: &str) -> &str {
    let rest = after_comments(sql);
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Whether `sql`'s text, after white space and comments, starts with
/// `word` (any case).
fn starts_with_keyword(sql: &str, word: &str) -> bool {
    after_comments(sql)
        .get(..word.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(word))
}

impl Engine {
    /// Prepare `sql` (not run) and say what it is. A syntax error in the
    /// first statement marks the spot as a span of `sql`. Raw text: on
    /// PostgreSQL a `?` is the text's own (`describe_bound`).
    pub fn describe(&self, sql: &str) -> Result<Described> {
        self.describe_bound(sql, false)
    }

    /// [`describe`](Self::describe) compiled text; `bound`: it binds
    /// values, so on PostgreSQL its `?` outside strings and comments are
    /// placeholders.
    pub fn describe_bound(&self, sql: &str, bound: bool) -> Result<Described> {
        if let Some(pg) = self.pg() {
            return super::pg_describe::describe(pg, sql, bound, self.readonly_asked);
        }
        self.control_seen.store(0, Ordering::Relaxed);
        let mut batch = rusqlite::Batch::new(self.sqlite("running SQL text")?, sql);
        let Some(stmt) = batch.next().map_err(|e| raw_input_error(e, sql))? else {
            return Ok(Described::Nothing);
        };
        let seen = self.control_seen.swap(0, Ordering::Relaxed);
        let explain = stmt.is_explain() != 0;
        let info = StatementInfo {
            control: match seen {
                0 => None,
                _ if explain => None,
                n => CONTROL.get(usize::from(n) - 1).copied(),
            },
            readonly: stmt.readonly() || explain,
            columns: stmt.column_count(),
            rows: stmt.column_count() > 0,
            parameters: (1..=stmt.parameter_count())
                .map(|i| stmt.parameter_name(i).map(str::to_owned))
                .collect(),
        };
        drop(stmt);
        // Anything after the first statement but comments is a second one
        // (even if it does not prepare).
        let several = !matches!(batch.next(), Ok(None));
        self.control_seen.store(0, Ordering::Relaxed);
        Ok(if several {
            Described::Several
        } else {
            Described::One(info)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn one(e: &Engine, sql: &str) -> StatementInfo {
        match e.describe(sql) {
            Ok(Described::One(info)) => info,
            other => panic!("{sql}: {other:?}"),
        }
    }

    fn engine() -> Engine {
        let e = Engine::open(None, false).expect("memory database");
        e.execute_ddl("CREATE TABLE t (a INTEGER)").expect("table");
        e
    }

    /// SQLite's own view, whatever comes before the keyword.
    #[test]
    fn transaction_control_is_found_behind_comments() {
        let e = engine();
        for (sql, control) in [
            ("COMMIT", Some("COMMIT")),
            ("/* c */ COMMIT", Some("COMMIT")),
            ("/**/ROLLBACK", Some("ROLLBACK")),
            ("-- c\nEND", Some("COMMIT")),
            ("begin immediate", Some("BEGIN")),
            ("  SAVEPOINT s", Some("SAVEPOINT")),
            ("RELEASE s", Some("RELEASE")),
            ("ROLLBACK TO s", Some("ROLLBACK TO")),
            ("EXPLAIN COMMIT", None),
            ("SELECT 'COMMIT'", None),
            ("/* COMMIT */ SELECT 1", None),
            ("INSERT INTO t VALUES (1)", None),
        ] {
            let info = one(&e, sql);
            assert_eq!(info.control, control, "{sql}");
        }
    }

    #[test]
    fn what_a_statement_is() {
        let e = engine();
        let info = one(&e, "/* c */ SELECT a, 2 FROM t");
        assert!(info.readonly);
        assert_eq!(info.columns, 2);
        let info = one(&e, "INSERT INTO t VALUES (1) RETURNING a");
        assert!(!info.readonly);
        assert_eq!(info.columns, 1);
        let info = one(&e, "SELECT ?, ?5, :x, @y, $z, ?");
        let names: Vec<Option<&str>> = info.parameters.iter().map(|p| p.as_deref()).collect();
        assert_eq!(
            names,
            [
                None,
                None,
                None,
                None,
                Some("?5"),
                Some(":x"),
                Some("@y"),
                Some("$z"),
                None
            ]
        );
    }

    #[test]
    fn dml_as_pythons_sqlite3_sees_it() {
        for (sql, dml) in [
            ("UPDATE t SET x = 1", true),
            ("  -- note\n /* c */ insert into t values (1)", true),
            ("Replace INTO t VALUES (1)", true),
            ("DELETE FROM t RETURNING id", true),
            ("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", false),
            ("CREATE TABLE q (x)", false),
            ("PRAGMA user_version = 3", false),
            ("SELECT 1", false),
            ("-- only a comment", false),
            ("/* unclosed", false),
        ] {
            assert_eq!(is_dml(sql), dml, "{sql}");
        }
    }

    #[test]
    fn ddl_changes_no_rows_and_with_dml_does() {
        for (sql, changes) in [
            ("DELETE FROM t", true),
            ("with x AS (SELECT 1) DELETE FROM t", true),
            ("/* c */ CREATE TABLE q (x)", false),
            ("DROP TABLE q", false),
            ("ALTER TABLE q ADD y", false),
            ("PRAGMA user_version = 3", false),
        ] {
            assert_eq!(changes_rows(sql), changes, "{sql}");
        }
    }

    #[test]
    fn empty_and_several_statements() {
        let e = engine();
        for sql in ["", "   ", "-- c", "/**/", ";", "; -- c\n;"] {
            assert_eq!(e.describe(sql), Ok(Described::Nothing), "{sql:?}");
        }
        assert_eq!(one(&e, "SELECT 1; -- trailing").columns, 1);
        for sql in [
            "SELECT 1; SELECT 2",
            "SELECT 1; nonsense",
            "SELECT 1; COMMIT",
        ] {
            assert_eq!(e.describe(sql), Ok(Described::Several), "{sql}");
        }
        let err = e.describe("SELEC 1").unwrap_err();
        assert_eq!(err.kind, ErrorKind::OperationalError);
        assert_eq!(err.span.map(|s| (s.start, s.end)), Some((0, 5)));
    }
}
