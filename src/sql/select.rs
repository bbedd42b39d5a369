//! SELECT as SQLAlchemy's `visit_select` + `SQLiteCompiler.limit_clause`
//! lay it out:
//!
//! ```text
//! SELECT [DISTINCT ]cols \nFROM froms \nWHERE w GROUP BY g \nHAVING h ORDER BY o\n LIMIT ? OFFSET ?
//! ```
//!
//! (each clause only when present). SQLite needs a LIMIT for an OFFSET, so an
//! offset alone is `LIMIT ? OFFSET ?` binding `-1`, and a limit alone still
//! binds `OFFSET ?` = `0`. `Mode::Generic` uses the default dialect's
//! `limit_clause` instead: `LIMIT :param_1` alone, `LIMIT -1 OFFSET
//! :param_1` (the `-1` written literally).
//!
//! Column lists are labelled as SQLAlchemy labels them when the ORM has not:
//! a function gets `AS name_N` (`count(*) AS count_1`), a CAST of a column
//! the column's name, other computed values `AS anon_N`; a bare column, `*`,
//! raw/text SQL and a negated column stay bare. Inside a FROM subquery bare
//! columns are labelled with their own names (`post.category_id AS
//! category_id`), so the outer query can refer to `anon_1.category_id`. A
//! bare column whose name an earlier one took is labelled `name_N`
//! (SQLAlchemy 2's `LABEL_STYLE_DISAMBIGUATE_ONLY`: `"user".id, post.id AS
//! id_1`).

use std::rc::Rc;

use super::ast::{FromItem, Param, Select, SqlExpr};
use super::compile::Compiler;
use super::dialect::LimitText;
use super::func::anon_label_base;
use super::precedence::Op;

/// `Select.fetch(count, with_ties=, percent=)`'s options: the statement's
/// limit is then written `FETCH FIRST count [PERCENT ]ROWS ONLY|WITH TIES`.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct FetchFirst {
    pub with_ties: bool,
    pub percent: bool,
}

impl Compiler {
    /// A whole SELECT; `asfrom` when it is a subquery in a FROM clause.
    pub(super) fn select(&mut self, s: &Select, asfrom: bool) {
        if !s.compound.is_empty() {
            self.compound(s, asfrom);
            self.limit_clause(s);
            return;
        }
        self.push("SELECT ");
        self.prefixes(&s.prefixes);
        if s.distinct {
            self.push("DISTINCT ");
        }
        let from = self.correlated(s, asfrom);
        let mut level = Vec::new();
        super::correlate::from_names(&s.from, &mut level);
        // A FROM subquery's own nested SELECTs correlate only to it.
        let outer = if asfrom {
            std::mem::take(&mut self.enclosing)
        } else {
            Vec::new()
        };
        self.enclosing.push(level);
        let mut names = Vec::with_capacity(s.columns.len());
        for at in 0..s.columns.len() {
            if at > 0 {
                self.push(", ");
            }
            self.select_column(&s.columns, at, asfrom, &mut names);
        }
        if !from.is_empty() {
            self.push(" \nFROM ");
            self.list(&from, ", ", |c, f| c.write_from(f));
        }
        if !super::expr::kept(&s.where_).is_empty() {
            self.push(" \nWHERE ");
            self.conjunction(&s.where_);
        }
        if !s.group_by.is_empty() {
            self.push(" GROUP BY ");
            self.list(&s.group_by, ", ", |c, e| c.expr(unlabelled(e)));
        }
        if !super::expr::kept(&s.having).is_empty() {
            self.push(" \nHAVING ");
            self.conjunction(&s.having);
        }
        if !s.order_by.is_empty() {
            self.push(" ORDER BY ");
            self.list(&s.order_by, ", ", |c, e| c.order_term(e, &s.columns));
        }
        self.enclosing.pop();
        if asfrom {
            self.enclosing = outer;
        }
        self.limit_clause(s);
        if s.for_update {
            let text = self.dialect.for_update;
            self.push(text);
        }
    }

    /// `LIMIT … OFFSET …` as the dialect writes it (nothing without either).
    fn limit_clause(&mut self, s: &Select) {
        if let Some(f) = s.fetch {
            return self.fetch_clause(s, f);
        }
        match (&s.limit, &s.offset) {
            (None, None) => {}
            (limit, offset) if self.dialect.limit == LimitText::Postgresql => {
                if let Some(l) = limit {
                    self.push(" \n LIMIT ");
                    self.expr(l);
                }
                if let Some(o) = offset {
                    if limit.is_none() {
                        self.push("\n LIMIT ALL");
                    }
                    self.push(" OFFSET ");
                    self.expr(o);
                }
            }
            (limit, offset) if self.dialect.limit == LimitText::Default => {
                self.push("\n LIMIT ");
                match limit {
                    Some(l) => self.expr(l),
                    None => self.push("-1"),
                }
                if let Some(o) = offset {
                    self.push(" OFFSET ");
                    self.expr(o);
                }
            }
            (Some(limit), offset) => {
                self.push("\n LIMIT ");
                self.expr(limit);
                self.push(" OFFSET ");
                match offset {
                    Some(o) => self.expr(o),
                    None => self.bind(&Param::Int(0), None),
                }
            }
            (None, Some(offset)) => {
                self.push("\n LIMIT ");
                self.bind(&Param::Int(-1), None);
                self.push(" OFFSET ");
                self.expr(offset);
            }
        }
    }

    /// `\n OFFSET x ROWS\n FETCH FIRST y ROWS ONLY` for `fetch()`
    /// (SQLAlchemy's `fetch_clause`): PostgreSQL's compiler puts each
    /// value in parentheses, `PERCENT` and `WITH TIES` as asked.
    fn fetch_clause(&mut self, s: &Select, f: FetchFirst) {
        let pg = self.dialect.limit == LimitText::Postgresql;
        let (open, close) = if pg { ("(", ")") } else { ("", "") };
        if let Some(o) = &s.offset {
            self.push(&format!("\n OFFSET {open}"));
            self.expr(o);
            self.push(&format!("{close} ROWS"));
        }
        if let Some(l) = &s.limit {
            self.push(&format!("\n FETCH FIRST {open}"));
            self.expr(l);
            self.push(close);
            self.push(if f.percent { " PERCENT ROWS" } else { " ROWS" });
            self.push(if f.with_ties { " WITH TIES" } else { " ONLY" });
        }
    }

    /// Criteria ANDed together (a lone one is written as is), as
    /// SQLAlchemy's `and_` joins them: a `true()` among others is dropped,
    /// a `false()` is the whole criterion, and one standing alone is
    /// written as the dialect's boolean criterion (`1 = 1` on SQLite).
    pub(super) fn conjunction(&mut self, items: &[SqlExpr]) {
        let items = super::expr::kept(items);
        let known = |b: bool| items.iter().any(|e| **e == SqlExpr::Bool(b));
        if known(false) || items.iter().all(|e| **e == SqlExpr::Bool(true)) {
            let text = self.dialect.bool_criterion(!known(false));
            return self.push(&text);
        }
        let rest: Vec<&SqlExpr> = items
            .into_iter()
            .filter(|e| **e != SqlExpr::Bool(true))
            .collect();
        match rest[..] {
            [one] => self.expr(one),
            ref many => self.list(many, " AND ", |c, e| c.child(e, Op::And)),
        }
    }

    /// An ORDER BY term. A label is never written `x AS name` there: by
    /// its name when the columns hold it (SQLAlchemy's
    /// `render_label_as_label`), else as its expression.
    fn order_term(&mut self, e: &SqlExpr, columns: &[SqlExpr]) {
        let (label, desc) = match e {
            SqlExpr::Order { expr, desc } => (&**expr, Some(*desc)),
            other => (other, None),
        };
        let SqlExpr::Label { expr, name } = label else {
            // An ORDER BY term is not grouped: `ORDER BY m.s LIKE …`.
            self.mark_bare_like(e);
            return self.expr(e);
        };
        let term = if columns.contains(label) {
            SqlExpr::Column {
                table: None,
                name: name.clone(),
            }
        } else {
            (**expr).clone()
        };
        match desc {
            Some(desc) => self.expr(&SqlExpr::Order {
                expr: Box::new(term),
                desc,
            }),
            None => self.expr(&term),
        }
    }

    /// Entry `at` of a column list. `names` holds the names the list has
    /// given so far: a bare column whose name is taken is labelled
    /// `name_N`, the same column again `name__N`, as SQLAlchemy 2's select
    /// disambiguates (`"user".id, post.id AS id_1, post.id AS id__1`).
    fn select_column(
        &mut self,
        columns: &[SqlExpr],
        at: usize,
        asfrom: bool,
        names: &mut Vec<Rc<str>>,
    ) {
        let col = &columns[at];
        let label = match col {
            SqlExpr::Label { name, .. } => {
                names.push(name.clone());
                None
            }
            // The same column again is `id__1`; another of that name `id_1`.
            SqlExpr::Column { name, .. } if columns[..at].contains(col) => {
                Some(self.anon(&format!("{name}_")))
            }
            SqlExpr::Column { name, .. } if names.contains(name) => Some(self.anon(name)),
            SqlExpr::Column { name, .. } => {
                names.push(name.clone());
                asfrom.then(|| name.to_string())
            }
            SqlExpr::Star
            | SqlExpr::Raw(_)
            | SqlExpr::Text { .. }
            | SqlExpr::LiteralColumn(_)
            | SqlExpr::Order { .. }
            | SqlExpr::Nulls { .. }
            | SqlExpr::Distinct(_) => None,
            // `-x`, `~x`: unlabelled over a named column only
            // (`_wraps_unnamed_column`).
            SqlExpr::Neg(x) | SqlExpr::BitNot(x) if super::ast::is_named_column(x) => None,
            SqlExpr::Func { name, .. } => Some(self.anon(&anon_label_base(name))),
            // A `WithinGroup` is named as its function, a `FunctionFilter`
            // and an `Over` are anonymous.
            SqlExpr::FuncModifier {
                func,
                kind: crate::sql::ast::FuncModifierKind::WithinGroup,
                ..
            } => match &**func {
                SqlExpr::Func { name, .. } => Some(self.anon(&anon_label_base(name))),
                _ => Some(self.anon("anon")),
            },
            SqlExpr::Over { .. } | SqlExpr::FuncModifier { .. } => Some(self.anon("anon")),
            // SQLAlchemy's `WrapsColumnExpression`: named as its column, and
            // when that name is taken, deduplicated as `name__N`.
            SqlExpr::Cast { expr, .. } | SqlExpr::TypeCoerce(expr) => match &**expr {
                SqlExpr::Column { name, .. } if names.contains(name) => {
                    Some(self.anon(&format!("{name}_")))
                }
                SqlExpr::Column { name, .. } => {
                    names.push(name.clone());
                    Some(name.to_string())
                }
                _ => Some(self.anon("anon")),
            },
            _ => Some(self.anon("anon")),
        };
        if label.is_some() {
            self.mark_bare_like(col);
        }
        self.label_as = matches!(col, SqlExpr::Label { .. });
        self.expr(col);
        self.label_as = false;
        if let Some(label) = label {
            self.push(" AS ");
            self.ident(&label);
        }
    }

    pub(super) fn write_from(&mut self, f: &FromItem) {
        crate::stack::grow(|| self.write_from_here(f))
    }

    fn write_from_here(&mut self, f: &FromItem) {
        match f {
            FromItem::Table { name, alias } => {
                self.ident(name);
                if let Some(a) = alias {
                    self.push(" AS ");
                    self.ident(a);
                }
            }
            FromItem::Join {
                left,
                right,
                on,
                kind,
            } => {
                self.write_from(left);
                self.push(kind.sql());
                let nested = matches!(**right, FromItem::Join { .. });
                if nested {
                    self.push("(");
                }
                self.write_from(right);
                if nested {
                    self.push(")");
                }
                self.push(" ON ");
                self.expr(on);
            }
            FromItem::Subquery { select, alias } => {
                self.push("(");
                self.select(select, true);
                self.push(") AS ");
                self.ident(alias);
            }
            FromItem::Cte(c) => self.cte_ref(c),
            FromItem::Text(sql) => self.push(sql),
        }
    }
}

/// A GROUP BY term: a label's expression (SQLAlchemy writes the
/// expression there, never `x AS name`).
fn unlabelled(e: &SqlExpr) -> &SqlExpr {
    match e {
        SqlExpr::Label { expr, .. } => expr,
        other => other,
    }
}
