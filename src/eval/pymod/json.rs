//! Python's `json.dumps` and `json.loads` as CPython 3.11's `json`
//! module writes and reads text: `indent` (a number or a string, `,` then
//! a new line between items), `separators`, `sort_keys`, `ensure_ascii`,
//! `default` (called for a value JSON has no form for: `default=str` for
//! dates), non-str keys written as JSON writes them, tuples as arrays, a
//! container inside itself a `ValueError`; `loads` through serde_json
//! (insertion order kept), its errors Python's `JSONDecodeError`, a
//! `ValueError`.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::value::repr::float_repr;
use crate::value::{PyStr, Value};

/// How `dumps` lays its text out.
pub struct Style {
    /// The text one level of indentation adds; None writes one line.
    pub indent: Option<String>,
    pub item_sep: String,
    pub key_sep: String,
    pub sort_keys: bool,
    pub ensure_ascii: bool,
    /// `default=`: called for values JSON has no form for.
    pub default: Option<Value>,
}

/// `json.dumps(obj, *, ensure_ascii=True, indent=None, separators=None,
/// default=None, sort_keys=False)`
pub fn dumps(me: &mut Interp, mut a: Args) -> Result<Value> {
    let obj = a.arg(0, "obj");
    let indent = match &a.take_kw("indent") {
        None | Some(Value::None) => None,
        Some(Value::Int(n)) => Some(" ".repeat(usize::try_from(*n).unwrap_or(0))),
        Some(Value::Str(s)) => Some(s.to_string()),
        Some(other) => {
            return Err(Error::type_(format!(
                "indent must be an int or a str, not {}",
                other.type_name()
            )));
        }
    };
    let (mut item_sep, mut key_sep) = (
        if indent.is_some() { "," } else { ", " }.to_string(),
        ": ".to_string(),
    );
    match &a.take_kw("separators") {
        None | Some(Value::None) => {}
        Some(Value::Tuple(t)) if t.len() == 2 => match (&t[0], &t[1]) {
            (Value::Str(i), Value::Str(k)) => {
                item_sep = i.to_string();
                key_sep = k.to_string();
            }
            _ => return Err(Error::type_("separators must be a (str, str) tuple")),
        },
        Some(_) => {
            return Err(Error::value(
                "separators must be an (item_separator, key_separator) tuple",
            ));
        }
    }
    let style = Style {
        indent,
        item_sep,
        key_sep,
        sort_keys: a.take_kw("sort_keys").is_some_and(|v| v.truthy()),
        ensure_ascii: a.take_kw("ensure_ascii").is_none_or(|v| v.truthy()),
        default: a.take_kw("default").filter(|d| !matches!(d, Value::None)),
    };
    a.count(0, 1)?;
    let Some(obj) = obj else {
        return Err(Error::type_(
            "dumps() missing 1 required positional argument: 'obj'",
        ));
    };
    let mut out = String::new();
    Writer {
        style: &style,
        active: Vec::new(),
    }
    .value(me, &obj, 0, &mut out)?;
    Ok(Value::Str(PyStr::from(out)))
}

struct Writer<'a> {
    style: &'a Style,
    active: Vec<*const ()>,
}

impl Writer<'_> {
    fn value(&mut self, me: &mut Interp, v: &Value, depth: usize, out: &mut String) -> Result<()> {
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
            Value::Str(s) => self.string(s, out),
            Value::List(l) => {
                let items = l.borrow().clone();
                self.nested(Some(Rc::as_ptr(l) as *const ()), |w| {
                    w.seq(me, &items, depth, out)
                })?;
            }
            Value::Tuple(t) => self.seq(me, t, depth, out)?,
            Value::Dict(d) => {
                let entries = d.borrow().pairs();
                self.nested(Some(Rc::as_ptr(d) as *const ()), |w| {
                    w.entries(me, entries, depth, out)
                })?;
            }
            other => {
                let Some(default) = self.style.default.clone() else {
                    return Err(Error::type_(format!(
                        "Object of type {} is not JSON serializable",
                        other.type_name()
                    )));
                };
                let made = me.call(&default, Args::new("default", vec![other.clone()]))?;
                self.nested(None, |w| w.value(me, &made, depth, out))?;
            }
        }
        Ok(())
    }

    fn nested(
        &mut self,
        id: Option<*const ()>,
        write: impl FnOnce(&mut Self) -> Result<()>,
    ) -> Result<()> {
        if let Some(id) = id {
            if self.active.contains(&id) {
                return Err(Error::value("Circular reference detected"));
            }
            self.active.push(id);
        }
        let r = crate::stack::nested("while encoding a JSON object", || write(self));
        if id.is_some() {
            self.active.pop();
        }
        r
    }

    /// The text between items (and before the first): a new line and
    /// the indentation of `depth` when indenting.
    fn newline(&self, depth: usize, out: &mut String) {
        if let Some(ind) = &self.style.indent {
            out.push('\n');
            for _ in 0..depth {
                out.push_str(ind);
            }
        }
    }

    fn seq(
        &mut self,
        me: &mut Interp,
        items: &[Value],
        depth: usize,
        out: &mut String,
    ) -> Result<()> {
        if items.is_empty() {
            out.push_str("[]");
            return Ok(());
        }
        out.push('[');
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(&self.style.item_sep);
            }
            self.newline(depth + 1, out);
            self.value(me, x, depth + 1, out)?;
        }
        self.newline(depth, out);
        out.push(']');
        Ok(())
    }

    fn entries(
        &mut self,
        me: &mut Interp,
        mut entries: Vec<(Value, Value)>,
        depth: usize,
        out: &mut String,
    ) -> Result<()> {
        if entries.is_empty() {
            out.push_str("{}");
            return Ok(());
        }
        if self.style.sort_keys {
            sort_keys(&mut entries)?;
        }
        out.push('{');
        for (i, (k, v)) in entries.iter().enumerate() {
            if i > 0 {
                out.push_str(&self.style.item_sep);
            }
            self.newline(depth + 1, out);
            let key = match k {
                Value::Str(s) => s.to_string(),
                Value::Bool(b) => (if *b { "true" } else { "false" }).to_string(),
                Value::None => "null".to_string(),
                Value::Int(i) => i.to_string(),
                Value::Float(f) => float_repr(*f),
                other => {
                    return Err(Error::type_(format!(
                        "keys must be str, int, float, bool or None, not {}",
                        other.type_name()
                    )));
                }
            };
            self.string(&key, out);
            out.push_str(&self.style.key_sep);
            self.value(me, v, depth + 1, out)?;
        }
        self.newline(depth, out);
        out.push('}');
        Ok(())
    }

    fn string(&self, s: &str, out: &mut String) {
        crate::orm::json_text::dump_str(s, self.style.ensure_ascii, out);
    }
}

/// `sorted(d.items())` as `sort_keys` sorts: strs among strs, numbers
/// among numbers; mixed kinds are Python's TypeError.
fn sort_keys(entries: &mut [(Value, Value)]) -> Result<()> {
    let all_str = entries.iter().all(|(k, _)| matches!(k, Value::Str(_)));
    let all_num = (entries.iter())
        .all(|(k, _)| matches!(k, Value::Int(_) | Value::Bool(_) | Value::Float(_)));
    if all_str {
        entries.sort_by(|(a, _), (b, _)| match (a, b) {
            (Value::Str(a), Value::Str(b)) => a.as_ref().cmp(b.as_ref()),
            _ => std::cmp::Ordering::Equal,
        });
        return Ok(());
    }
    if all_num {
        let num = |v: &Value| match v {
            Value::Float(f) => *f,
            other => other.as_i64().unwrap_or(0) as f64,
        };
        entries.sort_by(|(a, _), (b, _)| num(a).total_cmp(&num(b)));
        return Ok(());
    }
    Err(Error::type_(
        "'<' not supported between instances of 'int' and 'str'",
    ))
}

/// `json.loads(s)`: a str (or bytes) of JSON as Python values.
pub fn loads(_: &mut Interp, mut a: Args) -> Result<Value> {
    let s = a.arg(0, "s");
    a.count(0, 1)?;
    let text: String = match &s {
        Some(Value::Str(s)) => s.to_string(),
        Some(Value::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
        Some(other) => {
            return Err(Error::type_(format!(
                "the JSON object must be str, bytes or bytearray, not {}",
                other.type_name()
            )));
        }
        None => {
            return Err(Error::type_(
                "loads() missing 1 required positional argument: 's'",
            ));
        }
    };
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(j) => Ok(crate::orm::json_text::from_json(&j)),
        Err(e) => Err(decode_error(&text, &e)),
    }
}

/// Python's `JSONDecodeError` for serde_json's complaint: the kind of
/// problem in Python's words where they match, and where (line, column,
/// char).
fn decode_error(text: &str, e: &serde_json::Error) -> Error {
    let said = e.to_string();
    let what = if said.starts_with("trailing characters") {
        "Extra data"
    } else if said.starts_with("EOF while parsing a string") {
        "Unterminated string starting at"
    } else if said.starts_with("key must be a string") {
        "Expecting property name enclosed in double quotes"
    } else if said.starts_with("expected value") || said.starts_with("EOF while parsing a value") {
        "Expecting value"
    } else {
        said.split(" at line").next().unwrap_or("Invalid JSON")
    };
    let (line, col) = (e.line().max(1), e.column().max(1));
    let char_at: usize = text
        .split('\n')
        .take(line - 1)
        .map(|l| l.chars().count() + 1)
        .sum::<usize>()
        + col
        - 1;
    Error::new(
        ErrorKind::Raised("JSONDecodeError"),
        format!("{what}: line {line} column {col} (char {char_at})"),
    )
}
