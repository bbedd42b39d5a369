//! `Decimal`'s arithmetic in the default context, after CPython's
//! `_pydecimal`: `+ - * / // %` and `**` by an integer, each result
//! rounded to the context's precision (`Decimal::fix`).

use std::cmp::Ordering;

use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{One, Zero};

use super::{Decimal, PREC, Work, digits, invalid, pow10};
use crate::error::{Error, ErrorKind, Result};

impl Decimal {
    /// `a + b` (`Decimal.__add__`).
    pub fn add(&self, other: &Decimal) -> Result<Decimal> {
        let exp = self.exp.min(other.exp);
        if self.is_zero() && other.is_zero() {
            let neg = self.neg && other.neg;
            return Decimal::new(neg, BigUint::zero(), exp).fix();
        }
        if self.is_zero() {
            let e = exp.max(other.exp - PREC as i64 - 1);
            return other.rescale(e).fix();
        }
        if other.is_zero() {
            let e = exp.max(self.exp - PREC as i64 - 1);
            return self.rescale(e).fix();
        }
        let (a, b) = normalize_pair(self, other);
        if a.neg == b.neg {
            return Decimal::new(a.neg, a.coef + b.coef, a.exp).fix();
        }
        match a.coef.cmp(&b.coef) {
            Ordering::Equal => Decimal::new(false, BigUint::zero(), exp).fix(),
            Ordering::Greater => Decimal::new(a.neg, a.coef - b.coef, a.exp).fix(),
            Ordering::Less => Decimal::new(b.neg, b.coef - a.coef, a.exp).fix(),
        }
    }

    pub fn sub(&self, other: &Decimal) -> Result<Decimal> {
        let mut o = other.clone();
        o.neg = !o.neg;
        self.add(&o)
    }

    pub fn mul(&self, other: &Decimal) -> Result<Decimal> {
        let neg = self.neg != other.neg;
        Decimal::new(
            neg,
            &*self.coef.get() * &*other.coef.get(),
            self.exp + other.exp,
        )
        .fix()
    }

    /// `a / b` (`Decimal.__truediv__`): exact results at the exponent
    /// closest to `a.exp - b.exp`, others to 28 digits.
    pub fn div(&self, other: &Decimal) -> Result<Decimal> {
        let neg = self.neg != other.neg;
        if other.is_zero() {
            return Err(if self.is_zero() {
                invalid("DivisionUndefined")
            } else {
                Error::new(
                    ErrorKind::DivisionByZero,
                    "[<class 'decimal.DivisionByZero'>]",
                )
            });
        }
        if self.is_zero() {
            return Decimal::new(neg, BigUint::zero(), self.exp - other.exp).fix();
        }
        let shift =
            digits(&other.coef.get()) as i64 - digits(&self.coef.get()) as i64 + PREC as i64 + 1;
        let mut exp = self.exp - other.exp - shift;
        let (mut coef, rem) = if shift >= 0 {
            (&*self.coef.get() * pow10(shift as u64)).div_rem(&other.coef.get())
        } else {
            self.coef
                .get()
                .div_rem(&(&*other.coef.get() * pow10((-shift) as u64)))
        };
        if !rem.is_zero() {
            if (&coef % 5u32).is_zero() {
                coef += 1u32;
            }
        } else {
            let ideal = self.exp - other.exp;
            let ten = BigUint::from(10u32);
            while exp < ideal && (&coef % &ten).is_zero() {
                coef /= &ten;
                exp += 1;
            }
        }
        Decimal::new(neg, coef, exp).fix()
    }

    /// `(a // b, a % b)`: the quotient truncated toward zero and the
    /// remainder with the sign of `a` (`Decimal._divide`).
    fn divide(&self, other: &Decimal, op: &str) -> Result<(Decimal, Decimal)> {
        if other.is_zero() {
            return Err(if self.is_zero() || op == "%" {
                invalid(if op == "%" && !self.is_zero() {
                    "InvalidOperation"
                } else {
                    "DivisionUndefined"
                })
            } else {
                Error::new(
                    ErrorKind::DivisionByZero,
                    "[<class 'decimal.DivisionByZero'>]",
                )
            });
        }
        let neg = self.neg != other.neg;
        let ideal = self.exp.min(other.exp);
        let expdiff = self.adjusted() - other.adjusted();
        if self.is_zero() || expdiff <= -2 {
            return Ok((
                Decimal::new(neg, BigUint::zero(), 0),
                self.rescale(ideal).fix()?,
            ));
        }
        if expdiff <= PREC as i64 {
            let (mut a, mut b) = (self.coef.get().into_owned(), other.coef.get().into_owned());
            if self.exp >= other.exp {
                a *= pow10((self.exp - other.exp) as u64);
            } else {
                b *= pow10((other.exp - self.exp) as u64);
            }
            let (q, r) = a.div_rem(&b);
            if q < pow10(PREC as u64) {
                return Ok((
                    Decimal::new(neg, q, 0),
                    Decimal::new(self.neg, r, ideal).fix()?,
                ));
            }
        }
        Err(invalid("DivisionImpossible"))
    }

    pub fn floor_div(&self, other: &Decimal) -> Result<Decimal> {
        Ok(self.divide(other, "//")?.0)
    }

    pub fn rem(&self, other: &Decimal) -> Result<Decimal> {
        Ok(self.divide(other, "%")?.1)
    }

    /// `d ** n` for an integer `n` (a negative one is `1 / d ** -n`).
    pub fn powi(&self, n: i64) -> Result<Decimal> {
        if n < 0 {
            return Decimal::from_i64(1).div(&self.powi(n.checked_neg().unwrap_or(i64::MAX))?);
        }
        if n == 0 {
            if self.is_zero() {
                return Err(invalid("InvalidOperation"));
            }
            return Ok(Decimal::from_i64(1));
        }
        // Square and multiply, rounding each step as the context does only
        // when the exact power would be too long to build.
        let total = digits(&self.coef.get()).saturating_mul(n as u64);
        if total > 10_000 {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                "a Decimal power this large is not supported by ormsh",
            ));
        }
        let coef = num_traits::pow(self.coef.get().into_owned(), n as usize);
        let exp = self
            .exp
            .checked_mul(n)
            .ok_or_else(|| Error::new(ErrorKind::Overflow, "[<class 'decimal.Overflow'>]"))?;
        Decimal::new(self.neg && n % 2 == 1, coef, exp).fix()
    }
}

/// `_normalize`: the two operands at one exponent, the smaller one
/// replaced by a stand-in one digit below the precision when it is too
/// small to change the rounded sum (so no huge power of ten is built).
fn normalize_pair(x: &Decimal, y: &Decimal) -> (Work, Work) {
    let swap = x.exp < y.exp;
    let (mut tmp, mut other) = if swap {
        (y.work(), x.work())
    } else {
        (x.work(), y.work())
    };
    let tmp_len = digits(&tmp.coef) as i64;
    let other_len = digits(&other.coef) as i64;
    let exp = tmp.exp + (-1i64).min(tmp_len - PREC as i64 - 2);
    if other_len + other.exp - 1 < exp {
        other.coef = BigUint::one();
        other.exp = exp;
    }
    tmp.coef *= pow10((tmp.exp - other.exp) as u64);
    tmp.exp = other.exp;
    if swap { (other, tmp) } else { (tmp, other) }
}
