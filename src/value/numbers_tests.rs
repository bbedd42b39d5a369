//! Number conversions against CPython 3.11: each expected value is what
//! `python3 -c 'print(repr(EXPR))'` prints for the call in the row
//! (`int(text, base)`, `round(x, n)`, `a / b`, `x.as_integer_ratio()`).

use super::*;

fn message(e: Error) -> String {
    format!("{}: {}", e.kind.name(), e.message)
}

#[test]
fn int_of_text_matches_python() {
    let cases: &[(&str, i64, i64)] = &[
        ("12", 10, 12),
        (" -0x1f ", 16, -31),
        ("0x1f", 0, 31),
        ("0o17", 0, 15),
        ("0b101", 0, 5),
        ("1_000", 10, 1000),
        ("0x_1f", 16, 31),
        ("z", 36, 35),
        ("Z", 36, 35),
        ("٣", 10, 3),
        ("\u{2003} 12\u{3000}", 10, 12),
        ("１２", 10, 12),
        ("-9223372036854775808", 10, -9223372036854775808),
        ("9223372036854775807", 10, 9223372036854775807),
        ("0", 0, 0),
        ("00", 0, 0),
        ("0_0", 0, 0),
        ("1_0", 0, 10),
        ("-0", 10, 0),
        ("+5", 10, 5),
        ("12", 3, 5),
    ];
    for (text, base, want) in cases {
        assert_eq!(
            parse_int(text, *base).unwrap(),
            *want,
            "int({text:?}, {base})"
        );
    }
}

#[test]
fn bad_int_text_gives_pythons_errors() {
    let cases: &[(&str, i64, &str)] = &[
        (
            "1__0",
            10,
            "ValueError: invalid literal for int() with base 10: '1__0'",
        ),
        (
            "_1",
            10,
            "ValueError: invalid literal for int() with base 10: '_1'",
        ),
        (
            "1_",
            10,
            "ValueError: invalid literal for int() with base 10: '1_'",
        ),
        (
            "010",
            0,
            "ValueError: invalid literal for int() with base 0: '010'",
        ),
        (
            "0_1",
            0,
            "ValueError: invalid literal for int() with base 0: '0_1'",
        ),
        (
            "0x",
            16,
            "ValueError: invalid literal for int() with base 16: '0x'",
        ),
        (
            "0x__1f",
            16,
            "ValueError: invalid literal for int() with base 16: '0x__1f'",
        ),
        (
            "1.5",
            10,
            "ValueError: invalid literal for int() with base 10: '1.5'",
        ),
        (
            "- 1",
            10,
            "ValueError: invalid literal for int() with base 10: '- 1'",
        ),
        (
            "1 1",
            10,
            "ValueError: invalid literal for int() with base 10: '1 1'",
        ),
        (
            "",
            10,
            "ValueError: invalid literal for int() with base 10: ''",
        ),
        (
            " ",
            10,
            "ValueError: invalid literal for int() with base 10: ' '",
        ),
        (
            "+-1",
            10,
            "ValueError: invalid literal for int() with base 10: '+-1'",
        ),
        (
            "0b2",
            0,
            "ValueError: invalid literal for int() with base 0: '0b2'",
        ),
        (
            "1\u{0}",
            10,
            "ValueError: invalid literal for int() with base 10: '1\\x00'",
        ),
        (
            "1",
            37,
            "ValueError: int() base must be >= 2 and <= 36, or 0",
        ),
        (
            "1",
            1,
            "ValueError: int() base must be >= 2 and <= 36, or 0",
        ),
        (
            "1",
            -1,
            "ValueError: int() base must be >= 2 and <= 36, or 0",
        ),
    ];
    for (text, base, want) in cases {
        assert_eq!(
            message(parse_int(text, *base).unwrap_err()),
            *want,
            "int({text:?}, {base})"
        );
    }
    // CPython cuts the literal's repr at 200 characters.
    let long = message(parse_int(&"x".repeat(300), 10).unwrap_err());
    assert_eq!(
        long,
        format!(
            "ValueError: invalid literal for int() with base 10: '{}",
            "x".repeat(199)
        )
    );
    // The digit cap comes before any other complaint about the text.
    let cap = "ValueError: Exceeds the limit (4300 digits) for integer string conversion: \
               value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit";
    assert_eq!(message(parse_int(&"1".repeat(5000), 10).unwrap_err()), cap);
    assert_eq!(
        message(parse_int(&format!("{}x", "1".repeat(5000)), 10).unwrap_err()),
        cap
    );
    // Powers of two have no cap; the value is then simply beyond 64 bits.
    assert_eq!(
        parse_int(&"1".repeat(5000), 16).unwrap_err().kind,
        ErrorKind::OverflowError
    );
}

/// Where Python gives an int beyond 64 bits, ormsh says so (never
/// "invalid literal", never a wrapped value).
#[test]
fn ints_beyond_64_bits_are_overflow_errors() {
    let too_large = "OverflowError: int() result is too large: integers are 64-bit \
                     (-9223372036854775808 to 9223372036854775807)";
    let nines = "9".repeat(30);
    for text in [
        "9223372036854775808",
        "-9223372036854775809",
        nines.as_str(),
    ] {
        assert_eq!(
            message(parse_int(text, 10).unwrap_err()),
            too_large,
            "{text}"
        );
    }
    assert_eq!(message(float_to_int(1e19).unwrap_err()), too_large);
    assert_eq!(float_to_int(-TWO_63).unwrap(), i64::MIN);
    assert_eq!(
        message(float_to_int(f64::NAN).unwrap_err()),
        "ValueError: cannot convert float NaN to integer"
    );
    assert_eq!(
        message(float_to_int(f64::INFINITY).unwrap_err()),
        "OverflowError: cannot convert float infinity to integer"
    );
    assert_eq!(
        round_to_int(1e300).unwrap_err().kind,
        ErrorKind::OverflowError
    );
    assert_eq!(
        round_int(i64::MAX, -19).unwrap_err().kind,
        ErrorKind::OverflowError
    );
}

#[test]
fn round_float_matches_python() {
    let cases: &[(f64, i64, f64)] = &[
        (1.5, -1000000000, 0.0),
        (1.5, 1000000000, 1.5),
        (-1.5, -1000000000, -0.0),
        (1234.5, -2, 1200.0),
        (1250.0, -2, 1200.0),
        (1350.0, -2, 1400.0),
        (2.675, 2, 2.67),
        (0.125, 2, 0.12),
        (0.375, 2, 0.38),
        (1e+300, -300, 1e+300),
        (5e-324, 323, 0.0),
        (5e-324, 324, 5e-324),
        (1e-310, 310, 1e-310),
        (1e-310, 309, 0.0),
        (-0.04, 1, -0.0),
        (1e+22, -22, 1e+22),
        (5e+22, -23, 0.0),
        (123.456, -1, 120.0),
        (-0.0, 2, -0.0),
        (-0.0, -2, -0.0),
        (0.1, 400, 0.1),
        (0.30000000000000004, 16, 0.3),
        (1.0000000000000002e+16, -1, 1e+16),
        (9007199254740992.0, -1, 9007199254740990.0),
        (2.5, 0, 2.0),
        (0.05, 1, 0.1),
        (0.15, 1, 0.1),
        (0.25, 1, 0.2),
        (0.35, 1, 0.3),
        (9.5, -1, 10.0),
        (95.0, -1, 100.0),
        (1.0, -308, 0.0),
        (5e+307, -308, 1e+308),
        (4.9e+307, -308, 0.0),
    ];
    for (x, n, want) in cases {
        let got = round_float(*x, *n).unwrap();
        assert_eq!(got.to_bits(), want.to_bits(), "round({x:e}, {n}) = {got:e}");
    }
    let errors: &[(f64, i64, &str)] = &[
        (
            1.7976931348623157e+308,
            -308,
            "OverflowError: rounded value too large to represent",
        ),
        (
            1.7976931348623157e+308,
            -307,
            "OverflowError: rounded value too large to represent",
        ),
        (
            1.5e+308,
            -308,
            "OverflowError: rounded value too large to represent",
        ),
    ];
    for (x, n, want) in errors {
        assert_eq!(
            message(round_float(*x, *n).unwrap_err()),
            *want,
            "round({x:e}, {n})"
        );
    }
    assert!(round_float(f64::NAN, 2).unwrap().is_nan());
    assert_eq!(round_float(f64::INFINITY, 2).unwrap(), f64::INFINITY);
}

#[test]
fn round_int_matches_python() {
    let cases: &[(i64, i64, i64)] = &[
        (1234, -2, 1200),
        (1250, -2, 1200),
        (1350, -2, 1400),
        (-1250, -2, -1200),
        (-1350, -2, -1400),
        (1234, 2, 1234),
        (1234, -20, 0),
        (5, -1, 0),
        (15, -1, 20),
        (25, -1, 20),
        (-5, -1, 0),
        (4611686018427387904, -18, 5000000000000000000),
        (-9223372036854775808, -18, -9000000000000000000),
        (9223372036854775807, -18, 9000000000000000000),
    ];
    for (i, n, want) in cases {
        assert_eq!(round_int(*i, *n).unwrap(), *want, "round({i}, {n})");
    }
    let cases: &[(f64, i64)] = &[
        (0.5, 0),
        (-0.5, 0),
        (1.5, 2),
        (2.5, 2),
        (-2.5, -2),
        (9.2e+18, 9200000000000000000),
        (1000000000000000.5, 1000000000000000),
    ];
    for (x, want) in cases {
        assert_eq!(round_to_int(*x).unwrap(), *want, "round({x})");
    }
}

/// Python's int / int is correctly rounded; `a as f64 / b as f64` is not
/// (it differed for a third of random 64-bit pairs).
#[test]
fn int_true_division_matches_python() {
    let cases: &[(i64, i64, f64)] = &[
        (915533473134040693, 1680490732736907042, 0.5448012626900776),
        (5166499419593367711, 6742787359027594307, 0.7662260641626477),
        (6987862831916868175, 1418732859287952241, 4.9254253795348095),
        (
            8035156797252622602,
            -2480724440120465443,
            -3.239036415049158,
        ),
        (
            -6715189222637052449,
            6552755443543573921,
            -1.0247886222052625,
        ),
        (1365478522915135877, 1569340318782520025, 0.8700971399080996),
        (3607544962680919340, 6652588277861219678, 0.5422769021624664),
        (1274808478445842095, 2868675141862995535, 0.4443892791631843),
        (0, -5, -0.0),
        (7, 2, 3.5),
        (4611686018427387905, 3298534883335, 1398101.3333303663),
        (9007199254740993, 1, 9007199254740992.0),
        (1, 3, 0.3333333333333333),
        (-1, 3, -0.3333333333333333),
    ];
    for (a, b, want) in cases {
        let got = int_true_div(*a as i128, *b as i128);
        assert_eq!(got.to_bits(), want.to_bits(), "{a} / {b} = {got:e}");
    }
}

#[test]
fn ratios_match_python() {
    let r = |m, e| Ratio::Scaled { m, e };
    assert_eq!(float_ratio(0.0).unwrap(), Ratio::Zero);
    assert_eq!(float_ratio(0.5).unwrap(), r(1, -1));
    assert_eq!(float_ratio(-3.0).unwrap(), r(-3, 0));
    assert_eq!(float_ratio(-2.5).unwrap(), r(-5, -1));
    assert_eq!(float_ratio(0.1).unwrap(), r(3602879701896397, -55));
    assert_eq!(float_ratio(5e-324).unwrap(), r(1, -1074));
    assert_eq!(float_ratio(1e300).unwrap(), r(1681218273811815, 946));
    assert_eq!(
        message(float_ratio(f64::NAN).unwrap_err()),
        "ValueError: cannot convert NaN to integer ratio"
    );
    assert_eq!(
        message(float_ratio(f64::NEG_INFINITY).unwrap_err()),
        "OverflowError: cannot convert Infinity to integer ratio"
    );
    assert_eq!(divide_nearest(5, 2), 2);
    assert_eq!(divide_nearest(7, 2), 4);
    assert_eq!(divide_nearest(-7, 2), -4);
    assert_eq!(divide_nearest(-5, -2), 2);
}

/// `float(text)` took any underscore (`'1__0'` was 10.0, `'1e_5'` 1e5) and
/// no Unicode digits. python3 -c 'print(repr(float(T)))'
#[test]
fn float_of_text_matches_python() {
    let ok: &[(&str, f64)] = &[
        ("1_000", 1000.0),
        ("1_0.5_5", 10.55),
        ("1e1_0", 1e10),
        (" 1.5 ", 1.5),
        ("\u{2003} 1.5\u{3000}", 1.5),
        ("１.５", 1.5),
        ("-Infinity", f64::NEG_INFINITY),
        ("iNF", f64::INFINITY),
        (".5", 0.5),
        ("5.", 5.0),
        ("1e400", f64::INFINITY),
        ("-1e-400", -0.0),
    ];
    for (text, want) in ok {
        assert_eq!(
            parse_float(text).unwrap().to_bits(),
            want.to_bits(),
            "float({text:?})"
        );
    }
    assert!(parse_float("-nan").unwrap().is_nan());
    for text in [
        "1__0", "_1", "1_", "1._5", "1e_5", "1_e5", "infinit", "nan1", ".", "e5", "1e", "0x10", "",
        " ", "+-1", "1 000", "1\0",
    ] {
        assert_eq!(
            message(parse_float(text).unwrap_err()),
            format!(
                "ValueError: could not convert string to float: {}",
                crate::value::repr::str_repr(text)
            ),
            "float({text:?})"
        );
    }
}
