//! `str` searching and replacing: `find`/`rfind`/`index`/`rindex`/`count`
//! over a slice `[start:end]` counted in characters, `startswith`/
//! `endswith` (a prefix or a tuple of them), `replace` and
//! `removeprefix`/`removesuffix`.

use crate::error::{Error, Result};
use crate::value::args::{Call, index_arg, int_arg, slice_bounds, str_arg};
use crate::value::methods::arg;
use crate::value::repr::Host;
use crate::value::{PyStr, Value};

/// `str.find(sub[, start[, end]])` and its kin `rfind`, `index`, `rindex`
/// and `count` (by the name called): the index in characters, -1 or
/// `ValueError` when not found; `count` of non-overlapping occurrences.
pub fn find(s: &PyStr, c: &Call, a: &[Option<Value>], _: &mut dyn Host) -> Result<Value> {
    let sub: Vec<char> = str_arg(&arg(a, 0))?.chars().collect();
    let chars: Vec<char> = s.chars().collect();
    let (st, en) = slice_bounds(chars.len(), index_arg(&a[1])?, index_arg(&a[2])?);
    if c.name == "count" {
        return Ok(Value::Int(count(&chars, &sub, st, en) as i64));
    }
    let right = c.name.starts_with('r');
    match search(&chars, &sub, st, en, right) {
        Some(i) => Ok(Value::Int(i as i64)),
        None if c.name.ends_with("index") => Err(Error::value("substring not found")),
        None => Ok(Value::Int(-1)),
    }
}

/// `str.startswith(prefix[, start[, end]])` and `str.endswith(...)` (by
/// the name called); `prefix` may be a tuple of strings.
pub fn startswith(s: &PyStr, c: &Call, a: &[Option<Value>], _: &mut dyn Host) -> Result<Value> {
    let chars: Vec<char> = s.chars().collect();
    let (st, en) = slice_bounds(chars.len(), index_arg(&a[1])?, index_arg(&a[2])?);
    let starts = c.name == "startswith";
    // CPython's tailmatch: the slice must be long enough for `p`.
    let test = |p: &str| {
        let p: Vec<char> = p.chars().collect();
        en >= st + p.len()
            && if starts {
                chars[st..st + p.len()] == *p
            } else {
                chars[en - p.len()..en] == *p
            }
    };
    match &arg(a, 0) {
        Value::Str(p) => Ok(Value::Bool(test(p))),
        Value::Tuple(t) => {
            for v in t.iter() {
                let p = v.as_str().ok_or_else(|| {
                    Error::type_(format!(
                        "tuple for {} must only contain str, not {}",
                        c.name,
                        v.type_name()
                    ))
                })?;
                if test(p) {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
        v => Err(Error::type_(format!(
            "{} first arg must be str or a tuple of str, not {}",
            c.name,
            v.type_name()
        ))),
    }
}

/// `str.replace(old, new[, count])`: the result's length is checked
/// before it is built.
pub fn replace(s: &PyStr, _: &Call, a: &[Option<Value>], _: &mut dyn Host) -> Result<Value> {
    let (old, new) = (arg(a, 0), arg(a, 1));
    let (old, new) = (str_arg(&old)?, str_arg(&new)?);
    let count = a[2].as_ref().map(int_arg).transpose()?.unwrap_or(-1);
    let found = if old.is_empty() {
        s.chars().count() + 1
    } else {
        s.matches(old).count()
    };
    let n = usize::try_from(count).map_or(found, |c| c.min(found));
    crate::value::reserve_str(
        (s.len() - n * old.len()).saturating_add(n.saturating_mul(new.len())),
    )?;
    Ok(Value::str(&replaced(s, old, new, count)))
}

/// `str.removeprefix(prefix)` and `str.removesuffix(suffix)` (by the name
/// called).
pub fn removeprefix(s: &PyStr, c: &Call, a: &[Option<Value>], _: &mut dyn Host) -> Result<Value> {
    let v = arg(a, 0);
    let p = v.as_str().ok_or_else(|| {
        Error::type_(format!(
            "{}() argument must be str, not {}",
            c.name,
            v.type_name()
        ))
    })?;
    Ok(Value::str(if c.name == "removeprefix" {
        s.strip_prefix(p).unwrap_or(s)
    } else {
        s.strip_suffix(p).unwrap_or(s)
    }))
}

/// `s` with `old` replaced by `new`, at most `count` times when it is not
/// negative; an empty `old` inserts `new` before each character and at
/// the end.
fn replaced(s: &str, old: &str, new: &str, count: i64) -> String {
    if count < 0 {
        return s.replace(old, new);
    }
    if old.is_empty() {
        let mut out = String::new();
        let mut left = count as usize;
        for ch in s.chars() {
            if left > 0 {
                out.push_str(new);
                left -= 1;
            }
            out.push(ch);
        }
        if left > 0 {
            out.push_str(new);
        }
        return out;
    }
    s.replacen(old, new, count as usize)
}

/// Non-overlapping occurrences of `sub` in `chars[st..en]`.
fn count(chars: &[char], sub: &[char], st: usize, en: usize) -> usize {
    if st > en || st > chars.len() {
        return 0;
    }
    if sub.is_empty() {
        return en - st + 1;
    }
    let mut n = 0;
    let mut i = st;
    while i + sub.len() <= en {
        if chars[i..i + sub.len()] == *sub {
            n += 1;
            i += sub.len();
        } else {
            i += 1;
        }
    }
    n
}

/// The first (or, when `right`, last) index of `sub` in `chars[st..en]`.
fn search(chars: &[char], sub: &[char], st: usize, en: usize, right: bool) -> Option<usize> {
    if st > en || en - st < sub.len() {
        return None;
    }
    let last = en - sub.len();
    let hit = |i: &usize| chars[*i..*i + sub.len()] == *sub;
    if right {
        (st..=last).rev().find(hit)
    } else {
        (st..=last).find(hit)
    }
}
