//! Python's three string-formatting languages on plain values: printf-style
//! `fmt % args` (`percent_format`), the format-spec mini-language of
//! `format(v, spec)` and f-strings (`format_spec`), and `str.format`
//! (`str_format`, implemented in `brace_format.rs`). Errors carry CPython
//! 3.11's messages.

use crate::error::{Error, ErrorKind, Result};
use crate::value::repr::{Host, repr, str_of};
use crate::value::{Value, dates, float};

pub use crate::value::brace_format::str_format;

/// A parsed format spec: `[[fill]align][sign][z][#][0][width][,|_][.prec][type]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub z: bool,
    pub alt: bool,
    pub zero: bool,
    pub width: usize,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

/// Parse a format spec; `type_name` is for the error message.
pub fn parse_spec(spec: &str, type_name: &str) -> Result<Spec> {
    let cs: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut i = 0;
    let is_align = |c: char| "<>=^".contains(c);
    if cs.len() >= 2 && is_align(cs[1]) {
        s.fill = Some(cs[0]);
        s.align = Some(cs[1]);
        i = 2;
    } else if !cs.is_empty() && is_align(cs[0]) {
        s.align = Some(cs[0]);
        i = 1;
    }
    if i < cs.len() && "+- ".contains(cs[i]) {
        s.sign = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() && cs[i] == 'z' {
        s.z = true;
        i += 1;
    }
    if i < cs.len() && cs[i] == '#' {
        s.alt = true;
        i += 1;
    }
    if i < cs.len() && cs[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let digits = |i: &mut usize| -> Result<Option<usize>> {
        let start = *i;
        while *i < cs.len() && cs[*i].is_ascii_digit() {
            *i += 1;
        }
        if *i == start {
            return Ok(None);
        }
        let n: String = cs[start..*i].iter().collect();
        n.parse()
            .map(Some)
            .map_err(|_| Error::value("Too many decimal digits in format string"))
    };
    s.width = digits(&mut i)?.unwrap_or(0);
    crate::value::reserve_str(s.width)?;
    if i < cs.len() && (cs[i] == ',' || cs[i] == '_') {
        s.grouping = Some(cs[i]);
        i += 1;
        if i < cs.len() && (cs[i] == ',' || cs[i] == '_') {
            return Err(Error::value("Cannot specify both ',' and '_'."));
        }
    }
    if i < cs.len() && cs[i] == '.' {
        i += 1;
        s.precision = digits(&mut i)?;
        if s.precision.is_none() {
            return Err(Error::value("Format specifier missing precision"));
        }
        if s.precision.is_some_and(|p| p > crate::value::MAX_LEN) {
            return Err(Error::value("precision too big"));
        }
    }
    match cs.len() - i {
        0 => {}
        1 => s.ty = Some(cs[i]),
        _ => {
            return Err(Error::value(format!(
                "Invalid format specifier '{spec}' for object of type '{type_name}'"
            )));
        }
    }
    // `0` fills with zeros; for numbers without an explicit alignment it
    // also means sign-aware padding (`=`), see `number`.
    if s.zero && s.fill.is_none() {
        s.fill = Some('0');
    }
    Ok(s)
}

/// `format(value, spec)`: Python's format-spec mini-language.
pub fn format_spec(v: &Value, spec: &str, host: &mut dyn Host) -> Result<String> {
    match v {
        Value::Str(s) => format_str(s, &parse_spec(spec, "str")?),
        Value::Int(i) => format_int(*i, &parse_spec(spec, "int")?),
        Value::Bool(b) if !spec.is_empty() => format_int(*b as i64, &parse_spec(spec, "bool")?),
        Value::Float(f) => format_float(*f, &parse_spec(spec, "float")?),
        Value::DateTime(d) if !spec.is_empty() => Ok(dates::strftime(d, spec)),
        Value::Date(d) if !spec.is_empty() => {
            Ok(dates::strftime(&dates::date_at_midnight(d), spec))
        }
        Value::Time(t) if !spec.is_empty() => Ok(dates::strftime(&dates::time_on_1900(t), spec)),
        _ if spec.is_empty() => str_of(v, host),
        _ => Err(Error::type_(format!(
            "unsupported format string passed to {}.__format__",
            crate::value::ops::qual_name(v)
        ))),
    }
}

fn unknown_code(c: char, type_name: &str) -> Error {
    Error::value(format!(
        "Unknown format code '{c}' for object of type '{type_name}'"
    ))
}

fn format_str(s: &str, spec: &Spec) -> Result<String> {
    if let Some(c) = spec.ty.filter(|c| *c != 's') {
        return Err(unknown_code(c, "str"));
    }
    if spec.sign.is_some() {
        return Err(Error::value("Sign not allowed in string format specifier"));
    }
    if spec.alt {
        return Err(Error::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if let Some(g) = spec.grouping {
        return Err(Error::value(format!("Cannot specify '{g}' with 's'.")));
    }
    if spec.align == Some('=') {
        return Err(Error::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let body: String = match spec.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    Ok(pad("", &body, spec, '<'))
}

/// Pad `sign + body` to the spec's width. `=` puts the fill between sign
/// (and prefix, which the caller puts in `sign`) and body.
fn pad(sign: &str, body: &str, spec: &Spec, default_align: char) -> String {
    let len = sign.chars().count() + body.chars().count();
    let fill = spec.fill.unwrap_or(' ');
    let n = spec.width.saturating_sub(len);
    let fills = |k: usize| fill.to_string().repeat(k);
    match spec.align.unwrap_or(default_align) {
        '<' => format!("{sign}{body}{}", fills(n)),
        '^' => format!("{}{sign}{body}{}", fills(n / 2), fills(n - n / 2)),
        '=' => format!("{sign}{}{body}", fills(n)),
        _ => format!("{}{sign}{body}", fills(n)),
    }
}

/// The sign text for a number.
fn sign_text(negative: bool, spec: &Spec) -> &'static str {
    match (negative, spec.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

/// Insert `sep` every `every` digits from the right of `digits`; with zero
/// padding (`fill == '0'`, align `=`) grow the digits with zeros until the
/// grouped text is at least `min_len` long, as CPython does.
fn group(digits: &str, sep: char, every: usize, min_len: usize) -> String {
    let mut d = digits.to_string();
    loop {
        let n = d.chars().count();
        let mut out = String::new();
        for (i, c) in d.chars().enumerate() {
            if i > 0 && (n - i).is_multiple_of(every) {
                out.push(sep);
            }
            out.push(c);
        }
        if out.chars().count() >= min_len {
            return out;
        }
        d.insert(0, '0');
    }
}

/// Assemble sign, prefix, grouped integer part and the rest, then pad.
fn number(negative: bool, prefix: &str, int_part: &str, rest: &str, spec: &Spec) -> String {
    let sign = format!("{}{prefix}", sign_text(negative, spec));
    let align = spec.align.unwrap_or(if spec.zero { '=' } else { '>' });
    let spec = &Spec {
        align: Some(align),
        ..spec.clone()
    };
    let zero_pad = spec.fill == Some('0') && align == '=';
    let int_part = match spec.grouping {
        Some(sep) => {
            let every = if matches!(spec.ty, Some('b' | 'o' | 'x' | 'X')) {
                4
            } else {
                3
            };
            let min = if zero_pad {
                spec.width
                    .saturating_sub(sign.chars().count() + rest.chars().count())
            } else {
                0
            };
            group(int_part, sep, every, min)
        }
        None => int_part.to_string(),
    };
    pad(&sign, &format!("{int_part}{rest}"), spec, '>')
}

fn format_int(i: i64, spec: &Spec) -> Result<String> {
    let ty = spec.ty.unwrap_or('d');
    if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        return format_float(i as f64, spec);
    }
    if spec.precision.is_some() {
        return Err(Error::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if let Some(g) = spec.grouping.filter(|g| *g == ',' && "bcoxXn".contains(ty)) {
        return Err(Error::value(format!("Cannot specify '{g}' with '{ty}'.")));
    }
    let abs = i.unsigned_abs();
    let (prefix, digits) = match ty {
        'd' | 'n' => ("", abs.to_string()),
        'b' => ("0b", format!("{abs:b}")),
        'o' => ("0o", format!("{abs:o}")),
        'x' => ("0x", format!("{abs:x}")),
        'X' => ("0X", format!("{abs:X}")),
        'c' => {
            if spec.sign.is_some() {
                return Err(Error::value(
                    "Sign not allowed with integer format specifier 'c'",
                ));
            }
            let c = u32::try_from(i)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| {
                    Error::new(ErrorKind::OverflowError, "%c arg not in range(0x110000)")
                })?;
            return Ok(pad("", &c.to_string(), spec, '>'));
        }
        c => return Err(unknown_code(c, "int")),
    };
    let prefix = if spec.alt { prefix } else { "" };
    Ok(number(i < 0, prefix, &digits, "", spec))
}

fn format_float(x: f64, spec: &Spec) -> Result<String> {
    let upper = matches!(spec.ty, Some('E' | 'F' | 'G'));
    let prec = spec.precision;
    let (x, pct) = match spec.ty {
        Some('%') => (x * 100.0, "%"),
        _ => (x, ""),
    };
    let body = match spec.ty {
        None => float::no_type(x, prec, false, spec.alt),
        Some('e' | 'E') => float::exponent(x, prec.unwrap_or(6), upper, spec.alt),
        Some('f' | 'F' | '%') => float::fixed(x, prec.unwrap_or(6), upper, spec.alt),
        Some('g' | 'G' | 'n') => float::general(x, prec.unwrap_or(6), upper, spec.alt),
        Some(c) => return Err(unknown_code(c, "float")),
    };
    let mut negative = float::is_negative(x);
    if negative && spec.z && body.chars().all(|c| !c.is_ascii_digit() || c == '0') {
        negative = false;
    }
    // The grouped part is the run of leading digits.
    let split = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let (int_part, rest) = body.split_at(split);
    Ok(number(
        negative,
        "",
        int_part,
        &format!("{rest}{pct}"),
        spec,
    ))
}

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
        let star = |i: &mut usize, take: &mut dyn FnMut(bool) -> Result<Value>| {
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
            Ok(if n.is_empty() { None } else { n.parse().ok() })
        };
        if let Some(w) = star(&mut i, &mut take)? {
            if w < 0 {
                spec.align = Some('<');
            }
            spec.width = w.unsigned_abs() as usize;
            crate::value::reserve_str(spec.width)?;
        }
        if cs.get(i) == Some(&'.') {
            i += 1;
            let p = star(&mut i, &mut take)?.unwrap_or(0).max(0) as usize;
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
        if conv == '%' {
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

const TWO_63: f64 = 9_223_372_036_854_775_808.0;

/// `int(f)` for `%d`: truncation, with Python's errors for inf and NaN.
fn float_to_int(f: f64) -> Result<i64> {
    if f.is_nan() {
        return Err(Error::value("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(Error::new(
            ErrorKind::OverflowError,
            "cannot convert float infinity to integer",
        ));
    }
    let t = f.trunc();
    // 2**63: every f64 in [-2**63, 2**63) fits an i64.
    if !(-TWO_63..TWO_63).contains(&t) {
        return Err(Error::new(ErrorKind::OverflowError, "integer overflow"));
    }
    Ok(t as i64)
}

/// `ascii()` of a repr: non-ASCII as `\xNN`, `\uNNNN`, `\UNNNNNNNN`.
pub fn ascii(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let n = c as u32;
        match n {
            0..0x80 => out.push(c),
            0x80..0x100 => out.push_str(&format!("\\x{n:02x}")),
            0x100..0x10000 => out.push_str(&format!("\\u{n:04x}")),
            _ => out.push_str(&format!("\\U{n:08x}")),
        }
    }
    out
}

#[cfg(test)]
#[path = "format_tests.rs"]
mod tests;
