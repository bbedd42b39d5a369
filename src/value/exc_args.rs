//! The arguments of an exception raised by ormsh's own code, kept beside
//! its rendered message: a missing key's `KeyError` carries the key itself
//! as its one argument (CPython's `PyErr_SetObject(PyExc_KeyError, key)`),
//! so `e.args`, `repr(e)` and `str(e)` answer as Python's do.
//! `eval::exceptions::ExceptionValue::from_error` reads it.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Payload};
use crate::value::Value;

/// The `args` of the exception an [`Error`] stands for.
pub struct ExcArgs(pub Vec<Value>);

/// Attach `args` to an error: the exception `except … as e` binds gets
/// them instead of the message as its one argument.
pub fn with_args(mut e: Error, args: Vec<Value>) -> Error {
    e.exc = Some(Payload(Rc::new(ExcArgs(args))));
    e
}

/// Python's `KeyError(key)`: the message is `shown`, the key's repr.
pub fn key_error(key: Value, shown: impl Into<String>) -> Error {
    with_args(Error::new(ErrorKind::KeyError, shown), vec![key])
}

/// The arguments an error carries, if it was made by [`with_args`].
pub fn args_of(e: &Error) -> Option<&[Value]> {
    let p = e.exc.as_ref()?;
    p.0.downcast_ref::<ExcArgs>().map(|a| a.0.as_slice())
}
