//! `.schema [NAME]`: the DDL `db.create_all()` runs for the models and
//! tables typed in (as SQLAlchemy writes it), then what the file stores
//! as sqlite3's `.schema` shows it — the file's own SQL of every table,
//! view, index and trigger in the order the file made them (SQLite's own
//! `sqlite_sequence` and `sqlite_stat1` too), a view or virtual table
//! followed by `/* name(columns) */`. Reflected models and tables (and
//! the tables `.sql` or another program made) are shown as the file
//! stores them, not as made-up `CREATE TABLE`s: a view stays a view,
//! `WITHOUT ROWID` and `STRICT` stay. NAME is a model, a table name or a
//! table of the database; with it, that table and the indexes and
//! triggers on it (sqlite3's `tbl_name` match). On PostgreSQL the stored
//! SQL is the server's own definitions (`engine::pg_schema`): a
//! reflected table or view is shown so.

use std::collections::HashSet;
use std::rc::Rc;

use super::Call;
use crate::app::{App, Flow};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::eval::suggest::did_you_mean;
use crate::sql::ast::Param;

/// `.schema [NAME]`
pub fn schema(app: &mut App, call: &Call) -> Result<Flow> {
    let plan = app.interp.ddl_plan();
    // An index no naming convention names has no CREATE INDEX to show.
    app.interp.check_index_names(&plan)?;
    let engine = app.interp.session.engine.clone();
    let stored = engine.schema_sql()?;
    let (mut reflected, shadow) = crate::persist::export_stored::reflected_tables(&app.interp);
    reflected.extend(shadow);
    // A reflected table the file stores is shown from the file.
    let from_file = |t: &str| {
        reflected.contains(&t.to_lowercase())
            && (stored.iter())
                .any(|[k, n, _, _]| k != "index" && k != "trigger" && n.eq_ignore_ascii_case(t))
    };
    let typed =
        |t: &str| plan.iter().any(|(table, _)| table.eq_ignore_ascii_case(t)) && !from_file(t);
    let wanted: Option<Rc<str>> = match call.args.as_slice() {
        [] => None,
        [name] => Some(resolve(app, name, &plan, &stored)?),
        _ => return Err(Error::value("usage: .schema [NAME]")),
    };
    let mut lines = Vec::new();
    let mut shown: HashSet<&str> = HashSet::new();
    for (table, stmts) in &plan {
        if wanted.as_ref().is_some_and(|w| w != table) || from_file(table) {
            continue;
        }
        for sql in stmts {
            shown.insert(sql.trim());
            lines.push(format!("{};", sql.trim()));
        }
    }
    let pg = engine.dialect_name() == crate::engine::DialectName::Postgresql;
    for [kind, name, table, sql] in &stored {
        if wanted
            .as_ref()
            .is_some_and(|w| !w.eq_ignore_ascii_case(table))
        {
            continue;
        }
        // PostgreSQL writes a typed model's indexes its own way: the
        // model's DDL stands for them all.
        if pg && typed(table) {
            continue;
        }
        // A model typed in is shown as create_all makes it (above), and
        // its indexes with it.
        let typed_table = matches!(kind.as_str(), "table" | "view") && typed(name);
        // An index the model has by the file's name (a reflected table
        // keeps it as SQLAlchemy reflects it: a `DESC` term as its
        // column) is the model's.
        let own_index = kind == "index"
            && typed(table)
            && (shown.contains(sql.trim()) || shown.iter().any(|s| index_name(s) == Some(name)));
        if typed_table || own_index {
            continue;
        }
        lines.push(schema_line(&engine, name, sql));
    }
    for l in lines {
        app.interp.write_line(&l)?;
    }
    Ok(Flow::Continue)
}

/// The name a `CREATE [UNIQUE] INDEX name ON …` statement gives, quotes
/// taken off.
fn index_name(sql: &str) -> Option<&str> {
    let rest =
        (sql.strip_prefix("CREATE INDEX ")).or_else(|| sql.strip_prefix("CREATE UNIQUE INDEX "))?;
    let end = rest.find(" ON ")?;
    let n = rest[..end].trim();
    Some(
        n.strip_prefix('"')
            .and_then(|n| n.strip_suffix('"'))
            .unwrap_or(n),
    )
}

/// One stored object as sqlite3's `.schema` prints it (`shell_add_schema`
/// and `printSchemaLine`): a view or virtual table followed by a comment
/// naming its columns, the `;` after a comment still open, and
/// `IF NOT EXISTS` for a table whose name is in quotes.
fn schema_line(engine: &Engine, name: &str, sql: &str) -> String {
    let mut text = sql.to_string();
    let sqlite = engine.dialect_name() != crate::engine::DialectName::Postgresql;
    if sqlite && (sql.starts_with("CREATE VIEW ") || sql.starts_with("CREATE VIRTUAL TABLE ")) {
        let columns = engine.quiet_query(
            "SELECT name FROM pragma_table_info(?) ORDER BY cid",
            &[Param::Text(name.into())],
        );
        let names: Vec<String> = (columns.unwrap_or_default().iter())
            .filter_map(|r| match r.first() {
                Some(Param::Text(c)) => Some(super::dump::sqlite3_quote(c)),
                _ => None,
            })
            .collect();
        if !names.is_empty() {
            text.push_str(&format!(
                "\n/* {}({}) */",
                super::dump::sqlite3_quote(name),
                names.join(",")
            ));
        }
    }
    // sqlite3's own ways; PostgreSQL's definitions are shown as they are.
    if !sqlite {
        return format!("{text};");
    }
    let end = if text.contains("/*") || text.contains("--") {
        open_comment_end(&text)
    } else {
        ";"
    };
    match text.strip_prefix("CREATE TABLE ") {
        Some(rest) if rest.starts_with(['"', '\'']) => {
            format!("CREATE TABLE IF NOT EXISTS {rest}{end}")
        }
        _ => format!("{text}{end}"),
    }
}

/// What closes a statement that holds a comment before its `;`:
/// nothing, `*/` for a block comment left open, or a line break after a
/// `--` comment — the first of them that completes it, as sqlite3's
/// `printSchemaLine` tries them.
fn open_comment_end(text: &str) -> &'static str {
    ["", "*/", "\n"]
        .into_iter()
        .zip([";", "*/;", "\n;"])
        .find(|(close, _)| crate::engine::sql_complete(&format!("{text}{close};")))
        .map_or(";", |(_, end)| end)
}

/// The table `name` stands for: a model's, a planned table, or one in the
/// database (SQLite's names are case-insensitive).
fn resolve(
    app: &App,
    name: &str,
    plan: &[crate::eval::ddl_order::Planned],
    stored: &[[String; 4]],
) -> Result<Rc<str>> {
    if let Some(m) = app.interp.registry.get(name) {
        return Ok(m.table.clone());
    }
    if let Some((t, _)) = plan.iter().find(|(t, _)| t.eq_ignore_ascii_case(name)) {
        return Ok(t.clone());
    }
    if let Some([_, _, t, _]) = stored
        .iter()
        .find(|[_, _, t, _]| t.eq_ignore_ascii_case(name))
    {
        return Ok(Rc::from(t.as_str()));
    }
    // A model is the likelier meaning; tables are offered when no model
    // is near.
    let models = app.interp.registry.models();
    let mut near = did_you_mean(name, models.iter().map(|m| &*m.name));
    if near.is_empty() {
        let tables = plan.iter().map(|(t, _)| &**t);
        near = did_you_mean(
            name,
            tables.chain(stored.iter().map(|[_, _, t, _]| t.as_str())),
        );
    }
    Err(
        Error::name(format!("no model or table named '{name}'{near}"))
            .with_help("type .models to list the models, .tables the tables"),
    )
}

#[cfg(test)]
mod tests {
    use super::open_comment_end;

    #[test]
    fn a_comment_left_open_is_closed_before_the_semicolon() {
        assert_eq!(
            open_comment_end("CREATE VIEW v AS SELECT 1\n/* v(\"1\") */"),
            ";"
        );
        assert_eq!(open_comment_end("CREATE INDEX i ON t (a) -- by a\n"), ";");
        assert_eq!(open_comment_end("CREATE INDEX i ON t (a) -- by a"), "\n;");
        assert_eq!(open_comment_end("CREATE TABLE t (a) /* open"), "*/;");
        assert_eq!(
            open_comment_end("CREATE VIEW v AS SELECT 1 -- c\n/* v(\"1 -- c\") */"),
            ";"
        );
    }
}
