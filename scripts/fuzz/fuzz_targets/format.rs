//! The value layer's formatting and number conversions on arbitrary input:
//! format specs (`format(v, spec)`, f-strings), printf-style `fmt % args`,
//! `str.format`, `round()`, `int(text, base)`, `int(float)` and int true
//! division, `float(text)`. No panic, no hang, bounded memory; and what
//! must round-trip does (an int's text and a float's repr parse back,
//! exact divisions agree with f64's).
#![no_main]

use std::rc::Rc;

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use ormsh::value::format::{format_spec, percent_format, str_format};
use ormsh::value::float::float_repr;
use ormsh::value::numbers::{
    float_to_int, int_true_div, parse_float, parse_int, round_float, round_int, round_to_int,
};
use ormsh::value::repr::Host;
use ormsh::value::{Object, Value};

/// Plain values only: nothing here needs the interpreter.
struct NoHost;

impl Host for NoHost {
    fn repr_obj(&mut self, _: &Rc<dyn Object>, out: &mut String) -> ormsh::error::Result<()> {
        out.push_str("<obj>");
        Ok(())
    }
    fn call(&mut self, _: &Value, _: Vec<Value>) -> ormsh::error::Result<Value> {
        Ok(Value::None)
    }
}

/// The characters format languages are made of, so that most inputs are
/// near-valid specs rather than noise.
const SPEC_CHARS: &[u8] = b"%%%{{}}:!.<>=^+- z#0123456789,_bcdeEfFgGnosxXrasiu%*()a";

fn text(u: &mut Unstructured) -> Result<String> {
    if u.ratio(1, 4)? {
        return u.arbitrary();
    }
    let n = u.int_in_range(0..=24)?;
    let mut s = String::new();
    for _ in 0..n {
        if u.ratio(1, 8)? {
            // A number, small or huge, where widths and precisions go.
            let big: u64 = *u.choose(&[0, 1, 9, 65535, 65536, 1100, 70000, 100_000_001, u64::MAX])?;
            s.push_str(&big.to_string());
        } else {
            s.push(*u.choose(SPEC_CHARS)? as char);
        }
    }
    Ok(s)
}

fn float(u: &mut Unstructured) -> Result<f64> {
    Ok(if u.ratio(1, 2)? {
        *u.choose(&[0.0, -0.0, 0.5, 1.5, 2.5, 1e16, 1e300, 5e-324, 1.7976931348623157e308, 0.1])?
            * if u.arbitrary()? { -1.0 } else { 1.0 }
    } else {
        f64::from_bits(u.arbitrary()?)
    })
}

fn value(u: &mut Unstructured, depth: u32) -> Result<Value> {
    Ok(match u.int_in_range(0..=6)? {
        0 => Value::Int(u.arbitrary()?),
        1 | 2 => Value::Float(float(u)?),
        3 => Value::str(&text(u)?),
        4 => Value::Bool(u.arbitrary()?),
        5 if depth < 2 => {
            let n = u.int_in_range(0..=3)?;
            Value::tuple((0..n).map(|_| value(u, depth + 1)).collect::<Result<_>>()?)
        }
        _ => Value::None,
    })
}

fn run(u: &mut Unstructured) -> Result<()> {
    let v = value(u, 0)?;
    let spec = text(u)?;
    let _ = format_spec(&v, &spec, &mut NoHost);
    let args = value(u, 0)?;
    let fmt = text(u)?;
    let _ = percent_format(&fmt, &args, &mut NoHost);
    let pos: Vec<Value> = (0..u.int_in_range(0..=3)?).map(|_| value(u, 1)).collect::<Result<_>>()?;
    let _ = str_format(&fmt, &pos, &[(Rc::from("p"), Value::Int(2))], &mut NoHost);

    // Number conversions.
    let i: i64 = u.arbitrary()?;
    assert_eq!(parse_int(&i.to_string(), 10).ok(), Some(i), "int(str({i}))");
    let base: i64 = *u.choose(&[0, 2, 8, 10, 16, 36, 1, 37, -1, i64::MAX])?;
    let _ = parse_int(&text(u)?, base);
    let _ = parse_int(&u.arbitrary::<String>()?, base);
    let x = float(u)?;
    let back = parse_float(&float_repr(x)).expect("a float's repr parses");
    assert!(back.to_bits() == x.to_bits() || (x.is_nan() && back.is_nan()), "float(repr({x:e}))");
    let _ = parse_float(&text(u)?);
    let nd: i64 = if u.arbitrary()? { u.int_in_range(-400..=400)? } else { u.arbitrary()? };
    if let Ok(r) = round_float(x, nd) {
        assert!(r.is_nan() == x.is_nan(), "round({x:e}, {nd}) = {r:e}");
    }
    let _ = round_int(i, nd);
    let _ = round_to_int(x);
    let _ = float_to_int(x);
    let (a, b): (i64, i64) = (u.arbitrary()?, u.arbitrary()?);
    if b != 0 {
        let q = int_true_div(a as i128, b as i128);
        // Exact operands: one rounding either way.
        if a.unsigned_abs() < 1 << 53 && b.unsigned_abs() < 1 << 53 {
            assert_eq!(q.to_bits(), (a as f64 / b as f64).to_bits(), "{a} / {b}");
        }
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
