//! Python's `==` and `is` between values: `Value::py_eq` (containers
//! element-wise, with Python's recursion limit), the yes-or-no forms a
//! flush and a dict need (`same_value`, `key_eq`), the item test of `in`
//! and `index` (`same_or_eq`, `position`), and `Value::py_is`.

use std::rc::Rc;

use super::{Dict, Object, PyStr, Value, aware, decimal};

impl Value {
    /// Python `==` on plain values (numbers compare across int/float/bool,
    /// containers element-wise, a container is equal to itself); objects
    /// compare by identity. Each nested container is a level of Python's
    /// recursion: comparing two lists that contain themselves, or two lists
    /// nested deeper than the limit, is Python's `RecursionError` ("maximum
    /// recursion depth exceeded in comparison").
    pub fn py_eq(&self, other: &Value) -> crate::error::Result<bool> {
        use Value::*;
        Ok(match (self, other) {
            (List(a), List(b)) => {
                Rc::ptr_eq(a, b) || {
                    let (a, b) = (a.borrow(), b.borrow());
                    a.len() == b.len() && in_comparison(|| seq_eq(&a, &b))?
                }
            }
            (Tuple(a), Tuple(b)) => {
                Rc::ptr_eq(a, b) || (a.len() == b.len() && in_comparison(|| seq_eq(a, b))?)
            }
            // A result `Row` is equal to the tuple of its values, and to
            // another row of equal values (SQLAlchemy's `Row.__eq__`).
            (Tuple(_) | Obj(_), Tuple(_) | Obj(_))
                if let (Some(a), Some(b)) = (self.tuple_like(), other.tuple_like()) =>
            {
                a.len() == b.len() && in_comparison(|| seq_eq(a, b))?
            }
            (Dict(a), Dict(b)) => {
                Rc::ptr_eq(a, b) || {
                    let (a, b) = (a.borrow(), b.borrow());
                    a.len() == b.len() && in_comparison(|| dict_eq(&a, &b))?
                }
            }
            (Obj(a), _) if let Some(v) = a.mixin_value() => v.py_eq(other)?,
            (_, Obj(b)) if let Some(v) = b.mixin_value() => self.py_eq(v)?,
            (Obj(a), Obj(b)) => match a.py_eq_obj(&**b) {
                Some(r) => r?,
                Option::None => same_object(a, b),
            },
            _ => self.scalar_eq(other),
        })
    }

    /// `==` where a yes or no must be had (has a column value changed? are
    /// two rows the same?): a comparison that Python could not finish (a
    /// `RecursionError` between self-containing JSON values) counts as
    /// unequal, so the value is written rather than silently kept.
    pub fn same_value(&self, other: &Value) -> bool {
        self.py_eq(other).unwrap_or(false)
    }

    /// Python's test for the item looked for by `in`, `index`, `count` and
    /// `remove`: the same object, or equal (so `x in [x]` holds even for a
    /// list that contains itself).
    pub fn same_or_eq(&self, other: &Value) -> crate::error::Result<bool> {
        Ok(self.py_is(other) || self.py_eq(other)?)
    }

    /// `==` of everything but lists, tuples and dicts (those compare as
    /// different containers here; `py_eq` looks inside them).
    fn scalar_eq(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (None, None) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(_) | Bool(_) | Float(_), Int(_) | Bool(_) | Float(_)) => {
                match (self.as_i64(), other.as_i64()) {
                    (Some(a), Some(b)) => a == b,
                    _ => self.as_f64() == other.as_f64(),
                }
            }
            (Decimal(_), Int(_) | Bool(_) | Float(_) | Decimal(_))
            | (Int(_) | Bool(_) | Float(_), Decimal(_)) => {
                decimal::ops::num_cmp(self, other) == Some(std::cmp::Ordering::Equal)
            }
            (Uuid(a), Uuid(b)) => a == b,
            (Str(a), Str(b)) => a == b,
            (Bytes(a), Bytes(b)) => a == b,
            (DateTime(a), DateTime(b)) => a == b,
            (Aware(_), Aware(_) | DateTime(_)) | (DateTime(_), Aware(_)) => {
                aware::eq(self, other).unwrap_or(false)
            }
            (Date(a), Date(b)) => a == b,
            (Time(a), Time(b)) => a == b,
            (TimeDelta(a), TimeDelta(b)) => a == b,
            (Range(a), Range(b)) => a == b,
            (Obj(a), Obj(b)) => same_object(a, b),
            _ => false,
        }
    }

    /// `==` of two dict keys. Keys are hashable (`compare::check_hashable`
    /// holds at every insertion), so they nest only through tuples and never
    /// contain themselves: compared without recursion, this cannot fail.
    pub fn key_eq(&self, other: &Value) -> bool {
        let mut pairs = vec![(self, other)];
        while let Some((a, b)) = pairs.pop() {
            match (a, b) {
                (Value::Obj(x), _) if let Some(v) = x.mixin_value() => pairs.push((v, b)),
                (_, Value::Obj(y)) if let Some(v) = y.mixin_value() => pairs.push((a, v)),
                (Value::Tuple(x), Value::Tuple(y)) => {
                    if Rc::ptr_eq(x, y) {
                        continue;
                    }
                    if x.len() != y.len() {
                        return false;
                    }
                    pairs.extend(x.iter().zip(y.iter()));
                }
                (Value::Tuple(_) | Value::Obj(_), Value::Tuple(_) | Value::Obj(_))
                    if let (Some(x), Some(y)) = (a.tuple_like(), b.tuple_like()) =>
                {
                    if x.len() != y.len() {
                        return false;
                    }
                    pairs.extend(x.iter().zip(y.iter()));
                }
                // Never keys (unhashable): the same container or not.
                (Value::List(x), Value::List(y)) => {
                    if !Rc::ptr_eq(x, y) {
                        return false;
                    }
                }
                (Value::Dict(x), Value::Dict(y)) => {
                    if !Rc::ptr_eq(x, y) {
                        return false;
                    }
                }
                (Value::Obj(x), Value::Obj(y)) => {
                    let eq = match x.py_eq_obj(&**y) {
                        Some(r) => r.unwrap_or(false),
                        Option::None => same_object(x, y),
                    };
                    if !eq {
                        return false;
                    }
                }
                _ => {
                    if !a.scalar_eq(b) {
                        return false;
                    }
                }
            }
        }
        true
    }

    /// Python `is`: identity for objects and containers, equality for
    /// immutable scalars (as CPython's small-value caching makes it appear).
    pub fn py_is(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (None, None) => true,
            (Bool(a), Bool(b)) => a == b,
            (List(a), List(b)) => Rc::ptr_eq(a, b),
            (Dict(a), Dict(b)) => Rc::ptr_eq(a, b),
            (Obj(a), Obj(b)) => same_object(a, b),
            (Int(a), Int(b)) => a == b,
            (Str(a), Str(b)) => PyStr::ptr_eq(a, b) || a == b,
            _ => false,
        }
    }
}

/// Where `x` first is in `items` (see `Value::same_or_eq`).
pub fn position(items: &[Value], x: &Value) -> crate::error::Result<Option<usize>> {
    for (i, v) in items.iter().enumerate() {
        if v.same_or_eq(x)? {
            return Ok(Some(i));
        }
    }
    Ok(Option::None)
}

/// One level deeper in a comparison (see `stack::nested`).
fn in_comparison<R>(f: impl FnOnce() -> crate::error::Result<R>) -> crate::error::Result<R> {
    crate::stack::nested("in comparison", f)
}

/// Item-wise `==` of two sequences of the same length.
fn seq_eq(a: &[Value], b: &[Value]) -> crate::error::Result<bool> {
    for (x, y) in a.iter().zip(b) {
        if !x.py_eq(y)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `==` of two dicts of the same size: every key of `a` in `b` with an
/// equal value.
fn dict_eq(a: &Dict, b: &Dict) -> crate::error::Result<bool> {
    for (k, v) in a.iter() {
        match b.get(k) {
            Some(w) if v.py_eq(w)? => {}
            _ => return Ok(false),
        }
    }
    Ok(true)
}

fn same_object(a: &Rc<dyn Object>, b: &Rc<dyn Object>) -> bool {
    std::ptr::addr_eq(Rc::as_ptr(a), Rc::as_ptr(b))
        || matches!((a.class_identity(), b.class_identity()), (Some(x), Some(y)) if x == y)
        || matches!((a.cached_identity(), b.cached_identity()),
            (Some(x), Some(y)) if x == y && a.type_name() == b.type_name())
}
