//! Python's `repr()` and `str()` of plain values, exactly as CPython 3.11
//! prints them: quote choice and escapes for strings and bytes, shortest
//! round-trip floats, containers (with `[...]` for a list that contains
//! itself), ranges and the `datetime` types. ORM objects are shown by the
//! layer that owns them, through `Host::repr_obj`.

use std::fmt::Write;
use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::stack;
use crate::value::{Object, Value, dates, float, unicode};

/// What `value` asks of the layer above: how to show and call its objects.
pub trait Host {
    /// Append the repr of an object `value` cannot see into.
    fn repr_obj(&mut self, obj: &Rc<dyn Object>, out: &mut String) -> Result<()>;
    /// Append the `str()` of an object whose str is not its repr (a caught
    /// exception's message); false to use the repr.
    fn str_obj(&mut self, _obj: &Rc<dyn Object>, _out: &mut String) -> Result<bool> {
        Ok(false)
    }
    /// Call a callable value (a `key=` function, a lambda…).
    fn call(&mut self, f: &Value, args: Vec<Value>) -> Result<Value>;
    /// The items of an iterable object the value layer cannot walk itself
    /// (an `enumerate`/`zip` iterator, a collection, a query).
    fn iterate_obj(&mut self, v: &Value) -> Result<Vec<Value>> {
        crate::value::args::iterate(v)
    }
    /// `getattr(v, name)` for `str.format`'s `{0.name}` fields; `None`
    /// when the host cannot look attributes up (the value layer's own
    /// dates are read then).
    fn get_attr(&mut self, _v: &Value, _name: &str) -> Option<Result<Value>> {
        None
    }
}

/// What a repr too deep for Python's recursion limit was doing.
const DOING: &str = "while getting the repr of an object";

pub fn repr(v: &Value, host: &mut dyn Host) -> Result<String> {
    let mut out = String::new();
    repr_into(v, &mut out, host)?;
    Ok(out)
}

pub fn repr_into(v: &Value, out: &mut String, host: &mut dyn Host) -> Result<()> {
    Repr {
        host,
        active: Vec::new(),
    }
    .value(v, out)
}

/// One repr walk: the containers being shown right now, so a container met
/// again inside itself prints as `[...]` / `{...}` as in Python.
struct Repr<'h> {
    host: &'h mut dyn Host,
    active: Vec<*const ()>,
}

impl Repr<'_> {
    /// One value. Containers recurse through their own methods and leaves
    /// are written by [`leaf`], so this frame, paid at every level of
    /// nesting, stays small.
    fn value(&mut self, v: &Value, out: &mut String) -> Result<()> {
        match v {
            Value::List(l) => self.list(l, out),
            Value::Tuple(t) => self.tuple(t, out),
            Value::Dict(d) => self.dict(d, out),
            Value::Obj(_) if let Some(tz) = crate::value::aware::as_timezone(v) => {
                out.push_str(&crate::value::aware::tz_repr(&tz));
                Ok(())
            }
            Value::Obj(o) => self.host.repr_obj(o, out),
            leaf_value => leaf(leaf_value, out),
        }
    }

    fn list(&mut self, l: &Rc<std::cell::RefCell<Vec<Value>>>, out: &mut String) -> Result<()> {
        let id = Rc::as_ptr(l) as *const ();
        if self.active.contains(&id) {
            out.push_str("[...]");
            return Ok(());
        }
        reserve_copy(l.borrow().len())?;
        let items = l.borrow().clone();
        self.nested(id, out, |me, out| {
            out.push('[');
            me.items(&items, out)?;
            out.push(']');
            Ok(())
        })
    }

    fn tuple(&mut self, t: &[Value], out: &mut String) -> Result<()> {
        self.nested(std::ptr::null(), out, |me, out| {
            out.push('(');
            me.items(t, out)?;
            if t.len() == 1 {
                out.push(',');
            }
            out.push(')');
            Ok(())
        })
    }

    fn dict(
        &mut self,
        d: &Rc<std::cell::RefCell<crate::value::Dict>>,
        out: &mut String,
    ) -> Result<()> {
        let id = Rc::as_ptr(d) as *const ();
        if self.active.contains(&id) {
            out.push_str("{...}");
            return Ok(());
        }
        let entries = d.borrow().pairs();
        self.nested(id, out, |me, out| {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                room(out, 64)?;
                if i > 0 {
                    out.push_str(", ");
                }
                me.value(k, out)?;
                out.push_str(": ");
                me.value(v, out)?;
            }
            out.push('}');
            Ok(())
        })
    }

    fn items(&mut self, items: &[Value], out: &mut String) -> Result<()> {
        for (i, x) in items.iter().enumerate() {
            room(out, 64)?;
            if i > 0 {
                out.push_str(", ");
            }
            self.value(x, out)?;
        }
        Ok(())
    }

    /// Show the container `id` one level of Python's recursion deeper (on
    /// a stack that grows, `stack::nested`).
    fn nested(
        &mut self,
        id: *const (),
        out: &mut String,
        show: impl FnOnce(&mut Self, &mut String) -> Result<()>,
    ) -> Result<()> {
        stack::nested(DOING, || {
            self.active.push(id);
            let r = show(self, out);
            self.active.pop();
            r
        })
    }
}

/// A value that holds no other: written without recursion.
#[inline(never)]
fn leaf(v: &Value, out: &mut String) -> Result<()> {
    match v {
        Value::None => out.push_str("None"),
        Value::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(f) => out.push_str(&float_repr(*f)),
        Value::Str(s) => push_checked(out, s.len(), || str_repr(s))?,
        Value::Bytes(b) => push_checked(out, b.len(), || bytes_repr(b))?,
        Value::DateTime(d) => out.push_str(&dates::datetime_repr(d)),
        Value::Aware(a) => out.push_str(&crate::value::aware::aware_repr(a)),
        Value::Date(d) => out.push_str(&dates::date_repr(d)),
        Value::Time(t) => out.push_str(&dates::time_repr(t)),
        Value::TimeDelta(t) => out.push_str(&crate::value::timedelta::timedelta_repr(t)),
        Value::Decimal(d) => push_checked(out, 16, || format!("Decimal('{}')", d.to_sci_string()))?,
        Value::Uuid(u) => out.push_str(&crate::value::pyuuid::repr(u.get())),
        Value::Range(r) if r.2 == 1 => out.push_str(&format!("range({}, {})", r.0, r.1)),
        Value::Range(r) => out.push_str(&format!("range({}, {}, {})", r.0, r.1, r.2)),
        Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Obj(_) => {}
    }
    Ok(())
}

/// Make room for `n` more bytes of repr text, failing with `MemoryError`
/// (not an abort) when the text would not fit. (These helpers are kept
/// out of `Repr::value`, whose frame is paid at every level of nesting.)
#[inline(never)]
fn room(out: &mut String, n: usize) -> Result<()> {
    // The text is a string ormsh builds: the same cap as `x + x` (issue 11).
    // Only its length so far is known, hence "more than".
    if out.len().saturating_add(n) > crate::value::MAX_LEN {
        return Err(Error::new(
            ErrorKind::MemoryError,
            format!(
                "a repr of more than {} characters is longer than ormsh builds",
                crate::value::grouped(crate::value::MAX_LEN)
            ),
        ));
    }
    crate::memory::grow_string(out, n, || "the text of a repr".into())
}

/// Append the text `f` makes from a value of `len` bytes, checked twice:
/// before it is made (about `len`) and before it is appended.
#[inline(never)]
fn push_checked(out: &mut String, len: usize, f: impl FnOnce() -> String) -> Result<()> {
    room(out, len)?;
    let text = f();
    room(out, text.len())?;
    out.push_str(&text);
    Ok(())
}

/// Before a list of `n` items is copied for its repr.
#[inline(never)]
fn reserve_copy(n: usize) -> Result<()> {
    crate::memory::reserve(n.saturating_mul(std::mem::size_of::<Value>()), || {
        format!("a copy of a list of {} items", crate::value::grouped(n))
    })
}

/// Python `str()`.
pub fn str_of(v: &Value, host: &mut dyn Host) -> Result<String> {
    if let Value::Str(s) = v {
        return Ok(s.to_string());
    }
    let mut out = String::new();
    str_into(v, &mut out, host)?;
    Ok(out)
}

/// Python `str()`, appended to `out` (an f-string builds in one buffer).
pub fn str_into(v: &Value, out: &mut String, host: &mut dyn Host) -> Result<()> {
    match v {
        Value::Str(s) => out.push_str(s),
        Value::DateTime(d) => out.push_str(&dates::datetime_str(d)),
        Value::Aware(a) => out.push_str(&crate::value::aware::aware_str(a)),
        Value::Date(d) => out.push_str(&dates::date_str(d)),
        Value::Time(t) => out.push_str(&dates::time_str(t)),
        Value::TimeDelta(t) => out.push_str(&crate::value::timedelta::timedelta_str(t)),
        Value::Decimal(d) => out.push_str(&d.to_sci_string()),
        Value::Uuid(u) => out.push_str(&crate::value::pyuuid::hyphenated(u.get())),
        Value::Obj(_) if let Some(tz) = crate::value::aware::as_timezone(v) => {
            out.push_str(&crate::value::aware::tz_str(&tz))
        }
        Value::Obj(_) if let Some(t) = v.downcast::<crate::value::aware_time::AwareTime>() => {
            out.push_str(&crate::value::aware_time::str(&t))
        }
        Value::Obj(o) if host.str_obj(o, out)? => {}
        _ => return repr_into(v, out, host),
    }
    Ok(())
}

/// `repr(float)`: see `float::float_repr`.
pub fn float_repr(f: f64) -> String {
    float::float_repr(f)
}

/// `repr(str)`: single quotes unless the text has `'` and no `"`; escapes
/// `\\`, the quote, `\t \n \r`, other control and non-printable characters
/// as `\xNN`, `\uNNNN` or `\UNNNNNNNN`; printable Unicode kept as is.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if unicode::is_printable(c) => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

/// `repr(bytes)`: `b'...'` with the same quote rule as str, printable ASCII
/// kept, everything else `\xNN`.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            b' '..=b'~' => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote as char);
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeDelta};

    /// A host with no objects; `call` applies a few named Rust functions so
    /// `key=` can be tested: the callee is a string naming the function.
    pub struct TestHost;

    impl Host for TestHost {
        fn repr_obj(&mut self, obj: &Rc<dyn Object>, out: &mut String) -> Result<()> {
            out.push_str(&format!("<{}>", obj.type_name()));
            Ok(())
        }
        fn call(&mut self, f: &Value, args: Vec<Value>) -> Result<Value> {
            let a = &args[0];
            match f.as_str() {
                Some("len") => match a {
                    Value::Str(s) => Ok(Value::Int(s.chars().count() as i64)),
                    _ => Err(Error::type_("len")),
                },
                Some("neg") => Ok(Value::Int(-a.as_i64().unwrap_or(0))),
                Some("lower") => Ok(Value::str(&a.as_str().unwrap_or("").to_lowercase())),
                _ => Err(Error::type_(format!(
                    "'{}' object is not callable",
                    f.type_name()
                ))),
            }
        }
    }

    pub fn r(v: &Value) -> String {
        repr(v, &mut TestHost).unwrap()
    }

    // Every expected string checked against CPython 3.11 with
    // python3 -c 'print(repr(X))'.
    #[test]
    fn strings() {
        let cases = [
            ("it's", r#""it's""#),
            ("it's \"x\"", r#"'it\'s "x"'"#),
            ("say \"hi\"", r#"'say "hi"'"#),
            ("a\nb\tc\\d\re", r"'a\nb\tc\\d\re'"),
            ("\x07\x00\x7f", r"'\x07\x00\x7f'"),
            ("café ü 日本 😀", "'café ü 日本 😀'"),
            ("\u{a0}\u{ad}\u{2028}\u{85}", r"'\xa0\xad\u2028\x85'"),
            (
                "\u{e000}\u{10ffff}\u{e0001}",
                r"'\ue000\U0010ffff\U000e0001'",
            ),
            ("", "''"),
        ];
        for (s, want) in cases {
            assert_eq!(str_repr(s), want, "{s:?}");
        }
    }

    #[test]
    fn bytes() {
        assert_eq!(bytes_repr(b"ab'c"), r#"b"ab'c""#);
        assert_eq!(bytes_repr(b"\x00\xff\n"), r"b'\x00\xff\n'");
        assert_eq!(bytes_repr(b""), "b''");
    }

    #[test]
    fn containers_and_scalars() {
        let one = Value::Int(1);
        let a = Value::str("a");
        let cases = [
            (Value::tuple(vec![]), "()"),
            (Value::tuple(vec![one.clone()]), "(1,)"),
            (Value::tuple(vec![one.clone(), a.clone()]), "(1, 'a')"),
            (Value::list(vec![]), "[]"),
            (
                Value::list(vec![Value::None, Value::Bool(true), Value::Float(1.0)]),
                "[None, True, 1.0]",
            ),
            (Value::range(0, 10, 1), "range(0, 10)"),
            (Value::range(1, 10, 2), "range(1, 10, 2)"),
            (Value::Int(-5), "-5"),
            (Value::Float(1e20), "1e+20"),
        ];
        for (v, want) in cases {
            assert_eq!(r(&v), want);
        }
        let mut d = crate::value::Dict::default();
        d.insert(a.clone(), one.clone()).unwrap();
        d.insert(Value::Int(2), Value::list(vec![a])).unwrap();
        let d = Value::Dict(Rc::new(std::cell::RefCell::new(d)));
        assert_eq!(r(&d), "{'a': 1, 2: ['a']}");
        assert_eq!(r(&Value::Dict(Default::default())), "{}");
    }

    #[test]
    fn self_containing() {
        // a = [1]; a.append(a); repr(a) == '[1, [...]]'
        let a = Value::list(vec![Value::Int(1)]);
        if let Value::List(l) = &a {
            l.borrow_mut().push(a.clone());
        }
        assert_eq!(r(&a), "[1, [...]]");
        // b = []; b.append((b,)); repr(b) == '[([...],)]'
        let b = Value::list(vec![]);
        if let Value::List(l) = &b {
            l.borrow_mut().push(Value::tuple(vec![b.clone()]));
        }
        assert_eq!(r(&b), "[([...],)]");
        // d = {}; d['k'] = d; repr(d) == "{'k': {...}}"
        let d = Value::Dict(Default::default());
        if let Value::Dict(m) = &d {
            m.borrow_mut().insert(Value::str("k"), d.clone()).unwrap();
        }
        assert_eq!(r(&d), "{'k': {...}}");
        // cut the cycles so the test does not leak
        if let Value::List(l) = &a {
            l.borrow_mut().clear();
        }
        if let Value::List(l) = &b {
            l.borrow_mut().clear();
        }
        if let Value::Dict(m) = &d {
            m.borrow_mut().clear();
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let mut v = Value::list(vec![]);
        for _ in 0..2000 {
            v = Value::list(vec![v]);
        }
        let e = repr(&v, &mut TestHost).unwrap_err();
        assert_eq!(e.kind, ErrorKind::RecursionError);
    }

    #[test]
    fn dates_repr_and_str() {
        let dt = NaiveDate::from_ymd_opt(2024, 1, 2)
            .unwrap()
            .and_hms_opt(3, 4, 5)
            .unwrap();
        let v = Value::DateTime(dt);
        assert_eq!(r(&v), "datetime.datetime(2024, 1, 2, 3, 4, 5)");
        assert_eq!(str_of(&v, &mut TestHost).unwrap(), "2024-01-02 03:04:05");
        let v = Value::Date(dt.date());
        assert_eq!(r(&v), "datetime.date(2024, 1, 2)");
        assert_eq!(str_of(&v, &mut TestHost).unwrap(), "2024-01-02");
        let v = Value::TimeDelta(TimeDelta::seconds(90000));
        assert_eq!(r(&v), "datetime.timedelta(days=1, seconds=3600)");
        assert_eq!(str_of(&v, &mut TestHost).unwrap(), "1 day, 1:00:00");
        let v = Value::list(vec![Value::str("x"), Value::Date(dt.date())]);
        assert_eq!(
            str_of(&v, &mut TestHost).unwrap(),
            "['x', datetime.date(2024, 1, 2)]"
        );
    }
}
