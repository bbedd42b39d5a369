//! Timedeltas against CPython 3.11: each expected text is what
//! `python3 -c 'from datetime import timedelta as D; print(repr(EXPR))'`
//! prints, or the error it raises (`Kind: message`).

use super::*;

fn shown(r: Result<TimeDelta>) -> String {
    match r {
        Ok(td) => timedelta_repr(&td),
        Err(e) => format!("{}: {}", e.kind.name(), e.message),
    }
}

/// `timedelta(days, seconds, microseconds, milliseconds, minutes, hours,
/// weeks)` with ints (`I`), floats (`F`) or nothing (`N`) in each place.
#[test]
fn construction_matches_python() {
    let i = |n: i64| Some(Component::Int(n));
    let f = |x: f64| Some(Component::Float(x));
    const N: Option<Component> = None;
    let cases: Vec<([Option<Component>; 7], &str)> = vec![
        (
            [i(999999999), N, N, N, N, N, N],
            "datetime.timedelta(days=999999999)",
        ),
        (
            [i(-999999999), N, N, N, N, N, N],
            "datetime.timedelta(days=-999999999)",
        ),
        (
            [i(-999999999), N, i(-1), N, N, N, N],
            "OverflowError: days=-1000000000; must have magnitude <= 999999999",
        ),
        (
            [i(2147483648), N, N, N, N, N, N],
            "OverflowError: Python int too large to convert to C int",
        ),
        (
            [i(2147483647), N, N, N, N, N, N],
            "OverflowError: days=2147483647; must have magnitude <= 999999999",
        ),
        (
            [i(3000000000), N, N, N, N, N, N],
            "OverflowError: Python int too large to convert to C int",
        ),
        (
            [N, N, N, N, N, N, i(4611686018427387904)],
            "OverflowError: Python int too large to convert to C int",
        ),
        (
            [i(9223372036854775807), N, N, N, N, N, N],
            "OverflowError: Python int too large to convert to C int",
        ),
        (
            [N, N, N, N, N, N, i(-9223372036854775808)],
            "OverflowError: Python int too large to convert to C int",
        ),
        (
            [N, f(1e+300), N, N, N, N, N],
            "OverflowError: Python int too large to convert to C int",
        ),
        (
            [f(1000000000.0), N, N, N, N, N, N],
            "OverflowError: days=1000000000; must have magnitude <= 999999999",
        ),
        ([N, N, f(0.5), N, N, N, N], "datetime.timedelta(0)"),
        (
            [N, N, f(1.5), N, N, N, N],
            "datetime.timedelta(microseconds=2)",
        ),
        (
            [N, N, f(2.5), N, N, N, N],
            "datetime.timedelta(microseconds=2)",
        ),
        ([N, N, f(-0.5), N, N, N, N], "datetime.timedelta(0)"),
        (
            [N, N, f(-1.5), N, N, N, N],
            "datetime.timedelta(days=-1, seconds=86399, microseconds=999998)",
        ),
        (
            [N, f(0.1234565), N, N, N, N, N],
            "datetime.timedelta(microseconds=123456)",
        ),
        (
            [f(0.1), f(0.3), f(0.7), N, N, N, N],
            "datetime.timedelta(seconds=8640, microseconds=300001)",
        ),
        ([f(1.5), N, N, N, N, i(-36), N], "datetime.timedelta(0)"),
        (
            [N, N, N, f(1.0000005), N, N, N],
            "datetime.timedelta(microseconds=1000)",
        ),
        ([N, f(1e-07), N, N, N, N, N], "datetime.timedelta(0)"),
        (
            [i(999999999), N, N, N, N, i(24), N],
            "OverflowError: days=1000000000; must have magnitude <= 999999999",
        ),
        (
            [i(999999999), f(86399.9999999), N, N, N, N, N],
            "OverflowError: days=1000000000; must have magnitude <= 999999999",
        ),
        (
            [i(999999999), f(86399.9999995), N, N, N, N, N],
            "datetime.timedelta(days=999999999, seconds=86399, microseconds=999999)",
        ),
        (
            [N, N, N, f(0.1), f(0.1), f(0.1), f(0.1)],
            "datetime.timedelta(seconds=60846, microseconds=100)",
        ),
        (
            [N, f(1.0000005), f(3.5), N, N, N, N],
            "datetime.timedelta(seconds=1, microseconds=4)",
        ),
        (
            [i(1), i(2), i(3), i(4), i(5), i(6), i(7)],
            "datetime.timedelta(days=50, seconds=21902, microseconds=4003)",
        ),
        (
            [f(f64::NAN), N, N, N, N, N, N],
            "ValueError: cannot convert float NaN to integer",
        ),
        (
            [f(f64::INFINITY), N, N, N, N, N, N],
            "OverflowError: cannot convert float infinity to integer",
        ),
        (
            [f(f64::NEG_INFINITY), N, N, N, N, N, N],
            "OverflowError: cannot convert float infinity to integer",
        ),
        (
            [f(f64::NAN), N, N, N, N, f(1e+20), N],
            "ValueError: cannot convert float NaN to integer",
        ),
        (
            [N, N, N, N, N, f(-1e+20), f(f64::INFINITY)],
            "OverflowError: cannot convert float infinity to integer",
        ),
    ];
    for (parts, want) in cases {
        assert_eq!(shown(td_new(parts)), want, "timedelta{parts:?}");
    }
}

/// `timedelta(microseconds=US) OP X`.
#[test]
fn arithmetic_matches_python() {
    let cases: &[(&str, i128, f64, &str)] = &[
        (
            "mul_int",
            86399999913600000000,
            2.0,
            "OverflowError: days=1999999998; must have magnitude <= 999999999",
        ),
        (
            "mul_int",
            86399999913600000000,
            -1.0,
            "datetime.timedelta(days=-999999999)",
        ),
        (
            "mul_int",
            -7,
            3.0,
            "datetime.timedelta(days=-1, seconds=86399, microseconds=999979)",
        ),
        (
            "mul_float",
            86400000000,
            0.5,
            "datetime.timedelta(seconds=43200)",
        ),
        ("mul_float", 3, 0.5, "datetime.timedelta(microseconds=2)"),
        ("mul_float", 5, 0.5, "datetime.timedelta(microseconds=2)"),
        (
            "mul_float",
            86399999913600000000,
            1.0,
            "datetime.timedelta(days=999999999)",
        ),
        (
            "mul_float",
            86399999913600000000,
            1.0000001,
            "OverflowError: days=1000000098; must have magnitude <= 999999999",
        ),
        (
            "mul_float",
            86400000000,
            f64::NAN,
            "ValueError: cannot convert NaN to integer ratio",
        ),
        (
            "mul_float",
            86400000000,
            f64::INFINITY,
            "OverflowError: cannot convert Infinity to integer ratio",
        ),
        (
            "mul_float",
            86400000000,
            1e+300,
            "OverflowError: Python int too large to convert to C int",
        ),
        ("mul_float", 86400000000, 1e-300, "datetime.timedelta(0)"),
        (
            "mul_float",
            -7,
            0.1,
            "datetime.timedelta(days=-1, seconds=86399, microseconds=999999)",
        ),
        (
            "mul_float",
            259200000000,
            -0.7,
            "datetime.timedelta(days=-3, seconds=77760)",
        ),
        (
            "mul_float",
            1,
            1e+20,
            "OverflowError: days=1157407407; must have magnitude <= 999999999",
        ),
        ("mul_float", 86400000000, 5e-324, "datetime.timedelta(0)"),
        (
            "mul_float",
            0,
            f64::NAN,
            "ValueError: cannot convert NaN to integer ratio",
        ),
        (
            "div_float",
            86400000000,
            0.0,
            "ZeroDivisionError: integer division or modulo by zero",
        ),
        (
            "div_float",
            86400000000,
            f64::NAN,
            "ValueError: cannot convert NaN to integer ratio",
        ),
        (
            "div_float",
            86400000000,
            f64::INFINITY,
            "OverflowError: cannot convert Infinity to integer ratio",
        ),
        (
            "div_float",
            86400000000,
            1e-300,
            "OverflowError: Python int too large to convert to C int",
        ),
        ("div_float", 86400000000, 1e+300, "datetime.timedelta(0)"),
        (
            "div_float",
            1000000,
            -0.3,
            "datetime.timedelta(days=-1, seconds=86396, microseconds=666667)",
        ),
        (
            "div_float",
            432000000000,
            7.5,
            "datetime.timedelta(seconds=57600)",
        ),
        (
            "div_float",
            1,
            1e-20,
            "OverflowError: days=1157407407; must have magnitude <= 999999999",
        ),
        (
            "div_float",
            86400000000,
            5e-324,
            "OverflowError: Python int too large to convert to C int",
        ),
        (
            "div_float",
            0,
            0.0,
            "ZeroDivisionError: integer division or modulo by zero",
        ),
        (
            "div_int",
            86400000000,
            3.0,
            "datetime.timedelta(seconds=28800)",
        ),
        ("div_int", 5, 2.0, "datetime.timedelta(microseconds=2)"),
        ("div_int", 7, 2.0, "datetime.timedelta(microseconds=4)"),
        ("div_int", -1, 3.0, "datetime.timedelta(0)"),
        (
            "div_int",
            86400000000,
            0.0,
            "ZeroDivisionError: integer division or modulo by zero",
        ),
        (
            "floordiv_int",
            86400000000,
            7.0,
            "datetime.timedelta(seconds=12342, microseconds=857142)",
        ),
        (
            "floordiv_int",
            604800000000,
            -2.0,
            "datetime.timedelta(days=-4, seconds=43200)",
        ),
        (
            "floordiv_int",
            -7,
            2.0,
            "datetime.timedelta(days=-1, seconds=86399, microseconds=999996)",
        ),
        (
            "floordiv_int",
            86400000000,
            0.0,
            "ZeroDivisionError: integer division or modulo by zero",
        ),
    ];
    for (op, us, x, want) in cases {
        let td = td_from_micros(*us).unwrap();
        let got = match *op {
            "mul_int" => td_mul_int(&td, *x as i64),
            "mul_float" => td_mul_float(&td, *x),
            "div_float" => td_div_float(&td, *x),
            "div_int" => td_div_int(&td, *x as i64),
            _ => td_floordiv_int(&td, *x as i64),
        };
        assert_eq!(
            shown(got),
            *want,
            "{op}(timedelta(microseconds={us}), {x:e})"
        );
    }
}

/// Integer multipliers beyond f64's exact range take the exact path.
#[test]
fn big_int_factors_are_exact() {
    let td = td_from_micros(86_400_000_000).unwrap();
    assert_eq!(
        shown(td_mul_int(&td, 4_611_686_018_427_387_904)),
        "OverflowError: Python int too large to convert to C int"
    );
    assert_eq!(
        shown(td_mul_int(&td, i64::MAX)),
        "OverflowError: Python int too large to convert to C int"
    );
    let big = td_from_micros(86_399_999_913_600_000_000).unwrap();
    assert_eq!(
        shown(td_div_int(&big, 1 << 60)),
        "datetime.timedelta(microseconds=75)"
    );
}

#[test]
fn total_seconds_matches_python() {
    let cases: &[(i128, f64)] = &[
        (86399999913600000000, 86399999913600.0),
        (-86399999913599999999, -86399999913600.0),
        (1, 1e-06),
        (86399999999999999999, 86400000000000.0),
        (-1, -1e-06),
        (1100000, 1.1),
    ];
    for (us, want) in cases {
        let got = total_seconds(&td_from_micros(*us).unwrap());
        assert_eq!(got.to_bits(), want.to_bits(), "{us} us: {got:e}");
    }
}

// python3 -c 'import datetime as d; print(repr(d.timedelta(seconds=-1)), str(d.timedelta(seconds=-1)))'
#[test]
fn repr_and_str_match_python() {
    let cases: &[(i128, &str, &str)] = &[
        (0, "datetime.timedelta(0)", "0:00:00"),
        (
            90_000_000_000,
            "datetime.timedelta(days=1, seconds=3600)",
            "1 day, 1:00:00",
        ),
        (
            -1_000_000,
            "datetime.timedelta(days=-1, seconds=86399)",
            "-1 day, 23:59:59",
        ),
        (5, "datetime.timedelta(microseconds=5)", "0:00:00.000005"),
        (
            2 * 86_400_000_000 + 61_000_000,
            "datetime.timedelta(days=2, seconds=61)",
            "2 days, 0:01:01",
        ),
        (
            -2 * 86_400_000_000,
            "datetime.timedelta(days=-2)",
            "-2 days, 0:00:00",
        ),
        (
            -999_999_999 * 86_400_000_000,
            "datetime.timedelta(days=-999999999)",
            "-999999999 days, 0:00:00",
        ),
        (
            1_000_000_000 * 86_400_000_000 - 1,
            "datetime.timedelta(days=999999999, seconds=86399, microseconds=999999)",
            "999999999 days, 23:59:59.999999",
        ),
    ];
    for (us, r, s) in cases {
        let td = td_from_micros(*us).unwrap();
        assert_eq!(td_micros(&td), *us);
        assert_eq!(timedelta_repr(&td), *r);
        assert_eq!(timedelta_str(&td), *s);
    }
    assert_eq!(floor_div_i128(7, -2), -4);
    assert_eq!(floor_div_i128(-7, 2), -4);
    assert_eq!(floor_div_i128(-8, 2), -4);
}
