//! How an index into a JSON value is written (SQLAlchemy's
//! `json_getitem_op` and `json_path_getitem_op`): `col['k']`, `col[0]`,
//! `col[('a', 1)]`, optionally read as another type (`.as_string()`,
//! `.as_integer()`, …). The dialect decides the text and how the index is
//! bound: SQLite writes `JSON_QUOTE(JSON_EXTRACT(col, ?))` with the path
//! `'$."k"'` bound (`CAST(JSON_EXTRACT(col, ?) AS VARCHAR)` when read as a
//! string); PostgreSQL writes `col -> %(col_1)s` with the key bound
//! (`CAST(col ->> … AS VARCHAR)`, a path `col #> '{a, 1}'`); the default
//! dialect writes `col[:col_1]`.

use std::rc::Rc;

use super::ast::SqlExpr;
use super::compile::Compiler;
use super::dialect::JsonIndexText;
use super::expr::bind_key;

/// One step of a JSON index: a key or a position.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonStep {
    /// An object's member (`col['k']`; a float index is its `str()`).
    Key(Rc<str>),
    /// An array's element (`col[0]`).
    Position(i64),
}

impl Compiler {
    /// `expr[path]`, read as JSON (`cast` `None`) or cast to `cast`.
    pub(super) fn json_index(
        &mut self,
        expr: &SqlExpr,
        path: &[JsonStep],
        is_path: bool,
        cast: Option<&str>,
    ) {
        let dialect = self.dialect;
        let value = dialect.json_path_param(path, is_path);
        let key = bind_key(expr).to_owned();
        match dialect.json_index {
            JsonIndexText::Subscript => {
                self.expr(expr);
                self.push("[");
                self.bind(&value, Some(&key));
                self.push("]");
            }
            JsonIndexText::Arrow => {
                let op = match (is_path, cast.is_some()) {
                    (false, false) => " -> ",
                    (false, true) => " ->> ",
                    (true, false) => " #> ",
                    (true, true) => " #>> ",
                };
                // The operation is grouped inside its CAST (`eager_grouping`).
                if cast.is_some() {
                    self.push("CAST((");
                }
                // An index into an index is grouped: the operators do not
                // associate (`BinaryExpression.self_group` against the same
                // `json_getitem_op`): `(doc.meta -> %(meta_1)s) ->> …`.
                if matches!(expr, SqlExpr::JsonIndex { .. }) {
                    self.push("(");
                    self.expr(expr);
                    self.push(")");
                } else {
                    self.expr(expr);
                }
                self.push(op);
                self.bind(&value, Some(&key));
                if let Some(t) = cast {
                    self.push(") AS ");
                    self.push(t);
                    self.push(")");
                }
            }
            JsonIndexText::JsonExtract => {
                self.push(match cast {
                    None => "JSON_QUOTE(JSON_EXTRACT(",
                    Some(_) => "CAST(JSON_EXTRACT(",
                });
                self.expr(expr);
                self.push(", ");
                self.bind(&value, Some(&key));
                match cast {
                    None => self.push("))"),
                    Some(t) => {
                        self.push(") AS ");
                        self.push(t);
                        self.push(")");
                    }
                }
            }
        }
    }
}
