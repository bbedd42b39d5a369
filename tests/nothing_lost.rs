//! Nothing lost, nothing run behind your back (issue 11, items 2–5), each
//! checked through a real ormsh process and a separate SQLite connection:
//! a write waits for another process's lock up to `--busy-timeout`, and a
//! definition that cannot be stored says so and is never dropped silently;
//! after a failed COMMIT the session waits in SQLAlchemy's 'prepared'
//! state, and its rollback puts every object where SQLAlchemy's does; an
//! interrupted statement leaves the session as it was before it; a
//! closed output pipe stops the script with an error.

mod scratch;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn temp_db(name: &str) -> PathBuf {
    let dir = scratch::dir("nothing-lost");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(format!("{name}.db"));
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
    }
    p
}

/// Start ormsh on `db` with `script` on its standard input (then closed).
fn spawn(db: &Path, args: &[&str], script: &str) -> Child {
    // In the database's temporary directory: nothing lands in the checkout.
    let mut child = Command::new(env!("CARGO_BIN_EXE_ormsh"))
        .current_dir(db.parent().expect("a temporary directory"))
        .arg(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start ormsh");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    child
}

fn ormsh(db: &Path, args: &[&str], script: &str) -> Output {
    spawn(db, args, script).wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// One column of a query, as text, through a separate connection.
fn column(db: &Path, sql: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).expect("open with a separate connection");
    let mut stmt = conn.prepare(sql).expect("prepare");
    stmt.query_map([], |r| {
        Ok(match r.get_ref(0)? {
            rusqlite::types::ValueRef::Null => "NULL".to_string(),
            rusqlite::types::ValueRef::Integer(i) => i.to_string(),
            rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
            other => format!("{other:?}"),
        })
    })
    .expect("query")
    .map(|r| r.unwrap())
    .collect()
}

/// Another process's connection holding the write lock.
fn hold_lock(db: &Path) -> rusqlite::Connection {
    let holder = rusqlite::Connection::open(db).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO t (id) VALUES (100);")
        .unwrap();
    holder
}

const T: &str = "model T < id = db.Column(db.Integer, primary_key=True) >\n";
const T2: &str = "model T <\n    id = db.Column(db.Integer, primary_key=True)\n    note = db.Column(db.String(20))\n>\n";

fn t_db(name: &str) -> PathBuf {
    let db = temp_db(name);
    let out = ormsh(&db, &[], &format!("{T}db.create_all()\n"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    db
}

// Item 5: a redefinition while another process holds the lock.

#[test]
fn a_redefinition_waits_for_the_lock_and_is_stored_once_it_is_free() {
    let db = t_db("redefine-waits");
    let holder = hold_lock(&db);
    let child = spawn(&db, &["--busy-timeout", "60000"], T2);
    // Released while ormsh waits (or before it starts, on a slow machine).
    std::thread::sleep(Duration::from_millis(700));
    holder.execute_batch("COMMIT").unwrap();
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("not saved"), "{err}");
    assert_eq!(
        column(&db, "SELECT source FROM _ormsh_models WHERE name = 'T'"),
        vec![T2.trim_end().to_string()]
    );
}

#[test]
fn a_redefinition_that_cannot_be_stored_waits_the_busy_timeout_and_says_so() {
    let db = t_db("redefine-locked");
    let holder = hold_lock(&db);
    let started = Instant::now();
    let out = ormsh(&db, &["--busy-timeout", "1500"], T2);
    let waited = started.elapsed();
    holder.execute_batch("COMMIT").unwrap();
    let err = stderr(&out);
    assert!(
        waited >= Duration::from_millis(1500),
        "did not wait: {waited:?}"
    );
    assert!(
        err.contains("warning: the definition of model T was not saved in _ormsh_models yet: database is locked"),
        "{err}"
    );
    assert!(
        err.contains("warning: the definition of model T was NOT saved in "),
        "{err}"
    );
    // The old source stays, as the warning says.
    assert_eq!(
        column(&db, "SELECT source FROM _ormsh_models WHERE name = 'T'"),
        vec![T.trim_end().to_string()]
    );
}

#[test]
fn a_write_after_a_read_in_one_statement_waits_for_the_lock() {
    let db = t_db("read-then-write");
    let holder = hold_lock(&db);
    let child = spawn(
        &db,
        &["--busy-timeout", "60000"],
        &format!("{T}n = T.query.count(); db.session.add(T(id=n + 1)); db.session.commit()\n"),
    );
    std::thread::sleep(Duration::from_millis(700));
    holder.execute_batch("COMMIT").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(column(&db, "SELECT count(*) FROM t"), vec!["2"]);
}

// Item 4: a closed output pipe.

/// Run `script` with its output read up to the first line only, then the
/// pipe closed (`… | head -1`).
fn head_1(db: &Path, args: &[&str], script: &str) -> Output {
    use std::io::BufRead;
    let mut child = spawn(db, args, script);
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first, "line 0\n");
    // The reader is dropped here: the pipe is closed.
    child.wait_with_output().unwrap()
}

const PRINTS_THEN_WRITES: &str = "for i in range(100000): print('line', i)\ndb.session.add(T(id=7)); db.session.commit()\nprint('done')\n";

#[test]
fn a_closed_output_pipe_stops_the_script_with_an_error_before_the_next_write() {
    let db = t_db("broken-pipe");
    let out = head_1(&db, &[], &format!("{T}{PRINTS_THEN_WRITES}"));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("<stdin>:2:25: error: BrokenPipeError: [Errno 32] Broken pipe"),
        "{err}"
    );
    assert!(column(&db, "SELECT id FROM t").is_empty(), "the write ran");
}

#[test]
fn with_keep_going_after_a_closed_pipe_statements_that_print_nothing_run() {
    let db = t_db("broken-pipe-keep-going");
    let out = head_1(&db, &["--keep-going"], &format!("{T}{PRINTS_THEN_WRITES}"));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // The loop and the last print fail; the write between them does not.
    assert_eq!(err.matches("BrokenPipeError").count(), 2, "{err}");
    assert!(err.contains("<stdin>:4:1: error: BrokenPipeError"), "{err}");
    assert_eq!(column(&db, "SELECT id FROM t"), vec!["7"]);
}

// Item 2: a commit that fails.

/// As SQLAlchemy leaves it (the reference, with a sqlite3 reader holding
/// the file): the session waits in its 'prepared' state, the object
/// still in it, until `rollback()` makes it transient; nothing is written.
#[test]
fn a_commit_the_file_is_too_busy_for_waits_for_rollback_in_the_prepared_state() {
    let db = t_db("busy-commit");
    // Another connection reads: COMMIT cannot get the exclusive lock.
    let reader = rusqlite::Connection::open(&db).unwrap();
    reader
        .execute_batch("BEGIN; SELECT count(*) FROM t;")
        .unwrap();
    let out = ormsh(
        &db,
        &["--busy-timeout", "300", "--keep-going"],
        &format!(
            "{T}t = T(id=5)\ndb.session.add(t)\ndb.session.commit()\nprint(t in db.session, db.session.is_active)\n\
             T.query.count()\ndb.session.rollback()\nprint(t in db.session, T.query.count())\ndb.session.commit()\n"
        ),
    );
    reader.execute_batch("COMMIT").unwrap();
    let err = stderr(&out);
    assert!(
        err.contains("<stdin>:4:1: error: OperationalError: database is locked"),
        "{err}"
    );
    assert!(
        err.contains(
            "the session is in SQLAlchemy's 'prepared' state: is_active is False and it runs no SQL until db.session.rollback(); after the rollback: 1 new object left the session (add it again to retry)"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "<stdin>:6:1: error: InvalidRequestError: This session is in 'prepared' state"
        ),
        "{err}"
    );
    // Before the rollback the object is still in the session; after it,
    // transient, and the next commit has nothing to write.
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "True False\nFalse 0\n",
        "{err}"
    );
    assert!(column(&db, "SELECT id FROM t").is_empty());
}
