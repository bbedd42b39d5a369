//! A `None` in a collection a cascade walks: SQLAlchemy's
//! `RelationshipProperty.cascade_iterator` takes each member's
//! `instance_state()`, so `expunge()`, `expire()` or `refresh()` along a
//! loaded collection that was given `None` (`obj.rel.append(None)`) fail
//! with Python's AttributeError before changing anything. (The flush's
//! own refusal of such a collection is `list_ops::refuse_none_in`.) `merge()`
//! meets it member by member (`none_position`), after merging those before.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::orm::instance::{Instance, RelValue};
use crate::orm::session::Session;
use crate::schema::relationship::Rel;

/// SQLAlchemy's AttributeError for a `None` met in `rel`'s collection
/// by a walk that takes each member's `instance_state()`.
pub(crate) fn none_in_collection(rel: &Rel) -> Error {
    Error::attr("'NoneType' object has no attribute '_sa_instance_state'").with_help(format!(
        "{}.{} holds None (a collection holds objects): take it out first with .{}.remove(None)",
        rel.owner.name, rel.name, rel.name
    ))
}

impl Session {
    /// How many objects come before the first `None` in `inst`'s loaded
    /// collection `rel`, if it holds one.
    pub(crate) fn none_position(inst: &Instance, rel: &Rel) -> Option<usize> {
        let st = inst.st.borrow();
        let slot = st.slot_named(&rel.name)?;
        let RelValue::List(c) = &slot.value else {
            return None;
        };
        let items = c.items.borrow();
        let at = items.iter().position(Option::is_none)?;
        Some(items[..at].iter().filter(|x| x.is_some()).count())
    }

    /// The AttributeError SQLAlchemy's cascade walk gives when `inst`, or
    /// an object `reached` from it, holds a loaded collection with a
    /// `None` along a relationship whose cascade `applies`.
    pub(crate) fn refuse_none_in_cascade(
        &self,
        inst: &Rc<Instance>,
        reached: &[Rc<Instance>],
        applies: impl Fn(&Rel) -> bool,
    ) -> Result<()> {
        for x in std::iter::once(inst).chain(reached) {
            let st = x.st.borrow();
            for slot in st.slots() {
                let RelValue::List(c) = &slot.value else {
                    continue;
                };
                if slot.loaded && applies(&c.rel) && c.has_none() {
                    return Err(none_in_collection(&c.rel));
                }
            }
        }
        Ok(())
    }
}
