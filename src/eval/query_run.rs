//! Running a query: its rows as values (`query_all`, after autoflush),
//! nested loader options applied to what it loaded, whether a 2.0 result
//! needs `unique()`, and `query[i]` / `query[a:b]` as LIMIT/OFFSET.

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::surface::query_criteria::slice_query;
use crate::orm::query::Query;
use crate::orm::unique::{Rule, Uniquer};
use crate::schema::relationship::{Lazy, Rel};
use crate::value::Value;
use std::collections::HashSet;
use std::rc::Rc;

impl Interp {
    /// The rows of `q`, after the autoflush its execution runs.
    pub fn query_all(&mut self, q: &Query) -> Result<Vec<Value>> {
        self.autoflush()?;
        self.load_query(q)
    }

    /// The rows of `q` without an autoflush of its own: for a caller that
    /// has just run the one autoflush SQLAlchemy's execution runs
    /// (`db.session.execute(select)`); a second one would flush what the
    /// first left for the next flush (a cancelled delete).
    pub(crate) fn load_query(&mut self, q: &Query) -> Result<Vec<Value>> {
        let eager = self.eager_loaders(q)?;
        let outer = q.populate_existing.then(|| self.session.begin_populating());
        // The objects the rows create take the query's loader options.
        let with_opts = !q.load_opts.is_empty();
        let outer_fresh = with_opts.then(|| self.session.fresh.replace(HashSet::new()));
        let out = self.load_query_rows(q, &eager);
        let populated = match outer {
            Some(outer) => std::mem::replace(&mut self.session.populating, outer),
            None => None,
        };
        let fresh = match outer_fresh {
            Some(outer) => std::mem::replace(&mut self.session.fresh, outer),
            None => None,
        };
        let out = out?;
        self.load_nested(q, &out)?;
        if with_opts {
            let (fresh, populated) = (fresh.unwrap_or_default(), populated.unwrap_or_default());
            (self.session).apply_query_load_opts(q, &out, &fresh, &populated)?;
        }
        Ok(out)
    }

    /// The query's objects, with their eager loads.
    fn load_query_rows(&mut self, q: &Query, eager: &[(Rc<Rel>, Lazy)]) -> Result<Vec<Value>> {
        if eager.is_empty() && q.contains.is_empty() {
            return self.session.load_all(q);
        }
        let rows = self.session.load_eager_rows(q, eager)?;
        let parents: Vec<_> = rows.iter().flatten().cloned().collect();
        // A `selectin` / `subquery` load is a statement of its own, run
        // through the session after the rows are read, so it autoflushes
        // what the query's autoflush left for the next flush (a cancelled
        // delete), as SQLAlchemy's do.
        if self.session.eager_after_runs_sql(&parents, eager) {
            self.autoflush()?;
        }
        self.session.load_eager_after(q, &parents, eager)?;
        // A row whose key is all NULL is None among them.
        Ok((rows.into_iter())
            .map(|i| i.map_or(Value::None, |i| Value::Obj(i)))
            .collect())
    }

    /// Chained loader options: each deeper step is loaded for all the
    /// objects of the step before, in one statement per step.
    pub(crate) fn load_nested(&mut self, q: &Query, results: &[Value]) -> Result<()> {
        use crate::orm::instance::Instance;
        if q.nested.is_empty() {
            return Ok(());
        }
        // The chains of joined options the query's own statement joined.
        let tree = match q.single_model() {
            Some(m) => {
                let top: Vec<Rc<Rel>> = (self.eager_loaders(q)?.into_iter())
                    .filter(|(_, l)| *l == Lazy::Joined)
                    .map(|(r, _)| r)
                    .collect();
                crate::orm::eager_tree::joined_tree(&*self.mapping()?, m, &top, &q.nested)
            }
            None => Vec::new(),
        };
        for (path, lazy) in &q.nested {
            if !matches!(lazy, Lazy::Joined | Lazy::Selectin | Lazy::Subquery)
                || crate::orm::eager_tree::covers(&tree, path)
            {
                continue;
            }
            let Some((last, steps)) = path.split_last() else {
                continue;
            };
            let mut objs: Vec<Rc<Instance>> = results
                .iter()
                .filter_map(|v| v.downcast::<Instance>())
                .collect();
            for rel in steps {
                let mut next: Vec<Rc<Instance>> = Vec::new();
                let mut seen = Uniquer::new(Rule::Legacy, Rc::from(Vec::new()));
                for o in &objs {
                    let v = self.session.get_rel(o, rel)?;
                    let items: Vec<Rc<Instance>> =
                        match v.downcast::<crate::orm::relation::Collection>() {
                            Some(c) => c.snapshot(),
                            None => v.downcast::<Instance>().into_iter().collect(),
                        };
                    for it in items {
                        if !seen.repeats_object(&it) {
                            next.push(it);
                        }
                    }
                }
                objs = next;
            }
            self.session.load_selectin(&objs, last)?;
        }
        Ok(())
    }

    /// Does a 2.0 select joined-eager-load a collection (so its result must
    /// be made `.unique()` before fetching, as SQLAlchemy requires)? As
    /// SQLAlchemy's `JoinedLoader.setup_query` flags it: any joined
    /// collection reached along joined eager loads, at any depth (a
    /// many-to-one's own `lazy='joined'` collection), even one whose join
    /// the cycle check then leaves out (its target already on the path).
    pub fn joins_collection_eagerly(&mut self, q: &Query) -> Result<bool> {
        if q.legacy {
            return Ok(false);
        }
        let Some(model) = q.single_model().cloned() else {
            return Ok(false);
        };
        if (q.contains.iter()).any(|c| c.path.iter().any(|r| r.uselist)) {
            return Ok(true);
        }
        let mapping = self.mapping()?;
        // Before the cycle check: a self-referential joined collection of
        // the query's model flags it too, though it is not loaded.
        let joined: Vec<Rc<Rel>> = self
            .loaders_of(q)?
            .into_iter()
            .filter(|(_, l, _)| *l == Lazy::Joined)
            .map(|(r, _, _)| r)
            .collect();
        let mut todo: Vec<Vec<Rc<Rel>>> = Vec::new();
        for rel in joined {
            if rel.uselist {
                return Ok(true);
            }
            if rel.target.name != model.name {
                todo.push(vec![rel]);
            }
        }
        // Deeper steps: the relationship's own strategy unless a chained
        // option names that path.
        while let Some(path) = todo.pop() {
            let Some(last) = path.last() else {
                continue;
            };
            for rel in mapping.of(&last.target.name) {
                let lazy = q
                    .nested
                    .iter()
                    .find(|(p, _)| {
                        p.len() == path.len() + 1
                            && p.iter()
                                .zip(path.iter().chain([rel]))
                                .all(|(a, b)| Rc::ptr_eq(a, b))
                    })
                    .map_or(rel.lazy, |(_, l)| *l);
                if lazy != Lazy::Joined {
                    continue;
                }
                if rel.uselist {
                    return Ok(true);
                }
                let on_path = |name: &str| {
                    *model.name == *name || path.iter().any(|r| *r.target.name == *name)
                };
                if !on_path(&rel.target.name) {
                    let mut deeper = path.clone();
                    deeper.push(rel.clone());
                    todo.push(deeper);
                }
            }
        }
        Ok(false)
    }

    /// The relationships a one-model query loads eagerly: the model's own
    /// `lazy='joined'/'selectin'/'subquery'`, as the query's options amend,
    /// less those SQLAlchemy's cycle check stops (a model default pointing
    /// back at the query's model: a self-referential relationship is
    /// loaded eagerly only by a loader option).
    pub(crate) fn eager_loaders(&mut self, q: &Query) -> Result<Vec<(Rc<Rel>, Lazy)>> {
        let Some(model) = q.single_model().cloned() else {
            return Ok(Vec::new());
        };
        Ok(self
            .loaders_of(q)?
            .into_iter()
            .filter(|(r, _, by_option)| *by_option || r.target.id != model.id)
            .map(|(r, l, _)| (r, l))
            .collect())
    }

    /// The eager loaders of a one-model query's model, before the cycle
    /// check: relationship, strategy, and whether a loader option set it.
    fn loaders_of(&mut self, q: &Query) -> Result<Vec<(Rc<Rel>, Lazy, bool)>> {
        let Some(model) = q.single_model().cloned() else {
            return Ok(Vec::new());
        };
        if model.rels.is_empty()
            && q.loaders.is_empty()
            && !self.registry.models().iter().any(|m| !m.rels.is_empty())
        {
            return Ok(Vec::new());
        }
        let mapping = self.mapping()?;
        let mut out = Vec::new();
        // `lazyload('*')`, `raiseload('*')`: no relationship named by no
        // other option is loaded eagerly.
        let wildcard = q
            .load_opts
            .iter()
            .any(|o| o.path.len() == 1 && &*o.path[0] == crate::orm::load_opts::WILDCARD);
        for rel in mapping.of(&model.name) {
            // `contains_eager` fills it from the query's own join.
            if (q.contains.iter()).any(|c| c.path.first().is_some_and(|r| same_rel(r, rel))) {
                continue;
            }
            let option = q.loaders.iter().find(|(r, _)| same_rel(r, rel));
            let default = if wildcard { Lazy::Select } else { rel.lazy };
            let lazy = option.map_or(default, |(_, l)| *l);
            if matches!(lazy, Lazy::Joined | Lazy::Selectin | Lazy::Subquery) {
                if rel.lazy == Lazy::Dynamic {
                    // The eager loaders' `create_row_processor`: a dynamic
                    // relationship's attribute cannot be populated.
                    return Err(Error::new(
                        ErrorKind::InvalidRequestError,
                        format!(
                            "'{}.{}' does not support object population - eager loading cannot be applied.",
                            model.name, rel.name
                        ),
                    )
                    .with_help(format!(
                        "a dynamic relationship is a query: read obj.{}.all() instead",
                        rel.name
                    )));
                }
                out.push((rel.clone(), lazy, option.is_some()));
            }
        }
        Ok(out)
    }

    pub fn query_index(&mut self, q: &Query, idx: &Value) -> Result<Value> {
        let i = idx
            .as_i64()
            .ok_or_else(|| Error::type_("query indices must be integers or slices"))?;
        if i < 0 {
            // SQLAlchemy 2 refuses negative indexes on a query.
            return Err(Error::new(
                ErrorKind::IndexError,
                "negative indexes are not accepted by SQL index / slice operators",
            )
            .with_help("order the other way and take [0], e.g. .order_by(User.id.desc())[0]"));
        }
        // SQLAlchemy's `query[i:i + 1]`.
        let q2 = slice_query(q, Some(i), Some(i.saturating_add(1)))?;
        self.query_all(&q2)?
            .into_iter()
            .next()
            .ok_or_else(|| Error::new(ErrorKind::IndexError, "list index out of range"))
    }

    /// `query[lo:hi]`, as SQLAlchemy's `orm.util._getitem`: an empty
    /// range is no rows without SQL, a negative bound is IndexError, else
    /// `slice(lo, hi)`.
    pub fn query_slice(&mut self, q: &Query, lo: Option<i64>, hi: Option<i64>) -> Result<Value> {
        if let (Some(lo), Some(hi)) = (lo, hi)
            && i128::from(hi) - i128::from(lo) <= 0
        {
            return Ok(Value::list(Vec::new()));
        }
        if lo.is_some_and(|n| n < 0) || hi.is_some_and(|n| n < 0) {
            return Err(Error::new(
                ErrorKind::IndexError,
                "negative indexes are not accepted by SQL index / slice operators",
            )
            .with_help(
                "order the other way and slice from 0, e.g. .order_by(User.id.desc())[:3]",
            ));
        }
        let q2 = slice_query(q, lo, hi)?;
        Ok(Value::list(self.query_all(&q2)?))
    }
}

/// The same relationship (by owner model and name).
fn same_rel(a: &Rel, b: &Rel) -> bool {
    a.owner.name == b.owner.name && a.name == b.name
}
