//! A PostgreSQL server for the tests that need one (issue 19): the one
//! `ORMSH_TEST_PG` names (a URL; `.ci/run` starts one for the whole run),
//! else one this test process starts for itself with
//! `scripts/pg-test-server.sh` — a fresh cluster in a temporary directory,
//! on a unix socket there, stopped and removed by the script's watcher once
//! this process exits. Each test gets a database of its own
//! ([`database`]), dropped when its guard goes. Without a server (no
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

/// `url` naming the database `name` instead of its own.
fn with_database(url: &str, name: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("postgresql", url));
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let query = tail.find('?').map_or("", |q| &tail[q..]);
    format!("{scheme}://{authority}/{name}{query}")
}

/// A database of one test's own, dropped with it.
pub struct TestDb {
    /// Its URL, as `ormsh URL` takes it.
    pub url: String,
    name: String,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(server) = server()
            && let Ok(mut c) = Client::connect(server, NoTls)
        {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// A fresh, empty database for the test `tag`, or `None` (the reason
/// printed) when no server can be had.
pub fn database(tag: &str) -> Option<TestDb> {
    static N: AtomicUsize = AtomicUsize::new(0);
    let server = match server() {
        Ok(s) => s,
        Err(why) => {
            eprintln!("skipped {tag}: {why}");
            return None;
        }
    };
    let name = format!(
        "ormsh_test_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    );
    let mut c = Client::connect(server, NoTls)
        .unwrap_or_else(|e| panic!("cannot connect to the test server {server}: {e}"));
    c.batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap_or_else(|e| panic!("cannot create a test database: {e}"));
    Some(TestDb {
        url: with_database(server, &name),
        name,
    })
}

#[test]
fn urls_name_the_test_database() {
    assert_eq!(
        with_database("postgresql://ormsh@/postgres?host=/tmp/x", "t_1"),
        "postgresql://ormsh@/t_1?host=/tmp/x"
    );
    assert_eq!(
        with_database("postgres://u:p@h:5432", "t_1"),
        "postgres://u:p@h:5432/t_1"
    );
}
