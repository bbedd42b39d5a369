//! The `regexp` SQL function SQLAlchemy's pysqlite dialect registers on
//! every connection (`SQLiteDialect_pysqlite.on_connect`'s `set_regexp`),
//! so that `col.regexp_match(p)`, written `col REGEXP ?`, runs:
//! `regexp(pattern, value)` is `re.search(pattern, value) is not None`,
//! NULL for a NULL value.
//!
//! Patterns are compiled by the `regex` crate (a deliberate dependency:
//! SQLite has no regular expressions of its own). Its syntax is Python's
//! for everything but look-around and back-references, which it refuses
//! (an `OperationalError` naming the pattern), and `$` matches only at
//! the very end of the text (Python's also before a final newline).

use regex::Regex;
use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Error as SqlError};

/// What Python's `sqlite3` says when a user function raises (here: a
/// value that is not text, as `re.search` raises TypeError for it).
const RAISED: &str = "user-defined function raised exception";

fn user_error(msg: String) -> SqlError {
    SqlError::UserFunctionError(msg.into())
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
        Regex::new(&p).map_err(|e| {
            user_error(format!(
                "regexp pattern {p:?} is not supported by ormsh's regex engine \
                 (no look-around or back-references): {}",
                e.to_string().lines().last().unwrap_or("invalid pattern")
            ))
        })
    })?;
    Ok(Some(re.is_match(&text)))
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
