//! Values as Python has them: the data every layer above `syntax` passes
//! around. Plain values (numbers, strings, lists, dates…) are variants; ORM
//! objects (instances, models, queries, columns…) are opaque `Obj`s that the
//! layers owning them downcast. This module knows nothing of models or SQL.

pub mod args;
pub mod aware;
pub mod aware_time;
pub mod brace_format;
pub mod bytearray;
pub mod dates;
pub mod dates_iso;
pub mod decimal;

pub mod compare;
pub mod dict;
pub mod dict_methods;
pub mod drop;
mod equality;
pub mod exc_args;
pub mod float;
pub mod format;
pub mod limits;
pub mod list_methods;
pub mod methods;
pub mod numbers;
pub mod ops;
pub mod percent;
pub mod pg_range;
pub mod pystr;
pub mod pyuuid;
pub mod repr;
pub mod str_methods;
pub mod strftime;
pub mod strptime;
pub mod timedelta;
pub mod unicode;

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

pub use dict::Dict;
pub use equality::position;
pub use limits::*;
pub use pystr::PyStr;
pub use pyuuid::UuidBits;

/// An object owned by a higher layer (an ORM instance, a model, a query…).
pub trait Object: Any {
    /// The Python class name, for `type(x)` and error messages.
    fn type_name(&self) -> &str;

    /// The values this object owns, moved out, when its last reference is
    /// dropped: they are freed without recursion (`value::drop`), so a chain
    /// of objects and containers of any depth frees on a flat stack. Objects
    /// that own no values keep the default.
    fn take_values(&mut self) -> Vec<Value> {
        Vec::new()
    }

    /// As [`Object::take_values`], for an object whose contents sit in
    /// cells and that weak references may still name (an ORM instance and
    /// its collections: the identity map holds them weakly), so it cannot
    /// be had mutably: called when the last strong reference is dropped.
    fn release_values(&self) -> Vec<Value> {
        Vec::new()
    }

    /// For an object that stands for a Python class (`int`, `datetime.date`
    /// as ormsh makes them on each use), the class's qualified name: two
    /// such objects with one name are the same class for `is` and `==`.
    fn class_identity(&self) -> Option<&str> {
        None
    }

    /// For an object ormsh makes anew on each use that Python caches as
    /// one (a model's `Mapper`: `db.inspect(User) is User.__mapper__`),
    /// what it stands for: two objects of one type with one key are the
    /// same object for `is`.
    fn cached_identity(&self) -> Option<usize> {
        None
    }

    /// `len(obj)` for an object that is a container (a set): its
    /// truthiness follows it.
    fn py_len(&self) -> Option<usize> {
        None
    }

    /// `self == other` for an object that compares by value (a set);
    /// `None` compares by identity.
    fn py_eq_obj(&self, _other: &dyn Object) -> Option<crate::error::Result<bool>> {
        None
    }

    /// The hash of an object that compares by value (a frozenset), or
    /// the TypeError of an unhashable one (a set); `None` hashes by
    /// identity. Dict keys and set members read it.
    fn value_hash(&self) -> Option<crate::error::Result<i64>> {
        None
    }

    /// For an object that is also a plain value (a member of an
    /// `IntEnum` or `StrEnum`, which subclass `int` and `str`): that value,
    /// which `==` and hashing use.
    fn mixin_value(&self) -> Option<&Value> {
        None
    }

    /// For an object that orders as a tuple of its values (a result
    /// `Row`, whose `<` compares `tuple(self)`): those values.
    fn tuple_values(&self) -> Option<&[Value]> {
        None
    }
}

#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(PyStr),
    Bytes(Rc<[u8]>),
    List(Rc<RefCell<Vec<Value>>>),
    Tuple(Rc<[Value]>),
    /// Insertion-ordered, as Python's dict.
    Dict(Rc<RefCell<Dict>>),
    DateTime(NaiveDateTime),
    /// A `datetime` with a `tzinfo` (`value::aware`), behind a pointer so
    /// that a `Value` stays 24 bytes (issue 17: bytes per loaded instance).
    Aware(Rc<aware::Aware>),
    Date(NaiveDate),
    Time(NaiveTime),
    TimeDelta(TimeDelta),
    /// `decimal.Decimal` (`value::decimal`).
    Decimal(Rc<decimal::Decimal>),
    /// `uuid.UUID`, its 128 bits (as two words: a `u128` is aligned to 16
    /// bytes and would make every `Value` 32).
    Uuid(UuidBits),
    /// `range(start, stop, step)`, iterated lazily; its three numbers
    /// behind a pointer (`Value` stays 24 bytes).
    Range(Rc<(i64, i64, i64)>),
    Obj(Rc<dyn Object>),
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(PyStr::from(s))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::from(items))
    }

    /// `range(start, stop, step)`.
    pub fn range(start: i64, stop: i64, step: i64) -> Value {
        Value::Range(Rc::new((start, stop, step)))
    }

    /// An aware `datetime`.
    pub fn aware(a: aware::Aware) -> Value {
        Value::Aware(Rc::new(a))
    }

    /// A `uuid.UUID` of these 128 bits.
    pub fn uuid(u: u128) -> Value {
        Value::Uuid(UuidBits::from(u))
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
            Value::DateTime(_) | Value::Aware(_) => "datetime",
            Value::Date(_) => "date",
            Value::Time(_) => "time",
            Value::TimeDelta(_) => "timedelta",
            Value::Decimal(_) => "Decimal",
            Value::Uuid(_) => "UUID",
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
            Value::Decimal(d) => !d.is_zero(),
            Value::Range(r) => range_len(r.0, r.1, r.2) > 0,
            Value::DateTime(_)
            | Value::Aware(_)
            | Value::Date(_)
            | Value::Time(_)
            | Value::Uuid(_) => true,
            Value::Obj(o) => o.py_len().is_none_or(|n| n > 0),
        }
    }

    /// The string itself, moved out, or the value back when it is not a
    /// string (`Value` frees itself without recursion, so its parts cannot
    /// be moved out by a pattern): `s + t` appends to `s` in place when
    /// nothing else holds it.
    pub fn into_str(mut self) -> std::result::Result<PyStr, Value> {
        match &mut self {
            Value::Str(s) => Ok(std::mem::take(s)),
            _ => Err(self),
        }
    }

    /// The items of a tuple, or of an object that compares, hashes and
    /// orders as the tuple of its values (a result `Row`).
    pub fn tuple_like(&self) -> Option<&[Value]> {
        match self {
            Value::Tuple(t) => Some(t),
            Value::Obj(o) => o.tuple_values(),
            _ => Option::None,
        }
    }

    /// The integer value of an int or bool.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(*b as i64),
            // A member of an `IntEnum` (or `class C(int, Enum)`) is an int.
            Value::Obj(o) => o.mixin_value().and_then(Value::as_i64),
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
            // A member of a `StrEnum` (or `class C(str, Enum)`) is a str.
            Value::Obj(o) => o.mixin_value().and_then(Value::as_str),
            _ => Option::None,
        }
    }
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
