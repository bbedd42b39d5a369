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
//!
//! The issue-17 exports of reflected files (table args, views, virtual
//! tables, tables without a key) are `tests/flask_interop_kinds.rs`.

mod interop_support;
mod ref_venv;
mod scratch;
use interop_support::*;
use std::path::Path;
use std::process::{Command, Stdio};

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
    // A file there already (empty): definitions are stored in it at once
    // (a file the run creates keeps them only once it holds a table).
    std::fs::write(&ours, b"").expect("an empty file");
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
