//! A `None` in a collection a cascade walks: SQLAlchemy's
//! `RelationshipProperty.cascade_iterator` takes each member's
//! `instance_state()`, so `expunge()`, `expire()` or `refresh()` along a
//! loaded collection that was given `None` (`obj.rel.append(None)`) fail
//! with Python's AttributeError before changing anything. (The flush's
//! own refusal of such a collection is `list_ops::refuse_none_in`.)

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::orm::instance::{Instance, RelValue};
use crate::orm::session::Session;
use crate::schema::relationship::Rel;

impl Session {
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
                    return Err(Error::attr(
                        "'NoneType' object has no attribute '_sa_instance_state'",
                    )
                    .with_help(format!(
                        "{}.{} holds None (a collection holds objects): take it out first with .{}.remove(None)",
                        c.rel.owner.name, c.rel.name, c.rel.name
                    )));
                }
            }
        }
        Ok(())
    }
}
