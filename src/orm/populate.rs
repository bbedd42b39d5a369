//! SQLAlchemy's `populate_existing`: a query that meets an object already
//! in the identity map gives it the row's values (and resets its loaded
//! relationships, which load again on access), where a plain query keeps
//! what is in memory. ormsh has run the query's autoflush first, so no
//! unflushed change is lost: the object is expired and filled from the
//! row, once per query however many rows repeat it.

use std::collections::HashSet;
use std::rc::Rc;

use crate::orm::instance::Instance;
use crate::orm::session::Session;

impl Session {
    /// Run `load` with `populate_existing` on when `on`.
    pub fn populating<T>(&mut self, on: bool, load: impl FnOnce(&mut Session) -> T) -> T {
        if !on {
            return load(self);
        }
        let outer = self.begin_populating();
        let out = load(self);
        self.end_populating(outer);
        out
    }

    /// Turn `populate_existing` on for the statements that follow; give
    /// the result to [`Session::end_populating`] when they are done (the
    /// query and its eager loads, with an autoflush between them).
    pub fn begin_populating(&mut self) -> Option<HashSet<usize>> {
        self.populating.replace(HashSet::new())
    }

    /// Restore what [`Session::begin_populating`] returned.
    pub fn end_populating(&mut self, outer: Option<HashSet<usize>>) {
        self.populating = outer;
    }
}

/// Called for each row's object found in the identity map: expire it the
/// first time this query meets it, so the row fills it.
pub fn populate_existing(s: &mut Session, inst: &Rc<Instance>) {
    // The object is held by the query's results while it runs, so its
    // address names it.
    let Some(seen) = s.populating.as_mut() else {
        return;
    };
    if !seen.insert(Rc::as_ptr(inst) as usize) {
        return;
    }
    if inst.status() == crate::orm::instance::Status::Persistent {
        let kept = s.option_deferred_loaded(inst);
        s.expire(inst);
        s.keep_loaded(inst, kept);
    }
}
