//! What a legacy `Query.update()`/`Query.delete()` writes to: the query's
//! one model, or an `aliased()` one (`UPDATE post AS post_1 …` in
//! SQLAlchemy; here its criteria and values are read against the table
//! itself, the same rows), and the columns an `update()` dict names — an
//! attribute name, or a column of the target; a relationship, an unknown
//! name or another table's column refused as SQLAlchemy refuses them.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::orm::bulk::SyncSession;
use crate::orm::expr::ColumnElement;
use crate::orm::query::{Entity, Query};
use crate::schema::model::Model;
use crate::sql::ast::{FromItem, SqlExpr};
use crate::value::Value;
use crate::value::repr::repr;

/// The model a bulk statement works on, and the alias the query reads it
/// by (`db.session.query(aliased(Post))`).
pub(crate) struct Target {
    pub model: Rc<Model>,
    pub alias: Option<Rc<str>>,
}

impl Target {
    /// The one model of the query, or its one aliased model (a plain
    /// alias of its table, not a subquery).
    pub fn of(q: &Query, what: &str) -> Result<Target> {
        let target = match q.entities.as_slice() {
            [Entity::Model(m)] => Some(Target {
                model: m.clone(),
                alias: None,
            }),
            [Entity::Aliased(a)] => match &a.from {
                FromItem::Table { alias: Some(n), .. } => Some(Target {
                    model: a.model.clone(),
                    alias: Some(n.clone()),
                }),
                _ => None,
            },
            _ => None,
        };
        target.ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidRequestError,
                format!("{what}() works on a query of one model"),
            )
        })
    }

    /// An expression of the query read against the table itself.
    pub fn unalias(&self, e: &SqlExpr) -> SqlExpr {
        match &self.alias {
            Some(a) => e.clone().retarget(a, &self.model.table),
            None => e.clone(),
        }
    }

    /// The synchronisation an aliased target allows: SQLAlchemy's
    /// evaluator finds no column of the alias on the mapper (an
    /// `InvalidRequestError` for `'evaluate'`), and its 'fetch' matches no
    /// object of the session, so none is synchronized.
    pub fn sync(&self, sync: SyncSession, where_: &[SqlExpr]) -> Result<SyncSession> {
        let Some(alias) = &self.alias else {
            return Ok(sync);
        };
        if sync == SyncSession::Evaluate && !where_.is_empty() {
            let alias = match crate::sql::anon::is_anon(alias) {
                true => format!("Anonymous alias of {}.", self.model.table),
                false => format!("{alias}."),
            };
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                format!(
                    "Could not evaluate current criteria in Python: \"Cannot evaluate expression: No column {alias}{} is configured on mapper Mapper[{}({})]...\". Specify 'fetch' or False for the synchronize_session execution option.",
                    first_column(where_).unwrap_or_default(),
                    self.model.name,
                    self.model.table
                ),
            ));
        }
        Ok(SyncSession::Off)
    }

    /// The column an `update()` key names: an attribute name of the
    /// model, or one of its columns (through the alias too). A
    /// relationship is SQLAlchemy's `StatementError`; an unknown name or
    /// another table's column its `CompileError`.
    pub fn set_column(&self, me: &mut Interp, k: &Value) -> Result<usize> {
        let model = &self.model;
        if let Value::Str(s) = k {
            if let Some(i) = model.column(s) {
                return Ok(i);
            }
            if let Some(c) = crate::eval::hybrid::class_expr(me, model, s)?
                && let Some(i) = crate::eval::core_table::is_column_of(&c, model)
            {
                // A hybrid property whose SQL is one of the model's
                // columns sets that column (`_bulk_update_tuples`).
                return Ok(i);
            }
            if me
                .session
                .mapping
                .of(&model.name)
                .iter()
                .any(|r| *r.name == **s)
            {
                return Err(Error::new(
                    ErrorKind::StatementError,
                    format!("update() cannot set the relationship '{s}' of {}: a bulk UPDATE sets columns", model.name),
                )
                .with_help("set its foreign key column instead, like update({'author_id': author.id})"));
            }
            return Err(Error::new(
                ErrorKind::CompileError,
                format!("Unconsumed column names: {s}"),
            )
            .with_help(format!("{} has no column '{s}'", model.name)));
        }
        let Some(col) = k.downcast::<ColumnElement>() else {
            return Err(Error::type_(format!(
                "update() keys must be column names or columns, not {}",
                repr(k, me).unwrap_or_default()
            )));
        };
        match &col.expr {
            SqlExpr::Column {
                table: Some(t),
                name,
            } if *t == model.table || self.alias.as_ref() == Some(t) => (model.columns.iter())
                .position(|c| c.name == *name)
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::CompileError,
                        format!("Unconsumed column names: {name}"),
                    )
                }),
            SqlExpr::Column { table: Some(t), .. } => Err(Error::new(
                ErrorKind::CompileError,
                format!(
                    "Backend does not support additional tables in the SET clause; cannot include columns from table(s) '{t}' in SET clause"
                ),
            )),
            _ => Err(Error::type_("update() keys must be columns")),
        }
    }
}

/// The name of the first column the criteria read (the one SQLAlchemy's
/// evaluator stops at).
fn first_column(where_: &[SqlExpr]) -> Option<Rc<str>> {
    let mut found = None;
    for w in where_ {
        w.walk(&mut |e| {
            if let (None, SqlExpr::Column { name, .. }) = (&found, e) {
                found = Some(name.clone());
            }
        });
    }
    found
}
