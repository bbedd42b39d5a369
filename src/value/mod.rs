//! Values as Python has them: the data every layer above `syntax` passes
//! around. Plain values (numbers, strings, lists, dates…) are variants; ORM
//! objects (instances, models, queries, columns…) are opaque `Obj`s that the
//! layers owning them downcast. This module knows nothing of models or SQL.

pub mod args;
pub mod brace_format;
pub mod dates;
pub mod dict;
pub mod float;
pub mod format;
pub mod list_methods;
pub mod ops;
pub mod repr;
pub mod str_methods;
pub mod unicode;

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

pub use dict::Dict;

/// The longest string or sequence ormsh will build (Python would try and
/// run out of memory; ormsh refuses at once with a MemoryError).
pub const MAX_LEN: usize = 100_000_000;

/// Refuse a result longer than [`MAX_LEN`].
pub fn check_len(n: usize) -> crate::error::Result<()> {
    if n > MAX_LEN {
        return Err(crate::error::Error::new(
            crate::error::ErrorKind::MemoryError,
            format!("a result of {n} items is more than ormsh builds (at most {MAX_LEN})"),
        ));
    }
    Ok(())
}

/// An object owned by a higher layer (an ORM instance, a model, a query…).
pub trait Object: Any {
    /// The Python class name, for `type(x)` and error messages.
    fn type_name(&self) -> &str;
}

#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    List(Rc<RefCell<Vec<Value>>>),
    Tuple(Rc<[Value]>),
    /// Insertion-ordered, as Python's dict.
    Dict(Rc<RefCell<Dict>>),
    DateTime(NaiveDateTime),
    Date(NaiveDate),
    Time(NaiveTime),
    TimeDelta(TimeDelta),
    /// `range(start, stop, step)`, iterated lazily.
    Range(i64, i64, i64),
    Obj(Rc<dyn Object>),
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::from(items))
    }

    pub fn obj<T: Object>(o: T) -> Value {
        Value::Obj(Rc::new(o))
    }

    /// The object as `T` when it is one.
    pub fn downcast<T: Object>(&self) -> Option<Rc<T>> {
        match self {
            Value::Obj(o) => {
                let any: Rc<dyn Any> = o.clone();
                any.downcast::<T>().ok()
            }
            _ => None,
        }
    }

    /// Is the object a `T`? (without cloning the Rc)
    pub fn is<T: Object>(&self) -> bool {
        match self {
            Value::Obj(o) => {
                let any: &dyn Any = o.as_ref();
                any.is::<T>()
            }
            _ => false,
        }
    }

    /// Python's class name of the value.
    pub fn type_name(&self) -> &str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Bytes(_) => "bytes",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::DateTime(_) => "datetime",
            Value::Date(_) => "date",
            Value::Time(_) => "time",
            Value::TimeDelta(_) => "timedelta",
            Value::Range(..) => "range",
            Value::Obj(o) => o.type_name(),
        }
    }

    /// Python truthiness for plain values; objects are true.
    pub fn truthy(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.borrow().is_empty(),
            Value::TimeDelta(d) => !d.is_zero(),
            Value::Range(start, stop, step) => range_len(*start, *stop, *step) > 0,
            Value::DateTime(_) | Value::Date(_) | Value::Time(_) | Value::Obj(_) => true,
        }
    }

    /// Python `==` on plain values (numbers compare across int/float/bool,
    /// containers element-wise); objects compare by identity.
    pub fn py_eq(&self, other: &Value) -> bool {
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
            (Str(a), Str(b)) => a == b,
            (Bytes(a), Bytes(b)) => a == b,
            (List(a), List(b)) => Rc::ptr_eq(a, b) || seq_eq(&a.borrow(), &b.borrow()),
            (Tuple(a), Tuple(b)) => seq_eq(a, b),
            (Dict(a), Dict(b)) => {
                let (a, b) = (a.borrow(), b.borrow());
                a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| v.py_eq(w)))
            }
            (DateTime(a), DateTime(b)) => a == b,
            (Date(a), Date(b)) => a == b,
            (Time(a), Time(b)) => a == b,
            (TimeDelta(a), TimeDelta(b)) => a == b,
            (Range(a, b, c), Range(d, e, f)) => (a, b, c) == (d, e, f),
            (Obj(a), Obj(b)) => same_object(a, b),
            _ => false,
        }
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
            (Str(a), Str(b)) => Rc::ptr_eq(a, b) || a == b,
            _ => false,
        }
    }

    /// The integer value of an int or bool.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(*b as i64),
            _ => Option::None,
        }
    }

    /// The numeric value of an int, bool or float.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Bool(b) => Some(*b as i64 as f64),
            Value::Float(f) => Some(*f),
            _ => Option::None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => Option::None,
        }
    }
}

fn seq_eq(a: &[Value], b: &[Value]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.py_eq(y))
}

fn same_object(a: &Rc<dyn Object>, b: &Rc<dyn Object>) -> bool {
    std::ptr::addr_eq(Rc::as_ptr(a), Rc::as_ptr(b))
}

/// Number of elements of `range(start, stop, step)` (step != 0).
pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    let (start, stop, step) = (start as i128, stop as i128, step as i128);
    let n = if step > 0 {
        (stop - start + step - 1) / step
    } else {
        (start - stop - step - 1) / -step
    };
    n.max(0) as i64
}
