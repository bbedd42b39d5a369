//! The text of the SQL constructs a script builds by name (SQLAlchemy's
//! `tuple_()`, `extract()`, `op()`): tuples and the expanding `IN` of
//! tuples, `extract` as the dialect writes it, and user-named operators.
//! `case()`, `cast()` and the rest of the expression grammar are in
//! `expr.rs`.

use super::ast::{Param, SqlExpr};
use super::compile::{Compiler, Mode};
use super::precedence::Op;

impl Compiler {
    /// `(a, b, …)` (`visit_tuple`).
    pub(super) fn tuple(&mut self, items: &[SqlExpr]) {
        self.push("(");
        self.list(items, ", ", |c, x| c.expr(x));
        self.push(")");
    }

    /// The right side of `(a, b) IN …` over rows of bound values: the
    /// `POSTCOMPILE` placeholder in `str()`, and when it runs SQLite's
    /// `(VALUES (?, ?), (?, ?))` (SQLAlchemy's `tuple_in_values`), or the
    /// dialect's empty set of as many columns as a row has.
    pub(super) fn in_tuples(&mut self, arity: usize, rows: &[Vec<Param>]) {
        let name = self.bind_name(None);
        match self.mode {
            Mode::Display | Mode::Generic => {
                self.push("(__[POSTCOMPILE_");
                self.push(&name);
                self.push("])");
                self.params.extend(rows.iter().flatten().cloned());
            }
            Mode::Execute | Mode::Inline => {
                if rows.is_empty() {
                    let empty = self.dialect.empty_set(arity, None);
                    self.push(&empty);
                    return;
                }
                let values = self.dialect.tuple_in_values;
                self.push(if values { "(VALUES " } else { "(" });
                // Each value named as SQLAlchemy expands the rows
                // (`param_1_1_1`, `param_1_1_2`, …), seen only in `pyformat`.
                let mut i = 0;
                self.list(rows, ", ", |c, row| {
                    i += 1;
                    c.push("(");
                    let mut j = 0;
                    c.list(row, ", ", |c, v| {
                        j += 1;
                        c.expanded.push(c.params.len());
                        c.bind_named(v, &format!("{name}_{i}_{j}"));
                    });
                    c.push(")");
                });
                self.push(")");
            }
        }
    }

    /// `extract(field, x)` as the dialect writes it: on SQLite
    /// `CAST(STRFTIME('%Y', x) AS INTEGER)`, else `EXTRACT(year FROM x)`.
    pub(super) fn extract(&mut self, field: &str, expr: &SqlExpr) {
        let (before, after) = self.dialect.extract(field);
        self.push(&before);
        self.expr(expr);
        self.push(after);
    }

    /// `left OP right` for `op('OP')`: SQLAlchemy's `custom_op`, whose
    /// operands are grouped against its precedence (0 unless given).
    pub(super) fn custom_op(&mut self, op: &str, precedence: i32, left: &SqlExpr, right: &SqlExpr) {
        self.child(left, Op::Custom(precedence));
        self.push(" ");
        self.push(op);
        self.push(" ");
        self.child(right, Op::Custom(precedence));
    }
}
