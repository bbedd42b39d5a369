//! What a piece of SQL text is on PostgreSQL (issue 19, in progress), for
//! `db.session.execute(text(...))`: prepared by the server (its columns
//! and parameters; a second statement refused as PostgreSQL refuses it in
//! a prepared statement), with transaction control and read-only told by
//! the statement's first keyword after comments — PostgreSQL has no
//! authorizer to report them, and each of its transaction statements
//! starts with its own keyword.

use super::postgres::PgConn;
use super::statement::{Described, StatementInfo, after_comments, first_keyword};
use crate::error::{Error, ErrorKind, Result};

/// The first keyword and what it makes of a statement: transaction
/// control as SQLite's authorizer names it, and whether it only reads.
fn nature(sql: &str) -> (Option<&'static str>, bool) {
    let word = first_keyword(sql).to_ascii_lowercase();
    let rest = after_comments(sql).get(word.len()..).unwrap_or("");
    let second = first_keyword(rest).to_ascii_lowercase();
    let control = match word.as_str() {
        "begin" | "start" => Some("BEGIN"),
        "commit" | "end" => Some("COMMIT"),
        "rollback" | "abort" if second == "to" => Some("ROLLBACK TO"),
        "rollback" | "abort" => Some("ROLLBACK"),
        "savepoint" => Some("SAVEPOINT"),
        // Two-phase commit ends the session's transaction as COMMIT does
        // (and leaves `--sandbox` with none to roll back).
        "prepare" if second == "transaction" => Some("PREPARE TRANSACTION"),
        "release" => Some("RELEASE"),
        _ => None,
    };
    let readonly = matches!(
        word.as_str(),
        "select" | "values" | "show" | "table" | "explain"
    );
    (control, readonly)
}

/// Under `--readonly`, what would switch the session's read-only mode
/// off: `SET`/`RESET` of `default_transaction_read_only` or
/// `transaction_read_only`, `RESET ALL`, `DISCARD`, `SET SESSION
/// CHARACTERISTICS`, `set_config` of those settings (or of a name not
/// written as a string constant). The statement named, or `None`.
fn readonly_switch(sql: &str) -> Option<&'static str> {
    let lower = sql.to_ascii_lowercase();
    let word = first_keyword(sql).to_ascii_lowercase();
    let names_it = lower.contains("read_only") || lower.contains("characteristics");
    let rest = after_comments(sql).get(word.len()..).unwrap_or("");
    let reset_all = word == "reset" && first_keyword(rest).eq_ignore_ascii_case("all");
    match word.as_str() {
        "set" | "reset" if names_it || reset_all => {
            return Some(if word == "set" { "SET" } else { "RESET" });
        }
        "discard" => return Some("DISCARD"),
        _ => {}
    }
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("set_config") {
        rest = &rest[at + "set_config".len()..];
        let args = rest.trim_start().strip_prefix('(').map(str::trim_start);
        let literal = args.and_then(|a| a.strip_prefix('\'')).and_then(|a| {
            let end = a.find('\'')?;
            // The name must be the whole first argument.
            a[end + 1..]
                .trim_start()
                .starts_with(',')
                .then(|| &a[..end])
        });
        match literal {
            Some(name) if !name.contains("read_only") => {}
            _ => return Some("set_config()"),
        }
    }
    None
}

/// The error for a statement [`readonly_switch`] found.
fn readonly_refused(what: &str) -> Error {
    Error::new(
        ErrorKind::OperationalError,
        format!(
            "{what} of the read-only settings is refused: the database was opened with --readonly"
        ),
    )
    .with_help("reopen without --readonly to write (.open URL, or start ormsh without it)")
}

/// Prepare `sql` on the server (not run) and say what it is; `bound`: its
/// `?` are the compiler's placeholders (text with values), else the text
/// goes as written (`.sql`, a `text()` without values: a jsonb `?` stays
/// an operator).
pub(super) fn describe(pg: &PgConn, sql: &str, bound: bool, readonly: bool) -> Result<Described> {
    if first_keyword(sql).is_empty() {
        return Ok(Described::Nothing);
    }
    if readonly && let Some(what) = readonly_switch(sql) {
        return Err(readonly_refused(what));
    }
    let (control, readonly) = nature(sql);
    if control.is_some() {
        return Ok(Described::One(StatementInfo {
            control,
            readonly,
            columns: 0,
            rows: false,
            parameters: Vec::new(),
        }));
    }
    let (columns, params) = match pg.prepared_shape(sql, bound) {
        Ok(shape) => shape,
        // 42601 "cannot insert multiple commands into a prepared statement"
        Err(e) if e.message.contains("multiple commands") => return Ok(Described::Several),
        Err(e) => return Err(e),
    };
    Ok(Described::One(StatementInfo {
        control,
        readonly,
        columns,
        // A query of no columns still returns its rows (`select`); the
        // server's description does not say so apart from a write's.
        rows: columns > 0 || readonly,
        parameters: vec![None; params],
    }))
}

#[cfg(test)]
mod tests {
    use super::{nature, readonly_switch};

    #[test]
    fn readonly_switches_found() {
        for (sql, want) in [
            ("SET default_transaction_read_only = off", Some("SET")),
            ("set transaction_read_only to off", Some("SET")),
            (
                "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
                Some("SET"),
            ),
            ("/* c */ RESET default_transaction_read_only", Some("RESET")),
            ("reset all", Some("RESET")),
            ("discard all", Some("DISCARD")),
            (
                "select set_config('default_transaction_read_only', 'off', false)",
                Some("set_config()"),
            ),
            (
                "select SET_CONFIG ( 'a' || 'b', 'x', false)",
                Some("set_config()"),
            ),
            ("select set_config('search_path', 'public', false)", None),
            ("set search_path = public", None),
            ("set search_path = install", None),
            ("reset search_path", None),
            ("show default_transaction_read_only", None),
            ("select current_setting('transaction_read_only')", None),
            ("select 1", None),
        ] {
            assert_eq!(readonly_switch(sql), want, "{sql}");
        }
    }

    #[test]
    fn control_and_reads_by_first_keyword() {
        for (sql, control, readonly) in [
            ("/* c */ COMMIT", Some("COMMIT"), false),
            ("-- c\nEND", Some("COMMIT"), false),
            ("start transaction", Some("BEGIN"), false),
            ("ROLLBACK TO s", Some("ROLLBACK TO"), false),
            ("/* c */ rollback /* d */ to s", Some("ROLLBACK TO"), false),
            ("rollback", Some("ROLLBACK"), false),
            ("SELECT 'COMMIT'", None, true),
            ("insert into t values (1)", None, false),
            (
                "PREPARE TRANSACTION 'x'",
                Some("PREPARE TRANSACTION"),
                false,
            ),
            ("commit prepared 'x'", Some("COMMIT"), false),
            ("rollback prepared 'x'", Some("ROLLBACK"), false),
            ("prepare p as select 1", None, false),
        ] {
            assert_eq!(nature(sql), (control, readonly), "{sql}");
        }
    }
}
