//! Per-query loader strategies, as SQLAlchemy's `state.load_options`/
//! `load_path` keep them: an object a query's rows create (or a
//! `populate_existing()` query with options fills again) remembers the
//! query's options relative to itself, replacing what it had; an object
//! the identity map already held keeps its own. They apply
//!
//! - at once: `noload` fills an unloaded relationship empty
//!   (`invoke_no_load`), and the objects its loaded relationships hold
//!   take the options further down that path;
//! - on reading an unloaded relationship: `raiseload` and `lazyload` stand
//!   in for the relationship's `lazy=` (the per-instance lazy callable);
//!   the eager strategies and `noload` leave a read to `lazy=`;
//! - when the object, expired whole, is loaded again (a read, `refresh()`):
//!   the reload's query carries the options, so `joinedload`,
//!   `selectinload` and `subqueryload` load their relationship then,
//!   `noload` fills it empty again, and `lazyload`/`raiseload` keep a
//!   configured eager one from loading (`Session::reload_strategy`).
//!
//! The objects a relationship of it loads — then or later, lazily — take
//! the options further down that path.

use std::collections::HashSet;
use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::instance::Instance;
use crate::orm::query::Query;
use crate::orm::session::Session;
use crate::schema::relationship::{Lazy, Rel};
use crate::value::Value;

/// The strategy a loader option gives a relationship (SQLAlchemy's
/// loader strategies, named as `lazy=` names them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LazyOpt {
    /// `lazyload`: a SELECT when first read (over `lazy='raise'` too).
    Select,
    /// `noload`: empty, never loaded.
    Noload,
    /// `raiseload`: reading it unloaded is an InvalidRequestError; with
    /// `sql_only` only when the read would run SQL (`lazy='raise_on_sql'`).
    Raise { sql_only: bool },
    /// `joinedload`, `selectinload`, `subqueryload`: loaded with the query
    /// that loads the object, and with its reload after expiry.
    Eager(Lazy),
}

/// One option: the relationship names leading to it from the object that
/// holds the options (`*` last for a wildcard), and its strategy.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadOpt {
    pub path: Vec<Rc<str>>,
    pub lazy: LazyOpt,
}

/// The wildcard of `raiseload('*')`: every relationship at that level.
pub const WILDCARD: &str = "*";

/// The options for `rel` of an object holding `opts`: an exact name wins
/// over the wildcard.
fn strategy_in(opts: &[LoadOpt], rel: &str) -> Option<LazyOpt> {
    let at = |name: &str| {
        opts.iter()
            .rev()
            .find(|o| o.path.len() == 1 && &*o.path[0] == name)
            .map(|o| o.lazy)
    };
    at(rel).or_else(|| at(WILDCARD))
}

/// The options of the objects loaded along `rel` (the paths through it,
/// one step shorter).
fn descend(opts: &[LoadOpt], rel: &str) -> Vec<LoadOpt> {
    opts.iter()
        .filter(|o| o.path.len() > 1 && &*o.path[0] == rel)
        .map(|o| LoadOpt {
            path: o.path[1..].to_vec(),
            lazy: o.lazy,
        })
        .collect()
}

/// What reading an unloaded relationship does for one object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnRead {
    Load,
    Noload,
    Raise { sql_only: bool },
    Dynamic,
}

/// How `apply_load_opts` treats the object's own remembered options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Remember {
    /// The object was created by the load: the options replace its own
    /// (SQLAlchemy sets `state.load_options` when `isnew`).
    Replace,
    /// An object a relationship of one with options loaded: the options
    /// for its path join its own.
    Merge,
    /// The identity map held it already: only the options' immediate
    /// effects apply.
    Keep,
}

impl Session {
    /// How reading `rel` of `inst` unloaded behaves: the lazy loader
    /// option (`lazyload`, `raiseload`) the query that loaded it gave,
    /// else the relationship's `lazy=`.
    pub fn on_read(&self, inst: &Instance, rel: &Rel) -> OnRead {
        let opt = inst
            .st
            .borrow()
            .load_opts()
            .and_then(|o| strategy_in(&o, &rel.name));
        match (opt, rel.lazy) {
            (_, Lazy::Dynamic) => OnRead::Dynamic,
            (Some(LazyOpt::Select), _) => OnRead::Load,
            (Some(LazyOpt::Raise { sql_only }), _) => OnRead::Raise { sql_only },
            (_, Lazy::Noload) => OnRead::Noload,
            (_, Lazy::Raise) => OnRead::Raise { sql_only: false },
            (_, _) => OnRead::Load,
        }
    }

    /// The strategy that loads `rel` when `inst`, expired whole, is loaded
    /// again (a read of an expired column, `refresh()`): the option the
    /// query that loaded it gave, else the relationship's `lazy=`
    /// (SQLAlchemy's reload query carries `state.load_options`).
    pub fn reload_strategy(&self, inst: &Instance, rel: &Rel) -> Lazy {
        let opt = inst
            .st
            .borrow()
            .load_opts()
            .and_then(|o| strategy_in(&o, &rel.name));
        match opt {
            _ if rel.lazy == Lazy::Dynamic => Lazy::Dynamic,
            Some(LazyOpt::Select) => Lazy::Select,
            Some(LazyOpt::Noload) => Lazy::Noload,
            Some(LazyOpt::Raise { .. }) => Lazy::Raise,
            Some(LazyOpt::Eager(l)) => l,
            None => rel.lazy,
        }
    }

    /// Give `inst`, just loaded, the options `opts` relative to it: its
    /// unloaded `noload` relationships are filled empty, the options are
    /// remembered as `how` says, and the objects its loaded relationships
    /// hold take the options further down.
    pub fn apply_load_opts(
        &mut self,
        inst: &Rc<Instance>,
        opts: &[LoadOpt],
        how: Remember,
    ) -> Result<()> {
        if opts.is_empty() {
            return Ok(());
        }
        let rels: Vec<Rc<Rel>> = self.mapping.of(&inst.model.name).to_vec();
        let mut kept: Vec<LoadOpt> = match how {
            Remember::Merge => (inst.st.borrow().load_opts())
                .map(|o| o.to_vec())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        if how != Remember::Keep {
            for o in opts {
                kept.retain(|k| k.path != o.path);
                kept.push(o.clone());
            }
            self.edit(inst).set_load_opts(Some(Rc::from(kept)));
        }
        for rel in &rels {
            let loaded = Session::slot_items(inst, &rel.name);
            if loaded.as_ref().is_some_and(|(l, _)| *l) {
                self.descend_opts(inst, rel, opts)?;
            } else if strategy_in(opts, &rel.name) == Some(LazyOpt::Noload)
                && rel.lazy != Lazy::Dynamic
                && !inst.is_new()
            {
                self.fill_slot(inst, rel, Vec::new());
            }
        }
        Ok(())
    }

    /// After query `q` loaded `results`: its objects of the query's model
    /// (alone or in rows) take its loader options; those its rows created
    /// (`fresh`) or `populate_existing` filled again (`populated`)
    /// remember them.
    pub fn apply_query_load_opts(
        &mut self,
        q: &Query,
        results: &[Value],
        fresh: &HashSet<usize>,
        populated: &HashSet<usize>,
    ) -> Result<()> {
        let Some(model) = q.primary_model() else {
            return Ok(());
        };
        for v in results {
            let found: Vec<Rc<Instance>> = match v.downcast::<Instance>() {
                Some(i) => vec![i],
                None => match v {
                    Value::Tuple(items) => items
                        .iter()
                        .filter_map(|x| x.downcast::<Instance>())
                        .collect(),
                    _ => Vec::new(),
                },
            };
            for inst in found {
                if inst.model.name == model.name {
                    let at = Rc::as_ptr(&inst) as usize;
                    let how = if fresh.contains(&at) || populated.contains(&at) {
                        Remember::Replace
                    } else {
                        Remember::Keep
                    };
                    self.apply_load_opts(&inst, &q.load_opts, how)?;
                }
            }
        }
        Ok(())
    }

    /// After `rel` of `inst` loaded: the objects it holds take the
    /// options of `inst` that continue through `rel`.
    pub fn descend_load_opts(&mut self, inst: &Rc<Instance>, rel: &Rel) -> Result<()> {
        let Some(opts) = inst.st.borrow().load_opts() else {
            return Ok(());
        };
        self.descend_opts(inst, rel, &opts)
    }

    /// The objects `rel` of `inst` holds take the options `opts` (of
    /// `inst`) that continue through `rel`.
    fn descend_opts(&mut self, inst: &Rc<Instance>, rel: &Rel, opts: &[LoadOpt]) -> Result<()> {
        let down = descend(opts, &rel.name);
        if down.is_empty() {
            return Ok(());
        }
        let items = Session::slot_items(inst, &rel.name)
            .map(|(_, v)| v)
            .unwrap_or_default();
        for it in items {
            crate::stack::nested("while applying loader options", || {
                self.apply_load_opts(&it, &down, Remember::Merge)
            })?;
        }
        Ok(())
    }
}

/// SQLAlchemy's message for reading a relationship a `raiseload` option
/// (or `lazy='raise'`) keeps from loading.
pub fn raise_error(rel: &Rel, sql_only: bool) -> Error {
    let lazy = if sql_only { "raise_on_sql" } else { "raise" };
    Error::new(
        ErrorKind::InvalidRequestError,
        format!(
            "'{}.{}' is not available due to lazy='{lazy}'",
            rel.owner.name, rel.name
        ),
    )
    .with_help(format!(
        "load it with the query: .options(joinedload({}.{}))",
        rel.owner.name, rel.name
    ))
}
