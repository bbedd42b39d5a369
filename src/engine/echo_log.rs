//! The engine log as Python code asks for it (`SQLALCHEMY_ECHO = True`,
//! `create_engine(url, echo=True)`): each line as SQLAlchemy's logger
//! writes it through Python's logging (`%(asctime)s %(levelname)s
//! %(name)s %(message)s`), and the parameter line tagged as SQLAlchemy
//! tags it — `[generated in 0.00012s]` the first time a statement text
//! runs (here the time SQLite took to compile it), `[cached since 3.2s
//! ago]` after, `[no key 0.00010s]` for DDL, `[raw sql]` for text run as
//! is. `--echo` and `.echo on` keep ormsh's plain lines.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// What a statement is to SQLAlchemy's compiled cache.
#[derive(Clone, Copy)]
pub enum Cached {
    /// A compiled statement (queries, DML): generated once, then cached.
    Compiled,
    /// DDL: compiled each time, no cache key.
    NoKey,
    /// Text run as written (`.sql`).
    Raw,
}

/// Where the flush's row being logged stands in a batch of rows
/// (`engine::echo_many`).
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub enum Batch {
    /// A statement of its own.
    #[default]
    None,
    /// A row of an `executemany` logged whole before its rows ran.
    Quiet,
    /// Row `at` (from 1) of `of` of an insertmanyvalues INSERT.
    InsertMany { at: usize, of: usize },
}

/// The log's style and SQLAlchemy's compiled-cache bookkeeping.
#[derive(Default)]
pub struct EchoLog {
    /// Python's logging format, else ormsh's plain lines.
    pub logging: Cell<bool>,
    /// When each statement text was first compiled.
    seen: RefCell<HashMap<String, Instant>>,
    /// The flush's batch the next row belongs to.
    pub batch: Cell<Batch>,
    /// What else keys the flush's next statements in SQLAlchemy's
    /// compiled cache beside their text: the columns their rows left to
    /// Python-side defaults (the INSERT is compiled for the keys given).
    pub key_extra: RefCell<Option<String>>,
}

thread_local! {
    /// The log lines not yet written: the interpreter's output writes
    /// them before its own text (`eval::echo_out`), so they keep their
    /// place among what the program prints, as on Python's `sys.stdout`.
    static PENDING: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Add one log line, to be written before the program's next output.
pub fn emit(line: &str) {
    PENDING.with(|p| {
        let mut p = p.borrow_mut();
        p.extend_from_slice(line.as_bytes());
        p.push(b'\n');
    });
}

/// The log lines waiting to be written, taken.
pub fn take_pending() -> Vec<u8> {
    PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()))
}

/// `2026-11-30 10:04:46,657 INFO sqlalchemy.engine.Engine `: the local
/// time as Python's logging writes `asctime`.
pub fn prefix() -> String {
    format!(
        "{} INFO sqlalchemy.engine.Engine ",
        chrono::Local::now().format("%Y-%m-%d %H:%M:%S,%3f")
    )
}

/// Python's `'%.4g' % x` for a non-negative number of seconds.
fn g4(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    let exp = x.abs().log10().floor() as i32;
    let trim = |s: String| {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    if !(-4..4).contains(&exp) {
        let m = x / 10f64.powi(exp);
        let m = trim(format!("{m:.3}"));
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{m}e{sign}{:02}", exp.abs());
    }
    let decimals = (3 - exp).max(0) as usize;
    trim(format!("{x:.decimals$}"))
}

impl EchoLog {
    /// The tag of a statement's parameter line; `compile` times SQLite's
    /// compilation of a statement not seen before.
    pub fn tag(&self, sql: &str, kind: Cached, compile: impl FnOnce() -> Duration) -> String {
        match kind {
            Cached::Raw => "[raw sql]".into(),
            Cached::NoKey => format!("[no key {:.5}s]", compile().as_secs_f64()),
            Cached::Compiled => {
                let keyed;
                let sql = match &*self.key_extra.borrow() {
                    Some(extra) => {
                        keyed = format!("{sql}\0{extra}");
                        keyed.as_str()
                    }
                    None => sql,
                };
                let first = self.seen.borrow().get(sql).copied();
                match first {
                    Some(at) => format!("[cached since {}s ago]", g4(at.elapsed().as_secs_f64())),
                    None => {
                        let took = compile();
                        self.seen
                            .borrow_mut()
                            .insert(sql.to_string(), Instant::now());
                        format!("[generated in {:.5}s]", took.as_secs_f64())
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::g4;

    #[test]
    fn seconds_are_written_as_python_g_with_four_digits() {
        assert_eq!(g4(12.5), "12.5");
        assert_eq!(g4(0.001234), "0.001234");
        assert_eq!(g4(0.0000123456), "1.235e-05");
        assert_eq!(g4(3.0), "3");
        assert_eq!(g4(12345.0), "1.234e+04");
    }
}
