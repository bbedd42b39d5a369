//! Recording definitions in `_ormsh_models` and reading them back: the
//! hooks the interpreter calls when a model or `db.Table` is defined, the
//! write-behind that never writes inside the user's open transaction, and
//! the flush at exit.

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::persist::{Entry, MODELS_TABLE};
use crate::schema::model::Model;
use crate::schema::table::Table;
use crate::sql::ast::Param;

const CREATE: &str = "CREATE TABLE IF NOT EXISTS _ormsh_models (\n\tkind TEXT NOT NULL, \n\tname TEXT NOT NULL, \n\tsource TEXT NOT NULL, \n\tposition INTEGER NOT NULL, \n\tPRIMARY KEY (kind, name)\n)";

/// A stored definition: (kind, name, source), in position order.
pub type Stored = (String, String, String);

impl Interp {
    /// Called by `define_model` once the model is registered.
    pub fn model_defined(&mut self, m: &Rc<Model>) {
        if self.store.loading {
            return;
        }
        self.store.reflected.retain(|n| *n != m.name);
        // A model named as one of ormsh's functions (`func`): the file
        // would refuse it when reopened (`declare::may_shadow`), so it is
        // not stored, and the note says so now.
        if crate::eval::builtins::lookup(&m.name).is_some()
            && !crate::persist::declare::may_shadow(&m.name)
        {
            if !self.store_enabled() {
                return;
            }
            self.store.warnings.push(format!(
                "note: the model {0} hides the built-in {0} in this session and is not stored in the database: a stored model may take the name of a type or schema class (Interval, Text) but not of one of ormsh's functions; name the class otherwise to keep it",
                m.name
            ));
            return;
        }
        self.note_stored_differs(m);
        self.check_against_table(m);
        self.record_dependencies(&m.source.clone());
        self.record_naming(&m.args);
        self.record(Entry {
            kind: "model",
            name: m.name.clone(),
            source: m.source.clone(),
        });
        self.note_unstorable_model(m);
    }

    /// Called by `db.Table(...)` once the table is registered. The source
    /// is the whole top-level statement (`tags = db.Table(...)`), so that
    /// running it again binds the same name; a table made inside a model
    /// block is stored with that model instead.
    pub fn table_defined(&mut self, t: &Rc<Table>) {
        let span = self.store.stmt_span;
        let Some(text) = self.source.get(span.range()) else {
            return;
        };
        // A table made inside a model block (`model X < … >`), not a
        // variable whose name begins with "model" (`model_tags = …`).
        let in_block = (text.trim_start().strip_prefix("model")).is_some_and(|rest| {
            rest.starts_with([' ', '\t'])
                && (rest.trim_start_matches([' ', '\t']))
                    .starts_with(|c: char| c.is_alphabetic() || c == '_')
        });
        if in_block || text.trim().is_empty() {
            return;
        }
        let source: Rc<str> = Rc::from(text);
        self.store
            .table_sources
            .insert(t.name.clone(), source.clone());
        if self.store.loading {
            return;
        }
        self.store.reflected_tables.retain(|n| *n != t.name);
        self.record_dependencies(&source.clone());
        self.record_naming(&t.args);
        self.record(Entry {
            kind: "table",
            name: t.name.clone(),
            source,
        });
    }

    /// A model the file a Flask app's configuration opened stored, defined
    /// again: nothing when the source is the stored one (a quick start run
    /// again), else one line saying which definition the file keeps.
    fn note_stored_differs(&mut self, m: &Model) {
        let Some(old) = self.store.loaded_sources.remove(&m.name) else {
            return;
        };
        if !self.store.app_opened || old.trim() == m.source.trim() {
            return;
        }
        let keeps = if self.store_enabled() {
            "this definition replaces it there"
        } else {
            "the file keeps its own (it is not writable)"
        };
        self.store.warnings.push(format!(
            "note: model {} differs from the definition stored in the database; {keeps}",
            m.name
        ));
    }

    /// Record an import or enum row a definition needs (`persist::deps`).
    /// The naming convention a table was defined under, stored once as
    /// the row (`metadata`, `naming_convention`) before the definitions
    /// (`persist::metadata_row`).
    fn record_naming(&mut self, args: &crate::schema::constraint::TableArgs) {
        let Some(conv) = &args.naming else { return };
        let source: Rc<str> = Rc::from(conv.source());
        let same = (self.store.pending.iter()).any(|e| e.kind == "metadata" && e.source == source);
        if !same {
            self.record(Entry {
                kind: "metadata",
                name: Rc::from(crate::persist::metadata_row::NAME),
                source,
            });
        }
    }

    pub(super) fn record_dependency(&mut self, e: Entry) {
        self.record(e);
    }

    fn record(&mut self, e: Entry) {
        self.store
            .pending
            .retain(|p| !(p.kind == e.kind && p.name == e.name));
        self.store.pending.push(e);
        self.store.armed = true;
        self.store.blocked_at = None;
        self.store_sync();
    }

    /// A file written to; under `--sandbox` only while the sandbox is
    /// open (the definitions are rolled back with it, never saved at exit).
    /// Are definitions stored in the database file?
    pub(crate) fn store_is_file(&self) -> bool {
        self.store_enabled()
    }

    fn store_enabled(&self) -> bool {
        let e = &self.session.engine;
        (e.is_file() || is_pg(e)) && !e.is_readonly() && (!e.was_sandbox() || e.is_sandbox())
    }

    /// Write what is pending in a transaction of its own, unless the
    /// user's transaction is open (then it waits for the next call: after
    /// each chunk, or at exit). The transaction takes the write lock at
    /// once, waiting for it up to the busy timeout (`--busy-timeout`).
    /// A failure keeps the definitions pending and warns; they are tried
    /// again with the next definition, after the user's next commit, and
    /// at exit.
    pub fn store_sync(&mut self) {
        if self.store.pending.is_empty()
            || !self.store.armed
            || !self.store_enabled()
            || self.session.engine.in_transaction()
            || self.store.blocked_at == Some(self.session.engine.commits())
            || self.store_waits()
        {
            return;
        }
        match self.store_write() {
            Ok(()) => {
                self.store.pending.clear();
                self.store.blocked_at = None;
            }
            Err(err) => {
                self.store.blocked_at = Some(self.session.engine.commits());
                self.store.warnings.push(format!(
                    "warning: {} not saved in {MODELS_TABLE} yet: {}\nhelp: ormsh tries again after your next commit, with the next definition, and at exit",
                    self.pending_names(),
                    err.message
                ));
            }
        }
    }

    /// One transaction writing every pending entry; under `--sandbox` a
    /// savepoint inside the sandbox's transaction (rolled back with it).
    fn store_write(&self) -> Result<()> {
        let e = &self.session.engine;
        e.close_snapshot();
        let (begin, commit, rollback): (&str, &str, &[&str]) = if e.is_sandbox() {
            (
                "SAVEPOINT ormsh_store",
                "RELEASE ormsh_store",
                &["ROLLBACK TO ormsh_store", "RELEASE ormsh_store"],
            )
        } else {
            // PostgreSQL locks the rows as it writes them.
            let begin = if is_pg(e) { "BEGIN" } else { "BEGIN IMMEDIATE" };
            (begin, "COMMIT", &["ROLLBACK"])
        };
        let undo = || {
            for sql in rollback {
                let _ = e.quiet_execute(sql, &[]);
            }
        };
        e.quiet_execute(begin, &[])?;
        match write_entries(e, &self.store.pending) {
            Ok(()) => e
                .quiet_execute(commit, &[])
                .map(|_| ())
                .inspect_err(|_| undo()),
            Err(err) => {
                undo();
                Err(err)
            }
        }
    }

    /// `the definition of model User`, `the definitions of model User, table tags`.
    fn pending_names(&self) -> String {
        let names: Vec<String> = self
            .store
            .pending
            .iter()
            .map(|e| format!("{} {}", e.kind, e.name))
            .collect();
        format!(
            "the definition{} of {} {}",
            if names.len() == 1 { "" } else { "s" },
            names.join(", "),
            if names.len() == 1 { "was" } else { "were" }
        )
    }

    /// The database was created by this run (`on`): store definitions
    /// only once it holds a table (`Store::wait_for_table`).
    pub fn store_wait_for_table(&mut self, on: bool) {
        self.store.wait_for_table = on;
    }

    /// Do definitions still wait for the new file's first table? Once it
    /// has one (or a view), they never wait again.
    fn store_waits(&mut self) -> bool {
        if !self.store.wait_for_table {
            return false;
        }
        let e = &self.session.engine;
        let made = e.table_names().map_or(true, |t| !t.is_empty())
            || e.view_names().is_ok_and(|v| !v.is_empty());
        if made {
            self.store.wait_for_table = false;
        }
        !made
    }

    /// Inside `create_all`'s transaction: write what is pending there, so
    /// the new tables and their models are committed together.
    pub fn store_write_in_tx(&mut self, own_tx: bool) -> Result<()> {
        if !self.store_enabled() || self.store.pending.is_empty() {
            return Ok(());
        }
        self.store.armed = true;
        write_entries(&self.session.engine, &self.store.pending)?;
        if own_tx {
            // Committed with the DDL right after; otherwise the user's
            // transaction may still roll back, so the next sync repeats it.
            self.store.pending.clear();
        }
        Ok(())
    }

    /// Queue every definition made so far that the file does not hold
    /// already (after `.open`: models defined so far stay defined and are
    /// saved in the new file with the next definition or `create_all`).
    pub fn store_requeue_all(&mut self) {
        self.store.pending.clear();
        self.store.armed = false;
        let stored = self.stored_definitions().unwrap_or_default();
        for t in self.registry.tables().to_vec() {
            if self.store.reflected_tables.contains(&t.name) {
                continue;
            }
            if let Some(src) = self.store.table_sources.get(&t.name).cloned() {
                self.store.pending.push(Entry {
                    kind: "table",
                    name: t.name.clone(),
                    source: src,
                });
            }
        }
        self.store.pending.retain(|e| {
            !stored
                .iter()
                .any(|(k, n, s)| k == e.kind && **n == *e.name && **s == *e.source)
        });
        for m in self.registry.models().to_vec() {
            let same = stored
                .iter()
                .any(|(k, n, s)| k == "model" && **n == *m.name && **s == *m.source);
            if !self.store.is_reflected(&m.name) && !same {
                self.store.pending.push(Entry {
                    kind: "model",
                    name: m.name.clone(),
                    source: m.source.clone(),
                });
            }
        }
    }

    /// Flush at exit (`exit`) or as `.open` leaves the file: the user's
    /// open transaction is rolled back (as closing the connection would),
    /// then pending definitions are saved, waiting for the lock as any
    /// write does. What cannot be saved is said on stderr: the file keeps
    /// its old definitions. A new file with no table keeps none (at exit,
    /// a note says so).
    pub fn store_finish(&mut self, exit: bool) {
        if self.store.pending.is_empty() || !self.store.armed || !self.store_enabled() {
            return;
        }
        let _ = self.session.engine.rollback();
        if self.store_waits() {
            // A new file that never got a table goes, as `.open` leaves
            // it (the definitions go on to the next file) or at exit,
            // with its definitions: said then.
            if exit {
                self.store.warnings.push(format!(
                    "note: {} not saved: {} is a new file with no table, and is not kept (db.create_all() makes the models' tables and keeps the file; .export python FILE keeps their source)",
                    self.pending_names(),
                    self.session.engine.url.trim_start_matches("sqlite:///"),
                ));
            }
            self.store.pending.clear();
            return;
        }
        if let Err(err) = self.store_write() {
            self.store.warnings.push(format!(
                "warning: {} NOT saved in {}: {}; the file keeps what it held before\nhelp: run the definition again once the other connection has finished",
                self.pending_names(),
                self.session.engine.url.trim_start_matches("sqlite:///"),
                err.message
            ));
        }
        self.store.pending.clear();
    }

    /// The stored definitions, in order; empty when there are none.
    pub fn stored_definitions(&mut self) -> Result<Vec<Stored>> {
        let e = &self.session.engine;
        if !models_table_exists(e)? {
            return Ok(Vec::new());
        }
        // A source too long to load is not read here either.
        let order = if is_pg(e) {
            "position"
        } else {
            "position, rowid"
        };
        let rows = e.quiet_query(
            &format!("SELECT kind, name, source FROM _ormsh_models WHERE octet_length(source) <= ? ORDER BY {order}"),
            &[Param::Int(crate::persist::declare::MAX_SOURCE_BYTES as i64)],
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|r| match (&r[0], &r[1], &r[2]) {
                (Param::Text(k), Param::Text(n), Param::Text(s)) => {
                    Some((k.to_string(), n.to_string(), s.to_string()))
                }
                _ => None,
            })
            .collect())
    }
}

/// The database is PostgreSQL: `_ormsh_models` is a table in its current
/// schema, and has no `rowid` (entries are told apart by `position`).
pub(crate) fn is_pg(e: &crate::engine::Engine) -> bool {
    e.dialect_name() == crate::engine::DialectName::Postgresql
}

/// Whether `_ormsh_models` exists (in the current schema, on PostgreSQL).
pub(crate) fn models_table_exists(e: &crate::engine::Engine) -> Result<bool> {
    let sql = if is_pg(e) {
        "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"
    } else {
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    };
    Ok(!e
        .quiet_query(sql, &[Param::Text(Rc::from(MODELS_TABLE))])?
        .is_empty())
}

/// Create the table if needed and upsert each entry at the end of the
/// order (a redefinition moves to the end, as it would in a script).
fn write_entries(e: &crate::engine::Engine, entries: &[Entry]) -> Result<()> {
    e.quiet_execute(CREATE, &[])?;
    for en in entries {
        let key = [Param::Text(Rc::from(en.kind)), Param::Text(en.name.clone())];
        e.quiet_execute(
            "DELETE FROM _ormsh_models WHERE kind = ? AND name = ?",
            &key,
        )?;
        e.quiet_execute(
            "INSERT INTO _ormsh_models (kind, name, source, position) VALUES (?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM _ormsh_models))",
            &[key[0].clone(), key[1].clone(), Param::Text(en.source.clone())],
        )?;
    }
    Ok(())
}

impl Drop for Interp {
    /// At exit: save what is pending; nobody reads the warnings after
    /// this, so they go straight to stderr.
    fn drop(&mut self) {
        // After Ctrl-C the person wants out: one try, no waiting for locks.
        if crate::interrupt::pending() {
            self.session.engine.set_busy_timeout(0);
        }
        self.store_finish(true);
        let width = crate::repl::pager::stderr_width();
        for w in self.store.take_warnings() {
            for line in crate::tutorial::wrap_lines(&w, width) {
                eprintln!("{line}");
            }
        }
    }
}
