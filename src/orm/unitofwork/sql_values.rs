//! SQL in a flush's rows, and what an INSERT reads back: a column whose
//! `default=` or `onupdate=` is a SQL expression (`text('40+2')`,
//! `func.now()`) is written inline into the INSERT or UPDATE (SQLAlchemy's
//! `crud._append_param_insert_hasdefault`), and an INSERT that leaves a
//! server-generated column to the database — a `server_default=`, a SQL
//! `default=` — reads it back with `RETURNING`, the primary key with it
//! (SQLAlchemy's `eager_defaults="auto"` on a dialect with RETURNING:
//! `persistence._emit_insert_statements` with `return_defaults()` of the
//! mapper's `_server_default_cols`).

use std::rc::Rc;

use crate::error::Result;
use crate::orm::expr::ColumnElement;
use crate::orm::instance::Instance;
use crate::orm::unitofwork::plan::{PlanParam, Planner, Row, criteria};
use crate::orm::unitofwork::states::PlanValue;
use crate::schema::model::Model;
use crate::sql::ast::{SqlExpr, Update, ValuesInsert};
use crate::sql::compile::{self, Mode};
use crate::sql::dialect::Dialect;
use crate::sql::insertmany_pg::{ManyColumn, PAGE, default_values, insertmanyvalues};
use crate::sql::values_insert_in;
use crate::value::Value;

/// A SQL expression as a row's parameter: written inline, its own values
/// bound in place.
pub(super) fn sql_param(e: &SqlExpr, dialect: &'static Dialect) -> Result<PlanParam> {
    let c = compile::expression(e, Mode::Execute, dialect);
    let params = c.bound_params()?.into_owned();
    Ok(PlanParam::Sql {
        sql: Box::new(e.clone()),
        params: params.into_boxed_slice(),
    })
}

/// A SQL expression the object's attribute holds
/// (`c.hits = Counter.hits + 1`, `Ev(n=func.abs(-5))`: SQLAlchemy's "Embedding SQL Insert/Update
/// Expressions into a Flush"), as the flush writes it: inline, grouped as
/// `crud._append_param_parameter`'s `value.self_group()` groups an
/// operator's expression (`hits=(counter.hits + ?)`, `name=upper(?)`).
/// The row then runs alone, without RETURNING, and the attribute is
/// expired after it (read back on access).
pub(super) fn attribute_sql(v: &PlanValue) -> Option<SqlExpr> {
    let PlanValue::Known(v) = v else {
        return None;
    };
    let e = &v.downcast::<ColumnElement>()?.expr;
    Some(match e {
        SqlExpr::Binary { .. }
        | SqlExpr::And(_)
        | SqlExpr::Or(_)
        | SqlExpr::Not(_)
        | SqlExpr::Neg(_)
        | SqlExpr::InList { .. }
        | SqlExpr::InSelect { .. }
        | SqlExpr::Between { .. } => SqlExpr::Grouping(Box::new(e.clone())),
        e => e.clone(),
    })
}

/// Whether `x` holds a SQL expression in one of `cols` (its row is then
/// written alone: `attribute_sql`).
pub(super) fn holds_sql(x: &Instance, cols: &[usize]) -> bool {
    cols.iter().any(|&i| x.value(i).is::<ColumnElement>())
}

/// An `onupdate=` value that is SQL (`func.now()`): written inline, the
/// attribute expired after the UPDATE (SQLAlchemy's postfetch).
pub(super) fn onupdate_sql(v: &Value) -> Option<SqlExpr> {
    v.downcast::<ColumnElement>().map(|e| e.expr.clone())
}

/// The columns an INSERT writing `written` (`sql`: those written as SQL
/// defaults) returns: none when every server-generated column has a
/// value; else, in table order, the primary key and each
/// server-generated column the object gave no value (SQLAlchemy's
/// `has_all_defaults` and `crud._scan_cols`). Several rows whose key the
/// database numbers return their key too (`Planner::batches`).
pub(super) fn returning(model: &Model, written: &[usize], sql: &[usize]) -> Vec<usize> {
    let missing = |i: usize| {
        sql.contains(&i) || (model.columns[i].server_generated() && !written.contains(&i))
    };
    if !(0..model.columns.len()).any(missing) {
        return Vec::new();
    }
    (0..model.columns.len())
        .filter(|&i| model.columns[i].primary_key || missing(i))
        .collect()
}

/// The insertmanyvalues INSERT of each page of `rows` (new rows of
/// `model` writing `cols`, the key column `pk` numbered by the database)
/// as SQLAlchemy's PostgreSQL dialect writes it: each column cast to its
/// type (a string's without its length, `PGCompiler.render_bind_cast`),
/// RETURNING the rows' own returned columns and the key as the sentinel.
pub(super) fn many_texts(
    model: &Model,
    cols: &[usize],
    pk: usize,
    rows: &[Row],
    dialect: &'static Dialect,
) -> Vec<Rc<str>> {
    let quote = |n: &str| dialect.quote(n).into_owned();
    let columns: Vec<ManyColumn> = (cols.iter())
        .map(|&i| {
            let c = &model.columns[i];
            let cast = match c.ty.ddl_postgresql(&c.type_opts, quote) {
                t if c.ty.is_string() && t.contains('(') => "VARCHAR".to_owned(),
                t => t,
            };
            ManyColumn {
                name: c.name.clone(),
                cast,
            }
        })
        .collect();
    let returning: Vec<Rc<str>> = (rows[0].returning.iter())
        .map(|&i| model.columns[i].name.clone())
        .collect();
    let sentinel = &model.columns[pk].name;
    if columns.is_empty() {
        // Only the key to number: `VALUES (DEFAULT), (DEFAULT)`.
        return (rows.chunks(PAGE))
            .map(|page| {
                Rc::from(default_values(
                    dialect,
                    &model.table,
                    page.len(),
                    &returning,
                    sentinel,
                ))
            })
            .collect();
    }
    rows.chunks(PAGE)
        .map(|page| {
            Rc::from(insertmanyvalues(
                dialect,
                &model.table,
                &columns,
                page.len(),
                &returning,
                sentinel,
            ))
        })
        .collect()
}

impl Planner<'_> {
    /// The SQL `default=` the interpreter worked out for column `col` of
    /// new object `x` (`Session::sql_defaults`).
    pub(super) fn sql_default(&self, x: &Rc<Instance>, col: usize) -> Option<&SqlExpr> {
        self.sql_defaults
            .iter()
            .find(|(y, c, _)| *c == col && Rc::ptr_eq(x, y))
            .map(|(_, _, e)| e)
    }

    /// The text of an INSERT (`kind` 0) or UPDATE (1) row that writes SQL
    /// inline or returns columns, compiled once per shape.
    pub(super) fn text_with_sql(
        &mut self,
        kind: u8,
        model: &Rc<Model>,
        cols: &[usize],
        row: &Row,
        keys: &[Rc<str>],
    ) -> Rc<str> {
        let table = &model.table;
        let values: Vec<(Rc<str>, Option<SqlExpr>)> = (cols.iter().enumerate())
            .map(|(n, &i)| {
                let sql = match row.params.get(n) {
                    Some(PlanParam::Sql { sql, .. }) => Some((**sql).clone()),
                    _ => None,
                };
                (model.columns[i].name.clone(), sql)
            })
            .collect();
        let returning: Vec<Rc<str>> = (row.returning.iter())
            .map(|&i| model.columns[i].name.clone())
            .collect();
        let mut shape: Vec<Rc<str>> = (values.iter())
            .map(|(c, s)| Rc::from(format!("{c}{}", if s.is_some() { "=sql" } else { "" })))
            .collect();
        shape.push(Rc::from("|"));
        shape.extend(keys.iter().cloned());
        shape.push(Rc::from("|returning"));
        shape.extend(returning.iter().cloned());
        let k = (kind + 10, table.clone(), shape);
        if let Some(s) = self.sql.get(&k) {
            return s.clone();
        }
        let value = |(c, s): &(Rc<str>, Option<SqlExpr>)| match s {
            Some(e) => e.clone(),
            None => super::plan::hole(c),
        };
        let sql: Rc<str> = Rc::from(if kind == 0 {
            values_insert_in(
                &ValuesInsert {
                    prefixes: Vec::new(),
                    table: table.clone(),
                    columns: values.iter().map(|(c, _)| c.clone()).collect(),
                    rows: vec![values.iter().map(value).collect()],
                    multi: false,
                    on_conflict: Vec::new(),
                    returning,
                },
                Mode::Execute,
                self.dialect,
            )
            .sql
        } else {
            compile::update(
                &Update {
                    prefixes: Vec::new(),
                    table: table.clone(),
                    set: values.iter().map(|v| (v.0.clone(), value(v))).collect(),
                    where_: criteria(table, keys, true),
                    from: Vec::new(),
                },
                self.dialect,
            )
            .sql
        });
        self.sql.insert(k, sql.clone());
        sql
    }
}
