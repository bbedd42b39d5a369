//! DDL text exactly as SQLAlchemy's `DDLCompiler` writes it for SQLite, which
//! is also what `create_all()` sends and echo logs:
//!
//! ```text
//! \nCREATE TABLE post (\n\tid INTEGER NOT NULL, \n\t…, \n\tPRIMARY KEY (id), \n\tFOREIGN KEY(category_id) REFERENCES category (id) ON DELETE CASCADE\n)\n\n
//! ```
//!
//! The leading `\n` and trailing `\n\n` are SQLAlchemy's own; trim them for
//! `.schema`. A column is `name TYPE[ DEFAULT x][ NOT NULL]`. After the
//! columns comes the PRIMARY KEY, then the table-level CHECKs, then UNIQUE,
//! FOREIGN KEY and type-made CHECK constraints in the order SQLAlchemy
//! creates them for a declarative model: column by column, a column's
//! `UNIQUE (c)` before its `FOREIGN KEY(c)` before its type's CHECK. (SQLAlchemy sorts constraints by creation order;
//! table-level constraints, built before the `Table`, come before the
//! column-level ones it makes while building it. `uniques` are taken to be
//! column-level, placed at their first column; `__table_args__`'s come
//! first, as `table_constraints`.) `CREATE INDEX` has no surrounding newlines;
//! `DROP TABLE` / `DROP INDEX` start with `\n`.
//!
//! `type_sql`, `default_sql`, CHECK bodies and FK actions are SQL the schema
//! layer renders from validated model options; everything else is quoted.

use std::fmt::Write;

use super::ast::{CreateIndex, CreateTable};
use super::dialect::Dialect;

fn ident_list(names: &[std::rc::Rc<str>], d: &Dialect) -> String {
    names
        .iter()
        .map(|n| d.quote(n))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Is `action` one SQLAlchemy accepts for `ondelete`/`onupdate`
/// (`FK_ON_DELETE`: RESTRICT, CASCADE, SET NULL, NO ACTION, SET DEFAULT)?
pub fn is_fk_action(action: &str) -> bool {
    let words: Vec<String> = action
        .split_whitespace()
        .map(|w| w.to_ascii_uppercase())
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    matches!(
        words.as_slice(),
        ["RESTRICT"] | ["CASCADE"] | ["SET", "NULL"] | ["NO", "ACTION"] | ["SET", "DEFAULT"]
    )
}

/// Is `phrase` what SQLAlchemy lets into DDL as an `ON DELETE`/`ON UPDATE`
/// action (`validate_sql_phrase`: words separated by spaces,
/// `^\w+(?:\s+\w+)*$`)? Anything else would be SQL of its own.
pub fn is_sql_phrase(phrase: &str) -> bool {
    let word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '_');
    !phrase.is_empty()
        && !phrase.starts_with(char::is_whitespace)
        && !phrase.ends_with(char::is_whitespace)
        && phrase.split_whitespace().all(word)
}

/// Whether a column default is written in parentheses, as SQLAlchemy's
/// SQLite dialect decides in `get_column_specification`: a default that
/// does not start with a quote or `(` and holds a character outside
/// Python's `\w` (`datetime('now')`, `1 + 1`) is an expression SQLite
/// accepts only in parentheses; a bare word or number (`7`, `NULL`,
/// `CURRENT_TIMESTAMP`) and a quoted string stay as they are.
pub fn default_needs_parens(default: &str) -> bool {
    if default.trim_start().starts_with(['\'', '"', '(']) {
        return false;
    }
    // Python's `re.match(r".*\W.*", d)`: `.` stops at a newline, `\W`
    // matches one.
    let first_line = default.split('\n').next().unwrap_or("");
    default.contains('\n')
        || first_line
            .chars()
            .any(|c| !(c.is_alphanumeric() || c == '_'))
}

/// `CONSTRAINT name ` before a named constraint, nothing otherwise.
fn constraint_name(name: &Option<std::rc::Rc<str>>, d: &Dialect) -> String {
    match name {
        Some(n) => format!("CONSTRAINT {} ", d.quote(n)),
        None => String::new(),
    }
}

/// `CREATE TABLE …` as SQLAlchemy emits it (with its surrounding newlines).
pub fn create_table(t: &CreateTable, d: &Dialect) -> String {
    let mut lines: Vec<String> = Vec::new();
    for c in &t.columns {
        let mut line = format!("{} {}", d.quote(&c.name), c.type_sql);
        if let Some(default) = &c.default_sql {
            // Only SQLite's DDL compiler adds the parentheses.
            if d.name == "sqlite" && default_needs_parens(default) {
                let _ = write!(line, " DEFAULT ({default})");
            } else {
                let _ = write!(line, " DEFAULT {default}");
            }
        }
        if c.not_null {
            line.push_str(" NOT NULL");
        }
        if t.autoincrement_column.as_ref() == Some(&c.name) {
            line.push_str(" PRIMARY KEY AUTOINCREMENT");
        }
        if let Some(g) = &c.computed_sql {
            line.push_str(g);
        }
        line.push_str(&c.checks_sql);
        lines.push(line);
    }
    if t.autoincrement_column.is_some() {
        // The key is the column's own (SQLite's AUTOINCREMENT needs that).
    } else if let Some(pk) = &t.primary_key_sql {
        lines.push(pk.clone());
    } else if !t.primary_key.is_empty() {
        lines.push(format!(
            "{}PRIMARY KEY ({})",
            constraint_name(&t.primary_key_name, d),
            ident_list(&t.primary_key, d)
        ));
    }
    lines.extend(t.table_constraints.iter().cloned());
    let check =
        |c: &super::ast::CheckDdl| format!("{}CHECK ({})", constraint_name(&c.name, d), c.sql);
    lines.extend(t.checks.iter().filter(|c| c.column.is_none()).map(check));
    // (position of the constraint's first column, UNIQUE before FK, text)
    let position = |cols: &[std::rc::Rc<str>]| {
        cols.first()
            .and_then(|first| t.columns.iter().position(|c| c.name == *first))
            .unwrap_or(usize::MAX)
    };
    let mut constraints: Vec<(usize, u8, String)> = Vec::new();
    for (i, u) in t.uniques.iter().enumerate() {
        let name = t.unique_names.get(i).cloned().flatten();
        let text = format!("{}UNIQUE ({})", constraint_name(&name, d), ident_list(u, d));
        constraints.push((position(u), 0, text));
    }
    for fk in &t.foreign_keys {
        let mut s = format!(
            "{}FOREIGN KEY({}) REFERENCES {} ({})",
            constraint_name(&fk.name, d),
            ident_list(&fk.columns, d),
            d.quote(&fk.ref_table),
            ident_list(&fk.ref_columns, d)
        );
        if let Some(a) = &fk.ondelete {
            let _ = write!(s, " ON DELETE {a}");
        }
        if let Some(a) = &fk.onupdate {
            let _ = write!(s, " ON UPDATE {a}");
        }
        s.push_str(&fk.defer.sql());
        constraints.push((position(&fk.columns), 1, s));
    }
    for c in &t.checks {
        if let Some(col) = &c.column {
            constraints.push((position(std::slice::from_ref(col)), 2, check(c)));
        }
    }
    constraints.sort_by_key(|(pos, kind, _)| (*pos, *kind));
    lines.extend(constraints.into_iter().map(|(_, _, s)| s));
    let options = if t.table_options.is_empty() {
        String::new()
    } else {
        format!("\n {}", t.table_options.join(",\n "))
    };
    format!(
        "\nCREATE TABLE {} (\n\t{}\n){options}\n\n",
        d.quote(&t.name),
        lines.join(", \n\t")
    )
}

/// `CREATE [UNIQUE ]INDEX name ON table (cols)`.
pub fn create_index(i: &CreateIndex, d: &Dialect) -> String {
    format!(
        "CREATE {}INDEX {} ON {} ({})",
        if i.unique { "UNIQUE " } else { "" },
        d.quote(&i.name),
        d.quote(&i.table),
        ident_list(&i.columns, d)
    )
}

/// `\nDROP TABLE name`.
pub fn drop_table(name: &str, d: &Dialect) -> String {
    format!("\nDROP TABLE {}", d.quote(name))
}

/// `CREATE TYPE name AS ENUM ('a', 'b')` (PostgreSQL's
/// `CreateEnumType`).
pub fn create_enum_type(name: &str, values: &[String], d: &Dialect) -> String {
    let values: Vec<String> = values
        .iter()
        .map(|v| format!("'{}'", v.replace('\'', "''")))
        .collect();
    format!(
        "CREATE TYPE {} AS ENUM ({})",
        d.quote(name),
        values.join(", ")
    )
}

/// `DROP TYPE name` (PostgreSQL's `DropEnumType`).
pub fn drop_type(name: &str, d: &Dialect) -> String {
    format!("DROP TYPE {}", d.quote(name))
}

/// `\nDROP INDEX name`.
pub fn drop_index(name: &str, d: &Dialect) -> String {
    format!("\nDROP INDEX {}", d.quote(name))
}
