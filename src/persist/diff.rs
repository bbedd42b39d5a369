//! A model against the table it maps, when the table already exists:
//! columns added, removed or changed, and missing indexes. Redefining a
//! model over a table with rows warns with the difference (`create_all()`
//! keeps Flask-SQLAlchemy's semantics and never alters a table);
//! `.migrate Model` applies the additive changes — new nullable or
//! server-defaulted columns (`ALTER TABLE … ADD COLUMN`) and new indexes —
//! and refuses anything else, changing nothing, with the reason.

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::persist::introspect::{describe, row_count, table_exists};
use crate::schema::column::Column;
use crate::schema::ddl::{column_type_sql, create_indexes};
use crate::schema::model::Model;
use crate::schema::reflect::{TableInfo, map_type};
use crate::sql::ddl::create_index;
use crate::sql::dialect::{Dialect, POSTGRESQL};

#[derive(Debug, Clone, PartialEq)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One difference, with the statement that applies it when it can be
/// applied safely, else why not.
#[derive(Debug, Clone)]
pub struct Change {
    pub kind: ChangeKind,
    pub what: String,
    pub apply: Option<String>,
    pub why_not: Option<String>,
}

fn norm(t: &str) -> String {
    t.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// `name TYPE[ DEFAULT x][ NOT NULL][ REFERENCES t (c)]` for ADD COLUMN,
/// in `d`'s DDL (PostgreSQL's type names and quoting on PostgreSQL).
fn column_def(c: &Column, d: &'static Dialect) -> String {
    let ty = column_type_sql(c, &[], d);
    let mut s = format!("{} {ty}", d.quote(&c.name));
    if let Some(d) = &c.server_default {
        s.push_str(&format!(" DEFAULT {d}"));
    }
    if !c.nullable {
        s.push_str(" NOT NULL");
    }
    if let Some(fk) = &c.foreign_key {
        s.push_str(&format!(
            " REFERENCES {} ({})",
            d.quote(&fk.table),
            d.quote(&fk.column)
        ));
    }
    s
}

/// The length `n` of `VARCHAR(n)`-like type text; `None` for none
/// (`TEXT`, `VARCHAR`: unbounded).
fn string_length(decl: &str) -> Option<u64> {
    let inner = decl.split_once('(')?.1.split_once(')')?.0;
    inner.trim().parse().ok()
}

/// A string column's new length on PostgreSQL, which enforces lengths: a
/// longer (or unbounded) one is applied in place (`ALTER COLUMN … TYPE`,
/// no row can be too long for it), a shorter one refused, as rows may be
/// longer than it allows.
fn length_change(m: &Model, c: &Column, had: &str, what: String, d: &'static Dialect) -> Change {
    let wider = match (string_length(had), string_length(&c.ty.ddl())) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(old), Some(new)) => new >= old,
    };
    let alter = format!(
        "ALTER TABLE {} ALTER COLUMN {} TYPE {}",
        d.quote(&m.table),
        d.quote(&c.name),
        column_type_sql(c, &[], d)
    );
    Change {
        kind: ChangeKind::Changed,
        what,
        apply: wider.then_some(alter),
        why_not: (!wider).then(|| {
            "PostgreSQL enforces the length and rows may be longer; shorten it by hand (ALTER TABLE … ALTER COLUMN … TYPE)".into()
        }),
    }
}

/// Whether `d` is PostgreSQL's dialect.
fn is_pg(d: &'static Dialect) -> bool {
    std::ptr::eq(d, &POSTGRESQL)
}

/// The differences between `m` and the table as it is (`rows` in it), the
/// statements in `d`'s SQL.
pub fn diff(m: &Model, t: &TableInfo, rows: i64, d: &'static Dialect) -> Vec<Change> {
    let mut out = Vec::new();
    // A `column_property()` is no column of the table.
    for c in m.columns.iter().filter(|c| c.expression.is_none()) {
        let Some(have) = t
            .columns
            .iter()
            .find(|x| x.name.eq_ignore_ascii_case(&c.name))
        else {
            let def = column_def(c, d);
            let why_not = if c.primary_key {
                Some("a primary-key column cannot be added to an existing table".to_string())
            } else if c.unique && is_pg(d) {
                Some("ormsh's .migrate adds no UNIQUE column; add it without unique=True, then its constraint by hand (ALTER TABLE … ADD UNIQUE)".to_string())
            } else if c.unique {
                Some("SQLite cannot add a UNIQUE column to an existing table; add it without unique=True (an index=True index can follow), or rebuild the table by hand".to_string())
            } else if !c.nullable && c.server_default.is_none() {
                Some(format!(
                    "the {rows} existing row{} would have no value for it: make it nullable or give it a server_default",
                    if rows == 1 { "" } else { "s" }
                ))
            } else {
                None
            };
            out.push(Change {
                kind: ChangeKind::Added,
                what: format!("column {def}"),
                apply: why_not
                    .is_none()
                    .then(|| format!("ALTER TABLE {} ADD COLUMN {def}", d.quote(&m.table))),
                why_not,
            });
            continue;
        };
        let mut changes = Vec::new();
        let had = map_type(&have.decl_type);
        let type_differs = norm(&have.decl_type) != norm(&c.ty.ddl()) && had != c.ty;
        if type_differs
            && had.is_string()
            && c.ty.is_string()
            && !matches!(c.ty, crate::schema::types::ColumnType::Enum(_))
        {
            // Only a length: SQLite stores any text whatever VARCHAR says;
            // PostgreSQL enforces it (`length_change`).
            let what = format!(
                "column {}: type {} → {}",
                c.name,
                have.decl_type,
                c.ty.ddl()
            );
            out.push(match is_pg(d) {
                true => length_change(m, c, &have.decl_type, what, d),
                false => Change {
                    kind: ChangeKind::Changed,
                    what,
                    apply: None,
                    why_not: None,
                },
            });
        } else if type_differs {
            changes.push(format!(
                "type {} → {}",
                if have.decl_type.is_empty() {
                    "(none)"
                } else {
                    &have.decl_type
                },
                c.ty.ddl()
            ));
        }
        if (have.pk > 0) != c.primary_key {
            changes.push(if c.primary_key {
                "now part of the primary key".to_string()
            } else {
                "no longer part of the primary key".to_string()
            });
        } else if !c.primary_key && have.notnull == c.nullable {
            changes.push(if c.nullable {
                "NOT NULL → nullable".to_string()
            } else {
                "nullable → NOT NULL".to_string()
            });
        }
        if !changes.is_empty() {
            out.push(Change {
                kind: ChangeKind::Changed,
                what: format!("column {}: {}", c.name, changes.join(", ")),
                apply: None,
                why_not: Some(if is_pg(d) {
                    "ormsh's .migrate changes no column in place; alter it by hand (ALTER TABLE … ALTER COLUMN …)".into()
                } else {
                    "SQLite cannot change a column in place; rebuild the table by hand: create a new table, copy the rows, rename it".into()
                }),
            });
        }
    }
    for have in &t.columns {
        if !m
            .columns
            .iter()
            .any(|c| c.name.eq_ignore_ascii_case(&have.name))
        {
            out.push(Change {
                kind: ChangeKind::Removed,
                what: format!("column {} {}", d.quote(&have.name), have.decl_type)
                    .trim_end()
                    .to_string(),
                apply: None,
                why_not: None,
            });
        }
    }
    for ix in create_indexes(m) {
        let exists = t.indexes.iter().any(|i| {
            i.name == *ix.name || (i.columns.len() == 1 && *i.columns[0] == *ix.columns[0])
        });
        if !exists {
            out.push(Change {
                kind: ChangeKind::Added,
                what: format!("index {}", ix.name),
                apply: Some(create_index(&ix, d)),
                why_not: None,
            });
        }
    }
    out
}

fn line(c: &Change, model: &str) -> String {
    let sign = match c.kind {
        ChangeKind::Added => '+',
        ChangeKind::Removed => '-',
        ChangeKind::Changed => '~',
    };
    let note = match (&c.kind, &c.apply, &c.why_not) {
        (_, Some(_), _) => format!(".migrate {model} can apply it"),
        (ChangeKind::Removed, _, _) => "not in the model; it stays in the table".into(),
        (ChangeKind::Changed, None, None) => LENGTH_NOTE.into(),
        (_, _, Some(w)) => format!("cannot be migrated: {w}"),
        _ => String::new(),
    };
    format!("  {sign} {} ({note})", c.what)
}

/// Why a string column's new length is left as the table has it (SQLite;
/// on PostgreSQL, which enforces lengths, the change is applied or
/// refused: `length_change`).
const LENGTH_NOTE: &str = "SQLite does not enforce string lengths; left as it is";

impl Interp {
    /// On a (re)definition: warn when the model's table exists with rows
    /// and does not match it.
    pub fn check_against_table(&mut self, m: &Model) {
        let e = &self.session.engine;
        if is_view(e, &m.table) {
            self.store.warnings.push(format!(
                "warning: {} is a view, not a table: model {} reads through it, but writes fail (SQLite refuses them unless INSTEAD OF triggers take them, and even then an UPDATE is StaleDataError, as SQLite counts no rows a trigger changes); write to the tables behind the view",
                e.dialect().quote(&m.table),
                m.name
            ));
            return;
        }
        let Ok(true) = table_exists(e, &m.table) else {
            return;
        };
        let (Ok(rows), Ok(info)) = (row_count(e, &m.table), describe(e, &m.table)) else {
            return;
        };
        if rows == 0 {
            return;
        }
        let d = e.dialect();
        let changes = diff(m, &info, rows, d);
        if changes.is_empty() {
            return;
        }
        let mut text = format!(
            "warning: model {} differs from its table {} ({rows} row{}); db.create_all() leaves existing tables as they are:",
            m.name,
            d.quote(&m.table),
            if rows == 1 { "" } else { "s" }
        );
        for c in &changes {
            text.push('\n');
            text.push_str(&line(c, &m.name));
        }
        self.store.warnings.push(text);
    }

    /// `.migrate Model`: apply the additive changes in one transaction (the
    /// user's, if open, as `create_all` does); refuse, changing nothing,
    /// when any change cannot be applied safely. Returns the lines to show.
    pub fn migrate(&mut self, name: &str) -> Result<Vec<String>> {
        let Some(m) = self.registry.get(name).cloned() else {
            let names: Vec<String> = self
                .registry
                .models()
                .iter()
                .map(|m| m.name.to_string())
                .collect();
            return Err(Error::name(format!(
                "no model named '{name}'{}",
                crate::eval::suggest::did_you_mean(name, names.iter().map(|s| s.as_str()))
            ))
            .with_help("type .models to list the models"));
        };
        let e = &self.session.engine;
        let d = e.dialect();
        if is_view(e, &m.table) {
            return Err(Error::value(format!(
                "{} is a view, not a table: .migrate changes tables only",
                d.quote(&m.table)
            ))
            .with_help("change the view by hand: DROP VIEW and CREATE VIEW with db.session.execute(db.text(...))"));
        }
        if !table_exists(e, &m.table)? {
            return Err(Error::value(format!(
                "table {} does not exist yet; db.create_all() creates it",
                d.quote(&m.table)
            )));
        }
        let rows = row_count(e, &m.table)?;
        let changes = diff(&m, &describe(e, &m.table)?, rows, d);
        let refused: Vec<&Change> = changes.iter().filter(|c| c.why_not.is_some()).collect();
        if !refused.is_empty() {
            let lines: Vec<String> = refused.iter().map(|c| line(c, &m.name)).collect();
            return Err(Error::value(format!(
                "cannot migrate {} safely; nothing was changed:\n{}",
                m.name,
                lines.join("\n")
            ))
            .with_help("change the model so that it only adds nullable or server-defaulted columns and indexes, or migrate by hand with ALTER TABLE"));
        }
        let todo: Vec<&Change> = changes.iter().filter(|c| c.apply.is_some()).collect();
        let mut shown: Vec<String> = Vec::new();
        if changes.is_empty() {
            shown.push(format!(
                "{} already matches table {}; nothing to do",
                m.name,
                d.quote(&m.table)
            ));
        } else if todo.is_empty() {
            // Only what .migrate leaves as it is (listed below).
            shown.push(format!(
                "{} has nothing to apply to table {}",
                m.name,
                d.quote(&m.table)
            ));
        }
        let own_tx = !e.in_transaction();
        e.begin()?;
        let r = (|| {
            for c in &todo {
                e.execute_ddl(c.apply.as_deref().unwrap_or_default())?;
            }
            Ok(())
        })();
        match r {
            Ok(()) if own_tx => e.commit()?,
            Ok(()) => {}
            Err(err) => {
                if own_tx {
                    let _ = e.rollback();
                }
                return Err(err);
            }
        }
        shown.extend(todo.iter().map(|c| match c.kind {
            ChangeKind::Changed => format!("changed {}", c.what),
            _ => format!("added {}", c.what),
        }));
        shown.extend(changes.iter().filter(|c| c.apply.is_none()).map(|c| {
            if c.kind == ChangeKind::Removed {
                format!(
                    "kept {} (not in the model; ormsh never drops columns)",
                    c.what
                )
            } else {
                format!("left {} ({LENGTH_NOTE})", c.what)
            }
        }));
        Ok(shown)
    }
}

/// Whether the database has a view named `name`.
fn is_view(e: &crate::engine::Engine, name: &str) -> bool {
    e.view_names()
        .is_ok_and(|v| v.iter().any(|n| n.eq_ignore_ascii_case(name)))
}
