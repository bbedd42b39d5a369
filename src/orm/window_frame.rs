//! The frame of a window function: `over(rows=(None, 0))`, `range_=`,
//! `groups=` and `exclude=`, read as SQLAlchemy's `Over.__init__` and
//! `FrameClause._parse` read them (a 2-tuple of ints or `None`: `None`
//! unbounded, `0` the current row, `-n` n preceding, `n` n following).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::window::OverArgs;
use crate::sql::window::{Frame, FrameBound, FrameUnit};
use crate::value::Value;

/// A keyword's value unless absent or `None`.
fn given(v: &Option<Value>) -> Option<&Value> {
    v.as_ref().filter(|v| !matches!(v, Value::None))
}

/// `Over`'s frame, if one of `rows`, `range_` or `groups` is given.
pub fn frame(args: &OverArgs) -> Result<Option<Frame>> {
    let units = [
        (given(&args.range_), FrameUnit::Range),
        (given(&args.rows), FrameUnit::Rows),
        (given(&args.groups), FrameUnit::Groups),
    ];
    let mut present = units.iter().filter(|(v, _)| v.is_some());
    let first = present.next();
    if present.next().is_some() {
        return Err(Error::new(
            ErrorKind::ArgumentError,
            "only one of 'rows', 'range_', or 'groups' may be provided",
        ));
    }
    let exclude = match given(&args.exclude) {
        None => None,
        Some(Value::Str(s)) => Some(exclude_phrase(s.as_str())?),
        Some(other) => {
            return Err(Error::type_(format!(
                "exclude must be a str such as 'CURRENT ROW', not {}",
                other.type_name()
            )));
        }
    };
    let Some((Some(v), unit)) = first else {
        if exclude.is_some() {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                "'exclude' requires that one of 'rows', 'range_', or 'groups' is also specified",
            ));
        }
        return Ok(None);
    };
    let (lo, hi) = pair(v)?;
    Ok(Some(Frame {
        unit: *unit,
        lower: FrameBound::of(offset(&lo, *unit)?),
        upper: FrameBound::of(offset(&hi, *unit)?),
        exclude,
    }))
}

/// The two ends of a frame tuple (any sequence of two).
fn pair(v: &Value) -> Result<(Value, Value)> {
    let items = match v {
        Value::Tuple(t) => t.to_vec(),
        Value::List(l) => l.borrow().clone(),
        _ => Vec::new(),
    };
    match <[Value; 2]>::try_from(items) {
        Ok([a, b]) => Ok((a, b)),
        Err(_) => Err(Error::new(
            ErrorKind::ArgumentError,
            "2-tuple expected for range/rows/groups",
        )
        .with_help("give two ends, e.g. rows=(None, 0) for UNBOUNDED PRECEDING AND CURRENT ROW")),
    }
}

/// `FrameClause._handle_int`: `None`, or an int (`rows`/`groups` coerce
/// their values with `int()`; `range_` takes ints only).
fn offset(v: &Value, unit: FrameUnit) -> Result<Option<i64>> {
    if matches!(v, Value::None) {
        return Ok(None);
    }
    if let Some(i) = v.as_i64() {
        return Ok(Some(i));
    }
    if unit == FrameUnit::Range {
        return Err(Error::new(
            ErrorKind::ArgumentError,
            "When using a tuple to specify a range only integer or none values are allowed in the range frame. To specify a different type use the FrameClause directly.",
        ));
    }
    let coerced = match v {
        Value::Float(f) if f.is_finite() && f.abs() < 9.2e18 => Some(f.trunc() as i64),
        Value::Str(s) => s.as_str().trim().parse::<i64>().ok(),
        _ => None,
    };
    coerced.map(Some).ok_or_else(|| {
        Error::new(
            ErrorKind::ArgumentError,
            "Integer or None expected for values in rows/groups frame",
        )
    })
}

/// `EXCLUDE …`: one of the phrases SQLAlchemy's compiler accepts
/// (`_WINDOW_EXCLUDE_RE`), as given.
fn exclude_phrase(s: &str) -> Result<Rc<str>> {
    const PHRASES: [&str; 4] = ["CURRENT ROW", "GROUP", "TIES", "NO OTHERS"];
    if PHRASES.iter().any(|p| p.eq_ignore_ascii_case(s)) {
        Ok(Rc::from(s))
    } else {
        Err(Error::new(
            ErrorKind::CompileError,
            format!("Unexpected SQL phrase: {s:?} for EXCLUDE"),
        )
        .with_help("exclude= takes 'CURRENT ROW', 'GROUP', 'TIES' or 'NO OTHERS'"))
    }
}
