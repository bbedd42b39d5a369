//! The interpreter: names, statements, expressions, calls, built-ins, and
//! the ORM surface (`db`, `db.session`, models, queries). Writes only to the
//! injected output; never touches rusqlite or the terminal.

pub mod alias_rel;
pub mod alias_rel_compare;
pub mod aliased;
pub mod args;
mod at_stake;
pub mod attr;
pub mod attribute_events;
pub mod automap;
pub mod automap_source;
mod bind;
pub mod bindparam;
pub mod builtins;
pub mod builtins_bytes;
pub mod builtins_hash;
pub mod builtins_iter;
mod builtins_lazy;
pub mod builtins_more;
pub mod builtins_sql;
pub mod builtins_sqlexpr;
pub(crate) mod bulk_pk_checks;
mod bulk_target;
pub mod call;
pub(crate) mod column_attrs;
pub mod column_def;
pub mod column_opts;
pub mod column_property;
mod compare;
pub(crate) mod compiled;
pub mod computed;
mod concat;
pub mod constraint_def;
pub mod constraint_repr;
pub mod contains_eager;
pub mod context;
pub mod core_table;
pub mod cursor_attrs;
pub mod dates;
pub mod dates_classmethods;
pub mod dates_local;
pub mod dates_stamp;
pub mod dates_tz;
pub mod db;
pub(crate) mod dbapi_attrs;
pub mod ddl_enum;
pub mod ddl_ops;
pub mod ddl_order;
pub(crate) mod declarative_subclass;
pub(crate) mod declared_attr;
pub mod decode;
mod decorate;
pub mod dict_view;
mod dir_names;
mod dml_exec;
mod dml_from_select;
mod dml_froms;
mod dml_params;
mod dml_str;
pub mod dunder_name;
pub mod echo_out;
pub mod engine_echo;
pub mod enum_type;
pub mod exceptions;
pub mod exec_driver_sql;
pub mod expiry;
pub mod expr;
pub mod expr_str;
pub mod fk_type;
mod flow;
mod foreign_key_call;
pub mod foreign_keys;
pub mod from_statement;
mod fstring;
pub mod function;
pub mod gen_fn;
pub mod gen_fn_blocks;
pub mod gen_fn_close;
pub mod generator;
mod globals;
pub mod http_exc;
pub mod hybrid;
pub mod identity;
pub mod inserted_pk;
pub mod inspect;
pub mod instance_dict;
pub mod iter_protocol;
pub mod iterate;
pub mod join_infer;
pub mod join_rel_on;
pub mod leave;
pub mod live_iter;
pub mod loader_opts;
pub mod loader_paths;
pub mod mapped;
pub mod mapped_merge;
pub mod mapped_table;
pub mod mapper_events;
pub mod match_stmt;
pub mod merge;
pub mod metadata_ddl;
pub mod metadata_def;
pub mod metadata_naming;
pub mod methods;
pub mod mixins;
pub mod model_base;
pub mod model_def;
mod model_def_steps;
pub mod model_init;
pub mod model_setattr;
mod names;
pub mod objects;
pub mod property_call;
pub mod property_obj;
pub mod pure;
pub mod pyclass;
pub mod pyclass_body;
pub mod pyclass_super;
pub mod pyclass_text;
pub mod pyenum;
pub mod pymod;
pub mod pyset;
pub mod pyset_ops;
pub mod pytypes;
mod query_options;
pub mod query_rel;
pub mod query_run;
pub mod query_terms;
pub mod rel_class;
pub mod rel_entity;
pub mod rel_ops;
pub mod rel_specs;
pub mod rel_written;
pub mod relations;
mod repr_plan;
pub mod results;
pub mod row_mapping;
pub mod schema_classes;
pub mod schema_repr;
pub mod scope;
pub mod script_file;
pub mod secondary_table;
pub mod sequence;
pub mod session_args;
pub mod session_begin;
pub mod session_nested;
pub mod session_ops;
pub mod show;
mod show_inspection;
pub mod slice_assign;
pub mod sql_identity;
pub mod statement_error;
mod str_value;
pub mod stream;
mod stream_keep;
pub mod subscript;
pub mod suggest;
pub mod surface;
pub mod table_args;
pub mod table_clause;
pub mod table_constraints;
pub mod table_def;
pub mod table_indexes;
pub mod tabular;
pub mod text_clause;
pub mod text_exec;
pub mod textual_select;
pub mod type_alias;
pub mod type_args;
pub mod type_repr;
pub mod type_statics;
pub mod unbound_method;
mod unpack;
pub mod user_exc;
pub mod validates;
pub mod window;
pub mod with_parent;
pub mod zoneinfo;

use std::io::Write;
use std::rc::Rc;

use crate::error::{Error, Result};
use crate::orm::session::Session;
use crate::schema::registry::Registry;
use crate::syntax::ast::{BinOp, ExprKind, Stmt, StmtKind};
use crate::value::Value;

/// The message of the `BrokenPipeError` a statement stops with when the
/// person quits the shell's pager before its output ended (`repl::pager`);
/// it is no error (the person asked for it), but the shell says the
/// statement stopped there and that what it did stays (`App::report`).
pub const PAGER_CLOSED: &str = "the pager was closed";

/// Output that cannot be written. When the reader went away (`ormsh … |
/// head -1`) the statement fails with Python's `BrokenPipeError`, so a
/// script stops there with exit status 1 as Python's does, and nothing
/// after it runs unseen.
pub fn output_error(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe
        && e.get_ref()
            .is_some_and(|why| why.to_string() == PAGER_CLOSED)
    {
        return Error::new(crate::error::ErrorKind::BrokenPipeError, PAGER_CLOSED);
    }
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return Error::new(
            crate::error::ErrorKind::BrokenPipeError,
            "[Errno 32] Broken pipe",
        )
        .with_help(
            "the program reading ormsh's output stopped reading, so the script stops here (--keep-going runs the rest)",
        );
    }
    Error::new(
        crate::error::ErrorKind::OperationalError,
        format!("cannot write output: {e}"),
    )
}

/// How deep evaluation may nest (sub-expressions and calls together) before
/// a RecursionError. Calls alone stop at Python's limit (`stack::LIMIT`)
/// first: a call plus the expressions around a recursive call in a lambda's
/// body take about four levels. This bounds the stack one walk uses (each
/// level runs through `stack::grow`, so no thread's stack size matters).
pub const MAX_EVAL_DEPTH: usize = 5 * crate::stack::LIMIT;

pub struct Interp {
    pub session: Session,
    pub registry: Registry,
    /// The session's global names in the order they were bound, as a
    /// Python module's dict keeps them (a `NameError`'s suggestion takes
    /// the first of equally near names).
    globals: indexmap::IndexMap<Rc<str>, Value>,
    /// Function, comprehension and lambda scopes, innermost last (`scope`).
    locals: Vec<scope::Frame>,
    depth: usize,
    pub out: Box<dyn Write>,
    /// The source of the chunk being run (for model sources).
    pub source: Rc<str>,
    /// The file the chunk came from (`None` at the prompt or for a stored
    /// definition) and the line its text begins on: where a `def` made
    /// from it says its errors are (`function`).
    pub source_file: Option<Rc<str>>,
    pub source_line: usize,
    /// Whether a confirmation may be asked (interactive only).
    pub interactive: bool,
    /// Inside a function's body: expression statements do not print.
    quiet: usize,
    /// `_`: the last non-None value an expression statement showed
    /// (Python's `sys.displayhook` sets `builtins._`).
    last_result: Option<Value>,
    /// The last result streamed this many objects, too many to keep for
    /// `_` (`stream_keep`).
    last_not_kept: Option<usize>,
    /// A `break`, `continue` or `return` on its way out (`flow`).
    flow: Option<flow::Flow>,
    /// The exceptions being handled, innermost last (a bare `raise`).
    handling: Vec<crate::error::Error>,
    /// `global` names, with the depth of the function scope declaring them.
    global_decl: Vec<(usize, Rc<str>)>,
    /// `nonlocal` names, with the depth of the function scope declaring them.
    nonlocal_decl: Vec<(usize, Rc<str>)>,
    /// The frames of the comprehensions running (`unpack`: `:=` in one
    /// binds in the scope around it).
    comp_frames: Vec<scope::Frame>,
    /// Evaluation steps allowed (the fuzz targets bound runaway loops).
    pub step_budget: Option<u64>,
    /// Asks the person a yes/no question (set by the shell; scripts never ask).
    pub confirm: Option<Confirm>,
    /// The statement running was cancelled at its question (`ask`): its
    /// value is not shown.
    cancelled: bool,
    /// A question was answered no since the shell last took this flag
    /// (`take_declined`): `.save` does not replay what was cancelled.
    declined: bool,
    /// How lists of rows and instances print (`.mode`, `-m`).
    pub mode: crate::render::table::Mode,
    /// Stdout is a terminal: tables fit its width.
    pub fit_terminal: bool,
    /// Set as a table (not a repr) begins to print: the pager chops a
    /// table's wide rows and wraps anything else (`repl::pager`).
    pub table_shown: Rc<std::cell::Cell<bool>>,
    /// `.headers`, `.nullvalue` and the row-count footer (`dot::settings`).
    pub table_opts: crate::render::table::Options,
    /// Models persisted with the file, reflection (`crate::persist`).
    pub store: crate::persist::Store,
    /// Declaration mode: effects disabled for code from a file (`pure`).
    declaring: pure::Declaring,
    /// Flask's application contexts pushed (`pymod::flask`).
    pub flask: pymod::flask::FlaskState,
    /// Each model's `__repr__`/`__str__` format plan, by model id (`repr_plan`).
    repr_plans: rustc_hash::FxHashMap<(u32, bool), Option<Rc<repr_plan::ReprPlan>>>,
    /// Mapper event listeners (`event.listens_for`, `mapper_events`).
    pub listeners: Vec<mapper_events::Listener>,
    /// `db.metadata`'s own DDL and removed tables (`metadata_ddl`).
    pub metadata_ddl: metadata_ddl::MetadataDdl,
    /// `from __future__ import annotations` ran (PEP 563): annotations are
    /// no longer evaluated, so a name in one may be bound later.
    pub future_annotations: bool,
}

/// Asks a yes/no question and says whether the answer was yes.
pub type Confirm = Box<dyn FnMut(&str) -> bool>;

impl Interp {
    pub fn new(session: Session, out: Box<dyn Write>) -> Interp {
        Interp {
            session,
            registry: Registry::default(),
            globals: indexmap::IndexMap::new(),
            locals: Vec::new(),
            depth: 0,
            out: Box::new(crate::eval::echo_out::EchoOut(out)),
            source: Rc::from(""),
            source_file: None,
            source_line: 1,
            interactive: false,
            quiet: 0,
            last_result: None,
            last_not_kept: None,
            flow: None,
            handling: Vec::new(),
            global_decl: Vec::new(),
            nonlocal_decl: Vec::new(),
            comp_frames: Vec::new(),
            step_budget: None,
            confirm: None,
            cancelled: false,
            declined: false,
            mode: crate::render::table::Mode::Repr,
            fit_terminal: false,
            table_shown: Rc::default(),
            table_opts: crate::render::table::Options::default(),
            store: crate::persist::Store::default(),
            declaring: pure::Declaring::default(),
            flask: pymod::flask::FlaskState::default(),
            repr_plans: Default::default(),
            listeners: Vec::new(),
            metadata_ddl: Default::default(),
            future_annotations: false,
        }
    }

    /// Run the statements of one chunk.
    /// The process is about to exit: variables and the session's objects
    /// go back to the OS with it (see `Session::abandon_objects`); the
    /// output and the database still close normally.
    pub fn abandon_objects(&mut self) {
        std::mem::forget(std::mem::take(&mut self.globals));
        std::mem::forget(std::mem::take(&mut self.locals));
        self.session.abandon_objects();
    }

    pub fn run(&mut self, stmts: &[Stmt]) -> Result<()> {
        crate::stack::entry(|| self.run_here(stmts))
    }

    fn run_here(&mut self, stmts: &[Stmt]) -> Result<()> {
        for s in stmts {
            self.store.stmt_span = s.span;
            // An error no expression claimed (a streamed query's, say) marks
            // the whole statement.
            if let Err(e) = self.exec(s) {
                let e = self.explain_missing_column(e.at(s.span));
                return Err(self.explain_missing_table(e));
            }
        }
        Ok(())
    }

    /// Run one statement; then close the generators it let go
    /// (`gen_fn_close`).
    pub fn exec(&mut self, s: &Stmt) -> Result<()> {
        let r = self.exec_kind(s);
        self.close_dropped();
        r
    }

    fn exec_kind(&mut self, s: &Stmt) -> Result<()> {
        if self.is_declaring() && !self.declaration_may_run(s) {
            return self
                .refuse_when_declaring(|| {
                    "run statements other than a model block or a table".into()
                })
                .map_err(|e| e.at(s.span));
        }
        match &s.kind {
            StmtKind::Model(def) => self.define_model(def, s.span),
            StmtKind::Assign { target, value } => {
                if let Some((name, left, right)) = concat::self_concat(target, value)
                    && self.may_release()
                {
                    self.enter().map_err(|e| e.at(value.span))?;
                    let r = self.concat_into(name, left, right, value.span, false);
                    self.leave();
                    return r;
                }
                // `db = SQLAlchemy()` again (a script read twice): the
                // session's extension made again, not a second one.
                self.flask.remaking =
                    crate::eval::pymod::flask::remakes_extension(self, target, value);
                let v = self.eval(value);
                self.flask.remaking = false;
                let v = v?;
                self.alias_assigned(target, &v);
                self.assign(target, v)
            }
            StmtKind::ChainAssign { targets, value } => {
                let v = self.eval(value)?;
                for t in targets {
                    self.assign(t, v.clone())?;
                }
                Ok(())
            }
            StmtKind::AugAssign {
                target,
                op: BinOp::Add,
                value,
            } if self.may_release()
                && let ExprKind::Name(name) = &target.kind =>
            {
                self.concat_into(name, target, value, s.span, true)
            }
            StmtKind::AugAssign { target, op, value } => {
                let cur = self.eval(target)?;
                let rhs = self.eval(value)?;
                // An attribute's value is set anew, never changed in place:
                // the session sees the change.
                let v = if matches!(target.kind, ExprKind::Attr { .. }) {
                    self.binary(*op, cur, rhs)
                } else {
                    self.augment(*op, cur, rhs)
                };
                let v = v.map_err(|e| e.at(s.span))?;
                self.assign(target, v)
            }
            StmtKind::Expr(e) => {
                self.cancelled = false;
                if self.stream_statement(e)? {
                    return Ok(());
                }
                let v = self.eval(e)?;
                if std::mem::take(&mut self.cancelled) {
                    return Ok(());
                }
                self.show_result(&v).map_err(|err| err.at(e.span))
            }
            StmtKind::Pass => Ok(()),
            StmtKind::DeclarativeBase(d) => self.define_declarative_base(d),
            StmtKind::Import(imp) => self.import(imp),
            StmtKind::Class(def) => self.define_class(def),
            _ => self.exec_flow(s),
        }
    }

    /// Print an expression statement's value, as the Python shell does
    /// (also in the bodies of top-level blocks; never in a function's).
    pub fn show_result(&mut self, v: &Value) -> Result<()> {
        if matches!(v, Value::None) || self.quiet > 0 {
            return Ok(());
        }
        // As `sys.displayhook`: `_` is None while the value is shown, then
        // the value.
        self.last_result = Some(Value::None);
        if !self.show_tabular(v)? {
            let text = self.display_value(v)?;
            self.write_line(&text)?;
        }
        self.set_last_result(Some(v.clone()), None);
        Ok(())
    }

    /// `_`: the value last shown, or none kept for a result of this many
    /// streamed objects.
    pub(crate) fn set_last_result(&mut self, v: Option<Value>, not_kept: Option<usize>) {
        self.last_result = v;
        self.last_not_kept = not_kept;
    }

    pub(crate) fn last_not_kept(&self) -> Option<usize> {
        self.last_not_kept
    }

    /// Enter a nested evaluation, failing cleanly when too deep.
    fn enter(&mut self) -> Result<()> {
        crate::interrupt::check()?;
        crate::memory::check()?;
        if let Some(left) = self.step_budget.as_mut() {
            if *left == 0 {
                return Err(Error::new(
                    crate::error::ErrorKind::Interrupted,
                    "step budget exhausted",
                ));
            }
            *left -= 1;
        }
        self.declaring_steps(1)?;
        self.depth += 1;
        if self.depth > MAX_EVAL_DEPTH {
            self.depth -= 1;
            return Err(crate::stack::recursion_error(""));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }
}
