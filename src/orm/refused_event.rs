//! An attribute or collection event the save-update cascade refuses
//! changes nothing. SQLAlchemy registers `track_cascade_events` before the
//! back-reference listeners, and an instrumented list fires its append
//! event before it mutates, so when `Session._save_or_update_state` raises
//! ("has been deleted") the collection, the scalar and the other side are
//! as they were. `precheck_save_update` asks the question before ormsh
//! changes anything.

use std::rc::Rc;

use crate::error::Error;
use crate::error::Result;
use crate::orm::backref::{Token, ptr_in};
use crate::orm::instance::{Instance, Status};
use crate::orm::session::Session;
use crate::schema::relationship::Rel;
use crate::value::Value;

impl Session {
    /// Whether the save-update cascade of setting or appending `value` on
    /// `inst.rel` would be refused (`track_cascade_events.append`/`set_`
    /// calling `_save_or_update_state`): the value, or an object its
    /// relationships reach, is deleted by a flush of this transaction.
    /// Returns the refusal `add` would give, changing nothing.
    pub(crate) fn precheck_save_update(
        &self,
        inst: &Rc<Instance>,
        rel: &Rel,
        value: &Rc<Instance>,
        t: &Token,
    ) -> Result<()> {
        if !(rel.cascade.save_update && t.made_on(rel) && inst.attached()) || self.contains(value) {
            return Ok(());
        }
        let mut all = vec![value.clone()];
        if !self.mapping.of(&value.model.name).is_empty() {
            all.extend(self.reachable(value));
        }
        for x in all
            .iter()
            .filter(|x| Rc::ptr_eq(x, value) || !self.contains(x))
        {
            crate::orm::retire::check_object(x)?;
            let deleted = (x.was_deleted() && x.has_identity()) || x.status() == Status::Deleted;
            if deleted {
                let mut e = crate::orm::states::deleted_error(x);
                if !Rc::ptr_eq(x, value) {
                    e.message = format!(
                        "{} (reached from {} through its relationships)",
                        e.message,
                        crate::orm::states::describe(value)
                    );
                }
                return Err(e);
            }
        }
        Ok(())
    }

    /// What `c.posts = [..]` keeps when the save-update cascade refuses
    /// a member (SQLAlchemy 2.1's `CollectionAttributeImpl.set` installs
    /// the new list before `bulk_replace` fills it): a refused member new
    /// to the list cuts it there (the members before it and their events
    /// stay); a refused member kept from the old list
    /// (append-without-mutation, fired after the list is filled) leaves
    /// the whole new list. Either way no member left out gets its remove
    /// event. Returns the list to install and the refusal.
    pub(crate) fn refused_in_replace(
        &self,
        inst: &Rc<Instance>,
        rel: &Rel,
        old: &[Rc<Instance>],
        mut items: Vec<Option<Rc<Instance>>>,
        t: &Token,
    ) -> (Vec<Option<Rc<Instance>>>, Option<Error>) {
        let added = items
            .iter()
            .enumerate()
            .filter_map(|(at, x)| x.as_ref().map(|x| (at, x)))
            .filter(|(_, x)| !ptr_in(old, x));
        for (at, x) in added {
            if let Err(e) = self.precheck_save_update(inst, rel, x, t) {
                items.truncate(at);
                return (items, Some(e));
            }
        }
        let kept = items.iter().flatten().filter(|x| ptr_in(old, x));
        for x in kept {
            if let Err(e) = self.precheck_save_update(inst, rel, x, t) {
                return (items, Some(e));
            }
        }
        (items, None)
    }
}

/// An object of another class given to `rel` (appended, assigned): with a
/// back-reference, SQLAlchemy's listener looks the other side's attribute
/// up on the object given, which lacks it — Python's `KeyError` naming the
/// attribute — before anything changes. None when `inst` is of the
/// target class, or when no back-reference would fail.
pub(crate) fn wrong_class(rel: &Rel, inst: &Instance) -> Option<Error> {
    if inst.model.id == rel.target.id {
        return None;
    }
    let rev = rel.reverse.as_ref()?;
    let has = inst.model.column(rev).is_some() || inst.model.rels.iter().any(|(n, _)| n == rev);
    if has {
        return None;
    }
    Some(
        crate::value::exc_args::key_error(Value::str(rev), format!("'{rev}'")).with_help(format!(
            "{}.{} holds {} objects, not {}: a {} has no attribute {rev:?} for the back-reference",
            rel.owner.name, rel.name, rel.target.name, inst.model.name, inst.model.name
        )),
    )
}

/// The value given to `rel`: an object of another class than its target
/// is `wrong_class`'s KeyError when a back-reference looks it up, else
/// taken, for the flush to refuse (`orm::verify_canload`); of a class and
/// relationship not retired by a redefinition.
pub(crate) fn check_target(rel: &Rel, v: &Instance) -> Result<()> {
    crate::orm::retire::check_rel(rel)?;
    crate::orm::retire::check_object(v)?;
    if v.model.name != rel.target.name
        && let Some(e) = wrong_class(rel, v)
    {
        return Err(e);
    }
    Ok(())
}
