//! Bulk `Query.delete()` and `Query.update(values)`: one DELETE or UPDATE,
//! then the session's objects brought in line as `synchronize_session`
//! says — SQLAlchemy's `orm.bulk_persistence` (`_BulkORMDelete`,
//! `_BulkORMUpdate`):
//!
//! - `'evaluate'`: the criteria are evaluated in memory against each object
//!   of the model in the session that is not expired (`orm::evaluate`);
//!   criteria it cannot evaluate are an `InvalidRequestError`.
//! - `'fetch'`: the primary keys of the matching rows are selected first;
//!   the objects with those keys in the session are the ones changed.
//! - `'auto'` (the default): `'evaluate'` when the criteria can be
//!   evaluated, else `'fetch'`.
//! - `False` (or None): the session is left as it is; its objects may hold
//!   stale values until they are expired.
//!
//! A deleted object leaves the session, marked deleted. An updated one
//! takes the new values, as committed, where they can be evaluated in
//! memory; where one cannot (an SQL function), it is expired and reloads.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::bulk_apply::SetEval;
use crate::orm::evaluate::{Eval, compile, criteria};
use crate::orm::evaluate_expired::Outcome;
use crate::orm::instance::{Instance, Key, KeyPart, Status};
use crate::orm::session::Session;
use crate::schema::model::Model;
use crate::sql::ast::{Compiled, Delete, FromItem, Param, Select, SqlExpr, Update};
use crate::sql::compile::{self, Mode};
use crate::sql::{delete_returning_in, update_returning_in};
use crate::value::Value;

/// How a bulk statement keeps the session's objects in line
/// (`synchronize_session=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncSession {
    Auto,
    Evaluate,
    Fetch,
    Off,
}

impl SyncSession {
    /// The keyword's value: `'auto'` (the default), `'evaluate'`,
    /// `'fetch'`, or False/None for none; anything else is SQLAlchemy's
    /// `ArgumentError`. (`0` is Python's `False`.)
    pub fn from_value(v: Option<&Value>) -> Result<SyncSession> {
        Ok(match v {
            None => SyncSession::Auto,
            Some(Value::None | Value::Bool(false) | Value::Int(0)) => SyncSession::Off,
            Some(Value::Float(f)) if *f == 0.0 => SyncSession::Off,
            Some(Value::Str(s)) if s.as_str() == "auto" => SyncSession::Auto,
            Some(Value::Str(s)) if s.as_str() == "evaluate" => SyncSession::Evaluate,
            Some(Value::Str(s)) if s.as_str() == "fetch" => SyncSession::Fetch,
            Some(_) => {
                return Err(Error::new(
                    ErrorKind::ArgumentError,
                    "Valid strategies for session synchronization are 'auto', 'evaluate', 'fetch', False",
                ));
            }
        })
    }
}

/// A column a bulk UPDATE sets that its SET did not name: its
/// `onupdate=` (SQLAlchemy's `crud._append_param_update`).
#[derive(Clone)]
pub struct Fill {
    /// The column's index in its model.
    pub column: usize,
    /// What the SET writes: the bound value, or the SQL expression.
    pub expr: SqlExpr,
    /// The value the matched objects take (SQLAlchemy's prefetched
    /// column); None for an SQL expression, whose column expires on them
    /// (postfetched).
    pub value: Option<Value>,
}

/// A bulk UPDATE's SET: each column's SQL, and the Python values the
/// columns were given (by column index).
pub type SetClause<'a> = (Vec<(usize, SqlExpr)>, &'a [(usize, Value)]);

/// What a bulk UPDATE writes: its criteria, the FROM items they read
/// under another name (aliases), the SET columns (by index) and the
/// `onupdate=` fills of the columns it leaves out.
pub struct BulkUpdate<'a> {
    pub where_: &'a [SqlExpr],
    pub froms: &'a [FromItem],
    pub set: Vec<(usize, SqlExpr)>,
    /// The Python values the SET was given, by column index: an aware
    /// datetime among them is what the matched objects take, as
    /// SQLAlchemy's evaluator hands them the value itself (the bound text
    /// has no zone).
    pub given: &'a [(usize, Value)],
    pub fills: Vec<Fill>,
    /// `prefix_with(...)` of the 2.0 `update()`: text after `UPDATE`.
    pub prefixes: &'a [(Rc<str>, Rc<str>)],
}

/// Which objects of the session a statement changes.
enum Plan {
    Off,
    /// Those matching the criteria in memory (None: all of the model).
    Evaluate(Option<Eval>),
    /// Those with these identity keys.
    Fetch(Vec<Key>),
    /// Those whose keys the statement's `RETURNING` of the primary key
    /// gives (SQLAlchemy's 'fetch' where the dialect has RETURNING).
    Returning,
}

/// How the 'fetch' strategy learns the rows a statement changes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FetchBy {
    /// `SELECT` their keys first.
    Select,
    /// `RETURNING` their keys.
    Returning,
    /// Not at all: an UPDATE that sets the primary key returns no key
    /// (SQLAlchemy's RETURNING leaves a primary key given a value out),
    /// so no object of the session is synchronized.
    Nothing,
}

impl Session {
    /// `DELETE FROM table WHERE criteria`, then the matching objects of
    /// the session are deleted from it. Returns the rows deleted.
    pub fn bulk_delete(
        &mut self,
        model: &Rc<Model>,
        where_: &[SqlExpr],
        sync: SyncSession,
    ) -> Result<usize> {
        Ok(self.bulk_delete_returning(model, where_, sync, &[], &[])?.0)
    }

    /// [`bulk_delete`](Self::bulk_delete) with `RETURNING` these columns
    /// (none: no RETURNING) and `prefix_with()`'s prefixes: the rows
    /// deleted, and the rows returned.
    pub fn bulk_delete_returning(
        &mut self,
        model: &Rc<Model>,
        where_: &[SqlExpr],
        sync: SyncSession,
        returning: &[Rc<str>],
        prefixes: &[(Rc<str>, Rc<str>)],
    ) -> Result<(usize, Vec<Vec<Param>>)> {
        let plan = self.plan(model, where_, &[], sync, FetchBy::Select)?;
        let stmt = Delete {
            prefixes: prefixes.to_vec(),
            table: model.table.clone(),
            where_: where_.to_vec(),
        };
        let out = self.run_returning(&delete_returning_in(
            &stmt,
            returning,
            Mode::Execute,
            self.engine.dialect(),
        ))?;
        // An object its criteria could not decide for want of an expired
        // column is expired whole instead (SQLAlchemy's
        // `_BulkORMDelete._do_post_synchronize_evaluate`).
        for (inst, partly_expired) in self.matched(model, &plan)? {
            match partly_expired {
                true => self.expire_state(&inst),
                false => self.remove_newly_deleted(&inst),
            }
        }
        Ok(out)
    }

    /// Run a write; with a RETURNING clause, its rows (and their number
    /// as the count), else the rows it changed.
    pub fn run_returning(&mut self, c: &Compiled) -> Result<(usize, Vec<Vec<Param>>)> {
        if !c.sql.contains(" RETURNING ") {
            return Ok((self.execute(c)?, Vec::new()));
        }
        self.load_late(c)?;
        self.engine.begin()?;
        let rows = self.engine.query_all(c)?;
        Ok((rows.len(), rows))
    }

    /// `UPDATE table SET column = value, … WHERE criteria` (`set` by column
    /// index, with the `onupdate=` `fills` of the columns it leaves out;
    /// written in the table's column order, as SQLAlchemy writes them),
    /// then the matching objects of the session take the values.
    /// Returns the rows matched.
    pub fn bulk_update(
        &mut self,
        model: &Rc<Model>,
        where_: &[SqlExpr],
        froms: &[FromItem],
        (set, given): SetClause<'_>,
        fills: Vec<Fill>,
        sync: SyncSession,
    ) -> Result<usize> {
        let stmt = BulkUpdate {
            where_,
            froms,
            set,
            given,
            fills,
            prefixes: &[],
        };
        Ok(self.bulk_update_returning(model, stmt, sync, &[])?.0)
    }

    /// [`bulk_update`](Self::bulk_update) with `RETURNING` these columns
    /// (none: no RETURNING): the rows matched, and the rows returned.
    pub fn bulk_update_returning(
        &mut self,
        model: &Rc<Model>,
        stmt: BulkUpdate,
        sync: SyncSession,
        returning: &[Rc<str>],
    ) -> Result<(usize, Vec<Vec<Param>>)> {
        let BulkUpdate {
            where_,
            froms,
            set,
            given,
            fills,
            prefixes,
        } = stmt;
        let kept: Vec<(usize, Value)> = (given.iter())
            .filter(|(_, v)| matches!(v, Value::Aware(_)))
            .cloned()
            .collect();
        // SQLite has RETURNING: 'fetch' reads the keys from the UPDATE
        // itself, unless it sets the key (then it learns none) or UPDATE..
        // FROM or a RETURNING of the caller's is in the way.
        let by = if set.iter().any(|(i, _)| model.pk.contains(i)) {
            FetchBy::Nothing
        } else if returning.is_empty() && froms.is_empty() && only_table(model, where_) {
            FetchBy::Returning
        } else {
            FetchBy::Select
        };
        let plan = self.plan(model, where_, froms, sync, by)?;
        let pk_names: Vec<Rc<str>>;
        let returning = match plan {
            Plan::Returning => {
                pk_names = model
                    .pk
                    .iter()
                    .map(|&i| model.columns[i].name.clone())
                    .collect();
                &pk_names[..]
            }
            _ => returning,
        };
        let values: Vec<SetEval> = set.iter().map(|(i, e)| (*i, compile(model, e))).collect();
        // Columns the database sets on UPDATE (`server_onupdate=`) that the
        // statement leaves out are postfetch columns: they expire.
        let fetched: Vec<usize> = (model.columns.iter().enumerate())
            .filter(|(i, c)| {
                c.server_onupdate
                    && !set.iter().any(|(j, _)| j == i)
                    && !fills.iter().any(|f| f.column == *i)
            })
            .map(|(i, _)| i)
            .collect();
        let mut columns: Vec<(usize, SqlExpr)> = set
            .into_iter()
            .chain(fills.iter().map(|f| (f.column, f.expr.clone())))
            .collect();
        columns.sort_by_key(|(i, _)| *i);
        let stmt = Update {
            prefixes: prefixes.to_vec(),
            table: model.table.clone(),
            set: columns
                .into_iter()
                .map(|(i, e)| (model.columns[i].name.clone(), e))
                .collect(),
            where_: where_.to_vec(),
            from: froms.to_vec(),
        };
        let mut out = self.run_returning(&update_returning_in(
            &stmt,
            returning,
            Mode::Execute,
            self.engine.dialect(),
        ))?;
        let plan = match plan {
            Plan::Returning => Plan::Fetch(keys_of(&std::mem::take(&mut out.1))),
            plan => plan,
        };
        for (inst, _) in self.matched(model, &plan)? {
            self.apply_fills(&inst, &fills, &fetched);
            self.apply_update(&inst, &values, &kept)?;
            // SQLAlchemy's `_register_altered`: a nested transaction's
            // rollback expires it.
            self.note_nested(crate::orm::nested::Noted::Updated, &inst);
        }
        Ok(out)
    }

    /// What the strategy needs before the statement runs: the criteria
    /// compiled, or the keys of the rows they match.
    fn plan(
        &mut self,
        model: &Model,
        where_: &[SqlExpr],
        froms: &[FromItem],
        sync: SyncSession,
        by: FetchBy,
    ) -> Result<Plan> {
        let fetch = |me: &mut Session| -> Result<Plan> {
            Ok(match by {
                FetchBy::Select => Plan::Fetch(me.matching_keys(model, where_, froms)?),
                FetchBy::Returning => Plan::Returning,
                FetchBy::Nothing => Plan::Fetch(Vec::new()),
            })
        };
        Ok(match sync {
            SyncSession::Off => Plan::Off,
            SyncSession::Fetch => fetch(self)?,
            SyncSession::Evaluate => Plan::Evaluate(criteria(model, where_).map_err(|u| {
                Error::new(
                    ErrorKind::InvalidRequestError,
                    format!(
                        "Could not evaluate current criteria in Python: \"{}\". Specify 'fetch' or False for the synchronize_session execution option.",
                        u.0
                    ),
                )
            })?),
            SyncSession::Auto => match criteria(model, where_) {
                Ok(c) => Plan::Evaluate(c),
                Err(_) => fetch(self)?,
            },
        })
    }

    /// `SELECT <primary key> FROM table WHERE criteria`: the identities of
    /// the rows a statement is about to change.
    fn matching_keys(
        &mut self,
        model: &Model,
        where_: &[SqlExpr],
        froms: &[FromItem],
    ) -> Result<Vec<Key>> {
        let mut tables = vec![model.table.clone()];
        for w in where_ {
            w.tables_into(&mut tables);
        }
        let sel = Select {
            columns: model.pk.iter().map(|&i| model.sql_column(i)).collect(),
            from: tables
                .into_iter()
                .map(|name| {
                    froms
                        .iter()
                        .find(|f| f.alias_name() == Some(&name))
                        .cloned()
                        .unwrap_or(FromItem::Table { name, alias: None })
                })
                .collect(),
            where_: where_.to_vec(),
            ..Select::default()
        };
        let compiled = compile::select(&sel, Mode::Execute, self.engine.dialect());
        self.load_late(&compiled)?;
        let rows = self.engine.query_all(&compiled)?;
        Ok(keys_of(&rows))
    }

    /// The objects of the session the statement changed, by the plan
    /// (`Plan::Returning` is turned into keys once the statement ran),
    /// each with whether an expired column decided its criteria
    /// (SQLAlchemy's `_get_matched_objects_on_criteria`: an object expired
    /// as a whole is passed over, one expired in part is matched when the
    /// criteria need a column it has not loaded).
    fn matched(&mut self, model: &Model, plan: &Plan) -> Result<Vec<(Rc<Instance>, bool)>> {
        Ok(match plan {
            Plan::Off | Plan::Returning => Vec::new(),
            Plan::Fetch(keys) => keys
                .iter()
                .filter_map(|k| self.identity.get(&(model.id, k.clone())))
                .map(|inst| (inst, false))
                .collect(),
            Plan::Evaluate(cond) => {
                let mut out = Vec::new();
                for inst in self.identity.alive() {
                    let st = inst.st.borrow();
                    if inst.model.id != model.id
                        || st.is_wholly_expired()
                        || st.status() != Status::Persistent
                    {
                        continue;
                    }
                    let unloaded = |i: usize| st.column_expired(i) || st.column_deferred(i);
                    let outcome = match cond {
                        None => Outcome::Match,
                        Some(c) => c.outcome(model, st.values(), &unloaded)?,
                    };
                    drop(st);
                    match outcome {
                        Outcome::Match => out.push((inst, false)),
                        Outcome::Expired => out.push((inst, true)),
                        Outcome::NoMatch => {}
                    }
                }
                out
            }
        })
    }
}

/// The identity keys of rows of primary-key values.
fn keys_of(rows: &[Vec<Param>]) -> Vec<Key> {
    rows.iter()
        .filter_map(|r| {
            r.iter()
                .map(KeyPart::of_param)
                .collect::<Option<Vec<_>>>()
                .map(Rc::from)
        })
        .collect()
}

/// Whether the criteria name the model's own table only (no UPDATE..FROM).
fn only_table(model: &Model, where_: &[SqlExpr]) -> bool {
    let mut tables = vec![model.table.clone()];
    for w in where_ {
        w.tables_into(&mut tables);
    }
    tables.len() == 1
}
