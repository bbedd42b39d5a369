//! Python's three string-formatting languages on plain values: the
//! format-spec mini-language of `format(v, spec)` and f-strings
//! (`format_spec`, here), printf-style `fmt % args` (`percent_format`, in
//! `percent.rs`) and `str.format` (`str_format`, in `brace_format.rs`),
//! which share the spec, padding and number layout defined here. Errors
//! carry CPython 3.11's messages.

use crate::error::{Error, ErrorKind, Result};
use crate::value::repr::{Host, str_of};
use crate::value::strftime::strftime;
use crate::value::{Value, dates, float};

pub use crate::value::brace_format::str_format;
pub use crate::value::percent::percent_format;

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
    // CPython checks the separator against the type (defaulted per type)
    // while parsing, before any other check.
    if let Some(g) = s.grouping {
        let ty = s.ty.or(match type_name {
            "str" => Some('s'),
            "int" | "bool" => Some('d'),
            _ => None,
        });
        let allowed = match ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            Some('b' | 'o' | 'x' | 'X') => g == '_',
            _ => false,
        };
        if !allowed {
            return Err(Error::value(format!(
                "Cannot specify '{g}' with {}.",
                code_text(ty.unwrap_or('\0'))
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
        Value::Int(i) => format_int(*i, &parse_spec(spec, "int")?, "int"),
        Value::Bool(b) if !spec.is_empty() => {
            format_int(*b as i64, &parse_spec(spec, "bool")?, "bool")
        }
        Value::Float(f) => format_float(*f, &parse_spec(spec, "float")?),
        Value::Decimal(d) => crate::value::decimal::format::format_decimal(d, spec),
        Value::DateTime(d) if !spec.is_empty() => strftime(d, spec),
        Value::Aware(a) if !spec.is_empty() => {
            crate::value::strftime::strftime_tz(&a.wall, spec, Some(&a.tz))
        }
        Value::Date(d) if !spec.is_empty() => strftime(&dates::date_at_midnight(d), spec),
        Value::Time(t) if !spec.is_empty() => strftime(&dates::time_on_1900(t), spec),
        _ if spec.is_empty() => str_of(v, host),
        _ => Err(Error::type_(format!(
            "unsupported format string passed to {}.__format__",
            crate::value::ops::qual_name(v)
        ))),
    }
}

fn unknown_code(c: char, type_name: &str) -> Error {
    Error::value(format!(
        "Unknown format code {} for object of type '{type_name}'",
        code_text(c)
    ))
}

/// A type letter as CPython quotes it in errors: `'x'`, or `'\x1'` outside
/// the printable ASCII range.
fn code_text(c: char) -> String {
    if (33..128).contains(&(c as u32)) {
        format!("'{c}'")
    } else {
        format!("'\\x{:x}'", c as u32)
    }
}

fn format_str(s: &str, spec: &Spec) -> Result<String> {
    if let Some(c) = spec.ty.filter(|c| *c != 's') {
        return Err(unknown_code(c, "str"));
    }
    match spec.sign {
        Some(' ') => return Err(Error::value("Space not allowed in string format specifier")),
        Some(_) => return Err(Error::value("Sign not allowed in string format specifier")),
        None => {}
    }
    if spec.z {
        return Err(Error::value(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if spec.alt {
        return Err(Error::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
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
pub(crate) fn pad(sign: &str, body: &str, spec: &Spec, default_align: char) -> String {
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
/// grouped text is at least `min_len` long, as CPython does (a separator
/// never leads, so the text may come out one longer).
fn group(digits: &str, sep: char, every: usize, min_len: usize) -> String {
    // `n` digits take n + (n - 1) / every characters grouped; find the
    // fewest digits that reach `min_len` (arithmetic, not trial strings:
    // `format(1.5, '070000,E')` was quadratic).
    let grouped = |n: usize| n + n.saturating_sub(1) / every;
    let have = digits.chars().count();
    let mut n = have.max(min_len.saturating_mul(every) / (every + 1)).max(1);
    while n > have && grouped(n - 1) >= min_len {
        n -= 1;
    }
    while grouped(n) < min_len {
        n += 1;
    }
    let padded: String = std::iter::repeat_n('0', n.saturating_sub(have))
        .chain(digits.chars())
        .collect();
    let total = padded.chars().count();
    let mut out = String::with_capacity(grouped(total) * sep.len_utf8());
    for (i, c) in padded.chars().enumerate() {
        if i > 0 && (total - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Assemble sign, prefix, grouped integer part and the rest, then pad.
pub(crate) fn number(
    negative: bool,
    prefix: &str,
    int_part: &str,
    rest: &str,
    spec: &Spec,
) -> String {
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

fn format_int(i: i64, spec: &Spec, type_name: &str) -> Result<String> {
    let ty = spec.ty.unwrap_or('d');
    if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        return format_float(i as f64, spec);
    }
    if !"bcdoxXn".contains(ty) {
        return Err(unknown_code(ty, type_name));
    }
    if spec.precision.is_some() {
        return Err(Error::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if spec.z {
        return Err(Error::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
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
            if spec.alt {
                return Err(Error::value(
                    "Alternate form (#) not allowed with integer format specifier 'c'",
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
        c => return Err(unknown_code(c, type_name)),
    };
    let prefix = if spec.alt { prefix } else { "" };
    Ok(number(i < 0, prefix, &digits, "", spec))
}

fn format_float(x: f64, spec: &Spec) -> Result<String> {
    let upper = matches!(spec.ty, Some('E' | 'F' | 'G'));
    let prec = spec.precision;
    // `.100000000f` builds that many digits: ask the memory account first.
    if let Some(p) = prec.filter(|p| *p > 4096) {
        crate::value::reserve_str(p)?;
    }
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
    // `z`: a negative value that rounded to zero (not -inf) loses its sign.
    if negative
        && spec.z
        && body.contains(|c: char| c.is_ascii_digit())
        && body.chars().all(|c| !c.is_ascii_digit() || c == '0')
    {
        negative = false;
    }
    // The grouped part is the run of leading digits.
    let split = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let (int_part, rest) = body.split_at(split);
    // inf and nan have no digits to group (zero padding stays ungrouped).
    let spec = &Spec {
        grouping: spec.grouping.filter(|_| x.is_finite()),
        ..spec.clone()
    };
    Ok(number(
        negative,
        "",
        int_part,
        &format!("{rest}{pct}"),
        spec,
    ))
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

#[cfg(test)]
#[path = "format_spec_tests.rs"]
mod spec_tests;
