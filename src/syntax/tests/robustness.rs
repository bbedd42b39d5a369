//! No input may panic or overflow the stack: deep nesting, huge lines,
//! random strings, mutations of valid statements, arbitrary prefixes.

use proptest::prelude::*;

use crate::syntax::{MAX_DEPTH, completeness, parse_chunk, work};

fn deep_error(src: &str) {
    let e = parse_chunk(src).expect_err("too deep must fail");
    assert!(e.message.starts_with("too deeply nested"), "{}", e.message);
}

#[test]
fn deep_nesting_is_a_clean_error() {
    let open = parse_chunk(&"(".repeat(10_000)).unwrap_err();
    assert_eq!(open.message, "'(' was never closed");
    deep_error(&format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000)));
    deep_error(&format!("{}1", "-".repeat(100_000)));
    deep_error(&format!("{}x", "not ".repeat(100_000)));
    deep_error(&format!("{}1", "~".repeat(100_000)));
    deep_error(&format!("x{}", "[0]".repeat(100_000)));
    deep_error(&format!("f{}", "()".repeat(100_000)));
    deep_error(&format!("x{}", ".a".repeat(100_000)));
    deep_error(&format!("1{}", "+1".repeat(100_000)));
    deep_error(&format!("1{}", "**1".repeat(100_000)));
    deep_error(&format!("a{}", " or a".repeat(100_000)));
    deep_error(&format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000)));
    deep_error(&format!("{}1", "lambda: ".repeat(10_000)));
    let n = 10_000;
    deep_error(&format!("{}x{}", "[*".repeat(n), "]".repeat(n)));
    deep_error(&format!("x = {}y{}", "*(".repeat(n), ")".repeat(n)));
    deep_error(&format!(
        "for {}a{} in x: pass",
        "(".repeat(n),
        ")".repeat(n)
    ));
    deep_error(&format!(
        "for {}a{} in x: pass",
        "*[".repeat(n),
        "]".repeat(n)
    ));
    deep_error(&format!("{}1{}", "{".repeat(n), "}".repeat(n)));
    deep_error(&format!("{}1", "x := ".repeat(10_000)));
    deep_error(&format!("f'{{{}1{}}}'", "(".repeat(5000), ")".repeat(5000)));
    let ok = format!(
        "{}1{}",
        "(".repeat(MAX_DEPTH - 2),
        ")".repeat(MAX_DEPTH - 2)
    );
    parse_chunk(&ok).expect("nesting below the limit parses");
    assert_eq!(
        completeness(&"(".repeat(100_000)),
        crate::syntax::Completeness::Incomplete
    );
}

/// The steps (`syntax::work`) that lexing, parsing and the completeness
/// check of `make(n)` take.
fn steps(make: &dyn Fn(usize) -> String, n: usize, parses: bool) -> (u64, String) {
    let src = make(n);
    work::take();
    assert_eq!(parse_chunk(&src).is_ok(), parses, "{}", &src[..40]);
    completeness(&src);
    (work::take(), src)
}

/// Lines of a megabyte and more parse, fail and are checked for
/// completeness in work linear in their length: ten times the input takes
/// at most twelve times the steps (counted, not timed, so no load on the
/// machine can fail it; a quadratic scan would take ~100 times).
#[test]
fn a_one_megabyte_line_takes_linear_work() {
    type Make = dyn Fn(usize) -> String;
    let cases: [(&str, &Make, usize, bool); 4] = [
        (
            "big list",
            &|n| format!("x = [{}]", "1, ".repeat(n)),
            35_000,
            true,
        ),
        (
            "big concatenation",
            &|n| format!("x = {}", "'ab' ".repeat(n)),
            25_000,
            true,
        ),
        (
            "junk",
            &|n| format!("x = {}", "a b ".repeat(n)),
            25_000,
            false,
        ),
        (
            "unterminated",
            &|n| format!("x = '{}", "z".repeat(n)),
            100_000,
            false,
        ),
    ];
    for (what, make, n, parses) in cases {
        let (small, _) = steps(make, n, parses);
        let (big, src) = steps(make, 10 * n, parses);
        assert!(src.len() > 1_000_000, "{what}: {} bytes", src.len());
        assert!(
            small > n as u64 && big <= 12 * small,
            "{what}: {small} steps at {n}, {big} at {}",
            10 * n
        );
    }
}

const VALID: &[&str] = &[
    "model User <\n  id = db.Column(db.Integer, primary_key=True)\n  def __repr__(self):\n    return f'<User {self.id!r:>4}>'\n>",
    "User.query.filter_by(username='admin').first()",
    "for a, b in zip(xs, ys): print(a, b); s += a ** -b",
    "x = [e for x in xs if x not in ys] if c else {'k': (1,), 2: b'\\x00'}",
    "a, b = lambda q: q[1:2:3], 0x1F + 1_000 - .5e-3 // 2 % 3 | 4 & ~5 ^ 6",
    "print(r'\\n' 'a' \"b\" '''c''' f\"{x=}\"); x is not None and y or not z",
];

/// Cut `s` at char boundaries only.
fn char_prefix(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn run(src: &str) {
    let _ = parse_chunk(src);
    let _ = completeness(src);
}

#[test]
fn every_prefix_and_suffix_of_valid_statements() {
    for v in VALID {
        for (k, _) in v.char_indices() {
            run(&v[..k]);
            run(&v[k..]);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    #[test]
    fn random_strings_never_panic(s in "\\PC{0,60}") {
        run(&s);
    }

    #[test]
    fn random_token_soup_never_panics(
        parts in proptest::collection::vec(
            prop::sample::select(vec![
                "model", "U", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ":", ";",
                "\n", "def", "__repr__", "self", "return", "for", "in", "if", "else", "not",
                "is", "lambda", "'s'", "f'{x}'", "f'{", "}'", "1", "-", "**", "*", ".", "x",
                "\\", "#", "'''", "b'", "0x", "1e", "!", "=="," ",
            ]),
            0..30,
        )
    ) {
        run(&parts.concat());
    }

    #[test]
    fn mutations_of_valid_statements_never_panic(
        which in 0..VALID.len(),
        at in 0usize..200,
        cut in 0usize..200,
        insert in "\\PC{0,4}",
    ) {
        let v = VALID[which];
        let a = char_prefix(v, at);
        let rest = &v[a.len()..];
        let b = char_prefix(rest, cut);
        run(&format!("{a}{insert}{}", &rest[b.len()..]));
        run(a);
    }
}
