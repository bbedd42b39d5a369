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
        // A line at column 0 after a block's body ends the block, as at
        // Python's prompt (issue 16, round 2): the entry is complete.
        ("def f():\n    return 1\ny = f()\n", Complete),
        ("def f():\n    return 1\ny = f()", Complete),
        ("class A:\n    x = 1\nclass B:\n", Complete),
        ("match x:\n    case 1:\n        pass\ny = 1\n", Complete),
        (
            "for x in xs:\n    for y in x:\n        pass\nz = 1\n",
            Complete,
        ),
        // … unless it is a clause of the statement, the statement a
        // decorator waits for, a comment, or inside brackets or a string.
        ("if x:\n    y = 1\nelse:\n", Incomplete),
        ("try:\n    x = 1\nexcept E:\n    pass\n", Incomplete),
        ("try:\n    x = 1\nfinally:\n", Incomplete),
        ("@dec\ndef f():\n", Incomplete),
        ("@dec\n@dec2\nclass A:\n", Incomplete),
        ("def f():\n    return 1\n# note\n", Incomplete),
        ("def f():\n    x = [\n1,\n]\n", Incomplete),
        ("def f():\n    s = '''\nabc\n", Incomplete),
        ("def f():\n    x = 1 + \\\n2\n", Incomplete),
        (
            "model A <\nid = Column(Integer, primary_key=True)\n",
            Incomplete,
        ),
        // An indented line after a dedent is still the block's.
        (
            "def f():\n    if x:\n        y = 1\n    return 1\n",
            Incomplete,
        ),
    ];
    let bad: Vec<String> = cases
        .iter()
        .filter(|(src, want)| completeness(src) != *want)
        .map(|(src, want)| format!("{src:?}: want {want:?}"))
        .collect();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
