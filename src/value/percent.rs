//! printf-style formatting, `fmt % args` (CPython 3.11's
//! `PyUnicode_Format`): `%(key)`, flags, `*` width and precision, and the
//! conversions `s r a c d i u x X o e E f F g G %`, laid out with the
//! padding and number helpers of `format.rs`.

use crate::error::{Error, ErrorKind, Result};
use crate::value::format::{Spec, ascii, number, pad};
use crate::value::numbers::float_to_int;
use crate::value::repr::{Host, repr, str_of};
use crate::value::{Value, float};

/// `fmt % args` where args is a single value, a tuple, or a dict.
pub fn percent_format(fmt: &str, args: &Value, host: &mut dyn Host) -> Result<String> {
    let positional: Vec<Value> = match args {
        Value::Tuple(t) => t.to_vec(),
        v => vec![v.clone()],
    };
    let mapping = matches!(args, Value::Dict(_) | Value::List(_));
    let mut next = 0usize;
    let mut used_key = false;
    let cs: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let not_enough = || Error::type_("not enough arguments for format string");
    while i < cs.len() {
        if cs[i] != '%' {
            out.push(cs[i]);
            i += 1;
            continue;
        }
        i += 1;
        // `%%` is a literal only when nothing comes between; `%5%` is a
        // conversion that takes an argument and is then refused.
        let spec_start = i;
        let incomplete = || Error::value("incomplete format");
        let mut take = |used_key: bool| -> Result<Value> {
            if used_key {
                return Err(not_enough());
            }
            let v = positional.get(next).cloned().ok_or_else(not_enough)?;
            next += 1;
            Ok(v)
        };
        // %(key)
        let mut keyed: Option<Value> = None;
        if cs.get(i) == Some(&'(') {
            let Value::Dict(d) = args else {
                return Err(Error::type_("format requires a mapping"));
            };
            let mut depth = 1;
            let key_start = i + 1;
            while depth > 0 {
                i += 1;
                match cs.get(i) {
                    None => return Err(Error::value("incomplete format key")),
                    Some('(') => depth += 1,
                    Some(')') => depth -= 1,
                    _ => {}
                }
            }
            let key: String = cs[key_start..i].iter().collect();
            i += 1;
            let kv = Value::str(&key);
            let v = d.borrow().get(&kv).cloned();
            keyed = Some(v.ok_or_else(|| {
                Error::new(ErrorKind::KeyError, crate::value::repr::str_repr(&key))
            })?);
            used_key = true;
        }
        let mut spec = Spec::default();
        while let Some(&c) = cs.get(i) {
            match c {
                '-' => spec.align = Some('<'),
                '+' => spec.sign = Some('+'),
                ' ' if spec.sign.is_none() => spec.sign = Some(' '),
                ' ' => {}
                '#' => spec.alt = true,
                '0' => spec.zero = true,
                _ => break,
            }
            i += 1;
        }
        let star = |i: &mut usize, take: &mut dyn FnMut(bool) -> Result<Value>, what: &str| {
            if cs.get(*i) == Some(&'*') {
                *i += 1;
                let v = take(used_key)?;
                return v
                    .as_i64()
                    .map(Some)
                    .ok_or_else(|| Error::type_("* wants int"));
            }
            let s = *i;
            while cs.get(*i).is_some_and(|c| c.is_ascii_digit()) {
                *i += 1;
            }
            let n: String = cs[s..*i].iter().collect();
            if n.is_empty() {
                return Ok(None);
            }
            // Too many digits for an i64: Python's "width too big".
            n.parse()
                .map(Some)
                .map_err(|_| Error::value(format!("{what} too big")))
        };
        if let Some(w) = star(&mut i, &mut take, "width")? {
            if w < 0 {
                spec.align = Some('<');
            }
            spec.width = w.unsigned_abs() as usize;
            crate::value::reserve_str(spec.width)?;
        }
        if cs.get(i) == Some(&'.') {
            i += 1;
            let p = star(&mut i, &mut take, "precision")?.unwrap_or(0).max(0) as usize;
            if p > crate::value::MAX_LEN {
                return Err(Error::value("precision too big"));
            }
            spec.precision = Some(p);
        }
        while cs.get(i).is_some_and(|c| "hlL".contains(*c)) {
            i += 1;
        }
        let conv = *cs.get(i).ok_or_else(incomplete)?;
        i += 1;
        if conv == '%' && i == spec_start + 1 {
            out.push('%');
            continue;
        }
        let arg = match keyed {
            Some(v) => v,
            None => take(used_key)?,
        };
        if spec.zero && spec.align.is_none() {
            spec.fill = Some('0');
            spec.align = Some('=');
        }
        let piece = percent_one(conv, &arg, &mut spec, host).map_err(|e| {
            if e.message.is_empty() {
                Error::value(format!(
                    "unsupported format character '{conv}' (0x{:x}) at index {}",
                    conv as u32,
                    i - 1
                ))
            } else {
                e
            }
        })?;
        crate::value::grow_str(&mut out, piece.len())?;
        out.push_str(&piece);
    }
    if next < positional.len() && !used_key && !mapping {
        return Err(Error::type_(
            "not all arguments converted during string formatting",
        ));
    }
    Ok(out)
}

/// One `%` conversion. An error with an empty message means "unsupported
/// format character" (the caller knows the index).
fn percent_one(conv: char, arg: &Value, spec: &mut Spec, host: &mut dyn Host) -> Result<String> {
    let text = |s: String, spec: &Spec| {
        let s: String = match spec.precision {
            Some(p) => s.chars().take(p).collect(),
            None => s,
        };
        let spec = Spec {
            fill: None,
            align: Some(if spec.align == Some('<') { '<' } else { '>' }),
            ..spec.clone()
        };
        pad("", &s, &spec, '>')
    };
    match conv {
        's' => Ok(text(str_of(arg, host)?, spec)),
        'r' => Ok(text(repr(arg, host)?, spec)),
        'a' => Ok(text(ascii(&repr(arg, host)?), spec)),
        'c' => {
            let c = match arg {
                Value::Str(s) if s.chars().count() == 1 => s.to_string(),
                Value::Int(_) | Value::Bool(_) => {
                    let n = arg.as_i64().unwrap_or(0);
                    u32::try_from(n)
                        .ok()
                        .and_then(char::from_u32)
                        .ok_or_else(|| {
                            Error::new(ErrorKind::OverflowError, "%c arg not in range(0x110000)")
                        })?
                        .to_string()
                }
                _ => return Err(Error::type_("%c requires int or char")),
            };
            spec.precision = None;
            Ok(text(c, spec))
        }
        'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
            let n = match arg {
                Value::Int(_) | Value::Bool(_) => arg.as_i64().unwrap_or(0),
                Value::Float(f) if "diu".contains(conv) => float_to_int(*f)?,
                _ => {
                    let what = if "diu".contains(conv) {
                        "a real number"
                    } else {
                        "an integer"
                    };
                    return Err(Error::type_(format!(
                        "%{conv} format: {what} is required, not {}",
                        arg.type_name()
                    )));
                }
            };
            let abs = n.unsigned_abs();
            let (prefix, mut digits) = match conv {
                'x' => ("0x", format!("{abs:x}")),
                'X' => ("0X", format!("{abs:X}")),
                'o' => ("0o", format!("{abs:o}")),
                _ => ("", abs.to_string()),
            };
            if let Some(p) = spec.precision
                && digits.len() < p
            {
                digits = format!("{}{digits}", "0".repeat(p - digits.len()));
            }
            let prefix = if spec.alt { prefix } else { "" };
            Ok(number(n < 0, prefix, &digits, "", spec))
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let x = arg.as_f64().ok_or_else(|| {
                Error::type_(format!("must be real number, not {}", arg.type_name()))
            })?;
            let upper = conv.is_ascii_uppercase();
            let p = spec.precision.unwrap_or(6);
            // `%.100000000f` builds that many digits: ask the memory account first.
            if p > 4096 {
                crate::value::reserve_str(p)?;
            }
            let body = match conv.to_ascii_lowercase() {
                'e' => float::exponent(x, p, upper, spec.alt),
                'f' => float::fixed(x, p, upper, spec.alt),
                _ => float::general(x, p, upper, spec.alt),
            };
            spec.grouping = None;
            Ok(number(float::is_negative(x), "", "", &body, spec))
        }
        _ => Err(Error::value("")),
    }
}
