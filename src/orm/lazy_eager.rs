//! The target's own eager loaders in a load the session runs for an
//! object: a lazy load and `get()` by primary key apply the default
//! loader strategies of the model they load (`lazy='joined'` in their
//! SELECT, `'selectin'` / `'subquery'` after it), as SQLAlchemy's
//! `LazyLoader._emit_lazyload` and `load_on_pk_identity` do. So a lazy
//! load fills the `joined` / `subquery` relationships of objects already
//! in the identity map that had not loaded them (with their queued
//! changes applied); its `selectin` ones only of the objects it made (a
//! lazy load runs with `_invoke_all_eagers` off). A lazy load leaves out
//! the reverse many-to-one of the relationship it loads
//! (`_lazyload_reverse`); a `selectin` loader's statement runs its
//! target's `joined` loaders, the reverse one too, and every joined
//! loader chains its own target's (`orm::eager_tree`).

use std::rc::Rc;

use crate::error::Result;
use crate::orm::instance::Instance;
use crate::orm::query::Query;
use crate::orm::session::Session;
use crate::schema::model::Model;
use crate::schema::relationship::{Lazy, Rel, RelKind};
use crate::value::Value;

/// Where a load starts: from a relationship of another object (a lazy
/// load), or a query of the model itself (`get()`).
#[derive(Clone, Copy)]
pub(crate) enum LoadFrom<'a> {
    /// `get()` by primary key.
    Query,
    /// A lazy load of the relationship (by primary key or not).
    Lazy { rel: &'a Rel },
}

impl Session {
    /// The default eager loaders of `model` for a load starting `from`.
    /// SQLAlchemy's cycle checks: a `joined` loader is left out when its
    /// target is on the query's own path (the model: self-referential),
    /// a `selectin` / `subquery` one when its target is on the whole path
    /// (the lazy-loading object's model too, `_setup_for_recursion`).
    /// A lazy load leaves out the reverse of the relationship it loads
    /// when that is a many-to-one by primary key (SQLAlchemy's
    /// `_lazyload_reverse`: its `lazyload` option, whatever the
    /// reverse's own strategy).
    pub(crate) fn default_eager(&self, model: &Model, from: LoadFrom) -> Vec<(Rc<Rel>, Lazy)> {
        let (owner, reverse) = match from {
            LoadFrom::Query => (None, None),
            LoadFrom::Lazy { rel } => (Some(rel.owner.id), self.lazyload_reverse(rel)),
        };
        self.mapping
            .of(&model.name)
            .iter()
            .filter(|r| r.target.id != model.id)
            .filter(|r| reverse.as_ref().is_none_or(|rev| !Rc::ptr_eq(rev, r)))
            .filter(|r| match r.lazy {
                Lazy::Joined => true,
                Lazy::Selectin | Lazy::Subquery => Some(r.target.id) != owner,
                _ => false,
            })
            .map(|r| (r.clone(), r.lazy))
            .collect()
    }

    /// The reverse of `rel` a lazy load of `rel` loads lazily: a
    /// many-to-one naming its target's whole primary key (`use_get`),
    /// as SQLAlchemy's `_lazyload_reverse` picks from `_reverse_property`.
    fn lazyload_reverse(&self, rel: &Rel) -> Option<Rc<Rel>> {
        let rev = self.mapping.get(&rel.target.name, rel.reverse.as_ref()?)?;
        let RelKind::ManyToOne { pairs } = &rev.kind else {
            return None;
        };
        let pk = &rev.target.pk;
        let use_get = pairs.len() == pk.len() && pairs.iter().all(|(_, r)| pk.contains(r));
        use_get.then(|| rev.clone())
    }

    /// The rows of `q`, the statement a `selectin` loader of `rel` runs,
    /// with its target's default `joined` loaders in its SELECT (those
    /// not back to the target itself: `JoinedLoader`'s cycle check looks
    /// at the statement's own entity path, so the reverse of `rel` is
    /// joined too, unlike in a lazy load).
    pub(crate) fn load_for_selectin(&mut self, q: &Query, rel: &Rel) -> Result<Vec<Value>> {
        let model = &rel.target;
        let joined: Vec<(Rc<Rel>, Lazy)> = (self.mapping.of(&model.name).iter())
            .filter(|r| r.target.id != model.id && r.lazy == Lazy::Joined)
            .map(|r| (r.clone(), r.lazy))
            .collect();
        if joined.is_empty() {
            return self.load_all(q);
        }
        let found = self.load_eager_rows(q, &joined)?;
        Ok((found.into_iter())
            .map(|i| i.map_or(Value::None, |i| Value::Obj(i)))
            .collect())
    }

    /// The objects of `q`, a query of one model, with that model's default
    /// eager loaders (see [`Session::default_eager`]). A lazy load runs
    /// its `selectin` loaders only for the objects it made (SQLAlchemy's
    /// `_invoke_all_eagers` off). No autoflush: the caller ran the one its
    /// load runs.
    pub(crate) fn load_with_default_eager(
        &mut self,
        q: &Query,
        from: LoadFrom,
    ) -> Result<Vec<Option<Rc<Instance>>>> {
        let eager = match q.single_model() {
            Some(m) => self.default_eager(m, from),
            None => Vec::new(),
        };
        if eager.is_empty() {
            return self.load_instances_or_none(q);
        }
        let before = self.serial();
        let parents = self.load_eager(q, &eager)?;
        let (selectin, others): (Vec<_>, Vec<_>) =
            eager.into_iter().partition(|(_, l)| *l == Lazy::Selectin);
        self.load_eager_after(q, &parents, &others)?;
        let made: Vec<Rc<Instance>> = match from {
            LoadFrom::Query => parents.clone(),
            LoadFrom::Lazy { .. } => (parents.iter())
                .filter(|p| p.serial > before)
                .cloned()
                .collect(),
        };
        if !made.is_empty() {
            self.load_eager_after(q, &made, &selectin)?;
        }
        Ok(parents.into_iter().map(Some).collect())
    }
}
