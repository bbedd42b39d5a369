//! Column deferral (SQLAlchemy's `DeferredColumnLoader`): a column left
//! out of the SELECT that loads its model — `deferred()` in the model,
//! `defer(M.c)` / `load_only(M.a, …)` as a query's options, undone by
//! `undefer(M.c)` / `undefer_group('g')` — is unloaded in the objects it
//! loads and read by a SELECT of its own (of its group's columns) by
//! primary key when first accessed, or refused with `raiseload=True`.
//! An expired object's load leaves the model's deferred columns unloaded,
//! as SQLAlchemy's refresh does not load them.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::convert::from_param;
use crate::orm::identity_key::pk_criteria;
use crate::orm::instance::{Instance, Status};
use crate::orm::query::{Entity, Query};
use crate::orm::session::Session;
use crate::orm::states::describe;
use crate::schema::model::Model;
use crate::sql::ast::{FromItem, Param, Select, SqlExpr};
use crate::sql::compile::{self, Mode};

/// How a model's column is deferred (`deferred(col, group=, raiseload=)`,
/// `mapped_column(deferred=True, deferred_group=, deferred_raiseload=)`).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Deferral {
    pub group: Option<Rc<str>>,
    pub raiseload: bool,
    /// A `query_expression()`: loaded only by a query's
    /// `with_expression()`, read as `None` otherwise without any SQL
    /// (SQLAlchemy's `ExpressionColumnLoader`).
    pub expression: bool,
}

/// Whether a load reads a column, or leaves it deferred.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ColLoad {
    Loaded,
    Deferred { raise: bool },
}

/// A query's column option, on columns of its model (by index).
#[derive(Clone, Debug, PartialEq)]
pub enum ColumnOpt {
    /// `defer(M.c, raiseload=)`
    Defer { cols: Vec<usize>, raise: bool },
    /// `undefer(M.c)`
    Undefer(Vec<usize>),
    /// `undefer_group('g')`
    UndeferGroup(Rc<str>),
    /// `with_expression(M.prop, expr)`: a `query_expression()` loaded
    /// as `expr` by this query.
    Expression { col: usize, expr: Rc<SqlExpr> },
    /// `load_only(M.a, …, raiseload=)`: the others (not the primary key) deferred.
    LoadOnly { cols: Vec<usize>, raise: bool },
}

/// The `with_expression()` options of a load, by column of its model.
pub type Expressions = Rc<[(usize, Rc<SqlExpr>)]>;

/// Which columns of `model` a load reads; None when every one.
pub type Mask = Option<Rc<[ColLoad]>>;

/// The model's own deferral: its `deferred()` columns left out.
pub fn model_mask(model: &Model) -> Mask {
    // Asked for every row loaded: a model without deferred columns
    // answers without building the mask.
    if model.columns.iter().all(|c| c.deferred.is_none()) {
        return None;
    }
    mask_of(model, &[])
}

/// The model's deferral amended by a query's column options, in order.
fn mask_of(model: &Model, opts: &[ColumnOpt]) -> Mask {
    let mut m: Vec<ColLoad> = (model.columns.iter())
        .map(|c| match &c.deferred {
            Some(d) => ColLoad::Deferred { raise: d.raiseload },
            None => ColLoad::Loaded,
        })
        .collect();
    for o in opts {
        match o {
            ColumnOpt::Defer { cols, raise } => {
                for &i in cols {
                    m[i] = ColLoad::Deferred { raise: *raise };
                }
            }
            ColumnOpt::Undefer(cols) => cols.iter().for_each(|&i| m[i] = ColLoad::Loaded),
            ColumnOpt::Expression { col, .. } => m[*col] = ColLoad::Loaded,
            ColumnOpt::UndeferGroup(g) => {
                for (i, c) in model.columns.iter().enumerate() {
                    if c.deferred.as_ref().and_then(|d| d.group.as_ref()) == Some(g) {
                        m[i] = ColLoad::Loaded;
                    }
                }
            }
            ColumnOpt::LoadOnly { cols, raise } => {
                for (i, c) in model.columns.iter().enumerate() {
                    m[i] = if cols.contains(&i) || c.primary_key {
                        ColLoad::Loaded
                    } else {
                        ColLoad::Deferred { raise: *raise }
                    };
                }
            }
        }
    }
    // The primary key is always loaded.
    for &i in &model.pk {
        m[i] = ColLoad::Loaded;
    }
    (!m.iter().all(|l| *l == ColLoad::Loaded)).then(|| Rc::from(m))
}

impl Query {
    /// The expression a `with_expression()` option gives column `i` of
    /// the query's model, if any (the last one given).
    pub fn expression_for(&self, i: usize) -> Option<&SqlExpr> {
        self.column_opts.iter().rev().find_map(|o| match o {
            ColumnOpt::Expression { col, expr } if *col == i => Some(&**expr),
            _ => None,
        })
    }

    /// Its `with_expression()` options, which the objects it loads keep
    /// for their refresh (SQLAlchemy's `state.load_options`).
    pub fn expressions(&self) -> Option<Expressions> {
        let found: Vec<(usize, Rc<SqlExpr>)> = (self.column_opts.iter())
            .filter_map(|o| match o {
                ColumnOpt::Expression { col, expr } => Some((*col, expr.clone())),
                _ => None,
            })
            .collect();
        (!found.is_empty()).then(|| Rc::from(found))
    }

    /// Which columns of its model a one-model query loads (None: all).
    pub fn column_mask(&self) -> Mask {
        match self.entities.as_slice() {
            [Entity::Model(m)] if self.compound.is_empty() => mask_of(m, &self.column_opts),
            _ => None,
        }
    }
}

/// Is column `i` of `model` a `query_expression()`?
pub fn is_query_expression(model: &Model, i: usize) -> bool {
    model.columns[i]
        .deferred
        .as_ref()
        .is_some_and(|d| d.expression)
}

/// Every column of `model` loaded.
pub fn all_loaded(model: &Model) -> Rc<[ColLoad]> {
    Rc::from(vec![ColLoad::Loaded; model.columns.len()])
}

/// Is column `i` loaded under `mask`?
pub fn loads(mask: &Mask, i: usize) -> bool {
    mask.as_ref().is_none_or(|m| m[i] == ColLoad::Loaded)
}

/// A row holding only the loaded columns, widened to the model's columns
/// (NULL where deferred) so it reads as a whole row.
pub fn widen(row: &[Param], mask: &[ColLoad]) -> Vec<Param> {
    let mut it = row.iter();
    mask.iter()
        .map(|l| match l {
            ColLoad::Loaded => it.next().cloned().unwrap_or(Param::Null),
            ColLoad::Deferred { .. } => Param::Null,
        })
        .collect()
}

/// How many columns of `model` its own deferral loads.
pub fn loaded_count(model: &Model) -> usize {
    let mask = model_mask(model);
    (0..model.columns.len())
        .filter(|&i| loads(&mask, i))
        .count()
}

/// A row of the columns `model`'s own deferral loads, widened.
pub fn widen_for(model: &Model, row: &[Param]) -> Vec<Param> {
    match model_mask(model) {
        Some(m) => widen(row, &m),
        None => row.to_vec(),
    }
}

/// The deferral of column `i` under `mask`: `Some(raise)` when deferred.
pub fn deferred_at(mask: &Mask, i: usize) -> Option<bool> {
    match mask.as_ref().map(|m| m[i]) {
        Some(ColLoad::Deferred { raise }) => Some(raise),
        _ => None,
    }
}

impl Session {
    /// The deferral a row of `model` was read under: the running query's
    /// for its model, else the model's own.
    pub fn mask_for(&self, model: &Model) -> Mask {
        match &self.row_mask {
            Some((id, m)) if *id == model.id => Some(m.clone()),
            _ => model_mask(model),
        }
    }

    /// The `with_expression()` options of the rows being read of `model`.
    pub fn exprs_for(&self, model: &Model) -> Option<Expressions> {
        match &self.row_exprs {
            Some((id, e)) if *id == model.id => Some(e.clone()),
            _ => None,
        }
    }

    /// The loaded columns of `inst` the running query defers by an option
    /// (not the model's own deferral): `populate_existing` keeps their
    /// values, as SQLAlchemy's deferred loader leaves them in the dict.
    pub fn option_deferred_loaded(&self, inst: &Instance) -> Vec<usize> {
        let mask = self.mask_for(&inst.model);
        let st = inst.st.borrow();
        (0..inst.model.columns.len())
            .filter(|&i| {
                deferred_at(&mask, i).is_some()
                    && inst.model.columns[i].deferred.is_none()
                    && st.is_set(i)
                    && !st.column_expired(i)
                    && !st.column_deferred(i)
            })
            .collect()
    }

    /// Columns `kept` of an object just expired stay loaded with the
    /// values they had.
    pub fn keep_loaded(&mut self, inst: &Rc<Instance>, kept: Vec<usize>) {
        if kept.is_empty() {
            return;
        }
        let mut st = self.edit(inst);
        for i in kept {
            let v = st.value(i).clone();
            st.set_fresh_value(i, v);
        }
    }

    /// Reading deferred column `i` of `inst` raises (`raiseload=True`):
    /// SQLAlchemy's InvalidRequestError.
    pub fn check_raiseload(&self, inst: &Instance, i: usize) -> Result<()> {
        let model = &inst.model;
        let col = &model.columns[i];
        let st = inst.st.borrow();
        let model_raises = col.deferred.as_ref().is_some_and(|d| d.raiseload);
        if st.deferred_raises(i) || (st.column_expired(i) && model_raises) {
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                format!(
                    "'{}.{}' is not available due to raiseload=True",
                    model.name, col.attr
                ),
            )
            .with_help(format!(
                "load it with the query: .options(db.undefer({}.{}))",
                model.name, col.attr
            )));
        }
        Ok(())
    }

    /// Does reading column `i` of `inst` run a deferred load?
    pub fn column_defers(&self, inst: &Instance, i: usize) -> bool {
        let st = inst.st.borrow();
        st.column_deferred(i) || (st.column_expired(i) && inst.model.columns[i].deferred.is_some())
    }

    /// Load deferred column `i` of `inst` — with the other unloaded
    /// columns of its group — by a SELECT of those columns by primary key
    /// (SQLAlchemy's `DeferredColumnLoader._load_for_state`).
    pub fn load_deferred(&mut self, inst: &Rc<Instance>, i: usize) -> Result<()> {
        let model = inst.model.clone();
        let col = &model.columns[i];
        if is_query_expression(&model, i) {
            // Not loaded by this object's query: `None`, no SQL, and a
            // later query's `with_expression()` may still fill it (an
            // expired value is let go, as SQLAlchemy's refresh pops it).
            if !inst.st.borrow().column_deferred(i) {
                self.edit(inst).defer_column(i, false);
            }
            return Ok(());
        }
        let status = inst.status();
        let key = match (status, inst.identity_key()) {
            (Status::Persistent | Status::Deleted, Some(k)) => k,
            _ => {
                return Err(Error::new(
                    ErrorKind::DetachedInstanceError,
                    format!(
                        "Parent instance {} is not bound to a Session; deferred load operation of attribute '{}' cannot proceed",
                        describe(inst),
                        col.attr
                    ),
                )
                .with_help("add it back with db.session.add(obj), or load it again"));
            }
        };
        let group = col.deferred.as_ref().and_then(|d| d.group.clone());
        let cols: Vec<usize> = match group {
            Some(g) => (model.columns.iter().enumerate())
                .filter(|(j, c)| {
                    c.deferred.as_ref().and_then(|d| d.group.as_ref()) == Some(&g)
                        && self.column_defers(inst, *j)
                })
                .map(|(j, _)| j)
                .collect(),
            None => vec![i],
        };
        let sel = Select {
            columns: (cols.iter())
                .map(|&j| crate::orm::column_property::read(&model, j, &model.table, None))
                .collect(),
            from: vec![FromItem::Table {
                name: model.table.clone(),
                alias: None,
            }],
            where_: pk_criteria(&model, &key),
            ..Select::default()
        };
        let rows =
            self.engine
                .query_all(&compile::select(&sel, Mode::Execute, self.engine.dialect()))?;
        let Some(row) = rows.into_iter().next() else {
            return Err(Error::new(
                ErrorKind::ObjectDeletedError,
                format!("{} no longer exists in the database", describe(inst)),
            ));
        };
        let mut st = self.edit(inst);
        for (&j, p) in cols.iter().zip(&row) {
            st.load_deferred_value(j, from_param(&model.columns[j].ty, p));
        }
        Ok(())
    }
}

/// The columns `model` defers that `mask` (a query's column options)
/// loads: what its `undefer()` options loaded, for a refresh to load again
/// (`Session::refresh_expired`); None when there are none.
pub fn undeferred_by(model: &Model, mask: &Mask) -> Option<Rc<[usize]>> {
    let m = mask.as_ref()?;
    let cols: Vec<usize> = (0..model.columns.len())
        .filter(|&i| {
            m[i] == ColLoad::Loaded
                && model.columns[i].deferred.is_some()
                && !is_query_expression(model, i)
        })
        .collect();
    (!cols.is_empty()).then(|| Rc::from(cols))
}
