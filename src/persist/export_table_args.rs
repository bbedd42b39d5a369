//! `.export python` of a reflected table: what its reflected model's
//! columns cannot say, written as the model's `__table_args__`, so that
//! the exported models' `create_all()` makes the table the file has —
//! `WITHOUT ROWID` and `STRICT` (`{'sqlite_with_rowid': False}`,
//! `{'sqlite_strict': True}`), every index the file made, by its name
//! (`db.Index('ix_a_b', 'a', 'b', unique=True)`; an expression or an
//! ordering as `db.text('lower(name)')`, a partial index's
//! `sqlite_where=db.text('…')`), multi-column UNIQUE constraints
//! (`db.UniqueConstraint('a', 'b')`) and composite foreign keys
//! (`db.ForeignKeyConstraint(['a', 'b'], ['t.x', 't.y'])`), as
//! SQLAlchemy's `Index`, `UniqueConstraint` and `ForeignKeyConstraint`
//! take them. Read from the file when exporting (`PRAGMA index_list`,
//! `index_xinfo`, `foreign_key_list`, `table_list`).

use crate::engine::Engine;
use crate::sql::ast::Param;
use crate::value::repr::str_repr;

/// What a reflected table's export needs beyond its model's members.
#[derive(Debug, Default, PartialEq)]
pub struct StoredTableArgs {
    /// The `__table_args__ = …` line, if the table needs one.
    pub line: Option<String>,
    /// Its indexes are written by name here: the columns' `index=True`
    /// (which names an index `ix_<table>_<column>`) is dropped.
    pub named_indexes: bool,
    /// Columns unique through a `CREATE UNIQUE INDEX` alone: their
    /// `unique=True` (a UNIQUE constraint) is dropped for the index.
    pub unique_by_index: Vec<String>,
}

impl StoredTableArgs {
    /// A reflected model's member as exported: `index=True` dropped when
    /// the indexes are written by name, `unique=True` when a named
    /// unique index says it.
    pub fn member(&self, attr: &str, expr: &str) -> String {
        if !expr.starts_with("db.Column(") {
            return expr.to_string();
        }
        let mut out = expr.to_string();
        if self.named_indexes {
            out = out.replacen(", index=True", "", 1);
        }
        let named =
            |c: &String| c == attr || expr.starts_with(&format!("db.Column({}", str_repr(c)));
        if self.unique_by_index.iter().any(named) {
            out = out.replacen(", unique=True", "", 1);
        }
        out
    }
}

fn texts(engine: &Engine, sql: &str, params: &[Param]) -> Vec<Vec<Option<String>>> {
    let rows = engine.quiet_query(sql, params).unwrap_or_default();
    (rows.into_iter())
        .map(|r| {
            (r.into_iter())
                .map(|v| match v {
                    Param::Text(t) => Some(t.to_string()),
                    Param::Int(i) => Some(i.to_string()),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

/// The `__table_args__` of reflected table `table`, read from the file.
/// Columns are named by their names: a model's `attr =
/// db.Column('col name', …)` has the key `'col name'`, which is what
/// SQLAlchemy resolves a constraint's column names by.
pub fn stored_table_args(engine: &Engine, table: &str) -> StoredTableArgs {
    if engine.dialect().name != crate::sql::dialect::SQLITE.name {
        return StoredTableArgs::default();
    }
    let name = || vec![Param::Text(table.into())];
    let mut items: Vec<String> = Vec::new();
    let mut named_indexes = false;
    let mut unique_by_index = Vec::new();
    let mut unique_by_constraint = Vec::new();
    let indexes = texts(
        engine,
        "SELECT l.name, l.\"unique\", l.origin, l.partial, m.sql FROM pragma_index_list(?) AS l \
         LEFT JOIN sqlite_master AS m ON m.type = 'index' AND m.name = l.name ORDER BY m.rowid, l.seq DESC",
        &name(),
    );
    for ix in indexes {
        let [
            Some(ix_name),
            Some(unique),
            Some(origin),
            Some(partial),
            sql,
        ] = &ix[..]
        else {
            continue;
        };
        let cols = texts(
            engine,
            "SELECT name FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno",
            &[Param::Text(ix_name.as_str().into())],
        );
        let cols: Vec<Option<String>> = cols
            .into_iter()
            .map(|r| r.into_iter().flatten().next())
            .collect();
        if cols.len() == 1
            && let Some(c) = &cols[0]
            && unique == "1"
        {
            match origin.as_str() {
                "c" => unique_by_index.push(c.clone()),
                _ => unique_by_constraint.push(c.clone()),
            }
        }
        match origin.as_str() {
            "u" if cols.len() > 1 => {
                let names: Vec<String> = cols.iter().flatten().map(|c| str_repr(c)).collect();
                items.push(format!("db.UniqueConstraint({})", names.join(", ")));
            }
            "c" => {
                named_indexes = true;
                let Some(sql) = sql else { continue };
                let Some((terms, where_sql)) = index_terms(sql) else {
                    continue;
                };
                let mut args = vec![str_repr(ix_name)];
                for (term, col) in terms
                    .iter()
                    .zip(cols.iter().chain(std::iter::repeat(&None)))
                {
                    args.push(match col {
                        Some(c) if is_column_term(term, c) => str_repr(c),
                        _ => format!("db.text({})", str_repr(term)),
                    });
                }
                if unique == "1" {
                    args.push("unique=True".to_string());
                }
                if partial == "1"
                    && let Some(w) = where_sql
                {
                    args.push(format!("sqlite_where=db.text({})", str_repr(&w)));
                }
                items.push(format!("db.Index({})", args.join(", ")));
            }
            _ => {}
        }
    }
    items.extend(composite_foreign_keys(engine, table));
    let mut options = Vec::new();
    let kind = texts(
        engine,
        "SELECT wr, strict FROM pragma_table_list WHERE schema = 'main' AND name = ?",
        &name(),
    );
    if let Some([Some(wr), Some(strict)]) = kind.first().map(|r| &r[..]) {
        if wr == "1" {
            options.push("'sqlite_with_rowid': False".to_string());
        }
        if strict == "1" {
            options.push("'sqlite_strict': True".to_string());
        }
    }
    if !options.is_empty() {
        items.push(format!("{{{}}}", options.join(", ")));
    }
    let line = match &items[..] {
        [] => None,
        [options] if options.starts_with('{') => Some(options.clone()),
        _ => Some(format!("(\n        {},\n    )", items.join(",\n        "))),
    };
    unique_by_index.retain(|c| !unique_by_constraint.contains(c));
    StoredTableArgs {
        line: line.map(|l| format!("    __table_args__ = {l}")),
        named_indexes,
        unique_by_index,
    }
}

/// The foreign keys of more than one column whose table the file has.
fn composite_foreign_keys(engine: &Engine, table: &str) -> Vec<String> {
    let rows = texts(
        engine,
        "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?) \
         WHERE id IN (SELECT id FROM pragma_foreign_key_list(?) GROUP BY id HAVING count(*) > 1) \
         AND EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = \"table\" COLLATE NOCASE) \
         ORDER BY id DESC, seq",
        &[Param::Text(table.into()), Param::Text(table.into())],
    );
    let mut out = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let id = rows[i][0].clone();
        let group: Vec<&Vec<Option<String>>> =
            rows[i..].iter().take_while(|r| r[0] == id).collect();
        i += group.len();
        let target = group[0][1].clone().unwrap_or_default();
        // A key naming no columns refers to the target's primary key.
        let pk: Vec<String> = texts(
            engine,
            "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk",
            &[Param::Text(target.as_str().into())],
        )
        .into_iter()
        .filter_map(|r| r.into_iter().flatten().next())
        .collect();
        let from: Vec<String> = group
            .iter()
            .map(|r| str_repr(r[2].as_deref().unwrap_or("")))
            .collect();
        let to: Vec<String> = (group.iter().enumerate())
            .map(|(k, r)| {
                let col = r[3]
                    .clone()
                    .or_else(|| pk.get(k).cloned())
                    .unwrap_or_default();
                str_repr(&format!("{target}.{col}"))
            })
            .collect();
        let mut s = format!(
            "db.ForeignKeyConstraint([{}], [{}]",
            from.join(", "),
            to.join(", ")
        );
        for (kw, v) in [("onupdate", &group[0][4]), ("ondelete", &group[0][5])] {
            if let Some(a) = v.as_deref().filter(|a| *a != "NO ACTION") {
                s.push_str(&format!(", {kw}={}", str_repr(a)));
            }
        }
        s.push(')');
        out.push(s);
    }
    out
}

/// Is an index term just the column `col` (bare or quoted), so that it
/// exports as the column's name rather than as SQL text?
fn is_column_term(term: &str, col: &str) -> bool {
    let t = term.trim();
    let unquoted = match (t.chars().next(), t.chars().last()) {
        (Some(a @ ('"' | '`')), Some(b)) if a == b && t.len() > 1 => t[1..t.len() - 1].to_string(),
        (Some('['), Some(']')) => t[1..t.len() - 1].to_string(),
        _ => t.to_string(),
    };
    unquoted.eq_ignore_ascii_case(col)
}

/// A stored `CREATE INDEX … ON t (terms) [WHERE cond]`'s terms, as
/// written, and its WHERE condition.
pub fn index_terms(sql: &str) -> Option<(Vec<String>, Option<String>)> {
    let open = top_level_paren(sql)?;
    let mut depth = 0;
    let mut terms = Vec::new();
    let mut start = open + 1;
    let mut quote: Option<char> = None;
    let mut close = None;
    for (i, c) in sql[open..].char_indices().map(|(i, c)| (i + open, c)) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"' | '`') => quote = Some(c),
            (None, '[') => quote = Some(']'),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth -= 1;
                if depth == 0 {
                    terms.push(sql[start..i].trim().to_string());
                    close = Some(i);
                    break;
                }
            }
            (None, ',') if depth == 1 => {
                terms.push(sql[start..i].trim().to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    let rest = sql[close? + 1..].trim();
    let where_sql = (rest.len() > 5 && rest[..5].eq_ignore_ascii_case("WHERE"))
        .then(|| rest[5..].trim().to_string());
    Some((terms, where_sql))
}

/// Where the index's term list opens: the first `(` outside quotes
/// (the index and table names come before it).
fn top_level_paren(sql: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in sql.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"' | '`') => quote = Some(c),
            (None, '[') => quote = Some(']'),
            (None, '(') => return Some(i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_terms_are_read_as_written() {
        assert_eq!(
            index_terms("CREATE INDEX \"a(b\" ON t (lower(name), \"x,y\" DESC) WHERE price > 0"),
            Some((
                vec!["lower(name)".to_string(), "\"x,y\" DESC".to_string()],
                Some("price > 0".to_string())
            ))
        );
        assert_eq!(
            index_terms("CREATE UNIQUE INDEX u ON t(a,b)"),
            Some((vec!["a".to_string(), "b".to_string()], None))
        );
        assert!(is_column_term("\"x y\"", "x y"));
        assert!(!is_column_term("x DESC", "x"));
    }
}
