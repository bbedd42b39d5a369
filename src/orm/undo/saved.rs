//! What a statement's first change to an object made before it saves, to
//! put the object back if the statement is interrupted: the whole state,
//! or — for the two changes made to very many objects at once, inserting
//! pending objects and reading expired ones again — only what that change
//! altered (a full copy of each of a million objects committed at once
//! would double the memory the commit needs). A later change in the same
//! statement saves the rest (`Saved::complete`).

use std::rc::Rc;

use crate::orm::instance::{InstState, Instance, RelValue};

/// One object's state before the statement changed it.
pub(super) enum Saved {
    /// All of it (boxed: most entries are the small `Part`).
    Whole(Box<Whole>),
    Part {
        inst: Rc<Instance>,
        part: Part,
    },
}

/// An object's whole state, with the contents of its collections (shared
/// with whoever holds them, so put back in place).
pub(super) struct Whole {
    inst: Rc<Instance>,
    state: InstState,
    collections: Vec<Option<Vec<Option<Rc<Instance>>>>>,
}

/// A change that touched only part of an object's state.
#[derive(Clone, Copy)]
pub enum Part {
    /// A pending object inserted by a flush: the key column the database
    /// numbered, with whether it had been given (as None), and whether
    /// the object was expired.
    Inserted {
        auto_pk: Option<(usize, bool)>,
        expired: bool,
    },
    /// An expired object read again (it has no relationships in memory).
    Refreshed,
}

impl Part {
    /// Turn the state after the change back into the one before it.
    fn undo(self, st: &mut InstState) {
        match self {
            Part::Inserted { auto_pk, expired } => st.undo_insert(auto_pk, expired),
            Part::Refreshed => st.undo_refresh(),
        }
    }
}

impl Saved {
    /// All of `st`, the state of `inst` now.
    pub(super) fn whole(inst: &Rc<Instance>, st: &InstState) -> Saved {
        let collections = st
            .slots()
            .iter()
            .map(|slot| match &slot.value {
                RelValue::List(c) => Some(c.items.borrow().clone()),
                RelValue::Scalar(_) => None,
            })
            .collect();
        Saved::Whole(Box::new(Whole {
            inst: inst.clone(),
            state: st.clone(),
            collections,
        }))
    }

    /// Only an expired object read again.
    pub(super) fn is_refresh(&self) -> bool {
        matches!(
            self,
            Saved::Part {
                part: Part::Refreshed,
                ..
            }
        )
    }

    pub(super) fn inst(&self) -> &Rc<Instance> {
        match self {
            Saved::Whole(w) => &w.inst,
            Saved::Part { inst, .. } => inst,
        }
    }

    /// A `Part` whose object is about to change further: the whole state
    /// it had before the part changed (`st` is its state now).
    pub(super) fn complete(self, st: &InstState) -> Saved {
        match self {
            Saved::Part { inst, part } => {
                let mut before = Saved::whole(&inst, st);
                if let Saved::Whole(w) = &mut before {
                    part.undo(&mut w.state);
                }
                before
            }
            whole => whole,
        }
    }

    /// Put the object back as it was.
    pub(super) fn restore(self) {
        match self {
            Saved::Whole(w) => {
                let Whole {
                    inst,
                    state,
                    collections,
                } = *w;
                for (slot, items) in state.slots().iter().zip(collections) {
                    if let (RelValue::List(c), Some(items)) = (&slot.value, items) {
                        *c.items.borrow_mut() = items;
                    }
                }
                *inst.st.borrow_mut() = state;
            }
            Saved::Part { inst, part } => part.undo(&mut inst.st.borrow_mut()),
        }
    }
}
