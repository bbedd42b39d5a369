//! Trading databases with Flask-SQLAlchemy, both ways, and `.export
//! python` running in Flask (issue 7). Needs the reference environment
//! (`$ORMSH_REF_VENV` when set, else one made with `python3 -m venv` and
//! pip under Cargo's `CARGO_TARGET_TMPDIR`: `ref_venv`). Without Python
//! every test here passes after printing why it was skipped.
//!
//! The Python side is `tests/interop/flask_side.py` (models matching
//! `tests/interop/ormsh_models.orm`) and `export_check.py`. Each side prints
//! every row as one `repr()` line, so the two dumps must be identical
//! text; the Python side also checks each value and its type.

mod ref_venv;
mod scratch;
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
    // Straight to stderr, past the test harness's capture.
    let _ = writeln!(
        std::io::stderr(),
        "flask_interop: SKIPPED — {why} (set ORMSH_REF_VENV or install python3)"
    );
}

/// The reference interpreter, made once per run if need be.
fn python() -> Option<&'static Path> {
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

fn temp_dir(name: &str) -> PathBuf {
    let dir = scratch::dir(&format!("interop-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The reflection case `case` set up as `dir/FILE` and its models written
/// by `.export python` to `dir/models.py`: (the file, models.py).
fn exported_case(dir: &Path, file: &str, case: &str) -> (PathBuf, PathBuf) {
    let db = dir.join(file);
    reflect_setup(&db, case);
    let models = dir.join("models.py");
    ormsh(&db, &[&format!(".export python {}", models.display())]);
    (db, models)
}

/// `models` read by ormsh into the fresh file `dir/ours.db`, then
/// `db.create_all()` run `times` times: the file.
fn created_by_ormsh(dir: &Path, models: &Path, times: usize) -> PathBuf {
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
fn reflect_setup(db: &Path, case: &str) {
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
fn work_dir() -> PathBuf {
    let dir = scratch::dir("interop-cwd");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn run(cmd: &mut Command) -> String {
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

fn ormsh(db: &Path, scripts: &[&str]) -> String {
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

fn flask(py: &Path, script: &str, args: &[&str]) -> String {
    run(Command::new(py).arg(interop(script)).args(args))
}

#[test]
fn ormsh_writes_flask_reads_and_writes_ormsh_reads() {
    let Some(py) = python() else {
        return skip("no Flask-SQLAlchemy environment");
    };
    let dir = temp_dir("a");
    let db = dir.join("app.db");
    let path = db.to_str().expect("utf-8 path");
    ormsh(&db, &["ormsh_models.orm", "ormsh_rows.orm"]);
    let ours = ormsh(&db, &["ormsh_dump.orm"]);
    // Flask checks each value ormsh wrote, adds its own rows, dumps all.
    let theirs = flask(py, "flask_side.py", &["check-ormsh", path]);
    assert!(
        theirs.starts_with(&ours),
        "Flask reads:\n{theirs}ormsh wrote:\n{ours}"
    );
    assert_eq!(theirs.lines().count(), 5);
    // The next ormsh run has its models from the file and reads it all.
    assert_eq!(ormsh(&db, &["ormsh_dump.orm"]), theirs);
    assert_eq!(
        ormsh(&db, &[".models"]),
        "Category (table category): id, name\n\
         Event (table event): id, name, code, at, day, clock, done, score, data, blob, category_id\n"
    );
}

#[test]
fn flask_writes_ormsh_reflects_and_writes_flask_reads() {
    let Some(py) = python() else {
        return skip("no Flask-SQLAlchemy environment");
    };
    let dir = temp_dir("b");
    let db = dir.join("flask.db");
    let path = db.to_str().expect("utf-8 path");
    let theirs = flask(py, "flask_side.py", &["create", path]);
    // ormsh has no stored models here: it reflects Flask's tables.
    assert_eq!(ormsh(&db, &["ormsh_dump.orm"]), theirs);
    let ours = ormsh(&db, &["ormsh_rows.orm", "ormsh_dump.orm"]);
    assert!(ours.starts_with(&theirs));
    assert_eq!(ours.lines().count(), 5);
    // Flask checks every value ormsh added, through its own models.
    assert_eq!(flask(py, "flask_side.py", &["check-after", path]), ours);
}

/// Statements of a schema dump, trimmed and sorted.
fn statements(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text
        .split(";\n")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    v.sort();
    v
}

#[test]
fn exported_models_create_the_same_schema_in_flask() {
    let Some(py) = python() else {
        return skip("no Flask-SQLAlchemy environment");
    };
    let dir = temp_dir("export");
    let ours = dir.join("ormsh.db");
    let models = dir.join("models.py");
    let export = format!(".export python {}", models.display());
    let sql = ormsh(&ours, &["export_models.orm", &export, ".export sql"]);
    // The next run has the models from the file; it creates the tables.
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ormsh"));
    run(cmd
        .args(["-c", "db.create_all()"])
        .arg(&ours)
        .stdin(Stdio::null()));
    let flask_db = dir.join("flask.db");
    let theirs = flask(
        py,
        "export_check.py",
        &[
            dir.to_str().expect("utf-8"),
            "schema",
            flask_db.to_str().expect("utf-8"),
        ],
    );
    let conn = rusqlite::Connection::open(&ours).expect("open");
    let mut stmt = conn
        .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name <> '_ormsh_models' ORDER BY name")
        .expect("prepare");
    let stored: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .expect("query")
        .map(|r| r.expect("row") + ";\n")
        .collect();
    assert_eq!(statements(&theirs), statements(&stored.join("\n")));
    assert_eq!(statements(&theirs), statements(&sql));
}

#[test]
fn exported_reflected_models_query_in_flask() {
    let Some(py) = python() else {
        return skip("no Flask-SQLAlchemy environment");
    };
    let dir = temp_dir("chinook");
    let db = dir.join("chinook.db");
    reflect_setup(&db, "chinook");
    let models = dir.join("models.py");
    let sql = ormsh(
        &db,
        &[
            &format!(".export python {}", models.display()),
            ".export sql",
        ],
    );
    let d = dir.to_str().expect("utf-8");
    let out = flask(
        py,
        "export_check.py",
        &[d, "chinook", db.to_str().expect("utf-8")],
    );
    assert_eq!(
        out,
        "For Those About To Rock We Salute You by AC/DC [1, 4]\n\
         ['Heavy Metal Classic', 'Music']\n[1, 2, 3]\nAndrew [2]\n[1, 3]\n\
         datetime.datetime(2009, 1, 1, 0, 0)\n"
    );
    // `.export sql` writes reflected tables as the file stores them, as
    // sqlite3's `.dump` writes the schema (issue 17).
    assert_eq!(statements(&sql), statements(&stored_sql(&db).join("\n")));
    // The exported models make in Flask the schema they make in ormsh.
    let fresh = dir.join("fresh.db");
    let theirs = flask(
        py,
        "export_check.py",
        &[d, "schema", fresh.to_str().expect("utf-8")],
    );
    let ours = created_by_ormsh(&dir, &models, 1);
    assert_eq!(
        statements(&theirs),
        statements(&stored_sql(&ours).join("\n"))
    );
}

/// The CREATE statements a file stores (not `_ormsh_models`'), each
/// ending in `;` as `statements` splits them.
fn stored_sql(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut stmt = conn
        .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name <> '_ormsh_models' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .expect("prepare");
    stmt.query_map([], |r| r.get::<_, String>(0))
        .expect("query")
        .map(|r| r.expect("row") + ";\n")
        .collect()
}

/// Every declared type of `reflect/affinity.setup.sql` and
/// `reflect/type-arguments.setup.sql` (issue 17): the models `.export
/// python` writes give each column the type automap reflects.
#[test]
fn exported_reflected_types_are_automaps() {
    let Some(py) = python() else {
        return skip("no Flask-SQLAlchemy environment");
    };
    for case in ["affinity", "type-arguments"] {
        let dir = temp_dir(&format!("types-{case}"));
        let (db, _) = exported_case(&dir, "types.db", case);
        let (d, path) = (dir.to_str().expect("utf-8"), db.to_str().expect("utf-8"));
        let automap = flask(py, "types_check.py", &["automap", path]);
        assert!(automap.lines().count() > 5, "{automap}");
        assert_eq!(flask(py, "types_check.py", &["models", d, path]), automap);
    }
}

/// Django-style link tables (`reflect/link-tables.setup.sql`) exported and
/// used in Flask with every SQLAlchemy warning an error: the many-to-many
/// through a link model says `overlaps=` for the link model's own
/// relationships.
#[test]
fn exported_link_tables_warn_not_in_flask() {
    let Some(py) = python() else {
        return skip("no Flask-SQLAlchemy environment");
    };
    let dir = temp_dir("links");
    let (db, _) = exported_case(&dir, "links.db", "link-tables");
    let d = dir.to_str().expect("utf-8");
    let out = flask(
        py,
        "export_check.py",
        &[d, "links", db.to_str().expect("utf-8")],
    );
    assert_eq!(
        out,
        "['a', 'b'] ['calm']\n[('ann', 'bass'), ('bob', 'drums')]\n"
    );
}

/// The round-trip fixtures (`tests/roundtrip/`, read back by ormsh in
/// `tests/roundtrip.rs`) exported and imported by Flask-SQLAlchemy: the
/// tables it creates are the ones ormsh created.
#[test]
fn exported_round_trip_fixtures_create_the_same_schema_in_flask() {
    let Some(py) = python() else {
        return skip("no Flask-SQLAlchemy environment");
    };
    for fixture in ["ormsh_models.orm", "class_models.orm"] {
        let dir = temp_dir(fixture);
        let ours = dir.join("ormsh.db");
        let models = dir.join("models.py");
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/roundtrip")
            .join(fixture);
        // (The class fixture's __bind_key__ is noted on stderr.)
        let out = Command::new(env!("CARGO_BIN_EXE_ormsh"))
            .arg("-f")
            .arg(&path)
            .arg("-c")
            .arg(format!(".export python {}", models.display()))
            .args(["-c", ".export sql"])
            .arg(&ours)
            .current_dir(work_dir())
            .stdin(Stdio::null())
            .output()
            .expect("run");
        assert!(out.status.success(), "{fixture}");
        let sql = String::from_utf8_lossy(&out.stdout);
        let flask_db = dir.join("flask.db");
        let theirs = flask(
            py,
            "export_check.py",
            &[
                dir.to_str().expect("utf-8"),
                "schema",
                flask_db.to_str().expect("utf-8"),
            ],
        );
        // SQLite's own table for AUTOINCREMENT is no statement of ours.
        let mut theirs = statements(&theirs);
        theirs.retain(|s| !s.starts_with("CREATE TABLE sqlite_sequence"));
        assert_eq!(theirs, statements(&sql), "{fixture}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// What SQLite's PRAGMAs say of the tables of `db` (`export_check.py
/// pragmas-of`, importing the models in `dir` but creating nothing).
fn pragmas(py: &Path, dir: &Path, mode: &str, db: &Path) -> String {
    let d = dir.to_str().expect("utf-8");
    flask(
        py,
        "export_check.py",
        &[d, mode, db.to_str().expect("utf-8")],
    )
}

/// Reflected tables whose columns cannot say all of them (issue 17):
/// WITHOUT ROWID and STRICT tables, a composite foreign key, partial,
/// expression, descending and named indexes. The models `.export python`
/// writes make, by `create_all()` on a fresh file, the tables the file
/// has — every column, key, foreign key and index alike in SQLite's
/// PRAGMAs — in Flask and when ormsh reads them back.
#[test]
fn exported_table_args_make_the_files_tables() {
    let Some(py) = python() else {
        return skip("no Flask-SQLAlchemy environment");
    };
    let dir = temp_dir("table-args");
    let (db, models) = exported_case(&dir, "original.db", "export-table-args");
    let original = pragmas(py, &dir, "pragmas-of", &db);
    assert!(
        original.contains("without rowid") && original.contains("strict"),
        "{original}"
    );
    let flask_db = dir.join("flask.db");
    assert_eq!(pragmas(py, &dir, "pragmas", &flask_db), original);
    let ours = created_by_ormsh(&dir, &models, 1);
    assert_eq!(pragmas(py, &dir, "pragmas-of", &ours), original);
}

/// A file's views and triggers (issue 17: `reflect/export-views`, the
/// tryout's file): the models `.export python` writes query the views in
/// Flask (a view with a column of no type too; an INSERT through a view
/// with an INSTEAD OF trigger), and their `create_all()` — again and
/// again, after a `drop_all()` — makes on a fresh file what the file has,
/// views included, in Flask and when ormsh reads them back; its
/// `sqlite_master` holds the file's own SQL for every view and trigger.
#[test]
fn exported_views_are_views_in_flask() {
    let Some(py) = python() else {
        return skip("no Flask-SQLAlchemy environment");
    };
    let dir = temp_dir("views");
    let (db, models) = exported_case(&dir, "original.db", "export-views");
    let original = pragmas(py, &dir, "pragmas-of", &db);
    assert!(original.contains("big_city view"), "{original}");
    let views_and_triggers = |f: &Path| -> Vec<String> {
        stored_sql(f)
            .into_iter()
            .filter(|s| s.starts_with("CREATE VIEW") || s.starts_with("CREATE TRIGGER"))
            .collect()
    };
    let flask_db = dir.join("flask.db");
    assert_eq!(pragmas(py, &dir, "pragmas", &flask_db), original);
    assert_eq!(views_and_triggers(&flask_db), views_and_triggers(&db));
    // Twice: the views' DDL says IF NOT EXISTS.
    let ours = created_by_ormsh(&dir, &models, 2);
    assert_eq!(pragmas(py, &dir, "pragmas-of", &ours), original);
    assert_eq!(views_and_triggers(&ours), views_and_triggers(&db));
    assert_eq!(
        pragmas(py, &dir, "views", &db),
        "[('Osaka', 2700000), ('Paris', 2100000)]\n[('DE', 0), ('FR', 2), ('JP', 1)]\n\
         [(1, 'a'), (2, 'b'), (3, 'c')]\n"
    );
}
