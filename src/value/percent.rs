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
    let cs: Vec<char> = fmt.chars().collect();
    let mut args = Args::new(args);
    let mut cur = Cursor { cs: &cs, i: 0 };
    let mut out = String::new();
    while let Some(&c) = cs.get(cur.i) {
        cur.i += 1;
        if c == '%' {
            directive(&mut cur, &mut args, host, &mut out)?;
        } else {
            out.push(c);
        }
    }
    args.finish()?;
    Ok(out)
}

/// One directive, the cursor just after its `%`: its parts read in
/// CPython's order, the arguments taken between them (a `*` width before
/// the precision is read), its text appended to `out`.
fn directive(
    cur: &mut Cursor,
    args: &mut Args,
    host: &mut dyn Host,
    out: &mut String,
) -> Result<()> {
    // `%%` is a literal only when nothing comes between; `%5%` is a
    // conversion that takes an argument and is then refused.
    let spec_start = cur.i;
    let keyed = if cur.at('(') {
        args.mapping()?;
        let key = cur.key()?;
        Some(args.keyed(&key)?)
    } else {
        None
    };
    let mut spec = Spec::default();
    cur.flags(&mut spec);
    if let Some(w) = args.count(cur.count("width")?)? {
        if w < 0 {
            spec.align = Some('<');
        }
        spec.width = w.unsigned_abs() as usize;
        crate::value::reserve_str(spec.width)?;
    }
    if cur.dot() {
        let p = args.count(cur.count("precision")?)?.unwrap_or(0).max(0) as usize;
        if p > crate::value::MAX_LEN {
            return Err(Error::value("precision too big"));
        }
        spec.precision = Some(p);
    }
    let conv = cur.conversion()?;
    if conv == '%' && cur.i == spec_start + 1 {
        out.push('%');
        return Ok(());
    }
    let arg = match keyed {
        Some(v) => v,
        None => args.take()?,
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
                cur.i - 1
            ))
        } else {
            e
        }
    })?;
    crate::value::grow_str(out, piece.len())?;
    out.push_str(&piece);
    Ok(())
}

/// A width or precision as written: `*` (the next argument) or digits.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Count {
    Star,
    Given(i64),
}

/// Reads a directive's parts left to right from just after its `%`. It
/// never looks at the arguments, so the caller can take them between the
/// parts in CPython's order; its errors are the format's own (incomplete,
/// a number too big).
struct Cursor<'a> {
    cs: &'a [char],
    /// The index (in characters) of the next character to read.
    i: usize,
}

impl Cursor<'_> {
    /// Whether the next character is `c`.
    fn at(&self, c: char) -> bool {
        self.cs.get(self.i) == Some(&c)
    }

    /// `(key)`, the cursor at its `(`: the key's text up to the balancing
    /// `)`; ValueError "incomplete format key" when it never closes.
    fn key(&mut self) -> Result<String> {
        let mut depth = 1;
        let key_start = self.i + 1;
        while depth > 0 {
            self.i += 1;
            match self.cs.get(self.i) {
                None => return Err(Error::value("incomplete format key")),
                Some('(') => depth += 1,
                Some(')') => depth -= 1,
                _ => {}
            }
        }
        let key: String = self.cs[key_start..self.i].iter().collect();
        self.i += 1;
        Ok(key)
    }

    /// The flags `-`, `+`, ` `, `#` and `0`, set in `spec` (`+` wins over
    /// a space, in any order).
    fn flags(&mut self, spec: &mut Spec) {
        while let Some(&c) = self.cs.get(self.i) {
            match c {
                '-' => spec.align = Some('<'),
                '+' => spec.sign = Some('+'),
                ' ' if spec.sign.is_none() => spec.sign = Some(' '),
                ' ' => {}
                '#' => spec.alt = true,
                '0' => spec.zero = true,
                _ => break,
            }
            self.i += 1;
        }
    }

    /// A width or precision (`what` names it): `*`, digits, or nothing;
    /// ValueError "width too big" when the digits pass an `i64`.
    fn count(&mut self, what: &str) -> Result<Option<Count>> {
        if self.at('*') {
            self.i += 1;
            return Ok(Some(Count::Star));
        }
        let s = self.i;
        while self.cs.get(self.i).is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        let n: String = self.cs[s..self.i].iter().collect();
        if n.is_empty() {
            return Ok(None);
        }
        n.parse()
            .map(|n| Some(Count::Given(n)))
            .map_err(|_| Error::value(format!("{what} too big")))
    }

    /// A `.` (a precision follows), read if there.
    fn dot(&mut self) -> bool {
        let dot = self.at('.');
        self.i += dot as usize;
        dot
    }

    /// The conversion character, after any length modifiers (`h`, `l`,
    /// `L`, ignored as CPython does); ValueError "incomplete format" at the
    /// end of the format.
    fn conversion(&mut self) -> Result<char> {
        while self.cs.get(self.i).is_some_and(|c| "hlL".contains(*c)) {
            self.i += 1;
        }
        let conv = *self
            .cs
            .get(self.i)
            .ok_or_else(|| Error::value("incomplete format"))?;
        self.i += 1;
        Ok(conv)
    }
}

/// The right-hand side of `fmt % args` as the directives take it:
/// positional values in order (a single value that is not a tuple is the
/// only one), or values by key from a dict once a `%(key)` was used.
struct Args<'a> {
    args: &'a Value,
    positional: Vec<Value>,
    next: usize,
    used_key: bool,
}

impl<'a> Args<'a> {
    fn new(args: &'a Value) -> Args<'a> {
        let positional = match args {
            Value::Tuple(t) => t.to_vec(),
            v => vec![v.clone()],
        };
        Args {
            args,
            positional,
            next: 0,
            used_key: false,
        }
    }

    /// The next positional value; TypeError "not enough arguments" when
    /// none is left or a `%(key)` was used.
    fn take(&mut self) -> Result<Value> {
        let not_enough = || Error::type_("not enough arguments for format string");
        if self.used_key {
            return Err(not_enough());
        }
        let v = self
            .positional
            .get(self.next)
            .cloned()
            .ok_or_else(not_enough)?;
        self.next += 1;
        Ok(v)
    }

    /// A `*` width or precision's value, taken from the arguments (it must
    /// be an int), or the digits written.
    fn count(&mut self, count: Option<Count>) -> Result<Option<i64>> {
        match count {
            None => Ok(None),
            Some(Count::Given(n)) => Ok(Some(n)),
            Some(Count::Star) => self
                .take()?
                .as_i64()
                .map(Some)
                .ok_or_else(|| Error::type_("* wants int")),
        }
    }

    /// TypeError "format requires a mapping" unless the arguments are a dict.
    fn mapping(&self) -> Result<()> {
        match self.args {
            Value::Dict(_) => Ok(()),
            _ => Err(Error::type_("format requires a mapping")),
        }
    }

    /// The value of `%(key)` (KeyError when the dict lacks it).
    fn keyed(&mut self, key: &str) -> Result<Value> {
        let Value::Dict(d) = self.args else {
            return Err(Error::type_("format requires a mapping"));
        };
        let v = d.borrow().get(&Value::str(key)).cloned();
        self.used_key = true;
        v.ok_or_else(|| {
            crate::value::exc_args::key_error(Value::str(key), crate::value::repr::str_repr(key))
        })
    }

    /// TypeError "not all arguments converted" when positional values are
    /// left over (a dict or list given as the one value is exempt, as in
    /// CPython).
    fn finish(&self) -> Result<()> {
        let mapping = matches!(self.args, Value::Dict(_) | Value::List(_));
        if self.next < self.positional.len() && !self.used_key && !mapping {
            return Err(Error::type_(
                "not all arguments converted during string formatting",
            ));
        }
        Ok(())
    }
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
            // A decimal is formatted through its float, as Python's `%` does.
            let as_float = match arg {
                Value::Decimal(d) => Some(d.to_f64()),
                _ => arg.as_f64(),
            };
            let x = as_float.ok_or_else(|| {
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

#[cfg(test)]
#[path = "percent_tests.rs"]
mod tests;
