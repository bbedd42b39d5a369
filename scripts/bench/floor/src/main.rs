//! The floor of ormsh's benchmark (issue 18): each workload's SQL done with
//! rusqlite directly — prepared statements, one transaction, rows read into
//! plain structs and printed with `write!` into one buffered stdout. The
//! fastest any tool can drive SQLite; `scripts/bench/bench.py` sets ormsh's
//! time beside it (`ormsh / floor`). It prints what ormsh prints for the
//! same workload, so the harness compares the outputs.
//!
//! ```text
//! ormsh-floor w1 DB N [returning]  N users inserted, then counted
//!                                  (`returning`: each as SQLAlchemy's
//!                                  `INSERT … RETURNING id`, its id read)
//! ormsh-floor w2 DB M              users user0..user{M-1} looked up one by one
//! ormsh-floor w4setup DB C P [indexed]   C categories with P posts each
//!                                  (`indexed`: post.category_id indexed)
//! ormsh-floor w4 DB lazy|joined|selectin   every category with its posts
//! ormsh-floor w5 DB repr|table     every user, as a list or a grid
//! ormsh-floor start                :memory:, `select 1`
//! ```

mod blog;
mod users;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use rusqlite::Connection;

/// The result of a workload: SQLite's errors and stdout's.
type Res = Result<(), Box<dyn std::error::Error>>;

/// Stdout, buffered: every workload writes through it.
pub type Out = BufWriter<io::StdoutLock<'static>>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let res = run(&args, &mut out).and_then(|()| Ok(out.flush()?));
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ormsh-floor: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Open the database as ormsh does for these workloads (foreign keys on).
fn open(path: &str) -> rusqlite::Result<Connection> {
    let c = Connection::open(path)?;
    c.execute_batch("PRAGMA foreign_keys=ON")?;
    Ok(c)
}

/// The number argument at `i`.
fn num(args: &[String], i: usize) -> Result<usize, Box<dyn std::error::Error>> {
    let a = args.get(i).ok_or("missing a number argument")?;
    Ok(a.parse().map_err(|_| format!("not a number: {a}"))?)
}

fn run(args: &[String], out: &mut Out) -> Res {
    let db = || {
        args.get(1)
            .map(String::as_str)
            .ok_or("missing the database")
    };
    match args.first().map(String::as_str) {
        Some("w1") => {
            let returning = args.get(3).is_some_and(|a| a == "returning");
            users::insert(&open(db()?)?, num(args, 2)?, returning, out)
        }
        Some("w2") => users::lookup(&open(db()?)?, num(args, 2)?, out),
        Some("w5") => users::all(&open(db()?)?, args.get(2).map(String::as_str), out),
        Some("w4setup") => {
            let indexed = args.get(4).is_some_and(|a| a == "indexed");
            blog::setup(&open(db()?)?, num(args, 2)?, num(args, 3)?, indexed, out)
        }
        Some("w4") => blog::load(&open(db()?)?, args.get(2).map(String::as_str), out),
        Some("start") => {
            let c = Connection::open_in_memory()?;
            let one: i64 = c.query_row("select 1", [], |r| r.get(0))?;
            writeln!(out, "{one}")?;
            Ok(())
        }
        _ => Err("usage: ormsh-floor w1|w2|w4setup|w4|w5|start DB ARGS".into()),
    }
}

/// Write `s` as Python's `repr` of a str writes it.
pub fn repr_str(out: &mut Out, s: &str) -> io::Result<()> {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    out.write_all(&[q as u8])?;
    for ch in s.chars() {
        match ch {
            '\\' => out.write_all(b"\\\\")?,
            '\n' => out.write_all(b"\\n")?,
            '\r' => out.write_all(b"\\r")?,
            '\t' => out.write_all(b"\\t")?,
            c if c == q => write!(out, "\\{c}")?,
            c if (c as u32) < 0x20 || c as u32 == 0x7f => write!(out, "\\x{:02x}", c as u32)?,
            c => write!(out, "{c}")?,
        }
    }
    out.write_all(&[q as u8])
}
