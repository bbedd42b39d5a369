//! The PostgreSQL connection behind the engine (issue 19, in progress):
//! the `postgres` crate's synchronous client without TLS, a statement
//! cache, `?` placeholders renumbered `$1…$n` for the server (values
//! declared the types of psycopg2's literals of them where inference
//! would differ), statements
//! run and rows streamed, the transaction state the engine tracks, a
//! cancel token for Ctrl-C, and PostgreSQL's failures as Python-style
//! errors by SQLSTATE class, with psycopg2's message text.

mod prepare;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use postgres::fallible_iterator::FallibleIterator;

use postgres::{CancelToken, Client, NoTls, Statement};

use super::pg_lex::inline_placeholders;
use super::pg_native::PgNative;

use super::pg_values::{PgArg, PgCell};
use crate::error::{Error, ErrorKind, Result};
use crate::sql::ast::Param;
use crate::value::Value;

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
    cancel: RefCell<CancelToken>,
    /// The URL connected to, and as messages show it: a connection the
    /// server closed is made again from them (`live`).
    url: String,
    shown: String,
    /// The session settings run on the connection (`setup`), run again on
    /// a new one.
    settings: RefCell<Vec<String>>,
    /// The connection was lost under a statement and the session has not
    /// rolled back since: SQLAlchemy's pool reconnects only after that.
    lost: Cell<bool>,
    /// The last driver error ended the connection (`pg_err`).
    ended: Cell<bool>,
    /// The connection is known to be gone (until one is made again).
    dead: Cell<bool>,
    /// The loss was reported to the user: a statement's own error said
    /// it (an error of the engine's own BEGIN may have gone unseen).
    reported: Cell<bool>,
    /// Never connect again (`--sandbox`: its transaction went with the
    /// connection, and a new one would write for good).
    no_reconnect: Cell<bool>,
}

/// A client for `url`, or `OperationalError` saying why not.
fn open_client(url: &str, shown: &str) -> Result<Client> {
    Client::connect(url, NoTls).map_err(|e| {
        Error::new(
            ErrorKind::OperationalError,
            format!("cannot connect to {shown}: {}", pg_message(&e)),
        )
        .with_help("check that the server runs and the URL names its host, port, user and database, e.g. postgresql://user@localhost/app")
    })
}

impl PgConn {
    /// Connect to `url` (a libpq URL, `postgresql://user@host/db?…`).
    pub fn connect(url: &str, shown: &str) -> Result<PgConn> {
        let client = open_client(url, shown)?;
        let cancel = client.cancel_token();
        Ok(PgConn {
            client: RefCell::new(client),
            cache: RefCell::new(HashMap::new()),
            in_tx: Cell::new(false),
            changes: Cell::new(0),
            cancel: RefCell::new(cancel),
            url: url.to_owned(),
            shown: shown.to_owned(),
            settings: RefCell::new(Vec::new()),
            lost: Cell::new(false),
            ended: Cell::new(false),
            dead: Cell::new(false),
            reported: Cell::new(false),
            no_reconnect: Cell::new(false),
        })
    }

    /// Run a session setting (`SET …`) now and again on every connection
    /// made after a lost one.
    pub fn setup(&self, sql: &str) -> Result<()> {
        self.batch(sql)?;
        let name = |s: &str| s.split('=').next().map(str::trim).map(str::to_owned);
        let mut settings = self.settings.borrow_mut();
        settings.retain(|old| name(old) != name(sql));
        settings.push(sql.to_owned());
        Ok(())
    }

    /// Never connect again once the connection is lost (`--sandbox`).
    pub fn pin(&self) {
        self.no_reconnect.set(true);
    }

    /// The session rolled back (or its commit failed): a lost connection
    /// may be made again by the next statement, as SQLAlchemy's pool
    /// replaces an invalidated connection once the session rolled back.
    pub fn forget_lost(&self) {
        self.lost.set(false);
    }

    /// Before each use: a connection the server closed (a restart,
    /// `pg_terminate_backend`) is made again — unless its loss failed a
    /// statement and the session has not rolled back since (SQLAlchemy's
    /// "Can't reconnect until invalid transaction is rolled back"; the
    /// first use after a loss nobody saw says it as OperationalError).
    fn live(&self) -> Result<()> {
        if !self.dead.get() && !self.client.borrow().is_closed() {
            return Ok(());
        }
        if self.lost.get() && !self.reported.replace(true) {
            return Err(Error::new(
                ErrorKind::OperationalError,
                "server closed the connection unexpectedly",
            )
            .with_help(LOST_HELP));
        }
        if self.lost.get() {
            return Err(Error::new(
                ErrorKind::PendingRollbackError,
                "Can't reconnect until invalid transaction is rolled back.  Please rollback() fully before proceeding",
            )
            .with_help("the connection to the server was lost with the transaction: db.session.rollback(), then the next statement connects again"));
        }
        if self.no_reconnect.get() {
            return Err(Error::new(
                ErrorKind::OperationalError,
                "the connection to the server was lost, and --sandbox's transaction with it",
            )
            .with_help("start ormsh again (with --sandbox) once the server is back"));
        }
        let client = open_client(&self.url, &self.shown).map_err(|e| {
            e.with_help("the connection to the server was lost; the next statement tries again once the server is back")
        })?;
        let mut client = client;
        for sql in self.settings.borrow().iter() {
            client.batch_execute(sql).map_err(map_pg_err)?;
        }
        *self.cancel.borrow_mut() = client.cancel_token();
        crate::interrupt::install(super::Interrupter::Postgres(client.cancel_token()));
        *self.client.borrow_mut() = client;
        self.cache.borrow_mut().clear();
        // Whatever was open went with the old connection.
        self.in_tx.set(false);
        self.dead.set(false);
        Ok(())
    }

    /// A driver error as a Python-style one, noting whether it ends the
    /// connection (closed, or the server's FATAL 57P01-57P05: the client
    /// may learn it is closed only a moment later).
    fn pg_err(&self, e: postgres::Error) -> Error {
        self.pg_err_in(e, None)
    }

    /// [`pg_err`](Self::pg_err) of a failure of the statement `sent`.
    fn pg_err_in(&self, e: postgres::Error, sent: Option<super::pg_report::Sent<'_>>) -> Error {
        if e.is_closed() || e.code().is_some_and(|c| c.code().starts_with("57P")) {
            self.ended.set(true);
        }
        map_pg_err_in(e, sent)
    }

    /// After a statement (no borrow of the client held): a failure that
    /// closed the connection leaves it lost (`live`).
    /// `seen`: the error goes to the user (a statement of theirs), not
    /// possibly only to the engine (its BEGIN of a read snapshot).
    fn note_lost<T>(&self, result: Result<T>, seen: bool) -> Result<T> {
        let ended = self.ended.take();
        if result.is_err() && (ended || self.client.borrow().is_closed()) && !self.lost.get() {
            self.lost.set(true);
            self.dead.set(true);
            self.reported.set(seen);
        }
        result
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
        self.cancel.borrow().clone()
    }

    /// Run statements without parameters through the simple protocol
    /// (transaction control, DDL), following BEGIN/COMMIT/ROLLBACK.
    pub fn batch(&self, sql: &str) -> Result<()> {
        let first = sql.trim_start().to_ascii_uppercase();
        if first == "ROLLBACK" && (self.dead.get() || self.client.borrow().is_closed()) {
            // The server ended the transaction with the connection.
            self.in_tx.set(false);
            return Ok(());
        }
        self.live()?;
        let result = self.client.borrow_mut().batch_execute(sql);
        match &result {
            Ok(()) if first.starts_with("BEGIN") => self.in_tx.set(true),
            Ok(()) if first == "COMMIT" || first == "ROLLBACK" => self.in_tx.set(false),
            // A failed COMMIT ends the transaction too.
            Err(_) if first == "COMMIT" => self.in_tx.set(false),
            _ => {}
        }
        self.note_lost(result.map_err(|e| self.pg_err(e)), false)
    }

    /// Run one DDL statement.
    pub fn ddl(&self, sql: &str) -> Result<()> {
        self.batch(sql)?;
        self.changes.set(self.changes.get() + 1);
        Ok(())
    }

    /// Run a statement that returns no rows; the number of rows changed.
    pub fn execute(&self, sql: &str, params: &[Param]) -> Result<usize> {
        let before = self.changes.get();
        self.query(sql, params, |_| Ok(true))?;
        Ok(usize::try_from(self.changes.get() - before).unwrap_or(usize::MAX))
    }

    /// Run a query, handing each row to `f` as it streams (false stops);
    /// the names of its columns. Its `?` are placeholders only when values
    /// are given (see `prepare`).
    pub fn query(
        &self,
        sql: &str,
        params: &[Param],
        mut f: impl FnMut(&[Param]) -> Result<bool>,
    ) -> Result<Vec<String>> {
        let result = self.query_rows(sql, params, false, |row, _| f(row));
        self.note_lost(result, true)
    }

    /// [`query`](Self::query), each row handed over with its cells as
    /// psycopg2 gives them to Python too (`pg_native`).
    pub fn query_native(
        &self,
        sql: &str,
        params: &[Param],
        f: impl FnMut(&[Param], &[Value]) -> Result<bool>,
    ) -> Result<Vec<String>> {
        let result = self.query_rows(sql, params, true, f);
        self.note_lost(result, true)
    }

    fn query_rows(
        &self,
        sql: &str,
        params: &[Param],
        natives: bool,
        mut f: impl FnMut(&[Param], &[Value]) -> Result<bool>,
    ) -> Result<Vec<String>> {
        // More values than the protocol binds: interpolated on the client,
        // as psycopg2 always does.
        let inlined;
        let (sql, params) = if params.len() > usize::from(u16::MAX) {
            inlined = inline_placeholders(sql, params);
            (inlined.as_str(), &[][..])
        } else {
            (sql, params)
        };
        let stmt = self.prepare(sql, params, !params.is_empty())?;
        check_count(&stmt, params)?;
        let names: Vec<String> = stmt.columns().iter().map(|c| c.name().into()).collect();
        let args: Vec<PgArg<'_>> = params.iter().map(PgArg).collect();
        let mut client = self.client.borrow_mut();
        // A value the server cannot read fails here, named as psycopg2's
        // text (the values written in) would have it (`pg_report`).
        let sent = super::pg_report::Sent {
            sql,
            bound: false,
            values: params,
        };
        let mut rows = client
            .query_raw(&stmt, args.iter())
            .map_err(|e| self.pg_err_in(e, Some(sent)))?;
        let mut buf = Vec::with_capacity(names.len());
        let mut native = Vec::new();
        while let Some(row) = rows.next().map_err(|e| self.pg_err_in(e, Some(sent)))? {
            buf.clear();
            native.clear();
            for i in 0..names.len() {
                let cell: PgCell = row.try_get(i).map_err(|e| self.pg_err(e))?;
                buf.push(cell.0);
                if natives {
                    let v: PgNative = row.try_get(i).map_err(|e| self.pg_err(e))?;
                    native.push(v.0);
                }
            }
            if !f(&buf, &native)? {
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

/// What works after the server closed the connection.
const LOST_HELP: &str = "the connection to the server was lost: db.session.rollback(), then the next statement connects again (once the server is back)";

/// A PostgreSQL failure as a Python-style error, by SQLSTATE class as
/// psycopg2 classes them (`pg_errors::kind_of_class`), 57014 a cancelled
/// query (Ctrl-C).
pub fn map_pg_err(e: postgres::Error) -> Error {
    map_pg_err_in(e, None)
}

/// [`map_pg_err`] of a failure of the statement `sent`: the message as
/// libpq writes it, with the `LINE` of the error's position
/// (`pg_report`).
pub fn map_pg_err_in(e: postgres::Error, sent: Option<super::pg_report::Sent<'_>>) -> Error {
    let text = match e.as_db_error() {
        Some(db) => super::pg_report::report(db, sent),
        None => pg_message(&e),
    };
    let Some(db) = e.as_db_error() else {
        if e.is_closed() {
            return Error::new(
                ErrorKind::OperationalError,
                format!("the connection to the server was lost: {text}"),
            )
            .with_help(LOST_HELP);
        }
        return Error::new(ErrorKind::OperationalError, text);
    };
    let code = db.code().code();
    // 57P01-57P05: the server ends the connection (shut down, restarted,
    // terminated by an administrator).
    let ends = code.starts_with("57P");
    let kind = match code {
        "57014" => ErrorKind::Interrupted,
        c => super::pg_errors::kind_of_class(&c[..2.min(c.len())]),
    };
    let mut err = Error::new(kind, text.clone());
    if matches!(
        kind,
        ErrorKind::IntegrityError
            | ErrorKind::OperationalError
            | ErrorKind::DataError
            | ErrorKind::InternalError
            | ErrorKind::ProgrammingError
    ) {
        err.exc = Some(crate::error::Payload(std::rc::Rc::new(
            crate::error::DbapiError {
                class: kind.name(),
                driver_class: Some(super::pg_errors::psycopg2_class(code, kind)),
                // psycopg2's message is libpq's report less its severity,
                // which ends with a newline.
                message: format!("{text}\n"),
                sql: None,
                params: None,
                param_values: None,
                sqlite_code: None,
                pg: Some(crate::error::PgDiag {
                    pgcode: code.to_owned(),
                    pgerror: format!("{}:  {text}\n", db.severity()),
                }),
            },
        )));
    }
    if ends {
        return err.with_help(LOST_HELP);
    }
    if code == "25P02" {
        return err
            .with_help("a statement failed in this transaction: db.session.rollback() ends it");
    }
    err
}
