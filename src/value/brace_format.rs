//! `str.format`: replacement fields `{}`, `{0}`, `{name}`, `{0[1]}`,
//! `{0.year}` (attributes looked up by the host: `Host::get_attr`), conversions `!r !s !a`, specs (with nested `{}` fields)
//! handed to `format::format_spec`, and `{{ }}` escapes. Errors carry
//! CPython 3.11's messages.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::value::Value;
use crate::value::format::{ascii, format_spec};
use crate::value::repr::{Host, repr, str_of};

/// `fmt.format(*args, **kwargs)`.
pub fn str_format(
    fmt: &str,
    args: &[Value],
    kwargs: &[(Rc<str>, Value)],
    host: &mut dyn Host,
) -> Result<String> {
    let mut auto = Auto::Unset;
    format_fields(fmt, args, kwargs, host, &mut auto, 0)
}

/// Automatic (`{}`) versus manual (`{0}`) numbering, which can't be mixed.
enum Auto {
    Unset,
    Next(usize),
    Manual,
}

fn format_fields(
    fmt: &str,
    args: &[Value],
    kwargs: &[(Rc<str>, Value)],
    host: &mut dyn Host,
    auto: &mut Auto,
    depth: usize,
) -> Result<String> {
    if depth > 1 {
        return Err(Error::value("Max string recursion exceeded"));
    }
    let cs: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < cs.len() {
        match cs[i] {
            '{' if cs.get(i + 1) == Some(&'{') => {
                out.push('{');
                i += 2;
            }
            '}' if cs.get(i + 1) == Some(&'}') => {
                out.push('}');
                i += 2;
            }
            '}' => return Err(Error::value("Single '}' encountered in format string")),
            '{' => {
                // find the matching '}' (nested braces allowed in the spec)
                let mut level = 1;
                let mut j = i + 1;
                while j < cs.len() {
                    match cs[j] {
                        '{' => level += 1,
                        '}' => {
                            level -= 1;
                            if level == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                if j >= cs.len() {
                    return Err(Error::value(if i + 1 == cs.len() {
                        "Single '{' encountered in format string"
                    } else {
                        "expected '}' before end of string"
                    }));
                }
                let field: String = cs[i + 1..j].iter().collect();
                out.push_str(&one_field(&field, args, kwargs, host, auto, depth)?);
                i = j + 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(out)
}

fn one_field(
    field: &str,
    args: &[Value],
    kwargs: &[(Rc<str>, Value)],
    host: &mut dyn Host,
    auto: &mut Auto,
    depth: usize,
) -> Result<String> {
    // split name / conversion / spec; '!' and ':' inside [...] don't count
    let mut name_end = field.len();
    let mut in_bracket = false;
    for (k, c) in field.char_indices() {
        match c {
            '[' => in_bracket = true,
            ']' => in_bracket = false,
            '!' | ':' if !in_bracket => {
                name_end = k;
                break;
            }
            _ => {}
        }
    }
    let name = &field[..name_end];
    let mut rest = &field[name_end..];
    let mut conv = None;
    if let Some(r) = rest.strip_prefix('!') {
        let mut it = r.chars();
        let c = it
            .next()
            .ok_or_else(|| Error::value("end of string while looking for conversion specifier"))?;
        rest = it.as_str();
        if !rest.is_empty() && !rest.starts_with(':') {
            return Err(Error::value("expected ':' after conversion specifier"));
        }
        conv = Some(c);
    }
    let spec = rest.strip_prefix(':').unwrap_or("");
    let value = lookup(name, args, kwargs, auto, host)?;
    let spec = if spec.contains('{') {
        format_fields(spec, args, kwargs, host, auto, depth + 1)?
    } else {
        spec.to_string()
    };
    let value = match conv {
        None => value,
        Some('r') => Value::str(&repr(&value, host)?),
        Some('s') => Value::str(&str_of(&value, host)?),
        Some('a') => Value::str(&ascii(&repr(&value, host)?)),
        Some(c) => {
            return Err(Error::value(format!("Unknown conversion specifier {c}")));
        }
    };
    format_spec(&value, &spec, host)
}

/// Resolve `0`, `name`, ``, then `.attr` / `[key]` parts.
fn lookup(
    name: &str,
    args: &[Value],
    kwargs: &[(Rc<str>, Value)],
    auto: &mut Auto,
    host: &mut dyn Host,
) -> Result<Value> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let (head, mut tail) = name.split_at(first_end);
    let mut v = if head.is_empty() {
        let n = match auto {
            Auto::Manual => {
                return Err(Error::value(
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            Auto::Unset => 0,
            Auto::Next(n) => *n,
        };
        *auto = Auto::Next(n + 1);
        positional(args, n)?
    } else if let Some(n) = field_number(head)? {
        if let Auto::Next(_) = auto {
            return Err(Error::value(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        *auto = Auto::Manual;
        positional(args, n)?
    } else {
        kwargs
            .iter()
            .find(|(k, _)| &**k == head)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| {
                crate::value::exc_args::key_error(
                    Value::str(head),
                    crate::value::repr::str_repr(head),
                )
            })?
    };
    while !tail.is_empty() {
        if let Some(r) = tail.strip_prefix('[') {
            let end = r
                .find(']')
                .ok_or_else(|| Error::value("Missing ']' in format string"))?;
            let key = &r[..end];
            tail = &r[end + 1..];
            v = index(&v, key)?;
        } else if let Some(r) = tail.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let attr = &r[..end];
            tail = &r[end..];
            v = match host.get_attr(&v, attr) {
                Some(r) => r?,
                None => attribute(&v, attr)?,
            };
        } else {
            return Err(Error::value(
                "Only '.' or '[' may follow ']' in format field specifier",
            ));
        }
    }
    Ok(v)
}

/// A field name or index made only of decimal digits is a number (CPython's
/// `get_integer`: Unicode digits count, a sign does not), at most a
/// Py_ssize_t; anything else is a name or a string key.
fn field_number(s: &str) -> Result<Option<usize>> {
    if s.is_empty() {
        return Ok(None);
    }
    let mut n: u64 = 0;
    for c in s.chars() {
        let Some(d) = crate::value::numbers::decimal_digit(c) else {
            return Ok(None);
        };
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(d as u64))
            .filter(|n| *n <= i64::MAX as u64)
            .ok_or_else(|| Error::value("Too many decimal digits in format string"))?;
    }
    Ok(Some(n as usize))
}

fn positional(args: &[Value], n: usize) -> Result<Value> {
    args.get(n).cloned().ok_or_else(|| {
        Error::new(
            ErrorKind::IndexError,
            format!("Replacement index {n} out of range for positional args tuple"),
        )
    })
}

fn index(v: &Value, key: &str) -> Result<Value> {
    let int_key = field_number(key)?;
    let items = match v {
        Value::List(l) => Some(l.borrow().clone()),
        Value::Tuple(t) => Some(t.to_vec()),
        _ => None,
    };
    if let Some(items) = items {
        let n = int_key.ok_or_else(|| {
            Error::type_(format!(
                "{} indices must be integers or slices, not str",
                v.type_name()
            ))
        })?;
        return items.get(n).cloned().ok_or_else(|| {
            Error::new(
                ErrorKind::IndexError,
                format!("{} index out of range", v.type_name()),
            )
        });
    }
    match v {
        Value::Dict(d) => {
            let k = match int_key {
                Some(n) => Value::Int(n as i64),
                None => Value::str(key),
            };
            d.borrow().get(&k).cloned().ok_or_else(|| {
                let shown = match int_key {
                    Some(n) => n.to_string(),
                    None => crate::value::repr::str_repr(key),
                };
                crate::value::exc_args::key_error(k.clone(), shown)
            })
        }
        _ => Err(Error::type_(format!(
            "'{}' object is not subscriptable",
            v.type_name()
        ))),
    }
}

fn attribute(v: &Value, attr: &str) -> Result<Value> {
    use chrono::{Datelike, Timelike};
    let n = |x: u32| Ok(Value::Int(x as i64));
    if let Value::Aware(a) = v {
        return attribute(&Value::DateTime(a.wall), attr);
    }
    match (v, attr) {
        (Value::DateTime(d), "year") => Ok(Value::Int(d.year() as i64)),
        (Value::DateTime(d), "month") => n(d.month()),
        (Value::DateTime(d), "day") => n(d.day()),
        (Value::DateTime(d), "hour") => n(d.hour()),
        (Value::DateTime(d), "minute") => n(d.minute()),
        (Value::DateTime(d), "second") => n(d.second()),
        (Value::Date(d), "year") => Ok(Value::Int(d.year() as i64)),
        (Value::Date(d), "month") => n(d.month()),
        (Value::Date(d), "day") => n(d.day()),
        (Value::Obj(_), _) => Err(Error::attr(format!(
            "attribute lookups on objects ('{{0.{attr}}}') are not supported in str.format; \
             use an f-string"
        ))),
        _ => Err(Error::attr(format!(
            "'{}' object has no attribute '{attr}'",
            v.type_name()
        ))),
    }
}
