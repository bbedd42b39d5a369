//! The PostgreSQL connection behind the engine (issue 19, in progress):
//! the `postgres` crate's synchronous client without TLS, a statement
//! cache, `?` placeholders renumbered `$1…$n` for the server, statements
//! run and rows streamed, the transaction state the engine tracks, a
//! cancel token for Ctrl-C, and PostgreSQL's failures as Python-style
//! errors by SQLSTATE class, with psycopg2's message text.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use postgres::fallible_iterator::FallibleIterator;
use postgres::{CancelToken, Client, NoTls, Statement};

use super::pg_values::{PgArg, PgCell};
use crate::error::{Error, ErrorKind, Result};
use crate::sql::ast::Param;

/// One open PostgreSQL connection.
pub struct PgConn {
    client: RefCell<Client>,
    /// Prepared statements by their text (as the engine's SQLite cache).
    cache: RefCell<HashMap<String, Statement>>,
    /// A transaction is open (the server's state as the engine made it).
    in_tx: Cell<bool>,
    /// Rows changed and DDL run so far: a transaction with writes has
    /// moved it (`Engine::has_writes`).
    changes: Cell<u64>,
    cancel: CancelToken,
}

impl PgConn {
    /// Connect to `url` (a libpq URL, `postgresql://user@host/db?…`).
    pub fn connect(url: &str, shown: &str) -> Result<PgConn> {
        let client = Client::connect(url, NoTls).map_err(|e| {
            Error::new(
                ErrorKind::OperationalError,
                format!("cannot connect to {shown}: {}", pg_message(&e)),
            )
            .with_help("check that the server runs and the URL names its host, port, user and database, e.g. postgresql://user@localhost/app")
        })?;
        let cancel = client.cancel_token();
        Ok(PgConn {
            client: RefCell::new(client),
            cache: RefCell::new(HashMap::new()),
            in_tx: Cell::new(false),
            changes: Cell::new(0),
            cancel,
        })
    }

    /// Is a transaction open?
    pub fn in_transaction(&self) -> bool {
        self.in_tx.get()
    }

    /// Rows changed and DDL statements run so far.
    pub fn changes(&self) -> u64 {
        self.changes.get()
    }

    /// Stops the running statement (PostgreSQL's cancel request, sent on
    /// a connection of its own).
    pub fn cancel_token(&self) -> CancelToken {
        self.cancel.clone()
    }

    /// Run statements without parameters through the simple protocol
    /// (transaction control, DDL), following BEGIN/COMMIT/ROLLBACK.
    pub fn batch(&self, sql: &str) -> Result<()> {
        let result = self.client.borrow_mut().batch_execute(sql);
        let first = sql.trim_start().to_ascii_uppercase();
        match &result {
            Ok(()) if first.starts_with("BEGIN") => self.in_tx.set(true),
            Ok(()) if first == "COMMIT" || first == "ROLLBACK" => self.in_tx.set(false),
            // A failed COMMIT ends the transaction too.
            Err(_) if first == "COMMIT" => self.in_tx.set(false),
            _ => {}
        }
        result.map_err(map_pg_err)
    }

    /// Run one DDL statement.
    pub fn ddl(&self, sql: &str) -> Result<()> {
        self.batch(sql)?;
        self.changes.set(self.changes.get() + 1);
        Ok(())
    }

    fn prepare(&self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.cache.borrow().get(sql) {
            return Ok(s.clone());
        }
        let numbered = numbered_placeholders(sql);
        let stmt = self
            .client
            .borrow_mut()
            .prepare(&numbered)
            .map_err(map_pg_err)?;
        let mut cache = self.cache.borrow_mut();
        if cache.len() >= 128 {
            cache.clear();
        }
        cache.insert(sql.to_owned(), stmt.clone());
        Ok(stmt)
    }

    /// How many columns and parameters `sql` has, prepared by the server.
    pub fn prepared_shape(&self, sql: &str) -> Result<(usize, usize)> {
        let stmt = self.prepare(sql)?;
        Ok((stmt.columns().len(), stmt.params().len()))
    }

    /// The names of the columns `sql` returns, prepared by the server.
    pub fn column_names(&self, sql: &str) -> Result<Vec<String>> {
        let stmt = self.prepare(sql)?;
        Ok(stmt.columns().iter().map(|c| c.name().into()).collect())
    }

    /// Run a statement that returns no rows; the number of rows changed.
    pub fn execute(&self, sql: &str, params: &[Param]) -> Result<usize> {
        let before = self.changes.get();
        self.query(sql, params, |_| Ok(true))?;
        Ok(usize::try_from(self.changes.get() - before).unwrap_or(usize::MAX))
    }

    /// Run a query, handing each row to `f` as it streams (false stops);
    /// the names of its columns.
    pub fn query(
        &self,
        sql: &str,
        params: &[Param],
        mut f: impl FnMut(&[Param]) -> Result<bool>,
    ) -> Result<Vec<String>> {
        let stmt = self.prepare(sql)?;
        check_count(&stmt, params)?;
        let names: Vec<String> = stmt.columns().iter().map(|c| c.name().into()).collect();
        let args: Vec<PgArg<'_>> = params.iter().map(PgArg).collect();
        let mut client = self.client.borrow_mut();
        let mut rows = client.query_raw(&stmt, args.iter()).map_err(map_pg_err)?;
        let mut buf = Vec::with_capacity(names.len());
        while let Some(row) = rows.next().map_err(map_pg_err)? {
            buf.clear();
            for i in 0..names.len() {
                let cell: PgCell = row.try_get(i).map_err(map_pg_err)?;
                buf.push(cell.0);
            }
            if !f(&buf)? {
                break;
            }
        }
        if let Some(n) = rows.rows_affected() {
            self.changes.set(self.changes.get() + n);
        }
        Ok(names)
    }

    /// The value of the sequence the last INSERT advanced (`lastval()`),
    /// or 0 when none was (a key given by the statement), as a rowid
    /// stands in for it on SQLite. Asked inside a savepoint so that
    /// PostgreSQL's error for "no sequence yet" does not abort the
    /// transaction.
    pub fn last_value(&self) -> i64 {
        let guard = self.in_tx.get();
        if guard && self.batch("SAVEPOINT ormsh_lastval").is_err() {
            return 0;
        }
        let mut got = 0;
        let ok = self
            .query("SELECT lastval()", &[], |row| {
                if let Some(Param::Int(i)) = row.first() {
                    got = *i;
                }
                Ok(false)
            })
            .is_ok();
        if guard {
            let end = if ok {
                "RELEASE SAVEPOINT ormsh_lastval"
            } else {
                "ROLLBACK TO SAVEPOINT ormsh_lastval; RELEASE SAVEPOINT ormsh_lastval"
            };
            let _ = self.batch(end);
        }
        got
    }
}

/// The compiled SQL's `?` placeholders as PostgreSQL's `$1…$n`, leaving
/// quoted strings, quoted names and comments alone.
pub fn numbered_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                out.push(c);
                let mut prev = ' ';
                for d in chars.by_ref() {
                    out.push(d);
                    if prev == '*' && d == '/' {
                        break;
                    }
                    prev = d;
                }
            }
            '?' => {
                n += 1;
                out.push('$');
                out.push_str(&n.to_string());
            }
            c => out.push(c),
        }
    }
    out
}

/// The statement takes as many values as were given (psycopg2's
/// "not all arguments converted" / IndexError, as `ProgrammingError`).
fn check_count(stmt: &Statement, params: &[Param]) -> Result<()> {
    let want = stmt.params().len();
    if want == params.len() {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::ProgrammingError,
        format!(
            "Incorrect number of bindings supplied. The current statement uses {want}, and there are {} supplied.",
            params.len()
        ),
    ))
}

/// The text psycopg2 gives a server error: the message, then its DETAIL
/// line (`DETAIL:  Key (username)=(admin) already exists.`).
fn pg_message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(d) => format!("{}\nDETAIL:  {d}", db.message()),
            None => db.message().to_owned(),
        },
        // The driver's own words, then their cause ("error connecting to
        // server: No such file or directory").
        None => match std::error::Error::source(e) {
            Some(cause) => format!("{e}: {cause}"),
            None => e.to_string(),
        },
    }
}

/// A PostgreSQL failure as a Python-style error, by SQLSTATE class as
/// psycopg2 classes them (`psycopg2.errors`): 23 integrity, 42 and 26/34
/// programming, 57014 a cancelled query (Ctrl-C), the rest operational.
pub fn map_pg_err(e: postgres::Error) -> Error {
    let text = pg_message(&e);
    let Some(db) = e.as_db_error() else {
        if e.is_closed() {
            return Error::new(
                ErrorKind::OperationalError,
                format!("the connection to the server was lost: {text}"),
            )
            .with_help("reopen the database (.open URL) once the server is back");
        }
        return Error::new(ErrorKind::OperationalError, text);
    };
    let code = db.code().code();
    let kind = match code {
        "57014" => ErrorKind::Interrupted,
        c if c.starts_with("23") => ErrorKind::IntegrityError,
        // psycopg2's DataError: class 22, data exceptions (a value the
        // column's type refuses, division by zero).
        c if c.starts_with("22") => ErrorKind::DataError,
        c if c.starts_with("42") || c.starts_with("26") || c.starts_with("34") => {
            ErrorKind::ProgrammingError
        }
        _ => ErrorKind::OperationalError,
    };
    let mut err = Error::new(kind, text.clone());
    if matches!(
        kind,
        ErrorKind::IntegrityError | ErrorKind::OperationalError | ErrorKind::DataError
    ) {
        err.exc = Some(crate::error::Payload(std::rc::Rc::new(
            crate::error::DbapiError {
                class: kind.name(),
                driver_class: Some(super::pg_errors::psycopg2_class(code, kind)),
                message: text,
                sql: None,
                params: None,
            },
        )));
    }
    if code == "25P02" {
        return err
            .with_help("a statement failed in this transaction: db.session.rollback() ends it");
    }
    err
}

#[cfg(test)]
mod tests {
    use super::numbered_placeholders;

    #[test]
    fn placeholders_numbered_outside_quotes_and_comments() {
        let cases = [
            ("SELECT ?", "SELECT $1"),
            ("a = ? AND b IN (?, ?)", "a = $1 AND b IN ($2, $3)"),
            (
                "SELECT '?', \"?\", ? -- ?\n, ?",
                "SELECT '?', \"?\", $1 -- ?\n, $2",
            ),
            ("/* ? */ ?", "/* ? */ $1"),
            ("'it''s' ?", "'it''s' $1"),
        ];
        for (sql, want) in cases {
            assert_eq!(numbered_placeholders(sql), want, "{sql}");
        }
    }
}
