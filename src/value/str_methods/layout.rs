//! `str` layout: stripping (`strip`/`lstrip`/`rstrip`), padding to a
//! width (`center`/`ljust`/`rjust`, `zfill`) and `expandtabs`. Widths are
//! in characters; a padded result is checked against the length and
//! memory limits before it is built.

use crate::error::{Error, Result};
use crate::value::args::{Call, int_arg};
use crate::value::methods::arg;
use crate::value::repr::Host;
use crate::value::{PyStr, Value, unicode};

/// `str.strip(chars=None)` and `lstrip`/`rstrip` (by the name called):
/// whitespace, or the characters of `chars`, off the ends.
pub fn strip(s: &PyStr, c: &Call, a: &[Option<Value>], _: &mut dyn Host) -> Result<Value> {
    let chars: Option<Vec<char>> = match &a[0] {
        None | Some(Value::None) => None,
        Some(Value::Str(x)) => Some(x.chars().collect()),
        Some(_) => {
            return Err(Error::type_(format!("{} arg must be None or str", c.name)));
        }
    };
    let pred = |ch: char| match &chars {
        None => unicode::is_space(ch),
        Some(set) => set.contains(&ch),
    };
    Ok(Value::str(match c.name {
        "strip" => s.trim_matches(pred),
        "lstrip" => s.trim_start_matches(pred),
        _ => s.trim_end_matches(pred),
    }))
}

/// `str.center(width, fillchar=' ')` and `ljust`/`rjust` (by the name
/// called).
pub fn justify(s: &PyStr, c: &Call, a: &[Option<Value>], _: &mut dyn Host) -> Result<Value> {
    let width = int_arg(&arg(a, 0))?;
    let fill = match &a[1] {
        None => ' ',
        Some(Value::Str(f)) if f.chars().count() == 1 => f.chars().next().unwrap_or(' '),
        Some(Value::Str(_)) => {
            return Err(Error::type_(
                "The fill character must be exactly one character long",
            ));
        }
        Some(v) => {
            return Err(Error::type_(format!(
                "The fill character must be a unicode character, not {}",
                v.type_name()
            )));
        }
    };
    crate::value::reserve_str(width.max(0) as usize)?;
    let len = s.chars().count() as i64;
    if width <= len {
        return Ok(Value::str(s));
    }
    let marg = width - len;
    let left = match c.name {
        "ljust" => 0,
        "rjust" => marg,
        // CPython's `pad`: the odd space goes left when the width is odd.
        _ => marg / 2 + (marg & width & 1),
    };
    let f = |n: i64| fill.to_string().repeat(n as usize);
    Ok(Value::str(&format!("{}{s}{}", f(left), f(marg - left))))
}

/// `str.zfill(width)`: zeros on the left, after a leading sign.
pub fn zfill(s: &PyStr, _: &Call, a: &[Option<Value>], _: &mut dyn Host) -> Result<Value> {
    let width = int_arg(&arg(a, 0))?;
    crate::value::reserve_str(width.max(0) as usize)?;
    let len = s.chars().count() as i64;
    if width <= len {
        return Ok(Value::str(s));
    }
    let zeros = "0".repeat((width - len) as usize);
    Ok(Value::str(&match s.chars().next() {
        Some(sign @ ('+' | '-')) => format!("{sign}{zeros}{}", &s[1..]),
        _ => format!("{zeros}{s}"),
    }))
}

/// `str.expandtabs(tabsize=8)`: each tab up to the next multiple of
/// `tabsize` columns, the column counted from the last line end.
pub fn expandtabs(s: &PyStr, _: &Call, a: &[Option<Value>], _: &mut dyn Host) -> Result<Value> {
    let size = a[0].as_ref().map(int_arg).transpose()?.unwrap_or(8);
    let tabs = s.matches('\t').count();
    crate::value::reserve_str(
        s.len()
            .saturating_add(tabs.saturating_mul(size.max(0) as usize)),
    )?;
    let mut out = String::new();
    let mut col = 0i64;
    for ch in s.chars() {
        match ch {
            '\t' => {
                if size > 0 {
                    let n = size - col % size;
                    out.push_str(&" ".repeat(n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(ch);
                col = 0;
            }
            _ => {
                out.push(ch);
                col += 1;
            }
        }
    }
    Ok(Value::str(&out))
}
