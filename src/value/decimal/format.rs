//! `format(d, spec)` for a decimal, as `Decimal.__format__` does it
//! exactly in decimal (never through a float): no type (its `str`), `f`
//! and `%` rounded half to even at the precision, with the fill, sign,
//! width and grouping of the format mini-language.

use std::rc::Rc;

use super::Decimal;
use crate::error::{Error, ErrorKind, Result};
use crate::value::format::{Spec, number, parse_spec};

/// `format(d, spec)`.
pub fn format_decimal(d: &Rc<Decimal>, spec: &str) -> Result<String> {
    let s = parse_spec(spec, "decimal.Decimal")?;
    if let Some(p) = s.precision.filter(|p| *p > 4096) {
        crate::value::reserve_str(p)?;
    }
    let (body, pct) = match s.ty {
        None if s.precision.is_none() => (d.abs().to_sci_string(), ""),
        Some('f' | 'F') => (fixed(d, s.precision), ""),
        Some('%') => {
            let hundred = d.mul(&Decimal::from_i64(100))?;
            (fixed(&hundred, s.precision), "%")
        }
        _ => {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                format!("the Decimal format '{spec}' is not supported by ormsh"),
            )
            .with_help("use 'f' (fixed point, e.g. '.2f'), '%' or no type"));
        }
    };
    let negative = d.is_signed();
    let split = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let (int_part, rest) = body.split_at(split);
    let spec = Spec { alt: false, ..s };
    Ok(number(
        negative,
        "",
        int_part,
        &format!("{rest}{pct}"),
        &spec,
    ))
}

/// The magnitude at `places` digits after the point (the number's own
/// exponent when none is asked, but never an exponent above 0).
fn fixed(d: &Decimal, places: Option<usize>) -> String {
    let places = places.map_or((-d.exponent()).max(0), |p| p as i64);
    d.abs().fixed(u32::try_from(places).unwrap_or(u32::MAX))
}
