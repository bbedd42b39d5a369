//! The compiler's entry points and its small state: the text being written,
//! the values bound so far, and the counters SQLAlchemy uses to name
//! anonymous things (`count_1`, `anon_2`, `__[POSTCOMPILE_id_3]`).
//!
//! Four modes (see [`Mode`]): `Execute` is what goes to the database,
//! `Display` is SQLAlchemy's `str(stmt)` of a statement bound to the
//! engine byte for byte (the compiler's dialect says which database),
//! `Generic` is its `str(stmt)` of an unbound one (the default dialect's
//! `:name_1` placeholders and quoting), `Inline` writes values as SQL
//! literals for showing a query with its parameters. In every mode values
//! reach the text only as `?` or `:name` (or, in `Inline`, as escaped
//! literals that are never executed), and identifiers only through
//! the dialect's [`Dialect::quote`].
//!
//! Expressions are in `expr.rs`, SELECT in `select.rs`, INSERT/UPDATE/DELETE
//! in `dml.rs`; all are `impl Compiler` blocks over the state here.

use std::collections::HashMap;

use super::ast::{Compiled, Delete, Insert, Late, Param, Select, Update};
use super::dialect::{Dialect, ParamStyle};
use super::params::sql_literal;

/// How a statement is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// What runs: `?` placeholders (numbered `$n` by the engine on
    /// PostgreSQL), `IN` lists expanded to `(?, ?, …)` (an empty list is
    /// the dialect's empty set), params collected in order.
    Execute,
    /// SQLAlchemy's `str(stmt)` for a statement bound to the engine, in
    /// its dialect: `?` on SQLite, `%(name_1)s` (and `%%`) on PostgreSQL,
    /// `IN (__[POSTCOMPILE_id_1])` for expanding `IN` lists. `params`
    /// still holds every value in order (IN lists flattened).
    Display,
    /// SQLAlchemy's `str(stmt)` for a statement bound to no engine (a 2.0
    /// `select()`): the default dialect (`StrSQLCompiler`), with named
    /// placeholders `:name_1` / `:param_1`, its own reserved words (`"user"`)
    /// and its LIMIT clause (`LIMIT :param_1` alone; `LIMIT -1 OFFSET
    /// :param_1`). `params` holds every value in order, as in `Display`.
    Generic,
    /// Values written as SQL literals (`'it''s'`, `1`, `NULL`, `1.5`,
    /// `X'00'`), for showing a query with its parameters inline. Unlike
    /// SQLAlchemy's `literal_binds`, the `LIMIT -1` of an offset-only query
    /// is written inline too. Never executed; `params` is empty.
    Inline,
}

/// `SELECT …` in the given mode.
pub fn select(s: &Select, mode: Mode, dialect: &'static Dialect) -> Compiled {
    let mut c = Compiler::new(mode, dialect);
    c.select(s, false);
    c.finish()
}

/// One SQL expression alone in the given mode: SQLAlchemy's
/// `str(User.id == 1)` (`"user".id = :id_1` in `Generic`).
pub fn expression(e: &super::ast::SqlExpr, mode: Mode, dialect: &'static Dialect) -> Compiled {
    let mut c = Compiler::new(mode, dialect);
    c.expr(e);
    c.finish()
}

/// `text('…')` SQL as a statement of its own: each `:name` placeholder
/// bound to its value in `binds` (`NULL` when it has none: check
/// [`text::missing_bind`](super::text::missing_bind) first), `\:` escapes
/// removed.
pub fn text(
    sql: &str,
    binds: &[(std::rc::Rc<str>, Param)],
    mode: Mode,
    dialect: &'static Dialect,
) -> Compiled {
    let mut c = Compiler::new(mode, dialect);
    c.text(sql, binds);
    c.finish()
}

/// `INSERT INTO t (a, b) VALUES (?, ?)[, (?, ?) …][ RETURNING …]`, for
/// execution. Several rows give one multi-row `VALUES`, as SQLAlchemy Core's
/// `insert().values([...])` writes it. (SQLAlchemy's ORM flush on SQLite does
/// *not* batch rows this way: it runs one single-row INSERT … RETURNING per
/// object, or an executemany of the single-row INSERT when keys are known;
/// build one-row `Insert`s to match its echo.)
pub fn insert(i: &Insert, dialect: &'static Dialect) -> Compiled {
    insert_in(i, Mode::Execute, dialect)
}

/// [`insert`] in any mode.
pub fn insert_in(i: &Insert, mode: Mode, dialect: &'static Dialect) -> Compiled {
    let mut c = Compiler::new(mode, dialect);
    c.insert(i);
    c.finish()
}

/// `UPDATE t SET a=?, b=? WHERE …`, for execution.
pub fn update(u: &Update, dialect: &'static Dialect) -> Compiled {
    update_in(u, Mode::Execute, dialect)
}

/// [`update`] in any mode.
pub fn update_in(u: &Update, mode: Mode, dialect: &'static Dialect) -> Compiled {
    let mut c = Compiler::new(mode, dialect);
    c.update(u);
    c.finish()
}

/// `DELETE FROM t WHERE …`, for execution.
pub fn delete(d: &Delete, dialect: &'static Dialect) -> Compiled {
    delete_in(d, Mode::Execute, dialect)
}

/// [`delete`] in any mode.
pub fn delete_in(d: &Delete, mode: Mode, dialect: &'static Dialect) -> Compiled {
    let mut c = Compiler::new(mode, dialect);
    c.delete(d);
    c.finish()
}

/// The state of one compilation.
pub(super) struct Compiler {
    pub(super) mode: Mode,
    /// The dialect the text is written for: the open engine's for
    /// `Execute`, `Display` and `Inline`, [`DEFAULT`](super::dialect::DEFAULT)
    /// for `Generic` (the caller says which).
    pub(super) dialect: &'static Dialect,
    pub(super) sql: String,
    pub(super) params: Vec<Param>,
    /// Values bound when the statement runs, by their index in `params`.
    pub(super) late: Vec<(usize, Late)>,
    /// SQLAlchemy's anonymous-name map: one counter per base name, shared by
    /// labels (`count_1`, `anon_1`) and bind names (`id_1`), in compile order.
    names: HashMap<String, u32>,
    /// The name each anonymous token (`super::anon`) was given.
    anon_names: HashMap<String, String>,
    /// CTEs met so far, written as `WITH …` before the statement
    /// (`super::cte`).
    pub(super) ctes: Vec<super::cte::CteText>,
    /// The FROM names of each SELECT being written around the current
    /// one, for auto-correlation (`super::correlate`).
    pub(super) enclosing: Vec<Vec<std::rc::Rc<str>>>,
    /// Bound values are written into the text when the statement runs
    /// (SQLAlchemy's `literal_execute`: `__[POSTCOMPILE_x_1]` in `str()`),
    /// as an upsert's `index_where` is (`super::upsert`).
    pub(super) literal_execute: bool,
    /// The LIKE-family comparison about to be written stands under an
    /// anonymous label in a column list: written without its own
    /// parentheses (`super::expr::mark_bare_like`).
    pub(super) bare_like: bool,
    /// The label about to be written is a column of the SELECT being
    /// written: `x AS name`. Anywhere else (a function's argument, a
    /// WHERE, a label inside another) a label is its element, as
    /// SQLAlchemy's `visit_label` writes `AS` only `within_columns_clause`
    /// and not `within_label_clause`.
    pub(super) label_as: bool,
    /// The expression being written is an operand of a binary operator
    /// (SQLAlchemy's `_in_operator_expression`): SQLite's XOR groups its
    /// two halves then (`super::operators_text`).
    pub(super) in_operator: bool,
    /// The indexes in `params` of expanding `IN` lists' values.
    pub(super) expanded: Vec<usize>,
}

impl Compiler {
    pub(super) fn new(mode: Mode, dialect: &'static Dialect) -> Self {
        Compiler {
            mode,
            dialect,
            sql: String::new(),
            params: Vec::new(),
            late: Vec::new(),
            names: HashMap::new(),
            anon_names: HashMap::new(),
            ctes: Vec::new(),
            enclosing: Vec::new(),
            literal_execute: false,
            bare_like: false,
            label_as: false,
            in_operator: false,
            expanded: Vec::new(),
        }
    }

    pub(super) fn finish(mut self) -> Compiled {
        self.prepend_ctes();
        Compiled {
            sql: self.sql,
            params: self.params,
            late: self.late,
            shown: None,
            expanded: self.expanded,
        }
    }

    pub(super) fn push(&mut self, s: &str) {
        self.push_text(s);
    }

    /// Is the text written in psycopg2's `pyformat` (`%(name)s`, `%%`)?
    /// What runs and `str()` on a `pyformat` dialect: the engine reads
    /// the placeholders back as the server's `$1…$n`
    /// (`sql::dialect_pg::pyformat_to_numbered`), the echo prints the
    /// text as it is with a dict of the values, as SQLAlchemy logs it.
    pub(super) fn pyformat(&self) -> bool {
        matches!(self.mode, Mode::Display | Mode::Execute)
            && self.dialect.paramstyle == ParamStyle::Pyformat
    }

    /// Text of the statement itself (not a placeholder): for a
    /// `pyformat` dialect every `%` is doubled, as SQLAlchemy escapes it
    /// for psycopg2 (`'%%'`, `x %% 2`).
    fn push_text(&mut self, s: &str) {
        if self.pyformat() && s.contains('%') {
            self.sql.push_str(&s.replace('%', "%%"));
        } else {
            self.sql.push_str(s);
        }
    }

    /// An identifier, quoted where the dialect needs it.
    pub(super) fn ident(&mut self, name: &str) {
        let resolved;
        let name = if super::anon::is_anon(name) {
            resolved = self.resolve_anon(name);
            resolved.as_str()
        } else {
            name
        };
        let q = self.dialect.quote(name);
        self.push_text(&q);
    }

    /// A name with its anonymous tokens numbered: each token the first
    /// time it is met, the same name every time after.
    pub(super) fn resolve_anon(&mut self, name: &str) -> String {
        super::anon::resolve(name, &mut |token, base| {
            if let Some(n) = self.anon_names.get(token) {
                return n.clone();
            }
            let n = self.anon(base);
            self.anon_names.insert(token.to_owned(), n.clone());
            n
        })
    }

    /// The next anonymous name for `base`: `base_1`, `base_2`, …
    pub(super) fn anon(&mut self, base: &str) -> String {
        let n = self.names.entry(base.to_owned()).or_insert(0);
        *n += 1;
        format!("{base}_{n}")
    }

    /// The anonymous name of a bound value compared with `key` (a column or
    /// function name; `param` when there is none): `id_1`, `x_y_2`.
    pub(super) fn bind_name(&mut self, key: Option<&str>) -> String {
        self.anon(&sanitize_bind_key(key.unwrap_or("param")))
    }

    /// One bound value. `key` names it (as SQLAlchemy would, `id_1`); the
    /// name shows only in `Generic` (`:id_1`), but always advances the
    /// counter that the `POSTCOMPILE` names of later `IN` lists depend on.
    pub(super) fn bind(&mut self, value: &Param, key: Option<&str>) {
        let name = self.bind_name(key);
        self.bind_named(value, &name);
    }

    /// A bound value whose name is explicit (a `text()` bind, or one
    /// [`bind`](Self::bind) named).
    pub(super) fn bind_named(&mut self, value: &Param, name: &str) {
        if self.literal_execute {
            let text = match self.mode {
                Mode::Execute | Mode::Inline => sql_literal(value),
                Mode::Display | Mode::Generic => format!("__[POSTCOMPILE_{name}]"),
            };
            self.push_text(&text);
            return;
        }
        match self.mode {
            Mode::Inline => {
                let lit = sql_literal(value);
                self.sql.push_str(&lit);
            }
            Mode::Execute | Mode::Display if self.pyformat() => {
                let p = self.dialect.placeholder(name);
                self.sql.push_str(&p);
                self.params.push(value.clone());
            }
            Mode::Execute | Mode::Display => {
                self.sql.push('?');
                self.params.push(value.clone());
            }
            Mode::Generic => {
                self.sql.push(':');
                self.sql.push_str(name);
                self.params.push(value.clone());
            }
        }
    }

    /// A value read when the statement runs: a placeholder like any other,
    /// its slot in `params` filled at execution ([`Compiled::bound_params`]).
    /// `Inline` writes the value it has now (`NULL` when none).
    pub(super) fn bind_late(&mut self, value: &Late, key: Option<&str>) {
        if self.mode == Mode::Inline {
            let now = value.0.value().unwrap_or(Param::Null);
            self.bind(&now, key);
            return;
        }
        self.late.push((self.params.len(), value.clone()));
        match value.0.bind_name() {
            Some(name) => self.bind_named(&Param::Null, &name),
            None => self.bind(&Param::Null, key),
        }
    }

    /// Items separated by `sep`, each written by `f`.
    pub(super) fn list<T>(&mut self, items: &[T], sep: &str, mut f: impl FnMut(&mut Self, &T)) {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.push(sep);
            }
            f(self, item);
        }
    }
}

/// SQLAlchemy's `_bind_key_escape`: a bind parameter's key has each run of
/// `% ( ) space $ . [ ] :` replaced by `_`, then `_` stripped from both ends,
/// before the counter is added (`"x y"` → `x_y_1`, `"p%(c)"` → `p_c_1`).
pub(super) fn sanitize_bind_key(key: &str) -> String {
    let special = |c: char| matches!(c, '%' | '(' | ')' | ' ' | '$' | '.' | '[' | ']' | ':');
    squash_runs(key, special).trim_matches('_').to_owned()
}

/// `name` with each run of `special` characters replaced by one `_`, as
/// SQLAlchemy's name escapes (`_bind_key_escape`, `_anon_label_escape`)
/// write it.
pub(super) fn squash_runs(name: &str, special: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_run = false;
    for c in name.chars() {
        if special(c) {
            if !in_run {
                out.push('_');
            }
            in_run = true;
        } else {
            out.push(c);
            in_run = false;
        }
    }
    out
}
