//! Per-query loader strategies that load nothing up front: SQLAlchemy's
//! `lazyload`, `noload` and `raiseload` options (`raiseload('*')`,
//! `sql_only=True`), reached through `defaultload` or an eager option's
//! path. As in SQLAlchemy's `state.load_options`/`load_path`, an object a
//! query loads remembers the options relative to itself: `noload` fills
//! the relationship empty there and then (`invoke_no_load`), `raiseload`
//! and `lazyload` stay with the object (its per-instance lazy callable,
//! kept across expiry), and the objects a relationship of it loads — then
//! or later, lazily — take the options further down that path.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::instance::Instance;
use crate::orm::query::Query;
use crate::orm::session::Session;
use crate::schema::relationship::{Lazy, Rel};
use crate::value::Value;

/// The strategy of a lazy loader option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LazyOpt {
    /// `lazyload`: a SELECT when first read (over `lazy='raise'` too).
    Select,
    /// `noload`: empty, never loaded.
    Noload,
    /// `raiseload`: reading it unloaded is an InvalidRequestError; with
    /// `sql_only` only when the read would run SQL (`lazy='raise_on_sql'`).
    Raise { sql_only: bool },
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

/// Whether the query that loaded `inst` gave `rel` a lazy loader option
/// (`lazyload`, `noload`, `raiseload`), which a reload after expiry keeps
/// in place of the relationship's eager `lazy=` (SQLAlchemy's
/// `load_options` travel with the state).
pub fn has_lazy_opt(inst: &Instance, rel: &Rel) -> bool {
    (inst.st.borrow().load_opts()).is_some_and(|o| strategy_in(&o, &rel.name).is_some())
}

impl Session {
    /// How reading `rel` of `inst` unloaded behaves: the option the query
    /// that loaded it gave, else the relationship's `lazy=`.
    pub fn on_read(&self, inst: &Instance, rel: &Rel) -> OnRead {
        let opt = inst
            .st
            .borrow()
            .load_opts()
            .and_then(|o| strategy_in(&o, &rel.name));
        match (opt, rel.lazy) {
            (_, Lazy::Dynamic) => OnRead::Dynamic,
            (Some(LazyOpt::Select), _) => OnRead::Load,
            (Some(LazyOpt::Noload), _) | (None, Lazy::Noload) => OnRead::Noload,
            (Some(LazyOpt::Raise { sql_only }), _) => OnRead::Raise { sql_only },
            (None, Lazy::Raise) => OnRead::Raise { sql_only: false },
            (None, _) => OnRead::Load,
        }
    }

    /// Give `inst`, just loaded, the options `opts` relative to it: its
    /// unloaded `noload` relationships are filled empty, the rest are
    /// remembered, and the objects its loaded relationships hold take the
    /// options further down.
    pub fn apply_load_opts(&mut self, inst: &Rc<Instance>, opts: &[LoadOpt]) -> Result<()> {
        if opts.is_empty() {
            return Ok(());
        }
        let rels: Vec<Rc<Rel>> = self.mapping.of(&inst.model.name).to_vec();
        // A `noload` is done once here (the relationship filled empty);
        // expired, the relationship loads again as usual.
        let noload_here = |o: &LoadOpt| o.path.len() == 1 && o.lazy == LazyOpt::Noload;
        let mut kept: Vec<LoadOpt> = inst
            .st
            .borrow()
            .load_opts()
            .map(|o| o.to_vec())
            .unwrap_or_default();
        for o in opts {
            kept.retain(|k| k.path != o.path);
            if !noload_here(o) {
                kept.push(o.clone());
            }
        }
        self.edit(inst).set_load_opts(Some(Rc::from(kept)));
        for rel in &rels {
            let loaded = Session::slot_items(inst, &rel.name);
            if loaded.as_ref().is_some_and(|(l, _)| *l) {
                self.descend_load_opts(inst, rel)?;
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
    /// (alone or in rows) take its lazy loader options.
    pub fn apply_query_load_opts(&mut self, q: &Query, results: &[Value]) -> Result<()> {
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
                    self.apply_load_opts(&inst, &q.load_opts)?;
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
        let down = descend(&opts, &rel.name);
        if down.is_empty() {
            return Ok(());
        }
        let items = Session::slot_items(inst, &rel.name)
            .map(|(_, v)| v)
            .unwrap_or_default();
        for it in items {
            crate::stack::nested("while applying loader options", || {
                self.apply_load_opts(&it, &down)
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
