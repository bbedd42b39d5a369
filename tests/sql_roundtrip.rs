//! The SQL text ormsh writes of a file loads back into the same file
//! (issue 17): `.export sql` of a reflected file and `.dump` of one with
//! virtual tables, each run by SQLite into a fresh file and compared with
//! the original — schema rows, every table's rows, the indexes' own
//! checks. Files live in this process's scratch directory.

mod scratch;
use std::path::Path;
use std::process::{Command, Stdio};

/// Run the binary in `dir` with `args`, nothing on standard input; it
/// must succeed and write nothing to stderr but notes. Its stdout.
fn ormsh(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_ormsh"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run ormsh");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && err.lines().all(|l| l.starts_with("note: ")),
        "ormsh {args:?} failed:\n{}{err}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The schema of a file as `sqlite_master` holds it, sorted.
fn stored_schema(db: &Path) -> Vec<(String, String, String, String)> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut stmt = conn
        .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> '_ormsh_models' ORDER BY type, name")
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// `.export sql` of a reflected file, run by SQLite into a fresh file,
/// makes the same schema as sqlite3's `.dump` would (issue 17): WITHOUT
/// ROWID kept, an FTS5 index made by its CREATE VIRTUAL TABLE (its shadow
/// tables with it, none written twice), views, triggers and a partial
/// index, a generated column — every `sqlite_master` row alike.
#[test]
fn export_sql_of_a_reflected_file_rebuilds_its_schema() {
    let dir = &scratch::dir("export-sql");
    let setup = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases/reflect/export-sql-kinds.setup.sql");
    let sql = std::fs::read_to_string(setup).expect("setup");
    let original = dir.join("original.db");
    rusqlite::Connection::open(&original)
        .expect("open")
        .execute_batch(&sql)
        .expect("setup runs");
    let db = original.to_str().expect("utf-8");
    ormsh(dir, &[db, "-c", ".export sql export.sql"]);
    let exported = std::fs::read_to_string(dir.join("export.sql")).expect("exported");
    let copy = dir.join("copy.db");
    rusqlite::Connection::open(&copy)
        .expect("open")
        .execute_batch(&exported)
        .unwrap_or_else(|e| panic!("the export does not run: {e}\n{exported}"));
    assert_eq!(stored_schema(&copy), stored_schema(&original), "{exported}");
}

/// Every row of every table of a file (shadow tables too), sorted, as text.
fn all_rows(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("names");
    let mut rows = Vec::new();
    for t in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{}\"", t.replace('"', "\"\"")))
            .expect("prepare");
        let n = stmt.column_count();
        let mut q = stmt.query([]).expect("query");
        while let Some(r) = q.next().expect("row") {
            let values: Vec<String> = (0..n)
                .map(|i| format!("{:?}", r.get_ref(i).expect("value")))
                .collect();
            rows.push(format!("{t}: {}", values.join(", ")));
        }
    }
    rows.sort();
    rows
}

/// `.dump` of a file with FTS5 and R*Tree indexes and a generated column
/// (issue 17), run by SQLite into a fresh file: the same schema, the same
/// rows in every table (the indexes' shadow tables too), and the indexes
/// answer queries and pass their own integrity checks. sqlite3 writes a
/// virtual table as its schema row under `writable_schema`; ormsh made it
/// again, and the shadow tables' CREATE then failed.
#[test]
fn dump_of_virtual_tables_loads_back_whole() {
    let dir = &scratch::dir("dump-virtual");
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/reflect");
    let original = dir.join("original.db");
    let conn = rusqlite::Connection::open(&original).expect("open");
    for setup in ["dump-virtual.setup.sql", "dump-generated.setup.sql"] {
        let sql = std::fs::read_to_string(cases.join(setup)).expect("setup");
        conn.execute_batch(&sql).expect("setup runs");
    }
    drop(conn);
    let dump = ormsh(dir, &[original.to_str().expect("utf-8"), "-c", ".dump"]);
    let copy = dir.join("copy.db");
    let conn = rusqlite::Connection::open(&copy).expect("open");
    conn.execute_batch(&dump)
        .unwrap_or_else(|e| panic!("the dump does not load: {e}\n{dump}"));
    drop(conn);
    // A statement ending in a comment keeps the line break before the
    // `;` sqlite3 writes on a line of its own (as sqlite3's dump does).
    let trimmed = |db: &Path| -> Vec<_> {
        (stored_schema(db).into_iter())
            .map(|(k, n, t, sql)| (k, n, t, sql.trim_end().to_string()))
            .collect()
    };
    assert_eq!(trimmed(&copy), trimmed(&original), "{dump}");
    assert_eq!(all_rows(&copy), all_rows(&original));
    let conn = rusqlite::Connection::open(&copy).expect("open");
    conn.execute_batch(
        "INSERT INTO note_fts(note_fts) VALUES ('integrity-check'); \
         INSERT INTO note_fts (rowid, body) VALUES (3, 'hello again');",
    )
    .expect("the FTS5 index is whole and takes rows");
    let hits: Vec<i64> = conn
        .prepare("SELECT rowid FROM note_fts WHERE note_fts MATCH 'hello' ORDER BY rowid")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(hits, [1, 3]);
    let boxes: i64 = conn
        .query_row(
            "SELECT count(*) FROM box WHERE x0 <= 3 AND x1 >= 3",
            [],
            |r| r.get(0),
        )
        .expect("R*Tree query");
    assert_eq!(boxes, 1);
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
    let total: f64 = conn
        .query_row("SELECT total FROM item", [], |r| r.get(0))
        .expect("generated column");
    assert_eq!(total, 10.0);
}

/// `.export sql` of a reflected file with tables no model maps (issue 17:
/// one whose columns take every rowid name, one made by `.sql CREATE
/// TABLE` in the session), run by SQLite into a fresh file: the same
/// schema (the unmapped table's index and trigger too), the unmapped
/// tables' rows alike — quotes, NULLs and blobs as `.dump` writes them —
/// and the mapped table's none (the tables of models carry no rows).
#[test]
fn export_sql_of_unmapped_tables_rebuilds_them_with_their_rows() {
    let dir = &scratch::dir("export-sql-unmapped");
    let setup = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases/reflect/export-sql-unmapped.setup.sql");
    let sql = std::fs::read_to_string(setup).expect("setup");
    let original = dir.join("original.db");
    rusqlite::Connection::open(&original)
        .expect("open")
        .execute_batch(&sql)
        .expect("setup runs");
    let db = original.to_str().expect("utf-8");
    ormsh(
        dir,
        &[
            db,
            "-c",
            ".sql CREATE TABLE later (k TEXT, v BLOB)",
            "-c",
            ".sql INSERT INTO later VALUES ('x', X'00ff'), ('y', NULL), ('it''s', x'')",
            "-c",
            "db.session.commit()",
            "-c",
            ".export sql export.sql",
        ],
    );
    let exported = std::fs::read_to_string(dir.join("export.sql")).expect("exported");
    let copy = dir.join("copy.db");
    rusqlite::Connection::open(&copy)
        .expect("open")
        .execute_batch(&exported)
        .unwrap_or_else(|e| panic!("the export does not run: {e}\n{exported}"));
    assert_eq!(stored_schema(&copy), stored_schema(&original), "{exported}");
    let unmapped = |db: &Path| -> Vec<String> {
        (all_rows(db).into_iter())
            .filter(|r| !r.starts_with("item: "))
            .collect()
    };
    let rows = unmapped(&original);
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert_eq!(unmapped(&copy), rows, "{exported}");
    assert!(all_rows(&original).iter().any(|r| r.starts_with("item: ")));
    assert!(!all_rows(&copy).iter().any(|r| r.starts_with("item: ")));
}
