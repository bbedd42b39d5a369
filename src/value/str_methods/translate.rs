//! `str.maketrans` and `str.translate` with CPython 3.11's semantics and
//! messages: a table maps code points (ints) to a string, a code point or
//! `None` (deleted); a character the table lacks is kept.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::value::args::Call;
use crate::value::repr::Host;
use crate::value::{Dict, PyStr, Value};

/// `str.maketrans(x[, y[, z]])` (a static method: the receiver, if any,
/// is not used). One argument: a dict whose keys are code points or
/// one-character strings; two: strings of equal length mapped
/// character by character; a third: characters mapped to `None`.
pub fn maketrans(_: &PyStr, _: &Call, a: &[Option<Value>], _: &mut dyn Host) -> Result<Value> {
    let mut table = Dict::default();
    match (
        &a[0],
        a.get(1).cloned().flatten(),
        a.get(2).cloned().flatten(),
    ) {
        (Some(x), None, None) => {
            let Value::Dict(d) = x else {
                return Err(Error::type_(
                    "if you give only one argument to maketrans it must be a dict",
                ));
            };
            for (k, v) in d.borrow().iter() {
                let key = match k {
                    Value::Int(_) => k.clone(),
                    Value::Str(s) if s.chars().count() == 1 => {
                        Value::Int(s.chars().next().map_or(0, |c| c as i64))
                    }
                    Value::Str(_) => {
                        return Err(Error::value(
                            "string keys in translate table must be of length 1",
                        ));
                    }
                    _ => {
                        return Err(Error::type_(
                            "keys in translate table must be strings or integers",
                        ));
                    }
                };
                table.insert(key, v.clone())?;
            }
        }
        (Some(x), Some(y), z) => {
            let x = text(x, 1)?;
            let y = text(&y, 2)?;
            if x.chars().count() != y.chars().count() {
                return Err(Error::value(
                    "the first two maketrans arguments must have equal length",
                ));
            }
            for (from, to) in x.chars().zip(y.chars()) {
                table.insert(Value::Int(from as i64), Value::Int(to as i64))?;
            }
            if let Some(z) = z {
                for c in text(&z, 3)?.chars() {
                    table.insert(Value::Int(c as i64), Value::None)?;
                }
            }
        }
        _ => {
            return Err(Error::type_("maketrans() argument 2 must be str, not None"));
        }
    }
    Ok(Value::Dict(Rc::new(RefCell::new(table))))
}

/// A string argument of `maketrans` (its position for the message).
fn text(v: &Value, n: usize) -> Result<PyStr> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        other => Err(Error::type_(format!(
            "maketrans() argument {n} must be str, not {}",
            other.type_name()
        ))),
    }
}

/// `str.translate(table)`: each character looked up by its code point in
/// `table` (a dict, or a list or tuple indexed by it).
pub fn translate(s: &PyStr, _: &Call, a: &[Option<Value>], _: &mut dyn Host) -> Result<Value> {
    let table = a[0].clone().unwrap_or(Value::None);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let key = c as i64;
        let found = match &table {
            Value::Dict(d) => d.borrow().get(&Value::Int(key)).cloned(),
            Value::List(l) => usize::try_from(key)
                .ok()
                .and_then(|i| l.borrow().get(i).cloned()),
            Value::Tuple(t) => usize::try_from(key).ok().and_then(|i| t.get(i).cloned()),
            other => {
                return Err(Error::type_(format!(
                    "'{}' object is not subscriptable",
                    other.type_name()
                )));
            }
        };
        match &found {
            None => out.push(c),
            Some(Value::None) => {}
            Some(Value::Str(t)) => {
                crate::value::grow_str(&mut out, t.len())?;
                out.push_str(t);
            }
            Some(Value::Int(i)) => match u32::try_from(*i).ok().and_then(char::from_u32) {
                Some(ch) => out.push(ch),
                None => {
                    return Err(Error::new(
                        ErrorKind::ValueError,
                        "character mapping must be in range(0x110000)",
                    ));
                }
            },
            Some(Value::Bool(b)) => out.push(if *b { '\u{1}' } else { '\u{0}' }),
            Some(_) => {
                return Err(Error::type_(
                    "character mapping must return integer, None or str",
                ));
            }
        }
    }
    Ok(Value::str(&out))
}
