//! A stored definition is a declaration (issue 11, item 8): the check of
//! its text made before a definition from `_ormsh_models` runs and before
//! `.export python` writes one. Running it is then bound by declaration
//! mode (`eval::pure`); this is the first of the two locks, and the only
//! one for the Python that `.export python` writes, so it also keeps out
//! what Python would read differently from ormsh.
//!
//! Accepted: at most `MAX_SOURCE_BYTES` of text, without control characters
//! other than tab and newline (a lone carriage return ends a Python comment
//! but not an ormsh one); exactly one statement — a `model NAME < … >` block
//! named as its row says, or `NAME = db.Table('table', …)` for the table the
//! row names; a bound name that is no built-in (`db`, `func`, …) and no
//! Python keyword. In its expressions: only the names of `pure::BUILTINS`,
//! models and tables, earlier members of the block, `self` in `__repr__`,
//! and lambda and comprehension variables; no attribute starting with `_`
//! other than `__tablename__` and `__name__`, none that reaches the
//! session or the engine (`EFFECT_ATTRS`), no `db.X` beyond the schema
//! builders; `text()` only of one literal SQL expression; `'…'.format`
//! only of a literal template whose fields name no attribute or item;
//! f-string specs without nested fields; and the strings SQLAlchemy
//! evaluates (`relationship('Target', order_by='…', primaryjoin='…',
//! secondary='…', foreign_keys='…', remote_side='…')`) held to the same
//! rules.

use std::rc::Rc;

use crate::eval::pure::{BUILTINS, MUTATING_METHODS, one_sql_expression};
use crate::syntax::ast::{Arg, Expr, ExprKind, FPart, Stmt, StmtKind};
use crate::syntax::parse_chunk;

/// The longest stored definition that is read at all.
pub const MAX_SOURCE_BYTES: usize = 256 * 1024;

/// Why a definition is refused: one line, naming only identifiers.
pub type Refusal = String;

/// Attributes that reach the session, the engine or the application, or
/// change objects; never part of a declaration.
const EFFECT_ATTRS: &[&str] = &[
    "session",
    "engine",
    "query",
    "query_class",
    "registry",
    "bind",
    "get_bind",
    "execute",
    "connection",
    "connect",
    "raw_connection",
    "create_all",
    "drop_all",
    "reflect",
    "select",
    "paginate",
    "get_or_404",
    "first_or_404",
    "one_or_404",
    "init_app",
    "app",
    "add",
    "add_all",
    "delete",
    "merge",
    "expunge",
    "expunge_all",
    "commit",
    "rollback",
    "flush",
    "refresh",
    "expire",
    "expire_all",
    "close",
    "scalar",
    "scalars",
    "format_map",
    "discard",
];

/// Members of `db` a declaration may name (with the column types).
const DB_ATTRS: &[&str] = &[
    "Column",
    "ForeignKey",
    "relationship",
    "backref",
    "Table",
    "func",
    "text",
    "and_",
    "or_",
    "not_",
    "desc",
    "asc",
    "metadata",
];

/// Keyword arguments of `relationship()`/`backref()` that SQLAlchemy
/// evaluates as Python when given as strings.
const EVALUATED_KWARGS: &[&str] = &[
    "order_by",
    "primaryjoin",
    "secondaryjoin",
    "secondary",
    "foreign_keys",
    "remote_side",
];

const PY_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// A definition whose shape is accepted: its one statement and the name
/// it binds (the model's name, or the table's variable).
pub struct Declaration {
    pub stmt: Stmt,
    pub binds: Rc<str>,
}

/// Is `s` a plain identifier (what ormsh and Python both read as a name)?
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The first check: size, characters, one statement of the right kind,
/// named as the row says, binding a name that hides nothing.
/// `is_builtin` says whether a name is one of ormsh's built-ins.
pub fn shape(
    kind: &str,
    name: &str,
    source: &str,
    is_builtin: &dyn Fn(&str) -> bool,
) -> Result<Declaration, Refusal> {
    if source.len() > MAX_SOURCE_BYTES {
        return Err(format!(
            "its source is {} bytes, more than the {MAX_SOURCE_BYTES} a definition may have",
            source.len()
        ));
    }
    characters(source)?;
    let stmts = parse_chunk(source).map_err(|e| {
        format!(
            "its source does not parse ({}: {})",
            e.kind.name(),
            one_line(&e.message)
        )
    })?;
    let [stmt] = <[Stmt; 1]>::try_from(stmts).map_err(|s| {
        format!(
            "its source holds {} statements; a definition is one model block or one db.Table",
            s.len()
        )
    })?;
    let binds = match (kind, &stmt.kind) {
        ("model", StmtKind::Model(def)) => {
            if *def.name.name != *name {
                return Err(format!(
                    "its source defines the model {}, not {name}",
                    def.name.name
                ));
            }
            def.name.name.clone()
        }
        ("table", StmtKind::Assign { target, value }) => {
            let ExprKind::Name(var) = &target.kind else {
                return Err("a stored table must be NAME = db.Table('table', …)".into());
            };
            let ExprKind::Call { func, args } = &value.kind else {
                return Err("a stored table must be NAME = db.Table('table', …)".into());
            };
            let is_table = match &func.kind {
                ExprKind::Name(n) => &**n == "Table",
                ExprKind::Attr { value, attr } => {
                    matches!(&value.kind, ExprKind::Name(d) if &**d == "db")
                        && &*attr.name == "Table"
                }
                _ => false,
            };
            let first = args.first().and_then(|a| match a {
                Arg::Pos(Expr {
                    kind: ExprKind::Str(s),
                    ..
                }) => Some(s.clone()),
                _ => None,
            });
            if !is_table || first.as_deref() != Some(name) {
                return Err(format!(
                    "a stored table must be NAME = db.Table({}, …)",
                    if is_identifier(name) {
                        format!("'{name}'")
                    } else {
                        "'table'".into()
                    }
                ));
            }
            var.clone()
        }
        ("model" | "table", _) => {
            return Err(format!(
                "its source is not a {}",
                if kind == "model" {
                    "model block"
                } else {
                    "db.Table(...) assignment"
                }
            ));
        }
        _ => return Err("its kind is neither 'model' nor 'table'".into()),
    };
    if is_builtin(&binds) || &*binds == "self" {
        return Err(format!("the name {binds} would hide the built-in {binds}"));
    }
    if PY_KEYWORDS.contains(&&*binds) {
        return Err(format!("{binds} is a Python keyword"));
    }
    Ok(Declaration { stmt, binds })
}

/// Only tab and newline among the control characters (`\r\n` counts as a
/// newline): where ormsh and Python would split lines alike.
fn characters(source: &str) -> Result<(), Refusal> {
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        let ok = match c {
            '\t' | '\n' => true,
            '\r' => chars.peek() == Some(&'\n'),
            c => !c.is_control(),
        };
        if !ok {
            return Err(format!(
                "its source contains the control character U+{:04X}",
                c as u32
            ));
        }
    }
    Ok(())
}

/// A message on one line.
fn one_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().to_string()
}

/// The second check: every name, attribute and evaluated string in the
/// declaration. `known` says whether a name is a model or table (defined,
/// or stored in the same file).
pub fn names(d: &Declaration, known: &dyn Fn(&str) -> bool) -> Result<(), Refusal> {
    let mut w = Walk {
        known,
        scope: Vec::new(),
        strings: 0,
    };
    match &d.stmt.kind {
        StmtKind::Model(def) => {
            for m in &def.members {
                let member = &*m.name.name;
                if member.starts_with('_') && member != "__tablename__" && member != "__repr__" {
                    return Err(format!(
                        "its member {member} is not a column, relationship, __tablename__ or __repr__"
                    ));
                }
                if PY_KEYWORDS.contains(&member) {
                    return Err(format!("its member {member} is a Python keyword"));
                }
                let repr = member == "__repr__";
                if repr {
                    w.scope.push(Rc::from("self"));
                }
                w.expr(&m.value)?;
                if repr {
                    w.scope.pop();
                }
                w.scope.push(m.name.name.clone());
            }
            Ok(())
        }
        StmtKind::Assign { value, .. } => w.expr(value),
        _ => Err("it is not a declaration".into()),
    }
}

struct Walk<'a> {
    known: &'a dyn Fn(&str) -> bool,
    scope: Vec<Rc<str>>,
    /// How deeply evaluated strings nest.
    strings: usize,
}

type Checked = Result<(), Refusal>;

impl Walk<'_> {
    fn in_scope(&self, n: &str) -> bool {
        self.scope.iter().any(|s| &**s == n)
    }

    fn name(&self, n: &str) -> Checked {
        if self.in_scope(n) || BUILTINS.contains(&n) || (self.known)(n) {
            return Ok(());
        }
        Err(format!(
            "it uses the name {n}, which is not a model, a table or a built-in a declaration may use"
        ))
    }

    fn attr(&self, value: &Expr, attr: &str) -> Checked {
        if matches!(&value.kind, ExprKind::Name(d) if &**d == "db") && !self.in_scope("db") {
            if DB_ATTRS.contains(&attr) || crate::eval::model_def::type_value(attr).is_some() {
                return Ok(());
            }
            return Err(format!("it uses db.{attr}"));
        }
        if attr.starts_with('_') && attr != "__tablename__" && attr != "__name__" {
            return Err(format!("it uses the attribute {attr}"));
        }
        if EFFECT_ATTRS.contains(&attr) || MUTATING_METHODS.contains(&attr) {
            return Err(format!("it uses .{attr}"));
        }
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> Checked {
        match &e.kind {
            ExprKind::Name(n) => self.name(n),
            ExprKind::None
            | ExprKind::Bool(_)
            | ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_)
            | ExprKind::Bytes(_) => Ok(()),
            ExprKind::FString(parts) => {
                for p in parts {
                    if let FPart::Expr { expr, spec, .. } = p {
                        if spec.as_deref().is_some_and(|s| s.contains(['{', '}'])) {
                            return Err("an f-string's format spec has a nested field".into());
                        }
                        self.expr(expr)?;
                    }
                }
                Ok(())
            }
            ExprKind::List(items) | ExprKind::Tuple(items) => {
                items.iter().try_for_each(|x| self.expr(x))
            }
            ExprKind::Dict(pairs) => pairs.iter().try_for_each(|(k, v)| {
                self.expr(k)?;
                self.expr(v)
            }),
            ExprKind::ListComp { elt, clauses } => {
                let mark = self.scope.len();
                let r = (|| {
                    for c in clauses {
                        self.expr(&c.iter)?;
                        self.scope.extend(c.targets.iter().map(|t| t.name.clone()));
                        c.conds.iter().try_for_each(|x| self.expr(x))?;
                    }
                    self.expr(elt)
                })();
                self.scope.truncate(mark);
                r
            }
            ExprKind::Attr { value, attr } => {
                self.expr(value)?;
                self.attr(value, &attr.name)
            }
            ExprKind::Call { func, args } => self.call(func, args),
            ExprKind::Index { value, index } => {
                self.expr(value)?;
                self.expr(index)
            }
            ExprKind::Slice { lo, hi, step } => [lo, hi, step]
                .into_iter()
                .flatten()
                .try_for_each(|x| self.expr(x)),
            ExprKind::Unary { operand, .. } => self.expr(operand),
            ExprKind::Binary { left, right, .. } | ExprKind::BoolOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)
            }
            ExprKind::Compare { left, rest } => {
                self.expr(left)?;
                rest.iter().try_for_each(|(_, x)| self.expr(x))
            }
            ExprKind::IfElse { body, cond, orelse } => {
                self.expr(cond)?;
                self.expr(body)?;
                self.expr(orelse)
            }
            ExprKind::Lambda { params, body } => {
                let mark = self.scope.len();
                self.scope.extend(params.iter().map(|p| p.name.clone()));
                let r = self.expr(body);
                self.scope.truncate(mark);
                r
            }
        }
    }

    fn call(&mut self, func: &Expr, args: &[Arg]) -> Checked {
        self.expr(func)?;
        let callee: &str = match &func.kind {
            ExprKind::Name(n) if !self.in_scope(n) => n,
            ExprKind::Attr { attr, .. } => &attr.name,
            _ => "",
        };
        let literal = |a: &Arg| match a {
            Arg::Pos(Expr {
                kind: ExprKind::Str(s),
                ..
            })
            | Arg::Kw(
                _,
                Expr {
                    kind: ExprKind::Str(s),
                    ..
                },
            ) => Some(s.clone()),
            _ => None,
        };
        match callee {
            "text" => {
                let sql = match args {
                    [a @ Arg::Pos(_)] => literal(a),
                    _ => None,
                };
                let Some(sql) = sql else {
                    return Err("text() takes one literal string here".into());
                };
                one_sql_expression(&sql).map_err(|why| format!("its text() SQL has {why}"))?;
            }
            "format" if matches!(&func.kind, ExprKind::Attr { value, .. } if !matches!(value.kind, ExprKind::Str(_))) =>
            {
                return Err("it calls .format on something other than a literal template".into());
            }
            "format" => {
                if let ExprKind::Attr { value, .. } = &func.kind
                    && let ExprKind::Str(t) = &value.kind
                    && !plain_template(t)
                {
                    return Err("its format template reads attributes or items".into());
                }
            }
            "relationship" | "backref" => {
                for (i, a) in args.iter().enumerate() {
                    let Some(s) = literal(a) else { continue };
                    match a {
                        Arg::Pos(_) if i == 0 && !is_identifier(&s) => {
                            return Err(format!(
                                "its {callee}() names something that is not an identifier"
                            ));
                        }
                        // `secondary='tags'` names a table; other strings
                        // are Python to SQLAlchemy.
                        Arg::Kw(k, _)
                            if EVALUATED_KWARGS.contains(&&*k.name)
                                && !(&*k.name == "secondary"
                                    && is_identifier(&s)
                                    && (self.known)(&s)) =>
                        {
                            self.string(&s, &k.name)?;
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        for a in args {
            match a {
                Arg::Pos(x) | Arg::Kw(_, x) | Arg::Star(x) | Arg::StarStar(x) => self.expr(x)?,
            }
        }
        Ok(())
    }

    /// A string SQLAlchemy evaluates: one expression, held to the same
    /// rules (with no variables of the block in scope).
    fn string(&mut self, s: &str, what: &str) -> Checked {
        if self.strings > 4 {
            return Err(format!("its {what}= string nests too deeply"));
        }
        let stmts =
            parse_chunk(s).map_err(|_| format!("its {what}= string is not an expression"))?;
        let [
            Stmt {
                kind: StmtKind::Expr(e),
                ..
            },
        ] = stmts.as_slice()
        else {
            return Err(format!("its {what}= string is not one expression"));
        };
        let saved = std::mem::take(&mut self.scope);
        self.strings += 1;
        let r = self.expr(e);
        self.strings -= 1;
        self.scope = saved;
        r
    }
}

/// A `str.format` template whose fields are empty, numbers or names —
/// no `.attr`, `[item]` or nested field.
fn plain_template(t: &str) -> bool {
    let mut rest = t;
    while let Some(i) = rest.find(['{', '}']) {
        let after = &rest[i + 1..];
        if rest[i..].starts_with("{{") || rest[i..].starts_with("}}") {
            rest = &after[1..];
            continue;
        }
        if rest.as_bytes()[i] == b'}' {
            return false;
        }
        let Some(end) = after.find('}') else {
            return false;
        };
        let field = &after[..end];
        let name_end = field.find(['!', ':']).unwrap_or(field.len());
        let name = &field[..name_end];
        if field.contains('{')
            || !(name.is_empty() || name.bytes().all(|b| b.is_ascii_digit()) || is_identifier(name))
        {
            return false;
        }
        rest = &after[end + 1..];
    }
    true
}

#[cfg(test)]
#[path = "declare_tests.rs"]
mod tests;
