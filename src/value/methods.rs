//! The method tables of the plain value types (`str`, `list`, `tuple`,
//! `dict`): each type declares its methods once, as a [`Methods`] table of
//! [`Method`] entries — name, how the arguments bind (CPython's wording,
//! `value::args::Call::bind`), whether it changes the receiver in place,
//! one line of doc, and the body. Calls, "did you mean", completion and
//! declaration mode (which refuses in-place changes) all read these
//! tables; the interpreter shows them as classes (`eval::surface::values`).
//!
//! Adding a method is one entry in one table, for example in `STR`:
//!
//! ```ignore
//! Method::new("upper", NO_ARGS, |s, _, _, _| Ok(Value::str(&s.to_uppercase())),
//!     "Return a copy of the string converted to uppercase."),
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::Result;
use crate::value::args::{Arity, Call};
use crate::value::repr::Host;
use crate::value::{Dict, PyStr, Value};

pub use crate::value::dict_methods::DICT;
pub use crate::value::list_methods::{LIST, TUPLE};
pub use crate::value::str_methods::STR;

/// A method's body: the receiver, the call (name, type name and the
/// arguments as given), the arguments bound to the entry's parameters (in
/// order, `None` where not given; empty for [`Params::Own`]) and the host
/// (for `repr` of objects and calling `key=` functions).
pub type MethodFn<R> = fn(&R, &Call, &[Option<Value>], &mut dyn Host) -> Result<Value>;

/// How a method's arguments are bound before its body runs.
#[derive(Clone, Copy)]
pub enum Params {
    /// `Call::bind(names, arity, keywords)`: the parameters in order, how
    /// many are required (and CPython's wording for a wrong count), and
    /// the ones that may be given by keyword. Every other keyword is a
    /// `TypeError`.
    Fixed(&'static [&'static str], Arity, &'static [&'static str]),
    /// The body reads `Call` itself: any number of arguments and keywords
    /// (`str.format`, `dict.update`), or a check CPython makes first
    /// (`list.sort`'s "takes no positional arguments").
    Own,
}

/// No arguments at all: `str.upper() takes no arguments (1 given)`.
pub const NO_ARGS: Params = Params::Fixed(&[], Arity::NoArgs, &[]);

/// Exactly one positional argument called `name` (CPython's
/// `takes exactly one argument` wording).
pub const fn one(name: &'static [&'static str]) -> Params {
    Params::Fixed(name, Arity::One, &[])
}

/// One method of a value type.
pub struct Method<R: ?Sized + 'static> {
    /// The Python name.
    pub name: &'static str,
    /// How its arguments bind.
    pub params: Params,
    /// Does it change the receiver in place (`list.append`, `dict.update`)?
    /// Declaration mode refuses those (`eval::pure`).
    pub mutates: bool,
    /// One line for `help`, from Python's docstring.
    pub doc: &'static str,
    /// The body.
    pub f: MethodFn<R>,
}

impl<R: ?Sized> Method<R> {
    /// A method that leaves its receiver as it is.
    pub const fn new(
        name: &'static str,
        params: Params,
        f: MethodFn<R>,
        doc: &'static str,
    ) -> Self {
        Method {
            name,
            params,
            mutates: false,
            doc,
            f,
        }
    }

    /// A method that changes its receiver in place.
    pub const fn mutating(
        name: &'static str,
        params: Params,
        f: MethodFn<R>,
        doc: &'static str,
    ) -> Self {
        Method {
            mutates: true,
            ..Method::new(name, params, f, doc)
        }
    }
}

/// What a table's methods are called on, taken out of a [`Value`] of the
/// table's type without a copy.
pub trait Receiver {
    /// The receiver inside `v`, when `v` is of this type.
    fn of(v: &Value) -> Option<&Self>;
}

impl Receiver for PyStr {
    fn of(v: &Value) -> Option<&Self> {
        match v {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

impl Receiver for RefCell<Vec<Value>> {
    fn of(v: &Value) -> Option<&Self> {
        match v {
            Value::List(l) => Some(l),
            _ => None,
        }
    }
}

impl Receiver for [Value] {
    fn of(v: &Value) -> Option<&Self> {
        match v {
            Value::Tuple(t) => Some(t),
            _ => None,
        }
    }
}

impl Receiver for RefCell<Dict> {
    fn of(v: &Value) -> Option<&Self> {
        match v {
            Value::Dict(d) => Some(d),
            _ => None,
        }
    }
}

/// The method table of one value type.
pub struct Methods<R: ?Sized + 'static> {
    /// The Python type name (`type(x).__name__`).
    pub type_name: &'static str,
    /// Its methods, in alphabetical order (as `dir()` lists them).
    pub methods: &'static [Method<R>],
}

impl<R: ?Sized + Receiver> Methods<R> {
    /// The entry called `name`.
    pub fn find(&self, name: &str) -> Option<&'static Method<R>> {
        self.methods.iter().find(|m| m.name == name)
    }

    /// Every method's name, in table order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        self.methods.iter().map(|m| m.name)
    }

    /// Does `name` change a receiver of this type in place?
    pub fn mutates(&self, name: &str) -> bool {
        self.find(name).is_some_and(|m| m.mutates)
    }

    /// `recv.name(*args, **kwargs)`: `None` when `recv` is not of this
    /// type or the type has no such method.
    pub fn call(
        &self,
        recv: &Value,
        name: &str,
        args: &[Value],
        kwargs: &[(Rc<str>, Value)],
        host: &mut dyn Host,
    ) -> Option<Result<Value>> {
        let (this, m) = (R::of(recv)?, self.find(name)?);
        let c = Call {
            type_name: self.type_name,
            name: m.name,
            args,
            kwargs,
        };
        Some(match m.params {
            Params::Fixed(names, arity, kw) => c
                .bind(names, arity, kw)
                .and_then(|a| (m.f)(this, &c, &a, host)),
            Params::Own => (m.f)(this, &c, &[], host),
        })
    }
}

/// `recv.name(*args, **kwargs)` on any plain value with methods; `None`
/// when it has no method of that name.
pub fn call(
    recv: &Value,
    name: &str,
    args: &[Value],
    kwargs: &[(Rc<str>, Value)],
    host: &mut dyn Host,
) -> Option<Result<Value>> {
    match recv {
        Value::Str(_) => STR.call(recv, name, args, kwargs, host),
        Value::List(_) => LIST.call(recv, name, args, kwargs, host),
        Value::Tuple(_) => TUPLE.call(recv, name, args, kwargs, host),
        Value::Dict(_) => DICT.call(recv, name, args, kwargs, host),
        _ => None,
    }
}

/// Does `recv.name(...)` change `recv` in place? (False for names the
/// type does not have and for types without methods.)
pub fn mutates(recv: &Value, name: &str) -> bool {
    match recv {
        Value::List(_) => LIST.mutates(name),
        Value::Dict(_) => DICT.mutates(name),
        Value::Str(_) => STR.mutates(name),
        Value::Tuple(_) => TUPLE.mutates(name),
        _ => false,
    }
}

/// Is `name` a method that changes its receiver in place on any value type
/// (for checks that see a name before its receiver, like the one on stored
/// definitions in `persist::declare_names`)?
pub fn mutates_on_some_type(name: &str) -> bool {
    LIST.mutates(name) || DICT.mutates(name) || STR.mutates(name) || TUPLE.mutates(name)
}

/// The argument in slot `i`, or `None` (Python's) when it was not given.
pub fn arg(a: &[Option<Value>], i: usize) -> Value {
    a.get(i).cloned().flatten().unwrap_or(Value::None)
}

#[cfg(test)]
#[path = "methods_tests.rs"]
mod tests;
