//! What query methods share: an ORDER BY term from a column, expression or
//! name (`order_expr`), the model a query's tables map (`model_of_tables`,
//! for `filter_by` after a join), and `str(query)` (`query_sql`).

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::orm::expr::ColumnElement;
use crate::orm::query::{Entity, Query};
use crate::sql::compile::{self, Mode};
use crate::sql::dialect::DEFAULT;
use crate::value::Value;
use std::rc::Rc;

impl Interp {
    pub(crate) fn order_expr(&mut self, q: &Query, v: &Value) -> Result<crate::sql::ast::SqlExpr> {
        if let Some(s) = v.downcast::<ColumnElement>() {
            // `desc('n')` after a legacy union: `anon_1.n DESC`.
            if let crate::sql::ast::SqlExpr::Order { expr, desc } = &s.expr
                && let crate::sql::ast::SqlExpr::Column { table: None, name } = &**expr
                && let Some(e) = compound_column(q, name)
            {
                return Ok(crate::sql::ast::SqlExpr::Order {
                    expr: Box::new(e),
                    desc: *desc,
                });
            }
            return Ok(s.expr.clone());
        }
        // text('x desc'): the SQL as written.
        if let Some(t) = v.downcast::<crate::eval::objects::TextClause>() {
            return Ok(crate::sql::ast::SqlExpr::Text {
                sql: Rc::from(&*t.0),
                binds: crate::eval::text_clause::binds(&t)?,
            });
        }
        // A legacy union's column, by its name in `anon_1`.
        if let Value::Str(name) = v
            && let Some(e) = compound_column(q, name)
        {
            return Ok(e);
        }
        // A label of the query's columns, by its name (SQLAlchemy's
        // `_label_reference`): written as the name.
        if let Value::Str(name) = v
            && label_of(q, name)
        {
            return Ok(crate::sql::ast::SqlExpr::Column {
                table: None,
                name: Rc::from(name.as_ref()),
            });
        }
        if let Value::Str(name) = v {
            let (col, desc) = match name
                .strip_suffix(" desc")
                .or_else(|| name.strip_suffix(" DESC"))
            {
                Some(c) => (c.trim(), true),
                None => (name.trim_end_matches(" asc").trim(), false),
            };
            // A legacy union's columns are anon_1's, named above.
            if let Some(model) = q.primary_model().filter(|_| q.adapt.is_empty())
                && let Some(i) = model.column(col)
            {
                let c = ColumnElement::column(&model, i).expr;
                return Ok(if desc {
                    crate::sql::ast::SqlExpr::Order {
                        expr: Box::new(c),
                        desc: true,
                    }
                } else {
                    c
                });
            }
            let columns = q
                .primary_model()
                .map(|m| m.field_names().join(", "))
                .unwrap_or_default();
            return Err(Error::new(
                ErrorKind::CompileError,
                format!("cannot order by '{name}': no such column"),
            )
            .with_help(format!("order by a column, e.g. order_by('id') or order_by(User.id.desc()); the columns are: {columns}")));
        }
        Err(Error::new(
            ErrorKind::ArgumentError,
            format!(
                "order_by() takes columns like User.id or User.id.desc(), not a {}",
                v.type_name()
            ),
        ))
    }

    /// `group_by(Model)`: every column of the model, as SQLAlchemy expands
    /// an entity in GROUP BY; else the one term [`order_expr`] makes.
    pub(crate) fn group_terms(
        &mut self,
        q: &Query,
        v: &Value,
    ) -> Result<Vec<crate::sql::ast::SqlExpr>> {
        if let Some(model) = v.downcast::<crate::schema::model::Model>() {
            return Ok((0..model.columns.len())
                .map(|i| ColumnElement::column(&model, i).expr)
                .collect());
        }
        Ok(vec![self.order_expr(q, v)?])
    }

    /// The model whose table an expression-only query reads, if any.
    pub(crate) fn model_of_tables(&self, q: &Query) -> Option<Rc<crate::schema::model::Model>> {
        let mut tables = Vec::new();
        for e in &q.entities {
            if let Entity::Expr(s) = e {
                s.expr.tables_into(&mut tables);
            }
        }
        let first = tables.first()?;
        self.registry.by_table(first).cloned()
    }

    /// `str(query)`: SQLAlchemy's SQL text. A legacy `Model.query` is bound
    /// to the session's engine, so it prints SQLite's text (`?`); a 2.0
    /// `db.select(…)` is bound to nothing and prints the default dialect's
    /// (`"user"`, `:name_1`).
    pub fn query_sql(&mut self, q: &Query) -> Result<String> {
        q.compilable()?;
        crate::sql::compile_check::check_result_columns(&q.to_select())?;
        let (mode, dialect) = if q.legacy {
            (Mode::Display, self.session.engine.dialect())
        } else {
            (Mode::Generic, &DEFAULT)
        };
        let joined: Vec<Rc<crate::schema::relationship::Rel>> = self
            .eager_loaders(q)?
            .into_iter()
            .filter(|(_, l)| *l == crate::schema::relationship::Lazy::Joined)
            .map(|(r, _)| r)
            .collect();
        let sel = match q.single_model() {
            Some(m) if !joined.is_empty() => {
                let nodes =
                    crate::orm::eager_tree::joined_tree(&*self.mapping()?, m, &joined, &q.nested);
                crate::orm::eager_sql::joined_select(q, m, &nodes)
            }
            _ => q.to_select(),
        };
        let sel = match q.single_model() {
            Some(m) if !q.contains.is_empty() => {
                let mapping = self.mapping()?;
                crate::orm::contains_eager::splice(
                    sel,
                    &q.contains,
                    m,
                    &mapping,
                    q.legacy,
                    &q.column_mask(),
                )
                .0
            }
            _ => sel,
        };
        Ok(compile::select(&sel, mode, dialect).sql)
    }
}

/// Is `name` the label of one of the query's columns?
/// A column of a legacy `union()` (read again from its `anon_1`) named
/// `name` there — a label's name, or a column's `a_name` — as SQLAlchemy
/// resolves `order_by('name')` against the outer SELECT's columns
/// (`anon_1.name`). None for any other query.
fn compound_column(q: &Query, name: &str) -> Option<crate::sql::ast::SqlExpr> {
    use crate::sql::ast::SqlExpr;
    if q.adapt.is_empty() {
        return None;
    }
    q.entities.iter().find_map(|e| match e {
        Entity::Expr(s) => match &s.expr {
            SqlExpr::Column {
                table: Some(_),
                name: n,
            } if &**n == name => Some(s.expr.clone()),
            _ => None,
        },
        Entity::Aliased(a) => a
            .columns
            .iter()
            .any(|c| &**c == name)
            .then(|| SqlExpr::col(&a.name, &Rc::from(name))),
        Entity::Model(_) => None,
    })
}

fn label_of(q: &Query, name: &str) -> bool {
    q.entities.iter().any(|e| match e {
        Entity::Expr(s) => matches!(
            &s.expr,
            crate::sql::ast::SqlExpr::Label { name: l, .. } if &**l == name
        ),
        Entity::Model(_) | Entity::Aliased(_) => false,
    })
}
