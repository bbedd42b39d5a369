//! Error messages and the spans they point at.

use crate::error::ErrorKind;
use crate::syntax::parse_chunk;

#[test]
fn error_messages_and_spans() {
    let cases: &[(&str, &str, std::ops::Range<usize>)] = &[
        ("f(1", "'(' was never closed", 1..2),
        ("x = [1, (2", "'(' was never closed", 8..9),
        ("f(1))", "unexpected ')'", 4..5),
        ("f(1]", "closing ']' does not match opening '('", 3..4),
        ("x = 'abc", "unterminated string literal", 4..8),
        (
            "x = '''abc",
            "unterminated triple-quoted string literal",
            4..7,
        ),
        ("x = ", "expected an expression", 4..4),
        ("1 +", "expected an expression", 3..3),
        ("x = = 2", "expected an expression", 4..5),
        ("f(1 2)", "invalid syntax: expected ')' or ','", 4..5),
        ("[1 2]", "invalid syntax: expected ']' or ','", 3..4),
        ("{1: 2 3}", "invalid syntax: expected '}' or ','", 6..7),
        ("{1, 2 3}", "invalid syntax: expected '}' or ','", 6..7),
        (
            "a, *b, *c = xs",
            "multiple starred expressions in assignment",
            7..9,
        ),
        (
            "*a = xs",
            "starred assignment target must be in a list or tuple",
            0..2,
        ),
        ("x = (*a)", "cannot use starred expression here", 5..7),
        (
            "nonlocal x",
            "nonlocal declaration not allowed at module level",
            0..8,
        ),
        (
            "for i, f() in xs: pass",
            "cannot assign to this expression",
            7..10,
        ),
        (
            "for x in xs print(x)",
            "expected ':' after the for clause",
            12..17,
        ),
        (
            "for x xs: pass",
            "expected 'in' after the loop variables",
            6..8,
        ),
        (
            "1 = x",
            "cannot assign to literal here. Maybe you meant '==' instead of '='?",
            0..1,
        ),
        (
            "f() = x",
            "cannot assign to function call here. Maybe you meant '==' instead of '='?",
            0..3,
        ),
        (
            "a, 1 = x",
            "cannot assign to literal here. Maybe you meant '==' instead of '='?",
            3..4,
        ),
        ("a + b = 1", "cannot assign to expression", 0..5),
        (
            "x y",
            "expected an operator or the end of the statement",
            2..3,
        ),
        ("a = b + 1 = 1", "cannot assign to expression", 4..9),
        (
            "print 'x', 1",
            "Missing parentheses in call to 'print'. Did you mean print(...)?",
            0..12,
        ),
        (
            "lambda x=1, y: x",
            "parameter without a default follows parameter with a default",
            12..13,
        ),
        (
            "lambda *a, *b: 1",
            "* argument may appear only once",
            11..12,
        ),
        ("a.", "expected an attribute name after '.'", 2..2),
        ("a if b", "expected 'else' after the condition", 6..6),
        (
            "lambda x x",
            "expected ':' after the lambda parameters",
            9..10,
        ),
        (
            "f(a=1, b)",
            "positional argument follows keyword argument",
            7..8,
        ),
        (
            "print('a', sep=None, sep='x')",
            "keyword argument repeated: sep",
            21..28,
        ),
        ("f(a=1, **k, a=2)", "keyword argument repeated: a", 12..15),
        (
            "model User < >",
            "a model block needs members like 'id = db.Column(db.Integer, primary_key=True)'",
            11..14,
        ),
        (
            "model User < 1 >",
            "a model block needs members like 'id = db.Column(db.Integer, primary_key=True)'",
            13..14,
        ),
        (
            "model User <\n  id = 1\n",
            "the block of model 'User' was never closed: end it with '>'",
            11..12,
        ),
        (
            "model User <\n  id 1\n>",
            "expected '=' after the member name",
            18..19,
        ),
        (
            "model User <\n  def foo(self): return 1\n>",
            "only 'def __repr__(self): return …' is supported in a model block",
            19..22,
        ),
        (
            "model User <\n  def __repr__(self): 1\n>",
            "expected 'return' and the repr expression",
            35..36,
        ),
        (
            // `model` opens a block only before a name (a soft keyword).
            "model 1 < x = 1 >",
            "expected an operator or the end of the statement",
            6..7,
        ),
        (
            "model A x = 1",
            "expected '<' to open the model block",
            8..9,
        ),
        ("def f(*): pass", "named arguments must follow bare *", 6..7),
        (
            "def f(**k, a): pass",
            "arguments cannot follow var-keyword argument",
            11..12,
        ),
        (
            "def f(/): pass",
            "at least one argument must precede /",
            6..7,
        ),
        ("def f(a, /, b, /): pass", "/ may appear only once", 15..16),
        ("def f(*a, /): pass", "/ must be ahead of *", 10..11),
        (
            "def f(*a, *b): pass",
            "* argument may appear only once",
            10..11,
        ),
        (
            "def f(*a=1): pass",
            "var-positional argument cannot have default value",
            8..9,
        ),
        (
            "def f(a, *, a): pass",
            "duplicate argument 'a' in function definition",
            12..13,
        ),
        ("x = 1abc", "invalid decimal literal", 4..8),
        (
            "x = 012",
            "leading zeros in decimal integer literals are not permitted; use 0o for octal",
            4..7,
        ),
        ("x = 1j", "complex numbers are not supported", 4..6),
        (
            "x = 'a' b'b'",
            "cannot mix bytes and nonbytes literals",
            8..12,
        ),
        (
            "x = '\\x4'",
            "truncated \\x escape: it needs 2 hex digits",
            5..8,
        ),
        ("x = f'{}'", "f-string: empty expression not allowed", 6..8),
        ("x = f'{x'", "f-string: expecting '}'", 6..7),
        (
            "x = f'}'",
            "f-string: single '}' is not allowed (write '}}' for a literal brace)",
            6..7,
        ),
        (
            "x = f'{x!z}'",
            "f-string: invalid conversion character: expected 'r', 's' or 'a'",
            8..10,
        ),
        ("x = $", "invalid syntax: unexpected character '$'", 4..5),
        (
            "x = 1 \\ 2",
            "unexpected character after line continuation character",
            6..7,
        ),
        ("x = a !b", "invalid syntax: '!' is only used in '!='", 6..7),
        ("x = ¿", "invalid character '¿' (U+00BF)", 4..6),
        ("not", "expected an expression", 3..3),
        ("a + not b", "expected an expression", 4..7),
        (
            "x += 1, y += 2",
            "expected an operator or the end of the statement",
            10..12,
        ),
        (
            "a, b += 1",
            "an augmented assignment needs a single target",
            0..4,
        ),
        ("return 1", "'return' outside function", 0..6),
        ("break", "'break' outside loop", 0..5),
        (
            "def f():\n    continue",
            "'continue' not properly in loop",
            13..21,
        ),
        (
            "else: x",
            "invalid syntax: 'else' must follow an 'if', 'for', 'while' or 'try' block, at the same indentation",
            0..4,
        ),
        (
            "try:\n    x\ny = 1",
            "expected 'except' or 'finally' block",
            11..12,
        ),
        (
            "if x: for y in z: pass",
            "only simple statements can follow ':' on the same line; put a compound statement on its own indented line",
            6..9,
        ),
    ];
    let mut bad = Vec::new();
    for (src, msg, span) in cases {
        match parse_chunk(src) {
            Ok(s) => bad.push(format!(
                "{src:?}: parsed as {}",
                crate::syntax::sexpr::stmts(&s)
            )),
            Err(e) => {
                if e.kind != ErrorKind::SyntaxError
                    || e.message != *msg
                    || e.span.map(|s| s.range()) != Some(span.clone())
                {
                    bad.push(format!(
                        "{src:?}\n   want {msg:?} {span:?}\n    got {:?} {:?} {:?}",
                        e.kind,
                        e.message,
                        e.span.map(|s| s.range())
                    ));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} failures:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
