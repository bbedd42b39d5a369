//! JSON text as Python's `json` module reads and writes it: what a JSON
//! column stores (`json.dumps` with its default separators and
//! `ensure_ascii`) and what it reads back, and the string literal
//! `json.dumps` writes (shared with the `json` module, `eval::pymod::json`).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::value::Value;
use crate::value::repr::float_repr;

/// A JSON document as Python's `json.loads` gives it (`value::dict`).
pub use crate::value::dict::from_json;

/// Python's `json.dumps` with its default separators and `ensure_ascii`:
/// a list or dict inside itself is its `ValueError` ("Circular reference
/// detected"), nesting past Python's recursion limit its `RecursionError`.
pub fn json_dumps(v: &Value) -> Result<String> {
    let mut out = String::new();
    Dump { active: Vec::new() }.value(v, &mut out)?;
    Ok(out)
}

/// One `json_dumps` walk: the lists and dicts being written now.
struct Dump {
    active: Vec<*const ()>,
}

impl Dump {
    /// Write a container's contents one level deeper.
    fn nested(
        &mut self,
        id: Option<*const ()>,
        out: &mut String,
        write: impl FnOnce(&mut Self, &mut String) -> Result<()>,
    ) -> Result<()> {
        if let Some(id) = id {
            if self.active.contains(&id) {
                return Err(Error::value("Circular reference detected"));
            }
            self.active.push(id);
        }
        let r = crate::stack::nested("while encoding a JSON object", || write(self, out));
        if id.is_some() {
            self.active.pop();
        }
        r
    }

    fn value(&mut self, v: &Value, out: &mut String) -> Result<()> {
        // A `StrEnum`/`IntEnum` member is written as its str or int.
        let v = crate::value::compare::mixin_view(v);
        match v {
            Value::None => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) if f.is_nan() => out.push_str("NaN"),
            Value::Float(f) if f.is_infinite() => {
                out.push_str(if *f > 0.0 { "Infinity" } else { "-Infinity" })
            }
            Value::Float(f) => out.push_str(&float_repr(*f)),
            Value::Str(s) => dump_str(s, true, out),
            Value::List(l) => {
                let items = l.borrow().clone();
                self.nested(Some(Rc::as_ptr(l) as *const ()), out, |me, out| {
                    me.seq(&items, out)
                })?
            }
            Value::Tuple(t) => self.nested(None, out, |me, out| me.seq(t, out))?,
            Value::Dict(d) => {
                let entries = d.borrow().pairs();
                self.nested(Some(Rc::as_ptr(d) as *const ()), out, |me, out| {
                    me.entries(&entries, out)
                })?
            }
            other => {
                return Err(Error::type_(format!(
                    "Object of type {} is not JSON serializable",
                    other.type_name()
                )));
            }
        }
        Ok(())
    }

    fn seq(&mut self, items: &[Value], out: &mut String) -> Result<()> {
        out.push('[');
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.value(x, out)?;
        }
        out.push(']');
        Ok(())
    }

    fn entries(&mut self, entries: &[(Value, Value)], out: &mut String) -> Result<()> {
        out.push('{');
        for (i, (k, v)) in entries.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            match k {
                Value::Str(s) => dump_str(s, true, out),
                Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None => {
                    out.push('"');
                    self.value(k, out)?;
                    out.push('"');
                }
                other => {
                    return Err(Error::type_(format!(
                        "keys must be str, int, float, bool or None, not {}",
                        other.type_name()
                    )));
                }
            }
            out.push_str(": ");
            self.value(v, out)?;
        }
        out.push('}');
        Ok(())
    }
}

/// A JSON string literal as Python's `json.dumps` writes it: escapes for
/// quotes, backslashes and control characters, and with `ensure_ascii`
/// every character past ASCII as `\uXXXX` (UTF-16 units).
pub fn dump_str(s: &str, ensure_ascii: bool, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (ensure_ascii && (c as u32) > 0x7e) => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    /// As Python's `json.dumps`: nested values within the recursion limit
    /// encode, a list inside itself is "Circular reference detected", one
    /// nested past the limit a RecursionError (texts from python3).
    #[test]
    fn json_dumps_follows_python_on_cycles_and_depth() {
        let mut v = Value::list(vec![]);
        for _ in 0..300 {
            v = Value::list(vec![v]);
        }
        assert_eq!(json_dumps(&v).unwrap().len(), 602);
        for _ in 0..3000 {
            v = Value::list(vec![v]);
        }
        let e = json_dumps(&v).unwrap_err();
        assert_eq!(e.kind, ErrorKind::RecursionError);
        assert_eq!(
            e.message,
            "maximum recursion depth exceeded while encoding a JSON object"
        );
        let x = Value::list(vec![Value::Int(1)]);
        if let Value::List(l) = &x {
            l.borrow_mut().push(x.clone());
        }
        let e = json_dumps(&x).unwrap_err();
        assert_eq!(
            (e.kind, e.message.as_str()),
            (ErrorKind::ValueError, "Circular reference detected")
        );
        // The same list twice side by side is no cycle.
        let inner = Value::list(vec![Value::Int(2)]);
        let twice = Value::list(vec![inner.clone(), inner]);
        assert_eq!(json_dumps(&twice).unwrap(), "[[2], [2]]");
        if let Value::List(l) = &x {
            l.borrow_mut().clear();
        }
    }
}
