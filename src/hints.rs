//! What to say when a line typed at ormsh cannot run but plainly meant
//! something: the ways other shells are left (`\q`, `.q`, `:q`), which
//! ormsh's error then answers with how to leave it, and SQL typed as it
//! would be in sqlite3 (`SELECT * FROM user`), answered with `.sql`.

use crate::error::Error;

/// How to leave ormsh, for the help line of a line that tried to.
pub const HOW_TO_LEAVE: &str = "to leave ormsh: .quit, exit() or Ctrl-D";

/// Words other shells leave with: psql's `\q`, sqlite3's `.q`, vi's `:q`.
const LEAVING: &[&str] = &["\\q", "\\quit", ".q", ":q", ":wq", ":q!"];

/// The words an SQL statement begins with (SQLite's statement keywords).
const SQL_STARTS: &[&str] = &[
    "select",
    "insert",
    "update",
    "delete",
    "create",
    "drop",
    "alter",
    "pragma",
    "with",
    "explain",
    "replace",
    "vacuum",
    "attach",
    "detach",
    "analyze",
    "reindex",
    "begin",
    "commit",
    "rollback",
    "savepoint",
    "release",
];

/// Whether `line` is one of the ways other shells are left.
pub fn is_leaving(line: &str) -> bool {
    LEAVING.contains(&line.trim())
}

/// `e`, an error of the line `src` that could not be parsed or run as a
/// dot command, with a help line saying what would work when the line
/// tried to leave or is SQL; else `e` as it is.
pub fn explain(e: Error, src: &str) -> Error {
    let line = src.trim();
    if is_leaving(line) {
        return e.with_help(HOW_TO_LEAVE);
    }
    if e.kind == crate::error::ErrorKind::SyntaxError && looks_like_sql(line) {
        let first = line.lines().next().unwrap_or(line);
        return e.with_help(format!(
            "this is SQL; to run it, put .sql before it: .sql {first}"
        ));
    }
    e
}

/// Whether `line` starts as an SQL statement does: a statement keyword
/// in any case, then a space (so `select(User)` is Python, not SQL).
pub fn looks_like_sql(line: &str) -> bool {
    let mut words = line.splitn(2, char::is_whitespace);
    let first = words.next().unwrap_or("").trim_end_matches(';');
    let more = words.next().is_some_and(|w| !w.trim().is_empty());
    SQL_STARTS.iter().any(|k| k.eq_ignore_ascii_case(first)) && (more || line.ends_with(';'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sql_is_told_from_python() {
        assert!(looks_like_sql("SELECT * FROM user"));
        assert!(looks_like_sql("delete from post where id = 3"));
        assert!(looks_like_sql("vacuum;"));
        assert!(!looks_like_sql("select(User)"));
        assert!(!looks_like_sql("selected = 3"));
        assert!(!looks_like_sql("update"));
    }

    #[test]
    fn leaving_words() {
        assert!(is_leaving("\\q"));
        assert!(is_leaving(" .q "));
        assert!(!is_leaving(".quit"));
        assert!(!is_leaving("q"));
    }
}
