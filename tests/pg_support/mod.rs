//! A PostgreSQL server for the tests that need one (issue 19): the one
//! `ORMSH_TEST_PG` names (a URL; `.ci/run` starts one for the whole run),
//! else one this test process starts for itself with
//! `scripts/pg-test-server.sh` — a fresh cluster in a temporary directory,
//! on a unix socket there, stopped and removed by the script's watcher once
//! this process exits. Each test gets a schema of its own in the
//! server's database ([`database`]), dropped when its guard goes. Without a server (no
//! `ORMSH_TEST_PG`, no PostgreSQL 15 installed) a test says why and skips.

use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use postgres::{Client, NoTls};

/// The server's URL (its `postgres` database), or why there is none.
fn server() -> Result<&'static str, &'static str> {
    static SERVER: OnceLock<Result<String, String>> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            if let Ok(url) = std::env::var("ORMSH_TEST_PG")
                && !url.is_empty()
            {
                return Ok(url);
            }
            start_own()
        })
        .as_ref()
        .map(String::as_str)
        .map_err(String::as_str)
}

/// Start a server for this process (`scripts/pg-test-server.sh start`).
fn start_own() -> Result<String, String> {
    let bin = std::env::var("ORMSH_PG_BIN").unwrap_or_else(|_| "/usr/lib/postgresql/15/bin".into());
    if !Path::new(&bin).join("initdb").exists() {
        return Err(format!(
            "no PostgreSQL server: ORMSH_TEST_PG is unset and {bin}/initdb does not exist"
        ));
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pg-test-server.sh");
    let dir = std::env::temp_dir().join(format!("ormsh-pg-{}", std::process::id()));
    let out = std::process::Command::new(script)
        .arg("start")
        .arg(&dir)
        .arg(std::process::id().to_string())
        .output()
        .map_err(|e| format!("cannot run pg-test-server.sh: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "pg-test-server.sh failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// `url` with its connections' `search_path` set to `schema` (libpq's
/// `options=-csearch_path=…`), so every table the test makes is there.
fn in_schema(url: &str, schema: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}options=-csearch_path%3D{schema}")
}

/// A schema of one test's own in the server's database, dropped with it.
pub struct TestDb {
    /// Its URL, as `ormsh URL` takes it.
    pub url: String,
    schema: String,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(server) = server()
            && let Ok(mut c) = Client::connect(server, NoTls)
        {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
    }
}

/// A fresh, empty schema for the test `tag`, or `None` (the reason
/// printed) when no server can be had. A schema is made in milliseconds,
/// a database in a good part of a second.
pub fn database(tag: &str) -> Option<TestDb> {
    static N: AtomicUsize = AtomicUsize::new(0);
    let server = match server() {
        Ok(s) => s,
        Err(why) => {
            eprintln!("skipped {tag}: {why}");
            return None;
        }
    };
    let schema = format!(
        "ormsh_test_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    );
    let mut c = Client::connect(server, NoTls)
        .unwrap_or_else(|e| panic!("cannot connect to the test server {server}: {e}"));
    c.batch_execute(&format!("CREATE SCHEMA {schema}"))
        .unwrap_or_else(|e| panic!("cannot create a test schema: {e}"));
    Some(TestDb {
        url: in_schema(server, &schema),
        schema,
    })
}

impl TestDb {
    /// Run `sql` (statements separated by `;`) in this schema, as a
    /// reflection case's `NAME.pg.setup.sql` is run before its script.
    pub fn run_sql(&self, sql: &str) -> Result<(), String> {
        let server = server()?;
        let mut c = Client::connect(server, NoTls).map_err(|e| e.to_string())?;
        c.batch_execute(&format!("SET search_path TO {}; {sql}", self.schema))
            .map_err(|e| format!("setup SQL failed: {e}"))
    }
}

/// Whether a server can be had (the reason printed once when not).
pub fn available() -> bool {
    match server() {
        Ok(_) => true,
        Err(why) => {
            eprintln!("PostgreSQL tests skipped: {why}");
            false
        }
    }
}

/// `in_schema` keeps the URL's own parameters (a trial of its own).
pub fn url_forms_hold() -> Result<(), String> {
    for (url, want) in [
        (
            "postgresql://ormsh@/postgres?host=/tmp/x",
            "postgresql://ormsh@/postgres?host=/tmp/x&options=-csearch_path%3Dt_1",
        ),
        (
            "postgres://u:p@h:5432/app",
            "postgres://u:p@h:5432/app?options=-csearch_path%3Dt_1",
        ),
    ] {
        let got = in_schema(url, "t_1");
        if got != want {
            return Err(format!("{url}: {got}, expected {want}"));
        }
    }
    Ok(())
}
