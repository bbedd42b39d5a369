//! `INSERT INTO t (a, b) SELECT …[ RETURNING …]`: SQLAlchemy's
//! `insert(M).from_select(names, select)` as its compiler writes it (the
//! SELECT bare after the column list, no parentheses, no `VALUES`).

use std::rc::Rc;

use super::ast::{Compiled, Select};
use super::compile::{Compiler, Mode};
use super::dialect::Dialect;

/// The statement of `Insert.from_select` in any mode.
pub fn insert_select_in(
    table: &str,
    columns: &[Rc<str>],
    select: &Select,
    returning: &[Rc<str>],
    mode: Mode,
    dialect: &'static Dialect,
) -> Compiled {
    let mut c = Compiler::new(mode, dialect);
    c.push("INSERT INTO ");
    c.ident(table);
    c.push(" (");
    c.list(columns, ", ", |c, col| c.ident(col));
    c.push(") ");
    c.select(select, false);
    c.returning(table, returning);
    c.finish()
}
