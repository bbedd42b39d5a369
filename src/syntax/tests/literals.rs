//! Numbers, strings, escapes, bytes and f-strings.

use crate::error::ErrorKind;
use crate::syntax::ast::{ExprKind, FPart, StmtKind};
use crate::syntax::parse_chunk;

use super::table;

#[test]
fn numbers() {
    table(&[
        ("42", "42"),
        ("1_000", "1000"),
        ("3.14", "3.14"),
        ("1e-3", "0.001"),
        ("1E3", "1000.0"),
        (".5", "0.5"),
        ("5.", "5.0"),
        ("0x1F", "31"),
        ("0o17", "15"),
        ("0b101", "5"),
        ("0", "0"),
        ("00", "0"),
        ("-7", "-7"),
        ("-1.5", "-1.5"),
        ("9223372036854775807", "9223372036854775807"),
        ("-9223372036854775808", "-9223372036854775808"),
        ("x-1", "(- x 1)"),
        ("-(5)", "(neg 5)"),
    ]);
}

#[test]
fn integer_overflow_is_an_overflow_error_with_its_span() {
    for (src, span) in [
        ("9223372036854775808", 0..19),
        ("x = 99999999999999999999999", 4..27),
        ("-9223372036854775809", 0..20),
        ("0xFFFFFFFFFFFFFFFFFF", 0..20),
    ] {
        let e = parse_chunk(src).expect_err(src);
        assert_eq!(e.kind, ErrorKind::OverflowError, "{src}");
        assert_eq!(e.span.map(|s| s.range()), Some(span), "{src}");
    }
}

#[test]
fn strings_and_escapes() {
    table(&[
        (r#"'abc'"#, r#""abc""#),
        (r#""it's""#, r#""it's""#),
        (r"'it\'s'", r#""it's""#),
        (r"'a\nb\tc'", r#""a\nb\tc""#),
        (r"'\\'", r#""\\""#),
        (r#"'\"'"#, r#""\"""#),
        (r"'\x41\u00e9\U0001F600'", "\"Aé😀\""),
        (r"'\0'", r#""\0""#),
        (r"'\101\7'", "\"A\\u{7}\""),
        (r"'\q\d'", r#""\\q\\d""#),
        (r"r'\n\d'", r#""\\n\\d""#),
        (r"R'\''", r#""\\'""#),
        ("'a' 'b' \"c\"", r#""abc""#),
        ("'''multi\nline'''", r#""multi\nline""#),
        (r#""""a "quoted" word""""#, r#""a \"quoted\" word""#),
        ("u'x'", r#""x""#),
        ("'a\\\nb'", r#""ab""#),
        ("b'ab\\x00'", r#"b"ab\0""#),
        ("b'a' b'b'", r#"b"ab""#),
        ("rb'\\n'", r#"b"\\n""#),
        ("'é' + 'ü'", "(+ \"é\" \"ü\")"),
    ]);
}

#[test]
fn fstrings() {
    table(&[
        ("f'{x}'", "(f {x})"),
        (
            "f'<Role {self.name}>'",
            r#"(f "<Role " {(. self name)} ">")"#,
        ),
        ("f'{x!r}'", "(f {x !r})"),
        ("f'{x!s:>10}'", "(f {x !s :>10})"),
        ("f'{x:.2f}'", "(f {x :.2f})"),
        ("f'{x=}'", r#"(f {x ="x=" !r})"#),
        ("f'{x = :>4}'", r#"(f {x ="x = " :>4})"#),
        ("f'{{literal}}'", r#"(f "{literal}")"#),
        ("f'a' 'b' f'{c}'", r#"(f "ab" {c})"#),
        ("'a' f'{b}' 'c'", r#"(f "a" {b} "c")"#),
        ("F'{a + b * 2}'", "(f {(+ a (* b 2))})"),
        ("f'{a == b}'", "(f {(cmp a == b)})"),
        ("f'{a != b!r}'", "(f {(cmp a != b) !r})"),
        ("f'{d[\"k\"]}'", r#"(f {([] d "k")})"#),
        ("f'{ {1: 2}[1] }'", "(f {([] {1: 2} 1)})"),
        ("f'\\n{x}'", r#"(f "\n" {x})"#),
        ("rf'\\n{x}'", r#"(f "\\n" {x})"#),
        (
            "f'{x:{{}}'",
            "ERROR f-string: expecting '}' at Some(Span { start: 2, end: 3 })",
        ),
        ("f'{x:>{w}.2f}'", "(f {x :>{w}.2f})"),
        (
            "f'{x:{w:{w}}}'",
            "ERROR f-string: expressions nested too deeply at Some(Span { start: 8, end: 9 })",
        ),
    ]);
}

#[test]
fn fstring_inner_spans_point_into_the_chunk() {
    let src = "print(f'id={user.id:>4} name={user.name!r}')";
    let stmts = parse_chunk(src).unwrap();
    let StmtKind::Expr(call) = &stmts[0].kind else {
        panic!()
    };
    let ExprKind::Call { args, .. } = &call.kind else {
        panic!()
    };
    let crate::syntax::ast::Arg::Pos(f) = &args[0] else {
        panic!()
    };
    let ExprKind::FString(parts) = &f.kind else {
        panic!()
    };
    let spans: Vec<&str> = parts
        .iter()
        .filter_map(|p| match p {
            FPart::Expr { expr, .. } => Some(&src[expr.span.range()]),
            FPart::Lit(_) => None,
        })
        .collect();
    assert_eq!(spans, ["user.id", "user.name"]);
    assert_eq!(
        &src[f.span.range()],
        "f'id={user.id:>4} name={user.name!r}'"
    );
    // An error inside a field points into the chunk too.
    let e = parse_chunk("x = f'{a +}'").unwrap_err();
    assert_eq!(e.message, "expected an expression");
    assert_eq!(e.span.map(|s| s.range()), Some(10..10));
}
