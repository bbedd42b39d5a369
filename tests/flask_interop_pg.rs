//! Trading a PostgreSQL database with Flask-SQLAlchemy, both ways (issue
//! 19): ormsh creates the schema and rows and a Flask app (psycopg2)
//! checks every value and type, adds its own rows, and ormsh reads them
//! back; a Flask app's `create_all()` and rows are reflected by ormsh, which
//! adds rows the Flask app then checks. The same `tests/interop` scripts as
//! `tests/flask_interop.rs` on SQLite, given a URL. Needs a server
//! (`pg_support`) and Flask-SQLAlchemy with psycopg2 (`$ORMSH_PG_REF_VENV`
//! when set — `scripts/pg-reference.sh` makes one in
//! `~/.cache/ormsh-reference-pg` — else one made with pip under Cargo's
//! `CARGO_TARGET_TMPDIR`: `ref_venv`). Without either, each test passes
//! after printing why it was skipped.

#[allow(dead_code)] // this file uses database() alone
mod pg_support;
mod ref_venv;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

fn interop(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/interop")
        .join(file)
}

fn skip(why: &str) {
    let _ = writeln!(std::io::stderr(), "flask_interop_pg: SKIPPED — {why}");
}

/// The interpreter with Flask-SQLAlchemy and psycopg2, made once if need be.
fn python() -> Option<&'static Path> {
    static PY: OnceLock<Option<PathBuf>> = OnceLock::new();
    PY.get_or_init(|| {
        ref_venv::python(&ref_venv::Spec {
            env_var: "ORMSH_PG_REF_VENV",
            dir_name: "ormsh-reference-pg",
            imports: "import flask_sqlalchemy, psycopg2",
            packages: &["flask-sqlalchemy==3.1.*", "psycopg2-binary"],
        })
    })
    .as_deref()
}

fn run(cmd: &mut Command) -> String {
    let out = cmd
        .current_dir(std::env::temp_dir())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.is_empty(), "{cmd:?} wrote to stderr:\n{err}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn ormsh(url: &str, scripts: &[&str]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ormsh"));
    for s in scripts {
        cmd.arg("-f").arg(interop(s));
    }
    run(cmd.arg(url))
}

/// The URL as Flask-SQLAlchemy's config names it, through psycopg2.
fn flask_url(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    format!("postgresql+psycopg2://{rest}")
}

fn flask(py: &Path, command: &str, url: &str) -> String {
    run(Command::new(py)
        .arg(interop("flask_side.py"))
        .arg(command)
        .arg(flask_url(url)))
}

/// The server and the Flask environment, or why the test skips.
fn setup(tag: &str) -> Option<(&'static Path, pg_support::TestDb)> {
    let Some(py) = python() else {
        skip("no Flask-SQLAlchemy with psycopg2 (python3 and pip needed)");
        return None;
    };
    let db = pg_support::database(tag)?;
    Some((py, db))
}

#[test]
fn ormsh_writes_flask_reads_and_writes_ormsh_reads() {
    let Some((py, db)) = setup("interop_ormsh_first") else {
        return;
    };
    ormsh(&db.url, &["ormsh_models.orm", "ormsh_rows.orm"]);
    let ours = ormsh(&db.url, &["ormsh_dump.orm"]);
    // Flask checks each value and type ormsh wrote, adds its rows, dumps.
    let theirs = flask(py, "check-ormsh", &db.url);
    assert!(
        theirs.starts_with(&ours),
        "Flask reads:\n{theirs}ormsh wrote:\n{ours}"
    );
    assert_eq!(theirs.lines().count(), 5);
    // The next ormsh session has its models from _ormsh_models and reads all.
    assert_eq!(ormsh(&db.url, &["ormsh_dump.orm"]), theirs);
}

#[test]
fn flask_writes_ormsh_reflects_and_writes_flask_reads() {
    let Some((py, db)) = setup("interop_flask_first") else {
        return;
    };
    let theirs = flask(py, "create", &db.url);
    // ormsh has no stored models here: it reflects Flask's tables.
    assert_eq!(ormsh(&db.url, &["ormsh_dump.orm"]), theirs);
    let ours = ormsh(&db.url, &["ormsh_rows.orm", "ormsh_dump.orm"]);
    assert!(ours.starts_with(&theirs), "ormsh:\n{ours}Flask:\n{theirs}");
    assert_eq!(ours.lines().count(), 5);
    // Flask checks every value ormsh added, through its own models.
    assert_eq!(flask(py, "check-after", &db.url), ours);
}
