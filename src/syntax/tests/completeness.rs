//! When does the reader need another line?

use crate::syntax::Completeness::{self, Complete, Incomplete};
use crate::syntax::completeness;

#[test]
fn completeness_table() {
    let cases: &[(&str, Completeness)] = &[
        ("x = 1", Complete),
        ("", Complete),
        ("f(1", Incomplete),
        ("f(1,\n  2", Incomplete),
        ("f(1,\n  2)", Complete),
        ("[1, {2: (3", Incomplete),
        ("'('", Complete),
        ("x = 1  # (", Complete),
        ("model User <", Incomplete),
        (
            "model User <\n  id = Column(Integer, primary_key=True)",
            Incomplete,
        ),
        (
            "model User <\n  id = Column(Integer, primary_key=True)\n>",
            Complete,
        ),
        (
            "model User <\n  __repr__ = '<User %r>' % self.username",
            Incomplete,
        ),
        ("model User <\n  __repr__ = '<User>'\n  >", Complete),
        (
            "model Tag < id = Column(Integer, primary_key=True) >",
            Complete,
        ),
        ("model A <\n  def __repr__(self):", Incomplete),
        ("def __repr__(self):", Incomplete),
        ("@property", Incomplete),
        ("@property\ndef p(self): return 1", Incomplete),
        ("@property\ndef p(self): return 1\n\n", Complete),
        ("def __repr__(self): return 1", Complete),
        ("for x in xs:", Incomplete),
        ("for x in xs: print(x)", Complete),
        ("x = '''abc", Incomplete),
        ("x = '''abc\ndef'''", Complete),
        ("x = 1 + \\", Incomplete),
        ("x = 'abc", Complete),
        ("x = )", Complete),
        ("x = 1 +", Complete),
        ("a < b", Complete),
        ("x = a if model else b", Complete),
        ("model", Complete),
        (".help", Complete),
    ];
    let bad: Vec<String> = cases
        .iter()
        .filter(|(src, want)| completeness(src) != *want)
        .map(|(src, want)| format!("{src:?}: want {want:?}"))
        .collect();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
