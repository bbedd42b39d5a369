//! Decimals to and from text and floats: Python's grammar for
//! `Decimal('1.10')`, the exact value of a float, the scientific string
//! `str()` and `repr()` write, and fixed-point text.

use num_bigint::BigUint;
use num_traits::Zero;

use super::{Decimal, invalid};
use crate::error::{Error, ErrorKind, Result};

impl Decimal {
    /// `Decimal(f)`: the float's exact value (`Decimal(1.1)` has 52
    /// digits), as `Decimal.from_float` gives it.
    pub fn from_f64(f: f64) -> Result<Decimal> {
        if !f.is_finite() {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                format!("Decimal({f}) is not supported: ormsh's Decimal holds finite numbers"),
            ));
        }
        let neg = f.is_sign_negative();
        if f == 0.0 {
            return Ok(Decimal::new(neg, BigUint::zero(), 0));
        }
        let bits = f.abs().to_bits();
        let (mut m, mut e) = if bits >> 52 == 0 {
            (bits & ((1 << 52) - 1), -1074i64)
        } else {
            (
                (bits & ((1 << 52) - 1)) | (1 << 52),
                (bits >> 52) as i64 - 1075,
            )
        };
        let tz = m.trailing_zeros() as i64;
        m >>= tz;
        e += tz;
        Ok(if e >= 0 {
            Decimal::new(neg, BigUint::from(m) << (e as u64), 0)
        } else {
            let five = num_traits::pow(BigUint::from(5u32), (-e) as usize);
            Decimal::new(neg, BigUint::from(m) * five, e)
        })
    }

    /// `Decimal('1.10')`: Python's grammar (surrounding blanks, `_`
    /// between digits, an exponent); anything else is `InvalidOperation`.
    pub fn parse(text: &str) -> Result<Decimal> {
        let s = text.trim();
        let (neg, body) = match s.as_bytes().first() {
            Some(b'-') => (true, &s[1..]),
            Some(b'+') => (false, &s[1..]),
            _ => (false, s),
        };
        let lower = body.to_ascii_lowercase();
        if matches!(lower.as_str(), "inf" | "infinity" | "nan" | "snan") {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                format!("Decimal({text:?}) is not supported: ormsh's Decimal holds finite numbers"),
            ));
        }
        let (mant, exp_part) = match body.find(['e', 'E']) {
            Some(i) => (&body[..i], Some(&body[i + 1..])),
            None => (body, None),
        };
        let (int_part, frac_part) = match mant.find('.') {
            Some(i) => (&mant[..i], &mant[i + 1..]),
            None => (mant, ""),
        };
        let clean = |p: &str| -> Option<String> {
            if p.starts_with('_') || p.ends_with('_') || p.contains("__") {
                return None;
            }
            let d: String = p.chars().filter(|c| *c != '_').collect();
            d.chars().all(|c| c.is_ascii_digit()).then_some(d)
        };
        let syntax = || invalid("ConversionSyntax");
        let int_digits = clean(int_part).ok_or_else(syntax)?;
        let frac_digits = clean(frac_part).ok_or_else(syntax)?;
        if int_digits.is_empty() && frac_digits.is_empty() {
            return Err(syntax());
        }
        let mut exp: i64 = match exp_part {
            Some(e) => {
                let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
                let d = clean(digits).filter(|d| !d.is_empty()).ok_or_else(syntax)?;
                let n: i64 = d.parse().map_err(|_| {
                    Error::new(ErrorKind::OverflowError, "the exponent is out of range")
                })?;
                if e.starts_with('-') { -n } else { n }
            }
            None => 0,
        };
        exp = exp
            .checked_sub(frac_digits.len() as i64)
            .ok_or_else(|| Error::new(ErrorKind::OverflowError, "the exponent is out of range"))?;
        let all = format!("{int_digits}{frac_digits}");
        crate::value::reserve_str(all.len())?;
        let coef = BigUint::parse_bytes(all.as_bytes(), 10).ok_or_else(syntax)?;
        Ok(Decimal::new(neg, coef, exp))
    }

    /// Python's `str(d)`: the scientific string (`1.10`, `1E+3`, `0E-10`).
    pub fn to_sci_string(&self) -> String {
        let int = self.coef.get().to_string();
        let sign = if self.neg { "-" } else { "" };
        let leftdigits = self.exp + int.len() as i64;
        let dotplace = if self.exp <= 0 && leftdigits > -6 {
            leftdigits
        } else {
            1
        };
        let (intpart, fracpart) = if dotplace <= 0 {
            (
                "0".to_string(),
                format!(".{}{int}", "0".repeat((-dotplace) as usize)),
            )
        } else if dotplace as usize >= int.len() {
            (
                format!("{int}{}", "0".repeat(dotplace as usize - int.len())),
                String::new(),
            )
        } else {
            (
                int[..dotplace as usize].to_string(),
                format!(".{}", &int[dotplace as usize..]),
            )
        };
        let exp = if leftdigits == dotplace {
            String::new()
        } else {
            format!("E{:+}", leftdigits - dotplace)
        };
        format!("{sign}{intpart}{fracpart}{exp}")
    }

    /// The digits after the point for `'%.Nf'`-style output: the value at
    /// exponent `-places` as plain text (`Decimal('12.50')` for 2 places).
    pub fn fixed(&self, places: u32) -> String {
        let r = self.rescale(-(places as i64));
        let mut int = r.coef.get().to_string();
        let p = places as usize;
        if int.len() <= p {
            int = format!("{}{int}", "0".repeat(p + 1 - int.len()));
        }
        let (a, b) = int.split_at(int.len() - p);
        let sign = if r.neg { "-" } else { "" };
        if p == 0 {
            format!("{sign}{a}")
        } else {
            format!("{sign}{a}.{b}")
        }
    }
}
