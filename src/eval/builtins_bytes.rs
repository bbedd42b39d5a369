//! Python's `bytes(…)` and `bytearray(…)` constructors and their class
//! method `fromhex`: the ways a Python user writes the value of a
//! `LargeBinary`/BLOB column (`bytes([1, 2])`, `bytes.fromhex('0102')`,
//! `bytes(3)`, `bytes('é', 'utf-8')`), with CPython's argument errors.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::value::Value;
use crate::value::bytearray::ByteArray;

/// `bytes(…)`: Python's `bytes` constructor.
pub fn bytes(me: &mut Interp, a: Args) -> Result<Value> {
    Ok(Value::Bytes(make(me, a, "bytes")?))
}

/// `bytearray(…)`: Python's `bytearray` constructor (its contents fixed
/// in ormsh: `value::bytearray`).
pub fn bytearray(me: &mut Interp, a: Args) -> Result<Value> {
    Ok(ByteArray::of(make(me, a, "bytearray")?))
}

/// The bytes `bytes(source, encoding, errors)` makes: nothing, `n` zero
/// bytes, a string encoded, a bytes-like object copied, or an iterable of
/// ints in `range(256)`.
fn make(me: &mut Interp, mut a: Args, class: &str) -> Result<Rc<[u8]>> {
    let source = a.arg(0, "source");
    let encoding = a.arg(1, "encoding");
    let errors = a.arg(2, "errors");
    a.no_more_kw()?;
    a.count(0, 3)?;
    let span = a.span;
    let Some(source) = source else {
        if encoding.is_some() || errors.is_some() {
            return Err(Error::type_(if encoding.is_some() {
                "encoding without a string argument"
            } else {
                "errors without a string argument"
            })
            .at(span));
        }
        return Ok(Rc::from(&[][..]));
    };
    if let Value::Str(_) = source {
        let Some(encoding) = encoding else {
            return Err(Error::type_("string argument without an encoding")
                .at(span)
                .with_help(format!("write {class}(text, 'utf-8') or text.encode()")));
        };
        let mut pos = vec![encoding];
        pos.extend(errors);
        let encoded = me.call_method(&source, "encode", Args::new("encode", pos))?;
        return match &encoded {
            Value::Bytes(b) => Ok(b.clone()),
            _ => Ok(Rc::from(&[][..])),
        };
    }
    if encoding.is_some() || errors.is_some() {
        return Err(Error::type_(if encoding.is_some() {
            "encoding without a string argument"
        } else {
            "errors without a string argument"
        })
        .at(span));
    }
    match &source {
        Value::Bytes(b) => return Ok(b.clone()),
        Value::Obj(_) if let Some(b) = source.downcast::<ByteArray>() => {
            return Ok(Rc::from(b.bytes()));
        }
        Value::Int(_) | Value::Bool(_) => {
            let n = source.as_i64().unwrap_or(0);
            if n < 0 {
                return Err(Error::value("negative count").at(span));
            }
            let n = usize::try_from(n).unwrap_or(usize::MAX);
            crate::value::check_len(n)?;
            crate::memory::reserve(n, || format!("{} bytes", crate::value::grouped(n)))?;
            return Ok(Rc::from(vec![0u8; n]));
        }
        Value::Float(_) | Value::Decimal(_) | Value::None => {
            return Err(Error::type_(format!(
                "cannot convert '{}' object to {class}",
                source.type_name()
            ))
            .at(span));
        }
        _ => {}
    }
    let items = me.items_of(&source).map_err(|e| {
        if e.kind == crate::error::ErrorKind::TypeError {
            Error::type_(format!(
                "cannot convert '{}' object to {class}",
                source.type_name()
            ))
            .at(span)
        } else {
            e
        }
    })?;
    let mut out = Vec::with_capacity(items.len());
    for item in &items {
        let n = match item {
            Value::Int(_) | Value::Bool(_) => item.as_i64().unwrap_or(0),
            _ => {
                return Err(Error::type_(format!(
                    "'{}' object cannot be interpreted as an integer",
                    item.type_name()
                ))
                .at(span));
            }
        };
        match u8::try_from(n) {
            Ok(b) => out.push(b),
            Err(_) => return Err(Error::value("bytes must be in range(0, 256)").at(span)),
        }
    }
    Ok(Rc::from(out))
}

/// `bytes.fromhex(s)` / `bytearray.fromhex(s)`: pairs of hexadecimal
/// digits, with whitespace between pairs, as CPython reads them.
pub fn fromhex(a: &Args) -> Result<Rc<[u8]>> {
    a.count(1, 1)?;
    let Value::Str(s) = &a.pos[0] else {
        return Err(Error::type_(format!(
            "fromhex() argument must be str, not {}",
            a.pos[0].type_name()
        ))
        .at(a.span_of(0)));
    };
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len() / 2);
    let mut i = 0;
    let bad = |at: usize| {
        Error::value(format!(
            "non-hexadecimal number found in fromhex() arg at position {at}"
        ))
    };
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = chars[i].to_digit(16).ok_or_else(|| bad(i))?;
        let lo = (chars.get(i + 1).and_then(|c| c.to_digit(16))).ok_or_else(|| bad(i + 1))?;
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    Ok(Rc::from(out))
}

/// `bytes.NAME` / `bytearray.NAME` for the class's own attributes
/// (`fromhex`), or None.
pub fn class_attr(class: &str, name: &str) -> Option<Value> {
    if name != "fromhex" {
        return None;
    }
    Some(match class {
        "bytes" => Interp::native("fromhex", |_, a| Ok(Value::Bytes(fromhex(&a)?))),
        "bytearray" => Interp::native("fromhex", |_, a| Ok(ByteArray::of(fromhex(&a)?))),
        _ => return None,
    })
}
