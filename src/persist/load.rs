//! Loading the definitions stored in `_ormsh_models` when a file opens: a
//! database file is data, never code (issue 11, item 8). Each row is read
//! within limits (`MAX_DEFINITIONS` rows, `declare::MAX_SOURCE_BYTES` per
//! source, `MAX_TOTAL_BYTES` in all, sizes asked of SQLite before any text
//! is read, `MAX_LOAD_STEPS` of evaluation in all), checked as a declaration (`declare`), then run in declaration
//! mode (`eval::pure`) with its output discarded. A row that fails a check
//! or tries an effect is refused and the rest of the file still opens; the
//! refusals are noted in the banner (on stderr for scripts). Ctrl-C stops
//! the loading.

use std::collections::HashSet;
use std::rc::Rc;

use crate::error::{ErrorKind, Result};
use crate::eval::Interp;
use crate::persist::MODELS_TABLE;
use crate::persist::declare::{self, Declaration, MAX_SOURCE_BYTES, is_identifier};
use crate::sql::ast::Param;
use crate::syntax::ast::Stmt;

/// The most stored definitions read from one file.
pub const MAX_DEFINITIONS: usize = 10_000;

/// The most source text read from one file, in bytes.
pub const MAX_TOTAL_BYTES: usize = 16 * 1024 * 1024;

/// The most evaluation steps loading one file's definitions may take in
/// all (each one also has `eval::pure::STEP_BUDGET`).
pub const MAX_LOAD_STEPS: u64 = 2_000_000;

/// One row of `_ormsh_models` as first read: no source text yet.
struct RowInfo {
    rowid: i64,
    /// `model`/`table`, when the row says so in text.
    kind: Option<String>,
    /// The name, when it is a short text.
    name: Option<String>,
    /// The source's size in bytes, when it is text.
    text_len: Option<usize>,
}

/// What a stored definition is called in a note.
fn label(kind: Option<&str>, name: Option<&str>, row: usize) -> String {
    let kind = kind
        .filter(|k| {
            matches!(
                *k,
                "model" | "table" | "import" | "alias" | "enum" | "mixin" | "function" | "metadata"
            )
        })
        .unwrap_or("definition");
    match name {
        Some(n) if is_identifier(n) => format!("the stored {kind} {n}"),
        _ => format!("the stored {kind} in row {} of {MODELS_TABLE}", row + 1),
    }
}

impl Interp {
    /// Run a definition's statement with output discarded, without
    /// recording it, in declaration mode (`src` is the text its spans
    /// point into).
    pub(crate) fn run_declaration(&mut self, src: &str, stmts: &[Stmt]) -> Result<()> {
        let saved_src = std::mem::replace(&mut self.source, Rc::from(src));
        let saved_at = (self.source_file.take(), self.source_line);
        self.source_line = 1;
        let saved_out = std::mem::replace(&mut self.out, Box::new(std::io::sink()));
        let was = std::mem::replace(&mut self.store.loading, true);
        let saved_span = self.store.stmt_span;
        let r = self.declaring(|me| me.run(stmts));
        self.store.stmt_span = saved_span;
        self.store.loading = was;
        self.out = saved_out;
        self.source = saved_src;
        (self.source_file, self.source_line) = saved_at;
        r
    }

    /// Define the stored models and tables again; returns the names of the
    /// models loaded. Refusals go to `store.refused`, failures to the
    /// warnings.
    pub(crate) fn load_stored(&mut self) -> Vec<String> {
        self.store.loaded_sources.clear();
        self.store.app_opened = false;
        let rows = match self.stored_row_infos() {
            Ok(r) => r,
            Err(e) => {
                self.store.warnings.push(format!(
                    "warning: cannot read the stored models: {}",
                    e.message
                ));
                return Vec::new();
            }
        };
        // First pass: read and shape every row, so that names stored later
        // in the file are known to the ones before.
        let mut total = 0usize;
        let mut accepted: Vec<(String, String, String, Declaration)> = Vec::new();
        let mut deps: Vec<(String, String, String, String)> = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let what = label(row.kind.as_deref(), row.name.as_deref(), i);
            if i >= MAX_DEFINITIONS {
                self.store.refused.push(format!(
                    "the file holds more than {MAX_DEFINITIONS} stored definitions; the rest were not read"
                ));
                break;
            }
            if matches!(
                row.kind.as_deref(),
                Some("import" | "alias" | "enum" | "mixin" | "function" | "metadata")
            ) {
                match self.read_row(row, &mut total) {
                    Ok((kind, name, src)) => deps.push((kind, name, src, what)),
                    Err(why) => self
                        .store
                        .refused
                        .push(format!("{what} was not loaded: {why}")),
                }
                continue;
            }
            let r = self
                .read_row(row, &mut total)
                .and_then(|(kind, name, src)| {
                    let d = declare::shape(&kind, &name, &src, &|n| {
                        crate::eval::builtins::lookup(n).is_some()
                    })?;
                    Ok((kind, name, src, d))
                });
            match r {
                Ok(a) => accepted.push(a),
                Err(why) => self
                    .store
                    .refused
                    .push(format!("{what} was not loaded: {why}")),
            }
        }
        let models: HashSet<String> = self
            .registry
            .models()
            .iter()
            .map(|m| m.name.to_string())
            .chain(
                accepted
                    .iter()
                    .filter(|a| a.0 == "model")
                    .map(|a| a.1.clone()),
            )
            .collect();
        let mut known = self.known_names(&models, &accepted);
        known.extend(deps.iter().map(|d| d.1.clone()));
        let bound = self.load_dependencies(&deps, &known);
        // A row refused leaves its name unknown to the definitions after it.
        known.retain(|n| bound.contains(n) || !deps.iter().any(|d| d.1 == *n));
        let mut loaded = Vec::new();
        let start = self.declaration_steps_used();
        for (i, (kind, name, src, d)) in accepted.iter().enumerate() {
            let what = label(Some(kind), Some(name), i);
            if self.declaration_steps_used() - start > MAX_LOAD_STEPS {
                self.store.refused.push(format!(
                    "the stored definitions took more than {MAX_LOAD_STEPS} evaluation steps; {what} and the {} after it were not loaded",
                    accepted.len() - i - 1
                ));
                break;
            }
            if kind == "table" && models.contains(&*d.binds) {
                self.store.refused.push(format!(
                    "{what} was not loaded: its variable {} would hide the model {}",
                    d.binds, d.binds
                ));
                continue;
            }
            if let Err(why) = declare::names(d, &|n| known.contains(n)) {
                self.store
                    .refused
                    .push(format!("{what} was not loaded: {why}"));
                continue;
            }
            match self.run_declaration(src, std::slice::from_ref(&d.stmt)) {
                Ok(()) if kind == "model" => {
                    self.store
                        .loaded_sources
                        .insert(Rc::from(name.as_str()), Rc::from(src.as_str()));
                    loaded.push(name.clone());
                }
                Ok(()) => {}
                Err(e) if e.kind == ErrorKind::Interrupted => {
                    crate::interrupt::clear();
                    self.store.refused.push(format!(
                        "loading the stored definitions was interrupted at {what}; it and the {} after it were not loaded",
                        accepted.len() - i - 1
                    ));
                    break;
                }
                Err(e) if e.kind == ErrorKind::PermissionError => {
                    self.store
                        .refused
                        .push(format!("{what} was not loaded: {}", e.message));
                }
                Err(e) => self.store.warnings.push(format!(
                    "warning: {what} could not be defined again: {}: {}",
                    e.kind.name(),
                    e.message
                )),
            }
        }
        loaded
    }

    /// The names stored definitions may refer to: models (defined or
    /// stored), tables (registered, in the file, bound to variables) and
    /// what the accepted definitions bind.
    fn known_names(
        &self,
        models: &HashSet<String>,
        accepted: &[(String, String, String, Declaration)],
    ) -> HashSet<String> {
        let mut known: HashSet<String> = models.clone();
        known.extend(self.registry.tables().iter().map(|t| t.name.to_string()));
        // The file's tables: reflection maps those still without a model
        // after loading, so `secondary='name'` may name one.
        if let Ok(tables) = crate::persist::introspect::user_tables(&self.session.engine) {
            known.extend(tables.iter().map(|t| t.to_string()));
        }
        known.extend(
            self.global_names()
                .into_iter()
                .filter(|n| {
                    self.get_global(n)
                        .is_some_and(|v| v.is::<crate::schema::table::Table>())
                })
                .map(|n| n.to_string()),
        );
        for (kind, name, _, d) in accepted {
            known.insert(d.binds.to_string());
            if kind == "table" {
                known.insert(name.clone());
            }
        }
        known
    }

    /// The kind, name and source of a row within the limits, or why not.
    fn read_row(
        &mut self,
        row: &RowInfo,
        total: &mut usize,
    ) -> std::result::Result<(String, String, String), String> {
        let (Some(kind), Some(name)) = (&row.kind, &row.name) else {
            return Err("its kind or name is not a short text".into());
        };
        if !is_identifier(name) && kind == "model" {
            return Err("its name is not an identifier".into());
        }
        let Some(len) = row.text_len else {
            return Err("its source is not text".into());
        };
        if len > MAX_SOURCE_BYTES {
            return Err(format!(
                "its source is {len} bytes, more than the {MAX_SOURCE_BYTES} a definition may have"
            ));
        }
        if *total + len > MAX_TOTAL_BYTES {
            return Err(format!(
                "the stored sources read so far come to more than {MAX_TOTAL_BYTES} bytes"
            ));
        }
        *total += len;
        let e = &self.session.engine;
        let sql = if crate::persist::store::is_pg(e) {
            "SELECT source FROM _ormsh_models WHERE position = ?"
        } else {
            "SELECT source FROM _ormsh_models WHERE rowid = ? AND typeof(source) = 'text'"
        };
        let rows = e
            .quiet_query(sql, &[Param::Int(row.rowid)])
            .map_err(|e| format!("its source cannot be read: {}", e.message))?;
        match rows.first().and_then(|r| r.first()) {
            Some(Param::Text(s)) => Ok((kind.clone(), name.clone(), s.to_string())),
            _ => Err("its source is not text".into()),
        }
    }

    /// Each row's kind, name and source size, in load order, without the
    /// sources (at most one row more than `MAX_DEFINITIONS`).
    fn stored_row_infos(&mut self) -> Result<Vec<RowInfo>> {
        let e = &self.session.engine;
        if !crate::persist::store::models_table_exists(e)? {
            return Ok(Vec::new());
        }
        // PostgreSQL's columns hold text only, and it has no rowid: an
        // entry is found again by its position.
        let sql = if crate::persist::store::is_pg(e) {
            "SELECT position::int8, \
               CASE WHEN length(kind) <= 16 THEN kind END, \
               CASE WHEN length(name) <= 256 THEN name END, \
               octet_length(source)::int8 \
             FROM _ormsh_models ORDER BY position LIMIT ?"
        } else {
            "SELECT rowid, \
               CASE WHEN typeof(kind) = 'text' AND length(kind) <= 16 THEN kind END, \
               CASE WHEN typeof(name) = 'text' AND length(name) <= 256 THEN name END, \
               CASE WHEN typeof(source) = 'text' THEN octet_length(source) END \
             FROM _ormsh_models ORDER BY position, rowid LIMIT ?"
        };
        let rows = e.quiet_query(sql, &[Param::Int(MAX_DEFINITIONS as i64 + 1)])?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let text = |p: &Param| match p {
                    Param::Text(t) => Some(t.to_string()),
                    _ => None,
                };
                RowInfo {
                    rowid: match r[0] {
                        Param::Int(i) => i,
                        _ => 0,
                    },
                    kind: text(&r[1]),
                    name: text(&r[2]),
                    text_len: match r[3] {
                        Param::Int(n) if n >= 0 => Some(n as usize),
                        _ => None,
                    },
                }
            })
            .collect())
    }

    /// Where the refusals of the last open go: the banner's notes at the
    /// prompt, warnings on stderr for scripts. A last note says what a
    /// stored definition may do.
    pub fn report_refusals(&mut self, interactive: bool) {
        let refused = std::mem::take(&mut self.store.refused);
        if refused.is_empty() {
            return;
        }
        let mut lines = refused;
        lines.push("stored definitions only declare models and tables: nothing in the file is run (--no-models opens it without them)".into());
        for l in lines {
            if interactive {
                self.store.banner.push(format!("note: {l}"));
            } else {
                self.store.warnings.push(format!("warning: {l}"));
            }
        }
    }
}
