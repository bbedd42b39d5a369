//! Conversions between ints, floats and text that Python does exactly:
//! `int(str, base)` (CPython's literal rules: signs, `0x` prefixes,
//! underscores, Unicode digits and spaces), `int(float)`, `round()` with and
//! without `ndigits`, true division of integers, and a float's exact ratio.
//!
//! ormsh integers are 64-bit (LANGUAGE.md §2). Where Python would give a
//! bigger int (`int('9' * 30)`, `round(1e300)`, `int(1e19)`), the result is
//! an `OverflowError` that says so — never a wrong value, never a false
//! "invalid literal".

use crate::error::{Error, ErrorKind, Result};
use crate::value::unicode;

/// The error for a result Python would give as an int beyond 64 bits;
/// `what` names the operation (`int()`, `round()`).
pub fn too_large(what: &str) -> Error {
    Error::new(
        ErrorKind::OverflowError,
        format!(
            "{what} result is too large: integers are 64-bit \
             (-9223372036854775808 to 9223372036854775807)"
        ),
    )
}

/// CPython's cap on decimal digits in `int(str)` (`sys.get_int_max_str_digits()`).
const MAX_STR_DIGITS: usize = 4300;

/// `int(text, base)`; `base` is 10 when not given. Errors: ValueError for a
/// bad base or literal (the literal's repr cut at 200 characters, as
/// CPython's `%.200R`), ValueError past 4300 digits, OverflowError beyond
/// 64 bits.
pub fn parse_int(text: &str, base: i64) -> Result<i64> {
    if base != 0 && !(2..=36).contains(&base) {
        return Err(Error::value("int() base must be >= 2 and <= 36, or 0"));
    }
    let invalid = || {
        let shown: String = crate::value::repr::str_repr(text)
            .chars()
            .take(200)
            .collect();
        Error::value(format!(
            "invalid literal for int() with base {base}: {shown}"
        ))
    };
    // CPython first maps Unicode spaces to ' ' and decimal digits to ASCII.
    let ascii: Vec<u8> = text.chars().map(to_ascii).collect();
    let mut s = ascii.as_slice();
    let is_space = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r');
    while s.first().is_some_and(is_space) {
        s = &s[1..];
    }
    while s.last().is_some_and(is_space) {
        s = &s[..s.len() - 1];
    }
    let negative = s.first() == Some(&b'-');
    if matches!(s.first(), Some(b'+' | b'-')) {
        s = &s[1..];
    }
    let prefix_base = match s {
        [b'0', b'x' | b'X', ..] => 16,
        [b'0', b'o' | b'O', ..] => 8,
        [b'0', b'b' | b'B', ..] => 2,
        _ => 0,
    };
    let mut base = base as u32;
    // Base 0 with a leading 0 and no prefix: only zeros are allowed.
    let mut only_zero = false;
    if base == 0 {
        base = if prefix_base != 0 { prefix_base } else { 10 };
        only_zero = prefix_base == 0 && s.first() == Some(&b'0');
    }
    if prefix_base != 0 && prefix_base == base {
        s = &s[2..];
        // One underscore may follow the prefix (`0x_1f`).
        if s.first() == Some(&b'_') {
            s = &s[1..];
        }
    }
    // CPython scans the run of digits (refusing a doubled or trailing
    // underscore), checks the digit cap, then the rest of the text.
    let mut digits = Vec::with_capacity(s.len());
    let mut prev_underscore = false;
    let mut end = s.len();
    for (at, &c) in s.iter().enumerate() {
        if c == b'_' && !digits.is_empty() {
            if prev_underscore {
                return Err(invalid());
            }
            prev_underscore = true;
        } else if let Some(d) = (c as char).to_digit(base) {
            digits.push(d);
            prev_underscore = false;
        } else {
            end = at;
            break;
        }
    }
    if digits.is_empty() || prev_underscore {
        return Err(invalid());
    }
    if !base.is_power_of_two() && digits.len() > MAX_STR_DIGITS {
        return Err(Error::value(format!(
            "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion: \
             value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            digits.len()
        )));
    }
    if end < s.len() || (only_zero && digits.iter().any(|d| *d != 0)) {
        return Err(invalid());
    }
    let mut v: i128 = 0;
    for d in digits {
        v = v * base as i128 + d as i128;
        if v > 1 << 63 {
            return Err(too_large("int()"));
        }
    }
    let v = if negative { -v } else { v };
    i64::try_from(v).map_err(|_| too_large("int()"))
}

/// `float(text)`: CPython's grammar (`[sign] digits [. digits] [e [sign]
/// digits]`, `inf`, `infinity`, `nan` in any case), an underscore only
/// between two digits, Unicode digits and spaces as in `int()`.
pub fn parse_float(text: &str) -> Result<f64> {
    let invalid = || {
        Error::value(format!(
            "could not convert string to float: {}",
            crate::value::repr::str_repr(text)
        ))
    };
    let ascii: Vec<u8> = text.chars().map(to_ascii).collect();
    let s = ascii.trim_ascii();
    let (negative, body) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let special = match body.to_ascii_lowercase().as_slice() {
        b"inf" | b"infinity" => Some(f64::INFINITY),
        b"nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(x) = special {
        return Ok(if negative { -x } else { x });
    }
    let mut plain = String::with_capacity(s.len());
    for (i, &c) in s.iter().enumerate() {
        match c {
            b'_' if i > 0
                && s[i - 1].is_ascii_digit()
                && s.get(i + 1).is_some_and(u8::is_ascii_digit) => {}
            b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-' => plain.push(c as char),
            _ => return Err(invalid()),
        }
    }
    plain.parse().map_err(|_| invalid())
}

/// One character as CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`
/// maps it: ASCII stays, other spaces become ' ', other decimal digits
/// their ASCII digit, anything else a byte no literal accepts.
fn to_ascii(c: char) -> u8 {
    if c.is_ascii() {
        c as u8
    } else if unicode::is_space(c) {
        b' '
    } else if let Some(d) = decimal_digit(c) {
        b'0' + d as u8
    } else {
        b'?'
    }
}

/// The value of a Unicode decimal digit (`'7'`, `'٣'`, `'７'`), as
/// CPython's `Py_UNICODE_TODECIMAL`.
pub fn decimal_digit(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return c.to_digit(10);
    }
    if !unicode::is_decimal(c) {
        return None;
    }
    // Decimal digits come in runs of ten, from 0 to 9.
    let mut zero = c as u32;
    while zero > 0 && char::from_u32(zero - 1).is_some_and(unicode::is_decimal) {
        zero -= 1;
    }
    Some((c as u32 - zero) % 10)
}

/// `int(f)`: truncation toward zero.
pub fn float_to_int(f: f64) -> Result<i64> {
    if f.is_nan() {
        return Err(Error::value("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(Error::new(
            ErrorKind::OverflowError,
            "cannot convert float infinity to integer",
        ));
    }
    let t = f.trunc();
    // Every f64 in [-2**63, 2**63) fits an i64.
    if !(-TWO_63..TWO_63).contains(&t) {
        return Err(too_large("int()"));
    }
    Ok(t as i64)
}

const TWO_63: f64 = 9_223_372_036_854_775_808.0;

/// `round(x)`: to the nearest int, ties to even.
pub fn round_to_int(x: f64) -> Result<i64> {
    float_to_int(x.round_ties_even()).map_err(|e| {
        if e.kind == ErrorKind::OverflowError && x.is_finite() {
            too_large("round()")
        } else {
            e
        }
    })
}

/// `round(i, ndigits)`: `i` itself for `ndigits >= 0`, else to a multiple of
/// `10**-ndigits`, ties to even.
pub fn round_int(i: i64, ndigits: i64) -> Result<i64> {
    if ndigits >= 0 {
        return Ok(i);
    }
    // |i| < 10**19, so anything coarser rounds to 0.
    if ndigits < -19 {
        return Ok(0);
    }
    let unit = 10i128.pow((-ndigits) as u32);
    let r = divide_nearest(i as i128, unit) * unit;
    i64::try_from(r).map_err(|_| too_large("round()"))
}

/// `round(x, ndigits)` for a float: the exact binary value rounded half to
/// even at `ndigits` decimal places (negative: tens, hundreds…), as
/// CPython's `double_round` does with `_Py_dg_dtoa` mode 3.
pub fn round_float(x: f64, ndigits: i64) -> Result<f64> {
    // CPython's NDIGITS_MAX and NDIGITS_MIN for doubles.
    if !x.is_finite() || ndigits > 323 {
        return Ok(x);
    }
    if ndigits < -308 {
        return Ok(0.0 * x);
    }
    // Every digit of |x|: at most 309 before the point, 1074 after.
    let exact = format!("{:.1074}", x.abs());
    let (int_part, frac) = exact.split_once('.').unwrap_or((&exact, ""));
    let digits: Vec<u8> = int_part.bytes().chain(frac.bytes()).collect();
    let keep = int_part.len() as i64 + ndigits;
    if keep >= digits.len() as i64 {
        return Ok(x);
    }
    let (mut kept, rest) = if keep <= 0 {
        // Rounding above the first digit: only 0 or one unit can result.
        let lead = if keep == 0 { &digits[..] } else { &[][..] };
        (vec![b'0'], lead)
    } else {
        let (k, r) = digits.split_at(keep as usize);
        (k.to_vec(), r)
    };
    let last_odd = kept.last().is_some_and(|d| (d - b'0') % 2 == 1);
    let up = match rest.first() {
        Some(b'6'..=b'9') => true,
        Some(b'5') => rest[1..].iter().any(|d| *d != b'0') || last_odd,
        _ => false,
    };
    if up {
        increment(&mut kept);
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let text = format!("{sign}{}e{}", String::from_utf8_lossy(&kept), -ndigits);
    let rounded: f64 = text.parse().unwrap_or(x);
    if rounded.is_infinite() {
        return Err(Error::new(
            ErrorKind::OverflowError,
            "rounded value too large to represent",
        ));
    }
    Ok(rounded)
}

/// Add one to a decimal digit string, carrying.
fn increment(digits: &mut Vec<u8>) {
    for d in digits.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return;
        }
    }
    digits.insert(0, b'1');
}

/// `a / b` rounded half to even, for any signs (CPython's
/// `_PyLong_DivmodNear`). `b` must not be 0.
pub fn divide_nearest(a: i128, b: i128) -> i128 {
    let (ua, ub) = (a.unsigned_abs(), b.unsigned_abs());
    let (mut q, r) = (ua / ub, ua % ub);
    if r > ub - r || (r == ub - r && q % 2 == 1) {
        q += 1;
    }
    let q = q as i128;
    if (a < 0) != (b < 0) { -q } else { q }
}

/// `a / b` for integers, correctly rounded as Python's int true division
/// is (converting each to f64 first can round twice). `b` must not be 0
/// and both must be below 2**70 in magnitude.
pub fn int_true_div(a: i128, b: i128) -> f64 {
    let negative = (a < 0) != (b < 0);
    let (ua, ub) = (a.unsigned_abs(), b.unsigned_abs());
    let bits = |v: u128| 128 - v.leading_zeros() as i32;
    // Scale so the quotient has at least 55 bits; the remainder then only
    // needs to be a sticky bit below the rounding position.
    let shift = (55 + bits(ub) - bits(ua)).clamp(0, (127 - bits(ua)).max(0));
    let num = ua << shift;
    let (q, r) = (num / ub, num % ub);
    let q = q | (r != 0) as u128;
    let mag = q as f64 * 2f64.powi(-shift);
    if negative { -mag } else { mag }
}

/// A finite float as `m * 2**e` with `m` odd (`float.as_integer_ratio`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ratio {
    Zero,
    Scaled { m: i64, e: i32 },
}

/// `x.as_integer_ratio()`, with CPython's errors for NaN and infinities.
pub fn float_ratio(x: f64) -> Result<Ratio> {
    if x.is_nan() {
        return Err(Error::value("cannot convert NaN to integer ratio"));
    }
    if x.is_infinite() {
        return Err(Error::new(
            ErrorKind::OverflowError,
            "cannot convert Infinity to integer ratio",
        ));
    }
    if x == 0.0 {
        return Ok(Ratio::Zero);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = (bits & ((1 << 52) - 1)) as i64;
    let (mut m, mut e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp - 1075)
    };
    let tz = m.trailing_zeros();
    m >>= tz;
    e += tz as i32;
    Ok(Ratio::Scaled {
        m: if x < 0.0 { -m } else { m },
        e,
    })
}

#[cfg(test)]
#[path = "numbers_tests.rs"]
mod tests;
