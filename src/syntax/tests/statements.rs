//! Statements: assignment, augmented assignment, for, pass, separators.

use super::table;

#[test]
fn statements() {
    table(&[
        ("x = 1", "(= x 1)"),
        ("a.b = c", "(= (. a b) c)"),
        ("a[i] = v", "(= ([] a i) v)"),
        ("a, b = 1, 2", "(= (tuple a b) (tuple 1 2))"),
        ("(a, b) = b, a", "(= (tuple a b) (tuple b a))"),
        ("x += 1", "(+= x 1)"),
        ("x -= 1; y *= 2; z /= 3", "(-= x 1) (*= y 2) (/= z 3)"),
        ("x //= 2\nx %= 3", "(//= x 2) (%= x 3)"),
        ("s |= t; s &= t; s ^= t", "(|= s t) (&= s t) (^= s t)"),
        ("pass", "pass"),
        ("raise", "(raise)"),
        ("raise ValueError('x')", "(raise (call ValueError \"x\"))"),
        ("raise E from c", "(raise E c)"),
        ("global a, b", "(global a b)"),
        ("...", "Ellipsis"),
        ("x = ...", "(= x Ellipsis)"),
        (
            "@property\ndef p(self): return 1",
            "(def @property p (self) (return 1))",
        ),
        (
            "@p.setter\n@staticmethod\ndef p(self, v): pass",
            "(def @(. p setter) @staticmethod p (self v) pass)",
        ),
        ("x = 1; y = 2;", "(= x 1) (= y 2)"),
        ("\n\n# only a comment\nx  # trailing\n", "x"),
        ("for u in users: print(u)", "(for (u) users (call print u))"),
        (
            "for a, b in pairs: print(a); print(b)",
            "(for (a b) pairs (call print a) (call print b))",
        ),
        ("for x in 1, 2: s += x", "(for (x) (tuple 1 2) (+= s x))"),
        (
            "for c in q:\n    print(c, c.posts)",
            "(for (c) q (call print c (. c posts)))",
        ),
        ("for x in xs: pass", "(for (x) xs pass)"),
        ("for i, (k, v) in xs: pass", "(for (i (tuple k v)) xs pass)"),
        ("for [a, b] in xs: pass", "(for ([a b]) xs pass)"),
        ("for a, *b in xs: pass", "(for (a *b) xs pass)"),
        ("for (a), in xs: pass", "(for (a) xs pass)"),
        ("(a, b), c = x", "(= (tuple (tuple a b) c) x)"),
        ("[a, b] = x", "(= [a b] x)"),
        ("a, *rest = xs", "(= (tuple a *rest) xs)"),
        ("first, *_, last = xs", "(= (tuple first *_ last) xs)"),
        ("*a, b = xs", "(= (tuple *a b) xs)"),
        ("a, (b, *c) = xs", "(= (tuple a (tuple b *c)) xs)"),
        ("x = *a, *b", "(= x (tuple *a *b))"),
        (
            "def f():\n    nonlocal a, b\n    a = 1",
            "(def f () (nonlocal a b) (= a 1))",
        ),
        (
            "def g(xs):\n    yield\n    yield 1, 2\n    yield from xs",
            "(def g (xs) (yield) (yield (tuple 1 2)) (yield-from xs))",
        ),
        // A yield inside an expression: a yield statement with a hidden
        // target first, what is evaluated before it bound first.
        (
            "def g():\n    x = yield from h()",
            "(def g () (= x (yield-from (call h))))",
        ),
        (
            "def g():\n    y = (yield x) + 1",
            "(def g () (= .y0 (yield x)) (= y (+ .y0 1)))",
        ),
        (
            "def g():\n    print(a(), (yield))",
            "(def g () (= .y0 (call a)) (= .y1 (yield)) (call print .y0 .y1))",
        ),
        (
            "def g():\n    x += yield 1",
            "(def g () (= .y0 (yield 1)) (+= x .y0))",
        ),
        (
            "def g():\n    return a or (yield)",
            "(def g () (= .y0 a) (if ((not .y0) (= .y1 (yield)) (= .y0 .y1))) (return .y0))",
        ),
        ("def g():\n    (yield 1)", "(def g () (yield 1))"),
        (
            "if (n := len(xs)) > 2: pass",
            "(if ((cmp (:= n (call len xs)) > 2) pass))",
        ),
        (
            "while chunk := f(): pass",
            "(while (:= chunk (call f)) pass)",
        ),
        ("x = \\\n  1", "(= x 1)"),
        ("x = (1 +\n 2)", "(= x (+ 1 2))"),
        ("f(a,\n  b)\ng()", "(call f a b) (call g)"),
        ("self = 1", "(= self 1)"),
        (
            "db.session.add(admin)",
            "(call (. (. db session) add) admin)",
        ),
    ]);
}
