//! What deleting an owner reads of its dynamic and write-only
//! collections: with `passive_deletes=True` only what was appended in
//! memory (SQLAlchemy's `PASSIVE_NO_INITIALIZE`, `get_all_pending`), the
//! rest left to the database's `ON DELETE`; a write-only collection
//! without it cannot be read at all (`WriteOnlyHistory` raises).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::instance::Instance;
use crate::orm::session::Session;
use crate::schema::relationship::{Lazy, Rel, RelKind};

/// How the delete of its owner reads a `lazy='dynamic'` or write-only
/// collection (SQLAlchemy's `WriteOnlyAttributeImpl.get` with the delete
/// cascade's passive flag).
pub enum DynamicOnDelete {
    /// Not a dynamic relationship: the usual lazy load rules apply.
    NotDynamic,
    /// Only the objects appended in memory since the last flush.
    Pending,
    /// The rows are queried (a dynamic collection without
    /// `passive_deletes`).
    Query,
    /// A write-only collection of a persistent owner without
    /// `passive_deletes=True`: reading it is an error.
    Refused,
}

/// Which of the four `rel` is for the delete of `inst`.
pub fn dynamic_on_delete(inst: &Instance, rel: &Rel) -> DynamicOnDelete {
    if rel.lazy != Lazy::Dynamic {
        DynamicOnDelete::NotDynamic
    } else if !inst.has_identity() || rel.passive_deletes {
        DynamicOnDelete::Pending
    } else if rel.write_only {
        DynamicOnDelete::Refused
    } else {
        DynamicOnDelete::Query
    }
}

/// The error SQLAlchemy's `WriteOnlyHistory` raises when the delete of
/// the owner would load a write-only collection's existing rows.
pub fn write_only_unloadable(rel: &Rel) -> Error {
    let attr = format!("{}.{}", rel.owner.name, rel.name);
    Error::new(
        ErrorKind::InvalidRequestError,
        format!(
            "Attribute {attr} can't load the existing state from the database for this \
             operation; full iteration is not permitted.  If this is a delete operation, \
             configure passive_deletes=True on the {attr} relationship in order to resolve \
             this error."
        ),
    )
    .with_help(
        "a write-only collection is never loaded: give it passive_deletes=True (and an \
         ON DELETE on the foreign key), or delete or detach its rows first",
    )
}

impl Session {
    /// The flush's check before it deletes (SQLAlchemy's dependency
    /// processors' `presort_deletes` reading the history with
    /// `PASSIVE_OFF`): a deleted persistent owner of a write-only
    /// collection without `passive_deletes=True` is an error.
    pub fn check_write_only_deletes(&self, doomed: &[Rc<Instance>]) -> Result<()> {
        for d in doomed {
            for rel in self.mapping.of(&d.model.name) {
                if rel.viewonly
                    || !matches!(
                        rel.kind,
                        RelKind::OneToMany { .. } | RelKind::ManyToMany { .. }
                    )
                {
                    continue;
                }
                if let DynamicOnDelete::Refused = dynamic_on_delete(d, rel) {
                    return Err(write_only_unloadable(rel));
                }
            }
        }
        Ok(())
    }
}
