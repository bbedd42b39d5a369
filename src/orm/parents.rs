//! Which object holds which, as the attribute events left it: SQLAlchemy's
//! `hasparent` record (`state.parents`) and its `Mapper._is_orphan`. The
//! delete-orphan cascade uses them: a pending object taken out of its
//! parent leaves the session at once, a persistent one left without a
//! parent is deleted at flush, and a child that moved to another parent is
//! no orphan. `single_parent=True` refuses a second parent from the same
//! record (SQLAlchemy's `_single_parent_validator`).

use std::rc::{Rc, Weak};

use crate::error::{Error, ErrorKind, Result};
use crate::orm::backref::Token;
use crate::orm::instance::{Instance, Status};
use crate::orm::session::Session;
use crate::orm::states::describe;
use crate::schema::relationship::Rel;

impl Session {
    /// An object taken out of a delete-orphan relationship that is left an
    /// orphan: pending, with the relationship's owner in the session, it
    /// leaves the session at once (SQLAlchemy expunges pending orphans;
    /// persistent ones are deleted at flush); otherwise it is remembered
    /// as orphaned outside the session, and a flush that finds it pending
    /// and still an orphan expunges it (`expunge_orphaned_outside`).
    pub(crate) fn expunge_pending_orphan(
        &mut self,
        parent: &Rc<Instance>,
        rel: &Rel,
        item: &Rc<Instance>,
    ) {
        if !rel.cascade.delete_orphan || !self.is_orphan(item) {
            return;
        }
        if parent.attached() && item.status() == Status::Pending {
            // `Session.expunge`, with its cascade.
            let _ = self.expunge_object(item);
        } else {
            self.edit(item).set_orphaned_outside(true);
        }
    }

    /// At a flush, before anything is registered: a new object a
    /// delete-orphan collection let go outside the session, still an
    /// orphan, leaves the session without its cascade (SQLAlchemy's
    /// `_flush`: `_expunge_states` of such a state).
    pub(crate) fn expunge_orphaned_outside(&mut self) {
        let gone: Vec<Rc<Instance>> = self
            .new
            .iter()
            .filter(|x| x.st.borrow().orphaned_outside())
            .cloned()
            .collect();
        for x in gone {
            if x.status() == Status::Pending && self.is_orphan(&x) {
                self.expunge(&x);
            }
        }
    }

    /// SQLAlchemy's `Mapper._is_orphan`: some delete-orphan relationship
    /// to the object's model has no parent holding it, as the attribute
    /// events left it; where no event ever said, an object with a row is
    /// assumed held and a new one is not.
    pub fn is_orphan(&self, item: &Rc<Instance>) -> bool {
        let persistent = item.has_identity();
        self.mapping.rels.values().any(|rel| {
            rel.cascade.delete_orphan
                && rel.target.name == item.model.name
                && !flag_of(item, rel).unwrap_or(persistent)
        })
    }

    /// SQLAlchemy's `sethasparent`: `item` is now held (or let go) by `parent`
    /// through `rel`. Letting go is ignored when another object, with another
    /// identity, took `item` meanwhile (it moved).
    pub(crate) fn set_has_parent(
        &mut self,
        item: &Rc<Instance>,
        rel: &Rel,
        parent: &Rc<Instance>,
        held: bool,
    ) {
        let st = item.st.borrow();
        let at = st.parent_flag(&rel.owner.name, &rel.name);
        if !held
            && let Some(f) = at
            && let Some(last) = &f.parent
            && let Some(last) = last.upgrade()
            && !Rc::ptr_eq(&last, parent)
            && !same_identity(&last, parent)
        {
            return;
        }
        if let Some(f) = at
            && f.parent.as_ref().map(Weak::as_ptr) == held.then_some(Rc::as_ptr(parent))
        {
            return;
        }
        drop(st);
        let value = held.then(|| Rc::downgrade(parent));
        self.edit(item)
            .set_parent_flag(&rel.owner.name, &rel.name, value);
    }

    /// SQLAlchemy's `_single_parent_validator`, run by a set or append on
    /// `rel` before it changes anything: when `rel` has
    /// `single_parent=True` and the change was made on `rel` itself (one
    /// reaching it through a back-reference is not checked), `value`
    /// already held through `rel` — as the attribute events left it, not
    /// optimistic: an object loaded from the database, or expired since,
    /// has no recorded parent — is refused, unless it is the scalar's
    /// `old` value being set again.
    pub(crate) fn check_single_parent(
        rel: &Rel,
        value: &Rc<Instance>,
        old: Option<&Rc<Instance>>,
        t: &Token,
    ) -> Result<()> {
        if !rel.single_parent
            || !t.made_on(rel)
            || old.is_some_and(|o| Rc::ptr_eq(o, value))
            || !Session::has_parent(value, rel)
        {
            return Ok(());
        }
        Err(Session::second_parent(rel, value, None))
    }

    /// Whether the attribute events left `child` held through `rel`
    /// (SQLAlchemy's `DependencyProcessor.hasparent`, not optimistic).
    pub fn has_parent(child: &Instance, rel: &Rel) -> bool {
        flag_of(child, rel).unwrap_or(false)
    }

    /// `single_parent`'s refusal: SQLAlchemy's text, and what would work
    /// (`help`, else: let go of the parent that holds `value`, named when
    /// it is still alive).
    pub(crate) fn second_parent(rel: &Rel, value: &Rc<Instance>, help: Option<String>) -> Error {
        let (owner, name, target) = (&rel.owner.name, &rel.name, &rel.target.name);
        let holder = value
            .st
            .borrow()
            .parent_flag(owner, name)
            .and_then(|f| f.parent.as_ref().and_then(Weak::upgrade))
            .map_or_else(String::new, |h| format!(" ({})", describe(&h)));
        let help = help.unwrap_or_else(|| {
            if rel.uselist {
                format!("{owner}.{name} has single_parent=True: remove it from the {name} of the {owner} that holds it{holder} first, or append a new {target} instead")
            } else {
                format!("{owner}.{name} has single_parent=True: set the {name} of the {owner} that holds it{holder} to None first, or give this {owner} a {target} of its own")
            }
        });
        Error::new(
            ErrorKind::InvalidRequestError,
            format!(
                "Instance <{}> is already associated with an instance of <class '{owner}'> via its {owner}.{name} attribute, and is only allowed a single parent.",
                describe(value)
            ),
        )
        .with_help(help)
    }
}

/// The hasparent record of `item` for `rel`: Some(held) once an event said.
fn flag_of(item: &Instance, rel: &Rel) -> Option<bool> {
    item.st
        .borrow()
        .parent_flag(&rel.owner.name, &rel.name)
        .map(|f| f.parent.is_some())
}

/// Two objects with the same identity key (or both without one).
fn same_identity(a: &Instance, b: &Instance) -> bool {
    if a.model.table != b.model.table {
        return false;
    }
    let (ka, kb) = (a.identity_key(), b.identity_key());
    match (ka, kb) {
        (None, None) => true,
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}
