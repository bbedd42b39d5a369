//! ormsh holds people's data: whatever happens, what was committed stays.
//! Each test checks the database file through a separate SQLite connection:
//! constraint failures roll back at once and name what failed; hostile
//! values and names round-trip without changing any statement's shape;
//! SIGKILL mid-run leaves an intact file holding a prefix of the commits;
//! a locked database waits, then fails clearly and the session goes on;
//! Ctrl-C (SIGINT) in a script stops within a second with exit 130;
//! a statement's read snapshot ends with the statement; a hostile database
//! file opens safely (`hardening/hostile_file.rs`, `hostile_runs.rs`).

mod scratch;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

#[path = "hardening/hostile_file.rs"]
mod hostile_file;
#[path = "hardening/hostile_runs.rs"]
mod hostile_runs;

/// Where this run's files live; also the working directory of every
/// process a test starts, so nothing is written into the checkout.
fn work_dir() -> PathBuf {
    let dir = scratch::dir("hardening");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn temp_db(name: &str) -> PathBuf {
    let p = work_dir().join(format!("{name}.db"));
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
    }
    p
}

/// Start `cmd` with `script` on its standard input (then closed), in the
/// temporary directory unless the caller chose another.
fn feed(cmd: &mut Command, script: &str) -> Child {
    if cmd.get_current_dir().is_none() {
        cmd.current_dir(work_dir());
    }
    let mut child = cmd.stdin(Stdio::piped()).spawn().expect("start ormsh");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    child
}

fn ormsh(db: &Path, args: &[&str], script: &str) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ormsh"));
    cmd.arg(db)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    feed(&mut cmd, script)
        .wait_with_output()
        .expect("ormsh output")
}

fn rows(db: &Path, sql: &str) -> Vec<Vec<String>> {
    let conn = rusqlite::Connection::open(db).expect("open with a separate connection");
    let mut stmt = conn.prepare(sql).expect("prepare");
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        Ok((0..n)
            .map(|i| match r.get_ref(i).unwrap() {
                rusqlite::types::ValueRef::Null => "NULL".to_string(),
                rusqlite::types::ValueRef::Integer(i) => i.to_string(),
                rusqlite::types::ValueRef::Real(f) => f.to_string(),
                rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                rusqlite::types::ValueRef::Blob(b) => format!("{b:?}"),
            })
            .collect())
    })
    .expect("query")
    .map(|r| r.unwrap())
    .collect()
}

const MODELS: &str = "
model Category <
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40), unique=True, nullable=False)
>
model Post <
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(40), nullable=False)
    category_id = db.Column(db.Integer, db.ForeignKey('category.id'))
>
r = db.session.execute(text('CREATE TABLE item (id INTEGER NOT NULL PRIMARY KEY, price INTEGER CHECK (price > 0))'))
db.session.commit()
model Item <
    id = db.Column(db.Integer, primary_key=True)
    price = db.Column(db.Integer)
>
db.create_all()
db.session.add(Category(name='kept'))
db.session.commit()
";

#[test]
fn constraint_failures_roll_back_name_the_constraint_and_keep_what_was_committed() {
    let db = temp_db("constraints");
    let script = format!(
        "{MODELS}
db.session.add(Category(name='kept'))
db.session.commit()
db.session.rollback()
db.session.add(Category(name=None))
db.session.commit()
db.session.rollback()
db.session.add(Post(title='orphan', category_id=99))
db.session.commit()
db.session.rollback()
db.session.add(Item(price=-5))
db.session.commit()
db.session.rollback()
db.session.add(Category(name='after'))
db.session.commit()
Category.query.count()
"
    );
    let out = ormsh(&db, &["--keep-going"], &script);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for (constraint, value) in [
        ("UNIQUE constraint failed: category.name", "name='kept'"),
        ("NOT NULL constraint failed: category.name", "name=None"),
        ("FOREIGN KEY constraint failed", "category_id=99"),
        ("CHECK constraint failed: price > 0", "price=-5"),
    ] {
        assert!(
            stderr.contains(constraint),
            "{constraint} not named in:\n{stderr}"
        );
        assert!(stderr.contains(value), "{value} not shown in:\n{stderr}");
    }
    assert_eq!(
        stderr
            .matches("the transaction was rolled back: 1 new object left the session (add it again to retry)")
            .count(),
        4,
        "{stderr}"
    );
    // After each rollback() the session went on, and only committed rows
    // are in the file.
    assert_eq!(String::from_utf8_lossy(&out.stdout), "2\n");
    assert_eq!(
        rows(&db, "SELECT name FROM category ORDER BY id"),
        vec![vec!["kept"], vec!["after"]]
    );
    assert!(rows(&db, "SELECT * FROM post").is_empty());
    assert!(rows(&db, "SELECT * FROM item").is_empty());
}

#[test]
fn hostile_values_and_names_round_trip_and_never_change_a_statement() {
    let db = temp_db("injection");
    let values = [
        "it's",
        "\"quoted\"",
        "x'); DROP TABLE \"select\"; --",
        "100% ; %s %d",
        "tab\there\nnewline",
        "nul\0byte",
        "ünïcødé ✓ 中文 🦀",
        "' OR '1'='1",
        "\\backslash\\",
    ];
    let literal = |s: &str| {
        let mut out = String::from("'");
        for c in s.chars() {
            match c {
                '\'' => out.push_str("\\'"),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\0' => out.push_str("\\x00"),
                c => out.push(c),
            }
        }
        out.push('\'');
        out
    };
    let mut script = String::from(
        "model Select <
    __tablename__ = 'select'
    id = db.Column(db.Integer, primary_key=True)
    order = db.Column('my \"odd\" col', db.Text)
    group = db.Column('group by', db.Text)
>
db.create_all()
",
    );
    for v in &values {
        script.push_str(&format!(
            "db.session.add(Select(order={}, group={}))\n",
            literal(v),
            literal(v)
        ));
    }
    script.push_str("db.session.commit()\n");
    for v in &values {
        script.push_str(&format!(
            "Select.query.filter_by(order={}).count()\n",
            literal(v)
        ));
    }
    let out = ormsh(&db, &["-e"], &script);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "1\n".repeat(values.len()),
        "every value found back exactly once"
    );
    // Read back with a separate connection: byte for byte.
    let stored = rows(
        &db,
        "SELECT \"my \"\"odd\"\" col\", \"group by\" FROM \"select\" ORDER BY id",
    );
    for (row, v) in stored.iter().zip(&values) {
        assert_eq!(row[0], *v);
        assert_eq!(row[1], *v);
    }
    // The echoed SQL: one INSERT text and one SELECT text whatever the value,
    // with no value inside the statement.
    let sql_lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("INSERT") || l.starts_with("SELECT"))
        .collect();
    let inserts: std::collections::BTreeSet<&&str> = sql_lines
        .iter()
        .filter(|l| l.starts_with("INSERT"))
        .collect();
    assert_eq!(inserts.len(), 1, "{inserts:?}");
    assert!(inserts.iter().next().unwrap().contains("VALUES (?, ?)"));
    for v in &values {
        for line in &sql_lines {
            assert!(
                !line.contains(v.trim_matches('\'')) || v.len() < 3,
                "a value reached the SQL text: {line}"
            );
        }
    }
}

#[test]
fn sigkill_mid_run_leaves_an_intact_prefix_of_the_commits() {
    let script = "model T <
    id = db.Column(db.Integer, primary_key=True)
    n = db.Column(db.Integer, nullable=False)
    pad = db.Column(db.Text)
>
db.create_all()
for i in range(1000000): db.session.add(T(n=i, pad='x' * 200)); db.session.commit()
";
    for (round, delay_ms) in [150u64, 400, 700, 1100, 1600].into_iter().enumerate() {
        let db = temp_db(&format!("crash{round}"));
        let mut child = feed(
            Command::new(env!("CARGO_BIN_EXE_ormsh"))
                .arg(&db)
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
            script,
        );
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        assert_eq!(
            rows(&db, "PRAGMA integrity_check"),
            vec![vec!["ok"]],
            "round {round}"
        );
        let tables = rows(&db, "SELECT name FROM sqlite_master WHERE name = 't'");
        if tables.is_empty() {
            continue; // killed before create_all committed: an empty, intact file
        }
        let ns: Vec<i64> = rows(&db, "SELECT n FROM t ORDER BY id")
            .iter()
            .map(|r| r[0].parse().unwrap())
            .collect();
        let expected: Vec<i64> = (0..ns.len() as i64).collect();
        assert_eq!(ns, expected, "round {round}: not a prefix of the commits");
    }
}

#[test]
fn a_locked_database_waits_then_fails_clearly_and_the_session_goes_on() {
    let db = temp_db("locked");
    let out = ormsh(
        &db,
        &[],
        "model T < id = db.Column(db.Integer, primary_key=True) >\ndb.create_all()\n",
    );
    assert_eq!(out.status.code(), Some(0));
    // Another connection holds the write lock.
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO t (id) VALUES (100);")
        .unwrap();
    let started = Instant::now();
    let out = ormsh(
        &db,
        &["--busy-timeout", "300", "--keep-going"],
        "model T < id = db.Column(db.Integer, primary_key=True) >\ndb.session.add(T(id=1))\ndb.session.commit()\n6 * 7\n",
    );
    let waited = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("OperationalError: database is locked"),
        "{stderr}"
    );
    assert!(
        waited >= Duration::from_millis(300),
        "did not wait: {waited:?}"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "42\n",
        "the session went on"
    );
    holder.execute_batch("COMMIT").unwrap();
    assert_eq!(rows(&db, "SELECT id FROM t"), vec![vec!["100"]]);
}

#[test]
fn opening_a_locked_file_waits_as_long_as_busy_timeout_says() {
    // Opening waited the 5 s default whatever --busy-timeout said.
    let db = temp_db("locked-open");
    let out = ormsh(
        &db,
        &[],
        "model T < id = db.Column(db.Integer, primary_key=True) >\ndb.create_all()\n",
    );
    assert_eq!(out.status.code(), Some(0));
    // An exclusive lock keeps even readers out, so the open itself waits.
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ormsh"));
    cmd.arg(&db).args(["--busy-timeout", "120000"]);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let child = feed(&mut cmd, "T.query.count()\n");
    std::thread::sleep(Duration::from_secs(7));
    holder.execute_batch("ROLLBACK").unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "0\n");
}

#[test]
fn dot_open_of_a_locked_file_waits_as_long_as_busy_timeout_says() {
    // `.open` opened with the 5 s default whatever --busy-timeout said.
    let db = temp_db("locked-dot-open");
    let out = ormsh(
        &db,
        &[],
        "model T < id = db.Column(db.Integer, primary_key=True) >\ndb.create_all()\n",
    );
    assert_eq!(out.status.code(), Some(0));
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ormsh"));
    cmd.args(["--busy-timeout", "120000"]);
    cmd.current_dir(db.parent().unwrap());
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let script = format!(".open {}\nT.query.count()\n", db.display());
    let child = feed(&mut cmd, &script);
    std::thread::sleep(Duration::from_secs(7));
    holder.execute_batch("ROLLBACK").unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "0\n");
}

#[test]
fn wal_mode_is_an_option() {
    let db = temp_db("wal");
    let out = ormsh(
        &db,
        &["--wal"],
        "model T < id = db.Column(db.Integer, primary_key=True) >\ndb.create_all()\ndb.session.add(T())\ndb.session.commit()\n",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(rows(&db, "PRAGMA journal_mode"), vec![vec!["wal"]]);
    assert_eq!(rows(&db, "SELECT count(*) FROM t"), vec![vec!["1"]]);
}

#[test]
fn sigint_stops_a_script_rolls_back_and_exits_130() {
    let db = temp_db("sigint");
    let script = "model T < id = db.Column(db.Integer, primary_key=True) >
db.create_all()
db.session.add(T(id=1))
db.session.commit()
db.session.add(T(id=2))
db.session.flush()
db.session.execute(text('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c')).scalar()
";
    let child = feed(
        Command::new(env!("CARGO_BIN_EXE_ormsh"))
            .arg(&db)
            .stdout(Stdio::null())
            .stderr(Stdio::piped()),
        script,
    );
    std::thread::sleep(Duration::from_millis(800));
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill -INT");
    assert!(status.success());
    // The CTE is endless: only the interrupt ends it (how soon is counted
    // in steps by tests/interrupts.rs, not timed).
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Interrupted"));
    // The committed row stays; the flushed, uncommitted one was rolled back.
    assert_eq!(rows(&db, "SELECT id FROM t"), vec![vec!["1"]]);
}

#[test]
fn a_statement_reads_one_snapshot_and_lets_go_of_the_file_when_it_ends() {
    use ormsh::app::{App, Flow};
    use ormsh::engine::Engine;
    use ormsh::eval::Interp;
    use ormsh::orm::session::Session;
    use ormsh::render::diagnostic::Origin;

    let db = temp_db("snapshot");
    let engine = Engine::open(Some(&db), false).unwrap();
    let interp = Interp::new(Session::new(engine), Box::new(std::io::sink()));
    let mut app = App::new(interp, Box::new(std::io::sink()));
    let origin = Origin {
        file: Some("<test>"),
        first_line: 1,
    };
    let setup = "model T < id = db.Column(db.Integer, primary_key=True) >\n";
    assert_eq!(app.run_chunk(setup, &origin), Flow::Continue);
    let setup = "db.create_all(); db.session.add(T()); db.session.commit()";
    assert_eq!(app.run_chunk(setup, &origin), Flow::Continue);
    // Many queries in one statement: they share one read transaction.
    let reads = "for i in range(50): n = T.query.count(); T.query.get(1)";
    assert_eq!(app.run_chunk(reads, &origin), Flow::Continue);
    // The statement is over: another connection may write at once, without
    // waiting (a lingering read lock would make its COMMIT busy).
    let other = rusqlite::Connection::open(&db).unwrap();
    other.busy_timeout(Duration::ZERO).unwrap();
    other
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO t (id) VALUES (2); COMMIT;")
        .expect("the file is free between statements");
    // And the next statement sees that write.
    assert_eq!(
        app.run_chunk("{2: 'seen'}[T.query.count()]", &origin),
        Flow::Continue
    );
}
