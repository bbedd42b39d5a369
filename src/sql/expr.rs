//! Expressions, with SQLAlchemy's parenthesisation: a sub-expression is
//! wrapped when its operator binds no tighter than its parent's
//! (`operators._PRECEDENCE` and `is_precedent`), except for a run of the
//! same associative operator (`AND`, `OR`, `+`, `*`, `||`). So `(a OR b)
//! AND c`, `a AND b OR c`, `NOT (a AND b)`, `(a + 1) * 2`, `a - (b - 1)`,
//! `(name || ?) = ?`.
//!
//! `NOT` is applied the way SQLAlchemy's `~` does: comparisons flip
//! (`NOT (a = b)` is written `a != b`, `<` becomes `>=`), as do `LIKE`,
//! `IN`, `BETWEEN` and `IS`; anything else gets `NOT x` / `NOT (x)`.
//! `NOT IN` and the `startswith` family come out self-parenthesised, as in
//! SQLAlchemy: `(user.id NOT IN (…))`, `(name LIKE ? || '%')`. An `ESCAPE`
//! goes inside those parentheses: `(name LIKE '%' || ? || '%' ESCAPE '/')`.

use super::ast::{BinaryOp, Param, Select, SqlExpr};
use super::compile::{Compiler, Mode};
use super::dialect::TrueDiv;
use super::negate::negate;
use super::operators_text::symbol;
use super::params::sql_literal;
use super::precedence::{Op, level, natural_self_precedent, precedence};
use super::text::{self, TextPart};

/// The name SQLAlchemy derives a bind's name from: the column's (or
/// function's) name, else `param`.
pub(super) fn bind_key(e: &SqlExpr) -> &str {
    match e {
        SqlExpr::Column { name, .. } | SqlExpr::Func { name, .. } | SqlExpr::Label { name, .. } => {
            name
        }
        _ => "param",
    }
}

impl Compiler {
    /// An expression in a position that never needs parentheses. Every
    /// nested expression and subquery comes through here: each level runs
    /// with room on the stack (`stack::grow`; the depth is bounded where
    /// expressions are made, `sql::depth`).
    pub(super) fn expr(&mut self, e: &SqlExpr) {
        crate::stack::grow(|| self.expr_here(e))
    }

    fn expr_here(&mut self, e: &SqlExpr) {
        match e {
            SqlExpr::Column { table, name } => {
                // SQLAlchemy's `visit_column` numbers an anonymous column
                // name before its table's (`anon_2.anon_1`).
                let name = match super::anon::is_anon(name) {
                    true => std::borrow::Cow::Owned(self.resolve_anon(name)),
                    false => std::borrow::Cow::Borrowed(&**name),
                };
                if let Some(t) = table {
                    self.ident(t);
                    self.push(".");
                }
                self.ident(&name);
            }
            SqlExpr::Param { value, key } => self.bind(value, key.as_deref()),
            SqlExpr::Late { value, key } => self.bind_late(value, key.as_deref()),
            SqlExpr::Null => self.push("NULL"),
            SqlExpr::Star => self.push("*"),
            SqlExpr::Raw(s) => self.push(s),
            SqlExpr::Binary { op, left, right } => self.binary(*op, left, right, None),
            SqlExpr::And(v) => self.list(&kept(v), " AND ", |c, x| c.child(x, Op::And)),
            SqlExpr::Or(v) => self.list(&kept(v), " OR ", |c, x| c.child(x, Op::Or)),
            SqlExpr::Not(inner) => match negate(inner) {
                Some(n) => self.expr(&n),
                None => {
                    self.push("NOT ");
                    self.child(inner, Op::Inv);
                }
            },
            SqlExpr::Neg(inner) => {
                self.push("-");
                self.child(inner, Op::Neg);
            }
            SqlExpr::BitNot(inner) => {
                self.push("~");
                self.child(inner, Op::Neg);
            }
            SqlExpr::InList {
                expr,
                values,
                negated,
                null_type,
            } => self.in_(expr, *negated, |c| {
                c.in_values(bind_key(expr), values, null_type.as_deref())
            }),
            SqlExpr::InSelect {
                expr,
                select,
                negated,
            } => self.in_(expr, *negated, |c| c.subquery("", select)),
            SqlExpr::Between {
                expr,
                low,
                high,
                negated,
                symmetric,
            } => {
                self.child(expr, Op::Between);
                self.push(if *negated {
                    " NOT BETWEEN "
                } else {
                    " BETWEEN "
                });
                if *symmetric {
                    self.push("SYMMETRIC ");
                }
                self.child(low, Op::And);
                self.push(" AND ");
                self.child(high, Op::And);
            }
            SqlExpr::Func { name, args } => self.func(name, args),
            SqlExpr::Over {
                func,
                partition_by,
                order_by,
                frame,
            } => self.over(func, partition_by, order_by, frame.as_deref()),
            SqlExpr::FuncModifier {
                func,
                kind,
                clauses,
            } => self.func_modifier(func, *kind, clauses),
            SqlExpr::TypeCoerce(inner) => self.expr(inner),
            SqlExpr::JsonIndex {
                expr,
                path,
                is_path,
                cast,
            } => self.json_index(expr, path, *is_path, cast.as_deref()),
            SqlExpr::Label { expr, .. } if !self.label_as => self.expr(expr),
            SqlExpr::Label { expr, name } => {
                self.label_as = false;
                // SQLAlchemy's `visit_label` numbers an anonymous label
                // before it writes the element (`… anon_2.n AS anon_1`).
                if super::anon::is_anon(name) && super::anon::plain(name) == "anon" {
                    self.mark_bare_like(expr);
                }
                let name = match super::anon::is_anon(name) {
                    true => std::borrow::Cow::Owned(self.resolve_anon(name)),
                    false => std::borrow::Cow::Borrowed(&**name),
                };
                self.expr(expr);
                self.push(" AS ");
                self.ident(&name);
            }
            SqlExpr::Order { expr, desc } => {
                self.child(expr, Op::Order);
                self.push(if *desc { " DESC" } else { " ASC" });
            }
            SqlExpr::Exists(s) => self.subquery("EXISTS ", s),
            SqlExpr::Subquery(s) => self.subquery("", s),
            SqlExpr::Text { sql, binds } => self.text(sql, binds),
            SqlExpr::Grouping(inner) => {
                self.push("(");
                self.expr(inner);
                self.push(")");
            }
            SqlExpr::Cast { expr, type_sql } => {
                self.push("CAST(");
                self.expr(expr);
                self.push(" AS ");
                self.push(type_sql);
                self.push(")");
            }
            SqlExpr::Case {
                value,
                whens,
                else_,
            } => self.case(value.as_deref(), whens, else_.as_deref()),
            SqlExpr::Distinct(inner) => {
                self.push("DISTINCT ");
                self.expr(inner);
            }
            SqlExpr::Escape { like, escape } => self.escape(like, escape),
            SqlExpr::Bool(b) => {
                let d = self.dialect;
                self.push(if *b { d.true_sql } else { d.false_sql });
            }
            SqlExpr::Tuple(items) => self.tuple(items),
            SqlExpr::InTuples {
                expr,
                rows,
                negated,
            } => {
                let arity = match &**expr {
                    SqlExpr::Tuple(items) => items.len(),
                    _ => 1,
                };
                self.in_(expr, *negated, |c| c.in_tuples(arity, rows))
            }
            SqlExpr::Extract { field, expr } => self.extract(field, expr),
            SqlExpr::Nulls { expr, first } => {
                self.expr(expr);
                self.push(if *first {
                    " NULLS FIRST"
                } else {
                    " NULLS LAST"
                });
            }
            SqlExpr::Collate { expr, collation } => {
                self.child(expr, Op::Collate);
                self.push(" COLLATE ");
                self.ident(collation);
            }
            SqlExpr::CustomOp {
                op,
                precedence,
                left,
                right,
            } => self.custom_op(op, *precedence, left, right),
            SqlExpr::LiteralColumn(text) => self.push(text),
        }
    }

    /// `x IN …` / `(x NOT IN …)`, the right side written by `rhs`.
    pub(super) fn in_(&mut self, expr: &SqlExpr, negated: bool, rhs: impl FnOnce(&mut Self)) {
        if negated {
            self.push("(");
        }
        self.child(expr, Op::In);
        self.push(if negated { " NOT IN " } else { " IN " });
        rhs(self);
        if negated {
            self.push(")");
        }
    }

    /// `prefix(SELECT …)`: `EXISTS (…)`, a scalar subquery, `IN (…)`.
    fn subquery(&mut self, prefix: &str, s: &Select) {
        self.push(prefix);
        self.push("(");
        self.select(s, false);
        self.push(")");
    }

    /// `CASE [value] WHEN c THEN v … ELSE e END`.
    fn case(
        &mut self,
        value: Option<&SqlExpr>,
        whens: &[(SqlExpr, SqlExpr)],
        else_: Option<&SqlExpr>,
    ) {
        self.push("CASE");
        if let Some(v) = value {
            self.push(" ");
            self.expr(v);
        }
        for (cond, value) in whens {
            self.push(" WHEN ");
            self.child(cond, Op::Top);
            self.push(" THEN ");
            self.expr(value);
        }
        if let Some(e) = else_ {
            self.push(" ELSE ");
            self.expr(e);
        }
        self.push(" END");
    }

    /// Before writing `e` under an anonymous label in a column list:
    /// SQLAlchemy's `_CompileLabel` does not group its element, so a
    /// `startswith`/`endswith`/`contains` there loses the parentheses it
    /// has elsewhere (`SELECT m.s LIKE ? || '%' AS anon_1`).
    pub(super) fn mark_bare_like(&mut self, e: &SqlExpr) {
        use BinaryOp::*;
        let top = match e {
            SqlExpr::Escape { like, .. } => like,
            other => other,
        };
        self.bare_like = matches!(
            top,
            SqlExpr::Binary {
                op: StartsWith
                    | NotStartsWith
                    | EndsWith
                    | NotEndsWith
                    | Contains
                    | NotContains
                    | IStartsWith
                    | NotIStartsWith
                    | IEndsWith
                    | NotIEndsWith
                    | IContains
                    | NotIContains,
                ..
            }
        );
    }

    /// A LIKE-family comparison with ` ESCAPE '…'`; around `~like` it is
    /// the flipped comparison's.
    fn escape(&mut self, like: &SqlExpr, escape: &str) {
        let flipped = match like {
            SqlExpr::Not(inner) => negate(inner),
            _ => None,
        };
        match flipped.as_ref().unwrap_or(like) {
            SqlExpr::Binary { op, left, right } => self.binary(*op, left, right, Some(escape)),
            other => {
                self.expr(other);
                self.escape_clause(Some(escape));
            }
        }
    }

    /// ` ESCAPE '…'`, the escape text as an SQL literal (SQLAlchemy's
    /// `render_literal_value`), in every mode.
    pub(super) fn escape_clause(&mut self, escape: Option<&str>) {
        if let Some(e) = escape {
            self.push(" ESCAPE ");
            let lit = sql_literal(&Param::Text(e.into()));
            self.push(&lit);
        }
    }

    /// `e` as an operand of `against`, parenthesised when SQLAlchemy would.
    pub(super) fn child(&mut self, e: &SqlExpr, against: Op) {
        // A label inside an operator is its element (SQLAlchemy writes
        // `AS name` only in the columns clause): `having(n > 1)` with
        // `n = func.count(x).label('n')` is `count(x) > ?`.
        if let SqlExpr::Label { expr, .. } = e
            && against != Op::Order
        {
            return self.child(expr, against);
        }
        let wrap = match precedence(e) {
            None => false,
            Some(op) => {
                level(op) <= level(against) && !(op == against && natural_self_precedent(op))
            }
        };
        if wrap {
            self.push("(");
            self.expr(e);
            self.push(")");
        } else {
            self.expr(e);
        }
    }

    /// `left op right` (through `operators_text`'s `binary`); `escape`
    /// only for the LIKE family; `in_operator`: it is itself an operand.
    pub(super) fn binary_in(
        &mut self,
        op: BinaryOp,
        left: &SqlExpr,
        right: &SqlExpr,
        escape: Option<&str>,
        in_operator: bool,
    ) {
        use BinaryOp::*;
        match op {
            Match | NotMatch | DistinctFrom | NotDistinctFrom | BitXor => {
                self.dialect_binary(op, left, right, in_operator);
            }
            Eq | Ne | Is | IsNot if *right == SqlExpr::Null => {
                self.child(left, Op::Bin(Is));
                self.push(if matches!(op, Eq | Is) {
                    " IS NULL"
                } else {
                    " IS NOT NULL"
                });
            }
            ILike | NotILike => self.ilike(op, left, right, escape),
            StartsWith | NotStartsWith | EndsWith | NotEndsWith | Contains | NotContains => {
                self.affix_like(op, left, right, escape, false);
            }
            IStartsWith | NotIStartsWith | IEndsWith | NotIEndsWith | IContains | NotIContains => {
                self.affix_like(op, left, right, escape, true);
            }
            Regexp | NotRegexp => {
                self.child(left, Op::Bin(op));
                self.push(self.dialect.regexp(op == NotRegexp));
                self.child(right, Op::Bin(op));
            }
            // The dialect's `visit_truediv_binary`.
            TrueDivInt if self.dialect.truediv == TrueDiv::CastNumeric => {
                self.child(left, Op::Bin(op));
                self.push(" / CAST(");
                self.expr(right);
                self.push(" AS NUMERIC)");
            }
            // `visit_floordiv_binary`: a function call, so no parentheses
            // around it; its division binds as `/` does.
            FloorDiv => {
                self.push("FLOOR(");
                self.child(left, Op::Bin(Div));
                self.push(" / ");
                self.child(right, Op::Bin(Div));
                self.push(")");
            }
            TrueDivCast if self.dialect.truediv == TrueDiv::CastNumeric => {
                self.child(left, Op::Bin(op));
                self.push(" / ");
                self.expr(right);
            }
            TrueDivCast => {
                let divisor = match right {
                    SqlExpr::Cast { expr, .. } => expr,
                    other => other,
                };
                self.child(left, Op::Bin(op));
                self.push(" / (");
                self.child(divisor, Op::Bin(Add));
                self.push(" + 0.0)");
            }
            TrueDivInt => {
                self.child(left, Op::Bin(op));
                self.push(" / (");
                self.child(right, Op::Bin(Add));
                self.push(" + 0.0)");
            }
            _ => {
                self.child(left, Op::Bin(op));
                self.push(symbol(op));
                self.child(right, Op::Bin(op));
                if matches!(op, Like | NotLike) {
                    self.escape_clause(escape);
                }
            }
        }
    }

    /// The parenthesised list of an expanding `IN`.
    fn in_values(&mut self, key: &str, values: &[Param], null_type: Option<&str>) {
        match self.mode {
            Mode::Display | Mode::Generic => {
                let name = self.bind_name(Some(key));
                self.push("(__[POSTCOMPILE_");
                self.push(&name);
                self.push("])");
                self.params.extend(values.iter().cloned());
            }
            Mode::Execute | Mode::Inline => {
                let name = self.bind_name(Some(key));
                if values.is_empty() {
                    let empty = self.dialect.empty_set(1, null_type);
                    self.push(&empty);
                } else {
                    // Each value named as SQLAlchemy expands the list
                    // (`id_1_1`, `id_1_2`, …), seen only in `pyformat`.
                    self.push("(");
                    let mut at = 0;
                    self.list(values, ", ", |c, v| {
                        at += 1;
                        c.expanded.push(c.params.len());
                        c.bind_named(v, &format!("{name}_{at}"));
                    });
                    self.push(")");
                }
            }
        }
    }

    /// `text()` SQL with its `:name` binds (missing ones bind NULL; see
    /// `text.rs`).
    pub(super) fn text(&mut self, sql: &str, binds: &[(std::rc::Rc<str>, Param)]) {
        for part in text::split(sql) {
            match part {
                TextPart::Sql(s) => self.push(&s),
                TextPart::Bind(name) => {
                    match binds.iter().find(|(n, _)| &**n == name) {
                        Some((_, v)) => self.bind_named(v, name),
                        // No value yet: one given when the statement runs
                        // (`sql::named_bind`), else its StatementError then.
                        None => {
                            if let SqlExpr::Late { value, key } =
                                super::named_bind::named(std::rc::Rc::from(name), None)
                            {
                                self.bind_late(&value, key.as_deref());
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The clauses of a list that compile to something: SQLAlchemy's
/// `_generate_delimited_list` skips an empty `and_()`/`or_()`.
pub(super) fn kept(v: &[SqlExpr]) -> Vec<&SqlExpr> {
    v.iter().filter(|e| !e.is_empty_clause()).collect()
}
