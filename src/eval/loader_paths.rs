//! One loader option given to `Query.options()` / `Select.options()`,
//! read step by step along its path (`joinedload(User.posts).selectinload(
//! Post.comments)`, `defaultload(User.posts).raiseload('*')`): the eager
//! steps become the query's eager loaders, the lazy ones (`lazyload`,
//! `noload`, `raiseload`) its `orm::load_opts` options, as SQLAlchemy's
//! `Load` path builds them.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::objects::LoaderOption;
use crate::eval::rel_ops::RelAttr;
use crate::eval::suggest::did_you_mean;
use crate::orm::load_opts::{LazyOpt, LoadOpt, WILDCARD};
use crate::orm::query::Query;
use crate::schema::model::Model;
use crate::schema::relationship::{Lazy, Rel};
use crate::syntax::span::Span;
use crate::value::Value;

/// A step of an option's path: a relationship, or `'*'` (every one).
enum Step {
    Rel(Rc<Rel>),
    Wildcard,
}

/// What a strategy name (`LoaderOption::strategy`) loads: an eager or
/// lazy strategy, or none for `defaultload` (a step on the way).
fn strategy(name: &str) -> (Option<Lazy>, Option<LazyOpt>) {
    match name {
        "joined" => (Some(Lazy::Joined), Some(LazyOpt::Eager(Lazy::Joined))),
        "selectin" => (Some(Lazy::Selectin), Some(LazyOpt::Eager(Lazy::Selectin))),
        "subquery" => (Some(Lazy::Subquery), Some(LazyOpt::Eager(Lazy::Subquery))),
        "select" => (Some(Lazy::Select), Some(LazyOpt::Select)),
        "noload" => (Some(Lazy::Noload), Some(LazyOpt::Noload)),
        "raise" => (Some(Lazy::Raise), Some(LazyOpt::Raise { sql_only: false })),
        "raise_on_sql" => (Some(Lazy::Raise), Some(LazyOpt::Raise { sql_only: true })),
        _ => (None, None),
    }
}

impl Interp {
    /// Add the loader option `opt` to `nq` (a copy of `q`); `at` marks it
    /// in messages.
    pub(crate) fn add_loader_option(
        &mut self,
        nq: &mut Query,
        q: &Query,
        opt: &LoaderOption,
        at: Span,
    ) -> Result<()> {
        let steps: Vec<(&'static str, &Value)> = std::iter::once((opt.strategy, &opt.target))
            .chain(opt.chain.iter().map(|(s, v)| (*s, v)))
            .collect();
        let mut path: Vec<Rc<Rel>> = Vec::new();
        let mut names: Vec<Rc<str>> = Vec::new();
        for (k, (name, target)) in steps.iter().enumerate() {
            let from = match path.last() {
                Some(r) => Some(r.target.clone()),
                None => q.primary_model(),
            };
            // `contains_eager(User.posts.of_type(alias))`.
            let of_type = (*name == "contains")
                .then(|| crate::eval::contains_eager::of_type_step(target))
                .flatten();
            let step = match &of_type {
                Some((rel, _)) => Step::Rel(rel.clone()),
                None => self.option_step(target, from.as_ref(), k > 0, at)?,
            };
            let (eager, lazy) = strategy(name);
            let rel = match step {
                Step::Wildcard => {
                    let Some(lazy) =
                        lazy.filter(|l| k + 1 == steps.len() && !matches!(l, LazyOpt::Eager(_)))
                    else {
                        return Err(Error::new(
                            ErrorKind::NotImplementedError,
                            "'*' is supported only as the last step of lazyload, noload or raiseload",
                        )
                        .at(at)
                        .with_help("name the relationship, like joinedload(User.posts)"));
                    };
                    names.push(Rc::from(WILDCARD));
                    nq.load_opts.push(LoadOpt { path: names, lazy });
                    return Ok(());
                }
                Step::Rel(r) => r,
            };
            path.push(rel.clone());
            names.push(rel.name.clone());
            if *name == "contains" {
                let alias = of_type.as_ref().and_then(|(_, a)| a.as_deref());
                nq.contains
                    .retain(|c| !c.path.iter().map(|r| &r.name).eq(names.iter()));
                nq.contains
                    .extend(crate::eval::contains_eager::step(path.clone(), alias));
                continue;
            }
            if let Some(lazy) = lazy {
                nq.load_opts.push(LoadOpt {
                    path: names.clone(),
                    lazy,
                });
            }
            let Some(eager) = eager else { continue };
            if k == 0 {
                nq.loaders
                    .retain(|(r, _)| !(r.owner.name == rel.owner.name && r.name == rel.name));
                nq.loaders.push((rel, eager));
            } else {
                nq.nested.push((path.clone(), eager));
            }
        }
        Ok(())
    }

    /// One step's target: a relationship attribute continuing from `from`,
    /// a relationship name of `from`, or `'*'`.
    fn option_step(
        &mut self,
        target: &Value,
        from: Option<&Rc<Model>>,
        chained: bool,
        at: Span,
    ) -> Result<Step> {
        if let Some(r) = target.downcast::<RelAttr>() {
            let rel = r.0.clone();
            if chained && from.is_some_and(|m| m.name != rel.owner.name) {
                return Err(Error::new(
                    ErrorKind::ArgumentError,
                    format!(
                        "{}.{} does not continue from {}",
                        rel.owner.name,
                        rel.name,
                        from.map(|m| m.name.to_string()).unwrap_or_default()
                    ),
                )
                .at(at));
            }
            return Ok(Step::Rel(rel));
        }
        let Value::Str(name) = target else {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                "a loader option takes a relationship, like joinedload(Category.posts)",
            )
            .at(at));
        };
        if **name == *WILDCARD {
            return Ok(Step::Wildcard);
        }
        let model = from.ok_or_else(|| {
            Error::new(
                ErrorKind::ArgumentError,
                "a loader option by name needs a query of a model",
            )
            .at(at)
        })?;
        match self.rel_of(&model.name, name)? {
            Some(r) => Ok(Step::Rel(r)),
            None => {
                let names = self.field_names(model);
                Err(Error::new(
                    ErrorKind::ArgumentError,
                    format!(
                        "{} has no relationship '{name}'{}",
                        model.name,
                        did_you_mean(name, names.iter().map(|s| s.as_str()))
                    ),
                )
                .at(at))
            }
        }
    }
}
