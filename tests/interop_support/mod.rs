//! What the Flask interop tests share (`tests/flask_interop.rs`,
//! `tests/flask_interop_kinds.rs`): the reference interpreter, the
//! reflection cases set up and exported, ormsh and Flask run on them, and
//! what SQLite says of the files they make.

#![allow(dead_code)] // each test file uses its own part

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use crate::{ref_venv, scratch};

pub fn interop(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/interop")
        .join(file)
}

pub fn skip(why: &str) {
    // Straight to stderr, past the test harness's capture.
    let _ = writeln!(
        std::io::stderr(),
        "flask_interop: SKIPPED — {why} (set ORMSH_REF_VENV or install python3)"
    );
}

/// The reference interpreter, made once per run if need be.
pub fn python() -> Option<&'static Path> {
    static PY: OnceLock<Option<PathBuf>> = OnceLock::new();
    PY.get_or_init(|| {
        ref_venv::python(&ref_venv::Spec {
            env_var: "ORMSH_REF_VENV",
            dir_name: "ormsh-reference",
            imports: "import flask_sqlalchemy",
            packages: &["flask-sqlalchemy"],
        })
    })
    .as_deref()
}

pub fn temp_dir(name: &str) -> PathBuf {
    let dir = scratch::dir(&format!("interop-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The reflection case `case` set up as `dir/FILE` and its models written
/// by `.export python` to `dir/models.py`: (the file, models.py).
pub fn exported_case(dir: &Path, file: &str, case: &str) -> (PathBuf, PathBuf) {
    let db = dir.join(file);
    reflect_setup(&db, case);
    let models = dir.join("models.py");
    ormsh(&db, &[&format!(".export python {}", models.display())]);
    (db, models)
}

/// `models` read by ormsh into the fresh file `dir/ours.db`, then
/// `db.create_all()` run `times` times: the file.
pub fn created_by_ormsh(dir: &Path, models: &Path, times: usize) -> PathBuf {
    let ours = dir.join("ours.db");
    let read = format!(".read {}", models.display());
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ormsh"));
    cmd.args(["-c", &read]);
    for _ in 0..times {
        cmd.args(["-c", "db.create_all()"]);
    }
    run(cmd.arg(&ours).stdin(Stdio::null()));
    ours
}

/// `db` made by the setup SQL of the reflection case `case`
/// (`tests/cases/reflect/CASE.setup.sql`).
pub fn reflect_setup(db: &Path, case: &str) {
    let setup = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/cases/reflect/{case}.setup.sql")),
    )
    .expect("setup");
    rusqlite::Connection::open(db)
        .expect("open")
        .execute_batch(&setup)
        .expect("setup");
}

/// The working directory of every process a test starts (temporary, so
/// nothing is written into the checkout).
pub fn work_dir() -> PathBuf {
    let dir = scratch::dir("interop-cwd");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

pub fn run(cmd: &mut Command) -> String {
    // No __pycache__ beside the Python scripts in tests/interop either.
    let out = cmd
        .current_dir(work_dir())
        .env("PYTHONDONTWRITEBYTECODE", "1")
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

pub fn ormsh(db: &Path, scripts: &[&str]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ormsh"));
    for s in scripts {
        if s.starts_with('.') {
            cmd.arg("-c").arg(s);
        } else {
            cmd.arg("-f").arg(interop(s));
        }
    }
    run(cmd.arg(db).stdin(Stdio::null()))
}

pub fn flask(py: &Path, script: &str, args: &[&str]) -> String {
    run(Command::new(py).arg(interop(script)).args(args))
}

/// The CREATE statements a file stores (not `_ormsh_models`'), each
/// ending in `;` as `statements` splits them.
pub fn stored_sql(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut stmt = conn
        .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name <> '_ormsh_models' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .expect("prepare");
    stmt.query_map([], |r| r.get::<_, String>(0))
        .expect("query")
        .map(|r| r.expect("row") + ";\n")
        .collect()
}

/// What SQLite's PRAGMAs say of the tables of `db` (`export_check.py
/// pragmas-of`, importing the models in `dir` but creating nothing).
pub fn pragmas(py: &Path, dir: &Path, mode: &str, db: &Path) -> String {
    let d = dir.to_str().expect("utf-8");
    flask(
        py,
        "export_check.py",
        &[d, mode, db.to_str().expect("utf-8")],
    )
}
