//! `dir()` with no argument: the names of the current scope, sorted, as
//! Python's console lists them — inside a function its local names; at
//! the top level the module attributes every `python3` console has, the
//! session's variables, functions and imports, and its models (classes
//! defined in the session). ormsh's own built-in names (`db`, `func`, …)
//! are not listed, as Python's built-ins are not.

use std::rc::Rc;

use crate::eval::Interp;
use crate::value::Value;

/// What `dir()` lists in a fresh `python3` console.
const CONSOLE_NAMES: &[&str] = &[
    "__annotations__",
    "__builtins__",
    "__doc__",
    "__loader__",
    "__name__",
    "__package__",
    "__spec__",
];

impl Interp {
    /// `dir()`: the sorted names of the innermost scope.
    pub(crate) fn scope_dir(&self) -> Value {
        let mut names: Vec<Rc<str>> = match self.locals.last() {
            Some(frame) => frame.borrow().iter().map(|(n, _)| n.clone()).collect(),
            None => {
                let mut n: Vec<Rc<str>> = CONSOLE_NAMES.iter().map(|s| Rc::from(*s)).collect();
                n.extend(self.global_names());
                n.extend(self.registry.models().iter().map(|m| m.name.clone()));
                n
            }
        };
        names.sort();
        names.dedup();
        Value::list(names.into_iter().map(|n| Value::str(&n)).collect())
    }
}
