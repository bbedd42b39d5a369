//! Python's decimal module, case by case (every expected text from
//! python3's `decimal` in the default context).

use super::*;

fn d(s: &str) -> Decimal {
    Decimal::parse(s).unwrap()
}

#[test]
fn arithmetic_matches_python() {
    let cases = [
        ("1.10", "+", "2", "3.10"),
        ("1.10", "*", "2", "2.20"),
        ("1", "/", "3", "0.3333333333333333333333333333"),
        ("10", "/", "4", "2.5"),
        ("1.00", "/", "4", "0.25"),
        ("7", "//", "2", "3"),
        ("-7", "%", "3", "-1"),
        ("-7", "//", "3", "-2"),
        ("5", "%", "0.3", "0.2"),
        ("1e5", "+", "1e-30", "100000.0000000000000000000000"),
        ("-0", "+", "0", "0"),
        ("-0", "+", "-0", "-0"),
        ("0", "*", "-1", "-0"),
        ("1.5", "-", "1.5", "0.0"),
        (
            "123456789012345678901234567890",
            "+",
            "1",
            "1.234567890123456789012345679E+29",
        ),
        ("2", "/", "3", "0.6666666666666666666666666667"),
        ("-2", "/", "3", "-0.6666666666666666666666666667"),
        ("1E+3", "+", "1", "1001"),
        ("0.1", "*", "3", "0.3"),
        ("100", "/", "0.1", "1.00E+3"),
        ("9.99", "*", "9.99", "99.8001"),
    ];
    for (a, op, b, want) in cases {
        let (x, y) = (d(a), d(b));
        let got = match op {
            "+" => x.add(&y),
            "-" => x.sub(&y),
            "*" => x.mul(&y),
            "/" => x.div(&y),
            "//" => x.floor_div(&y),
            _ => x.rem(&y),
        }
        .unwrap();
        assert_eq!(got.to_sci_string(), want, "{a} {op} {b}");
    }
}

#[test]
fn text_and_floats_as_python() {
    for (text, want) in [
        ("1.10", "1.10"),
        ("1e3", "1E+3"),
        ("0.0000001", "1E-7"),
        ("-0", "-0"),
        ("  12_000.5 ", "12000.5"),
        (".5", "0.5"),
        ("5.", "5"),
        ("1E-10", "1E-10"),
        ("0E-10", "0E-10"),
    ] {
        assert_eq!(d(text).to_sci_string(), want, "{text}");
    }
    for bad in ["", "abc", "1..2", "_1", "1e", "1_"] {
        let e = Decimal::parse(bad).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidOperation, "{bad:?}");
    }
    let f = |x: f64| Decimal::from_f64(x).unwrap().to_sci_string();
    assert_eq!(
        f(1.1),
        "1.100000000000000088817841970012523233890533447265625"
    );
    assert_eq!(f(0.5), "0.5");
    assert_eq!(f(2.0), "2");
    assert_eq!(f(-0.0), "-0");
    assert_eq!(f(1e20), "100000000000000000000");
    assert!(f(5e-324).starts_with("4.940656458412465441765687928682213723"));
    assert_eq!(d("1.1").to_f64(), 1.1);
}

#[test]
fn rounding_and_conversions_as_python() {
    // round(Decimal('2.675'), 2), round(Decimal('2.5')), round(-3.5),
    // round(Decimal('123.456'), -1), int(Decimal('-1.9'))
    assert_eq!(d("2.675").quantize(-2).unwrap().to_sci_string(), "2.68");
    assert_eq!(d("2.5").round_int(), Some(2));
    assert_eq!(d("-3.5").round_int(), Some(-4));
    assert_eq!(d("123.456").quantize(1).unwrap().to_sci_string(), "1.2E+2");
    assert_eq!(d("-1.9").to_i64(), Some(-1));
    assert_eq!(d("1E+30").to_i64(), None);
    assert_eq!(d("1.10").powi(2).unwrap().to_sci_string(), "1.2100");
    assert_eq!(d("2").powi(-1).unwrap().to_sci_string(), "0.5");
    assert_eq!(d("1.2300").normalize().unwrap().to_sci_string(), "1.23");
    assert_eq!(d("12.5").fixed(2), "12.50");
    assert_eq!(d("1.10").cmp_num(&d("1.1")), Ordering::Equal);
    assert_eq!(d("-0").cmp_num(&d("0")), Ordering::Equal);
    assert_eq!(d("1E+3").cmp_num(&d("999.9")), Ordering::Greater);
    assert_eq!(d("-2").cmp_num(&d("-10")), Ordering::Greater);
    let e = d("1").div(&d("0")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::DivisionByZero);
    let e = d("0").div(&d("0")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidOperation);
    let e = d("9E+999999").mul(&d("10")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Overflow);
}

#[test]
fn format_matches_python() {
    // Every expected text is python3's `format(Decimal(v), spec)`.
    let cases = [
        ("-0.05", "%", "-5%"),
        ("0.125", "%", "12.5%"),
        ("0.5", "%", "50%"),
        ("0.5", ".1%", "50.0%"),
        ("12.50", "f", "12.50"),
        ("1.5E+3", "f", "1500"),
        ("1.5E+3", "", "1.5E+3"),
        ("1234.5", "e", "1.2345e+3"),
        ("1234.5", "g", "1234.5"),
        ("1234.5", "E", "1.2345E+3"),
        ("1234.5", "G", "1234.5"),
        ("1234.5", ".2e", "1.23e+3"),
        ("1234.5", ".2g", "1.2e+3"),
        ("1234.5", ".2", "1.2E+3"),
        ("0.00001234", "g", "0.00001234"),
        ("0.000001234", "g", "0.000001234"),
        ("0.0000001234", "g", "1.234e-7"),
        ("1E+3", "g", "1e+3"),
        ("0", "e", "0e+0"),
        ("0", ".3e", "0.000e+3"),
        ("0E+2", "f", "0"),
        ("0E+2", "%", "0%"),
        ("-0", "f", "-0"),
        ("-0.001", "z.1f", "0.0"),
        ("99.97", ".3g", "100"),
        ("99.97", ".1e", "1.0e+2"),
        ("12345.678", ",e", "1.2345678e+4"),
        ("12345.678", ">20.3e", "            1.235e+4"),
        ("-12345.678", "020,.2f", "-0,000,000,012,345.68"),
        ("0.5", ".0f", "0"),
        ("1.5", ".0f", "2"),
        ("2.5", ".0f", "2"),
        ("123", ".0e", "1e+2"),
        ("123", ".0g", "1e+2"),
        ("123", ".0%", "12300%"),
        ("-5", "+%", "-500%"),
        ("5", " e", " 5e+0"),
        ("1.00", "g", "1.00"),
        ("100", "g", "100"),
        ("1E-7", "g", "1e-7"),
        ("1E-7", "f", "0.0000001"),
        ("1E-7", "", "1E-7"),
        ("123.456", ".10g", "123.456"),
        ("123.456", ".10e", "1.2345600000e+2"),
        ("0.0", "g", "0.0"),
        ("0.00", "%", "0%"),
        ("1e30", "f", "1000000000000000000000000000000"),
        ("1e30", "e", "1e+30"),
        ("-1.5e-10", "G", "-1.5E-10"),
        ("7", ".3%", "700.000%"),
        ("12.345", "^12.1%", "  1234.5%   "),
    ];
    for (v, spec, want) in cases {
        let got = format::format_decimal(&std::rc::Rc::new(d(v)), spec).unwrap();
        assert_eq!(got, want, "format(Decimal('{v}'), '{spec}')");
    }
    // CPython's decimal module refuses '#' and '_'.
    for spec in ["#.0f", "_.2f"] {
        let e = format::format_decimal(&std::rc::Rc::new(d("0.5")), spec).unwrap_err();
        assert_eq!(e.message, "invalid format string");
    }
}
