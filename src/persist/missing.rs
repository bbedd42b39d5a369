//! A statement fails because a table lacks a column its model maps (the
//! model gained it after the table was made): SQLite's `no such column:
//! user.age` / `table user has no column named age` becomes a sentence
//! naming the table, the column and the model, with what `.migrate` would
//! do about it. Only when the table really lacks a column a model maps;
//! any other such failure (a typo in `text()` SQL) keeps SQLite's words.

use crate::error::{Error, ErrorKind};
use crate::eval::Interp;
use crate::persist::diff::{ChangeKind, diff};
use crate::persist::introspect::{describe, row_count, table_exists};
use crate::sql::dialect::SQLITE;

/// The table qualifier (if any), the column and the rest of the message,
/// from SQLite's two wordings.
fn parse(message: &str) -> Option<(Option<&str>, &str, &str)> {
    let (qual, rest) = if let Some(rest) = message.strip_prefix("no such column: ") {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        match rest[..end].rsplit_once('.') {
            Some((q, _)) => (Some(q), &rest[q.len() + 1..]),
            None => (None, rest),
        }
    } else {
        let rest = message.strip_prefix("table ")?;
        let (table, rest) = rest.split_once(" has no column named ")?;
        (Some(table), rest)
    };
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let column = &rest[..end];
    // Keep ormsh's own context (`(while flushing …)`), not the statement
    // text a driver may append (`in SELECT … at offset 7`).
    let tail = Some(&rest[end..])
        .filter(|t| t.starts_with(" ("))
        .unwrap_or("");
    (!column.is_empty()).then_some((qual, column, tail))
}

impl Interp {
    /// `e`, reworded when it is a model's column missing from its table.
    pub fn explain_missing_column(&mut self, e: Error) -> Error {
        if e.kind != ErrorKind::OperationalError {
            return e;
        }
        let Some((qual, column, rest)) = parse(&e.message) else {
            return e;
        };
        // Models mapping such a column, the one the qualifier names first
        // (SQLite names the table, or an alias such as `user_1`).
        let mut models: Vec<_> = self
            .registry
            .models()
            .iter()
            .filter(|m| {
                m.columns
                    .iter()
                    .any(|c| c.name.eq_ignore_ascii_case(column))
            })
            .cloned()
            .collect();
        models.sort_by_key(|m| !qual.is_some_and(|q| q.eq_ignore_ascii_case(&m.table)));
        let engine = &self.session.engine;
        for m in models {
            let Ok(true) = table_exists(engine, &m.table) else {
                continue;
            };
            let (Ok(info), Ok(rows)) = (describe(engine, &m.table), row_count(engine, &m.table))
            else {
                continue;
            };
            if info
                .columns
                .iter()
                .any(|c| c.name.eq_ignore_ascii_case(column))
            {
                continue;
            }
            let Some(col) = m
                .columns
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(column))
            else {
                continue;
            };
            let change = diff(&m, &info, rows).into_iter().find(|c| {
                c.kind == ChangeKind::Added
                    && c.what
                        .starts_with(&format!("column {} ", SQLITE.quote(&col.name)))
            });
            let help = match change {
                Some(c) if c.apply.is_some() => format!(
                    ".migrate {} adds it to the table ({})",
                    m.name,
                    c.apply.unwrap_or_default()
                ),
                Some(c) => format!(
                    ".migrate {} cannot add it: {}",
                    m.name,
                    c.why_not.unwrap_or_default()
                ),
                None => format!(".migrate {} adds the model's new columns to it", m.name),
            };
            // Keep what the failure already says (a flush's rollback).
            let help = match &e.help {
                Some(h) => format!("{h}; {help}"),
                None => help,
            };
            return Error {
                message: format!(
                    "table {} has no column {}, which model {} maps{rest}",
                    SQLITE.quote(&m.table),
                    SQLITE.quote(&col.name),
                    m.name
                ),
                help: Some(help),
                ..e
            };
        }
        e
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn sqlite_wordings() {
        assert_eq!(
            parse("no such column: user.age"),
            Some((Some("user"), "age", ""))
        );
        assert_eq!(parse("no such column: age"), Some((None, "age", "")));
        assert_eq!(
            parse("table user has no column named age (while flushing the new User(age=3))"),
            Some((Some("user"), "age", " (while flushing the new User(age=3))"))
        );
        assert_eq!(
            parse("no such column: user_1.age"),
            Some((Some("user_1"), "age", ""))
        );
        assert_eq!(
            parse("no such column: user.age in SELECT user.age FROM user at offset 7"),
            Some((Some("user"), "age", ""))
        );
        assert_eq!(parse("no such table: user"), None);
    }
}
