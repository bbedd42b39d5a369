//! Binding the arguments of built-in methods the way CPython does, with its
//! TypeError wording (which differs between method families, so the family
//! is part of the description), plus the small conversions methods share.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::value::Value;

/// How CPython words arity errors for a method (they differ by how the
/// method is implemented in C).
#[derive(Clone, Copy)]
pub enum Arity {
    /// `str.upper() takes no arguments (1 given)`
    NoArgs,
    /// `str.join() takes exactly one argument (0 given)`
    One,
    /// `replace expected at least 2 arguments, got 1` (min, max)
    Expected(usize, usize),
    /// `find() takes at least 1 argument (0 given)` (min, max)
    Takes(usize, usize),
}

/// A method call being bound: `type_name.name(*args, **kwargs)`.
pub struct Call<'a> {
    pub type_name: &'a str,
    pub name: &'a str,
    pub args: &'a [Value],
    pub kwargs: &'a [(Rc<str>, Value)],
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

impl Call<'_> {
    /// Bind to `params` (the first `arity` min are required). `kw` lists the
    /// parameters that may be given by keyword (none: keywords refused).
    pub fn bind(&self, params: &[&str], arity: Arity, kw: &[&str]) -> Result<Vec<Option<Value>>> {
        let (name, tn) = (self.name, self.type_name);
        if !self.kwargs.is_empty() && kw.is_empty() {
            let owner = match arity {
                Arity::Takes(..) => String::new(),
                _ => format!("{tn}."),
            };
            return Err(Error::type_(format!(
                "{owner}{name}() takes no keyword arguments"
            )));
        }
        let n = self.args.len();
        let (min, max) = match arity {
            Arity::NoArgs => (0, 0),
            Arity::One => (1, 1),
            Arity::Expected(a, b) | Arity::Takes(a, b) => (a, b),
        };
        if n > max || (n < min && self.kwargs.is_empty()) {
            let got = n;
            return Err(Error::type_(match arity {
                Arity::NoArgs => format!("{tn}.{name}() takes no arguments ({got} given)"),
                Arity::One => format!("{tn}.{name}() takes exactly one argument ({got} given)"),
                Arity::Expected(..) if min == max => {
                    format!("{name} expected {min} argument{}, got {got}", plural(min))
                }
                Arity::Expected(..) if got < min => {
                    format!(
                        "{name} expected at least {min} argument{}, got {got}",
                        plural(min)
                    )
                }
                Arity::Expected(..) => {
                    format!(
                        "{name} expected at most {max} argument{}, got {got}",
                        plural(max)
                    )
                }
                Arity::Takes(..) if got < min => {
                    format!(
                        "{name}() takes at least {min} argument{} ({got} given)",
                        plural(min)
                    )
                }
                Arity::Takes(..) => {
                    format!(
                        "{name}() takes at most {max} argument{} ({got} given)",
                        plural(max)
                    )
                }
            }));
        }
        let mut out: Vec<Option<Value>> = params.iter().map(|_| None).collect();
        for (i, v) in self.args.iter().enumerate() {
            out[i] = Some(v.clone());
        }
        for (k, v) in self.kwargs {
            let Some(at) = params
                .iter()
                .position(|p| **p == **k)
                .filter(|_| kw.contains(&&**k))
            else {
                return Err(Error::type_(format!(
                    "'{k}' is an invalid keyword argument for {name}()"
                )));
            };
            if out[at].is_some() {
                return Err(Error::type_(format!(
                    "argument for {name}() given by name ('{k}') and position ({})",
                    at + 1
                )));
            }
            out[at] = Some(v.clone());
        }
        if let Some(missing) = (0..min).find(|i| out[*i].is_none()) {
            return Err(Error::type_(format!(
                "{name}() missing required argument '{}' (pos {})",
                params[missing],
                missing + 1
            )));
        }
        Ok(out)
    }
}

/// An int argument (bools count): `'str' object cannot be interpreted as an
/// integer` otherwise.
pub fn int_arg(v: &Value) -> Result<i64> {
    v.as_i64().ok_or_else(|| {
        Error::type_(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_name()
        ))
    })
}

/// An optional slice index (`None` allowed).
pub fn index_arg(v: &Option<Value>) -> Result<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => v.as_i64().map(Some).ok_or_else(|| {
            Error::type_("slice indices must be integers or None or have an __index__ method")
        }),
    }
}

/// `must be str, not int`.
pub fn str_arg(v: &Value) -> Result<&str> {
    v.as_str()
        .ok_or_else(|| Error::type_(format!("must be str, not {}", v.type_name())))
}

/// Python slice bounds `[start:end]` over `len` items, as `find`/`count`
/// adjust them: negative counts from the end, `end` clamps to `len`,
/// `start` may exceed `len` (then the slice is empty and searches fail).
pub fn slice_bounds(len: usize, start: Option<i64>, end: Option<i64>) -> (usize, usize) {
    let len = len as i64;
    let fix = |x: i64| if x < 0 { (x + len).max(0) } else { x };
    let s = start.map(fix).unwrap_or(0);
    let e = end.map(fix).unwrap_or(len).min(len);
    (s as usize, e as usize)
}

/// The items of any iterable (`join`, `extend`, `update`): plain values
/// here, objects (iterators, collections) through the host.
pub fn iterate_with(v: &Value, host: &mut dyn crate::value::repr::Host) -> Result<Vec<Value>> {
    match v {
        Value::Obj(_) => host.iterate_obj(v),
        _ => iterate(v),
    }
}

/// The items of an iterable plain value (`for`, `list()`, `join`, `extend`).
pub fn iterate(v: &Value) -> Result<Vec<Value>> {
    crate::value::reserve_iter(v)?;
    Ok(match v {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        Value::Str(s) => s
            .chars()
            .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
            .collect(),
        Value::Bytes(b) => b.iter().map(|x| Value::Int(*x as i64)).collect(),
        Value::Dict(d) => d.borrow().iter().map(|(k, _)| k.clone()).collect(),
        Value::Range(r) => {
            let (a, b, c) = **r;
            let n = crate::value::range_len(a, b, c);
            (0..n).map(|i| Value::Int(a + i * c)).collect()
        }
        _ => {
            return Err(Error::type_(format!(
                "'{}' object is not iterable",
                v.type_name()
            )));
        }
    })
}
