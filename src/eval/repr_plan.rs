//! A model's `__repr__`/`__str__` compiled once into a format plan: when
//! the expression is `'<User %r>' % self.username`, a tuple of columns
//! after `%`, or an f-string of columns (`f'<User {self.name!r}>'`), each
//! object is written as literal text and its columns' `repr()`/`str()`
//! straight into the output buffer, without running the interpreter per
//! object. The plan is made once per model definition (`Interp`'s cache,
//! keyed by `Model::id`).
//!
//! It only ever gives what Python's evaluation gives: it applies when the
//! columns it reads are loaded (no expired or deferred column: reading
//! those runs SQL), the model is not retired, and the values are plain
//! (`None`, `bool`, `int`, `float`, `str`, whose `repr`/`str` run no user
//! code). Otherwise the caller evaluates the expression as before
//! (`Interp::eval_on_instance`), errors and loads included.

use std::rc::Rc;

use crate::eval::Interp;
use crate::orm::instance::Instance;
use crate::syntax::ast::{BinOp, Expr, ExprKind, FPart};
use crate::value::Value;
use crate::value::repr::{repr_into, str_into};

/// How a column's value is written: Python's `repr()` (`%r`, `!r`) or
/// `str()` (`%s`, `!s`, or an f-string field without conversion or spec,
/// which `format(v, '')` makes `str(v)` for the plain values planned).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Conv {
    Repr,
    Str,
}

/// One part of the text: literal, or a column of the object.
#[derive(Clone, Debug, PartialEq)]
enum Piece {
    Lit(Rc<str>),
    Col(usize, Conv),
}

/// A compiled `__repr__`/`__str__`: the pieces written in order.
#[derive(Debug, PartialEq)]
pub struct ReprPlan {
    pieces: Vec<Piece>,
}

/// `self.NAME` where NAME is a column of the model: its index.
fn self_column(e: &Expr, columns: &dyn Fn(&str) -> Option<usize>) -> Option<usize> {
    let ExprKind::Attr { value, attr } = &e.kind else {
        return None;
    };
    match &value.kind {
        ExprKind::Name(n) if &**n == "self" => columns(&attr.name),
        _ => None,
    }
}

/// `'fmt' % args` with only `%r`, `%s` and `%%` in the format (no keys,
/// flags, widths): the pieces, or None for anything else — which the
/// interpreter then formats (or refuses) as Python does.
fn percent_plan(fmt: &str, args: &[usize]) -> Option<Vec<Piece>> {
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut next = 0;
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            lit.push(c);
            continue;
        }
        let conv = match chars.next()? {
            '%' => {
                lit.push('%');
                continue;
            }
            'r' => Conv::Repr,
            's' => Conv::Str,
            _ => return None,
        };
        if !lit.is_empty() {
            pieces.push(Piece::Lit(Rc::from(std::mem::take(&mut lit))));
        }
        pieces.push(Piece::Col(*args.get(next)?, conv));
        next += 1;
    }
    if next != args.len() {
        return None;
    }
    if !lit.is_empty() {
        pieces.push(Piece::Lit(Rc::from(lit)));
    }
    Some(pieces)
}

impl ReprPlan {
    /// The plan of a `__repr__`/`__str__` expression, when it has the
    /// shape of one; `columns` finds a column's index by attribute name.
    pub fn compile(e: &Expr, columns: &dyn Fn(&str) -> Option<usize>) -> Option<ReprPlan> {
        let pieces = match &e.kind {
            ExprKind::Binary {
                op: BinOp::Mod,
                left,
                right,
            } => {
                let ExprKind::Str(fmt) = &left.kind else {
                    return None;
                };
                let args = match &right.kind {
                    ExprKind::Tuple(items) => items
                        .iter()
                        .map(|x| self_column(x, columns))
                        .collect::<Option<Vec<_>>>()?,
                    _ => vec![self_column(right, columns)?],
                };
                percent_plan(fmt, &args)?
            }
            ExprKind::FString(parts) => {
                let mut pieces = Vec::with_capacity(parts.len());
                for p in parts {
                    pieces.push(match p {
                        FPart::Lit(s) => Piece::Lit(s.clone()),
                        FPart::Expr {
                            expr,
                            conv,
                            spec: None,
                            debug_text: None,
                            ..
                        } => {
                            let conv = match conv {
                                None | Some('s') => Conv::Str,
                                Some('r') => Conv::Repr,
                                _ => return None,
                            };
                            Piece::Col(self_column(expr, columns)?, conv)
                        }
                        FPart::Expr { .. } => return None,
                    });
                }
                pieces
            }
            _ => return None,
        };
        Some(ReprPlan { pieces })
    }
}

/// A value whose `repr()` and `str()` run no user code.
fn plain(v: &Value) -> bool {
    matches!(
        v,
        Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Str(_)
    )
}

impl Interp {
    /// Write `inst` by `plan` into `out`; false (and `out` as it was) when
    /// the plan does not apply to this object now (a column to load, a
    /// value that is not plain), for the caller to evaluate instead.
    pub(crate) fn run_repr_plan(
        &mut self,
        plan: &ReprPlan,
        inst: &Rc<Instance>,
        out: &mut String,
    ) -> bool {
        if inst.model.is_retired() {
            return false;
        }
        let start = out.len();
        for piece in &plan.pieces {
            let (i, conv) = match piece {
                Piece::Lit(s) => {
                    out.push_str(s);
                    continue;
                }
                Piece::Col(i, conv) => (*i, *conv),
            };
            let loaded =
                !self.session.column_defers(inst, i) && !inst.st.borrow().column_expired(i);
            let v = if loaded { inst.value(i) } else { Value::None };
            let ok = loaded
                && plain(&v)
                && match conv {
                    Conv::Repr => repr_into(&v, out, self).is_ok(),
                    Conv::Str => str_into(&v, out, self).is_ok(),
                };
            if !ok {
                out.truncate(start);
                return false;
            }
        }
        true
    }

    /// The cached plan of `model`'s `__repr__` (`str_expr` false) or
    /// `__str__`, compiled on first use.
    pub(crate) fn repr_plan(
        &mut self,
        model: &crate::schema::model::Model,
        str_expr: bool,
    ) -> Option<Rc<ReprPlan>> {
        let key = (model.id, str_expr);
        if let Some(p) = self.repr_plans.get(&key) {
            return p.clone();
        }
        let e = if str_expr {
            &model.str_expr
        } else {
            &model.repr
        };
        let plan = e
            .as_ref()
            .and_then(|e| ReprPlan::compile(e, &|name| model.column(name)))
            .map(Rc::new);
        self.repr_plans.insert(key, plan.clone());
        plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(src: &str) -> Option<ReprPlan> {
        let stmts = crate::syntax::parse_chunk(src).expect("parses");
        let crate::syntax::ast::StmtKind::Expr(e) = &stmts[0].kind else {
            panic!("an expression: {src}");
        };
        ReprPlan::compile(e, &|n| ["id", "name"].iter().position(|c| *c == n))
    }

    #[test]
    fn shapes_planned() {
        let p = plan("'<User %r>' % self.name").expect("planned");
        assert_eq!(
            p.pieces,
            vec![
                Piece::Lit(Rc::from("<User ")),
                Piece::Col(1, Conv::Repr),
                Piece::Lit(Rc::from(">"))
            ]
        );
        let p = plan("'%s: %r %%' % (self.id, self.name)").expect("planned");
        assert_eq!(p.pieces.len(), 4);
        let p = plan("f'<User {self.id} {self.name!r}>'").expect("planned");
        assert_eq!(p.pieces[1], Piece::Col(0, Conv::Str));
        assert_eq!(p.pieces[3], Piece::Col(1, Conv::Repr));
    }

    #[test]
    fn other_shapes_left_to_the_interpreter() {
        for src in [
            "'<User %d>' % self.id",
            "'<User %5r>' % self.name",
            "'<User %r %r>' % self.name",
            "'<User %r>' % (self.id, self.name)",
            "'<User %r>' % self.other",
            "'<User %r>' % other.name",
            "f'{self.name:>10}'",
            "f'{self.name=}'",
            "f'{self.name!a}'",
            "f'{self.name.upper()}'",
            "'<User %(x)s>' % self.name",
            "'<User %' % self.name",
        ] {
            assert_eq!(plan(src), None, "{src}");
        }
    }
}
