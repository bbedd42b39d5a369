//! Declaration mode: how code that came from a database file runs. A file
//! is data, never code (issue 11, item 8): the definitions stored in
//! `_ormsh_models`, the ones reflection writes from the schema, and
//! whatever they evaluate later (a stored model's `__repr__`, its
//! `default=lambda: …`, relationship strings) run with effects disabled.
//!
//! The mode is a capability of the interpreter, consulted where effects
//! happen rather than guessed from the text (`persist::declare` checks the
//! text too, before anything runs): while it is on, a declaration can build
//! schema objects (columns, types, keys, relationships, tables, models) and
//! compute with plain values and the instance it is given, and nothing
//! else. Refused, each with a `PermissionError`: the session and the
//! engine (`db.session`, `db.engine`, `db.metadata`, `create_all`,
//! `drop_all`, `reflect`, `Model.query`, queries and results), running a
//! query (iterating one, dynamic relationships), making or changing
//! objects (model constructors, attribute assignment, `setattr`, mutating
//! collection, list and dict methods), output (`print`, `help`), reading
//! the user's variables (only `db.Table`s are visible), statements other
//! than a model block or a table assignment, and `text()` other than one
//! SQL expression (a `server_default`). The interpreter has no access to
//! files or dot commands at all (those belong to `App`). Evaluation is
//! limited to `STEP_BUDGET` steps per entry into the mode, counting
//! iterations, so nothing stored can hang or exhaust the open; Ctrl-C
//! still interrupts it.
//!
//! The rule for methods: anything evaluated later on behalf of a stored
//! definition enters the mode again (`Model::pure`, `Lambda::pure`), so a
//! stored method body, once Python `def` bodies exist, is bound the same
//! way by marking it where it is made.

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::objects::Ns;
use crate::eval::surface::declarable_db_attr;
use crate::value::Value;

/// Is `name` a built-in a declaration may use (`BUILTINS` or a column
/// type)?
pub fn is_builtin(name: &str) -> bool {
    BUILTINS.contains(&name) || crate::schema::types::TYPE_NAMES.contains(&name)
}

/// Evaluation steps allowed per entry into declaration mode (a stored
/// definition, one call of a stored `__repr__` or default). A real model
/// takes a few hundred.
pub const STEP_BUDGET: u64 = 100_000;

/// The built-in names a declaration may use besides the column types
/// (`schema::types::TYPE_NAMES`; both: `is_builtin`); the rest — `print`,
/// `help`, `getattr`, `setattr`, `select`, loader options — are refused.
pub const BUILTINS: &[&str] = &[
    "db",
    "Column",
    "ForeignKey",
    "relationship",
    "mapped_column",
    "backref",
    "Table",
    "func",
    "text",
    "and_",
    "or_",
    "not_",
    "desc",
    "asc",
    "datetime",
    "date",
    "time",
    "timedelta",
    "timezone",
    "len",
    "str",
    "repr",
    "format",
    "int",
    "float",
    "bool",
    "list",
    "dict",
    "tuple",
    "range",
    "sorted",
    "reversed",
    "min",
    "max",
    "sum",
    "abs",
    "divmod",
    "round",
    "enumerate",
    "zip",
    "any",
    "all",
    "isinstance",
    "hasattr",
    "type",
];

/// Whether declaration mode is on, and what is left of its budget.
#[derive(Default)]
pub struct Declaring {
    depth: u32,
    steps_left: u64,
    /// Steps taken in declaration mode since the interpreter started.
    used: u64,
}

impl Interp {
    /// Is the interpreter running a declaration (effects disabled)?
    pub fn is_declaring(&self) -> bool {
        self.declaring.depth > 0
    }

    /// Run `f` in declaration mode. The outermost entry gets a fresh step
    /// budget and a scope of its own (the caller's comprehension and
    /// lambda variables are not visible); nested entries share them.
    pub fn declaring<T>(&mut self, f: impl FnOnce(&mut Interp) -> Result<T>) -> Result<T> {
        let outermost = self.declaring.depth == 0;
        let saved_locals = if outermost {
            self.declaring.steps_left = STEP_BUDGET;
            Some(std::mem::take(&mut self.locals))
        } else {
            None
        };
        self.declaring.depth += 1;
        let r = f(self);
        self.declaring.depth -= 1;
        if let Some(l) = saved_locals {
            self.locals = l;
        }
        r
    }

    /// Fail with a `PermissionError` when declaring: `what` names the
    /// effect ("use db.session"). Does nothing otherwise.
    pub fn refuse_when_declaring(&self, what: impl FnOnce() -> String) -> Result<()> {
        if !self.is_declaring() {
            return Ok(());
        }
        Err(Error::new(
            ErrorKind::PermissionError,
            format!("a definition stored in the database file cannot {}", what()),
        )
        .with_help(
            "stored definitions only declare columns, types, keys, relationships and a __repr__ computed from the instance; type the statement yourself if you mean to run it",
        ))
    }

    /// Count `n` steps of work against the declaration budget (nothing
    /// outside declaration mode).
    pub fn declaring_steps(&mut self, n: u64) -> Result<()> {
        if !self.is_declaring() {
            return Ok(());
        }
        crate::interrupt::check()?;
        if self.declaring.steps_left < n {
            self.declaring.steps_left = 0;
            return Err(Error::new(
                ErrorKind::PermissionError,
                format!(
                    "a definition stored in the database file may take at most {STEP_BUDGET} evaluation steps"
                ),
            )
            .with_help("a real model definition takes a few hundred; this one loops or builds too much"));
        }
        self.declaring.steps_left -= n;
        self.declaring.used += n;
        Ok(())
    }

    /// Steps taken in declaration mode so far (to bound a whole load).
    pub fn declaration_steps_used(&self) -> u64 {
        self.declaring.used
    }

    /// A statement a declaration may run: a model block, an assignment
    /// (a table), and in a stored function's body
    /// (`persist::deps_function`) its docstring and `return EXPR`, the
    /// expression bound as any.
    pub(crate) fn declaration_may_run(&self, s: &crate::syntax::ast::Stmt) -> bool {
        use crate::syntax::ast::{Expr, ExprKind, StmtKind};
        match &s.kind {
            StmtKind::Model(_) | StmtKind::Assign { .. } => true,
            StmtKind::Return(_)
            | StmtKind::Expr(Expr {
                kind: ExprKind::Str(_),
                ..
            }) => !self.locals.is_empty(),
            _ => false,
        }
    }

    /// A built-in or global a declaration may see: `db.Table`s, the
    /// modules of `persist::deps::DECLARABLE_MODULES`, enum classes and
    /// functions made by a declaration (`persist::deps_function`) among
    /// the globals, the built-ins of `BUILTINS`.
    pub(crate) fn declaration_may_see(name: &str, global: Option<&Value>) -> bool {
        match global {
            Some(v) => {
                v.is::<crate::schema::table::Table>()
                    || crate::persist::deps::is_declarable_module(v)
                    || crate::persist::deps::is_enum_class(v)
                    || v.downcast::<crate::eval::function::Function>()
                        .is_some_and(|f| f.pure)
            }
            None => is_builtin(name),
        }
    }

    /// `db.NAME` / `db.session.NAME` … while declaring.
    pub(crate) fn check_namespace_attr(&self, ns: Ns, name: &str) -> Result<()> {
        match ns {
            // `sa.Table('t', db.metadata, …)`: the metadata as an argument
            // (its own attributes and methods stay refused).
            Ns::Db if declarable_db_attr(name) || name == "metadata" => Ok(()),
            Ns::Db => self.refuse_when_declaring(|| format!("use db.{name}")),
            Ns::Session | Ns::OrmSession => {
                self.refuse_when_declaring(|| format!("use db.session.{name}"))
            }
            Ns::Metadata => self.refuse_when_declaring(|| "use db.metadata".into()),
            Ns::Engine => self.refuse_when_declaring(|| "use db.engine".into()),
            Ns::Func | Ns::Datetime | Ns::Date | Ns::Time | Ns::Timedelta | Ns::Timezone => Ok(()),
        }
    }

    /// `recv.name(...)` while declaring: queries, results, the session and
    /// in-place changes are refused.
    pub(crate) fn check_method_call(&self, recv: &Value, name: &str) -> Result<()> {
        if !self.is_declaring() {
            return Ok(());
        }
        // A relationship collection is a list to Python code: it changes
        // in place where a list does.
        let mutates = if recv.is::<crate::orm::relation::Collection>() {
            crate::value::methods::LIST.mutates(name)
        } else {
            crate::value::methods::mutates(recv, name)
        };
        if mutates {
            return self
                .refuse_when_declaring(|| format!("change a {} ({name})", recv.type_name()));
        }
        if recv.is::<crate::orm::query::Query>()
            || recv.is::<crate::eval::rel_ops::DynamicRel>()
            || recv.is::<crate::eval::objects::ResultSet>()
            || recv.is::<crate::orm::pagination::Pagination>()
        {
            return self.refuse_when_declaring(|| format!("run a query ({name})"));
        }
        if let Some(ns) = recv.downcast::<crate::eval::objects::Namespace>()
            && matches!(
                ns.0,
                Ns::Db | Ns::Session | Ns::OrmSession | Ns::Metadata | Ns::Engine
            )
        {
            return self.refuse_when_declaring(|| format!("call {name}()"));
        }
        Ok(())
    }

    /// `text(SQL)` while declaring: only one SQL expression (what a
    /// `server_default` holds), never a statement of its own.
    pub(crate) fn check_declared_sql(&self, sql: &str) -> Result<()> {
        if !self.is_declaring() {
            return Ok(());
        }
        match one_sql_expression(sql) {
            Ok(()) => Ok(()),
            Err(why) => self.refuse_when_declaring(|| format!("use text() with {why}")),
        }
    }
}

/// Is `sql` at most one SQL expression as far as its tokens go: brackets
/// balanced, no `;` and no comment outside quotes, every quote closed?
/// Returns why not. (It cannot end the `DEFAULT` clause it is put in or
/// start another statement.)
pub fn one_sql_expression(sql: &str) -> std::result::Result<(), &'static str> {
    let b = sql.as_bytes();
    let mut depth = 0i64;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            q @ (b'\'' | b'"' | b'`') => {
                i += 1;
                loop {
                    match b.get(i) {
                        None => return Err("an unclosed quote"),
                        Some(&c) if c == q && b.get(i + 1) == Some(&q) => i += 2,
                        Some(&c) if c == q => break,
                        Some(_) => i += 1,
                    }
                }
            }
            b'[' => match sql[i..].find(']') {
                Some(n) => i += n,
                None => return Err("an unclosed ["),
            },
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth < 0 {
                    return Err("a ) that closes nothing");
                }
            }
            b';' => return Err("a ;"),
            b'-' if b.get(i + 1) == Some(&b'-') => return Err("a comment"),
            b'/' if b.get(i + 1) == Some(&b'*') => return Err("a comment"),
            c if c.is_ascii_control() && !matches!(c, b' ' | b'\t' | b'\n') => {
                return Err("a control character");
            }
            _ => {}
        }
        i += 1;
    }
    if depth != 0 {
        return Err("an unclosed (");
    }
    Ok(())
}

#[cfg(test)]
#[path = "pure_tests.rs"]
mod tests;
