//! Printing a query's result as it streams: `User.query.all()` at the
//! prompt or in a script prints each object as SQLite yields its row, so a
//! million rows print in flat memory (with the weak identity map, objects
//! nobody keeps are dropped as soon as they are shown). In every output
//! mode: the bordered tables run the query twice, measuring the columns in
//! the first pass (both passes read the statement's one snapshot). The
//! objects shown are kept for `_` while they are few (`stream_keep`).

use std::io::Write;
use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::output_error;
use crate::eval::stream_keep::Kept;
use crate::orm::instance::Instance;
use crate::orm::query::Query;
use crate::orm::unique::{Rule, Uniquer, legacy_uniques, may_repeat, unhashable_columns};
use crate::render::table::{Mode, Tabulator};
use crate::schema::model::Model;
use crate::sql::ast::JoinKind;
use crate::sql::compile::{self, Mode as SqlMode};
use crate::syntax::ast::{Expr, ExprKind};
use crate::value::Value;

impl Interp {
    /// If `e` is `<query>.all()` that can stream, print it and say so.
    pub fn stream_statement(&mut self, e: &Expr) -> Result<bool> {
        let ExprKind::Call { func, args } = &e.kind else {
            return Ok(false);
        };
        let ExprKind::Attr { value, attr } = &func.kind else {
            return Ok(false);
        };
        if &*attr.name != "all" || !args.is_empty() || self.quiet > 0 {
            return Ok(false);
        }
        // Fitted to a terminal, comfy-table wraps the cells: it needs them
        // all, so the result is collected (and shown as a list is).
        let fitted = matches!(self.mode, Mode::Table | Mode::Box | Mode::Markdown);
        let collect = fitted && self.fit_terminal;
        // Only when the receiver is plainly a query: evaluating it has no
        // effect beyond building the query.
        if !matches!(
            value.kind,
            ExprKind::Attr { .. } | ExprKind::Call { .. } | ExprKind::Name(_)
        ) {
            return Ok(false);
        }
        let receiver = self.eval(value)?;
        // A 2.0 select has no `all()`: its class table says so.
        let Some(q) = receiver.downcast::<Query>().filter(|q| q.legacy) else {
            // Not a legacy query after all: run the call as usual.
            let v = self
                .call_method(
                    &receiver,
                    "all",
                    crate::eval::args::Args::new("all", vec![]),
                )
                .map_err(|e| e.at(attr.span))?;
            self.show_result(&v)?;
            return Ok(true);
        };
        crate::orm::retire::check_query(&q)?;
        // An outer join can give rows without the entity (None), which
        // the collected list shows.
        let outer = q.joins.iter().any(|j| j.kind != JoinKind::Inner);
        if q.single_model().is_none()
            || collect
            || outer
            || q.populate_existing
            || !q.nested.is_empty()
            || !q.contains.is_empty()
            || q.column_mask().is_some()
            || !self.eager_loaders(&q)?.is_empty()
        {
            let v = Value::list(self.query_all(&q)?);
            self.show_query_result(&q, &v)?;
            return Ok(true);
        }
        if self.mode == Mode::Repr {
            self.stream_repr(&q)?;
        } else {
            self.stream_table(&q)?;
        }
        Ok(true)
    }

    /// Each distinct instance the query yields, as SQLite yields its row
    /// (a join can repeat an object; the legacy Query shows it once, and
    /// only its identity key is kept to know it again);
    /// returns how many were handed to `f`.
    fn each_instance(
        &mut self,
        q: &Query,
        mut f: impl FnMut(&mut Interp, Option<&Rc<Instance>>) -> Result<()>,
    ) -> Result<usize> {
        q.compilable()?;
        let model = q.single_model().cloned().expect("checked by the caller");
        let sel = q.to_select();
        let compiled = compile::select(&sel, SqlMode::Execute, self.session.engine.dialect());
        self.session.load_late(&compiled)?;
        let engine = self.session.engine.clone();
        // Each object once, as the collected list has it: keyed by identity,
        // since an object printed and freed leaves its address to the next.
        let mut unique = (legacy_uniques(q) && may_repeat(&sel, &model))
            .then(|| Uniquer::new(Rule::Legacy, unhashable_columns(q)));
        let mut count = 0usize;
        let mut seen_none = false;
        engine.query(&compiled, |row| {
            // A row whose key is all NULL maps to None; the legacy Query
            // gives it once (`Session::load_rows`).
            crate::orm::bind_check::check_row(&model, row)?;
            let Some(inst) = self.session.instance_for_row(&model, row) else {
                if !std::mem::replace(&mut seen_none, true) {
                    count += 1;
                    f(self, None)?;
                }
                return Ok(true);
            };
            if unique.as_mut().is_some_and(|u| u.repeats_object(&inst)) {
                return Ok(true);
            }
            count += 1;
            f(self, Some(&inst))?;
            Ok(true)
        })?;
        Ok(count)
    }

    /// The first pass of a bordered table: each row's cells measured, read
    /// straight from the row where the object would be new
    /// (`Session::row_values`: nothing keeps it, so making it only to
    /// measure it costs for nothing), else from the object as the second
    /// pass shows it. Returns how many rows there were.
    fn measure_rows(&mut self, q: &Query, model: &Rc<Model>, tab: &mut Tabulator) -> Result<usize> {
        q.compilable()?;
        let compiled = compile::select(
            &q.to_select(),
            SqlMode::Execute,
            self.session.engine.dialect(),
        );
        self.session.load_late(&compiled)?;
        let engine = self.session.engine.clone();
        let mut count = 0usize;
        engine.query(&compiled, |row| {
            count += 1;
            crate::orm::bind_check::check_row(model, row)?;
            let cells = match self.session.row_values(model, row) {
                Some(values) => (model.columns.iter().zip(&values))
                    .map(|(c, v)| self.cell(v, Some(&c.ty)))
                    .collect::<Result<Vec<_>>>()?,
                None => {
                    let inst = self.session.instance_for_row(model, row);
                    self.maybe_instance_cells(model, inst.as_ref())?
                }
            };
            tab.measure(&cells);
            Ok(true)
        })?;
        Ok(count)
    }

    /// A query's collected result `v`: as any value, but an empty one in
    /// `.mode table` or `box` is the query's model's empty table, with
    /// `(0 rows)`, as `.sql` shows a result without rows.
    fn show_query_result(&mut self, q: &Query, v: &Value) -> Result<()> {
        let empty = matches!(v, Value::List(l) if l.borrow().is_empty());
        match q.single_model() {
            Some(model) if empty && counts_rows(self.mode) && self.quiet == 0 => {
                let model = model.clone();
                self.empty_table(&model)?;
                self.set_last_result(Some(v.clone()), None);
                Ok(())
            }
            _ => self.show_result(v),
        }
    }

    /// The table of `model`'s columns with no rows: in `table` and `box`
    /// its header and `(0 rows)` (`Tabulator::finish`), elsewhere `[]`, as
    /// a list with nothing to tabulate prints.
    fn empty_table(&mut self, model: &Model) -> Result<()> {
        if !counts_rows(self.mode) {
            return self.out.write_all(b"[]\n").map_err(output_error);
        }
        let headers = model.columns.iter().map(|c| c.attr.to_string()).collect();
        let Some(mut tab) = Tabulator::new(self.mode, headers, self.fit_terminal)
            .map(|t| t.with(&self.table_opts.for_output(self.fit_terminal)))
        else {
            return self.out.write_all(b"[]\n").map_err(output_error);
        };
        self.table_shown.set(true);
        tab.measured();
        tab.finish(&mut self.out).map_err(output_error)
    }

    /// The instances of a query in a tabular mode, row by row; when there
    /// are none, the empty table (`empty_table`).
    fn stream_table(&mut self, q: &Query) -> Result<()> {
        self.autoflush()?;
        let model = q.single_model().cloned().expect("checked by the caller");
        let headers = model.columns.iter().map(|c| c.attr.to_string()).collect();
        let Some(mut tab) = Tabulator::new(self.mode, headers, self.fit_terminal)
            .map(|t| t.with(&self.table_opts.for_output(self.fit_terminal)))
        else {
            return self.stream_repr(q);
        };
        self.table_shown.set(true);
        if tab.wants_measure() {
            let rows = self.measure_rows(q, &model, &mut tab)?;
            if rows == 0 {
                self.empty_table(&model)?;
                self.keep_streamed(Kept::new());
                return Ok(());
            }
            tab.measured();
        }
        let mut kept = Kept::new();
        let rows = self.each_instance(q, |me, inst| {
            kept.push(inst);
            let cells = me.maybe_instance_cells(&model, inst)?;
            tab.row(&mut me.out, &cells).map_err(output_error)
        })?;
        if rows == 0 {
            self.empty_table(&model)?;
        } else {
            tab.finish(&mut self.out).map_err(output_error)?;
        }
        self.keep_streamed(kept);
        Ok(())
    }

    /// `[<User 1>, <User 2>, …]`, one object at a time.
    ///
    /// Python renders an expression statement's value whole before it
    /// writes anything: a `__repr__` that raises on the fifth object
    /// prints nothing of the list. So the text is written as it is made
    /// only where no object's repr can raise — Flask-SQLAlchemy's default
    /// `<User 1>`, or a `__repr__` compiled to a format plan of columns
    /// (`repr_plan`) on a model with no deferred column (the plan falls
    /// back to evaluation only for values whose repr runs no user code,
    /// and every column it reads came with the row). Any other `__repr__`
    /// (user code: `self.name.upper()`) has the whole text made in memory
    /// first — a few bytes an object, the objects themselves still let go
    /// as they are shown — and written once it is complete.
    fn stream_repr(&mut self, q: &Query) -> Result<()> {
        self.autoflush()?;
        let model = q.single_model().cloned().expect("checked by the caller");
        let safe = model.repr.is_none() && model.methods.get("__repr__").is_none()
            || self.repr_plan(&model, false).is_some()
                && model.columns.iter().all(|c| c.deferred.is_none());
        // `[` comes with the first object, so a query that fails or is
        // interrupted before any row prints nothing; one that fails later
        // ends its partial line before the error.
        let mut first = true;
        let mut kept = Kept::new();
        // One buffer for every object's text, written out as it fills
        // (`safe`), else holding the whole list until it is complete.
        let mut text = String::new();
        let run = self.each_instance(q, |me, inst| {
            kept.push(inst);
            if safe {
                text.clear();
            }
            text.push_str(if first { "[" } else { ", " });
            first = false;
            match inst {
                Some(inst) => me.repr_instance_into(inst, &mut text)?,
                None => text.push_str("None"),
            };
            if !safe {
                return Ok(());
            }
            me.out.write_all(text.as_bytes()).map_err(output_error)
        });
        if let Err(e) = run {
            if !first && safe {
                let _ = self.out.write_all(b"\n");
            }
            return Err(e);
        }
        if !safe {
            self.out.write_all(text.as_bytes()).map_err(output_error)?;
        }
        let end: &[u8] = if first { b"[]\n" } else { b"]\n" };
        self.out.write_all(end).map_err(output_error)?;
        self.keep_streamed(kept);
        Ok(())
    }
}

/// The modes whose tables count their rows, so an empty one says
/// `(0 rows)`: `table` and `box`.
fn counts_rows(mode: Mode) -> bool {
    matches!(mode, Mode::Table | Mode::Box)
}
