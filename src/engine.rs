//! The only user of rusqlite: the connection, its prepared-statement cache,
//! transactions, SQLAlchemy-style echo, and mapping SQLite failures to
//! Python-style errors.

use std::io::Write;
use std::path::Path;

use rusqlite::types::{ToSqlOutput, Value as SqlValue, ValueRef};
use rusqlite::{Connection, OpenFlags, ToSql};

use crate::error::{Error, ErrorKind, Result};
use crate::sql::ast::{Compiled, Param};
use crate::sql::params::params_repr;

impl ToSql for Param {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Param::Null => ToSqlOutput::Owned(SqlValue::Null),
            Param::Int(i) => ToSqlOutput::Owned(SqlValue::Integer(*i)),
            Param::Real(f) => ToSqlOutput::Owned(SqlValue::Real(*f)),
            Param::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Param::Blob(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

fn param_of(v: ValueRef<'_>) -> Param {
    match v {
        ValueRef::Null => Param::Null,
        ValueRef::Integer(i) => Param::Int(i),
        ValueRef::Real(f) => Param::Real(f),
        ValueRef::Text(t) => Param::Text(String::from_utf8_lossy(t).into()),
        ValueRef::Blob(b) => Param::Blob(b.into()),
    }
}

pub struct Engine {
    conn: Connection,
    /// The URL as `db.engine.url` shows it.
    pub url: String,
    pub echo: bool,
    in_transaction: bool,
    /// Statements run so far (for tests of loading strategies).
    pub statements: u64,
}

impl Engine {
    /// Open `path` (None: a private in-memory database).
    pub fn open(path: Option<&Path>, readonly: bool) -> Result<Engine> {
        let (conn, url) = match path {
            None => (Connection::open_in_memory(), "sqlite://".to_string()),
            Some(p) => {
                let flags = if readonly {
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
                } else {
                    OpenFlags::SQLITE_OPEN_READ_WRITE
                        | OpenFlags::SQLITE_OPEN_CREATE
                        | OpenFlags::SQLITE_OPEN_NO_MUTEX
                };
                (
                    Connection::open_with_flags(p, flags),
                    format!("sqlite:///{}", p.display()),
                )
            }
        };
        let conn = conn.map_err(|e| {
            Error::new(
                ErrorKind::OperationalError,
                format!("unable to open database file {url:?}: {e}"),
            )
        })?;
        conn.set_prepared_statement_cache_capacity(128);
        let mut engine = Engine {
            conn,
            url,
            echo: false,
            in_transaction: false,
            statements: 0,
        };
        engine
            .conn
            .busy_timeout(std::time::Duration::from_secs(5))
            .ok();
        engine.pragma("PRAGMA foreign_keys=ON")?;
        // Reading the schema proves the file really is a database.
        engine.pragma("SELECT count(*) FROM sqlite_master")?;
        Ok(engine)
    }

    fn pragma(&mut self, sql: &str) -> Result<()> {
        let mut stmt = self.conn.prepare(sql).map_err(map_err)?;
        let mut rows = stmt.query([]).map_err(map_err)?;
        while rows.next().map_err(map_err)?.is_some() {}
        Ok(())
    }

    pub fn sqlite_version() -> &'static str {
        rusqlite::version()
    }

    pub fn in_transaction(&self) -> bool {
        self.in_transaction
    }

    fn log(&mut self, sql: &str, params: &[Param]) {
        self.statements += 1;
        if self.echo {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "{sql}");
            let _ = writeln!(err, "[params] {}", params_repr(params));
        }
    }

    /// `BEGIN` unless a transaction is already open (SQLAlchemy's autobegin).
    pub fn begin(&mut self) -> Result<()> {
        if !self.in_transaction {
            self.log("BEGIN (implicit)", &[]);
            self.conn.execute_batch("BEGIN").map_err(map_err)?;
            self.in_transaction = true;
        }
        Ok(())
    }

    pub fn commit(&mut self) -> Result<()> {
        if self.in_transaction {
            self.log("COMMIT", &[]);
            self.in_transaction = false;
            if let Err(e) = self.conn.execute_batch("COMMIT") {
                let _ = self.conn.execute_batch("ROLLBACK");
                return Err(map_err(e));
            }
        }
        Ok(())
    }

    pub fn rollback(&mut self) -> Result<()> {
        if self.in_transaction {
            self.log("ROLLBACK", &[]);
            self.in_transaction = false;
            if !self.conn.is_autocommit() {
                self.conn.execute_batch("ROLLBACK").map_err(map_err)?;
            }
        }
        Ok(())
    }

    /// Run a statement that returns no rows; the number of rows changed.
    pub fn execute(&mut self, c: &Compiled) -> Result<usize> {
        self.log(&c.sql, &c.params);
        let mut stmt = self.conn.prepare_cached(&c.sql).map_err(map_err)?;
        for (i, p) in c.params.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, p).map_err(map_err)?;
        }
        stmt.raw_execute().map_err(map_err)
    }

    /// Run an INSERT; the rowid of the new row.
    pub fn insert(&mut self, c: &Compiled) -> Result<i64> {
        self.execute(c)?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Run raw DDL text (no parameters).
    pub fn execute_ddl(&mut self, sql: &str) -> Result<()> {
        self.log(sql, &[]);
        self.conn.execute_batch(sql).map_err(map_err)
    }

    /// Run a query, handing each row to `f` as it streams; `f` returns false
    /// to stop early.
    pub fn query(
        &mut self,
        c: &Compiled,
        mut f: impl FnMut(&[Param]) -> Result<bool>,
    ) -> Result<Vec<String>> {
        self.log(&c.sql, &c.params);
        let mut stmt = self.conn.prepare_cached(&c.sql).map_err(map_err)?;
        for (i, p) in c.params.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, p).map_err(map_err)?;
        }
        let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
        let n = names.len();
        let mut rows = stmt.raw_query();
        let mut buf: Vec<Param> = Vec::with_capacity(n);
        while let Some(row) = rows.next().map_err(map_err)? {
            buf.clear();
            for i in 0..n {
                buf.push(param_of(row.get_ref(i).map_err(map_err)?));
            }
            if !f(&buf)? {
                break;
            }
        }
        Ok(names)
    }

    /// All rows of a query.
    pub fn query_all(&mut self, c: &Compiled) -> Result<Vec<Vec<Param>>> {
        let mut out = Vec::new();
        self.query(c, |row| {
            out.push(row.to_vec());
            Ok(true)
        })?;
        Ok(out)
    }

    /// Names of the user tables in the database.
    pub fn table_names(&mut self) -> Result<Vec<String>> {
        let c = Compiled {
            sql: "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> '_ormsh_models' ORDER BY name".into(),
            params: vec![],
        };
        let echo = std::mem::replace(&mut self.echo, false);
        let rows = self.query_all(&c);
        self.echo = echo;
        Ok(rows?
            .into_iter()
            .filter_map(|r| match r.into_iter().next() {
                Some(Param::Text(t)) => Some(t.to_string()),
                _ => None,
            })
            .collect())
    }

    /// The stored DDL of every table and index, in creation order.
    pub fn schema_sql(&mut self) -> Result<Vec<(String, String)>> {
        let c = Compiled {
            sql: "SELECT tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND tbl_name <> '_ormsh_models' ORDER BY rowid".into(),
            params: vec![],
        };
        let echo = std::mem::replace(&mut self.echo, false);
        let rows = self.query_all(&c);
        self.echo = echo;
        Ok(rows?
            .into_iter()
            .filter_map(|r| match (&r[0], &r[1]) {
                (Param::Text(t), Param::Text(s)) => Some((t.to_string(), s.to_string())),
                _ => None,
            })
            .collect())
    }

    // ---- tool-internal access (issue 7: `_ormsh_models`, reflection) ----

    /// Rows of a tool-internal query (`PRAGMA`, `sqlite_master`,
    /// `_ormsh_models`): not echoed, not counted.
    pub fn quiet_query(&mut self, sql: &str, params: &[Param]) -> Result<Vec<Vec<Param>>> {
        let mut stmt = self.conn.prepare(sql).map_err(map_err)?;
        for (i, p) in params.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, p).map_err(map_err)?;
        }
        let n = stmt.column_count();
        let mut rows = stmt.raw_query();
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(map_err)? {
            let mut r = Vec::with_capacity(n);
            for i in 0..n {
                r.push(param_of(row.get_ref(i).map_err(map_err)?));
            }
            out.push(r);
        }
        Ok(out)
    }

    /// Run a tool-internal statement: not echoed, not counted, and it does
    /// not change what `in_transaction` says.
    pub fn quiet_execute(&mut self, sql: &str, params: &[Param]) -> Result<usize> {
        let mut stmt = self.conn.prepare(sql).map_err(map_err)?;
        for (i, p) in params.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, p).map_err(map_err)?;
        }
        stmt.raw_execute().map_err(map_err)
    }

    /// Is this a database file (not memory)?
    pub fn is_file(&self) -> bool {
        self.url != "sqlite://"
    }

    pub fn is_readonly(&self) -> bool {
        self.conn.is_readonly(c"main").unwrap_or(true)
    }

    pub fn interrupt_handle(&self) -> rusqlite::InterruptHandle {
        self.conn.get_interrupt_handle()
    }
}

/// A SQLite failure as a Python-style error.
fn map_err(e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode;
    match &e {
        rusqlite::Error::SqliteFailure(f, msg) => {
            let text = msg.clone().unwrap_or_else(|| f.to_string());
            let kind = match f.code {
                ErrorCode::ConstraintViolation => ErrorKind::IntegrityError,
                ErrorCode::OperationInterrupted => ErrorKind::Interrupted,
                _ => ErrorKind::OperationalError,
            };
            Error::new(kind, text)
        }
        other => Error::new(ErrorKind::OperationalError, other.to_string()),
    }
}
