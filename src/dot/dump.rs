//! `.dump [TABLE]`, as sqlite3's: SQL text that rebuilds the database —
//! `PRAGMA foreign_keys=OFF;`, one transaction holding each table's
//! `CREATE TABLE` and an `INSERT` per row, `sqlite_sequence`, then the
//! indexes, triggers and views. Values are written as sqlite3 writes them
//! (reals through SQLite's own `printf('%!.20g')`, text with its quotes
//! doubled and line breaks as `char(10)`, blobs as `X'…'`). A virtual
//! table (an FTS5 or R*Tree index) is written as sqlite3 writes it: its
//! row of the schema put back under `PRAGMA writable_schema=ON`, without
//! making it (which would make its shadow tables), and its shadow tables
//! as plain tables with their rows, so the dump loads back into a fresh
//! file with the index whole.

use super::Call;
use crate::app::{App, Flow};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::sql::ast::Param;

/// `.dump [TABLE…]`: everything, or what the LIKE patterns name (with
/// `\` as their escape, as sqlite3 takes them): tables, and indexes,
/// triggers and views by their own names — as sqlite3 3.40's `.dump
/// TABLE`, which leaves out a table's index or trigger whose name the
/// pattern does not match — and a virtual table with its shadow tables
/// (sqlite3's `substr(name) == vtab || '_'`).
pub fn dump(app: &mut App, call: &Call) -> Result<Flow> {
    let engine = app.interp.session.engine.clone();
    if engine.dialect_name() == crate::engine::DialectName::Postgresql {
        return Err(on_postgresql(".dump", "writes SQLite's SQL (sqlite3's .dump)")
            .with_help("PostgreSQL's own dump is pg_dump (pg_dump -t TABLE DBNAME); .schema shows the tables as the server defines them"));
    }
    let like: Vec<Param> = (call.args.iter())
        .flat_map(|a| [Param::Text((*a).into()), Param::Text((*a).into())])
        .collect();
    let filter = match call.args.len() {
        0 => String::new(),
        n => format!(
            " AND ({})",
            vec![
                "o.name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM sqlite_master AS v \
                 WHERE v.name LIKE ? ESCAPE '\\' AND v.sql LIKE 'CREATE VIRTUAL TABLE%' \
                 AND substr(o.name, 1, length(v.name) + 1) == (v.name || '_'))";
                n
            ]
            .join(" OR ")
        ),
    };
    let tables = engine.quiet_query(
        &format!(
            "SELECT name, sql FROM sqlite_master AS o WHERE type = 'table' AND sql NOT NULL{filter} \
             ORDER BY tbl_name = 'sqlite_sequence', rowid"
        ),
        &like,
    )?;
    if !call.args.is_empty() && tables.is_empty() {
        return Err(
            Error::name(format!("no table matches {}", call.args.join(" ")))
                .with_help("type .tables to list the tables"),
        );
    }
    app.interp.write_line("PRAGMA foreign_keys=OFF;")?;
    app.interp.write_line("BEGIN TRANSACTION;")?;
    let mut writable_schema = false;
    for row in &tables {
        let (Param::Text(name), Param::Text(sql)) = (&row[0], &row[1]) else {
            continue;
        };
        match create_line(name, sql) {
            Create::Line(create) => app.interp.write_line(&create)?,
            Create::Virtual(insert) => {
                if !writable_schema {
                    app.interp.write_line("PRAGMA writable_schema=ON;")?;
                    writable_schema = true;
                }
                app.interp.write_line(&insert)?;
                continue;
            }
            Create::Skip => continue,
        }
        for insert in inserts(&engine, name)? {
            app.interp.write_line(&insert)?;
        }
    }
    let rest = engine.quiet_query(
        &format!(
            "SELECT sql FROM sqlite_master AS o WHERE sql NOT NULL \
             AND type IN ('index', 'trigger', 'view'){filter} ORDER BY rowid"
        ),
        &like,
    )?;
    for row in rest {
        if let Some(Param::Text(sql)) = row.first() {
            // A `--` comment would swallow the `;`: sqlite3 puts it on a
            // line of its own.
            let end = if sql.contains("--") { "\n;" } else { ";" };
            app.interp.write_line(&format!("{sql}{end}"))?;
        }
    }
    if writable_schema {
        app.interp.write_line("PRAGMA writable_schema=OFF;")?;
    }
    app.interp.write_line("COMMIT;")?;
    Ok(Flow::Continue)
}

/// The refusal of a sqlite3 command ormsh does not do on PostgreSQL.
pub(super) fn on_postgresql(command: &str, what: &str) -> Error {
    Error::new(
        crate::error::ErrorKind::Command,
        format!("{command} works on SQLite databases only: it {what}"),
    )
}

/// What `.dump` writes for one table of the schema.
#[derive(Debug, PartialEq)]
enum Create {
    /// A statement, then the table's rows.
    Line(String),
    /// A virtual table's schema row, put back as it is; no rows (they
    /// are its shadow tables').
    Virtual(String),
    /// Nothing: one of SQLite's own tables.
    Skip,
}

/// The line that makes table `name` again (sqlite3's `dump_callback`):
/// `sqlite_sequence` is emptied rather than made, `sqlite_stat1`… are
/// made by `ANALYZE`, other `sqlite_` tables are SQLite's own, a name
/// in quotes (`'` or `"`) gets `IF NOT EXISTS`, and a virtual table is
/// an `INSERT INTO sqlite_schema` (run under `writable_schema`).
fn create_line(name: &str, sql: &str) -> Create {
    if name == "sqlite_sequence" {
        return Create::Line("DELETE FROM sqlite_sequence;".to_string());
    }
    if name.len() == 12 && name.starts_with("sqlite_stat") {
        return Create::Line("ANALYZE sqlite_schema;".to_string());
    }
    if name.starts_with("sqlite_") {
        return Create::Skip;
    }
    if sql.starts_with("CREATE VIRTUAL TABLE") {
        let q = |s: &str| s.replace('\'', "''");
        return Create::Virtual(format!(
            "INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)\
             VALUES('table','{}','{}',0,'{}');",
            q(name),
            q(name),
            q(sql)
        ));
    }
    match sql.strip_prefix("CREATE TABLE ") {
        Some(rest) if rest.starts_with(['"', '\'']) => {
            Create::Line(format!("CREATE TABLE IF NOT EXISTS {rest};"))
        }
        _ => Create::Line(format!("{sql};")),
    }
}

/// One `INSERT INTO t VALUES(…);` per row of table `name`. Generated
/// columns are left out, as sqlite3 leaves them (an INSERT without a
/// column list does not count them, and SQLite computes them again).
pub(crate) fn inserts(engine: &Engine, name: &str) -> Result<Vec<String>> {
    let quoted = sqlite3_quote(name);
    let q = |n: &str| crate::sql::dialect::SQLITE.quote(n).into_owned();
    let generated = engine.quiet_query(
        "SELECT 1 FROM pragma_table_xinfo(?) WHERE hidden IN (2, 3)",
        &[Param::Text(name.into())],
    )?;
    let columns = if generated.is_empty() {
        "*".to_string()
    } else {
        let stored = engine.quiet_query(
            "SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid",
            &[Param::Text(name.into())],
        )?;
        (stored.iter())
            .filter_map(|r| match r.first() {
                Some(Param::Text(c)) => Some(q(c)),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let rows = engine.quiet_query(&format!("SELECT {columns} FROM {}", q(name)), &[])?;
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        let mut values = Vec::with_capacity(row.len());
        for v in &row {
            values.push(literal(engine, v)?);
        }
        lines.push(format!(
            "INSERT INTO {quoted} VALUES({});",
            values.join(",")
        ));
    }
    Ok(lines)
}

/// A table name as sqlite3 writes it: bare when it is a plain identifier
/// and no keyword, else in double quotes.
pub(super) fn sqlite3_quote(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain && !crate::sql::quote::is_reserved(&name.to_ascii_lowercase()) {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// One value as SQL text, as sqlite3's insert mode writes it.
fn literal(engine: &Engine, v: &Param) -> Result<String> {
    Ok(match v {
        Param::Null => "NULL".to_string(),
        Param::Int(i) => i.to_string(),
        Param::Real(r) if r.is_infinite() => if *r > 0.0 { "1e999" } else { "-1e999" }.to_string(),
        // A whole number in range prints as one, with `.0`.
        Param::Real(r) if r.fract() == 0.0 && r.abs() < 9.2e18 => format!("{}.0", *r as i64),
        Param::Real(_) => match engine
            .quiet_query("SELECT printf('%!.20g', ?)", std::slice::from_ref(v))?
            .first()
            .and_then(|r| r.first())
        {
            Some(Param::Text(t)) => t.to_string(),
            _ => "NULL".to_string(),
        },
        Param::Text(t) => text_literal(t),
        Param::Decimal(d) => d.to_string(),
        Param::Bool(b) => i64::from(*b).to_string(),
        Param::Interval(_) | Param::Unbindable(_) => crate::sql::params::sql_literal(v),
        Param::Blob(b) => {
            let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
            format!("X'{hex}'")
        }
    })
}

/// `'it''s'`; a line break is written as a marker the text lacks, put
/// back by `replace(…, char(10))` (sqlite3's `output_quoted_escaped_string`).
fn text_literal(t: &str) -> String {
    let nl = t.contains('\n').then(|| unused(t, "\\n", "\\012"));
    let cr = t.contains('\r').then(|| unused(t, "\\r", "\\015"));
    let mut s = String::new();
    if nl.is_some() {
        s.push_str("replace(");
    }
    if cr.is_some() {
        s.push_str("replace(");
    }
    s.push('\'');
    for c in t.chars() {
        match (c, &nl, &cr) {
            ('\'', _, _) => s.push_str("''"),
            ('\n', Some(m), _) | ('\r', _, Some(m)) => s.push_str(m),
            (c, _, _) => s.push(c),
        }
    }
    s.push('\'');
    if let Some(m) = &cr {
        s.push_str(&format!(",'{m}',char(13))"));
    }
    if let Some(m) = &nl {
        s.push_str(&format!(",'{m}',char(10))"));
    }
    s
}

/// The first of `a`, `b`, `(a0)`, `(a1)`, … that `text` does not contain.
fn unused(text: &str, a: &str, b: &str) -> String {
    if !text.contains(a) {
        return a.to_string();
    }
    if !text.contains(b) {
        return b.to_string();
    }
    (0..)
        .map(|i| format!("({a}{i})"))
        .find(|m| !text.contains(m.as_str()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_quoted_as_sqlite3_quotes_it() {
        assert_eq!(text_literal("it's"), "'it''s'");
        assert_eq!(text_literal("a\nb"), "replace('a\\nb','\\n',char(10))");
        assert_eq!(
            text_literal("a\\n\nb\r"),
            "replace(replace('a\\n\\012b\\r','\\r',char(13)),'\\012',char(10))"
        );
    }

    #[test]
    fn tables_are_made_as_sqlite3_makes_them() {
        let line = |s: &str| Create::Line(s.to_string());
        assert_eq!(
            create_line("t", "CREATE TABLE t(a)"),
            line("CREATE TABLE t(a);")
        );
        assert_eq!(
            create_line("a b", "CREATE TABLE 'a b'(a)"),
            line("CREATE TABLE IF NOT EXISTS 'a b'(a);")
        );
        // sqlite3 3.40 adds IF NOT EXISTS for quotes only, not brackets.
        assert_eq!(
            create_line("a b", "CREATE TABLE [a b](x)"),
            line("CREATE TABLE [a b](x);")
        );
        assert_eq!(
            create_line("sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)"),
            line("ANALYZE sqlite_schema;")
        );
        assert_eq!(
            create_line("sqlite_stat4x", "CREATE TABLE x(a)"),
            Create::Skip
        );
        assert_eq!(
            create_line("it's", "CREATE VIRTUAL TABLE \"it's\" USING fts5(b)"),
            Create::Virtual(
                "INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','it''s','it''s',0,'CREATE VIRTUAL TABLE \"it''s\" USING fts5(b)');".to_string()
            )
        );
    }

    #[test]
    fn names_are_quoted_when_sqlite3_would() {
        assert_eq!(sqlite3_quote("note"), "note");
        assert_eq!(sqlite3_quote("order"), "\"order\"");
        assert_eq!(sqlite3_quote("a b"), "\"a b\"");
    }
}
