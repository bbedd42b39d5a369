//! Python's `hash()`: numbers hash as CPython hashes them (modulo the
//! Mersenne prime 2**61 - 1, so `hash(1) == hash(1.0) == hash(Decimal(1))`
//! and `hash(-1) == -2`), tuples with CPython's xxHash-style combination of
//! their items' hashes, and lists, dicts and sets are unhashable. Strings,
//! bytes, dates and objects hash by content or identity; CPython salts
//! those per process (`PYTHONHASHSEED`), so only their equality is
//! meaningful, as in Python.

use std::hash::{Hash, Hasher};

use num_bigint::BigUint;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::value::Value;

/// CPython's `_PyHASH_MODULUS`.
const P: u64 = (1 << 61) - 1;

/// `hash(n)` of an int.
fn int_hash(n: i64) -> i64 {
    let h = (n.unsigned_abs() % P) as i64;
    fix(if n < 0 { -h } else { h })
}

/// `-1` is CPython's error return: hashes that come out as it are `-2`.
fn fix(h: i64) -> i64 {
    if h == -1 { -2 } else { h }
}

/// `2**e` modulo P, for any `e` (2**61 is 1 modulo P).
fn pow2(e: i64) -> u128 {
    1u128 << e.rem_euclid(61)
}

/// `hash(x)` of a float: the exact rational `m * 2**e` modulo P.
fn float_hash(f: f64) -> i64 {
    if f.is_infinite() {
        return if f > 0.0 { 314_159 } else { -314_159 };
    }
    if f.is_nan() || f == 0.0 {
        return 0;
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (m, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp - 1075)
    };
    let h = ((m as u128 % P as u128) * pow2(e) % P as u128) as i64;
    fix(if f < 0.0 { -h } else { h })
}

/// `hash(Decimal)`: the coefficient times 10**exp modulo P (a negative
/// exponent through the inverse of 10).
fn decimal_hash(d: &crate::value::decimal::Decimal) -> i64 {
    let (neg, coef, exp) = d.parts();
    let p = BigUint::from(P);
    let ten = BigUint::from(10u32);
    let exp_hash = if exp >= 0 {
        ten.modpow(&BigUint::from(exp as u64), &p)
    } else {
        let inv = ten.modpow(&BigUint::from(P - 2), &p);
        inv.modpow(&BigUint::from(exp.unsigned_abs()), &p)
    };
    let h = (&*coef * exp_hash) % &p;
    let h = u64::try_from(&h).unwrap_or(0) as i64;
    fix(if neg { -h } else { h })
}

/// CPython's tuple hash over its items' hashes.
fn tuple_hash(items: &[i64]) -> i64 {
    const XX1: u64 = 11_400_714_785_074_694_791;
    const XX2: u64 = 14_029_467_366_897_019_727;
    const XX5: u64 = 2_870_177_450_012_600_261;
    let mut acc = XX5;
    for &lane in items {
        acc = acc.wrapping_add((lane as u64).wrapping_mul(XX2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XX1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (XX5 ^ 3_527_539));
    if acc == u64::MAX {
        return 1_546_275_796;
    }
    acc as i64
}

/// A content hash for values CPython salts per process.
fn salted(v: &impl Hash) -> i64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    v.hash(&mut h);
    fix(h.finish() as i64)
}

/// The hash of a tuple of these items.
fn items_hash(t: &[Value]) -> Result<i64> {
    let mut hs = Vec::with_capacity(t.len());
    for x in t {
        hs.push(crate::stack::grow(|| py_hash(x))?);
    }
    Ok(tuple_hash(&hs))
}

/// Python's `hash(v)`.
pub fn py_hash(v: &Value) -> Result<i64> {
    Ok(match v {
        Value::None => salted(&"None"),
        Value::Bool(b) => *b as i64,
        Value::Int(n) => int_hash(*n),
        Value::Float(f) => float_hash(*f),
        Value::Decimal(d) => decimal_hash(d),
        Value::Uuid(u) => {
            // `hash(self.int)`: the 128-bit int modulo P.
            fix((u.get() % P as u128) as i64)
        }
        Value::Str(s) => salted(&s.as_str()),
        Value::Bytes(b) => salted(&b),
        Value::DateTime(d) => salted(d),
        // By instant: equal aware datetimes in different zones hash alike.
        Value::Aware(a) => salted(&("aware", a.instant())),
        Value::Date(d) => salted(d),
        Value::Time(t) => salted(t),
        Value::TimeDelta(t) => salted(t),
        Value::Range(r) => salted(&(r.0, r.1, r.2)),
        Value::Tuple(t) => items_hash(t)?,
        // A `Row` hashes as the tuple of its values (`hash(self._data)`).
        Value::Obj(o) if let Some(t) = o.tuple_values() => items_hash(t)?,
        Value::List(_) | Value::Dict(_) => {
            return Err(Error::type_(format!(
                "unhashable type: '{}'",
                v.type_name()
            )));
        }
        // Model instances, SQL expressions and the other objects hash by
        // identity, as Python's `object.__hash__`.
        // An unhashable object (a bytearray) refuses before its mixin value.
        Value::Obj(o) if let Some(Err(e)) = o.value_hash() => return Err(e),
        Value::Obj(o) if let Some(m) = o.mixin_value() => return py_hash(m),
        Value::Obj(o) => match o.value_hash() {
            Some(h) => h?,
            None => fix(((std::rc::Rc::as_ptr(o) as *const () as usize) >> 4) as i64),
        },
    })
}

/// `hash(x)`.
pub(crate) fn hash(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    py_hash(&a.pos[0])
        .map(Value::Int)
        .map_err(|e| e.at(a.span_of(0)))
}
