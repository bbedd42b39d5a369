//! The ormsh source the reflection planner writes for one table: a
//! model's column members (types, keys, defaults, single-column unique
//! indexes), a foreign key with its actions, an association table's
//! `db.Table(...)`.

use std::collections::HashMap;

use crate::schema::inflect::{attr_name, snake, unique_name};
use crate::schema::reflect::{ColumnInfo, ForeignKeyInfo, IndexInfo, TableInfo};
use crate::schema::reflect_plan::Target;
use crate::value::repr::str_repr;

/// `var = db.Table('name', db.Column(...), …)` for an association table.
pub(crate) fn association_source(t: &TableInfo, targets: &HashMap<String, Target>) -> String {
    let var = attr_name(&snake(&t.name));
    let mut cols: Vec<String> = Vec::new();
    for c in &t.columns {
        // Association-shaped tables have a foreign key on each column.
        let Some(fk) = t.foreign_keys.iter().find(|f| f.columns[0] == c.name) else {
            continue;
        };
        let target = &targets[&fk.ref_table];
        let refcol = fk.ref_columns[0]
            .clone()
            .or_else(|| target.pk.first().cloned())
            .unwrap_or_default();
        let ty = c.type_source();
        let mut s = format!("db.Column({}", str_repr(&c.name));
        for part in [ty, fk_source(&fk.ref_table, &refcol, fk)] {
            if !part.is_empty() {
                s.push_str(", ");
                s.push_str(&part);
            }
        }
        if c.pk > 0 {
            s.push_str(", primary_key=True");
        } else if c.notnull {
            s.push_str(", nullable=False");
        }
        s.push(')');
        cols.push(s);
    }
    format!(
        "{var} = db.Table({},\n    {})\n",
        str_repr(&t.name),
        cols.join(",\n    ")
    )
}

pub(crate) fn fk_source(table: &str, column: &str, fk: &ForeignKeyInfo) -> String {
    let mut s = format!("db.ForeignKey({}", str_repr(&format!("{table}.{column}")));
    fn action(a: &Option<String>) -> Option<&String> {
        a.as_ref().filter(|a| a.as_str() != "NO ACTION")
    }
    if let Some(a) = action(&fk.on_delete) {
        s.push_str(&format!(", ondelete={}", str_repr(a)));
    }
    if let Some(a) = action(&fk.on_update) {
        s.push_str(&format!(", onupdate={}", str_repr(a)));
    }
    s.push(')');
    s
}

/// The column members of a reflected model: (sources, attribute names,
/// column name → attribute).
pub(crate) fn column_members(
    t: &TableInfo,
    targets: &HashMap<String, Target>,
    notes: &mut Vec<String>,
) -> (Vec<String>, Vec<String>, HashMap<String, String>) {
    let mut lines = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut map = HashMap::new();
    let has_pk = t.columns.iter().any(|c| c.pk > 0);
    if !has_pk && let Some(rowid) = rowid_name(t) {
        lines.push(format!(
            "{rowid} = db.Column('{rowid}', db.Integer, primary_key=True)"
        ));
        names.push(rowid.into());
        map.insert(rowid.to_string(), rowid.to_string());
        notes.push(format!(
            "{}: no primary key; SQLite's rowid is mapped as the primary key{}",
            t.name,
            if rowid == "rowid" {
                String::new()
            } else {
                format!(" ({rowid}: a column is named rowid)")
            }
        ));
    }
    if t.view {
        let key: Vec<&str> = (t.columns.iter())
            .filter(|c| c.pk > 0)
            .map(|c| c.name.as_str())
            .collect();
        notes.push(format!(
            "{}: a view, mapped with the key ({}); SQLite refuses writes to it unless INSTEAD OF triggers take them, and even then an UPDATE is StaleDataError (SQLite counts no rows a trigger changes)",
            t.name,
            key.join(", ")
        ));
    } else if let Some(note) = nullable_key_note(t).filter(|_| t.index_of.is_none()) {
        notes.push(note);
    }
    // SQLite's indexes are the model's by name (`table_args`): only a
    // UNIQUE constraint is said on its column then.
    let single_uniques: Vec<&IndexInfo> = t
        .indexes
        .iter()
        .filter(|i| i.columns.len() == 1 && i.origin != "pk")
        .filter(|i| !t.named_indexes || i.origin == "u")
        .collect();
    if t.named_indexes
        && let Some(line) = table_args(t, targets, notes)
    {
        lines.push(line);
    }
    // A column whose name is an identifier keeps it (README); the names
    // made for the others (`"a b"` → `a_b`) give way to those.
    let kept: Vec<&str> = (t.columns.iter())
        .map(|c| c.name.as_str())
        .filter(|n| attr_name(n) == *n)
        .collect();
    for c in &t.columns {
        let own = attr_name(&c.name);
        let attr = match own == c.name && !names.contains(&own) {
            true => own,
            false => unique_name(&own, |n| names.iter().any(|a| a == n) || kept.contains(&n)),
        };
        let mut args = Vec::new();
        if attr != c.name {
            args.push(str_repr(&c.name));
        }
        args.push(c.type_source());
        args.retain(|a| !a.is_empty());
        if let Some(fk) = t
            .foreign_keys
            .iter()
            .find(|f| f.columns.len() == 1 && f.columns[0] == c.name)
            && let Some(target) = targets.get(&fk.ref_table)
        {
            let refcol = fk.ref_columns[0]
                .clone()
                .or_else(|| target.pk.first().cloned())
                .unwrap_or_default();
            args.push(fk_source(&fk.ref_table, &refcol, fk));
        }
        if let Some((expr, stored)) = &c.generated {
            args.push(format!(
                "db.Computed({}, persisted={})",
                str_repr(expr),
                if *stored { "True" } else { "False" }
            ));
        }
        if c.pk > 0 {
            args.push("primary_key=True".into());
        } else if c.notnull {
            args.push("nullable=False".into());
        }
        let idx: Vec<&&IndexInfo> = single_uniques
            .iter()
            .filter(|i| i.columns[0] == c.name)
            .collect();
        if idx.iter().any(|i| i.unique) {
            args.push("unique=True".into());
        }
        if idx.iter().any(|i| i.origin == "c") {
            args.push("index=True".into());
        }
        if let Some(d) = &c.default {
            args.push(format!("server_default=db.text({})", str_repr(d)));
        }
        lines.push(format!("{attr} = db.Column({})", args.join(", ")));
        map.insert(c.name.clone(), attr.clone());
        names.push(attr);
    }
    for i in t
        .indexes
        .iter()
        .filter(|i| i.columns.len() > 1 && i.origin != "pk" && !t.named_indexes)
    {
        notes.push(format!(
            "{}: the {} on ({}) stays in the database but is not part of the model",
            t.name,
            if i.unique {
                "unique constraint"
            } else {
                "index"
            },
            i.columns.join(", ")
        ));
    }
    (lines, names, map)
}

/// The `__table_args__` of a reflected SQLite table, as SQLAlchemy's
/// reflection fills its `Table`: each index the file made, by its name
/// (`db.Index('ix_a_b', 'a', 'b', unique=True)`, a partial one's
/// `sqlite_where=db.text('…')`; a `DESC` term is its column, and an index
/// on an expression is left out with a note, as SQLAlchemy skips it with
/// a warning), multi-column UNIQUE constraints, composite foreign keys to
/// mapped tables (`db.ForeignKeyConstraint(['a', 'b'], ['t.x', 't.y'])`)
/// and the `WITHOUT ROWID` / `STRICT` options. Columns are named by their
/// names, which are their keys. None when the table needs none.
fn table_args(
    t: &TableInfo,
    targets: &HashMap<String, Target>,
    notes: &mut Vec<String>,
) -> Option<String> {
    let names = |cols: &[String]| -> Vec<String> { cols.iter().map(|c| str_repr(c)).collect() };
    let mut items: Vec<String> = Vec::new();
    for i in &t.indexes {
        match i.origin.as_str() {
            "c" if i.expression => notes.push(format!(
                "{}: the index {} is on an expression: it stays in the database, not in the model's table (SQLAlchemy's reflection skips it too)",
                t.name,
                str_repr(&i.name)
            )),
            "c" => {
                // `unique=` as SQLAlchemy's reflection passes it: the
                // PRAGMA's 0 or 1.
                let mut args = vec![str_repr(&i.name)];
                args.extend(names(&i.columns));
                args.push(format!("unique={}", i.unique as u8));
                if let Some(w) = &i.where_sql {
                    args.push(format!("sqlite_where=db.text({})", str_repr(w)));
                }
                items.push(format!("db.Index({})", args.join(", ")));
            }
            "u" if i.columns.len() > 1 => {
                items.push(format!("db.UniqueConstraint({})", names(&i.columns).join(", ")));
            }
            _ => {}
        }
    }
    for fk in t.foreign_keys.iter().filter(|f| f.columns.len() > 1) {
        let Some(target) = targets.get(&fk.ref_table) else {
            continue;
        };
        let to: Vec<String> = (fk.ref_columns.iter().enumerate())
            .map(|(k, rc)| {
                let col = rc.clone().or_else(|| target.pk.get(k).cloned());
                str_repr(&format!("{}.{}", fk.ref_table, col.unwrap_or_default()))
            })
            .collect();
        let mut s = format!(
            "db.ForeignKeyConstraint([{}], [{}]",
            names(&fk.columns).join(", "),
            to.join(", ")
        );
        for (kw, a) in [("onupdate", &fk.on_update), ("ondelete", &fk.on_delete)] {
            if let Some(a) = a.as_ref().filter(|a| a.as_str() != "NO ACTION") {
                s.push_str(&format!(", {kw}={}", str_repr(a)));
            }
        }
        s.push(')');
        items.push(s);
    }
    let mut options = Vec::new();
    if t.without_rowid && !t.view {
        options.push("'sqlite_with_rowid': False");
    }
    if t.strict {
        options.push("'sqlite_strict': True");
    }
    if !options.is_empty() {
        items.push(format!("{{{}}}", options.join(", ")));
    }
    match &items[..] {
        [] => None,
        [only] if only.starts_with('{') => Some(format!("__table_args__ = {only}")),
        _ => Some(format!("__table_args__ = ({},)", items.join(", "))),
    }
}

/// A note when the table's primary key admits NULLs (SQLite lets a key
/// column other than an `INTEGER PRIMARY KEY` hold NULL unless it is
/// declared NOT NULL or the table is `WITHOUT ROWID`): a row whose key is
/// all NULL loads as None, as in SQLAlchemy.
fn nullable_key_note(t: &TableInfo) -> Option<String> {
    if !key_admits_nulls(t) {
        return None;
    }
    let mut pk: Vec<&ColumnInfo> = t.columns.iter().filter(|c| c.pk > 0).collect();
    pk.sort_by_key(|c| c.pk);
    let names: Vec<&str> = pk.iter().map(|c| c.name.as_str()).collect();
    Some(format!(
        "{}: its primary key ({}) admits NULLs; a row whose key is all NULL loads as None",
        t.name,
        names.join(", ")
    ))
}

/// Does the table's primary key admit NULLs? Not an `INTEGER PRIMARY
/// KEY` (the rowid), not all NOT NULL, not `WITHOUT ROWID`; a view's
/// chosen key is not one SQLite keeps. Rows may then share a key.
pub(crate) fn key_admits_nulls(t: &TableInfo) -> bool {
    let pk: Vec<&ColumnInfo> = t.columns.iter().filter(|c| c.pk > 0).collect();
    let rowid_alias = pk.len() == 1 && pk[0].decl_type.eq_ignore_ascii_case("INTEGER");
    !(t.view || pk.is_empty() || rowid_alias || t.without_rowid || pk.iter().all(|c| c.notnull))
}

/// The name a table without a primary key has its rowid mapped by:
/// `rowid`, else `_rowid_`, else `oid` — the first no column takes
/// (SQLite's names are case-insensitive; a column of that name hides the
/// rowid). None when all three are columns.
pub(crate) fn rowid_name(t: &TableInfo) -> Option<&'static str> {
    ["rowid", "_rowid_", "oid"]
        .into_iter()
        .find(|r| !t.columns.iter().any(|c| c.name.eq_ignore_ascii_case(r)))
}
