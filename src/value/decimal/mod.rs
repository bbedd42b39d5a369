//! Python's `decimal.Decimal` for finite numbers: a sign, a coefficient
//! of any length (num-bigint) and a decimal exponent, with the default
//! context's arithmetic (28 significant digits, ROUND_HALF_EVEN), written
//! after CPython's `_pydecimal`: `+ - * / // %`, `**` by an integer,
//! exact comparison with ints and floats, `round`, `int()`, `float()`,
//! the exact conversion of a float, and `str`/`repr` in Python's
//! scientific-string form (`Decimal('1E+3')`, `Decimal('0E-10')`).
//! Signed zero is kept (`Decimal('-0')`); NaN and Infinity are refused.

use std::borrow::Cow;
use std::cmp::Ordering;

use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};

use crate::error::{Error, ErrorKind, Result};
use coef::Coef;

/// The default context's precision (`decimal.getcontext().prec`).
pub const PREC: usize = 28;
/// The default context's largest adjusted exponent (`Emax`).
const EMAX: i64 = 999_999;
/// The smallest exponent a result may have (`Etiny = Emin - prec + 1`).
const ETINY: i64 = -999_999 - PREC as i64 + 1;

/// A finite `decimal.Decimal`: `(-1)**neg * coef * 10**exp`. 32 bytes,
/// and no second allocation for a coefficient that fits 64 bits (every
/// stored price: issue 17, bytes per loaded instance).
#[derive(Clone, Debug)]
pub struct Decimal {
    neg: bool,
    coef: Coef,
    exp: i64,
}

/// A number being computed: a sign, a coefficient of any length and an
/// exponent (`normalize_pair`'s operands).
struct Work {
    neg: bool,
    coef: BigUint,
    exp: i64,
}

/// `decimal.InvalidOperation` with the signal Python lists.
pub(crate) fn invalid(signal: &str) -> Error {
    Error::new(
        ErrorKind::InvalidOperation,
        format!("[<class 'decimal.{signal}'>]"),
    )
}

pub(crate) fn pow10(n: u64) -> BigUint {
    num_traits::pow(BigUint::from(10u32), n as usize)
}

/// The number of decimal digits of `c` (1 for zero).
pub(crate) fn digits(c: &BigUint) -> u64 {
    if c.is_zero() {
        return 1;
    }
    // bits * log10(2) is within one of the answer; settle it exactly.
    let guess = ((c.bits() - 1) as f64 * std::f64::consts::LOG10_2) as u64 + 1;
    if *c >= pow10(guess) {
        guess + 1
    } else if guess > 1 && *c < pow10(guess - 1) {
        guess - 1
    } else {
        guess
    }
}

/// `c / 10**n` rounded half to even.
fn round_drop(c: &BigUint, n: u64) -> BigUint {
    if n == 0 {
        return c.clone();
    }
    let (q, r) = c.div_rem(&pow10(n));
    let half = pow10(n) >> 1u32;
    match r.cmp(&half) {
        Ordering::Greater => q + 1u32,
        Ordering::Equal if q.is_odd() => q + 1u32,
        _ => q,
    }
}

impl Decimal {
    /// The number as a [`Work`] to compute with.
    fn work(&self) -> Work {
        Work {
            neg: self.neg,
            coef: self.coef.get().into_owned(),
            exp: self.exp,
        }
    }

    pub(crate) fn new(neg: bool, coef: BigUint, exp: i64) -> Decimal {
        Decimal {
            neg,
            coef: Coef::of(coef),
            exp,
        }
    }

    /// `Decimal(i)`.
    pub fn from_i64(i: i64) -> Decimal {
        Decimal {
            neg: i < 0,
            coef: Coef::Small(i.unsigned_abs()),
            exp: 0,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.coef.is_zero()
    }

    /// `d.is_signed()`: the sign is negative (also for `-0`).
    pub fn is_signed(&self) -> bool {
        self.neg
    }

    /// Sign, coefficient and exponent (`-1.50` is `(true, 150, -2)`), for
    /// Python's `hash()` of a Decimal.
    pub fn parts(&self) -> (bool, Cow<'_, BigUint>, i64) {
        (self.neg, self.coef.get(), self.exp)
    }

    /// The exponent (`Decimal('0.01')` has -2), what `quantize` takes.
    pub fn exponent(&self) -> i64 {
        self.exp
    }

    fn adjusted(&self) -> i64 {
        self.exp + digits(&self.coef.get()) as i64 - 1
    }

    /// Round to the context: at most 28 digits (half to even), an
    /// exponent within the context's range (`decimal.Overflow` past it).
    fn fix(mut self) -> Result<Decimal> {
        let n = digits(&self.coef.get());
        if n > PREC as u64 {
            let drop = n - PREC as u64;
            let c = round_drop(&self.coef.get(), drop);
            self.coef = Coef::of(c);
            self.exp += drop as i64;
            if digits(&self.coef.get()) > PREC as u64 {
                let c = round_drop(&self.coef.get(), 1);
                self.coef = Coef::of(c);
                self.exp += 1;
            }
        }
        if self.exp < ETINY {
            self = self.rescale(ETINY);
        }
        if !self.is_zero() && self.adjusted() > EMAX {
            return Err(Error::new(
                ErrorKind::Overflow,
                "[<class 'decimal.Overflow'>]",
            ));
        }
        Ok(self)
    }

    /// The same number with exponent `exp`, rounded half to even when
    /// digits are dropped (`_rescale`).
    pub fn rescale(&self, exp: i64) -> Decimal {
        if exp >= self.exp {
            let drop = (exp - self.exp) as u64;
            let coef = if drop > digits(&self.coef.get()) + 1 {
                BigUint::zero()
            } else {
                round_drop(&self.coef.get(), drop)
            };
            Decimal::new(self.neg, coef, exp)
        } else if self.is_zero() {
            Decimal::new(self.neg, BigUint::zero(), exp)
        } else {
            Decimal::new(
                self.neg,
                &*self.coef.get() * pow10((self.exp - exp) as u64),
                exp,
            )
        }
    }

    /// Python's `Decimal.quantize(exp)` in the default context: `exp`'s
    /// exponent, `InvalidOperation` when the result needs more than 28
    /// digits.
    pub fn quantize(&self, exp: i64) -> Result<Decimal> {
        let r = self.rescale(exp);
        if digits(&r.coef.get()) > PREC as u64 {
            return Err(invalid("InvalidOperation"));
        }
        Ok(r)
    }

    /// `Decimal.normalize()`: trailing zeros dropped (`0` for a zero).
    pub fn normalize(&self) -> Result<Decimal> {
        let mut d = self.clone().fix()?;
        if d.is_zero() {
            return Ok(Decimal::new(d.neg, BigUint::zero(), 0));
        }
        let ten = BigUint::from(10u32);
        let mut coef = d.coef.get().into_owned();
        while (&coef % &ten).is_zero() {
            coef /= &ten;
            d.exp += 1;
        }
        d.coef = Coef::of(coef);
        Ok(d)
    }

    pub fn neg(&self) -> Decimal {
        // `-Decimal('0')` is `Decimal('0')` in the default context.
        let neg = if self.is_zero() { false } else { !self.neg };
        Decimal {
            neg,
            coef: self.coef.clone(),
            exp: self.exp,
        }
    }

    pub fn abs(&self) -> Decimal {
        Decimal {
            neg: false,
            coef: self.coef.clone(),
            exp: self.exp,
        }
    }

    /// `+d`: rounded to the context, a negative zero made positive.
    pub fn plus(&self) -> Result<Decimal> {
        let mut d = self.clone();
        if d.is_zero() {
            d.neg = false;
        }
        d.fix()
    }

    /// The integer part, truncated toward zero, when it fits an `i64`.
    pub fn to_i64(&self) -> Option<i64> {
        let whole = if self.exp >= 0 {
            if self.is_zero() {
                BigUint::zero()
            } else if self.adjusted() > 19 {
                return None;
            } else {
                &*self.coef.get() * pow10(self.exp as u64)
            }
        } else if (-self.exp) as u64 > digits(&self.coef.get()) {
            BigUint::zero()
        } else {
            &*self.coef.get() / pow10((-self.exp) as u64)
        };
        let w = whole.to_i128()?;
        i64::try_from(if self.neg { -w } else { w }).ok()
    }

    /// `round(d)`: the nearest integer, ties to even.
    pub fn round_int(&self) -> Option<i64> {
        self.rescale(0.max(self.exp)).to_i64()
    }

    /// `float(d)`: the nearest float, as `float(str(d))`.
    pub fn to_f64(&self) -> f64 {
        self.to_sci_string().parse().unwrap_or(f64::NAN)
    }

    /// Is the value a whole number?
    pub fn is_integral(&self) -> bool {
        self.exp >= 0 || self.rescale(0).cmp_num(self) == Ordering::Equal
    }

    /// Numeric order (a negative zero equals zero).
    pub fn cmp_num(&self, other: &Decimal) -> Ordering {
        let sign = |d: &Decimal| -> i8 {
            if d.is_zero() {
                0
            } else if d.neg {
                -1
            } else {
                1
            }
        };
        let (sa, sb) = (sign(self), sign(other));
        if sa != sb || sa == 0 {
            return sa.cmp(&sb);
        }
        let mag = match self.adjusted().cmp(&other.adjusted()) {
            Ordering::Equal => {
                let (a, b) = if self.exp >= other.exp {
                    (
                        &*self.coef.get() * pow10((self.exp - other.exp) as u64),
                        other.coef.get().into_owned(),
                    )
                } else {
                    (
                        self.coef.get().into_owned(),
                        &*other.coef.get() * pow10((other.exp - self.exp) as u64),
                    )
                };
                a.cmp(&b)
            }
            o => o,
        };
        if sa < 0 { mag.reverse() } else { mag }
    }
}

mod arith;
mod coef;
pub mod format;
pub mod ops;
mod text;

#[cfg(test)]
mod tests;
