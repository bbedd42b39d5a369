//! What a piece of SQL text is on PostgreSQL (issue 19, in progress), for
//! `db.session.execute(text(...))`: prepared by the server (its columns
//! and parameters; a second statement refused as PostgreSQL refuses it in
//! a prepared statement), with transaction control and read-only told by
//! the statement's first keyword after comments — PostgreSQL has no
//! authorizer to report them, and each of its transaction statements
//! starts with its own keyword.

use super::postgres::PgConn;
use super::statement::{Described, StatementInfo, after_comments, first_keyword};
use crate::error::Result;

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
        "release" => Some("RELEASE"),
        _ => None,
    };
    let readonly = matches!(
        word.as_str(),
        "select" | "values" | "show" | "table" | "explain"
    );
    (control, readonly)
}

/// Prepare `sql` on the server (not run) and say what it is.
pub(super) fn describe(pg: &PgConn, sql: &str) -> Result<Described> {
    if first_keyword(sql).is_empty() {
        return Ok(Described::Nothing);
    }
    let (control, readonly) = nature(sql);
    if control.is_some() {
        return Ok(Described::One(StatementInfo {
            control,
            readonly,
            columns: 0,
            parameters: Vec::new(),
        }));
    }
    let (columns, params) = match pg.prepared_shape(sql) {
        Ok(shape) => shape,
        // 42601 "cannot insert multiple commands into a prepared statement"
        Err(e) if e.message.contains("multiple commands") => return Ok(Described::Several),
        Err(e) => return Err(e),
    };
    Ok(Described::One(StatementInfo {
        control,
        readonly,
        columns,
        parameters: vec![None; params],
    }))
}

#[cfg(test)]
mod tests {
    use super::nature;

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
        ] {
            assert_eq!(nature(sql), (control, readonly), "{sql}");
        }
    }
}
