//! What the database says about its tables, as plain data
//! (`schema::reflect::TableInfo`): `sqlite_master`, `PRAGMA table_info`,
//! `foreign_key_list`, `index_list` and `index_info`, read through the
//! engine's quiet queries (never echoed); PostgreSQL's `pg_catalog` in
//! `introspect_pg`.

use std::rc::Rc;

use crate::engine::{DialectName, Engine};
use crate::error::Result;
use crate::persist::MODELS_TABLE;
use crate::schema::reflect::{ColumnInfo, ForeignKeyInfo, IndexInfo, TableInfo};
use crate::sql::ast::Param;

fn text(p: &Param) -> Option<String> {
    match p {
        Param::Text(t) => Some(t.to_string()),
        Param::Int(i) => Some(i.to_string()),
        Param::Real(f) => Some(f.to_string()),
        _ => None,
    }
}

/// The database is PostgreSQL (its catalog is `introspect_pg`).
fn is_pg(e: &Engine) -> bool {
    e.dialect_name() == DialectName::Postgresql
}

fn int(p: &Param) -> i64 {
    match p {
        Param::Int(i) => *i,
        _ => 0,
    }
}

/// An identifier always in double quotes, for tool-internal SQL.
pub fn dq(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The user's tables (not SQLite's, not `_ormsh_models`), by name; the
/// shadow tables where an FTS or R*Tree index keeps its data among them,
/// as SQLAlchemy's reflection lists them.
pub fn user_tables(e: &Engine) -> Result<Vec<String>> {
    if is_pg(e) {
        return e.table_names();
    }
    let rows = e.quiet_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> ? ORDER BY name",
        &[Param::Text(Rc::from(MODELS_TABLE))],
    )?;
    Ok(rows.iter().filter_map(|r| text(&r[0])).collect())
}

/// SQLite's `table_list` of the main schema, read once: each table's
/// kind (`table`, `view`, `shadow`, `virtual`) and whether it is `WITHOUT
/// ROWID`, by lower-case name. Reflecting a file reads it once for all its
/// tables (asking per table scans the whole list each time: time
/// quadratic in the number of tables).
pub struct Catalog {
    /// By lower-case name: (type, WITHOUT ROWID, STRICT).
    kinds: std::collections::HashMap<String, (String, bool, bool)>,
    virtuals: Vec<String>,
}

impl Catalog {
    /// The main schema's `table_list`.
    pub fn read(e: &Engine) -> Result<Catalog> {
        let mut kinds = std::collections::HashMap::new();
        let mut virtuals = Vec::new();
        for r in e.quiet_query(
            "SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = 'main'",
            &[],
        )? {
            let name = text(&r[0]).unwrap_or_default();
            let kind = text(&r[1]).unwrap_or_default();
            if kind == "virtual" {
                virtuals.push(name.clone());
            }
            kinds.insert(
                name.to_lowercase(),
                (kind, int(&r[2]) != 0, int(&r[3]) != 0),
            );
        }
        Ok(Catalog { kinds, virtuals })
    }

    /// [`Catalog::read`] on SQLite; None on PostgreSQL, which has no
    /// `table_list` (`introspect_pg` reads its own catalog).
    pub fn of_sqlite(e: &Engine) -> Result<Option<Catalog>> {
        match is_pg(e) {
            true => Ok(None),
            false => Catalog::read(e).map(Some),
        }
    }

    fn kind(&self, table: &str) -> Option<&(String, bool, bool)> {
        self.kinds.get(&table.to_lowercase())
    }

    /// The virtual table (an FTS or R*Tree index) whose data the shadow
    /// table `table` holds (`x_data`, `x_content`… of `x`, `x_node`… of
    /// an R*Tree): the longest virtual table name that `table` starts
    /// with, then `_`. None for any table `table_list` does not call
    /// `shadow`.
    pub fn index_of(&self, table: &str) -> Option<String> {
        if self.kind(table).map(|k| k.0.as_str()) != Some("shadow") {
            return None;
        }
        (self.virtuals.iter())
            .filter(|v| table.len() > v.len() + 1 && table.starts_with(&format!("{v}_")))
            .max_by_key(|v| v.len())
            .cloned()
    }
}

/// The user's views, by name.
pub fn user_views(e: &Engine) -> Result<Vec<String>> {
    e.view_names()
}

/// A table or a view of that name exists.
pub fn table_exists(e: &Engine, name: &str) -> Result<bool> {
    if is_pg(e) {
        return Ok(e
            .table_names()?
            .iter()
            .chain(&e.view_names()?)
            .any(|t| t == name));
    }
    Ok(!e
        .quiet_query(
            "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?",
            &[Param::Text(Rc::from(name))],
        )?
        .is_empty())
}

pub fn row_count(e: &Engine, table: &str) -> Result<i64> {
    let rows = e.quiet_query(&format!("SELECT count(*) FROM {}", dq(table)), &[])?;
    Ok(rows.first().map_or(0, |r| int(&r[0])))
}

/// Everything reflection needs to know about one table.
pub fn describe(e: &Engine, table: &str) -> Result<TableInfo> {
    if is_pg(e) {
        return crate::persist::introspect_pg::describe(e, table);
    }
    describe_in(e, table, &Catalog::read(e)?)
}

/// [`describe`] with the file's `table_list` read once (`Catalog::read`),
/// for a file's tables one after another.
pub fn describe_in(e: &Engine, table: &str, catalog: &Catalog) -> Result<TableInfo> {
    if is_pg(e) {
        return crate::persist::introspect_pg::describe(e, table);
    }
    let name = [Param::Text(Rc::from(table))];
    // `table_xinfo` shows generated columns (hidden 2 virtual, 3 stored),
    // which `table_info` leaves out; hidden 1 is a virtual table's own.
    let mut sql: Option<String> = None;
    let mut columns: Vec<ColumnInfo> = Vec::new();
    for r in e.quiet_query(
        "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?) WHERE hidden <> 1 ORDER BY cid",
        &name,
    )? {
        let name = text(&r[0]).unwrap_or_default();
        let hidden = int(&r[5]);
        let mut decl_type = text(&r[1]).unwrap_or_default();
        let generated = if hidden >= 2 {
            let sql = sql.get_or_insert_with(|| table_sql(e, table).unwrap_or_default());
            decl_type = crate::schema::reflect_generated::strip_generated(&decl_type);
            let expr = crate::schema::reflect_generated::generated_expr(sql, &name);
            Some((expr.unwrap_or_default(), hidden == 3))
        } else {
            None
        };
        columns.push(ColumnInfo {
            name,
            decl_type,
            notnull: int(&r[2]) != 0,
            default: text(&r[3]),
            pk: int(&r[4]) as u32,
            generated,
            type_source: None,
        });
    }
    let mut foreign_keys: Vec<ForeignKeyInfo> = Vec::new();
    let mut last_id = -1;
    for r in e.quiet_query(
        "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq",
        &name,
    )? {
        let id = int(&r[0]);
        if id != last_id {
            last_id = id;
            foreign_keys.push(ForeignKeyInfo {
                ref_table: text(&r[1]).unwrap_or_default(),
                on_update: text(&r[4]),
                on_delete: text(&r[5]),
                ..Default::default()
            });
        }
        let fk = foreign_keys.last_mut().expect("pushed above");
        fk.columns.push(text(&r[2]).unwrap_or_default());
        fk.ref_columns.push(text(&r[3]));
    }
    // `index_xinfo`'s key columns: a NULL name is an expression term
    // (SQLAlchemy's reflection skips such an index); a partial index's
    // WHERE is read from its stored SQL, as SQLAlchemy reads it.
    let mut indexes = Vec::new();
    for r in e.quiet_query(
        "SELECT l.name, l.\"unique\", l.origin, l.partial, m.sql FROM pragma_index_list(?) AS l \
         LEFT JOIN sqlite_master AS m ON m.type = 'index' AND m.name = l.name ORDER BY l.seq DESC",
        &name,
    )? {
        let iname = text(&r[0]).unwrap_or_default();
        let terms = e.quiet_query(
            "SELECT name FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno",
            &[Param::Text(Rc::from(iname.as_str()))],
        )?;
        let expression = terms.iter().any(|c| text(&c[0]).is_none());
        let where_sql = (int(&r[3]) != 0)
            .then(|| text(&r[4]))
            .flatten()
            .and_then(|sql| crate::persist::export_table_args::index_terms(&sql))
            .and_then(|(_, w)| w);
        indexes.push(IndexInfo {
            name: iname,
            unique: int(&r[1]) != 0,
            origin: text(&r[2]).unwrap_or_default(),
            columns: terms.iter().filter_map(|c| text(&c[0])).collect(),
            expression,
            where_sql,
        });
    }
    let kind = catalog.kind(table);
    let view = kind.is_some_and(|k| k.0 == "view");
    let mut columns: Vec<ColumnInfo> = columns;
    if view {
        crate::schema::reflect::view_key(&mut columns);
    }
    let without_rowid = kind.is_some_and(|k| k.1);
    let strict = kind.is_some_and(|k| k.2);
    Ok(TableInfo {
        name: table.to_string(),
        columns,
        foreign_keys,
        indexes,
        without_rowid,
        strict,
        named_indexes: true,
        view,
        index_of: catalog.index_of(table),
    })
}

/// The CREATE statement of a table, as `sqlite_master` keeps it.
fn table_sql(e: &Engine, table: &str) -> Result<String> {
    let rows = e.quiet_query(
        "SELECT sql FROM sqlite_master WHERE name = ?",
        &[Param::Text(Rc::from(table))],
    )?;
    Ok(rows.first().and_then(|r| text(&r[0])).unwrap_or_default())
}
