//! The target's own eager loaders in a load the session runs for an
//! object: a lazy load and `get()` by primary key apply the default
//! loader strategies of the model they load (`lazy='joined'` in their
//! SELECT, `'selectin'` / `'subquery'` after it), as SQLAlchemy's
//! `LazyLoader._emit_lazyload` and `load_on_pk_identity` do. So a lazy
//! load fills the `joined` / `subquery` relationships of objects already
//! in the identity map that had not loaded them (with their queued
//! changes applied); its `selectin` ones only of the objects it made (a
//! lazy load runs with `_invoke_all_eagers` off).

use std::rc::Rc;

use crate::error::Result;
use crate::orm::instance::Instance;
use crate::orm::query::Query;
use crate::orm::session::Session;
use crate::schema::model::Model;
use crate::schema::relationship::{Lazy, Rel};

impl Session {
    /// The default eager loaders of `model` for a load whose path holds
    /// the models `path` (`model` itself included): SQLAlchemy's cycle
    /// check (`path.contains_mapper`) leaves out a loader whose target is
    /// on the path.
    pub(crate) fn default_eager(&self, model: &Model, path: &[u32]) -> Vec<(Rc<Rel>, Lazy)> {
        self.mapping
            .of(&model.name)
            .iter()
            .filter(|r| matches!(r.lazy, Lazy::Joined | Lazy::Selectin | Lazy::Subquery))
            .filter(|r| !path.contains(&r.target.id))
            .map(|r| (r.clone(), r.lazy))
            .collect()
    }

    /// The objects of `q`, a query of one model, with that model's default
    /// eager loaders (see [`Session::default_eager`]; `path` as there).
    /// No autoflush: the caller ran the one its load runs.
    /// With `all_eagers` false (a lazy load), the `selectin` loaders
    /// load only the objects the query made.
    pub(crate) fn load_with_default_eager(
        &mut self,
        q: &Query,
        path: &[u32],
        all_eagers: bool,
    ) -> Result<Vec<Rc<Instance>>> {
        let eager = match q.single_model() {
            Some(m) => self.default_eager(m, path),
            None => Vec::new(),
        };
        if eager.is_empty() {
            return self.load_instances(q);
        }
        let before = self.serial();
        let parents = self.load_eager(q, &eager)?;
        let (selectin, others): (Vec<_>, Vec<_>) =
            eager.into_iter().partition(|(_, l)| *l == Lazy::Selectin);
        self.load_eager_after(q, &parents, &others)?;
        let made: Vec<Rc<Instance>> = match all_eagers {
            true => parents.clone(),
            false => parents
                .iter()
                .filter(|p| p.serial > before)
                .cloned()
                .collect(),
        };
        if !made.is_empty() {
            self.load_eager_after(q, &made, &selectin)?;
        }
        Ok(parents)
    }
}
