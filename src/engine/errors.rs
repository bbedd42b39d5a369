//! SQLite's failures as ormsh's errors: result codes to Python-style kinds
//! (`IntegrityError`, `OperationalError`, `MemoryError` …, as the pysqlite
//! DBAPI maps them), help lines for the common ones, the spot a syntax
//! error marks, bindings counted as Python's sqlite3 counts them, and the
//! refusal of transaction control.

use crate::error::{Error, ErrorKind, Result};
use crate::sql::ast::Param;
use crate::syntax::span::Span;

/// The refusal of transaction control run as SQL (`via` is `.sql` or
/// `db.session.execute()`): the session owns the transaction.
pub fn refused_control(control: &str, via: &str) -> Error {
    Error::new(
        ErrorKind::OperationalError,
        format!("{control} is not run through {via}: the session owns the transaction"),
    )
    .with_help("use db.session.commit() or db.session.rollback()")
}

/// A failure to prepare the SQL of `.sql`: a syntax error marks the word
/// SQLite stopped at, as a span of `sql` (the caller moves it into the line).
pub(super) fn raw_input_error(e: rusqlite::Error, sql: &str) -> Error {
    let rusqlite::Error::SqlInputError { msg, offset, .. } = &e else {
        return map_err(e);
    };
    let Ok(start) = usize::try_from(*offset) else {
        return map_err(e);
    };
    let mut err = Error::new(ErrorKind::OperationalError, msg.clone());
    if let Some(help) = help_for(msg) {
        err = err.with_help(help);
    }
    if start >= sql.len() || !sql.is_char_boundary(start) {
        return err.at(Span::new(sql.len(), sql.len()));
    }
    let word = sql[start..]
        .find(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '_'))
        .map_or(sql.len() - start, |n| n.max(1));
    err.at(Span::new(start, start + word))
}

/// A SQLite failure as a Python-style error.
pub(super) fn map_err(e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode;
    match &e {
        rusqlite::Error::SqliteFailure(f, msg) => {
            let text = msg.clone().unwrap_or_else(|| f.to_string());
            let kind = match f.code {
                // As CPython's sqlite3 classes them (`_sqlite/util.c`).
                ErrorCode::ConstraintViolation | ErrorCode::TypeMismatch => {
                    ErrorKind::IntegrityError
                }
                ErrorCode::OperationInterrupted => ErrorKind::Interrupted,
                ErrorCode::TooBig | ErrorCode::OutOfMemory => ErrorKind::MemoryError,
                // A registered function's overflow (`engine::functions`).
                _ if text == super::functions::TOO_BIG => ErrorKind::DataError,
                _ => ErrorKind::OperationalError,
            };
            let text = match f.code {
                ErrorCode::TooBig => format!(
                    "{text}: a string or blob in SQLite may hold at most {} bytes in ormsh",
                    crate::value::grouped(crate::value::MAX_LEN)
                ),
                ErrorCode::OutOfMemory => format!(
                    "{text}: SQLite may use at most {} ({})",
                    crate::memory::size(crate::memory::limit().bytes),
                    "ormsh's memory limit"
                ),
                _ => text,
            };
            let help = help_for(&text);
            let mut e = Error::new(kind, text.clone());
            if matches!(
                kind,
                ErrorKind::IntegrityError | ErrorKind::OperationalError | ErrorKind::DataError
            ) {
                e.exc = Some(crate::error::Payload(std::rc::Rc::new(
                    crate::error::DbapiError {
                        class: kind.name(),
                        driver_class: None,
                        message: text,
                        sql: None,
                        params: None,
                        param_values: None,
                        sqlite_code: Some(f.extended_code),
                        pg: None,
                    },
                )));
            }
            match help {
                Some(h) => e.with_help(h),
                None => e,
            }
        }
        // SQLite's message without the SQL rusqlite appends to it: the
        // statement is the script's (its spot is marked), and the SQL of a
        // long IN list would fill the screen.
        rusqlite::Error::SqlInputError { msg, .. } => {
            let e = Error::new(ErrorKind::OperationalError, msg.clone());
            match help_for(msg) {
                Some(h) => e.with_help(h),
                None => e,
            }
        }
        other => Error::new(ErrorKind::OperationalError, other.to_string()),
    }
}

/// What would work, for the SQLite failures newcomers meet most.
fn help_for(text: &str) -> Option<&'static str> {
    if text.starts_with("no such table: main.") {
        // SQLite's foreign-key check names the parent table so.
        Some(
            "the table does not exist: when a write fails so, a foreign key of the table written references it (the banner's notes say which; SQLite checks foreign keys, as ormsh has it do) — create that table; db.create_all() creates the tables of the defined models",
        )
    } else if text.starts_with("no such table") {
        Some(
            "the table does not exist: .tables lists the tables there are, and db.create_all() creates those of the defined models",
        )
    } else if text.starts_with("cannot modify ") && text.ends_with(" because it is a view") {
        Some(
            "SQLite writes to a view only through its INSTEAD OF triggers, and this one has none for that: write to the table behind the view",
        )
    } else if text == "database is locked" {
        Some(
            "another connection holds a write lock; try again once it has committed, or wait longer with --busy-timeout MS",
        )
    } else if text == "database disk image is malformed" {
        Some(
            "the database file is damaged or truncated (copied while it was being written?): restore it from a copy, or let sqlite3 FILE .recover save what it can",
        )
    } else if text.starts_with("table ") && text.ends_with(" may not be modified") {
        Some(
            "it is where an FTS or R*Tree index keeps its data (or one of SQLite's own tables), written only by SQLite: write to the index's own table",
        )
    } else if text == "integer overflow" {
        Some("SQLite integers are 64-bit: the result must lie between -2**63 and 2**63 - 1")
    } else {
        None
    }
}

/// SQLite's placeholders must be exactly the values ormsh binds: a `?` in
/// a `text()` inside a query (`filter(text('id = ?'))`) was left NULL.
/// Python's sqlite3 refuses the statement with this message.
/// Python's `sqlite3` binding the parameters of `stmt` (written `sql` in
/// errors): as many as it uses, and each of a type it can bind — a value
/// it has no adapter for is its `ProgrammingError` "Error binding
/// parameter N", raised through SQLAlchemy with the statement.
pub(super) fn check_bindings(
    stmt: &rusqlite::Statement<'_>,
    sql: &str,
    params: &[Param],
) -> Result<()> {
    let supplied = params.len();
    let uses = stmt.parameter_count();
    if uses == supplied {
        return bindable(sql, params);
    }
    Err(Error::new(
        ErrorKind::ProgrammingError,
        format!(
            "Incorrect number of bindings supplied. The current statement uses {uses}, and there are {supplied} supplied."
        ),
    )
    .with_help("a text() in a query binds no ? or ?N: compare a column instead, e.g. filter(User.id == value)"))
}

/// SQLAlchemy's `PendingRollbackError`: a statement run for a session
/// whose failed flush waits for `rollback()` (`orm::pending_rollback`);
/// `nested`: the failed flush was inside a nested transaction; `cause`:
/// `str()` of the exception that failed it (SQLAlchemy's
/// `SessionTransaction._assert_active`, word for word).
pub fn pending_rollback_error(nested: bool, cause: &str) -> Error {
    Error::new(
        ErrorKind::PendingRollbackError,
        format!(
            "This Session's transaction has been rolled back due to a previous exception during flush. \
             To begin a new transaction with this Session, first issue Session.rollback(). \
             Original exception was: {cause} (Background on this error at: https://sqlalche.me/e/21/7s2a)"
        ),
    )
    .with_help(if nested {
        "end the nested transaction that failed: its rollback() (or the end of its with block) lets the enclosing transaction go on; db.session.rollback() rolls back everything"
    } else {
        "call db.session.rollback() to begin a new transaction"
    })
}

/// SQLAlchemy's `InvalidRequestError` for a statement run after the
/// COMMIT statement failed (a deferred foreign key): the transaction is
/// left in its 'prepared' state until `rollback()`.
pub fn prepared_error() -> Error {
    Error::new(
        ErrorKind::InvalidRequestError,
        "This session is in 'prepared' state; no further SQL can be emitted within this transaction.",
    )
    .with_help("the COMMIT failed: call db.session.rollback() to undo the transaction and begin a new one")
}

/// `str()` of an error as SQLAlchemy words it, without the interpreter:
/// a DBAPI error's `(sqlite3.IntegrityError) message`, its statement,
/// parameters and background link; any other error's message.
pub fn error_str(e: &Error) -> String {
    let Some(d) = e.dbapi() else {
        return e.message.clone();
    };
    let mut text = format!("({}) {}", d.qualified_class(), d.message);
    if let Some(sql) = &d.sql {
        text.push_str(&format!("\n[SQL: {sql}]"));
        // SQLAlchemy leaves out parameters that are empty (`if self.params`).
        if let Some(p) = &d.params
            && !matches!(p.as_str(), "{}" | "()" | "[]")
        {
            text.push_str(&format!("\n[parameters: {p}]"));
        }
        let code = match d.class {
            "IntegrityError" => "gkpj",
            "ProgrammingError" => "f405",
            _ => "e3q8",
        };
        text.push_str(&format!(
            "\n(Background on this error at: https://sqlalche.me/e/21/{code})"
        ));
    }
    text
}

/// pysqlite's refusal of the first parameter it cannot adapt
/// ([`Param::Unbindable`]): `ProgrammingError`, numbered from 1, with
/// the statement and its parameters as SQLAlchemy's message shows them.
pub fn bindable(sql: &str, params: &[Param]) -> Result<()> {
    let Some((i, u)) = params.iter().enumerate().find_map(|(i, p)| match p {
        Param::Unbindable(u) => Some((i, u)),
        _ => None,
    }) else {
        return Ok(());
    };
    let message = format!(
        "Error binding parameter {}: type '{}' is not supported",
        i + 1,
        u.type_name
    );
    let mut e = Error::new(ErrorKind::ProgrammingError, message.clone()).with_help(
        "pysqlite binds numbers, strings, bytes, dates and None: give the column a value of its type \
         (a JSON column takes lists and dicts)",
    );
    e.exc = Some(crate::error::Payload(std::rc::Rc::new(
        crate::error::DbapiError {
            class: "ProgrammingError",
            driver_class: None,
            message,
            sql: None,
            params: None,
            param_values: None,
            sqlite_code: None,
            pg: None,
        },
    )));
    Err(e.in_statement(sql, || crate::sql::params::params_repr(params), params))
}
