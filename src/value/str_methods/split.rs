//! `str` split and join: `split`/`rsplit` (on whitespace runs or a
//! separator, at most `maxsplit` times), `splitlines`, `partition`/
//! `rpartition` and `join`. Each result is checked against the length and
//! memory limits before it is built.

use crate::error::{Error, Result};
use crate::value::args::{Call, int_arg, iterate_with, str_arg};
use crate::value::methods::arg;
use crate::value::repr::Host;
use crate::value::{PyStr, Value, unicode};

fn text(s: impl AsRef<str>) -> Value {
    Value::str(s.as_ref())
}

/// `str.split(sep=None, maxsplit=-1)` and `str.rsplit(...)` (by the name
/// called).
pub fn split(s: &PyStr, c: &Call, a: &[Option<Value>], _: &mut dyn Host) -> Result<Value> {
    let maxsplit = a[1].as_ref().map(int_arg).transpose()?.unwrap_or(-1);
    let max = usize::try_from(maxsplit).ok();
    let right = c.name == "rsplit";
    let parts = match &a[0] {
        None | Some(Value::None) => split_whitespace(s, max, right)?,
        Some(Value::Str(sep)) => {
            if sep.is_empty() {
                return Err(Error::value("empty separator"));
            }
            split_sep(s, sep, max, right)?
        }
        Some(v) => {
            return Err(Error::type_(format!(
                "must be str or None, not {}",
                v.type_name()
            )));
        }
    };
    Ok(Value::list(parts.into_iter().map(text).collect()))
}

/// `str.splitlines(keepends=False)`
pub fn splitlines(s: &PyStr, _: &Call, a: &[Option<Value>], _: &mut dyn Host) -> Result<Value> {
    let keep = a[0].as_ref().is_some_and(Value::truthy);
    Ok(Value::list(lines(s, keep).into_iter().map(text).collect()))
}

/// `str.join(iterable)`: every item must be a `str`.
pub fn join(s: &PyStr, _: &Call, a: &[Option<Value>], host: &mut dyn Host) -> Result<Value> {
    let items =
        iterate_with(&arg(a, 0), host).map_err(|_| Error::type_("can only join an iterable"))?;
    let mut parts = Vec::with_capacity(items.len());
    for (i, v) in items.iter().enumerate() {
        parts.push(v.as_str().ok_or_else(|| {
            Error::type_(format!(
                "sequence item {i}: expected str instance, {} found",
                v.type_name()
            ))
        })?);
    }
    let sep = s.len().saturating_mul(parts.len().saturating_sub(1));
    crate::value::reserve_str(parts.iter().fold(sep, |n, p| n.saturating_add(p.len())))?;
    Ok(text(parts.join(s)))
}

/// `str.partition(sep)` and `str.rpartition(sep)` (by the name called).
pub fn partition(s: &PyStr, c: &Call, a: &[Option<Value>], _: &mut dyn Host) -> Result<Value> {
    let sep = arg(a, 0);
    let sep = str_arg(&sep)?;
    if sep.is_empty() {
        return Err(Error::value("empty separator"));
    }
    let left = c.name == "partition";
    let found = if left { s.find(sep) } else { s.rfind(sep) };
    let (x, y, z) = match found {
        Some(i) => (&s[..i], sep, &s[i + sep.len()..]),
        None if left => (&s[..], "", ""),
        None => ("", "", &s[..]),
    };
    Ok(Value::tuple(vec![text(x), text(y), text(z)]))
}

/// `str.split()` / `str.rsplit()` with no separator: runs of whitespace
/// split, at most `max` times; the unsplit remainder keeps its inner and
/// trailing spaces. The pieces are slices of `s`, and their number is
/// counted first so that the list is checked against the memory limit
/// before any piece is copied.
fn split_whitespace(s: &str, max: Option<usize>, right: bool) -> Result<Vec<&str>> {
    let mut pieces = 0;
    walk_words(s, max, right, &mut |_| pieces += 1);
    reserve_pieces(pieces, s.len())?;
    let mut out = Vec::with_capacity(pieces);
    walk_words(s, max, right, &mut |p| out.push(p));
    if right {
        out.reverse();
    }
    Ok(out)
}

/// Walk the whitespace-separated pieces of `s` (from the right when
/// `right`), at most `max` splits, handing each to `emit`.
fn walk_words<'s>(s: &'s str, max: Option<usize>, right: bool, emit: &mut dyn FnMut(&'s str)) {
    let mut rest = s;
    let mut n = 0;
    loop {
        rest = if right {
            rest.trim_end_matches(unicode::is_space)
        } else {
            rest.trim_start_matches(unicode::is_space)
        };
        if rest.is_empty() {
            break;
        }
        if max.is_some_and(|m| n == m) {
            emit(rest);
            break;
        }
        if right {
            let start = rest
                .char_indices()
                .rev()
                .find(|(_, c)| unicode::is_space(*c))
                .map_or(0, |(i, c)| i + c.len_utf8());
            emit(&rest[start..]);
            rest = &rest[..start];
        } else {
            let end = rest.find(unicode::is_space).unwrap_or(rest.len());
            emit(&rest[..end]);
            rest = &rest[end..];
        }
        n += 1;
    }
}

/// Refuse a list of `pieces` strings taking `len` bytes in all when it
/// would not fit: each piece costs a list slot, a shared string's header
/// and its text.
fn reserve_pieces(pieces: usize, len: usize) -> Result<()> {
    crate::value::reserve_items(pieces)?;
    let per_piece = 2 * std::mem::size_of::<Value>() + 32;
    crate::memory::reserve(pieces.saturating_mul(per_piece).saturating_add(len), || {
        format!("a list of {} strings", crate::value::grouped(pieces))
    })
}

/// `s` split on `sep`, at most `max` times, from the right when `right`.
fn split_sep<'s>(s: &'s str, sep: &str, max: Option<usize>, right: bool) -> Result<Vec<&'s str>> {
    let pieces = s.matches(sep).count().min(max.unwrap_or(usize::MAX)) + 1;
    reserve_pieces(pieces, s.len())?;
    let mut v: Vec<&str> = match (max, right) {
        (None, _) => s.split(sep).collect(),
        (Some(m), false) => s.splitn(m + 1, sep).collect(),
        (Some(m), true) => s.rsplitn(m + 1, sep).collect(),
    };
    if right && max.is_some() {
        v.reverse();
    }
    Ok(v)
}

/// The lines of `s` at Python's line boundaries (`\r\n` is one), with
/// their ends when `keep`.
fn lines(s: &str, keep: bool) -> Vec<String> {
    let is_break = |c: char| {
        matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        )
    };
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut start) = (0, 0);
    while i < chars.len() {
        if is_break(chars[i]) {
            let mut end = i + 1;
            if chars[i] == '\r' && chars.get(i + 1) == Some(&'\n') {
                end += 1;
            }
            let stop = if keep { end } else { i };
            out.push(chars[start..stop].iter().collect());
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < chars.len() {
        out.push(chars[start..].iter().collect());
    }
    out
}
