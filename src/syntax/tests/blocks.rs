//! Python's blocks: compound statements, indentation and its errors,
//! class bodies as models, where the prompt and a script end a chunk.

use super::table;
use crate::error::ErrorKind;
use crate::syntax::Completeness::{self, Complete, Incomplete};
use crate::syntax::{chunks, completeness, parse_chunk};

#[test]
fn compound_statements() {
    table(&[
        ("for x in xs:\n    f(x)\n", "(for (x) xs (call f x))"),
        (
            "for x in xs:\n    f(x)\n    g(x)\nh()",
            "(for (x) xs (call f x) (call g x)) (call h)",
        ),
        (
            "for x in xs:\n    if x:\n        break\nelse:\n    y\n",
            "(for (x) xs (if (x break)) (else y))",
        ),
        (
            "for x in xs: f(x)\nelse: g()",
            "(for (x) xs (call f x) (else (call g)))",
        ),
        (
            "if a:\n  x\nelif b:\n  y\nelif c: z\nelse:\n  w",
            "(if (a x) (b y) (c z) (else w))",
        ),
        ("if a: x; y", "(if (a x y))"),
        (
            "while n:\n    n -= 1\n    continue\nelse:\n    done()",
            "(while n (-= n 1) continue (else (call done)))",
        ),
        (
            "try:\n    a()\nexcept ValueError as e:\n    b(e)\nexcept (KeyError, IndexError):\n    c\nexcept:\n    d\nelse:\n    e\nfinally:\n    f",
            "(try (call a) (except ValueError as e (call b e)) (except (tuple KeyError IndexError) c) (except d) (else e) (finally f))",
        ),
        ("try:\n    a\nfinally:\n    b", "(try a (finally b))"),
        (
            "with db.session.begin() as s, x:\n    s.add(u)",
            "(with ((call (. (. db session) begin)) as s) (x) (call (. s add) u))",
        ),
        (
            "def f(a, b=2, c: int = 3) -> int:\n    '''doc'''\n    return a + b\n",
            "(def f (a b=2 c=3) \"doc\" (return (+ a b)))",
        ),
        ("def f(): return", "(def f () (return))"),
        (
            "def f(a, /, b=1, *args: int, c, d=2, **kw: str): pass",
            "(def f (/a b=1 *args kw:c kw:d=2 **kw) pass)",
        ),
        ("def f(*, k): pass", "(def f (kw:k) pass)"),
        ("def f(**kwargs,): pass", "(def f (**kwargs) pass)"),
        (
            "def f():\n    for x in xs:\n        return x",
            "(def f () (for (x) xs (return x)))",
        ),
        ("del a, b[0], c.d", "(del a ([] b 0) (. c d))"),
        (
            "match p:\n    case 0 | -1:\n        a\n    case [x, *rest] if x:\n        b\n    case {'k': v, **r}:\n        c\n    case Point(1, y=_) as q:\n        d\n    case _:\n        e",
            "(match p (case (| =0 =-1) a) (case [x *rest] if x b) (case {\"k\": v, **r} c) (case (as (Point =1 y=_) q) d) (case _ e))",
        ),
        ("match = 1", "(= match 1)"),
        ("a = b.c = d[0] = 5", "(= a (. b c) ([] d 0) 5)"),
        ("xs[1:3] = ys", "(= ([] xs (slice 1 3 _)) ys)"),
        ("assert x, 'msg'", "(assert x \"msg\")"),
        ("x: int = 1", "(: x int 1)"),
        ("x: Mapped[int]", "(: x ([] Mapped int))"),
        // Comments and blank lines inside blocks; tabs consistently.
        (
            "for x in xs:\n\n    # a comment\n    f(x)  # trailing\n\n    g(x)\n",
            "(for (x) xs (call f x) (call g x))",
        ),
        ("if a:\n\tx\n\tif b:\n\t\ty\n", "(if (a x (if (b y))))"),
        // Brackets and backslashes continue a line whatever its indent.
        (
            "if a:\n    f(1,\n2)\n    g()",
            "(if (a (call f 1 2) (call g)))",
        ),
        // Nested blocks closing together.
        (
            "for a in b:\n  for c in d:\n    if e:\n      f\nx",
            "(for (a) b (for (c) d (if (e f)))) x",
        ),
    ]);
}

#[test]
fn classes_are_models() {
    table(&[
        (
            "class User(db.Model):\n    \"\"\"Doc.\"\"\"\n    id = db.Column(db.Integer, primary_key=True)\n    __tablename__ = 'users'\n\n    def __repr__(self):\n        return f'<User {self.id}>'\n",
            "(model User (__doc__ \"Doc.\") (id (call (. db Column) (. db Integer) primary_key=True)) (__tablename__ \"users\") (__repr__ (f \"<User \" {(. self id)} \">\")))",
        ),
        (
            "class Tag(Model): id = Column(Integer, primary_key=True)",
            "(model Tag (id (call Column Integer primary_key=True)))",
        ),
        (
            "class A(db.Model):\n    id = Column(Integer, primary_key=True)\n    pass\n    def __str__(self): return 'a'\n    def other(self):\n        return 1\n",
            "(model A (id (call Column Integer primary_key=True)) (__str__ \"a\"))",
        ),
        ("class Config:\n    X = 1\n", "(class Config () (= X 1))"),
        (
            "class Status(enum.Enum):\n    A = 'a'\n    def f(self): return 1\n",
            "(class Status ((. enum Enum)) (= A \"a\") (def f (self) (return 1)))",
        ),
    ]);
    let stmts = parse_chunk("class A(db.Model):\n    id = 1\n    def m(self, x): return x\n")
        .expect("parses");
    let crate::syntax::ast::StmtKind::Model(def) = &stmts[0].kind else {
        panic!("a model");
    };
    assert_eq!(def.methods.len(), 1);
    assert_eq!(&*def.methods[0].name.name, "m");
    // Decorators stay on the method they decorate.
    let stmts = parse_chunk(
        "class A(db.Model):\n    id = 1\n    @property\n    def p(self):\n        return 1\n",
    )
    .expect("parses");
    let crate::syntax::ast::StmtKind::Model(def) = &stmts[0].kind else {
        panic!("a model");
    };
    assert_eq!(def.methods[0].decorators.len(), 1);
}

#[test]
fn indentation_errors() {
    let cases: &[(&str, ErrorKind, &str, std::ops::Range<usize>)] = &[
        (
            "for x in xs:\nf(x)",
            ErrorKind::IndentationError,
            "expected an indented block after 'for' statement",
            13..14,
        ),
        (
            "if a:\n",
            ErrorKind::IndentationError,
            "expected an indented block after 'if' statement",
            4..5,
        ),
        // A top-level statement starts at the first column, as in Python.
        (
            "    x = 1",
            ErrorKind::IndentationError,
            "unexpected indent",
            4..5,
        ),
        (
            "def f():\n    x\n        y",
            ErrorKind::IndentationError,
            "unexpected indent",
            23..24,
        ),
        (
            "if a:\n        x\n    y",
            ErrorKind::IndentationError,
            "unindent does not match any outer indentation level",
            20..21,
        ),
        (
            "if a:\n        x\n\ty",
            ErrorKind::TabError,
            "inconsistent use of tabs and spaces in indentation",
            17..18,
        ),
        (
            "class A(db.Model, Base):\n    id = 1",
            ErrorKind::NotImplementedError,
            "ormsh cannot define a class with this base: its classes are models, written class A(db.Model):",
            7..23,
        ),
        (
            "class A(db.Model):\n    print(1)",
            ErrorKind::SyntaxError,
            "a model's class body holds columns and relationships (name = db.Column(...)), __tablename__, __table_args__, docstrings and methods; not this statement (in class A)",
            23..31,
        ),
    ];
    let mut bad = Vec::new();
    for (src, kind, msg, span) in cases {
        match parse_chunk(src) {
            Ok(s) => bad.push(format!(
                "{src:?}: parsed as {}",
                crate::syntax::sexpr::stmts(&s)
            )),
            Err(e) => {
                if e.kind != *kind
                    || e.message != *msg
                    || e.span.map(|s| s.range()) != Some(span.clone())
                {
                    bad.push(format!(
                        "{src:?}\n   want {kind:?} {msg:?} {span:?}\n    got {:?} {:?} {:?}",
                        e.kind,
                        e.message,
                        e.span.map(|s| s.range())
                    ));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_prompt_closes_a_block_with_an_empty_line() {
    let cases: &[(&str, Completeness)] = &[
        ("for x in xs:\n", Incomplete),
        ("for x in xs:\n    f(x)\n", Incomplete),
        ("for x in xs:\n    f(x)\n    \n", Incomplete),
        ("for x in xs:\n    f(x)\n\n", Complete),
        ("for x in xs:\n    # c\n\n", Complete),
        ("if a: x\n", Complete),
        ("try: x\n", Incomplete),
        ("class A(db.Model):\n    id = 1\n", Incomplete),
        ("class A(db.Model):\n    id = 1\n\n", Complete),
        (
            "model A <\n  def __repr__(self):\n    return 1\n>\n",
            Complete,
        ),
        ("x = {'a':\n", Incomplete),
        ("x = lambda: 1\n", Complete),
        ("d = {'a': 1}\n", Complete),
        ("match x:\n    case 1:\n        a\n", Incomplete),
        ("match x:\n    case 1:\n        a\n\n", Complete),
        ("match = 1\n", Complete),
    ];
    let bad: Vec<String> = cases
        .iter()
        .filter(|(src, want)| completeness(src) != *want)
        .map(|(src, want)| format!("{src:?}: want {want:?}"))
        .collect();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn a_script_ends_a_block_at_its_dedent() {
    let cases: &[(&str, &[&str])] = &[
        (
            "for x in xs:\n    f(x)\ny = 1\n",
            &["for x in xs:\n    f(x)\n", "y = 1\n"],
        ),
        (
            "if a:\n    x\n\n# c\nelse:\n    y\nz\n",
            &["if a:\n    x\n\n# c\nelse:\n    y\n", "z\n"],
        ),
        (
            "def f():\n    s = '''\nnot a dedent\n'''\n    return s\nf()\n",
            &[
                "def f():\n    s = '''\nnot a dedent\n'''\n    return s\n",
                "f()\n",
            ],
        ),
        (
            "for x in xs: f(x)\nfor y in ys: g(y)\n",
            &["for x in xs: f(x)\n", "for y in ys: g(y)\n"],
        ),
        (
            "try:\n  a\nexcept:\n  b\n.tables\nc\n",
            &["try:\n  a\nexcept:\n  b\n", ".tables", "c\n"],
        ),
    ];
    let mut bad = Vec::new();
    for (src, want) in cases {
        let got: Vec<String> = chunks(src).map(|c| c.text).collect();
        if got != *want {
            bad.push(format!("{src:?}\n   want {want:?}\n    got {got:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
