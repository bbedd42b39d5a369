//! The plan of a flush: every statement, in order, with its parameters —
//! SQLAlchemy's `persistence.save_obj` / `delete_obj` applied to the
//! work `graph` ordered. Fixed before anything runs, from the session
//! alone (`plan`); `emit` runs it.
//!
//! Within one save step the objects go as SQLAlchemy's `_sort_states`
//! puts them — new ones in the order they were added, then those with a
//! row by primary key — and each table's UPDATEs come before its INSERTs.
//! A step's rows of one shape share a statement (SQLAlchemy groups them
//! for `executemany`; its row-count checks count the whole group). Rows
//! are named by the key they have in the database (`PlanParam::RowKey`);
//! a key an earlier INSERT numbers is `PlanParam::Deferred`.

use std::cmp::Ordering;
use std::rc::Rc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::error::{Error, ErrorKind, Result};
use crate::orm::columns::pending_expired;
use crate::orm::convert::to_param;
use crate::orm::instance::{Instance, Status};
use crate::orm::session::Session;
use crate::orm::unitofwork::assoc;
use crate::orm::unitofwork::copies;
use crate::orm::unitofwork::graph::{Order, Task};
use crate::orm::unitofwork::keys::{key_order, refuse_null_key};
use crate::orm::unitofwork::post;
use crate::orm::unitofwork::schedule::order;
use crate::orm::unitofwork::states::{PlanValue, Registry, register};
use crate::orm::unitofwork::switch::Switches;
use crate::schema::model::Model;
use crate::schema::relationship::Rel;
use crate::schema::types::ColumnType;
use crate::sql::ast::{Delete, Insert, Late, LateValue, Param, SqlExpr, Update};
use crate::sql::compile;
use crate::sql::dialect::Dialect;
use crate::value::Value;

pub use super::plan_types::{Op, Plan, PlanParam, Row, Statement, Step};

/// Plan the flush of `session`: what its pending, modified and deleted
/// objects and changed relationships need, in SQLAlchemy's order. Reads
/// the session only (`flush::prepare` has loaded what the flush needs).
/// When objects depend on each other in a cycle, the plan is the work
/// SQLAlchemy does before it finds the cycle, then its
/// `CircularDependencyError` (`Plan::failure`).
pub fn plan(session: &Session) -> Result<Plan> {
    let reg = register(session)?;
    let order = order(session, &reg)?;
    let mut p = Planner {
        reg: &reg,
        order: &order,
        copies: copies::made(&reg, &order),
        inserted: HashSet::default(),
        steps: Vec::new(),
        sql: HashMap::default(),
        processed: HashSet::default(),
        switches: Switches::default(),
        onupdate: &session.onupdate,
        sql_defaults: &session.sql_defaults,
        defaulted: &session.defaulted,
        dialect: session.engine.dialect(),
    };
    p.switches = p.find_switches(session)?;
    let mut none_left = reg
        .list
        .iter()
        .any(|x| session.refuse_none_in(x, None).is_err());
    for w in &order.work {
        if matches!(p.steps.last(), Some(Step::Fail(_))) {
            break;
        }
        if let (true, Task::Process { dep, delete: false }) = (none_left, w.task)
            && let Err(e) = refuse_none(session, &reg.list, &order.deps[dep].rel, &w.states)
        {
            p.steps.push(Step::Fail(e));
            none_left = false;
            break;
        }
        match w.task {
            Task::Save(m) => p.save(&order.models[m], &w.states)?,
            Task::Delete(m) => p.delete(&order.models[m], &w.states)?,
            Task::Process { dep, delete } => {
                post::copies(&mut p, dep, delete, &w.states)?;
                assoc::process(&mut p, dep, delete, &w.states)?;
            }
            Task::PostUpdate { model, .. } => {
                post::updates(&mut p, &order.models[model], &w.states)?;
            }
        }
    }
    // Copies into objects outside the flush (a transient child of a
    // collection): made in memory, as SQLAlchemy's copies are.
    let mut outside: Vec<(Rc<Instance>, usize, PlanValue)> = Vec::new();
    let mut seen: HashSet<*const Instance> = HashSet::default();
    for w in reg.writes.iter().filter(|w| w.post.is_none()) {
        let x = &w.dest;
        if reg.find(x).is_none() && seen.insert(Rc::as_ptr(x)) {
            for (col, v) in p.copies.get(&Rc::as_ptr(x)).into_iter().flatten() {
                outside.push((x.clone(), *col, v.clone()));
            }
        }
    }
    let stopped = matches!(p.steps.last(), Some(Step::Fail(_)));
    if none_left && order.failure.is_none() && !stopped {
        // No save of that relationship was planned: refused first, as
        // before any work.
        for (x, _) in reg.list.iter().zip(&reg.listonly).filter(|(_, l)| !**l) {
            session.refuse_none_in(x, None)?;
        }
    }
    if stopped {
        // Stopped at a `None` in a collection or an expired new key.
    } else if let Some(e) = &order.failure {
        p.steps.push(Step::Fail(e.clone()));
    } else if !outside.is_empty() {
        p.steps.push(Step::Copy(outside));
    }
    Ok(Plan { steps: p.steps })
}

/// A `None` in the collection `rel` of one of the owners `states` whose
/// saves the flush processes (SQLAlchemy's `_verify_canload`, met when
/// the dependency processor runs for them).
fn refuse_none(session: &Session, list: &[Rc<Instance>], rel: &Rel, states: &[u32]) -> Result<()> {
    for &s in states {
        if let Some(x) = list.get(s as usize) {
            session.refuse_none_in(x, Some(rel))?;
        }
    }
    Ok(())
}

/// A statement's shape: kind (0 INSERT, 1 UPDATE, 2 DELETE), table, and
/// its columns.
type Shape = (u8, Rc<str>, Vec<Rc<str>>);

/// The state of planning one flush.
pub(super) struct Planner<'a> {
    pub(super) reg: &'a Registry,
    pub(super) order: &'a Order,
    /// The last copy into each column, by object.
    copies: HashMap<*const Instance, Vec<(usize, PlanValue)>>,
    /// New objects whose INSERT is planned already.
    pub(super) inserted: HashSet<*const Instance>,
    pub(super) steps: Vec<Step>,
    /// Statement text by kind, table and columns.
    pub(super) sql: HashMap<Shape, Rc<str>>,
    /// Association rows written by a relationship or its reverse
    /// (SQLAlchemy's `_get_reversed_processed_set`).
    pub(super) processed: HashSet<(usize, *const Instance, *const Instance)>,
    /// New objects taking over the row of an object the flush deletes.
    switches: Switches,
    /// The `onupdate=` values worked out for the objects the flush may
    /// UPDATE (`orm::onupdate`).
    pub(super) onupdate: &'a [(Rc<Instance>, usize, Value)],
    /// The SQL `default=`s of new objects (`Session::sql_defaults`).
    pub(super) sql_defaults: &'a [(Rc<Instance>, usize, SqlExpr)],
    /// The columns of new objects that their Python-side `default=`
    /// filled (`Session::defaulted`): not among the keys the object gave,
    /// which SQLAlchemy's INSERT batches group by.
    pub(super) defaulted: &'a [(Rc<Instance>, usize, bool)],
    /// The dialect the statements are written in (the engine's).
    pub(super) dialect: &'static Dialect,
}

/// A placeholder of a flush statement's text, named as SQLAlchemy's
/// persistence names it (`bindparam(col.key)`): the name shows in
/// `pyformat` (`%(username)s`); the values are bound by the flush's rows,
/// never read from it.
struct Hole(Rc<str>);

impl LateValue for Hole {
    fn value(&self) -> crate::error::Result<Param> {
        Ok(Param::Null)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn bind_name(&self) -> Option<Rc<str>> {
        Some(self.0.clone())
    }
}

/// A placeholder named `name` while compiling statement text.
pub(super) fn hole(name: &Rc<str>) -> SqlExpr {
    SqlExpr::Late {
        value: Late(Rc::new(Hole(name.clone()))),
        key: None,
    }
}

/// `table.col = ?` for each key column: named `col` in a DELETE
/// (SQLAlchemy's `_emit_delete_statements`), `table_col` in an UPDATE
/// (`col._label`, `_emit_update_statements`).
pub(super) fn criteria(table: &Rc<str>, cols: &[Rc<str>], labelled: bool) -> Vec<SqlExpr> {
    cols.iter()
        .map(|c| {
            let name = if labelled {
                Rc::from(format!("{table}_{c}"))
            } else {
                c.clone()
            };
            SqlExpr::eq(SqlExpr::col(table, c), hole(&name))
        })
        .collect()
}

impl Planner<'_> {
    /// The text of an INSERT (0), UPDATE (1, `set` then `keys`) or DELETE
    /// (2) on `table`, compiled once per shape.
    pub(super) fn text(
        &mut self,
        kind: u8,
        table: &Rc<str>,
        set: &[Rc<str>],
        keys: &[Rc<str>],
    ) -> Rc<str> {
        let mut shape: Vec<Rc<str>> = set.to_vec();
        shape.push(Rc::from("|"));
        shape.extend(keys.iter().cloned());
        let k = (kind, table.clone(), shape);
        if let Some(s) = self.sql.get(&k) {
            return s.clone();
        }
        let d = self.dialect;
        let sql: Rc<str> = Rc::from(match kind {
            0 => {
                let insert = Insert {
                    table: table.clone(),
                    columns: set.to_vec(),
                    rows: vec![vec![Param::Int(0); set.len()]],
                    returning: Vec::new(),
                };
                compile::insert(&insert, d).sql
            }
            1 => {
                let update = Update {
                    prefixes: Vec::new(),
                    table: table.clone(),
                    set: set.iter().map(|c| (c.clone(), hole(c))).collect(),
                    where_: criteria(table, keys, true),
                    from: Vec::new(),
                };
                compile::update(&update, d).sql
            }
            _ => {
                let delete = Delete {
                    prefixes: Vec::new(),
                    table: table.clone(),
                    where_: criteria(table, keys, false),
                };
                compile::delete(&delete, d).sql
            }
        });
        self.sql.insert(k, sql.clone());
        sql
    }

    /// The value column `col` of `x` is written with: its last copy, or
    /// its value.
    pub(super) fn value(&self, x: &Rc<Instance>, col: usize) -> PlanValue {
        self.copy_of(x, col)
            .cloned()
            .unwrap_or_else(|| PlanValue::Known(x.value(col)))
    }

    pub(super) fn copy_of(&self, x: &Rc<Instance>, col: usize) -> Option<&PlanValue> {
        self.copies
            .get(&Rc::as_ptr(x))?
            .iter()
            .find(|(c, _)| *c == col)
            .map(|(_, v)| v)
    }

    /// A value as a parameter bound like a `ty` column, checking that a
    /// deferred one is numbered by an INSERT planned before.
    pub(super) fn param(&self, v: &PlanValue, ty: &ColumnType) -> Result<PlanParam> {
        Ok(match v {
            PlanValue::Known(v) => PlanParam::Bound(to_param(ty, v)?),
            PlanValue::Deferred { inst, col } => {
                self.check_inserted(inst)?;
                PlanParam::Deferred {
                    inst: inst.clone(),
                    col: *col,
                    ty: Box::new(ty.clone()),
                }
            }
        })
    }

    /// A key read from an object whose INSERT is not planned yet would be
    /// missing: the order is wrong (never expected; said, not guessed).
    pub(super) fn check_inserted(&self, inst: &Rc<Instance>) -> Result<()> {
        if inst.status() != Status::Pending || self.inserted.contains(&Rc::as_ptr(inst)) {
            return Ok(());
        }
        Err(Error::new(
            ErrorKind::InvalidRequestError,
            format!(
                "the flush would read the key of {} before inserting it",
                crate::orm::unitofwork::cycle::describe(inst)
            ),
        )
        .with_help(
            "flush that object first (db.session.flush()), then make the change that needs its key",
        ))
    }

    /// Save the objects `states` of `model` (`persistence.save_obj`): the
    /// copies into them, then UPDATEs, then INSERTs.
    fn save(&mut self, model: &Rc<Model>, states: &[u32]) -> Result<()> {
        let mut objs: Vec<Rc<Instance>> = states
            .iter()
            .map(|&s| self.reg.list[s as usize].clone())
            .collect();
        let copies: Vec<(Rc<Instance>, usize, PlanValue)> = objs
            .iter()
            .filter_map(|x| Some((x, self.copies.get(&Rc::as_ptr(x))?)))
            .flat_map(|(x, list)| list.iter().map(|(c, v)| (x.clone(), *c, v.clone())))
            .collect();
        for (_, _, v) in &copies {
            if let PlanValue::Deferred { inst, .. } = v {
                self.check_inserted(inst)?;
            }
        }
        if !copies.is_empty() {
            self.steps.push(Step::Copy(copies));
        }
        // SQLAlchemy's `_sort_states`: new objects in the order they were
        // added, then the others by primary key.
        let pos = |x: &Rc<Instance>| self.reg.find(x).unwrap_or(u32::MAX);
        objs.sort_by(|x, y| {
            let (px, py) = (x.status() == Status::Pending, y.status() == Status::Pending);
            match (px, py) {
                (true, true) => pos(x).cmp(&pos(y)),
                (true, false) => Ordering::Less,
                (false, true) => Ordering::Greater,
                (false, false) => {
                    key_order(x.st.borrow().identity_key(), y.st.borrow().identity_key())
                }
            }
        });
        let split = objs.partition_point(|x| x.status() == Status::Pending);
        let (new, old) = objs.split_at(split);
        // A new object's identity key is read before any row of the table
        // is written (`_organize_states_for_save`); a rollback expired it:
        // SQLAlchemy refuses there, after the work of the tables before.
        if let Some(x) = new.iter().find(|x| {
            let st = x.st.borrow();
            model.pk.iter().any(|&c| st.column_expired(c))
        }) {
            self.steps.push(Step::Fail(pending_expired(x)));
            return Ok(());
        }
        let mut updates: Vec<(Vec<usize>, Row, Op)> = Vec::new();
        let (switched, new): (Vec<Rc<Instance>>, Vec<Rc<Instance>>) = new
            .iter()
            .cloned()
            .partition(|x| self.switches.new.contains(&Rc::as_ptr(x)));
        for x in &switched {
            updates.extend(self.switch_row(model, x)?);
        }
        for x in old {
            if let Some((cols, row)) = self.update_row(model, x)? {
                updates.push((cols, row, Op::Update));
            }
        }
        self.batches(1, model, updates);
        for x in &switched {
            self.inserted.insert(Rc::as_ptr(x));
        }
        if !switched.is_empty() {
            self.steps.push(Step::Switch(switched));
        }
        let mut inserts: Vec<(Vec<usize>, Row, Op)> = Vec::new();
        for x in &new {
            inserts.push(self.insert_row(model, x)?);
        }
        self.batches(0, model, inserts);
        for x in &new {
            self.inserted.insert(Rc::as_ptr(x));
        }
        Ok(())
    }

    /// Delete the objects `states` of `model` (`persistence.delete_obj`),
    /// by primary key, in one statement.
    fn delete(&mut self, model: &Rc<Model>, states: &[u32]) -> Result<()> {
        let mut objs: Vec<Rc<Instance>> = states
            .iter()
            .map(|&s| self.reg.list[s as usize].clone())
            .filter(|x| x.has_identity() && !self.switches.old.contains(&Rc::as_ptr(x)))
            .collect();
        if objs.is_empty() {
            return Ok(());
        }
        for x in &objs {
            refuse_null_key(x, "delete from table")?;
        }
        objs.sort_by(|x, y| key_order(x.st.borrow().identity_key(), y.st.borrow().identity_key()));
        let rows: Vec<(Vec<usize>, Row, Op)> = objs
            .into_iter()
            .map(|x| {
                let params = (0..model.pk.len())
                    .map(|part| PlanParam::RowKey {
                        inst: x.clone(),
                        part,
                    })
                    .collect();
                let row = Row {
                    inst: Some(x),
                    params,
                    cols: Vec::new(),
                    onupdate: Vec::new(),
                    returning: Vec::new(),
                };
                (Vec::new(), row, Op::Delete)
            })
            .collect();
        self.batches(2, model, rows);
        Ok(())
    }
}
