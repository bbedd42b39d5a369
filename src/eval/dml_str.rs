//! `str(stmt)` of a 2.0 INSERT/UPDATE/DELETE of one model: the statement
//! in SQLAlchemy's default dialect (`:name` binds, `"user"`), or SQLite's
//! for `sqlalchemy.dialects.sqlite.insert` (its `stringify_dialect`).

use crate::error::Result;
use crate::eval::Interp;
use crate::orm::dml::{Dml, DmlKind, set_expr};
use crate::orm::expr::ColumnElement;
use crate::sql::ast::{Delete, Update, ValuesInsert};
use crate::sql::dialect::{DEFAULT, SQLITE};
use crate::sql::{Mode, delete_returning_in, update_returning_in, values_insert_in};
use crate::value::Value;

use super::dml_params::Values;

impl Interp {
    /// `str(stmt)`: the statement in SQLAlchemy's default dialect, as
    /// `str()` of an unbound statement prints it (`:name` binds, `"user"`).
    pub(crate) fn dml_sql(&mut self, d: &Dml) -> Result<String> {
        if let Some(sql) = self.insert_select_sql(d)? {
            return Ok(sql);
        }
        let model = &d.model;
        let returning = d.returning_columns();
        // No values: every column, as SQLAlchemy writes it.
        let all: Values = (0..model.columns.len()).map(|i| (i, Value::None)).collect();
        let first = d.rows.first().unwrap_or(&all);
        let c = match d.kind {
            DmlKind::Insert => {
                // The columns given, and those a `default=` fills (bound
                // by name, or its SQL expression written out).
                let columns: Vec<usize> = (0..model.columns.len())
                    .filter(|i| {
                        first.iter().any(|(j, _)| j == i) || model.columns[*i].default.is_some()
                    })
                    .collect();
                let mut rows = Vec::with_capacity(d.rows.len().max(1));
                for r in d.rows.iter().chain(d.rows.is_empty().then_some(&all)) {
                    let mut out = Vec::with_capacity(columns.len());
                    for &i in &columns {
                        let given = r.iter().find(|(j, _)| *j == i).map(|(_, v)| v);
                        let default = model.columns[i].default.as_ref();
                        out.push(match (given, default) {
                            (Some(v), _) => set_expr(model, i, v)?,
                            (None, Some(f)) if f.is::<ColumnElement>() => set_expr(model, i, f)?,
                            _ => set_expr(model, i, &Value::None)?,
                        });
                    }
                    rows.push(out);
                }
                let stmt = ValuesInsert {
                    table: model.table.clone(),
                    columns: columns
                        .iter()
                        .map(|&i| model.columns[i].name.clone())
                        .collect(),
                    rows,
                    multi: d.multi,
                    on_conflict: d.on_conflict.clone(),
                    returning,
                    prefixes: d.prefixes.clone(),
                };
                // SQLite's own Insert prints in SQLite's text
                // (`stringify_dialect = "sqlite"`).
                let (mode, dialect) = if d.sqlite {
                    (Mode::Display, &SQLITE)
                } else {
                    (Mode::Generic, &DEFAULT)
                };
                values_insert_in(&stmt, mode, dialect)
            }
            DmlKind::Update => {
                let mut set = first
                    .iter()
                    .map(|(i, v)| Ok((*i, set_expr(model, *i, v)?)))
                    .collect::<Result<Vec<_>>>()?;
                set.sort_by_key(|(i, _)| *i);
                let stmt = Update {
                    prefixes: d.prefixes.clone(),
                    table: model.table.clone(),
                    set: set
                        .into_iter()
                        .map(|(i, e)| (model.columns[i].name.clone(), e))
                        .collect(),
                    where_: d.where_.clone(),
                    from: d.froms.clone(),
                };
                update_returning_in(&stmt, &returning, Mode::Generic, &DEFAULT)
            }
            DmlKind::Delete => {
                let stmt = Delete {
                    prefixes: d.prefixes.clone(),
                    table: model.table.clone(),
                    where_: d.where_.clone(),
                };
                delete_returning_in(&stmt, &returning, Mode::Generic, &DEFAULT)
            }
        };
        Ok(c.sql)
    }
}
