//! `str` case changes (`upper`, `lower`, `casefold`, `swapcase`,
//! `capitalize`, `title`) and the `is*` predicates, with Unicode classes
//! from `value::unicode` as CPython 3.11 has them.

use crate::error::Result;
use crate::value::args::Call;
use crate::value::repr::Host;
use crate::value::{PyStr, Value, unicode};

/// The shape of every `str` method body here.
type Args<'a> = &'a [Option<Value>];

fn text(s: impl AsRef<str>) -> Result<Value> {
    Ok(Value::str(s.as_ref()))
}

fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase()
}

/// `str.upper()`
pub fn upper(s: &PyStr, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    text(s.to_uppercase())
}

/// `str.lower()`
pub fn lower(s: &PyStr, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    text(s.to_lowercase())
}

/// `str.casefold()`: lower case with `ß` folded to `ss`.
pub fn casefold(s: &PyStr, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    text(s.to_lowercase().replace('ß', "ss"))
}

/// `str.swapcase()`
pub fn swapcase(s: &PyStr, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    text(s.chars().fold(String::new(), |mut o, ch| {
        if ch.is_uppercase() {
            o.extend(ch.to_lowercase());
        } else if ch.is_lowercase() {
            o.extend(ch.to_uppercase());
        } else {
            o.push(ch);
        }
        o
    }))
}

/// `str.capitalize()`: the first character upper case, the rest lower.
pub fn capitalize(s: &PyStr, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    let mut it = s.chars();
    let mut o: String = it
        .next()
        .map(|f| f.to_uppercase().collect())
        .unwrap_or_default();
    o.push_str(&it.as_str().to_lowercase());
    text(o)
}

/// `str.title()`: upper case after an uncased character, lower after a
/// cased one.
pub fn title(s: &PyStr, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    let mut o = String::new();
    let mut prev_cased = false;
    for ch in s.chars() {
        if prev_cased {
            o.extend(ch.to_lowercase());
        } else {
            o.extend(ch.to_uppercase());
        }
        prev_cased = is_cased(ch);
    }
    text(o)
}

/// True when `s` is not empty and every character passes `f`.
fn all(s: &str, f: impl Fn(char) -> bool) -> Result<Value> {
    Ok(Value::Bool(!s.is_empty() && s.chars().all(f)))
}

/// `str.isalpha()`
pub fn isalpha(s: &PyStr, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    all(s, unicode::is_alpha)
}

/// `str.isdecimal()`
pub fn isdecimal(s: &PyStr, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    all(s, unicode::is_decimal)
}

/// `str.isdigit()`
pub fn isdigit(s: &PyStr, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    all(s, unicode::is_digit)
}

/// `str.isnumeric()`
pub fn isnumeric(s: &PyStr, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    all(s, unicode::is_numeric)
}

/// `str.isspace()`
pub fn isspace(s: &PyStr, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    all(s, unicode::is_space)
}

/// `str.isalnum()`: every character alphabetic or numeric.
pub fn isalnum(s: &PyStr, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    all(s, |ch| unicode::is_alpha(ch) || unicode::is_numeric(ch))
}

/// `str.isascii()` (true for the empty string).
pub fn isascii(s: &PyStr, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    Ok(Value::Bool(s.is_ascii()))
}

/// `str.islower()`: some cased character and no upper case one.
pub fn islower(s: &PyStr, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    Ok(Value::Bool(
        s.chars().any(is_cased) && !s.chars().any(char::is_uppercase),
    ))
}

/// `str.isupper()`: some cased character and no lower case one.
pub fn isupper(s: &PyStr, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    Ok(Value::Bool(
        s.chars().any(is_cased) && !s.chars().any(char::is_lowercase),
    ))
}

/// `str.istitle()`: upper case only after uncased characters, lower case
/// only after cased ones, and at least one cased character.
pub fn istitle(s: &PyStr, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    let (mut cased, mut prev_cased) = (false, false);
    for ch in s.chars() {
        if ch.is_uppercase() {
            if prev_cased {
                return Ok(Value::Bool(false));
            }
            prev_cased = true;
            cased = true;
        } else if ch.is_lowercase() {
            if !prev_cased {
                return Ok(Value::Bool(false));
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(Value::Bool(cased))
}

/// `str.isidentifier()`: a letter or `_`, then letters, digits and `_`.
pub fn isidentifier(s: &PyStr, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    let mut it = s.chars();
    Ok(Value::Bool(
        it.next().is_some_and(|f| f == '_' || unicode::is_alpha(f))
            && it.all(|ch| ch == '_' || unicode::is_alpha(ch) || unicode::is_decimal(ch)),
    ))
}
