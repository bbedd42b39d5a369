//! The session's work as `db.session` methods reach it: flushing with
//! defaults filled in (`flush`, `autoflush`), the identity-map lookup of
//! `get`, and `execute` of a select or `text()` into a result set
//! (`merge` is `eval::merge`).

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::{ResultSet, TextClause};
use crate::eval::text_exec::TextSpans;
use crate::orm::flush;
use crate::orm::instance::{Instance, Key};
use crate::orm::query::Query;
use crate::orm::row::{Origin, Row};
use crate::schema::model::Model;
use crate::schema::relationship::{Lazy, Rel, RelKind};
use crate::sql::ast::Compiled;
use crate::syntax::ast::ParamKind;
use crate::value::Value;
use std::rc::Rc;

impl Interp {
    /// `Session.flush(objects=None)`: every pending change; with a non-empty
    /// `objects` (deprecated in SQLAlchemy, which warns), only those objects
    /// and what their flush takes along (`orm::flush_objects`). An empty
    /// one flushes everything, as SQLAlchemy's `if objects:` reads it.
    pub(crate) fn flush_method(&mut self, mut a: Args) -> Result<Value> {
        a.keyword_at(0, "objects")?;
        a.count(0, 1)?;
        let Some(v) = a.pos.first().filter(|v| !matches!(v, Value::None)).cloned() else {
            self.flush()?;
            return Ok(Value::None);
        };
        self.session.warnings.push(
            "warning: The `objects` parameter of `Session.flush` is deprecated (SQLAlchemy's SADeprecationWarning)".into(),
        );
        let items = self.to_vec(&v).map_err(|e| e.at(a.span_of(0)))?;
        if items.is_empty() {
            self.flush()?;
            return Ok(Value::None);
        }
        // A clean session returns before looking at the objects.
        if !self.session.has_changes() {
            return Ok(Value::None);
        }
        let mut objects = Vec::with_capacity(items.len());
        for x in items {
            let inst = x.downcast::<Instance>().ok_or_else(|| {
                crate::eval::session_args::unmapped("flush()", Some(&x)).at(a.span_of(0))
            })?;
            objects.push(inst);
        }
        self.flush_some(Some(&objects))?;
        Ok(Value::None)
    }

    /// Fill in defaults of pending objects whose value is None, then flush.
    pub fn flush(&mut self) -> Result<()> {
        self.flush_some(None)
    }

    /// `Session.flush(objects)`: with `Some(objects)`, only those and the
    /// objects their flush takes along (`orm::flush_objects`); the other
    /// changes wait for a later flush.
    pub fn flush_some(&mut self, objects: Option<&[Rc<Instance>]>) -> Result<()> {
        if self.session.flushing {
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                "Session is already flushing",
            )
            .with_help(
                "a mapper event listener runs inside the flush: change the target's attributes there, or run SQL with the connection it is given (connection.execute(...)); do not flush or commit in it",
            ));
        }
        self.session.flushing = true;
        let r = self.flush_running(objects);
        self.session.flushing = false;
        r
    }

    /// The flush itself, with `Session._flushing` set: no autoflush
    /// inside (SQLAlchemy's `no_autoflush` around its work).
    fn flush_running(&mut self, objects: Option<&[Rc<Instance>]>) -> Result<()> {
        let held = objects.map(|o| self.session.hold_back_all_but(o));
        // Mapper events: `before_*` first, so what they set is written.
        let mut in_listener = false;
        let prepared = (|| {
            let batch = self
                .before_flush_events()
                .inspect_err(|_| in_listener = true)?;
            self.fill_defaults()?;
            self.work_out_onupdate()?;
            Ok(batch)
        })();
        let batch = match prepared {
            Ok(b) => b,
            Err(e) => {
                if let Some(h) = held {
                    self.session.put_back(h);
                }
                return Err(match in_listener {
                    true => self.listener_failed(e),
                    false => e,
                });
            }
        };
        flush::flush_holding(&mut self.session, held)?;
        match batch {
            Some(b) => self
                .after_flush_events(b)
                .map_err(|e| self.listener_failed(e)),
            None => Ok(()),
        }
    }

    /// A mapper event listener failed its flush: as any failed flush in
    /// SQLAlchemy, the transaction is rolled back and the session waits
    /// for `rollback()` (`PendingRollbackError` until then). Ctrl-C stays
    /// an interruption.
    fn listener_failed(&mut self, e: Error) -> Error {
        match e.kind {
            ErrorKind::Interrupted => e,
            _ => crate::orm::failed::roll_back(&mut self.session, e, None),
        }
    }

    /// The `onupdate=` values of the objects the flush may UPDATE
    /// (`orm::onupdate::candidates`), a callable called once per object:
    /// the flush writes them into the rows it UPDATEs.
    fn work_out_onupdate(&mut self) -> Result<()> {
        self.session.onupdate.clear();
        let any =
            (self.registry.models().iter()).any(|m| m.columns.iter().any(|c| c.onupdate.is_some()));
        if !any || !self.session.has_changes() {
            return Ok(());
        }
        for (inst, cols) in crate::orm::onupdate::candidates(&self.session) {
            for i in cols {
                let c = &inst.model.columns[i];
                let Some(f) = c.onupdate.clone() else {
                    continue;
                };
                let ctx = Some(row_parameters(&inst));
                let v = self.column_default(&f, "onupdate", &inst.model, i, ctx)?;
                let v = match v.is::<crate::orm::expr::ColumnElement>() {
                    true => v,
                    false => crate::orm::convert::check_assign(&inst.model, c, v)?,
                };
                self.session.onupdate.push((inst.clone(), i, v));
            }
        }
        Ok(())
    }

    /// Column `col`'s `default=` or `onupdate=` (`what`) for a flush
    /// (`column_default_value`): a failure fails the flush, and the transaction is
    /// rolled back as after any failed flush (Ctrl-C stays an
    /// interruption).
    fn column_default(
        &mut self,
        d: &Value,
        what: &str,
        model: &Model,
        col: usize,
        ctx: Option<Vec<(Rc<str>, Value)>>,
    ) -> Result<Value> {
        // A SQL expression (`func.now()`, `text('40+2')`) SQLAlchemy
        // writes into the INSERT or UPDATE: kept as an expression, which
        // the flush writes inline (`unitofwork::sql_values`).
        let r = self.column_default_value(d, what, model, col, ctx);
        match r {
            Err(e) if e.kind != ErrorKind::Interrupted => {
                Err(crate::orm::failed::roll_back(&mut self.session, e, None))
            }
            other => other,
        }
    }

    /// Column `col`'s `default=` or `onupdate=` (`what`): a `text()` as
    /// a SQL expression, called if a callable (SQLAlchemy's `ColumnDefault.arg`, called once per
    /// statement or row). What the callable raises is SQLAlchemy's
    /// StatementError naming the Python error (Ctrl-C stays an
    /// interruption; a stored definition's refused effect stays ormsh's
    /// PermissionError). Nothing is rolled back here.
    pub(crate) fn column_default_value(
        &mut self,
        d: &Value,
        what: &str,
        model: &Model,
        col: usize,
        ctx: Option<Vec<(Rc<str>, Value)>>,
    ) -> Result<Value> {
        // `text('40+2')`: SQL, as a SQL expression (written inline).
        if let Some(t) = d.downcast::<TextClause>() {
            let sql = crate::sql::ast::SqlExpr::Text {
                sql: t.0.clone(),
                binds: Vec::new(),
            };
            return crate::orm::expr::ColumnElement::derived(sql, None, false).into_value();
        }
        if !(d.is::<crate::eval::objects::Native>()
            || d.is::<crate::eval::objects::Lambda>()
            || d.is::<crate::eval::function::Function>())
        {
            return Ok(d.clone());
        }
        let args = match takes_context(d) {
            true => {
                let pairs = ctx.unwrap_or_default();
                vec![crate::eval::surface::default_ctx::DefaultContext::value_of(
                    pairs,
                )?]
            }
            false => vec![],
        };
        match self.call(d, Args::new(what, args)) {
            Ok(v) => Ok(v),
            Err(e) if matches!(e.kind, ErrorKind::Interrupted | ErrorKind::PermissionError) => {
                Err(e)
            }
            Err(e) => Err(Error::new(
                ErrorKind::StatementError,
                format!("(builtins.{}) {}", e.kind.name(), e.message),
            )
            .with_help(format!(
                "the {what}= of {}.{} raised it",
                model.name, model.columns[col].attr
            ))),
        }
    }

    /// Flush until nothing is left, as `Session.commit()` does: a flush
    /// can leave work for the next (a deletion it cancelled). More than
    /// 100 flushes is SQLAlchemy's FlushError.
    pub fn flush_until_clean(&mut self) -> Result<()> {
        for _ in 0..100 {
            self.flush()?;
            if !self.session.has_changes() {
                return Ok(());
            }
        }
        Err(Error::new(
            ErrorKind::FlushError,
            "Over 100 subsequent flushes have occurred within session.commit() - is an after_flush() hook creating new objects?",
        )
        .with_help("the session keeps changes no flush can finish; db.session.rollback() discards them"))
    }

    /// Configure the relationships and give pending objects their
    /// column defaults where their value is None: a None, given or not,
    /// is left out of SQLAlchemy's INSERT, so the column's default applies.
    pub(crate) fn fill_defaults(&mut self) -> Result<()> {
        if self.registry.models().iter().any(|m| !m.rels.is_empty()) {
            self.mapping()?;
        }
        self.load_before_flush()?;
        let pending: Vec<Rc<Instance>> = self.session.pending().to_vec();
        self.session.defaulted.clear();
        self.session.sql_defaults.clear();
        for inst in pending {
            if crate::orm::unitofwork::switch::takes_over_row(&self.session, &inst) {
                continue;
            }
            for (i, c) in inst.model.columns.iter().enumerate() {
                let unset = matches!(inst.st.borrow().value(i), Value::None)
                    && !(c.none_is_json_null() && inst.st.borrow().is_set(i));
                if unset && let Some(d) = &c.default {
                    let ctx = Some(row_parameters(&inst));
                    let v = self.column_default(d, "default", &inst.model, i, ctx)?;
                    if let Some(e) = v.downcast::<crate::orm::expr::ColumnElement>() {
                        let sql = e.expr.clone();
                        self.session.sql_defaults.push((inst.clone(), i, sql));
                        continue;
                    }
                    let v = crate::orm::convert::check_assign(&inst.model, c, v)?;
                    let was_set = inst.st.borrow().is_set(i);
                    self.session.defaulted.push((inst.clone(), i, was_set));
                    let mut st = self.session.edit(&inst);
                    st.set_value(i, v);
                }
            }
        }
        Ok(())
    }

    /// What SQLAlchemy's flush reads before it writes, that ormsh reads
    /// here: the delete-cascade collections of objects
    /// marked for deletion load (`presort_deletes`), so a deleted parent
    /// answers for its children after the commit. A failure fails the
    /// flush: the transaction is rolled back (`orm::failed`).
    fn load_before_flush(&mut self) -> Result<()> {
        let doomed: Vec<Rc<Instance>> = self.session.deleted.to_vec();
        if let Err(e) = self.session.check_write_only_deletes(&doomed) {
            return Err(crate::orm::failed::roll_back(&mut self.session, e, None));
        }
        for d in doomed {
            let rels: Vec<Rc<Rel>> = self.session.mapping.of(&d.model.name).to_vec();
            for rel in rels {
                let one_to_many = matches!(rel.kind, RelKind::OneToMany { .. });
                if !one_to_many
                    || !rel.cascade.delete
                    || rel.viewonly
                    || rel.passive_deletes
                    || matches!(rel.lazy, Lazy::Dynamic | Lazy::Noload | Lazy::Raise)
                    || crate::orm::session::Session::slot_items(&d, &rel.name)
                        .is_some_and(|(loaded, _)| loaded)
                {
                    continue;
                }
                if let Err(e) = self.session.load_rel(&d, &rel) {
                    return Err(crate::orm::failed::roll_back(&mut self.session, e, None));
                }
            }
        }
        Ok(())
    }

    /// `Session.get` (and `Query.get`, `db.get_or_404`): the identity map
    /// first, without autoflush, as SQLAlchemy's `_get_impl` looks; a key
    /// the map lacks, or an expired object, autoflushes and reads the
    /// database. (An object
    /// whose key changed since the last flush is still found by its old
    /// key until the flush, `orm::rekey`.)
    pub fn get_by_key(&mut self, model: &Rc<Model>, key: Key) -> Result<Option<Rc<Instance>>> {
        // An expired object found there loads, after its autoflush
        // (`get_from_identity`).
        let found = self.session.identity.get(&(model.id, key.clone()));
        if found.as_ref().is_none_or(|x| x.is_expired()) {
            self.autoflush()?;
        }
        // Not found before the autoflush: the SELECT runs even if the
        // flush put the object in the map, and its eager loaders fill it.
        match found {
            None => {
                let from = crate::orm::lazy_eager::LoadFrom::Query;
                self.session.select_by_key(model, key, from)
            }
            Some(_) => self.session.get(model, key),
        }
    }

    /// Autoflush before a query, as the session does.
    pub fn autoflush(&mut self) -> Result<()> {
        if self.session.autoflush.truthy() && !self.session.flushing && self.session.has_changes() {
            self.flush()
        } else {
            Ok(())
        }
    }

    /// `db.session.execute(select | text, params)`
    pub(crate) fn execute(
        &mut self,
        target: &Value,
        params: Option<Value>,
        at: &TextSpans,
    ) -> Result<ResultSet> {
        self.autoflush()?;
        if let Some(q) = target.downcast::<Query>() {
            let needs_unique = self.joins_collection_eagerly(&q)?;
            let rows = match crate::eval::bindparam::execute_values(params.as_ref())? {
                Some(values) => {
                    crate::sql::named_bind::with_params(values, || self.load_query(&q))?
                }
                None => self.load_query(&q)?,
            };
            // A one-model select still yields rows of one element.
            let rows = if q.loaded_model().is_some() {
                let keys: Rc<[Rc<str>]> = Rc::from(q.keys());
                let origins = q.origins();
                rows.into_iter()
                    .map(|v| {
                        Value::obj(Row {
                            keys: keys.clone(),
                            values: vec![v],
                            origins: Some(origins.clone()),
                        })
                    })
                    .collect()
            } else {
                rows
            };
            let core = crate::eval::core_table::is_core_select(&q);
            return Ok(ResultSet {
                needs_unique,
                orm: !core,
                bulk: false,
                keys: Rc::from(q.keys()),
                unhashable: crate::orm::unique::unhashable_columns(&q),
                // A Core select's cursor result: not an INSERT's.
                inserted_pk: core.then(|| Rc::new(crate::eval::inserted_pk::InsertedPk::NotInsert)),
                ..ResultSet::plain(rows)
            });
        }
        if let Some(fs) = target.downcast::<crate::eval::from_statement::FromStatement>() {
            let rows = match crate::eval::bindparam::execute_values(params.as_ref())? {
                Some(values) => {
                    crate::sql::named_bind::with_params(values, || self.load_from_statement(&fs))?
                }
                None => self.load_from_statement(&fs)?,
            };
            let key: Rc<[Rc<str>]> = Rc::from(vec![fs.model.name.clone()]);
            let origins: Rc<[Origin]> = Rc::from(vec![Origin::Entity(fs.model.name.clone())]);
            let rows = rows
                .into_iter()
                .map(|v| {
                    Value::obj(Row {
                        keys: key.clone(),
                        values: vec![v],
                        origins: Some(origins.clone()),
                    })
                })
                .collect();
            return Ok(ResultSet {
                orm: true,
                keys: key,
                ..ResultSet::plain(rows)
            });
        }
        if let Some(t) = target.downcast::<TextClause>() {
            let params = crate::eval::text_clause::execute_params(&t, params);
            return self.execute_text(&t.0, params, at);
        }
        if let Some(ts) = target.downcast::<crate::eval::textual_select::TextualSelect>() {
            let params = crate::eval::text_clause::execute_params(&ts.text, params);
            let rs = self.execute_text(&ts.text.0, params, at)?;
            return crate::eval::textual_select::type_rows(&ts, rs);
        }
        Err(Error::new(
            ErrorKind::ArgumentError,
            format!(
                "execute() takes db.select(...) or text('SQL'), not {}",
                target.type_name()
            ),
        ))
    }

    /// Run raw SQL and return Rows labelled with the column names.
    pub fn raw_rows(&mut self, c: &Compiled) -> Result<ResultSet> {
        let mut rows = Vec::new();
        // The driver's values: pysqlite's cells as they are, psycopg2's
        // by each column's type.
        let names = self.session.engine.query_native(c, |r, native| {
            rows.push(if native.is_empty() {
                r.iter()
                    .map(crate::orm::convert::plain_value)
                    .collect::<Vec<_>>()
            } else {
                native.to_vec()
            });
            Ok(true)
        })?;
        let keys: Rc<[Rc<str>]> = names.iter().map(|n| Rc::from(n.as_str())).collect();
        Ok(ResultSet::plain(
            rows.into_iter()
                .map(|values| {
                    Value::obj(Row {
                        keys: keys.clone(),
                        values,
                        origins: None,
                    })
                })
                .collect(),
        ))
    }
}

/// Whether a `default=`/`onupdate=` callable takes the execution context:
/// one positional parameter (SQLAlchemy's `_maybe_wrap_callable` counts
/// positionals without defaults).
fn takes_context(d: &Value) -> bool {
    if let Some(f) = d.downcast::<crate::eval::function::Function>() {
        // SQLAlchemy's `_maybe_wrap_callable`: one positional parameter
        // without a default takes the context (a `def now_utc():` none).
        let required = (f.def.params.iter())
            .filter(|p| {
                matches!(
                    p.kind,
                    ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword
                ) && p.default.is_none()
            })
            .count();
        return required == 1;
    }
    d.downcast::<crate::eval::objects::Lambda>()
        .is_some_and(|l| l.params.len() == 1)
}

/// The values an object's row is written with, by column name (what a
/// context-sensitive default reads as `get_current_parameters()`).
fn row_parameters(inst: &Instance) -> Vec<(Rc<str>, Value)> {
    let st = inst.st.borrow();
    (inst.model.columns.iter().enumerate())
        .filter(|(i, _)| !st.column_expired(*i))
        .map(|(i, c)| (c.name.clone(), st.value(i).clone()))
        .filter(|(_, v)| !matches!(v, Value::None))
        .collect()
}
