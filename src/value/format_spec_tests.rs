//! Format specs that ormsh got wrong or panicked on (issue 11): the order of
//! CPython 3.11's checks, `#`/`z`/separators with every type, precisions
//! past 65535, `%5%`, and dates through `format`. Each expected text is what
//! `python3 -c 'print(repr(format(V, SPEC)))'` (or `FMT % ARGS`) prints, or
//! the error it raises.

use chrono::NaiveDate;

use super::*;
use crate::value::repr::tests::TestHost;

fn shown(r: Result<String>) -> String {
    match r {
        Ok(s) => s,
        Err(e) => e.to_string(),
    }
}

#[test]
fn spec_checks_match_python() {
    let i = Value::Int;
    let f = Value::Float;
    let s = |x: &str| Value::str(x);
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            i(5),
            "z",
            "ValueError: Negative zero coercion (z) not allowed in integer format specifier",
        ),
        (
            Value::Bool(true),
            "z",
            "ValueError: Negative zero coercion (z) not allowed in integer format specifier",
        ),
        (
            s("a"),
            "z",
            "ValueError: Negative zero coercion (z) not allowed in string format specifier",
        ),
        (
            i(5),
            "#c",
            "ValueError: Alternate form (#) not allowed with integer format specifier 'c'",
        ),
        (i(5), "z,c", "ValueError: Cannot specify ',' with 'c'."),
        (i(5), ",n", "ValueError: Cannot specify ',' with 'n'."),
        (i(5), "_n", "ValueError: Cannot specify '_' with 'n'."),
        (i(5), "_c", "ValueError: Cannot specify '_' with 'c'."),
        (i(5), "_x", "5"),
        (i(5), ",x", "ValueError: Cannot specify ',' with 'x'."),
        (s("a"), ",", "ValueError: Cannot specify ',' with 's'."),
        (s("a"), "_s", "ValueError: Cannot specify '_' with 's'."),
        (f(1.0), ",n", "ValueError: Cannot specify ',' with 'n'."),
        (f(1.5), "=,s", "ValueError: Cannot specify ',' with 's'."),
        (f(1.0), "_%", "100.000000%"),
        (
            s("a"),
            " ",
            "ValueError: Space not allowed in string format specifier",
        ),
        (
            s("a"),
            "+",
            "ValueError: Sign not allowed in string format specifier",
        ),
        (
            f(1.5),
            "\x01",
            "ValueError: Unknown format code '\\x1' for object of type 'float'",
        ),
        (i(5), ",\x01", "ValueError: Cannot specify ',' with '\\x1'."),
        (
            Value::Bool(true),
            "s",
            "ValueError: Unknown format code 's' for object of type 'bool'",
        ),
        (f(f64::NEG_INFINITY), "z12.2", "        -inf"),
        (f(f64::NEG_INFINITY), "#012_.17", "-00000000inf"),
        (f(f64::INFINITY), "012,", "000000000inf"),
        (f(-0.0), "z.1f", "0.0"),
        (f(1e300), "#", "1.e+300"),
        (f(1.0), "#", "1.0"),
    ];
    for (v, spec, want) in cases {
        let got = shown(format_spec(&v, spec, &mut TestHost));
        assert_eq!(got, want, "format({}, {spec:?})", v.type_name());
    }
}

/// `'%.65536f' % 1.5`, `format(1.5, '.65536f')` and `f'{1.5:.65536f}'`
/// panicked (Rust's formatter stops at 65535); Python gives 65538 chars.
#[test]
fn precision_past_65535_formats() {
    let x = Value::Float(1.5);
    for out in [
        percent_format("%.65536f", &x, &mut TestHost).unwrap(),
        format_spec(&x, ".65536f", &mut TestHost).unwrap(),
    ] {
        assert_eq!(out.len(), 65538);
        assert!(out.starts_with("1.50") && out.ends_with("00"));
    }
    // len('%.70000e' % 1.5) == 70006; len(format(1.5, '.70000%')) == 70005
    assert_eq!(
        percent_format("%.70000e", &x, &mut TestHost).unwrap().len(),
        70006
    );
    assert_eq!(
        format_spec(&x, ".70000%", &mut TestHost).unwrap().len(),
        70005
    );
}

/// A width or precision with more digits than an i64 holds was dropped:
/// `'%.99999999999999999999f' % 1.5` gave `'2'`. Python:
/// `ValueError: precision too big` / `width too big`.
#[test]
fn percent_width_and_precision_past_i64_are_too_big() {
    let x = Value::Float(1.5);
    let cases = [
        ("%.99999999999999999999f", "ValueError: precision too big"),
        ("%99999999999999999999d", "ValueError: width too big"),
        ("%99999999999999999999.1f", "ValueError: width too big"),
    ];
    for (fmt, want) in cases {
        assert_eq!(
            shown(percent_format(fmt, &x, &mut TestHost)),
            want,
            "{fmt:?}"
        );
    }
}

/// `%%` is a literal only with nothing in between.
#[test]
fn percent_percent_with_flags_is_a_conversion() {
    let one = Value::tuple(vec![Value::Int(1)]);
    let none = Value::tuple(vec![]);
    let cases = [
        ("%%", &none, "%"),
        (
            "%5%",
            &none,
            "TypeError: not enough arguments for format string",
        ),
        (
            "%5%",
            &one,
            "ValueError: unsupported format character '%' (0x25) at index 2",
        ),
        (
            "%.0%",
            &one,
            "ValueError: unsupported format character '%' (0x25) at index 3",
        ),
    ];
    for (fmt, args, want) in cases {
        assert_eq!(
            shown(percent_format(fmt, args, &mut TestHost)),
            want,
            "{fmt:?}"
        );
    }
}

/// Dates format through `strftime`: unknown directives and a trailing `%`
/// pass through (they panicked). format(datetime(2024,1,2,3,4,5), '%Y-%Q %')
#[test]
fn dates_format_with_strftime() {
    let d = NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
    let dt = Value::DateTime(d.and_hms_opt(3, 4, 5).unwrap());
    assert_eq!(
        format_spec(&dt, "%Y-%Q %", &mut TestHost).unwrap(),
        "2024-%Q %"
    );
    assert_eq!(
        format_spec(&Value::Date(d), "%z%Z%-", &mut TestHost).unwrap(),
        "%-"
    );
}

/// Zero padding with a separator grew the digits one zero at a time,
/// regrouping each time: `format(1.5, '070000,E')` took minutes (found by
/// the `format` fuzz target). python3 -c 'S = format(1.5, "01000000,E");
/// print(len(S), S[:12], S[-16:])'
#[test]
fn zero_padding_with_separators_is_linear() {
    let s = format_spec(&Value::Float(1.5), "01000000,E", &mut TestHost).unwrap();
    assert_eq!(
        (s.len(), &s[..12], &s[s.len() - 16..]),
        (1000000, "0,000,000,00", "0,001.500000E+00")
    );
    let s = format_spec(&Value::Int(-7), "0100000,d", &mut TestHost).unwrap();
    assert_eq!(
        (s.len(), &s[..12], &s[s.len() - 12..]),
        (100000, "-000,000,000", ",000,000,007")
    );
}

/// Field numbers and index keys in `str.format` are decimal digits only, at
/// most a Py_ssize_t: `'{0[18446744073709551615]}'` wrapped to key -1 and
/// `'{0[+1]}'` looked up 1. python3 -c 'print(repr(FMT.format(ARGS)))'
#[test]
fn str_format_field_numbers_match_python() {
    let list = Value::list(vec![Value::Int(5), Value::Int(6)]);
    let dict = |k: Value| {
        let mut d = crate::value::Dict::default();
        d.insert(k, Value::str("hit")).unwrap();
        Value::Dict(std::rc::Rc::new(std::cell::RefCell::new(d)))
    };
    let cases: Vec<(&str, Value, &str)> = vec![
        ("{0[\u{661}]}", list.clone(), "6"),
        ("{0[01]}", list.clone(), "6"),
        (
            "{0[9223372036854775807]}",
            list.clone(),
            "IndexError: list index out of range",
        ),
        (
            "{0[9223372036854775808]}",
            list,
            "ValueError: Too many decimal digits in format string",
        ),
        (
            "{0[18446744073709551615]}",
            dict(Value::Int(-1)),
            "ValueError: Too many decimal digits in format string",
        ),
        ("{0[+1]}", dict(Value::str("+1")), "hit"),
        ("{0[-1]}", dict(Value::str("-1")), "hit"),
        ("{0[-1]}", dict(Value::Int(-1)), "KeyError: '-1'"),
    ];
    for (fmt, arg, want) in cases {
        assert_eq!(
            shown(str_format(fmt, &[arg], &[], &mut TestHost)),
            want,
            "{fmt:?}"
        );
    }
    let many: Vec<Value> = (0..5).map(Value::Int).collect();
    assert_eq!(
        shown(str_format("{\u{663}}", &many, &[], &mut TestHost)),
        "3"
    );
    assert_eq!(
        shown(str_format(
            "{9223372036854775808}",
            &many,
            &[],
            &mut TestHost
        )),
        "ValueError: Too many decimal digits in format string"
    );
}
