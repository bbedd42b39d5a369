//! The engine log on PostgreSQL as SQLAlchemy's psycopg2 dialect writes
//! it (issue 19): `%(name)s` parameters with a dict of the values, the
//! pool's first connection, `create_all`'s one `pg_catalog` check,
//! `INSERT … RETURNING "t".id`, insertmanyvalues (the sentinel form with
//! casts, `VALUES (DEFAULT), …` for a key-only table, a `VALUES` list
//! without RETURNING), `executemany` as a list of dicts, and an error's
//! `[SQL: …]` / `[parameters: …]`.
//!
//! `tests/pg_echo/session.log` is the reference's log of
//! `tests/pg_echo/session.orm` (`scripts/pg-reference.sh` on a copy of
//! it under a `cases/python/` directory), each line's
//! `2026-… INFO sqlalchemy.engine.Engine ` prefix and each parameter
//! line's timing left out (`[generated in 0.00012s]` as `[generated
//! in]`, `[cached since 3.2s ago]` as `[cached since]`, `[no key
//! 0.0001s]` as `[no key]`). A dict SQLAlchemy builds from a Python set
//! (an insertmanyvalues page of several columns) is in no fixed order:
//! such a line is compared as its set of items.

#[allow(dead_code)] // this file uses database() alone
mod pg_support;
mod run_ormsh;

use std::path::Path;

/// A log line without its timestamp and logger name, or `None`.
fn message(line: &str) -> Option<&str> {
    let (stamp, rest) = line.split_at_checked(23)?;
    let shaped = stamp.len() == 23
        && stamp.as_bytes()[4] == b'-'
        && stamp.as_bytes()[19] == b','
        && stamp.bytes().filter(u8::is_ascii_digit).count() == 17;
    shaped
        .then(|| rest.strip_prefix(" INFO sqlalchemy.engine.Engine "))
        .flatten()
}

/// `[generated in 0.00012s …]` as `[generated in …]`, `[cached since
/// 3.2s ago]` as `[cached since]`, `[no key 0.0001s]` as `[no key]`.
fn untimed(line: &str) -> String {
    for (word, end) in [
        ("[generated in ", "s"),
        ("[cached since ", "s ago"),
        ("[no key ", "s"),
    ] {
        if let Some(after) = line.strip_prefix(word) {
            let digits = after
                .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'e' || c == '-'))
                .unwrap_or(after.len());
            if let Some(tail) = after[digits..].strip_prefix(end) {
                return format!("{}{tail}", word.trim_end());
            }
        }
    }
    line.to_owned()
}

/// The items of a logged dict (`{'a': 1, 'b': 2}`), sorted; `None` when
/// the line ends in none.
fn dict_items(line: &str) -> Option<Vec<String>> {
    let at = line.find(" {")?;
    let body = line[at + 2..].strip_suffix('}')?;
    let mut items: Vec<String> = body
        .split(", '")
        .map(|s| s.trim_start_matches('\'').to_owned())
        .collect();
    items.sort();
    Some(items)
}

#[test]
fn psycopg2_log_of_a_session() {
    let Some(db) = pg_support::database("echo_log_pg") else {
        return;
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pg_echo");
    let script = std::fs::read_to_string(dir.join("session.orm")).unwrap();
    let want = std::fs::read_to_string(dir.join("session.log")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out = run_ormsh::with_stdin(tmp.path(), &[db.url.as_ref()], &script);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let got: Vec<String> = stdout
        .lines()
        .map(|l| message(l).map_or_else(|| l.to_owned(), untimed))
        .collect();
    let want: Vec<&str> = want.lines().collect();
    assert_eq!(got.len(), want.len(), "{stdout}");
    for (g, w) in got.iter().zip(&want) {
        if g == w {
            continue;
        }
        // A page of several columns: SQLAlchemy's dict is in a set's order.
        let unordered = w.contains("(insertmanyvalues)")
            && g.split(" {").next() == w.split(" {").next()
            && dict_items(g).is_some()
            && dict_items(g) == dict_items(w);
        assert!(
            unordered,
            "line\n{g}\nexpected\n{w}\n--- whole log\n{stdout}"
        );
    }
}
