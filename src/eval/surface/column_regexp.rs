//! `col.regexp_match(pattern, flags=None)` and `col.regexp_replace(...)`
//! (SQLAlchemy's `ColumnOperators.regexp_match`/`regexp_replace`) as its
//! SQLite dialect treats them: the match is `col REGEXP ?`, run by the
//! `regexp` function the engine registers as pysqlite's dialect does
//! (`engine::regexp`); the replacement is a `CompileError`, as there.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::Sig;
use crate::orm::expr::ColumnElement;
use crate::sql::ast::{BinaryOp, SqlExpr};
use crate::value::Value;

/// `flags` is accepted and dropped: SQLAlchemy's SQLite compiler writes
/// `REGEXP` without them (inline flags such as `(?i)` work).
pub const REGEXP_SIG: Sig = Sig {
    kw: &["replacement"],
    ignored: &[(
        "flags",
        "SQLAlchemy's SQLite dialect writes REGEXP without flags; put them inline, as (?i)",
    )],
    any_kw: false,
};

/// `col.regexp_match(pattern)`: `col REGEXP ?`. Untyped, as SQLAlchemy's
/// `_regexp_match_impl` builds it: selected, it reads back as 0 or 1.
pub fn regexp_match(_: &mut Interp, c: &Rc<ColumnElement>, a: Args) -> Result<Value> {
    if a.pos.is_empty() || a.pos.len() > 2 {
        return Err(Error::type_(format!(
            "regexp_match() takes from 1 to 2 arguments ({} given)",
            a.pos.len()
        )));
    }
    let pattern = c.bind(&a.pos[0])?;
    let expr = SqlExpr::Binary {
        op: BinaryOp::Regexp,
        left: Box::new(c.expr.clone()),
        right: Box::new(pattern),
    };
    ColumnElement::derived(expr, None, true)
        .with_froms_of([&**c])
        .with_froms_of_values([&a.pos[0]])
        .into_value()
}

/// `col.regexp_replace(pattern, replacement)`: SQLAlchemy's SQLite
/// compiler has no `visit_regexp_replace_op_binary`, so the statement
/// fails to compile; ormsh says so when the expression is made.
pub fn regexp_replace(_: &mut Interp, _: &Rc<ColumnElement>, _: Args) -> Result<Value> {
    Err(Error::new(
        ErrorKind::CompileError,
        "sqlite dialect does not support regular expression replacements",
    )
    .with_help("SQLite has no regexp_replace; use func.replace(col, old, new) for plain text"))
}
