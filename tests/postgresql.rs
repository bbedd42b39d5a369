//! ormsh on PostgreSQL (issue 19, in progress): golden cases run against
//! a real server (`pg_support`: `ORMSH_TEST_PG`, or one started for this
//! process), each in a database of its own, must print exactly their
//! `.out` — the same expected output as on SQLite. The cases are listed in
//! `tests/cases/POSTGRESQL`; skipped with the reason printed when no
//! server can be had.

mod pg_support;
mod run_ormsh;

use std::path::Path;

/// Run `case` (relative to tests/cases) on a fresh PostgreSQL database.
fn run_case(case: &str) {
    let Some(db) = pg_support::database(case) else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let script = std::fs::read_to_string(root.join(case)).expect("case");
    let want = std::fs::read_to_string(root.join(case).with_extension("out")).expect("out");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run_ormsh::with_stdin(dir.path(), &[db.url.as_ref()], &script);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{case} on PostgreSQL failed:\n{stderr}"
    );
    assert_eq!(stdout, want, "{case} on PostgreSQL\nstderr:\n{stderr}");
}

#[test]
fn golden_cases_on_postgresql() {
    let list = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/POSTGRESQL");
    let list = std::fs::read_to_string(list).expect("tests/cases/POSTGRESQL");
    for case in list
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        run_case(case.trim());
    }
}
