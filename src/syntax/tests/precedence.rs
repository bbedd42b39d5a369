//! Operator precedence and associativity (LANGUAGE.md §4).

use super::table;

#[test]
fn precedence_table() {
    table(&[
        ("a + b * c", "(+ a (* b c))"),
        ("a * b + c", "(+ (* a b) c)"),
        ("a - b - c", "(- (- a b) c)"),
        ("a / b // c % d", "(% (// (/ a b) c) d)"),
        ("2 ** 3 ** 2", "(** 2 (** 3 2))"),
        ("-2 ** 2", "(neg (** 2 2))"),
        ("2 ** -1", "(** 2 -1)"),
        ("-x ** 2", "(neg (** x 2))"),
        ("~a & b", "(& (~ a) b)"),
        ("a | b ^ c & d", "(| a (^ b (& c d)))"),
        ("a & b | c", "(| (& a b) c)"),
        ("a + b == c", "(cmp (+ a b) == c)"),
        ("a | b == c", "(cmp (| a b) == c)"),
        (
            "(A.x > 1) & (A.y < 2)",
            "(& (cmp (. A x) > 1) (cmp (. A y) < 2))",
        ),
        ("a < b <= c", "(cmp a < b <= c)"),
        ("a == b != c", "(cmp a == b != c)"),
        ("x in xs", "(cmp x in xs)"),
        ("x not in xs", "(cmp x not in xs)"),
        ("x is None", "(cmp x is None)"),
        ("x is not None", "(cmp x is not None)"),
        ("not a == b", "(not (cmp a == b))"),
        ("not not a", "(not (not a))"),
        ("not a and b", "(and (not a) b)"),
        ("a and b or c", "(or (and a b) c)"),
        ("a or b and c", "(or a (and b c))"),
        ("a or b or c", "(or (or a b) c)"),
        ("a if c else b", "(if c a b)"),
        ("a if c else b if d else e", "(if c a (if d b e))"),
        ("a or b if c or d else e", "(if (or c d) (or a b) e)"),
        ("lambda: 1", "(lambda () 1)"),
        ("lambda x, y: x + y", "(lambda (x y) (+ x y))"),
        ("lambda i=i: i", "(lambda ((= i i)) i)"),
        ("lambda *a, **k: (a, k)", "(lambda (*a **k) (tuple a k))"),
        ("lambda x: a if x else b", "(lambda (x) (if x a b))"),
        ("-a.b", "(neg (. a b))"),
        ("-f(x)[0]", "(neg ([] (call f x) 0))"),
        ("+a", "(pos a)"),
        ("- - a", "(neg (neg a))"),
        ("a * -b", "(* a (neg b))"),
        ("'%r' % x", "(% \"%r\" x)"),
        (
            "'<User %r>' % self.username",
            "(% \"<User %r>\" (. self username))",
        ),
        ("~(User.name == 'a')", "(~ (cmp (. User name) == \"a\"))"),
        ("x == None", "(cmp x == None)"),
        ("a[1:2]", "([] a (slice 1 2 _))"),
        ("a[::2]", "([] a (slice _ _ 2))"),
        ("a[:]", "([] a (slice _ _ _))"),
        ("a[1:]", "([] a (slice 1 _ _))"),
        ("a[-1]", "([] a -1)"),
        ("a[1, 2]", "([] a (tuple 1 2))"),
        ("q[1:3].all()", "(call (. ([] q (slice 1 3 _)) all))"),
    ]);
}

#[test]
fn postfix_chains_and_calls() {
    table(&[
        (
            "User.query.filter_by(username='admin').first()",
            "(call (. (call (. (. User query) filter_by) username=\"admin\") first))",
        ),
        ("f()", "(call f)"),
        ("f(1, 2,)", "(call f 1 2)"),
        ("f(*args, **kw)", "(call f *args **kw)"),
        ("f(a, *b, c=1, **d)", "(call f a *b c=1 **d)"),
        ("f(if=1, class_=2)", "(call f if=1 class_=2)"),
        ("a.not.in", "(. (. a not) in)"),
        ("f(x)(y)", "(call (call f x) y)"),
        ("sum(x for x in xs)", "(call sum (genexp x for (x) xs))"),
        ("(x for x in xs)", "(genexp x for (x) xs)"),
        (
            "sorted(xs, key=lambda u: u.name)",
            "(call sorted xs key=(lambda (u) (. u name)))",
        ),
        ("a == b == c", "(cmp a == b == c)"),
    ]);
}

#[test]
fn collections_and_comprehensions() {
    table(&[
        ("[]", "[]"),
        ("[1, 2, 3,]", "[1 2 3]"),
        ("()", "(tuple)"),
        ("(1,)", "(tuple 1)"),
        ("(1, 2)", "(tuple 1 2)"),
        ("(1)", "1"),
        ("{}", "{}"),
        ("{'a': 1, 'b': [2],}", "{\"a\": 1, \"b\": [2]}"),
        ("[e for x in xs if c]", "(comp e for (x) xs if c)"),
        (
            "[a + b for a, b in pairs]",
            "(comp (+ a b) for (a b) pairs)",
        ),
        ("[a for (a, b) in pairs]", "(comp a for (a b) pairs)"),
        ("[k for i, (k, v) in xs]", "(comp k for (i (tuple k v)) xs)"),
        ("{1, 2}", "(set 1 2)"),
        ("{1,}", "(set 1)"),
        ("{*a, 1}", "(set *a 1)"),
        ("{x for x in xs if x}", "(setcomp x for (x) xs if x)"),
        ("[*a, *b]", "[*a *b]"),
        ("(*a, 1)", "(tuple *a 1)"),
        ("f(x := 1)", "(call f (:= x 1))"),
        (
            "[y for x in xs if (y := x)]",
            "(comp y for (x) xs if (:= y x))",
        ),
        (
            "[x * y for x in xs if x for y in ys if y if x < y]",
            "(comp (* x y) for (x) xs if x for (y) ys if y if (cmp x < y))",
        ),
        (
            "[x if x else 0 for x in xs]",
            "(comp (if x x 0) for (x) xs)",
        ),
        ("1, 2", "(tuple 1 2)"),
        ("1,", "(tuple 1)"),
    ]);
}
