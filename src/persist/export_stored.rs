//! `.export sql` for tables reflected from the file: their own SQL text,
//! as sqlite3's `.dump` writes the schema, rather than the DDL their
//! reflected models would compile to. A model's DDL cannot say what
//! SQLAlchemy's `Table` has no word for — `WITHOUT ROWID`, a virtual
//! table's `USING fts5(…)`, a view's `SELECT`, a trigger — so a reflected
//! table is written as the file stores it (`CREATE TABLE …` exactly,
//! `CREATE VIRTUAL TABLE …`), the shadow tables an FTS or R*Tree index
//! keeps its data in are left out (the `CREATE VIRTUAL TABLE` makes
//! them), and after every table come the reflected tables' indexes, the
//! triggers on them and the views, in the order the file made them (as
//! `.dump` orders them). Models typed by hand keep the DDL
//! `create_all()` would run for them. A table no model or `db.Table`
//! maps (made by `.sql CREATE TABLE`, or one ormsh could not map) is
//! written from its stored SQL with its rows, as `.dump` writes it, so
//! the export loses nothing of it.

use std::collections::HashSet;

use crate::eval::Interp;

/// The tables (and views) of reflected models and tables, and apart from
/// them the shadow tables of FTS and R*Tree indexes, lower case: those
/// whose DDL is the file's own SQL, not what their models compile to.
pub fn reflected_tables(me: &Interp) -> (HashSet<String>, HashSet<String>) {
    let mut reflected = HashSet::new();
    let mut shadow = HashSet::new();
    for m in me.registry.models().iter().filter(|m| m.reflected) {
        if me.store.is_index_data(&m.name) {
            shadow.insert(m.table.to_lowercase());
        } else {
            reflected.insert(m.table.to_lowercase());
        }
    }
    for t in me.registry.tables().iter() {
        if me.store.is_reflected_table(&t.name) {
            reflected.insert(t.name.to_lowercase());
        }
    }
    (reflected, shadow)
}

/// The file's stored schema and which of its tables were reflected.
pub struct StoredSchema {
    /// `(type, name, tbl_name, sql)` in creation order.
    objects: Vec<[String; 4]>,
    /// Tables (and views) of reflected models and tables, lower case.
    reflected: HashSet<String>,
    /// Shadow tables of FTS and R*Tree indexes, lower case.
    shadow: HashSet<String>,
    /// Tables and views written from their stored SQL, lower case.
    written: HashSet<String>,
    /// Tables written from their stored SQL (reflected and unmapped).
    pub tables: usize,
    /// Of those, the tables no model or `db.Table` maps (with their rows).
    pub unmapped: usize,
    /// Views written.
    pub views: usize,
}

impl StoredSchema {
    /// What the open file stores (nothing on PostgreSQL or when the
    /// catalog cannot be read: then every table is written from its model).
    pub fn read(me: &Interp) -> StoredSchema {
        let objects = me.session.engine.stored_schema().unwrap_or_default();
        let (reflected, shadow) = reflected_tables(me);
        StoredSchema {
            objects,
            reflected,
            shadow,
            written: HashSet::new(),
            tables: 0,
            unmapped: 0,
            views: 0,
        }
    }

    /// Write `table` as the file stores it, if it is reflected: `true`
    /// when that is done (or deferred, for a view, or not needed, for a
    /// shadow table), `false` when its model's DDL should be written.
    pub fn write_table(&mut self, table: &str, out: &mut String) -> bool {
        let lower = table.to_lowercase();
        if self.shadow.contains(&lower) && self.has_virtual_table() {
            return true;
        }
        if !self.reflected.contains(&lower) {
            return false;
        }
        let Some([kind, _, _, sql]) = self
            .objects
            .iter()
            .find(|[k, n, _, _]| (k == "table" || k == "view") && n.to_lowercase() == lower)
        else {
            return false;
        };
        if kind == "table" {
            out.push_str(sql);
            out.push_str(";\n\n");
            self.tables += 1;
        }
        self.written.insert(lower);
        true
    }

    fn has_virtual_table(&self) -> bool {
        (self.objects.iter()).any(|[k, _, _, sql]| k == "table" && is_virtual(sql))
    }

    /// The tables of the file that nothing in `planned` (the tables of
    /// the models and `db.Table`s, lower case) maps and that were not
    /// written: their stored SQL and an `INSERT` per row, in the order
    /// the file made them. SQLite's own tables, ormsh's `_ormsh_models`
    /// and the shadow tables of an FTS or R*Tree index (its `CREATE
    /// VIRTUAL TABLE` makes them) are left out; a virtual table has no
    /// rows of its own to write.
    pub fn write_unmapped(
        &mut self,
        engine: &crate::engine::Engine,
        planned: &HashSet<String>,
        out: &mut String,
    ) {
        let vtabs: Vec<String> = (self.objects.iter())
            .filter(|[k, _, _, sql]| k == "table" && is_virtual(sql))
            .map(|[_, n, _, _]| n.to_lowercase())
            .collect();
        let mut unmapped: Vec<(String, String)> = Vec::new();
        for [kind, name, _, sql] in &self.objects {
            let lower = name.to_lowercase();
            let shadow = vtabs
                .iter()
                .any(|v| lower.len() > v.len() + 1 && lower.starts_with(&format!("{v}_")));
            if kind != "table"
                || lower.starts_with("sqlite_")
                || lower == crate::persist::MODELS_TABLE
                || planned.contains(&lower)
                || self.written.contains(&lower)
                || self.reflected.contains(&lower)
                || self.shadow.contains(&lower)
                || shadow
            {
                continue;
            }
            unmapped.push((name.clone(), sql.clone()));
        }
        for (name, sql) in unmapped {
            out.push_str(&sql);
            out.push_str(";\n");
            if !is_virtual(&sql) {
                // The rows as `.dump` writes them; a table SQLite cannot
                // read is written without them.
                for line in crate::dot::dump::inserts(engine, &name).unwrap_or_default() {
                    out.push_str(&line);
                    out.push('\n');
                }
            }
            out.push('\n');
            self.written.insert(name.to_lowercase());
            self.tables += 1;
            self.unmapped += 1;
        }
    }

    /// After the tables: the indexes and triggers of the tables written
    /// from the file, and its views, in the order the file made them.
    pub fn write_views_and_triggers(&mut self, out: &mut String) {
        for [kind, name, table, sql] in &self.objects {
            let ours = match kind.as_str() {
                "index" | "trigger" => self.written.contains(&table.to_lowercase()),
                "view" => self.written.contains(&name.to_lowercase()),
                _ => false,
            };
            if ours {
                out.push_str(sql);
                out.push_str(";\n\n");
                self.views += usize::from(kind == "view");
            }
        }
    }
}

/// Is `sql` a `CREATE VIRTUAL TABLE`?
fn is_virtual(sql: &str) -> bool {
    sql.get(..20)
        .is_some_and(|h| h.eq_ignore_ascii_case("CREATE VIRTUAL TABLE"))
}
