//! Existing databases (issue 7): models that persist with the file
//! (`_ormsh_models`), reflection of tables without a model, opening another
//! file (`.open`), differences between a model and its table (`.migrate`),
//! and `.export python|sql`. The pure parts (naming, the reflection plan)
//! live in `schema::inflect` and `schema::reflect`; this module runs them
//! against the engine and the interpreter.
//!
//! `_ormsh_models(kind, name, source, position)` holds the source of every
//! model block (`kind = 'model'`) and `db.Table(...)` statement
//! (`kind = 'table'`) defined in ormsh, in the order to run them again,
//! and what they name besides: module aliases (`kind = 'import'`) and
//! enum classes (`kind = 'enum'`), loaded first (`deps`).
//! It is written only for a writable file database, never while the user's
//! own transaction is open: inside `db.create_all()`'s transaction (so the
//! tables and the models describing them appear together), otherwise in a
//! short transaction of its own right after the definition, after the
//! statement that ends the user's transaction, or at exit.
//!
//! A database file is data, never code: what `_ormsh_models` holds is
//! checked as a declaration (`declare`) and run in declaration mode
//! (`eval::pure`) when the file opens (`load`); so is what reflection
//! derives from the schema.

pub mod app_db;
pub mod declare;
pub mod deps;
pub mod deps_from;
pub mod deps_function;
pub mod deps_mixin;
pub mod diff;
pub mod dot;
pub mod export;
pub mod export_deps;
pub mod export_imports;
pub mod export_methods;
pub mod export_stored;
pub mod export_table_args;
pub mod export_views;
pub mod index_data;
pub mod introspect;
pub mod introspect_pg;
pub mod load;
pub mod metadata_row;
pub mod missing;
pub mod missing_table;
pub mod open;
pub mod replace;
pub mod store;
pub mod store_check;

use std::rc::Rc;

use crate::syntax::span::Span;

/// The name of the tool-owned table; never shown or reflected.
pub const MODELS_TABLE: &str = "_ormsh_models";

/// One definition waiting to be written to `_ormsh_models`.
#[derive(Clone, Debug)]
pub struct Entry {
    pub kind: &'static str,
    pub name: Rc<str>,
    pub source: Rc<str>,
}

/// The interpreter's persistence state.
#[derive(Default)]
pub struct Store {
    pending: Vec<Entry>,
    /// Pending entries may be written (a definition or `create_all` was
    /// seen since the database was opened).
    armed: bool,
    /// The last write of pending entries failed (the file was locked):
    /// the engine's commit count then; tried again after the next commit.
    blocked_at: Option<u64>,
    /// The database file was created by this run and holds no table yet:
    /// definitions wait for its first table (`db.create_all()`, or any
    /// table made), so a file named by mistake that was given only
    /// definitions is not left behind (`cli::fresh`).
    wait_for_table: bool,
    /// Running stored or reflected sources: definitions are not recorded.
    pub loading: bool,
    /// Running a reflected source: its models are `Model::reflected`.
    pub reflecting: bool,
    /// Running the source `Base.prepare()` wrote: its models are
    /// `Model::automap` (`eval::automap`).
    pub automapping: bool,
    /// Names of the models made by reflection (until redefined by hand).
    reflected: Vec<Rc<str>>,
    /// Association tables made by reflection.
    reflected_tables: Vec<Rc<str>>,
    /// Reflected models of the shadow tables where an FTS or R*Tree index
    /// keeps its data: out of the banner and `.models` unless asked.
    pub(crate) index_data: Vec<Rc<str>>,
    /// Tables being reflected whose rows may share a primary key (views,
    /// keys that admit NULLs): their models' `Model::key_repeats`.
    pub(crate) repeating_keys: Vec<String>,
    /// Tables being reflected without a primary key, with the name their
    /// rowid is mapped by (`rowid`, `_rowid_`, `oid`): that column of
    /// their models is `Column::sqlite_rowid`.
    pub(crate) rowid_keys: Vec<(String, &'static str)>,
    /// The statement that defined each `db.Table`, by table name.
    table_sources: std::collections::HashMap<Rc<str>, Rc<str>>,
    /// The statement that defined each top-level class (an enum class, a
    /// mixin), by name (stored with a definition that uses it: `deps`).
    class_sources: std::collections::HashMap<Rc<str>, Rc<str>>,
    /// The module aliases definitions were stored with (alias → module),
    /// as recorded or loaded: what `.export python` imports.
    import_aliases: std::collections::HashMap<Rc<str>, &'static str>,
    /// The names imported bare from a declarable module (name → module,
    /// the name imported), as run or loaded (`deps_from`).
    from_imports: std::collections::HashMap<Rc<str>, (&'static str, Rc<str>)>,
    /// The text of each top-level type alias (`intpk = Annotated[...]`).
    alias_sources: std::collections::HashMap<Rc<str>, Rc<str>>,
    /// The values loaded import and alias rows bound (a declaration may
    /// read these globals).
    dependency_values: Vec<(Rc<str>, crate::value::Value)>,
    /// The source of each model the last open loaded from the file, until
    /// the session defines that model again (`store::model_defined` says
    /// so in one line when the sources differ).
    loaded_sources: std::collections::HashMap<Rc<str>, Rc<str>>,
    /// The file was opened by a Flask app's configuration (a script's
    /// quick start): a stored model defined again with another source is
    /// noted.
    pub(crate) app_opened: bool,
    /// Warnings for stderr, drained after each chunk.
    pub warnings: Vec<String>,
    /// Lines for the interactive banner (what was loaded and reflected).
    pub banner: Vec<String>,
    /// What reflection left out or changed, since the file was opened
    /// (`.notes`).
    pub notes: Vec<String>,
    /// Stored definitions refused on open, and why (`load`); reported by
    /// `Interp::report_refusals`.
    pub refused: Vec<String>,
    /// The span of the top-level statement being run (for `db.Table`
    /// sources).
    pub stmt_span: Span,
    /// Models read from the file whose `__repr__` needed a method left
    /// out: the default repr is shown, noted once each (`eval::show`).
    pub repr_fallback_noted: Vec<Rc<str>>,
}

impl Store {
    pub fn is_reflected(&self, name: &str) -> bool {
        self.reflected.iter().any(|n| &**n == name)
    }

    /// An association table made by reflection (`db.Table`).
    pub fn is_reflected_table(&self, name: &str) -> bool {
        self.reflected_tables.iter().any(|n| &**n == name)
    }

    /// A reflected model of a shadow table, where an FTS or R*Tree index
    /// keeps its data (`persist::index_data`).
    pub fn is_index_data(&self, name: &str) -> bool {
        self.is_reflected(name) && self.index_data.iter().any(|n| &**n == name)
    }

    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }
}
