//! More of SQLAlchemy's `Inspector` over SQLite, answering as its SQLite
//! dialect does: `get_view_definition` (the stored `CREATE VIEW`),
//! `get_table_options` (`sqlite_with_rowid`, `sqlite_strict` read with
//! `TABLE_OPTIONS_PATTERN`), `get_check_constraints` (read from the
//! CREATE statement with the dialect's `CHECK_PATTERN` and a quote-aware
//! walk to the closing parenthesis, `util.find_matching_paren`),
//! `get_sorted_table_and_fkc_names` (`sort_tables_on_foreign_key_dependency`),
//! `get_temp_table_names`, `get_temp_view_names`, `get_schema_names`,
//! `has_schema`, `has_index`, `default_schema_name`, and the `get_multi_*` forms (a
//! dict keyed by `(None, table)` over the tables, `_default_multi_reflect`).

use std::rc::Rc;
use std::sync::LazyLock;

use regex::Regex;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::value::Value;
use crate::value::dict::Dict;

use super::inspector::{Inspector, dict, no_such_table, one_name, strs};

type I = Rc<Inspector>;

/// The stored SQL of a table or view named exactly `name`, as the
/// dialect's `_get_table_sql` reads it (`sqlite_master` and
/// `sqlite_temp_master`); `kinds` is `'view'` or `'table', 'view'`.
fn stored_sql(me: &Interp, name: &str, kinds: &str) -> Result<Option<String>> {
    let sql = format!(
        "SELECT sql FROM (SELECT * FROM sqlite_master UNION ALL SELECT * FROM sqlite_temp_master) WHERE name = ? AND type in ({kinds}) AND name <> '_ormsh_models'"
    );
    let rows = me
        .session
        .engine
        .names(&sql, &[crate::sql::ast::Param::Text(name.into())])?;
    Ok(rows.into_iter().next())
}

/// `get_view_definition(name)`: the view's `CREATE VIEW` as stored.
pub fn get_view_definition(me: &mut Interp, _: &I, a: Args) -> Result<Value> {
    let name = one_name(&a)?;
    match stored_sql(me, &name, "'view'")? {
        Some(sql) => Ok(Value::str(&sql)),
        None => Err(no_such_table(&name)),
    }
}

/// The CREATE statement of a table or view, or `NoSuchTableError`.
fn table_sql(me: &Interp, name: &str) -> Result<String> {
    stored_sql(me, name, "'table', 'view'")?.ok_or_else(|| no_such_table(name))
}

static TABLE_OPTIONS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\)(?:\s*,?\s*(?:(?P<without_rowid>WITHOUT\s+ROWID)|(?P<strict>STRICT)))*\s*$")
        .expect("a valid pattern")
});

/// `get_table_options(name)`: `{'sqlite_with_rowid': False}` for a
/// WITHOUT ROWID table, `{'sqlite_strict': True}` for a STRICT one, else
/// `{}`.
pub fn get_table_options(me: &mut Interp, _: &I, a: Args) -> Result<Value> {
    let name = one_name(&a)?;
    table_options(me, &name)
}

fn table_options(me: &Interp, name: &str) -> Result<Value> {
    let sql = table_sql(me, name)?;
    let mut opts = Vec::new();
    if let Some(m) = TABLE_OPTIONS.captures(sql.trim()) {
        if m.name("without_rowid").is_some() {
            opts.push(("sqlite_with_rowid", Value::Bool(false)));
        }
        if m.name("strict").is_some() {
            opts.push(("sqlite_strict", Value::Bool(true)));
        }
    }
    Ok(dict(opts))
}

/// The dialect's `CHECK_PATTERN`, without its look-behind (checked by
/// hand: `CHECK` must not end an identifier).
static CHECK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)(?:CONSTRAINT\s+("(?:[^"]|"")+"|'(?:[^']|'')+'|\[(?:[^\]]|\]\])+\]|`(?:[^`]|``)+`|\S+)\s+)?CHECK\s*\("#,
    )
    .expect("a valid pattern")
});

/// The index of the `)` closing the `(` at `start`, skipping quoted
/// text (`util.find_matching_paren`: `'…'` and `"…"`, doubled quotes
/// escaped).
fn matching_paren(text: &[u8], start: usize) -> Option<usize> {
    let (mut depth, mut quote) = (0usize, None::<u8>);
    let mut i = start;
    while i < text.len() {
        let ch = text[i];
        match quote {
            Some(q) if ch == q => {
                if text.get(i + 1) == Some(&q) {
                    i += 1;
                } else {
                    quote = None;
                }
            }
            Some(_) => {}
            None => match ch {
                b'\'' | b'"' => quote = Some(ch),
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i);
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    None
}

/// A constraint's name without its quotes (`"n"`, `'n'`, `` `n` ``, `[n]`).
fn unquoted(name: &str) -> String {
    let b = name.as_bytes();
    if b.len() > 2 {
        let (first, last) = (b[0], b[b.len() - 1]);
        if (matches!(first, b'"' | b'\'' | b'`') && first == last)
            || (first == b'[' && last == b']')
        {
            return name[1..name.len() - 1].to_owned();
        }
    }
    name.to_owned()
}

/// The CHECK constraints of a CREATE statement: `(name, sqltext)`,
/// sorted by name with the unnamed ones last, as the dialect lists them.
pub(super) fn check_constraints(sql: &str) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(m) = CHECK.captures_at(sql, at) {
        let whole = m.get(0).expect("the whole match");
        let before = sql[..whole.start()].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            at = whole.start()
                + sql[whole.start()..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
            continue;
        }
        let name = m.get(1).map(|n| unquoted(n.as_str()));
        let open = whole.end() - 1;
        if let Some(close) = matching_paren(sql.as_bytes(), open) {
            out.push((name, sql[whole.end()..close].trim().to_owned()));
        }
        at = whole.end();
    }
    out.sort_by(|a, b| {
        let key = |n: &Option<String>| n.clone().unwrap_or_else(|| "~".to_owned());
        key(&a.0).cmp(&key(&b.0))
    });
    out
}

/// `get_check_constraints(name)`: a dict per CHECK constraint of the
/// table, `sqltext` and `name`.
pub fn get_check_constraints(me: &mut Interp, _: &I, a: Args) -> Result<Value> {
    let name = one_name(&a)?;
    checks_of(me, &name)
}

fn checks_of(me: &Interp, name: &str) -> Result<Value> {
    let sql = table_sql(me, name)?;
    let cks = check_constraints(&sql)
        .into_iter()
        .map(|(n, text)| {
            dict(vec![
                ("sqltext", Value::str(&text)),
                ("name", n.as_deref().map_or(Value::None, Value::str)),
            ])
        })
        .collect();
    Ok(Value::list(cks))
}

fn no_arguments(a: &Args) -> Result<()> {
    a.no_more_kw()?;
    a.count(0, 0)
}

fn catalog_names(me: &Interp, sql: &str) -> Result<Value> {
    Ok(strs(&me.session.engine.names(sql, &[])?))
}

/// `get_temp_table_names()`: the connection's temporary tables.
pub fn get_temp_table_names(me: &mut Interp, _: &I, a: Args) -> Result<Value> {
    no_arguments(&a)?;
    catalog_names(
        me,
        "SELECT name FROM sqlite_temp_master WHERE type='table' AND name NOT LIKE 'sqlite~_%' ESCAPE '~' ORDER BY name",
    )
}

/// `get_temp_view_names()`: the connection's temporary views.
pub fn get_temp_view_names(me: &mut Interp, _: &I, a: Args) -> Result<Value> {
    no_arguments(&a)?;
    catalog_names(
        me,
        "SELECT name FROM sqlite_temp_master WHERE type='view' AND name NOT LIKE 'sqlite~_%' ESCAPE '~' ORDER BY name",
    )
}

fn schema_names(me: &Interp) -> Result<Vec<String>> {
    let rows = me.session.engine.quiet_query("PRAGMA database_list", &[])?;
    Ok(rows
        .into_iter()
        .filter_map(|r| match r.into_iter().nth(1) {
            Some(crate::sql::ast::Param::Text(t)) if &*t != "temp" => Some(t.to_string()),
            _ => None,
        })
        .collect())
}

/// `get_schema_names()`: `['main']` and any attached database.
pub fn get_schema_names(me: &mut Interp, _: &I, a: Args) -> Result<Value> {
    no_arguments(&a)?;
    Ok(strs(&schema_names(me)?))
}

/// `has_schema(name)`.
pub fn has_schema(me: &mut Interp, _: &I, a: Args) -> Result<Value> {
    let name = one_name(&a)?;
    Ok(Value::Bool(schema_names(me)?.iter().any(|s| **s == *name)))
}

/// `Inspector.default_schema_name`: SQLite's is `main`.
pub fn default_schema_name(_: &mut Interp, _: &I) -> Result<Value> {
    Ok(Value::str("main"))
}

/// `get_table_comment(name)`: SQLAlchemy's SQLite dialect has none
/// (`NotImplementedError`).
pub fn get_table_comment(_: &mut Interp, _: &I, a: Args) -> Result<Value> {
    one_name(&a)?;
    Err(Error::new(
        ErrorKind::NotImplementedError,
        "SQLite keeps no table comments: SQLAlchemy's SQLite dialect has no get_table_comment",
    )
    .with_help("get_table_options(name) and get_view_definition(name) read what SQLite stores"))
}

/// The tables' names and the `(name, referred_table)` of each of their
/// foreign keys, through `get_foreign_keys`.
type TableKeys = Vec<(String, Vec<(Option<String>, String)>)>;

fn foreign_keys(me: &mut Interp, i: &I) -> Result<TableKeys> {
    let mut out = Vec::new();
    for t in me.session.engine.table_names()? {
        let fks = super::inspector::get_foreign_keys(
            me,
            i,
            Args::new("get_foreign_keys", vec![Value::str(&t)]),
        )?;
        let mut keys = Vec::new();
        if let Value::List(l) = &fks {
            for fk in l.borrow().iter() {
                if let Value::Dict(d) = fk {
                    let d = d.borrow();
                    let field = |k: &str| match d.get(&Value::str(k)) {
                        Some(Value::Str(s)) => Some(s.to_string()),
                        _ => None,
                    };
                    keys.push((field("name"), field("referred_table").unwrap_or_default()));
                }
            }
        }
        out.push((t, keys));
    }
    Ok(out)
}

/// `get_sorted_table_and_fkc_names()`: the tables in CREATE order (a
/// table after those it refers to), each with the names of its foreign
/// keys, then `(None, [...])`: the keys of a cycle, to be added after the
/// tables (SQLAlchemy removes every edge once it meets a cycle; its
/// order of that last list is a set's, here the tables').
pub fn get_sorted_table_and_fkc_names(me: &mut Interp, i: &I, a: Args) -> Result<Value> {
    no_arguments(&a)?;
    let tables = foreign_keys(me, i)?;
    let names: Vec<&str> = tables.iter().map(|(t, _)| t.as_str()).collect();
    let mut edges: Vec<(&str, &str)> = Vec::new();
    for (t, keys) in &tables {
        for (_, referred) in keys {
            if referred != t && !edges.contains(&(referred.as_str(), t.as_str())) {
                edges.push((referred.as_str(), t.as_str()));
            }
        }
    }
    let (order, cyclic) = match topological(&edges, &names) {
        Some(order) => (order, false),
        None => (names.clone(), true),
    };
    let fk_names = |t: &str| -> Vec<Value> {
        let mut seen: Vec<Option<String>> = Vec::new();
        for (_, keys) in tables.iter().filter(|(n, _)| n == t) {
            for (name, _) in keys {
                if !seen.contains(name) {
                    seen.push(name.clone());
                }
            }
        }
        seen.into_iter()
            .map(|n| {
                Value::tuple(vec![
                    Value::str(t),
                    n.map_or(Value::None, |n| Value::str(&n)),
                ])
            })
            .collect()
    };
    let mut out = Vec::new();
    let mut remaining = Vec::new();
    for t in order {
        let keys = fk_names(t);
        if cyclic {
            remaining.extend(keys);
            out.push(Value::tuple(vec![Value::str(t), Value::list(Vec::new())]));
        } else {
            out.push(Value::tuple(vec![Value::str(t), Value::list(keys)]));
        }
    }
    out.push(Value::tuple(vec![Value::None, Value::list(remaining)]));
    Ok(Value::list(out))
}

/// `topological.sort`: in rounds, every table whose referred tables are
/// all placed, in name order; `None` on a cycle.
fn topological<'a>(edges: &[(&'a str, &'a str)], names: &[&'a str]) -> Option<Vec<&'a str>> {
    let mut todo: Vec<&str> = names.to_vec();
    let mut out = Vec::new();
    while !todo.is_empty() {
        let ready: Vec<&str> = (todo.iter().copied())
            .filter(|n| !edges.iter().any(|(p, c)| c == n && todo.contains(p)))
            .collect();
        if ready.is_empty() {
            return None;
        }
        todo.retain(|n| !ready.contains(n));
        out.extend(ready);
    }
    Some(out)
}

/// `get_multi_NAME()`: `{(None, table): get_NAME(table)}` over the
/// tables (SQLAlchemy's `_default_multi_reflect`).
pub fn get_multi(me: &mut Interp, i: &I, a: Args) -> Result<Value> {
    no_arguments(&a)?;
    let single = a.name.trim_start_matches("get_multi_").to_owned();
    let mut d = Dict::default();
    for t in me.session.engine.table_names()? {
        let one = Args::new(&format!("get_{single}"), vec![Value::str(&t)]);
        let v = match single.as_str() {
            "columns" => super::inspector::get_columns(me, i, one)?,
            "pk_constraint" => super::inspector::get_pk_constraint(me, i, one)?,
            "foreign_keys" => super::inspector::get_foreign_keys(me, i, one)?,
            "indexes" => super::inspector::get_indexes(me, i, one)?,
            "unique_constraints" => super::inspector::get_unique_constraints(me, i, one)?,
            "table_options" => table_options(me, &t)?,
            _ => checks_of(me, &t)?,
        };
        d.insert(Value::tuple(vec![Value::None, Value::str(&t)]), v)?;
    }
    Ok(Value::Dict(Rc::new(std::cell::RefCell::new(d))))
}

/// `has_index(table, name)`: whether `get_indexes(table)` lists an index
/// of that name (`DefaultDialect.has_index`; SQLite's automatic indexes
/// are not listed); False for a table that does not exist.
pub fn has_index(me: &mut Interp, i: &I, a: Args) -> Result<Value> {
    a.no_more_kw()?;
    a.count(2, 2)?;
    let (table, name) = (a.str(0)?, a.str(1)?);
    let has_table =
        super::inspector::has_table(me, i, Args::new("has_table", vec![Value::str(&table)]))?;
    if !has_table.truthy() {
        return Ok(Value::Bool(false));
    }
    let listed =
        super::inspector::get_indexes(me, i, Args::new("get_indexes", vec![Value::str(&table)]))?;
    let Value::List(l) = &listed else {
        return Ok(Value::Bool(false));
    };
    let found = l.borrow().iter().any(|ix| match ix {
        Value::Dict(d) => {
            matches!(d.borrow().get(&Value::str("name")), Some(Value::Str(n)) if **n == *name)
        }
        _ => false,
    });
    Ok(Value::Bool(found))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As SQLAlchemy 2.x's SQLite dialect reads them.
    #[test]
    fn checks_and_parens() {
        let sql = "CREATE TABLE t (a INT CHECK (a > 0), b TEXT, tableCHECK (x), CONSTRAINT \"n (1)\" CHECK (b != ')'), CONSTRAINT [z] CHECK(length(b) < (3)))";
        assert_eq!(
            check_constraints(sql),
            vec![
                (Some("n (1)".to_owned()), "b != ')'".to_owned()),
                (Some("z".to_owned()), "length(b) < (3)".to_owned()),
                (None, "a > 0".to_owned()),
            ]
        );
        assert_eq!(matching_paren(b"(a = '(' AND b = ')')", 0), Some(20));
        assert_eq!(matching_paren(b"((a)(b))", 0), Some(7));
        assert_eq!(matching_paren(b"(a", 0), None);
    }
}
