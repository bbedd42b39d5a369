//! psycopg2's range values (`psycopg2.extras.Range` and its subclasses):
//! what a PostgreSQL `int4range`, `int8range`, `numrange` (`NumericRange`),
//! `daterange` (`DateRange`), `tsrange` (`DateTimeRange`) or `tstzrange`
//! (`DateTimeTZRange`) cell reads as. `repr` is
//! `NumericRange(1, 5, '[)')`, or `NumericRange(empty=True)`; `str` is
//! `[1, 5)`, or `empty`; two ranges are equal when their class, bounds
//! and bound kinds are.

use crate::error::Result;
use crate::value::{Object, Value};

/// One range value as psycopg2 gives it.
pub struct PgRange {
    /// psycopg2's class: `NumericRange`, `DateRange`, `DateTimeRange`,
    /// `DateTimeTZRange`.
    pub class: &'static str,
    /// `None` for the empty range; else the lower bound (`None` when
    /// unbounded), the upper, and the bounds' text (`'[)'`, `'()'`, …).
    pub bounds: Option<(Value, Value, &'static str)>,
}

impl Object for PgRange {
    fn type_name(&self) -> &str {
        self.class
    }

    fn py_eq_obj(&self, other: &dyn Object) -> Option<Result<bool>> {
        let other = (other as &dyn std::any::Any).downcast_ref::<PgRange>()?;
        if self.class != other.class {
            return Some(Ok(false));
        }
        Some(match (&self.bounds, &other.bounds) {
            (None, None) => Ok(true),
            (Some((a, b, k)), Some((c, d, l))) => {
                if k != l {
                    return Some(Ok(false));
                }
                a.py_eq(c).and_then(|x| Ok(x && b.py_eq(d)?))
            }
            _ => Ok(false),
        })
    }
}

/// The bounds text psycopg2 keeps for a range whose lower bound is
/// inclusive or not, and upper likewise: `'[)'`, `'[]'`, `'()'`, `'(]'`.
pub fn bounds_text(lower_inc: bool, upper_inc: bool) -> &'static str {
    match (lower_inc, upper_inc) {
        (true, false) => "[)",
        (true, true) => "[]",
        (false, false) => "()",
        (false, true) => "(]",
    }
}

/// `repr(r)` as psycopg2's `Range.__repr__`, each bound shown by `show`.
pub fn repr(r: &PgRange, show: &mut dyn FnMut(&Value) -> Result<String>) -> Result<String> {
    Ok(match &r.bounds {
        None => format!("{}(empty=True)", r.class),
        Some((lo, hi, kind)) => format!("{}({}, {}, '{kind}')", r.class, show(lo)?, show(hi)?),
    })
}

/// `str(r)` as psycopg2's `Range.__str__`: `[1, 5)`, each bound by `show`
/// (Python's `str`), `empty` for the empty range.
pub fn str(r: &PgRange, show: &mut dyn FnMut(&Value) -> Result<String>) -> Result<String> {
    Ok(match &r.bounds {
        None => "empty".to_string(),
        Some((lo, hi, kind)) => {
            let (open, close) = kind.split_at(1);
            format!("{open}{}, {}{close}", show(lo)?, show(hi)?)
        }
    })
}
