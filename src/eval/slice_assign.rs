//! Slice assignment and deletion on lists, as CPython's
//! `list_ass_subscript`: `xs[1:3] = items` replaces a run (any length),
//! `xs[::2] = items` an extended slice item by item (the lengths must
//! match), `del xs[1:3]` and `del xs[::2]` remove them. The bounds are
//! `PySlice_AdjustIndices`'s.

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::syntax::ast::Expr;
use crate::value::Value;

/// A slice's `start`, `stop`, `step` as written (None when left out).
pub(crate) struct SliceArgs {
    lo: Option<i64>,
    hi: Option<i64>,
    step: Option<i64>,
}

/// The positions a slice of a sequence of `len` items selects:
/// CPython's `PySlice_AdjustIndices` (start, step, count).
fn positions(s: &SliceArgs, len: usize) -> Result<(i64, i64, usize)> {
    let step = s.step.unwrap_or(1);
    if step == 0 {
        return Err(Error::value("slice step cannot be zero"));
    }
    let n = len as i64;
    let clamp = |v: i64| {
        if v < 0 {
            (v.saturating_add(n)).max(if step < 0 { -1 } else { 0 })
        } else {
            v.min(if step < 0 { n - 1 } else { n })
        }
    };
    let (start, stop) = if step > 0 {
        (s.lo.map_or(0, clamp), s.hi.map_or(n, clamp))
    } else {
        (s.lo.map_or(n - 1, clamp), s.hi.map_or(-1, clamp))
    };
    let count = if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && stop < start {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    Ok((start, step, count as usize))
}

/// The item indices of an extended slice, ascending.
fn picked(start: i64, step: i64, count: usize) -> Vec<usize> {
    let mut at: Vec<usize> = (0..count as i64)
        .map(|k| (start + k * step) as usize)
        .collect();
    at.sort_unstable();
    at
}

fn not_list(obj: &Value, what: &str) -> Error {
    if obj.is::<crate::orm::relation::Collection>() {
        return Error::new(
            ErrorKind::NotImplementedError,
            format!("ormsh does not support slice {what} on a relationship collection"),
        )
        .with_help("append(), remove() or assign the whole list: obj.rel = [...]");
    }
    let verb = if what == "assignment" {
        "item assignment"
    } else {
        "item deletion"
    };
    Error::type_(format!(
        "'{}' object does not support {verb}",
        obj.type_name()
    ))
}

impl Interp {
    /// The bounds of `a[lo:hi:step]`, evaluated (integers or None).
    pub(crate) fn slice_args(
        &mut self,
        lo: &Option<Box<Expr>>,
        hi: &Option<Box<Expr>>,
        step: &Option<Box<Expr>>,
    ) -> Result<SliceArgs> {
        let mut int = |e: &Option<Box<Expr>>| -> Result<Option<i64>> {
            match self.eval_opt(e)? {
                None | Some(Value::None) => Ok(None),
                Some(v) => v.as_i64().map(Some).ok_or_else(|| {
                    Error::type_(
                        "slice indices must be integers or None or have an __index__ method",
                    )
                }),
            }
        };
        Ok(SliceArgs {
            lo: int(lo)?,
            hi: int(hi)?,
            step: int(step)?,
        })
    }

    /// `obj[lo:hi:step] = v`.
    pub(crate) fn assign_slice(&mut self, obj: &Value, s: &SliceArgs, v: &Value) -> Result<()> {
        let Value::List(l) = obj else {
            return Err(not_list(obj, "assignment"));
        };
        let extended = s.step.is_some_and(|st| st != 1);
        let items = self.to_vec(v).map_err(|e| {
            if e.kind == ErrorKind::TypeError {
                Error::type_(if extended {
                    "must assign iterable to extended slice"
                } else {
                    "can only assign an iterable"
                })
            } else {
                e
            }
        })?;
        let len = l.borrow().len();
        let (start, step, count) = positions(s, len)?;
        if !extended {
            let start = start.max(0) as usize;
            let stop = start + count;
            crate::value::reserve_items((len - count).saturating_add(items.len()))?;
            l.borrow_mut().splice(start..stop, items);
            return Ok(());
        }
        if items.len() != count {
            return Err(Error::value(format!(
                "attempt to assign sequence of size {} to extended slice of size {count}",
                items.len()
            )));
        }
        let mut list = l.borrow_mut();
        for (k, item) in items.into_iter().enumerate() {
            list[(start + k as i64 * step) as usize] = item;
        }
        Ok(())
    }

    /// `del obj[lo:hi:step]`.
    pub(crate) fn delete_slice(&mut self, obj: &Value, s: &SliceArgs) -> Result<()> {
        let Value::List(l) = obj else {
            return Err(not_list(obj, "deletion"));
        };
        let len = l.borrow().len();
        let (start, step, count) = positions(s, len)?;
        if count == 0 {
            return Ok(());
        }
        if step == 1 {
            let start = start as usize;
            l.borrow_mut().drain(start..start + count);
            return Ok(());
        }
        let at = picked(start, step, count);
        let (mut k, mut i) = (0, 0);
        l.borrow_mut().retain(|_| {
            let keep = at.get(k) != Some(&i);
            k += usize::from(!keep);
            i += 1;
            keep
        });
        Ok(())
    }
}
