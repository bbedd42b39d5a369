//! `PyStr`: the text of a Python `str` value. Shared and immutable to the
//! user, as Python's strings are, but with spare room behind it, so that
//! `s = s + t` and `s += t` can append in place when nothing else holds the
//! string — CPython's `unicode_concatenate` trick, which makes building a
//! string piece by piece in a loop linear rather than quadratic. It derefs
//! to `&str` and compares, hashes, orders and prints as the text does.
//! A string made whole (read from a row, a literal, a result) is one
//! allocation, `Rc<str>`; it becomes an `Rc<String>` with room to grow at
//! its first append (issue 17: bytes per loaded instance).

use std::borrow::Borrow;
use std::cell::Cell;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::rc::Rc;

/// A shared Python string: its text in one allocation, or, once appended
/// to, an `Rc<String>` that can carry spare capacity.
#[derive(Clone)]
pub struct PyStr(Text);

#[derive(Clone)]
enum Text {
    Fixed(Rc<str>),
    Growable(Rc<String>),
}

impl Default for PyStr {
    fn default() -> PyStr {
        PyStr::from("")
    }
}

thread_local! {
    /// Bytes copied by [`PyStr::push_str`] (old text moved to a new string
    /// plus the appended text), for tests that pin concatenation as linear.
    static COPIED: Cell<u64> = const { Cell::new(0) };
}

/// The number of bytes [`PyStr::push_str`] has copied on this thread so far.
pub fn bytes_copied() -> u64 {
    COPIED.with(Cell::get)
}

fn count_copied(n: usize) {
    COPIED.with(|c| c.set(c.get().saturating_add(n as u64)));
}

impl PyStr {
    /// Do `a` and `b` share one string? (Python's `is` on the same object.)
    pub fn ptr_eq(a: &PyStr, b: &PyStr) -> bool {
        match (&a.0, &b.0) {
            (Text::Fixed(x), Text::Fixed(y)) => Rc::ptr_eq(x, y),
            (Text::Growable(x), Text::Growable(y)) => Rc::ptr_eq(x, y),
            _ => false,
        }
    }

    /// A string of `text` itself, not a copy: for text read from a row,
    /// which nothing else keeps (one allocation per stored string).
    pub fn shared(text: Rc<str>) -> PyStr {
        PyStr(Text::Fixed(text))
    }

    /// The text as a `&str`.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Text::Fixed(s) => s,
            Text::Growable(s) => s,
        }
    }

    /// Python's `self + tail`, stored back into `self`: when this value is
    /// the only reference to its string, `tail` is appended in place
    /// (growing the room by doubling, so a loop of appends is linear);
    /// otherwise `self` becomes a new string of exactly the joined length
    /// and other holders keep the old text. Checks the length limit and the
    /// memory account first ([`crate::value::grow_str`]); on an error
    /// `self` is unchanged.
    pub fn push_str(&mut self, tail: &str) -> crate::error::Result<()> {
        if let Text::Growable(rc) = &mut self.0
            && let Some(own) = Rc::get_mut(rc)
        {
            crate::value::grow_str(own, tail.len())?;
            own.push_str(tail);
            count_copied(tail.len());
            return Ok(());
        }
        let len = self.len().saturating_add(tail.len());
        let mut out = String::new();
        crate::value::grow_str(&mut out, len)?;
        out.push_str(self);
        out.push_str(tail);
        count_copied(len);
        self.0 = Text::Growable(Rc::new(out));
        Ok(())
    }
}

impl Deref for PyStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for PyStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for PyStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for PyStr {
    fn from(s: &str) -> PyStr {
        PyStr(Text::Fixed(Rc::from(s)))
    }
}

impl From<String> for PyStr {
    fn from(s: String) -> PyStr {
        PyStr::from(s.as_str())
    }
}

impl From<&String> for PyStr {
    fn from(s: &String) -> PyStr {
        PyStr::from(s.as_str())
    }
}

impl From<Box<str>> for PyStr {
    fn from(s: Box<str>) -> PyStr {
        PyStr(Text::Fixed(Rc::from(s)))
    }
}

impl From<Rc<str>> for PyStr {
    fn from(s: Rc<str>) -> PyStr {
        PyStr::from(&*s)
    }
}

impl From<&Rc<str>> for PyStr {
    fn from(s: &Rc<str>) -> PyStr {
        PyStr::from(&**s)
    }
}

impl From<std::borrow::Cow<'_, str>> for PyStr {
    fn from(s: std::borrow::Cow<'_, str>) -> PyStr {
        PyStr::from(s.into_owned())
    }
}

impl From<PyStr> for Rc<str> {
    fn from(s: PyStr) -> Rc<str> {
        Rc::from(s.as_str())
    }
}

impl From<&PyStr> for Rc<str> {
    fn from(s: &PyStr) -> Rc<str> {
        Rc::from(s.as_str())
    }
}

impl From<PyStr> for String {
    fn from(s: PyStr) -> String {
        match s.0 {
            Text::Fixed(t) => t.to_string(),
            Text::Growable(rc) => Rc::try_unwrap(rc).unwrap_or_else(|rc| (*rc).clone()),
        }
    }
}

impl PartialEq for PyStr {
    fn eq(&self, other: &PyStr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for PyStr {}

impl PartialEq<str> for PyStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for PyStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialOrd for PyStr {
    fn partial_cmp(&self, other: &PyStr) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PyStr {
    fn cmp(&self, other: &PyStr) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for PyStr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl fmt::Display for PyStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for PyStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_string_is_copied_and_the_alias_keeps_its_text() {
        let s = PyStr::from("ab");
        let t = s.clone();
        let mut u = s;
        u.push_str("c").unwrap();
        assert_eq!(&*u, "abc");
        assert_eq!(&*t, "ab");
        assert!(!PyStr::ptr_eq(&t, &u));
    }

    #[test]
    fn an_unshared_string_grows_in_place_linearly() {
        let mut s = PyStr::from("");
        let before = bytes_copied();
        for _ in 0..100_000 {
            s.push_str("x").unwrap();
        }
        assert_eq!(s.len(), 100_000);
        assert_eq!(bytes_copied() - before, 100_000);
    }

    #[test]
    fn compares_hashes_and_prints_as_its_text() {
        use std::collections::HashMap;
        let mut m: HashMap<PyStr, i32> = HashMap::new();
        m.insert(PyStr::from("k"), 1);
        assert_eq!(m.get("k"), Some(&1));
        let mut names = vec![PyStr::from("b"), PyStr::from("a")];
        names.sort();
        assert_eq!(names, [PyStr::from("a"), PyStr::from("b")]);
        assert_eq!(
            format!("{:>3}|{:?}", PyStr::from("a"), PyStr::from("a")),
            "  a|\"a\""
        );
    }
}
