//! Hostile files (issue 11, item 8): a database file is data, never code.
//! Each test makes a file with ormsh, tampers with `_ormsh_models` through
//! a separate SQLite connection the way an attacker would, then opens it:
//! the trick is refused with a note saying why, nothing it asked for
//! happens (rows, tables and the directory are as they were), the other
//! models load, and `db` is still `db`. `hostile_runs.rs` goes on with
//! what is stopped when stored code runs, and with exports and DDL.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::{feed, rows, temp_db};

/// The file every test starts from: `Victim` (two rows, a `__repr__`) and
/// `Post`, stored by ormsh itself, in a directory of its own.
pub(super) fn victim_db(name: &str) -> PathBuf {
    let db = temp_db(&format!("hostile-{name}"));
    let dir = db.with_extension("d");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("victim.db");
    let out = run(
        &db,
        &[],
        "model Victim <
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    __repr__ = '<Victim %r>' % self.name
>
model Post <
    id = db.Column(db.Integer, primary_key=True)
    victim_id = db.Column(db.Integer, db.ForeignKey('victim.id'))
    victim = db.relationship('Victim', backref='posts')
>
db.create_all()
db.session.add_all([Victim(name='a'), Victim(name='b')])
db.session.commit()
",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

/// Run ormsh on `db` in the file's directory, killing it after a minute
/// (a hang is a failure, not a stuck test run).
pub(super) fn run(db: &Path, args: &[&str], script: &str) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ormsh"));
    cmd.arg(db)
        .args(args)
        .current_dir(db.parent().unwrap())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = feed(&mut cmd, script);
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("ormsh hung opening {}", db.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Store a definition as an attacker would: a new row at the end.
pub(super) fn tamper(db: &Path, kind: &str, name: &str, source: &dyn rusqlite::ToSql) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute(
        "INSERT INTO _ormsh_models (kind, name, source, position) VALUES (?1, ?2, ?3, 100)",
        rusqlite::params![kind, name, source],
    )
    .unwrap();
}

/// Replace a stored source.
fn rewrite(db: &Path, name: &str, f: impl Fn(&str) -> String) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let src: String = conn
        .query_row(
            "SELECT source FROM _ormsh_models WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute(
        "UPDATE _ormsh_models SET source = ?1 WHERE name = ?2",
        [f(&src), name.to_string()],
    )
    .unwrap();
}

/// After the open: the data is as it was, nothing else is in the
/// directory, and `db` and the models still work.
pub(super) const CHECK: &str = "print(Victim.query.count(), [p.id for p in Post.query.all()])
print(db.session.execute(text('SELECT count(*) FROM victim')).scalar())
";

pub(super) fn assert_untouched(db: &Path, out: &Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "stderr: {err}");
    assert_eq!(stdout, "2 []\n2\n", "stderr: {err}");
    assert_eq!(
        rows(db, "SELECT name FROM victim ORDER BY id"),
        vec![vec!["a"], vec!["b"]]
    );
    assert_eq!(
        rows(
            db,
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ),
        vec![vec!["_ormsh_models"], vec!["post"], vec!["victim"]]
    );
    let mut files: Vec<String> = std::fs::read_dir(db.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["victim.db"], "stderr: {err}");
    assert!(
        !err.contains('\u{1b}'),
        "an escape reached the terminal: {err:?}"
    );
}

pub(super) const ID: &str = "id = db.Column(db.Integer, primary_key=True)";

/// `model Evil < id …; BODY >`
pub(super) fn evil(body: &str) -> String {
    format!("model Evil <\n    {ID}\n    {body}\n>")
}

/// Each trick, stored as a new row: it is refused with its reason and the
/// file opens as it was.
#[test]
fn stored_tricks_are_refused_and_the_file_opens_safely() {
    let deep = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    let huge = format!("# {}\n{}", "x".repeat(1 << 20), evil(""));
    let tricks: Vec<(&str, &str, String, &str)> = vec![
        // Statements after the block, and statements instead of one.
        (
            "drop_all after",
            "Evil",
            evil("") + "\ndb.drop_all()",
            "holds 2 statements",
        ),
        (
            "delete after",
            "Evil",
            evil("") + "\nVictim.query.delete(); db.session.commit()",
            "holds 3 statements",
        ),
        (
            "endless loop after",
            "Evil",
            evil("") + "\nfor i in range(10**12): pass",
            "holds 2 statements",
        ),
        // The same inside a member.
        (
            "drop_all in a member",
            "Evil",
            evil("x = db.Column(db.Integer, default=db.drop_all())"),
            "uses db.drop_all",
        ),
        (
            "delete in a member",
            "Evil",
            evil("x = db.Column(db.Integer, default=Victim.query.delete())"),
            "uses .query",
        ),
        (
            "commit in a default",
            "Evil",
            evil("x = db.Column(db.Integer, default=lambda: db.session.commit())"),
            "uses db.session",
        ),
        (
            "ATTACH through the session",
            "Evil",
            evil(
                "x = db.Column(db.Integer, default=db.session.execute(text(\"ATTACH 'pwned.db' AS p\")))",
            ),
            "uses db.session",
        ),
        (
            "ATTACH through a server default",
            "Evil",
            evil(
                "x = db.Column(db.Integer, server_default=db.text(\"0); ATTACH 'pwned.db' AS p; --\"))",
            ),
            "text() SQL has",
        ),
        (
            "a relationship string",
            "Evil",
            evil("v = db.relationship('Victim', order_by=\"Victim.query.delete()\")"),
            "uses .query",
        ),
        (
            "a repr that deletes",
            "Evil",
            evil("__repr__ = str(Victim.query.delete())"),
            "uses .query",
        ),
        (
            "Python's own names",
            "Evil",
            evil(
                "x = db.Column(db.Integer, default=lambda: __import__('os').system('touch pwned'))",
            ),
            "uses the name __import__",
        ),
        (
            "a carriage return Python reads as a line end",
            "Evil",
            evil("x = db.Column(db.Integer, doc='a' # \r); import os; y = ( #\n)"),
            "U+000D",
        ),
        // Names that hide ormsh's own.
        (
            "a model named db",
            "db",
            format!("model db <\n    {ID}\n>"),
            "would hide the built-in db",
        ),
        (
            "a model named func",
            "func",
            format!("model func <\n    {ID}\n>"),
            "would hide the built-in func",
        ),
        (
            "a row whose source names another model",
            "Evil",
            format!("model Victim <\n    {ID}\n>"),
            "defines the model Victim, not Evil",
        ),
        // Sizes and shapes that would crash or exhaust the open.
        (
            "deep nesting",
            "Evil",
            evil(&format!("x = {deep}")),
            "does not parse",
        ),
        ("a huge source", "Evil", huge, "more than the 262144"),
    ];
    for (what, name, source, reason) in tricks {
        let db = victim_db(&what.replace(' ', "-"));
        tamper(&db, "model", name, &source);
        let out = run(&db, &[], CHECK);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!(
                "warning: the stored model {name} was not loaded: "
            )) && err.contains(reason),
            "{what}: {err}"
        );
        assert!(err.contains("nothing in the file is run"), "{what}: {err}");
        assert_untouched(&db, &out);
    }
}

/// Rows that are not even text, names that would reach the terminal, and
/// too many rows: refused by what they are, the rest opens.
#[test]
fn odd_rows_are_refused_and_the_banner_says_so() {
    let db = victim_db("odd");
    tamper(&db, "model", "Blob", &evil("").into_bytes());
    tamper(&db, "model", &"N".repeat(300), &evil(""));
    tamper(&db, "model", "\u{1b}]0;pwned\u{7}", &evil(""));
    tamper(&db, "view", "Evil", &evil(""));
    let out = run(&db, &[], CHECK);
    let err = String::from_utf8_lossy(&out.stderr);
    for want in [
        "the stored model Blob was not loaded: its source is not text",
        "the stored model in row 4 of _ormsh_models was not loaded: its kind or name is not a short text",
        "the stored model in row 5 of _ormsh_models was not loaded: its name is not an identifier",
        "the stored definition Evil was not loaded: its kind is neither 'model' nor 'table'",
    ] {
        assert!(err.contains(want), "{want}: {err}");
    }
    assert_untouched(&db, &out);

    // At the prompt the same refusals are notes in the banner.
    let engine = ormsh::engine::Engine::open(Some(&db), false).unwrap();
    let mut interp = ormsh::eval::Interp::new(
        ormsh::orm::session::Session::new(engine),
        Box::new(std::io::sink()),
    );
    interp.open_models(true);
    interp.report_refusals(true);
    let banner = interp.store.banner.join("\n");
    assert!(
        banner.starts_with("2 models loaded: Victim, Post\n"),
        "{banner}"
    );
    assert!(
        banner.contains("note: the stored model Blob was not loaded: its source is not text"),
        "{banner}"
    );
    assert!(banner.contains("note: stored definitions only declare models and tables"));
    assert!(
        interp.store.warnings.is_empty(),
        "{:?}",
        interp.store.warnings
    );
}

/// A stored model that is itself tampered with is refused; its table is
/// reflected instead, so its data stays reachable (and nothing ran).
#[test]
fn a_tampered_model_gives_way_to_reflection() {
    let db = victim_db("tampered");
    rewrite(&db, "Victim", |s| format!("{s}\ndb.drop_all()"));
    let out = run(&db, &[], CHECK);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the stored model Victim was not loaded: its source holds 2 statements"),
        "{err}"
    );
    assert_untouched(&db, &out);
}
