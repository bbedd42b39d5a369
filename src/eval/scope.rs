//! Python's function scopes and closures: a scope is a shared frame of
//! local names, and a function made by `def` or `lambda` keeps the frames
//! around it when it is made (its closure, as CPython's cells do), so a
//! nested function still sees — and with `nonlocal` rebinds — the
//! variables of the function that made it after that one has returned.
//! A call runs with the callee's closure, not the caller's frames
//! (lexical scoping).

use std::cell::RefCell;
use std::rc::Rc;

use crate::eval::Interp;
use crate::value::Value;

/// One scope's local names, in the order they were bound; shared between
/// the running call and the closures made inside it.
pub type Frame = Rc<RefCell<Vec<(Rc<str>, Value)>>>;

/// A new frame holding `vars`.
pub fn frame(vars: Vec<(Rc<str>, Value)>) -> Frame {
    Rc::new(RefCell::new(vars))
}

/// What a call replaces while its body runs: the frames in scope and the
/// `global`/`nonlocal` declarations made in them.
pub struct Saved {
    locals: Vec<Frame>,
    global_decl: Vec<(usize, Rc<str>)>,
    nonlocal_decl: Vec<(usize, Rc<str>)>,
}

impl Interp {
    /// Is the statement running at the top level (no function's frame)?
    pub(crate) fn at_top_level(&self) -> bool {
        self.locals.is_empty()
    }

    /// The frames a function made now closes over (none at top level).
    pub(crate) fn closure(&self) -> Vec<Frame> {
        self.locals.clone()
    }

    /// Enter a call: the callee's closure, then its own frame.
    pub(crate) fn enter_call(&mut self, closure: &[Frame], vars: Vec<(Rc<str>, Value)>) -> Saved {
        let mut locals = closure.to_vec();
        locals.push(frame(vars));
        Saved {
            locals: std::mem::replace(&mut self.locals, locals),
            global_decl: std::mem::take(&mut self.global_decl),
            nonlocal_decl: std::mem::take(&mut self.nonlocal_decl),
        }
    }

    /// Leave a call: the caller's frames and declarations back.
    pub(crate) fn leave_call(&mut self, saved: Saved) {
        self.locals = saved.locals;
        self.global_decl = saved.global_decl;
        self.nonlocal_decl = saved.nonlocal_decl;
    }

    /// `nonlocal NAME` in force for the innermost scope: the enclosing
    /// frame (not the global one) that binds NAME, which assignments then
    /// rebind.
    pub(crate) fn nonlocal_frame(&self, name: &str) -> Option<Frame> {
        let depth = self.locals.len();
        if depth < 2
            || !self
                .nonlocal_decl
                .iter()
                .any(|(d, n)| *d == depth && &**n == name)
        {
            return None;
        }
        self.locals[..depth - 1]
            .iter()
            .rev()
            .find(|f| f.borrow().iter().any(|(n, _)| &**n == name))
            .cloned()
    }
}
