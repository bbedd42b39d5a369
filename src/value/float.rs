//! Floats as CPython writes them: `repr()` with the shortest round-trip
//! digits, and the fixed / exponent / general renderings that `%`-format and
//! the format-spec mini-language share. Every function here formats the
//! absolute value; callers add the sign (so padding can go between the sign
//! and the digits), except `float_repr`, which is the whole `repr()`.

/// `repr(f)`: shortest digits that round-trip, fixed notation when the
/// decimal exponent is in `-4..16`, else `1e+20` / `1.5e-07`.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    format!("{sign}{}", repr_abs(f.abs(), 16, true))
}

/// The shortest round-trip digits of a finite `x > 0` and the decimal
/// exponent of the first one: `0.3` → `("3", -1)`, `1e20` → `("1", 20)`.
pub fn shortest_digits(x: f64) -> (String, i32) {
    split_exp(&format!("{x:e}"))
}

/// Split Rust's `d.ddde-x` into (digits without the point, exponent).
fn split_exp(s: &str) -> (String, i32) {
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    (digits, exp.parse().unwrap_or(0))
}

/// `abs` as repr does, with the exponent switch at `exp >= limit` (16 for
/// repr); `dot0` adds `.0` to integral fixed results.
fn repr_abs(x: f64, limit: i32, dot0: bool) -> String {
    if x.is_infinite() {
        return "inf".into();
    }
    if x == 0.0 {
        return if dot0 { "0.0".into() } else { "0".into() };
    }
    let (digits, exp) = shortest_digits(x);
    place_digits(&digits, exp, limit, dot0)
}

/// Lay out significant `digits` with decimal exponent `exp` the way repr and
/// `g` do: fixed when `-4 <= exp < limit`, else `d.ddde±XX`.
fn place_digits(digits: &str, exp: i32, limit: i32, dot0: bool) -> String {
    let n = digits.len() as i32;
    if (-4..limit).contains(&exp) {
        if exp < 0 {
            format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
        } else if n <= exp + 1 {
            let zeros = "0".repeat((exp + 1 - n) as usize);
            if dot0 {
                format!("{digits}{zeros}.0")
            } else {
                format!("{digits}{zeros}")
            }
        } else {
            let (a, b) = digits.split_at((exp + 1) as usize);
            format!("{a}.{b}")
        }
    } else {
        let (a, b) = digits.split_at(1);
        let mant = if b.is_empty() {
            a.to_string()
        } else {
            format!("{a}.{b}")
        };
        format!("{mant}{}", exp_suffix(exp, false))
    }
}

/// `e+20`, `e-07`: sign always, at least two digits.
fn exp_suffix(exp: i32, upper: bool) -> String {
    let e = if upper { 'E' } else { 'e' };
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{e}{sign}{:02}", exp.unsigned_abs())
}

/// Does `x` print with a minus sign? (`-0.0` does; NaN never does.)
pub fn is_negative(x: f64) -> bool {
    x.is_sign_negative() && !x.is_nan()
}

/// `inf` / `nan` in the case asked for.
fn non_finite(x: f64, upper: bool) -> Option<String> {
    let s = if x.is_nan() {
        "nan"
    } else if x.is_infinite() {
        "inf"
    } else {
        return None;
    };
    Some(if upper { s.to_uppercase() } else { s.into() })
}

/// The exact decimal value of an f64 never has more than 1074 digits after
/// the point nor more than 767 significant digits: asked for more, every
/// further digit is a zero. (Rust's formatter also refuses a precision over
/// 65535, which Python allows.)
const EXACT_FRACTION_DIGITS: usize = 1074;
const EXACT_SIGNIFICANT_DIGITS: usize = 767;

/// `format!("{:.prec$}", x)` for any `prec`, rounded half to even as C does.
fn fixed_digits(x: f64, prec: usize) -> String {
    let exact = prec.min(EXACT_FRACTION_DIGITS);
    let mut s = format!("{x:.exact$}");
    s.extend(std::iter::repeat_n('0', prec - exact));
    s
}

/// `format!("{:.prec$e}", x)` (`1.50e3`) for any `prec`.
fn exp_digits(x: f64, prec: usize) -> String {
    let exact = prec.min(EXACT_SIGNIFICANT_DIGITS);
    let s = format!("{x:.exact$e}");
    if prec == exact {
        return s;
    }
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let zeros = "0".repeat(prec - exact);
    format!("{mant}{zeros}e{exp}")
}

/// `%.{prec}f` of `|x|`; `alt` (`#`) keeps the point when `prec == 0`.
pub fn fixed(x: f64, prec: usize, upper: bool, alt: bool) -> String {
    if let Some(s) = non_finite(x, upper) {
        return s;
    }
    let mut s = fixed_digits(x.abs(), prec);
    if alt && prec == 0 {
        s.push('.');
    }
    s
}

/// `%.{prec}e` of `|x|`.
pub fn exponent(x: f64, prec: usize, upper: bool, alt: bool) -> String {
    if let Some(s) = non_finite(x, upper) {
        return s;
    }
    let s = exp_digits(x.abs(), prec);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let dot = if alt && prec == 0 { "." } else { "" };
    format!("{mant}{dot}{}", exp_suffix(exp.parse().unwrap_or(0), upper))
}

/// `%.{prec}g` of `|x|`: `prec` significant digits, exponent form when the
/// exponent is < -4 or >= prec, trailing zeros dropped unless `alt`.
pub fn general(x: f64, prec: usize, upper: bool, alt: bool) -> String {
    general_with(x, prec, upper, alt, false)
}

/// The format spec with no type letter: `repr()` when no precision is given,
/// else like `g` but keeping one digit after the point and switching to the
/// exponent form when exp >= prec - 1, as CPython does.
pub fn no_type(x: f64, prec: Option<usize>, upper: bool, alt: bool) -> String {
    match prec {
        None => {
            if let Some(s) = non_finite(x, upper) {
                return s;
            }
            let s = repr_abs(x.abs(), 16, true);
            // `#` keeps a point in the exponent form too: `1.e+300`.
            match s.split_once('e') {
                Some((mant, exp)) if alt && !mant.contains('.') => format!("{mant}.e{exp}"),
                _ => s,
            }
        }
        Some(p) => general_with(x, p, upper, alt, true),
    }
}

fn general_with(x: f64, prec: usize, upper: bool, alt: bool, dot0: bool) -> String {
    if let Some(s) = non_finite(x, upper) {
        return s;
    }
    // Without `#` trailing zeros are dropped, and digits past an f64's
    // exact ones are all zeros: more precision changes nothing (and
    // `format(-2.5, '.91000000')` took seconds padding then trimming).
    let p = if alt {
        prec.max(1)
    } else {
        prec.clamp(1, EXACT_SIGNIFICANT_DIGITS + 1)
    };
    let x = x.abs();
    // Round to p significant digits first; the exponent after rounding
    // decides the layout.
    let (digits, exp) = if x == 0.0 {
        ("0".repeat(p), 0)
    } else {
        split_exp(&exp_digits(x, p - 1))
    };
    let p = p as i32;
    // With no type letter CPython switches to the exponent one place early.
    let limit = if dot0 { p - 1 } else { p };
    let mut s = if (-4..limit).contains(&exp) {
        // fixed with p - 1 - exp decimals
        let decimals = (p - 1 - exp) as usize;
        let mut all = digits.clone();
        if exp < 0 {
            all = format!("{}{all}", "0".repeat((-exp) as usize));
        }
        let int_len = all.len() - decimals;
        let (a, b) = all.split_at(int_len);
        let mut s = a.to_string();
        let b = if alt {
            b.to_string()
        } else {
            b.trim_end_matches('0').to_string()
        };
        if !b.is_empty() {
            s.push('.');
            s.push_str(&b);
        } else if alt {
            s.push('.');
        } else if dot0 {
            s.push_str(".0");
        }
        s
    } else {
        let (a, b) = digits.split_at(1);
        let b = if alt { b } else { b.trim_end_matches('0') };
        let mut s = a.to_string();
        if !b.is_empty() || alt {
            s.push('.');
            s.push_str(b);
        }
        s.push_str(&exp_suffix(exp, upper));
        s
    };
    if upper {
        s = s.to_uppercase();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected strings checked against CPython 3.11:
    // python3 -c 'print(repr(X))' for each X.
    #[test]
    #[allow(clippy::approx_constant)]
    fn repr_matches_python() {
        let cases: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e20, "1e+20"),
            (1.5e-7, "1.5e-07"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (123456789012345.0, "123456789012345.0"),
            (1234567890123456.0, "1234567890123456.0"),
            (12345678901234567.0, "1.2345678901234568e+16"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (0.00012345, "0.00012345"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (-2.5, "-2.5"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (f64::MAX, "1.7976931348623157e+308"),
            (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
            (5e-324, "5e-324"),
            (1.0 / 3.0, "0.3333333333333333"),
            (2.0 / 3.0, "0.6666666666666666"),
            (100.0, "100.0"),
            (1e-4 * 3.0, "0.00030000000000000003"),
            (3.14, "3.14"),
        ];
        for (x, want) in cases {
            assert_eq!(float_repr(*x), *want, "repr({x:e})");
        }
    }

    #[test]
    fn fixed_exp_general_match_python() {
        // '%.2f' % 2.675 == '2.67', '%.0f' % 2.5 == '2', '%.3e' % 12345.678
        // == '1.235e+04', '%g' % 1e-5 == '1e-05', '%g' % 123456789 ==
        // '1.23457e+08', '%#g' % 1.0 == '1.00000', '%.3g' % 0.0001234 ==
        // '0.000123', '%g' % 100000.0 == '100000', '%g' % 1e6 == '1e+06'
        assert_eq!(fixed(2.675, 2, false, false), "2.67");
        assert_eq!(fixed(2.5, 0, false, false), "2");
        assert_eq!(fixed(2.5, 0, false, true), "2.");
        assert_eq!(exponent(12345.678, 3, false, false), "1.235e+04");
        assert_eq!(exponent(12345.678, 3, true, false), "1.235E+04");
        assert_eq!(general(1e-5, 6, false, false), "1e-05");
        assert_eq!(general(123456789.0, 6, false, false), "1.23457e+08");
        assert_eq!(general(1.0, 6, false, true), "1.00000");
        assert_eq!(general(0.0001234, 3, false, false), "0.000123");
        assert_eq!(general(100000.0, 6, false, false), "100000");
        assert_eq!(general(1e6, 6, false, false), "1e+06");
        assert_eq!(general(0.0, 6, false, false), "0");
        assert_eq!(general(f64::INFINITY, 6, true, false), "INF");
        // format(1.0, '.3') == '1.0', format(123.0, '.3') == '1.23e+02',
        // format(1234.0, '.3') == '1.23e+03', format(0.5, '.1') == '0.5',
        // format(12.0, '.2') == '1.2e+01', format(0.0, '.0') == '0e+00'
        assert_eq!(no_type(1.0, Some(3), false, false), "1.0");
        assert_eq!(no_type(123.0, Some(3), false, false), "1.23e+02");
        assert_eq!(no_type(12.0, Some(2), false, false), "1.2e+01");
        assert_eq!(no_type(0.0, Some(0), false, false), "0e+00");
        assert_eq!(exponent(1.0, 0, false, true), "1.e+00");
        assert_eq!(no_type(1234.0, Some(3), false, false), "1.23e+03");
        assert_eq!(no_type(0.5, Some(1), false, false), "0.5");
        assert_eq!(no_type(1e20, None, false, false), "1e+20");
    }

    /// Precision past Rust's limit of 65535 (it panicked) and past the
    /// exact digits of an f64. From python3 -c 'S = "%.1100f" % 5e-324;
    /// print(len(S), len(S.rstrip("0")), S.rstrip("0")[-12:])' and alike.
    #[test]
    fn huge_precision_matches_python() {
        let s = fixed(1.5, 65536, false, false);
        assert_eq!((s.len(), &s[..4]), (65538, "1.50"));
        assert!(s[2..].bytes().skip(1).all(|b| b == b'0'));
        let s = fixed(5e-324, 1100, false, false);
        let digits = s.trim_end_matches('0');
        assert_eq!((s.len(), digits.len()), (1102, 1076));
        assert!(digits.ends_with("533447265625"));
        let s = exponent(5e-324, 70000, false, false);
        let mant = s.split('e').next().unwrap().trim_end_matches('0');
        assert_eq!(
            (s.len(), &s[..12], &s[s.len() - 8..]),
            (70007, "4.9406564584", "000e-324")
        );
        assert_eq!(mant.len(), 752);
        assert!(mant.ends_with("3447265625"));
        assert_eq!(
            general(0.1, 1000, false, false),
            "0.1000000000000000055511151231257827021181583404541015625"
        );
        let s = general(0.1, 800, false, true);
        assert_eq!(s.len(), 802);
        assert_eq!(general(1.5, 100_000, false, false), "1.5");
        assert_eq!(no_type(1.5, Some(100_000), false, false), "1.5");
    }

    /// `#` with no type keeps the point: format(1e300, '#') == '1.e+300',
    /// format(1.0, '#') == '1.0'.
    #[test]
    fn alternate_repr_keeps_the_point() {
        assert_eq!(no_type(1e300, None, false, true), "1.e+300");
        assert_eq!(no_type(1e16, None, false, true), "1.e+16");
        assert_eq!(no_type(1.0, None, false, true), "1.0");
        assert_eq!(no_type(1.5, None, false, true), "1.5");
        assert_eq!(no_type(1e300, None, false, false), "1e+300");
    }

    proptest::proptest! {
        #[test]
        fn repr_round_trips(bits in proptest::num::u64::ANY) {
            let x = f64::from_bits(bits);
            if x.is_finite() {
                let s = float_repr(x);
                proptest::prop_assert_eq!(s.parse::<f64>().unwrap().to_bits(), x.to_bits(), "{}", s);
                proptest::prop_assert!(s.contains('.') || s.contains('e'), "{}", s);
            }
        }
    }
}
