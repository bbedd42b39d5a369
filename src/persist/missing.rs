//! A statement fails because a table lacks a column its model maps (the
//! model gained it after the table was made): SQLite's `no such column:
//! user.age` / `table user has no column named age` (PostgreSQL's `column
//! user.age does not exist`) becomes a sentence
//! naming the table, the column and the model, with what `.migrate` would
//! do about it. Only when the table really lacks a column a model maps;
//! any other such failure (a typo in `text()` SQL) keeps SQLite's words.

use crate::error::{Error, ErrorKind};
use crate::eval::Interp;
use crate::persist::diff::{ChangeKind, diff};
use crate::persist::introspect::{describe, row_count, table_exists};
use crate::schema::model::Model;
use crate::sql::dialect::Dialect;

/// PostgreSQL's two wordings (`column user.age does not exist`, `column
/// "age" of relation "user" does not exist`), as SQLite's: the qualifier,
/// the column and what follows.
fn parse_pg(message: &str) -> Option<(Option<&str>, &str, &str)> {
    let rest = message.strip_prefix("column ")?;
    fn unquote(s: &str) -> Option<&str> {
        s.strip_prefix('"')?.strip_suffix('"')
    }
    let (name, tail) = rest.split_once(" does not exist")?;
    let tail = Some(tail).filter(|t| t.starts_with(" (")).unwrap_or("");
    if let Some((col, table)) = name.split_once(" of relation ") {
        return Some((Some(unquote(table)?), unquote(col)?, tail));
    }
    // `user.age`, `"user".age`, `"User"."Age"`: the last dot outside quotes.
    let (qual, col) = match name.rsplit_once('.') {
        Some((q, c)) => (Some(unquote(q).unwrap_or(q)), c),
        None => (None, name),
    };
    let col = unquote(col).unwrap_or(col);
    (!col.is_empty() && !col.contains(' ')).then_some((qual, col, tail))
}

/// The table qualifier (if any), the column and the rest of the message,
/// from SQLite's two wordings (or PostgreSQL's, [`parse_pg`]).
fn parse(message: &str) -> Option<(Option<&str>, &str, &str)> {
    if message.starts_with("column ") {
        return parse_pg(message);
    }
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
        // SQLite's OperationalError; PostgreSQL's undefined_column
        // (42703) is a ProgrammingError.
        if !matches!(
            e.kind,
            ErrorKind::OperationalError | ErrorKind::ProgrammingError
        ) {
            return e;
        }
        let message = e.message.clone();
        let Some((qual, column, rest)) = parse(&message) else {
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
        let d = engine.dialect();
        for m in models {
            let read = match table_exists(engine, &m.table) {
                Ok(true) => describe(engine, &m.table)
                    .and_then(|info| Ok((info, row_count(engine, &m.table)?))),
                Ok(false) => continue,
                Err(e) => Err(e),
            };
            let (info, rows) = match read {
                Ok(read) => read,
                // PostgreSQL's failed statement aborted the transaction, and
                // the catalog cannot be read until it ends: its message
                // names the table itself (`column user.age`, `column "age"
                // of relation "user"`), which must be the model's.
                Err(_) if d.name == "postgresql" && qual == Some(&*m.table) => {
                    let Some(col) = m.columns.iter().find(|c| *c.name == *column) else {
                        continue;
                    };
                    let help = format!(".migrate {} adds the model's new columns to it", m.name);
                    return reworded(e, &m, &col.name, rest, help, d);
                }
                Err(_) => continue,
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
            let change = diff(&m, &info, rows, d).into_iter().find(|c| {
                c.kind == ChangeKind::Added
                    && c.what
                        .starts_with(&format!("column {} ", d.quote(&col.name)))
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
            return reworded(e, &m, &col.name, rest, help, d);
        }
        e
    }
}

/// `e` as the sentence naming table, column and model, with `help` after
/// what the failure already says (a flush's rollback).
fn reworded(
    e: Error,
    m: &Model,
    column: &str,
    rest: &str,
    help: String,
    d: &'static Dialect,
) -> Error {
    let help = match &e.help {
        Some(h) => format!("{h}; {help}"),
        None => help,
    };
    Error {
        message: format!(
            "table {} has no column {}, which model {} maps{rest}",
            d.quote(&m.table),
            d.quote(column),
            m.name
        ),
        help: Some(help),
        ..e
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn postgresql_wordings() {
        assert_eq!(
            parse("column user.bio does not exist"),
            Some((Some("user"), "bio", ""))
        );
        assert_eq!(
            parse(
                "column \"bio\" of relation \"user\" does not exist (while flushing the new User(bio='b'))"
            ),
            Some((
                Some("user"),
                "bio",
                " (while flushing the new User(bio='b'))"
            ))
        );
        assert_eq!(
            parse("column \"User\".\"Bio\" does not exist"),
            Some((Some("User"), "Bio", ""))
        );
        assert_eq!(
            parse("column nope does not exist"),
            Some((None, "nope", ""))
        );
        assert_eq!(parse("relation \"x\" does not exist"), None);
    }

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
