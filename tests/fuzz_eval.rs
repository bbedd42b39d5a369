//! Random and mutated statements through the parser *and* the interpreter,
//! in process, against a fresh in-memory session: nothing may panic, and
//! every chunk must finish (errors are fine; they are reported).
//! The seeds are the golden scripts; mutations cut, splice, duplicate and
//! insert tokens. Bounded to a few seconds; longer runs belong to fuzzing.
//!
//! The process works in a temporary directory of its own, removed at exit:
//! what mutated scripts write (`.save`, `.export`, `.open` of a garbled
//! name) lands there, never in the checkout, and the dot commands that
//! touch files stay exercised. Every run draws the same cases: the seed is
//! fixed in `.cargo/config.toml` (`PROPTEST_RNG_SEED`; set it in the
//! environment to explore others). A failing case is saved in
//! `proptest-regressions/fuzz_eval.txt` (commit it) and replayed first by
//! every later run.

mod scratch;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use ormsh::app::App;
use ormsh::engine::Engine;
use ormsh::eval::Interp;
use ormsh::orm::session::Session;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Where failing cases are kept (an absolute path: the working directory
/// is not the checkout).
const REGRESSIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/proptest-regressions/fuzz_eval.txt"
);

/// This process's working directory, once made.
static WORK_DIR: OnceLock<PathBuf> = OnceLock::new();

/// Move the process into a fresh temporary directory (once), removed when
/// the process exits.
fn enter_work_dir() {
    WORK_DIR.get_or_init(|| {
        let dir = scratch::dir("fuzz-eval");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        std::env::set_current_dir(&dir).expect("work in the temporary directory");
        extern "C" fn remove_work_dir() {
            if let Some(dir) = WORK_DIR.get() {
                let _ = std::fs::remove_dir_all(dir);
            }
        }
        // SAFETY: registers a plain function to run at exit; it only
        // removes a directory.
        unsafe { libc::atexit(remove_work_dir) };
        dir
    });
}

fn seeds() -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<String>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "orm")
                && let Ok(t) = std::fs::read_to_string(&p)
            {
                out.push(t);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases"),
        &mut out,
    );
    out.sort();
    out
}

/// Run a script in a fresh session; the output is discarded. A mutation
/// may make a loop endless (`while True:` without its `break`), as a user
/// may: a watchdog stops each statement that runs past two seconds, as
/// Ctrl-C would, so every script finishes.
fn run(script: &str) {
    enter_work_dir();
    let engine = Engine::open(None, false).expect("memory database");
    let interp = Interp::new(Session::new(engine), Box::new(std::io::sink()));
    let mut app = App::new(interp, Box::new(std::io::sink()));
    // A stop the last script's watchdog asked for is not this one's.
    ormsh::interrupt::clear();
    let (done, watch) = std::sync::mpsc::channel::<()>();
    let dog = std::thread::spawn(move || {
        while let Err(RecvTimeoutError::Timeout) = watch.recv_timeout(Duration::from_secs(2)) {
            ormsh::interrupt::request();
        }
    });
    app.run_script(script, "<fuzz>", true, false);
    drop(done);
    let _ = dog.join();
}

const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "<",
    ">",
    ",",
    ":",
    ";",
    ".",
    "=",
    "==",
    "**",
    "*",
    "%",
    "'",
    "\"",
    "f'{",
    "}'",
    "\\",
    "#",
    "\n",
    "None",
    "not",
    "in",
    "for",
    "if",
    "else",
    "lambda",
    "model",
    "def",
    "db.session.",
    "User.query.",
    "0",
    "-1",
    "9223372036854775807",
    "1e308",
    "commit()",
    "rollback()",
    ".all()",
    ".first()",
    "filter_by(",
    "db.Column(",
    "\u{0}",
    "é",
];

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1500,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(REGRESSIONS))),
        .. ProptestConfig::default()
    })]

    #[test]
    fn mutated_scripts_never_panic(seed in 0usize..10_000, cut in 0usize..4000, len in 0usize..200,
                                   tokens in proptest::collection::vec((0usize..4000, 0usize..TOKENS.len()), 0..6)) {
        let seeds = seeds();
        let mut s: Vec<char> = seeds[seed % seeds.len()].chars().collect();
        if !s.is_empty() {
            let at = cut % s.len();
            let end = (at + len).min(s.len());
            if len % 3 == 0 {
                let dup: Vec<char> = s[at..end].to_vec();
                s.splice(at..at, dup);
            } else {
                s.drain(at..end);
            }
        }
        for (pos, t) in tokens {
            let at = if s.is_empty() { 0 } else { pos % s.len() };
            s.splice(at..at, TOKENS[t].chars());
        }
        let script: String = s.into_iter().collect();
        run(&script);
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,200}") {
        run(&text);
    }
}

/// The watchdog's own check: an endless loop (and one in a function
/// called later) finishes the script instead of hanging the test.
#[test]
fn an_endless_loop_is_stopped_by_the_watchdog() {
    run("while True: pass\ndef f():\n    while True:\n        pass\n\nf()\nx = 1\n");
}
