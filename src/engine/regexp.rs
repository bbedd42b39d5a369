//! The `regexp` SQL function SQLAlchemy's pysqlite dialect registers on
//! every connection (`SQLiteDialect_pysqlite.on_connect`'s `set_regexp`),
//! so that `col.regexp_match(p)`, written `col REGEXP ?`, runs:
//! `regexp(pattern, value)` is `re.search(pattern, value) is not None`,
//! NULL for a NULL value.
//!
//! Patterns are compiled by the `fancy-regex` crate (a deliberate
//! dependency: SQLite has no regular expressions of its own), whose syntax
//! is Python's `re` with look-around, back-references (`\1`, `(?P=name)`)
//! and named groups (`(?P<name>…)`). Where the two read the same text
//! differently, [`python_pattern`] rewrites it first: Python's `$` also
//! matches before a final newline and its `\Z` only at the very end. A
//! pattern fancy-regex cannot read is an `OperationalError` naming it.

use fancy_regex::Regex;
use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Error as SqlError};

/// What Python's `sqlite3` says when a user function raises (here: a
/// value that is not text, as `re.search` raises TypeError for it).
const RAISED: &str = "user-defined function raised exception";

fn user_error(msg: String) -> SqlError {
    SqlError::UserFunctionError(msg.into())
}

/// Python's `re` syntax as fancy-regex reads it: outside a character
/// class and a `(?m)` pattern, `$` becomes `(?=\n?\z)` (the end, or
/// before a newline that ends the text, as `re`'s `$`), and `\Z`
/// becomes `\z` (fancy-regex's `\Z` also skips trailing newlines).
/// Everything else is passed as written.
pub(crate) fn python_pattern(p: &str) -> String {
    let multiline = inline_flags(p).contains('m');
    let mut out = String::with_capacity(p.len() + 8);
    let mut chars = p.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('Z') if !in_class => out.push_str("\\z"),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                // `[]…]` and `[^]…]`: a leading `]` is a member.
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push_str("\\]");
                    chars.next();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '$' if !in_class && !multiline => out.push_str("(?=\\n?\\z)"),
            _ => out.push(c),
        }
    }
    out
}

/// The flags of the `(?aiLmsux)` groups a pattern starts with (Python
/// takes global flags only there).
fn inline_flags(p: &str) -> String {
    let mut flags = String::new();
    let mut rest = p;
    while let Some(r) = rest.strip_prefix("(?") {
        let Some(end) = r.find(')') else { break };
        let group = &r[..end];
        if group.is_empty() || !group.chars().all(|c| "aiLmsux".contains(c)) {
            break;
        }
        flags.push_str(group);
        rest = &r[end + 1..];
    }
    flags
}

/// `re.search(pattern, value) is not None`, or NULL for a NULL value.
fn regexp(ctx: &Context<'_>) -> rusqlite::Result<Option<bool>> {
    let text = match ctx.get_raw(1) {
        ValueRef::Null => return Ok(None),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        _ => return Err(user_error(RAISED.to_owned())),
    };
    let re = ctx.get_or_create_aux(0, |v| -> Result<Regex, SqlError> {
        let ValueRef::Text(p) = v else {
            return Err(user_error(RAISED.to_owned()));
        };
        let p = String::from_utf8_lossy(p);
        Regex::new(&python_pattern(&p)).map_err(|e| {
            user_error(format!(
                "regexp pattern {p:?} could not be compiled (Python's re would raise re.error \
                 if it is invalid there too): {e}"
            ))
        })
    })?;
    // A pattern that backtracks without end stops at fancy-regex's
    // backtrack limit; Python's re would run on.
    re.is_match(&text)
        .map(Some)
        .map_err(|e| user_error(format!("regexp pattern could not be run: {e}")))
}

/// Register `regexp(pattern, value)` on a new connection, deterministic
/// as pysqlite's dialect registers it on SQLite 3.9 and later.
pub(super) fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "regexp",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        regexp,
    )
}

#[cfg(test)]
mod tests {
    use super::python_pattern;

    #[test]
    fn dollar_and_end_of_text_read_as_python() {
        assert_eq!(python_pattern("a$"), "a(?=\\n?\\z)");
        assert_eq!(python_pattern("(?m)a$"), "(?m)a$");
        assert_eq!(python_pattern("[$]\\$"), "[$]\\$");
        assert_eq!(python_pattern("a\\Z"), "a\\z");
        assert_eq!(python_pattern("[]$]$"), "[\\]$](?=\\n?\\z)");
    }
}
