//! `format(d, spec)` for a decimal, as `Decimal.__format__` does it
//! exactly in decimal (never through a float), after CPython's
//! `_pydecimal`: the types `e E f F g G %` and none (`G`, as the default
//! context's `capitals=1` makes it), the precision rounding half to even
//! (`e` to precision+1 significant digits, `f` and `%` to that many places,
//! `g` to that many significant digits), `%` a shift of the exponent by
//! two, then the fill, sign, `z`, width and `,` grouping of the format
//! mini-language. `#` and `_` are refused as CPython's decimal module
//! refuses them (`ValueError: invalid format string`).

use std::rc::Rc;

use super::Decimal;
use crate::error::{Error, ErrorKind, Result};
use crate::value::format::{Spec, number, parse_spec};

/// `format(d, spec)`.
pub fn format_decimal(d: &Rc<Decimal>, spec: &str) -> Result<String> {
    let s = parse_spec(spec, "decimal.Decimal")?;
    if s.alt || s.grouping == Some('_') {
        return Err(Error::value("invalid format string"));
    }
    if let Some(p) = s.precision.filter(|p| *p > 4096) {
        crate::value::reserve_str(p)?;
    }
    let ty = match s.ty {
        None => 'G',
        Some(t @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) => t,
        Some(_) => {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                format!("the Decimal format '{spec}' is not supported by ormsh"),
            )
            .with_help("use 'f', 'e', 'g', '%' or no type (e.g. '.2f')"));
        }
    };
    let (negative, int_part, frac, exp) = place_point(d, ty, s.precision, s.z);
    let mut rest = String::new();
    if !frac.is_empty() {
        rest.push('.');
        rest.push_str(&frac);
    }
    if exp != 0 || matches!(ty, 'e' | 'E') {
        let echar = if matches!(ty, 'E' | 'G') { 'E' } else { 'e' };
        rest.push_str(&format!(
            "{echar}{}{}",
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        ));
    }
    if ty == '%' {
        rest.push('%');
    }
    let spec = Spec { z: false, ..s };
    Ok(number(negative, "", &int_part, &rest, &spec))
}

/// `_pydecimal`'s `__format__` up to `_format_number`: the number
/// rounded for the type and precision, then split where its point goes
/// into the sign, the digits before and after the point and the exponent
/// written after them.
fn place_point(
    d: &Decimal,
    ty: char,
    precision: Option<usize>,
    no_neg_0: bool,
) -> (bool, String, String, i64) {
    let mut x = d.clone();
    if ty == '%' {
        x.exp += 2;
    }
    // The format mini-language counts a `g` precision of 0 as 1.
    let precision = precision.map(|p| if matches!(ty, 'g' | 'G') { p.max(1) } else { p });
    if let Some(p) = precision {
        let p = i64::try_from(p).unwrap_or(i64::MAX / 2);
        match ty {
            'e' | 'E' => x = round_significant(&x, p + 1),
            'f' | 'F' | '%' => x = x.rescale(-p),
            _ if (x.coef.get().to_string().len() as i64) > p => x = round_significant(&x, p),
            _ => {}
        }
    }
    // A zero with a positive exponent has no fixed-point form: 0E0.
    if x.is_zero() && x.exp > 0 && matches!(ty, 'f' | 'F' | '%') {
        x = x.rescale(0);
    }
    let negative = x.neg && !(x.is_zero() && no_neg_0);
    let digits = x.coef.get().to_string();
    let n = digits.len() as i64;
    let leftdigits = x.exp + n;
    let dotplace = match ty {
        'e' | 'E' => match precision {
            Some(p) if x.is_zero() => 1 - p as i64,
            _ => 1,
        },
        'f' | 'F' | '%' => leftdigits,
        _ if x.exp <= 0 && leftdigits > -6 => leftdigits,
        _ => 1,
    };
    let (int_part, frac) = if dotplace < 0 {
        (
            "0".to_owned(),
            format!("{}{digits}", "0".repeat((-dotplace) as usize)),
        )
    } else if dotplace > n {
        (
            format!("{digits}{}", "0".repeat((dotplace - n) as usize)),
            String::new(),
        )
    } else {
        let (a, b) = digits.split_at(dotplace as usize);
        (if a.is_empty() { "0" } else { a }.to_owned(), b.to_owned())
    };
    (negative, int_part, frac, leftdigits - dotplace)
}

/// `_round(places)`: `places` significant digits, half to even (a zero
/// as it is); a carry that adds a digit (99.97 to 3) is rounded again.
fn round_significant(d: &Decimal, places: i64) -> Decimal {
    if d.is_zero() {
        return d.clone();
    }
    let r = d.rescale(d.adjusted() + 1 - places);
    if r.adjusted() != d.adjusted() {
        return r.rescale(r.adjusted() + 1 - places);
    }
    r
}
