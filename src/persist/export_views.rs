//! `.export python` of a file's views and triggers, the way a Flask user
//! maps a view: a reflected view's model is written as a model (queries
//! work) marked `__table_args__ = {'info': {'is_view': True}}`, then
//! taken out of the tables `create_all()` makes
//! (`db.metadata.remove(View.__table__)`: made as a table it would be
//! another thing, and a column without a type would not compile); the
//! view itself, and the triggers on the reflected tables and views, are
//! the file's own SQL run by `create_all()` after the tables
//! (`event.listen(db.metadata, 'after_create', DDL('CREATE VIEW IF NOT
//! EXISTS …'))`, `IF NOT EXISTS` so that `create_all()` runs again, as
//! it does for tables; SQLite stores the statement without it), and
//! `drop_all()` drops the views first (`'before_drop'`).
//! A virtual table (an FTS or R*Tree index) is written the same way: its
//! model marked `{'info': {'is_virtual': True}}` and taken out of
//! `create_all()`'s tables (as a plain table it would be an empty table,
//! not an index), its `CREATE VIRTUAL TABLE IF NOT EXISTS …` run after
//! the tables and `DROP TABLE IF EXISTS` before `drop_all()`; the shadow
//! tables where it keeps its data are not written at all (the virtual
//! table makes them).

use std::collections::HashSet;

use crate::schema::model::Model;
use crate::value::repr::str_repr;

/// The file's reflected views and the SQL `create_all()` must run.
pub struct ExportedViews {
    /// Tables (lower case) of reflected models that are views.
    views: HashSet<String>,
    /// Tables (lower case) of reflected models that are virtual tables.
    virtuals: HashSet<String>,
    /// The `remove` and `listen` lines after the classes, if any.
    pub block: Option<String>,
}

impl ExportedViews {
    /// From the file's stored schema (`Engine::stored_schema`, in
    /// creation order) and its reflected models.
    pub fn new(objects: &[[String; 4]], models: &[std::rc::Rc<Model>]) -> ExportedViews {
        let reflected: Vec<&std::rc::Rc<Model>> = models.iter().filter(|m| m.reflected).collect();
        let model_of = |table: &str| {
            (reflected.iter())
                .find(|m| m.table.eq_ignore_ascii_case(table))
                .copied()
        };
        let mut views = HashSet::new();
        let mut virtuals = HashSet::new();
        let mut removes = Vec::new();
        let mut creates = Vec::new();
        let mut drops = Vec::new();
        for [kind, name, table, sql] in objects {
            match kind.as_str() {
                "view" => {
                    let Some(m) = model_of(name) else { continue };
                    views.insert(name.to_lowercase());
                    removes.push(format!("db.metadata.remove({}.__table__)", m.name));
                    creates.push(if_not_exists(sql, "CREATE VIEW "));
                    drops.push(format!("DROP VIEW IF EXISTS {}", quote(name)));
                }
                "table" if is_virtual(sql) => {
                    let Some(m) = model_of(name) else { continue };
                    virtuals.insert(name.to_lowercase());
                    removes.push(format!("db.metadata.remove({}.__table__)", m.name));
                    creates.push(if_not_exists(&virtual_prefix(sql), "CREATE VIRTUAL TABLE "));
                    drops.push(format!("DROP TABLE IF EXISTS {}", quote(name)));
                }
                "trigger" if model_of(table).is_some() => {
                    creates.push(if_not_exists(sql, "CREATE TRIGGER "));
                }
                _ => {}
            }
        }
        let block = (!creates.is_empty()).then(|| {
            let mut out = String::from(
                "# The file's views, virtual tables and triggers: create_all() makes them\n\
                 # from its own SQL after the tables (a view's or a virtual table's model\n\
                 # is not one of its tables), and drop_all() drops them first.\n",
            );
            for r in &removes {
                out.push_str(&format!("{r}\n"));
            }
            for c in &creates {
                out.push_str(&format!(
                    "event.listen(db.metadata, 'after_create', DDL({}))\n",
                    ddl_literal(c)
                ));
            }
            for d in drops.iter().rev() {
                out.push_str(&format!(
                    "event.listen(db.metadata, 'before_drop', DDL({}))\n",
                    ddl_literal(d)
                ));
            }
            out
        });
        ExportedViews {
            views,
            virtuals,
            block,
        }
    }

    /// Is `m` a reflected virtual table's model?
    pub fn is_virtual(&self, m: &Model) -> bool {
        m.reflected && self.virtuals.contains(&m.table.to_lowercase())
    }

    /// Is `m` a reflected view's model?
    pub fn is_view(&self, m: &Model) -> bool {
        m.reflected && self.views.contains(&m.table.to_lowercase())
    }
}

/// The `__table_args__` line of a view's model.
pub const VIEW_TABLE_ARGS: &str = "    __table_args__ = {'info': {'is_view': True}}";

/// The `__table_args__` line of a virtual table's model.
pub const VIRTUAL_TABLE_ARGS: &str = "    __table_args__ = {'info': {'is_virtual': True}}";

/// Is a stored `CREATE …` statement a virtual table's (any case, as
/// SQLite keeps it as written)?
fn is_virtual(sql: &str) -> bool {
    sql.get(..21)
        .is_some_and(|p| p.eq_ignore_ascii_case("CREATE VIRTUAL TABLE "))
}

/// The statement with its `CREATE VIRTUAL TABLE ` in upper case, for
/// `if_not_exists`.
fn virtual_prefix(sql: &str) -> String {
    format!("CREATE VIRTUAL TABLE {}", &sql[21..])
}

/// `CREATE VIEW v …` as `CREATE VIEW IF NOT EXISTS v …` (SQLite stores
/// the statement without the clause, so the file made is the same).
fn if_not_exists(sql: &str, prefix: &str) -> String {
    match sql.strip_prefix(prefix) {
        Some(rest) => format!("{prefix}IF NOT EXISTS {rest}"),
        None => sql.to_string(),
    }
}

/// A statement as the Python string SQLAlchemy's `DDL` takes: `%`
/// written `%%` (DDL formats its statement with `%`).
fn ddl_literal(sql: &str) -> String {
    str_repr(&sql.replace('%', "%%"))
}

/// A name in SQL, quoted when it is not a plain identifier.
fn quote(name: &str) -> String {
    crate::sql::dialect::SQLITE.quote(name).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_are_written_for_create_all_to_run_again() {
        assert_eq!(
            if_not_exists("CREATE VIEW v AS SELECT 1", "CREATE VIEW "),
            "CREATE VIEW IF NOT EXISTS v AS SELECT 1"
        );
        assert_eq!(ddl_literal("SELECT '50%'"), "\"SELECT '50%%'\"");
    }
}
