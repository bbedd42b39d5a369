//! An expression written into DDL, as SQLAlchemy's DDL compiler writes a
//! `CheckConstraint`'s condition, an `Index`'s expressions, a partial
//! index's `sqlite_where` and a `server_default`: columns without their
//! table (`include_table=False`), values as SQL literals
//! (`literal_binds=True`).

use super::ast::SqlExpr;
use super::compile::{Compiler, Mode};
use super::dialect::Dialect;

/// `expr` as DDL text: `x > 5`, `lower(name) DESC`, `CURRENT_TIMESTAMP`.
pub fn ddl_expression(expr: &SqlExpr, dialect: &'static Dialect) -> String {
    let bare = expr.clone().map(&mut |e| match e {
        SqlExpr::Column { name, .. } => SqlExpr::Column { table: None, name },
        other => other,
    });
    let mut c = Compiler::new(Mode::Inline, dialect);
    c.expr(&bare);
    c.finish().sql
}
