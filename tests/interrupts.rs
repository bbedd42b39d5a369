//! Ctrl-C tells the truth (issue 11, item 3): an interrupted statement
//! leaves the session and the database as they were before it (at the
//! prompt the shell goes on from there); an interrupt too late to stop a
//! commit says the commit finished; every loop stops, even one whose body
//! does nothing. Through a real terminal (a PTY) and SIGINT sent to a
//! script's process; the database is checked through a separate connection.
//! How soon a loop stops is counted in iterations, in process, never timed.

mod scratch;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rexpect::session::{PtySession, spawn_command};

const TIMEOUT_MS: u64 = 30_000;

/// This run's temporary directory: its files, and the working directory of
/// every ormsh it starts (nothing lands in the checkout).
fn work_dir() -> PathBuf {
    let dir = scratch::dir("interrupts");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn temp(name: &str) -> PathBuf {
    let p = work_dir().join(name);
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
    }
    p
}

fn shell(db: &Path) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ormsh"));
    cmd.current_dir(work_dir())
        .args(["--color", "never", "--no-init"])
        .arg(db)
        .env("ORMSH_HISTORY", temp("history"))
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut p = spawn_command(cmd, Some(TIMEOUT_MS)).expect("spawn ormsh in a pty");
    p.exp_string("ormsh> ").expect("the first prompt");
    p
}

/// Run simple statements at the prompt and wait until they are done (they
/// end by printing a mark that their echo does not contain); what they
/// printed.
fn run(p: &mut PtySession, line: &str) -> String {
    p.send_line(&format!("{line}; print('<' + 'done>')"))
        .unwrap();
    p.exp_string("<done>").expect("the statement finished")
}

/// Ctrl-C once the statement has surely started: the shell says
/// `Interrupted…` (the statements sent run for ever, so only the interrupt
/// ends them; how soon it does is counted in steps by
/// `no_iteration_runs_after_an_interrupt`, not timed); the line it printed.
fn interrupt(p: &mut PtySession) -> String {
    std::thread::sleep(Duration::from_millis(700));
    p.send_control('c').unwrap();
    let (_, said) = p
        .exp_regex("Interrupted[^\r\n]*")
        .expect("the statement stopped");
    p.exp_string("ormsh> ").expect("back at the prompt");
    said
}

/// A database file with table `t` and model `T` stored in it (the shell
/// loads it on open).
fn t_db(name: &str) -> PathBuf {
    let db = temp(name);
    let out = Command::new(env!("CARGO_BIN_EXE_ormsh"))
        .current_dir(work_dir())
        .arg(&db)
        .args(["-c", &format!("{T}\ndb.create_all()")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    db
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

const T: &str =
    "model T < id = db.Column(db.Integer, primary_key=True); n = db.Column(db.Integer) >";

#[test]
fn an_interrupted_statement_leaves_the_session_as_it_was_before_it() {
    let db = t_db("undo.db");
    let mut p = shell(&db);
    // Before the statement: one object pending, one persistent and changed.
    run(
        &mut p,
        "db.session.add(T(n=-1)); kept = T(n=-2); db.session.add(kept); db.session.commit()",
    );
    run(&mut p, "db.session.add(T(n=-3)); kept.n = 7");
    p.send_line("for i in range(3000000): db.session.add(T(n=i))")
        .unwrap();
    let said = interrupt(&mut p);
    assert!(
        said.contains(
            "Interrupted: the statement was undone: the session and the database are as they were before it"
        ),
        "{said}"
    );
    let said = run(
        &mut p,
        "print(len(db.session.new), kept.n, kept in db.session.dirty)",
    );
    assert!(said.contains("1 7 True"), "{said}");
    // A loop that flushed (and so wrote rows) is undone in the database too.
    p.send_line("for i in range(3000000): db.session.add(T(n=i)); x = db.session.flush()")
        .unwrap();
    let said = interrupt(&mut p);
    assert!(said.contains("the statement was undone"), "{said}");
    let said = run(
        &mut p,
        "print(len(db.session.new), kept.n, T.query.count())",
    );
    assert!(said.contains("1 7 3"), "{said}");
    run(&mut p, "db.session.commit()");
    assert_eq!(count(&db, "SELECT count(*) FROM t"), 3);
    assert_eq!(count(&db, "SELECT n FROM t WHERE id = 2"), 7);
}

#[test]
fn a_loop_that_does_nothing_stops_on_ctrl_c() {
    let mut p = shell(&temp("pass.db"));
    p.send_line("for i in range(10**12): pass").unwrap();
    let said = interrupt(&mut p);
    assert!(said.contains("Interrupted"), "{said}");
    let said = run(&mut p, "sum(range(10))");
    assert!(said.contains("45"), "{said}");
}

#[test]
fn sigint_stops_a_script_looping_on_nothing_and_exits_130() {
    let db = temp("pass-script.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_ormsh"))
        .current_dir(work_dir())
        .arg(&db)
        .args(["-c", "for i in range(10**12): pass"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    sigint(child.id());
    // The loop is endless: only the interrupt ends it.
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
}

fn sigint(pid: u32) {
    let ok = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .expect("kill -INT")
        .success();
    assert!(ok);
}

#[test]
fn sigint_during_a_commit_too_late_to_stop_it_says_it_finished() {
    let db = t_db("late.db");
    // A reader keeps COMMIT waiting for its lock (rollback journal).
    let reader = rusqlite::Connection::open(&db).unwrap();
    reader
        .execute_batch("BEGIN; SELECT count(*) FROM t;")
        .unwrap();
    // T comes back from the file: no definition is written first.
    let script =
        "db.session.add(T(id=5, n=1)); db.session.commit()\nprint('the next statement ran')\n";
    let child = Command::new(env!("CARGO_BIN_EXE_ormsh"))
        .current_dir(work_dir())
        .arg(&db)
        .args(["--busy-timeout", "60000", "-c", script])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The journal appears with the INSERT: the COMMIT right after it is
    // waiting for the reader.
    let journal = PathBuf::from(format!("{}-journal", db.display()));
    let started = Instant::now();
    while !journal.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no write began"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    sigint(child.id());
    std::thread::sleep(Duration::from_millis(300));
    reader.execute_batch("COMMIT").unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(
        err.contains("Interrupted: db.session.commit() had finished: what it committed is saved"),
        "{err}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    assert_eq!(count(&db, "SELECT count(*) FROM t WHERE id = 5"), 1);
}

/// Output of an in-process shell that asks for an interrupt, as Ctrl-C's
/// handler does, the moment `go` is printed.
#[derive(Clone, Default)]
struct InterruptOnGo(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for InterruptOnGo {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut out = self.0.borrow_mut();
        out.extend_from_slice(buf);
        if out.ends_with(b"go") || out.ends_with(b"go\n") {
            ormsh::interrupt::request();
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// How soon an interrupt stops a loop, counted in iterations rather than
/// timed (so no load on the machine can fail it): Ctrl-C is asked for
/// while iteration 1000 runs, and not one more iteration begins — in a
/// `for` over a range, a `while` loop, a comprehension, and a built-in
/// consuming a generator. (`interrupt::request` sets the flag the SIGINT
/// handler sets; the end-to-end tests above send real signals.)
#[test]
fn no_iteration_runs_after_an_interrupt() {
    use ormsh::app::{App, Flow};
    use ormsh::render::diagnostic::Origin;
    let origin = Origin {
        file: Some("<test>"),
        first_line: 1,
    };
    let out = InterruptOnGo::default();
    let engine = ormsh::engine::Engine::open(None, false).expect("memory database");
    let interp = ormsh::eval::Interp::new(
        ormsh::orm::session::Session::new(engine),
        Box::new(out.clone()),
    );
    let mut app = App::new(interp, Box::new(std::io::sink()));
    // For the comprehension and the generator: `n` is a list they set.
    let f = "def f(i):\n    n[0] = i\n    if i == 1000: print('go')\n    return i\n";
    assert_eq!(app.run_chunk(f, &origin), Flow::Continue);
    for (what, endless) in [
        (
            "for",
            "n = 0\nfor i in range(10**12):\n    n = i\n    if i == 1000: print('go')\n",
        ),
        (
            "while",
            "n = 0\nwhile True:\n    if n == 1000: print('go')\n    n += 1\n",
        ),
        (
            "comprehension",
            "n = [0]\nx = [f(i) for i in (j for j in range(10**12))]\n",
        ),
        (
            "built-in",
            "n = [0]\nx = all(f(i) >= 0 for i in range(10**12))\n",
        ),
    ] {
        ormsh::interrupt::clear();
        let flow = app.run_chunk(endless, &origin);
        assert!(ormsh::interrupt::pending(), "{what}: not interrupted");
        ormsh::interrupt::clear();
        assert_eq!(flow, Flow::Failed, "{what}");
        out.0.borrow_mut().clear();
        let show = "print(n[0] if isinstance(n, list) else n)";
        assert_eq!(app.run_chunk(show, &origin), Flow::Continue);
        let said = String::from_utf8(std::mem::take(&mut *out.0.borrow_mut())).unwrap();
        assert_eq!(said, "1000\n", "{what}: iterations after the interrupt");
    }
}
