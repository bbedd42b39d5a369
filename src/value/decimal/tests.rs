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
