//! A `Decimal`'s coefficient as it is kept: a `u64` inline, or a boxed
//! `BigUint` when it does not fit (issue 17, bytes per loaded instance).

use std::borrow::Cow;

use num_bigint::BigUint;
use num_traits::ToPrimitive;

/// A coefficient: inline when it fits 64 bits, a boxed `BigUint` beyond.
/// The arithmetic reads it as a `BigUint` ([`Coef::get`]).
#[derive(Clone, Debug)]
pub(super) enum Coef {
    Small(u64),
    Big(Box<BigUint>),
}

impl Coef {
    pub(super) fn of(c: BigUint) -> Coef {
        match c.to_u64() {
            Some(u) => Coef::Small(u),
            None => Coef::Big(Box::new(c)),
        }
    }

    pub(super) fn get(&self) -> Cow<'_, BigUint> {
        match self {
            Coef::Small(u) => Cow::Owned(BigUint::from(*u)),
            Coef::Big(b) => Cow::Borrowed(b),
        }
    }

    pub(super) fn is_zero(&self) -> bool {
        matches!(self, Coef::Small(0))
    }
}
