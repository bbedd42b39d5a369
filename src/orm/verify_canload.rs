//! An object of another class in a relationship without a back-reference:
//! SQLAlchemy's attribute takes it (and its save-update cascade adds it to
//! the session), and the flush refuses it
//! (`DependencyProcessor._verify_canload`'s `FlushError`). With a
//! back-reference the assignment itself fails (`refused_event::wrong_class`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::instance::Instance;
use crate::orm::session::Session;
use crate::orm::unitofwork::states::history;

impl Session {
    /// The first object among what `objs`' relationships gained that is
    /// not of the relationship's target class, as SQLAlchemy's
    /// `FlushError`. Objects outside the session or being deleted are not
    /// checked, as there.
    pub(crate) fn refuse_other_classes(&self, objs: &[Rc<Instance>]) -> Result<()> {
        for x in objs {
            if !self.contains(x) || x.is_marked_deleted() {
                continue;
            }
            for rel in self.mapping.of(&x.model.name) {
                if rel.viewonly {
                    continue;
                }
                let Some((h, _)) = history(x, rel) else {
                    continue;
                };
                if let Some(bad) = h.added.iter().find(|c| c.model.id != rel.target.id) {
                    return Err(Error::new(
                        ErrorKind::FlushError,
                        format!(
                            "Attempting to flush an item of type <class '__main__.{}'> as a member of collection \"{}.{}\". Expected an object of type <class '__main__.{}'> or a polymorphic subclass of this type.",
                            bad.model.name, rel.owner.name, rel.name, rel.target.name
                        ),
                    )
                    .with_help(format!(
                        "{}.{} holds {} objects: take the {} out of it",
                        rel.owner.name, rel.name, rel.target.name, bad.model.name
                    )));
                }
            }
        }
        Ok(())
    }
}
