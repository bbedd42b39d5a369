//! Tool-internal access to the database: the catalog reads behind
//! `.tables` and `.schema`, and the statements ormsh runs for itself
//! (`PRAGMA`s, `sqlite_master`, `_ormsh_models`, reflection) — never
//! echoed, never counted as the session's work.

use super::errors::map_err;
use super::{Engine, param_of};
use crate::error::Result;
use crate::sql::ast::Param;

impl Engine {
    /// The first column of each row of `sql` as text (rows whose first
    /// value is not text are skipped): the shape of every catalog
    /// question that answers with names.
    pub fn names(&self, sql: &str, params: &[Param]) -> Result<Vec<String>> {
        let rows = self.quiet_query(sql, params)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| match r.into_iter().next() {
                Some(Param::Text(t)) => Some(t.to_string()),
                _ => None,
            })
            .collect())
    }

    /// Names of the user tables in the database.
    pub fn table_names(&self) -> Result<Vec<String>> {
        if self.pg().is_some() {
            return self.pg_relation_names("BASE TABLE");
        }
        self.names("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> '_ormsh_models' ORDER BY name", &[])
    }

    /// Names of the views in the database.
    pub fn view_names(&self) -> Result<Vec<String>> {
        if self.pg().is_some() {
            return self.pg_relation_names("VIEW");
        }
        self.names(
            "SELECT name FROM sqlite_master WHERE type='view' ORDER BY name",
            &[],
        )
    }

    /// The triggers whose SQL names `table` as a word (any case): their
    /// names and the tables they are on. None on PostgreSQL.
    pub fn triggers_naming(&self, table: &str) -> Result<Vec<(String, String)>> {
        if self.pg().is_some() {
            return Ok(Vec::new());
        }
        let rows = self.quiet_query(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type='trigger' ORDER BY name",
            &[],
        )?;
        let text = |p: &Param| match p {
            Param::Text(t) => t.to_string(),
            _ => String::new(),
        };
        let word = table.to_lowercase();
        Ok(rows
            .iter()
            .filter(|r| names_word(&text(&r[2]).to_lowercase(), &word))
            .map(|r| (text(&r[0]), text(&r[1])))
            .collect())
    }

    /// PostgreSQL's tables (`BASE TABLE`) or views (`VIEW`) in the schemas
    /// on the search path, as SQLAlchemy's `get_table_names` lists them.
    fn pg_relation_names(&self, kind: &str) -> Result<Vec<String>> {
        self.names(
            "SELECT table_name::text FROM information_schema.tables WHERE table_type = ? AND table_schema = current_schema() AND table_name <> '_ormsh_models' ORDER BY table_name",
            &[Param::Text(kind.into())],
        )
    }

    /// The indexes of the database (`.indexes`), by name, of the tables
    /// whose name is LIKE `table` when given: SQLite's `sqlite_master`
    /// (its own `sqlite_autoindex_…` of UNIQUE and PRIMARY KEY included),
    /// PostgreSQL's `pg_indexes` of the current schema (the `_pkey` and
    /// `_key` indexes of its constraints included), in bytewise order.
    pub fn index_names(&self, table: Option<&str>) -> Result<Vec<String>> {
        let params: Vec<Param> = table.map(|t| Param::Text(t.into())).into_iter().collect();
        let sql = if self.pg().is_some() {
            format!(
                "SELECT indexname::text FROM pg_indexes WHERE schemaname = current_schema() \
                 AND tablename <> '_ormsh_models'{} ORDER BY indexname COLLATE \"C\"",
                if table.is_some() {
                    " AND tablename LIKE ?"
                } else {
                    ""
                }
            )
        } else {
            format!(
                "SELECT name FROM sqlite_master WHERE type = 'index' \
                 AND tbl_name <> '_ormsh_models'{} ORDER BY name",
                if table.is_some() {
                    " AND tbl_name LIKE ?"
                } else {
                    ""
                }
            )
        };
        self.names(&sql, &params)
    }

    /// What sqlite3's `.schema` lists: every object the file stores with
    /// its own SQL text — SQLite's own tables (`sqlite_sequence`,
    /// `sqlite_stat1`) too, not `_ormsh_models` — in creation order, as
    /// `(type, name, tbl_name, sql)`. A PostgreSQL database keeps no
    /// CREATE text: its tables, views and indexes as the server's own
    /// definitions write them (`pg_schema`), each kind read from its text.
    pub fn schema_sql(&self) -> Result<Vec<[String; 4]>> {
        if self.pg().is_some() {
            let kind = |sql: &str| match sql.split_whitespace().nth(1) {
                Some("INDEX" | "UNIQUE") => "index",
                Some("VIEW" | "MATERIALIZED") => "view",
                _ => "table",
            };
            return Ok((self.pg_schema_sql()?.into_iter())
                .map(|(t, sql)| [kind(&sql).to_string(), t.clone(), t, sql])
                .collect());
        }
        let rows = self.quiet_query("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name <> '_ormsh_models' ORDER BY rowid", &[])?;
        Ok(rows
            .into_iter()
            .filter_map(|r| match (&r[0], &r[1], &r[2], &r[3]) {
                (Param::Text(k), Param::Text(n), Param::Text(t), Param::Text(s)) => {
                    Some([k.to_string(), n.to_string(), t.to_string(), s.to_string()])
                }
                _ => None,
            })
            .collect())
    }

    /// Every table, index, view and trigger the file stores with its own
    /// SQL text, in creation order: `(type, name, tbl_name, sql)` (what
    /// sqlite3's `.dump` writes the schema from). None on PostgreSQL.
    pub fn stored_schema(&self) -> Result<Vec<[String; 4]>> {
        if self.pg().is_some() {
            return Ok(Vec::new());
        }
        let rows = self.quiet_query("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND tbl_name <> '_ormsh_models' ORDER BY rowid", &[])?;
        Ok(rows
            .into_iter()
            .filter_map(|r| match (&r[0], &r[1], &r[2], &r[3]) {
                (Param::Text(k), Param::Text(n), Param::Text(t), Param::Text(s)) => {
                    Some([k.to_string(), n.to_string(), t.to_string(), s.to_string()])
                }
                _ => None,
            })
            .collect())
    }

    /// How many rows the statements of this connection have inserted,
    /// changed or deleted since it opened (`sqlite3_total_changes`, what
    /// sqlite3's `.changes` reports).
    pub fn total_changes(&self) -> u64 {
        self.write_mark().0
    }

    /// The database software and its version, for the banner: `SQLite
    /// 3.46.0`, or the server's `PostgreSQL 15.14 (Debian …)` (its
    /// `server_version` setting; the bare name when it cannot be read).
    pub fn server_version(&self) -> String {
        if self.pg().is_none() {
            return format!("SQLite {}", Engine::sqlite_version());
        }
        let rows = self.quiet_query("SELECT current_setting('server_version')", &[]);
        match rows
            .ok()
            .as_ref()
            .and_then(|r| r.first())
            .and_then(|r| r.first())
        {
            Some(Param::Text(v)) => format!("PostgreSQL {v}"),
            _ => "PostgreSQL".into(),
        }
    }

    /// Rows of a tool-internal query (`PRAGMA`, `sqlite_master`,
    /// `_ormsh_models`): not echoed, not counted.
    pub fn quiet_query(&self, sql: &str, params: &[Param]) -> Result<Vec<Vec<Param>>> {
        if let Some(pg) = self.pg() {
            let mut out = Vec::new();
            pg.query(sql, params, |row| {
                out.push(row.to_vec());
                Ok(true)
            })?;
            return Ok(out);
        }
        let mut stmt = self.sqlite(sql)?.prepare(sql).map_err(map_err)?;
        for (i, p) in params.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, p).map_err(map_err)?;
        }
        let n = stmt.column_count();
        let mut rows = stmt.raw_query();
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(map_err)? {
            let mut r = Vec::with_capacity(n);
            for i in 0..n {
                r.push(param_of(row.get_ref(i).map_err(map_err)?));
            }
            out.push(r);
        }
        Ok(out)
    }

    /// Run a tool-internal statement: not echoed, not counted, and it does
    /// not change what `in_transaction` says.
    pub fn quiet_execute(&self, sql: &str, params: &[Param]) -> Result<usize> {
        if let Some(pg) = self.pg() {
            return pg.execute(sql, params);
        }
        let mut stmt = self.sqlite(sql)?.prepare(sql).map_err(map_err)?;
        for (i, p) in params.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, p).map_err(map_err)?;
        }
        stmt.raw_execute().map_err(map_err)
    }
}

/// Whether `word` occurs in `sql` as a whole word (not inside a longer
/// identifier).
fn names_word(sql: &str, word: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    sql.match_indices(word)
        .any(|(i, _)| !sql[..i].ends_with(ident) && !sql[i + word.len()..].starts_with(ident))
}

/// Does `sql` end a complete SQL statement as SQLite reads it (its own
/// `sqlite3_complete`: a `;` outside strings and comments)? What
/// sqlite3's `.schema` asks to place the `;` after a comment.
pub fn sql_complete(sql: &str) -> bool {
    let Ok(text) = std::ffi::CString::new(sql) else {
        return false;
    };
    // SAFETY: reads the NUL-terminated string, which outlives the call.
    unsafe { rusqlite::ffi::sqlite3_complete(text.as_ptr()) != 0 }
}
