//! A list of the session's objects (pending, modified, deleted, …) that can
//! go back to what it held when the running statement began (`orm::undo`).
//! Marking costs nothing: the list remembers its length, and copies its
//! old contents only the first time the statement does more than append.

use std::ops::Deref;
use std::rc::Rc;

use crate::orm::instance::Instance;

/// Where the list stood when the statement began.
struct Mark {
    len: usize,
    /// The whole old contents, once anything but `push` changed the list.
    copy: Option<Vec<Rc<Instance>>>,
}

/// A `Vec<Rc<Instance>>` to read (it derefs to one) whose every change
/// goes through the methods below.
#[derive(Default)]
pub struct Tracked {
    items: Vec<Rc<Instance>>,
    mark: Option<Mark>,
}

impl Deref for Tracked {
    type Target = Vec<Rc<Instance>>;
    fn deref(&self) -> &Vec<Rc<Instance>> {
        &self.items
    }
}

impl<'a> IntoIterator for &'a Tracked {
    type Item = &'a Rc<Instance>;
    type IntoIter = std::slice::Iter<'a, Rc<Instance>>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl Tracked {
    /// Keep the old contents before a change other than appending.
    fn before_change(&mut self) {
        if let Some(m) = &mut self.mark
            && m.copy.is_none()
        {
            m.copy = Some(self.items[..m.len.min(self.items.len())].to_vec());
        }
    }

    pub fn push(&mut self, x: Rc<Instance>) {
        self.items.push(x);
    }

    pub fn retain(&mut self, f: impl FnMut(&Rc<Instance>) -> bool) {
        self.before_change();
        self.items.retain(f);
    }

    pub fn clear(&mut self) {
        self.before_change();
        self.items.clear();
    }

    /// Empty the list, handing back what it held.
    pub fn take(&mut self) -> Vec<Rc<Instance>> {
        self.before_change();
        std::mem::take(&mut self.items)
    }

    /// Did the list change since it was marked?
    pub fn changed(&self) -> bool {
        self.mark
            .as_ref()
            .is_some_and(|m| m.copy.is_some() || m.len != self.items.len())
    }

    /// A statement begins (or passed a commit): remember this point.
    pub fn mark(&mut self) {
        self.mark = Some(Mark {
            len: self.items.len(),
            copy: None,
        });
    }

    /// The statement ended: nothing to go back to.
    pub fn unmark(&mut self) {
        self.mark = None;
    }

    /// Go back to the marked point.
    pub fn restore(&mut self) {
        if let Some(m) = self.mark.take() {
            match m.copy {
                Some(old) => self.items = old,
                None => self.items.truncate(m.len),
            }
        }
    }

    /// The process is about to exit: leave the objects to the OS.
    pub fn forget(&mut self) {
        std::mem::forget(std::mem::take(&mut self.items));
        if let Some(m) = self.mark.take() {
            std::mem::forget(m.copy);
        }
    }
}
