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
//! row names; a bound name that hides no built-in (`db`, `func`, …) other
//! than a type or schema construct ormsh has as `db.X` (`Interval`,
//! `Text`: `may_shadow`), and no Python keyword. In its expressions: only the names of `pure::is_builtin`,
//! models and tables, earlier members of the block, `self` in `__repr__` and `__str__`,
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

use crate::syntax::ast::{Arg, Expr, ExprKind, Stmt, StmtKind};
use crate::syntax::parse_chunk;

/// The longest stored definition that is read at all.
pub const MAX_SOURCE_BYTES: usize = 256 * 1024;

/// Why a definition is refused: one line, naming only identifiers.
pub type Refusal = String;

pub(super) const PY_KEYWORDS: &[&str] = &[
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

/// Is `s` a plain identifier (what ormsh and Python both read as a name:
/// letters of any script, `Café` too, as `syntax::lexer` reads names)?
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
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
                // `db.Table`, or `sa.Table` after `import sqlalchemy as
                // sa` (the name is checked as any other, `names`).
                ExprKind::Attr { value, attr } => {
                    matches!(&value.kind, ExprKind::Name(_)) && &*attr.name == "Table"
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
    if (is_builtin(&binds) && !may_shadow(&binds)) || &*binds == "self" {
        return Err(format!("the name {binds} would hide the built-in {binds}"));
    }
    if PY_KEYWORDS.contains(&&*binds) {
        return Err(format!("{binds} is a Python keyword"));
    }
    Ok(Declaration { stmt, binds })
}

/// May a definition bind this built-in's name? A SQLAlchemy type or
/// schema construct ormsh also has as `db.X` (`Interval` — the hybrid
/// docs' model —, `Date`, `Text`, `Table`): Python lets a class shadow
/// an imported name, so the model wins, in the session that defines it
/// and when the file is reopened, and the built-in is still `db.X`. The
/// names of ormsh's functions and objects (`db`, `func`, `print`) stay
/// refused: every other definition, and the session, needs them.
pub fn may_shadow(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && crate::eval::surface::declarable_db_attr(name)
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

#[path = "declare_attrs.rs"]
mod attrs_check;
#[path = "declare_names.rs"]
mod names_check;
pub use names_check::{function_body, names};

#[cfg(test)]
#[path = "declare_tests.rs"]
mod tests;
