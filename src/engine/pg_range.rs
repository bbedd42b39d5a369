//! psycopg2's typecasters for PostgreSQL's range and bit-string types: a
//! range cell (`int4range`, `int8range`, `numrange`, `daterange`,
//! `tsrange`, `tstzrange`) as the `psycopg2.extras` `Range` value psycopg2
//! gives (`NumericRange`, `DateRange`, `DateTimeRange`,
//! `DateTimeTZRange`: `value::pg_range`), and a `bit`/`varbit` cell as the
//! text of its bits (`'101'`), as psycopg2 leaves it.

use postgres::types::Type;

use super::pg_native::{BoxError, be};
use crate::value::Value;
use crate::value::pg_range::{PgRange, bounds_text};

/// The range's binary form: a flags byte, then each bound that is not
/// infinite as a length and its subtype's binary form.
const EMPTY: u8 = 0x01;
const LB_INC: u8 = 0x02;
const UB_INC: u8 = 0x04;
const LB_INF: u8 = 0x08;
const UB_INF: u8 = 0x10;

/// psycopg2's class for a range of `sub`.
fn class(sub: &Type) -> &'static str {
    match *sub {
        Type::DATE => "DateRange",
        Type::TIMESTAMP => "DateTimeRange",
        Type::TIMESTAMPTZ => "DateTimeTZRange",
        // int4range, int8range, numrange (and a user's range of another
        // number type).
        _ => "NumericRange",
    }
}

/// A range cell of subtype `sub`, its bounds read by `elem` (the
/// typecaster of the subtype).
pub(super) fn range(
    sub: &Type,
    raw: &[u8],
    elem: fn(&Type, &[u8]) -> Result<Value, BoxError>,
) -> Result<Value, BoxError> {
    let flags = *raw.first().ok_or("short range")?;
    let class = class(sub);
    if flags & EMPTY != 0 {
        return Ok(Value::obj(PgRange {
            class,
            bounds: None,
        }));
    }
    let mut at = 1;
    let mut bound = |infinite: bool| -> Result<Value, BoxError> {
        if infinite {
            return Ok(Value::None);
        }
        let len = be(raw.get(at..).ok_or("short range")?, 4)?;
        let len = usize::try_from(len).map_err(|_| "bad range")?;
        at += 4;
        let bytes = raw.get(at..at + len).ok_or("short range")?;
        at += len;
        elem(sub, bytes)
    };
    let lower = bound(flags & LB_INF != 0)?;
    let upper = bound(flags & UB_INF != 0)?;
    Ok(Value::obj(PgRange {
        class,
        bounds: Some((
            lower,
            upper,
            bounds_text(flags & LB_INC != 0, flags & UB_INC != 0),
        )),
    }))
}

/// A `bit`/`varbit` cell (the number of bits, then the bits, most
/// significant first) as its text of `0`s and `1`s.
pub(super) fn bits(raw: &[u8]) -> Result<String, BoxError> {
    let n = usize::try_from(be(raw, 4)?).map_err(|_| "bad bit string")?;
    let bytes = raw.get(4..).ok_or("short bit string")?;
    if bytes.len() * 8 < n {
        return Err("short bit string".into());
    }
    Ok((0..n)
        .map(|i| {
            if bytes[i / 8] & (0x80 >> (i % 8)) != 0 {
                '1'
            } else {
                '0'
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_read_most_significant_first() {
        // B'101' and B'100000001'
        assert_eq!(bits(&[0, 0, 0, 3, 0b1010_0000]).unwrap(), "101");
        assert_eq!(bits(&[0, 0, 0, 9, 0x80, 0x80]).unwrap(), "100000001");
        assert_eq!(bits(&[0, 0, 0, 0]).unwrap(), "");
        assert!(bits(&[0, 0, 0, 9, 0x80]).is_err());
    }

    #[test]
    fn range_bounds_and_flags() {
        fn int(_: &Type, raw: &[u8]) -> Result<Value, BoxError> {
            be(raw, 4).map(Value::Int)
        }
        // '[1,5)': lower inclusive, both bounded.
        let raw = [LB_INC, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0, 5];
        let v = range(&Type::INT4, &raw, int).unwrap();
        let r = v.downcast::<PgRange>().unwrap();
        let (lo, hi, kind) = r.bounds.as_ref().unwrap();
        assert!(matches!(
            (lo, hi, *kind),
            (Value::Int(1), Value::Int(5), "[)")
        ));
        // '(,)': both infinite, neither inclusive.
        let v = range(&Type::INT8, &[LB_INF | UB_INF], int).unwrap();
        let r = v.downcast::<PgRange>().unwrap();
        assert!(matches!(
            r.bounds.as_ref().unwrap(),
            (Value::None, Value::None, "()")
        ));
        let v = range(&Type::DATE, &[EMPTY], int).unwrap();
        let r = v.downcast::<PgRange>().unwrap();
        assert_eq!(r.class, "DateRange");
        assert!(r.bounds.is_none());
        assert!(range(&Type::INT4, &[LB_INC, 0, 0], int).is_err());
    }
}
