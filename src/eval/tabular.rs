//! Output modes from the interpreter's side (`.mode`, `.sql`): deciding
//! whether an expression statement's value is tabular — a list (tuple,
//! relationship collection, `db.session.new`…) of instances of one model or
//! of Rows with the same labels, or a single instance or Row — turning its
//! values into cells, and running raw SQL for `.sql`. The text itself comes
//! from `render::table`.

use std::io::Write;
use std::rc::Rc;

use crate::engine::RawEvent;
use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::objects::IdentitySet;
use crate::orm::instance::Instance;
use crate::orm::relation::Collection;
use crate::orm::row::Row;
use crate::render::table::{Cell, Mode, Tabulator};
use crate::schema::model::Model;
use crate::schema::types::ColumnType;
use crate::sql::ast::Param;
use crate::sql::params::param_repr;
use crate::value::Value;
use crate::value::repr::bytes_repr;

/// A value that prints as a table.
enum Tabular {
    Instances(Rc<Model>, Vec<Rc<Instance>>),
    Rows(Rc<[Rc<str>]>, Vec<Rc<Row>>),
}

fn write_error(e: std::io::Error) -> Error {
    crate::eval::output_error(e)
}

impl Interp {
    /// In a tabular mode, print `v` as a table when it is one; false when it
    /// is not (the caller prints its repr).
    pub fn show_tabular(&mut self, v: &Value) -> Result<bool> {
        if self.mode == Mode::Repr {
            return Ok(false);
        }
        let Some(t) = tabular(v) else {
            return Ok(false);
        };
        let headers: Vec<String> = match &t {
            Tabular::Instances(m, _) => m.columns.iter().map(|c| c.attr.to_string()).collect(),
            Tabular::Rows(keys, _) => keys.iter().map(|k| k.to_string()).collect(),
        };
        let Some(mut tab) = Tabulator::new(self.mode, headers, self.fit_terminal)
            .map(|t| t.with(&self.table_opts.for_output(self.fit_terminal)))
        else {
            return Ok(false);
        };
        self.table_shown.set(true);
        match t {
            Tabular::Instances(m, items) => {
                for inst in items {
                    let cells = self.instance_cells(&m, &inst)?;
                    tab.row(&mut self.out, &cells).map_err(write_error)?;
                }
            }
            Tabular::Rows(_, rows) => {
                for row in rows {
                    let mut cells = Vec::with_capacity(row.values.len());
                    for v in &row.values {
                        cells.push(self.cell(v, None)?);
                    }
                    tab.row(&mut self.out, &cells).map_err(write_error)?;
                }
            }
        }
        tab.finish(&mut self.out).map_err(write_error)?;
        Ok(true)
    }

    /// `instance_cells`, or a row of NULL cells for None (a row whose
    /// key is all NULL, streamed).
    pub(crate) fn maybe_instance_cells(
        &mut self,
        m: &Model,
        inst: Option<&Rc<Instance>>,
    ) -> Result<Vec<Cell>> {
        match inst {
            Some(inst) => self.instance_cells(m, inst),
            None => Ok(vec![Cell::Null; m.columns.len()]),
        }
    }

    /// An instance's columns as the cells of one table row.
    pub(crate) fn instance_cells(&mut self, m: &Model, inst: &Rc<Instance>) -> Result<Vec<Cell>> {
        let mut cells = Vec::with_capacity(m.columns.len());
        for (i, c) in m.columns.iter().enumerate() {
            let v = self.column_value(inst, i)?;
            cells.push(self.cell(&v, Some(&c.ty))?);
        }
        Ok(cells)
    }

    /// One value as a cell: typed for json, Python's `str()` for the rest.
    pub(crate) fn cell(&mut self, v: &Value, ty: Option<&ColumnType>) -> Result<Cell> {
        Ok(match v {
            Value::None => Cell::Null,
            Value::Bool(b) => Cell::Bool(*b),
            Value::Int(i) => Cell::Int(*i),
            Value::Float(f) => Cell::Float(*f),
            Value::Str(s) => Cell::Text(s.to_string()),
            Value::DateTime(_) | Value::Aware(_) | Value::Date(_) | Value::Time(_) => {
                let shown = self.str_of_value(v)?;
                let ty = match (v, ty) {
                    (_, Some(t @ (ColumnType::DateTime | ColumnType::Date))) => t.clone(),
                    (Value::Date(_), _) => ColumnType::Date,
                    _ => ColumnType::DateTime,
                };
                let stored = match crate::orm::convert::to_param(&ty, v) {
                    Ok(Param::Text(t)) => t.to_string(),
                    _ => shown.clone(),
                };
                Cell::Stamp { shown, stored }
            }
            other => Cell::Text(self.str_of_value(other)?),
        })
    }

    /// `.sql STATEMENT`: run raw SQL through the engine and print what it
    /// returns in the current mode — in `repr`, a list of tuples as Python
    /// prints `cursor.fetchall()`; a statement that returns no rows prints
    /// how many rows it changed. Pending changes are flushed first; a write
    /// joins the session's transaction (kept by `db.session.commit()`,
    /// undone by `db.session.rollback()`) and expires loaded objects so they
    /// show what the SQL changed. After a failed flush it is refused, as
    /// every statement of the session is, until `db.session.rollback()`
    /// (SQLAlchemy's `PendingRollbackError`, `orm::pending_rollback`):
    /// a write would be undone by that rollback without a word.
    pub fn run_sql(&mut self, sql: &str) -> Result<()> {
        let sql = sql.trim();
        if sql.is_empty() {
            return Err(
                Error::value("usage: .sql STATEMENT").with_help("e.g. .sql SELECT * FROM user")
            );
        }
        if self.session.engine.pending_rollback() {
            return Err(crate::orm::pending_rollback::error(&self.session.engine));
        }
        self.autoflush()?;
        let mode = self.mode;
        let fit = self.fit_terminal;
        let opts = self.table_opts.for_output(fit);
        let engine = self.session.engine.clone();
        let mut tab: Option<Tabulator> = None;
        let shown = self.table_shown.clone();
        let mut count = 0usize;
        let run = engine.run_raw(sql, |event| match event {
            RawEvent::Columns(names) => {
                tab = Tabulator::new(mode, names.to_vec(), fit).map(|t| t.with(&opts));
                shown.set(shown.get() || tab.is_some());
                Ok(())
            }
            // `native`: the values the driver gives Python (psycopg2's on
            // PostgreSQL); empty on SQLite, whose cells are pysqlite's.
            RawEvent::Row(row, native) => {
                count += 1;
                match &mut tab {
                    Some(t) => {
                        let cells: Vec<Cell> = if native.is_empty() {
                            row.iter().map(param_cell).collect()
                        } else {
                            native
                                .iter()
                                .map(|v| self.cell(v, None))
                                .collect::<Result<_>>()?
                        };
                        t.row(&mut self.out, &cells).map_err(write_error)
                    }
                    None => {
                        let items: Vec<String> = if native.is_empty() {
                            row.iter().map(param_repr).collect()
                        } else {
                            native
                                .iter()
                                .map(|v| self.repr_value(v))
                                .collect::<Result<_>>()?
                        };
                        let tuple = match items.len() {
                            1 => format!("({},)", items[0]),
                            _ => format!("({})", items.join(", ")),
                        };
                        // `[` with the first row: an interrupted query
                        // leaves no stray bracket.
                        let sep = if count > 1 { ", " } else { "[" };
                        write!(self.out, "{sep}{tuple}").map_err(write_error)
                    }
                }
            }
        });
        let out = &mut self.out;
        let run = match run {
            Ok(r) => r,
            Err(e) => {
                if count > 0 {
                    let _ = writeln!(out);
                }
                return Err(e);
            }
        };
        // A SELECT of no columns (`select` on PostgreSQL) still has rows.
        if run.columns || count > 0 {
            match tab {
                Some(t) => t.finish(out).map_err(write_error)?,
                None if count == 0 => writeln!(out, "[]").map_err(write_error)?,
                None => writeln!(out, "]").map_err(write_error)?,
            }
        } else if crate::engine::changes_rows(sql) {
            writeln!(out, "{}", run.changed).map_err(write_error)?;
        }
        if run.writes {
            self.session.expire_all();
        }
        Ok(())
    }
}

/// The tabular shape of a value, if it has one.
fn tabular(v: &Value) -> Option<Tabular> {
    let items: Vec<Value> = match v {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        Value::Obj(_) => {
            if let Some(c) = v.downcast::<Collection>() {
                c.values()
            } else if let Some(s) = v.downcast::<IdentitySet>() {
                s.0.clone()
            } else if v.is::<Instance>() || v.is::<Row>() {
                vec![v.clone()]
            } else {
                return None;
            }
        }
        _ => return None,
    };
    let first = items.first()?;
    if let Some(inst) = first.downcast::<Instance>() {
        let model = inst.model.clone();
        let mut out = Vec::with_capacity(items.len());
        for x in &items {
            let i = x.downcast::<Instance>()?;
            if !Rc::ptr_eq(&i.model, &model) {
                return None;
            }
            out.push(i);
        }
        return Some(Tabular::Instances(model, out));
    }
    let row = first.downcast::<Row>()?;
    let keys = row.keys.clone();
    let mut out = Vec::with_capacity(items.len());
    for x in &items {
        let r = x.downcast::<Row>()?;
        if r.keys != keys {
            return None;
        }
        out.push(r);
    }
    Some(Tabular::Rows(keys, out))
}

/// A raw SQLite value as a cell (`.sql`).
fn param_cell(p: &Param) -> Cell {
    match p {
        Param::Null => Cell::Null,
        Param::Int(i) => Cell::Int(*i),
        Param::Real(f) => Cell::Float(*f),
        Param::Text(t) => Cell::Text(t.to_string()),
        Param::Blob(b) => Cell::Text(bytes_repr(b)),
        Param::Decimal(d) => Cell::Text(d.to_string()),
        Param::Bool(b) => Cell::Bool(*b),
        Param::Interval(_) | Param::Unbindable(_) => Cell::Text(crate::sql::params::param_repr(p)),
    }
}
