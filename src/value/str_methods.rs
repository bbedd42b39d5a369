//! Python's `str` methods with CPython 3.11 semantics and error wording:
//! case changes, stripping, splitting and joining, searching with slice
//! bounds, padding, the `is*` predicates (Unicode classes from
//! `unicode.rs`), partitioning, `encode` and `expandtabs`. Indices are in
//! characters (code points), as in Python.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::value::PyStr;
use crate::value::args::{Arity, Call, index_arg, int_arg, iterate, slice_bounds, str_arg};
use crate::value::repr::Host;
use crate::value::{Value, format, unicode};

/// Every method name `call` knows, for "did you mean" and completion.
pub const METHODS: &[&str] = &[
    "capitalize",
    "casefold",
    "center",
    "count",
    "encode",
    "endswith",
    "expandtabs",
    "find",
    "format",
    "index",
    "isalnum",
    "isalpha",
    "isascii",
    "isdecimal",
    "isdigit",
    "isidentifier",
    "islower",
    "isnumeric",
    "isspace",
    "istitle",
    "isupper",
    "join",
    "ljust",
    "lower",
    "lstrip",
    "partition",
    "removeprefix",
    "removesuffix",
    "replace",
    "rfind",
    "rindex",
    "rjust",
    "rpartition",
    "rsplit",
    "rstrip",
    "split",
    "splitlines",
    "startswith",
    "strip",
    "swapcase",
    "title",
    "upper",
    "zfill",
];

/// Call `s.name(*args, **kwargs)`; `None` when str has no such method.
pub fn call(
    s: &PyStr,
    name: &str,
    args: &[Value],
    kwargs: &[(Rc<str>, Value)],
    host: &mut dyn Host,
) -> Option<Result<Value>> {
    if !METHODS.contains(&name) {
        return None;
    }
    let c = Call {
        type_name: "str",
        name,
        args,
        kwargs,
    };
    Some(dispatch(s, &c, host))
}

fn text(s: impl AsRef<str>) -> Value {
    Value::str(s.as_ref())
}

fn predicate(s: &str, f: impl Fn(char) -> bool) -> Value {
    Value::Bool(!s.is_empty() && s.chars().all(f))
}

fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase()
}

fn dispatch(s: &PyStr, c: &Call, host: &mut dyn Host) -> Result<Value> {
    use Arity::*;
    let no_args = || c.bind(&[], NoArgs, &[]);
    Ok(match c.name {
        "upper" => no_args().map(|_| text(s.to_uppercase()))?,
        "lower" => no_args().map(|_| text(s.to_lowercase()))?,
        "casefold" => no_args().map(|_| text(s.to_lowercase().replace('ß', "ss")))?,
        "swapcase" => {
            no_args()?;
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
        "capitalize" => {
            no_args()?;
            let mut it = s.chars();
            let mut o: String = it
                .next()
                .map(|f| f.to_uppercase().collect())
                .unwrap_or_default();
            o.push_str(&it.as_str().to_lowercase());
            text(o)
        }
        "title" => {
            no_args()?;
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
        "isalpha" => no_args().map(|_| predicate(s, unicode::is_alpha))?,
        "isdecimal" => no_args().map(|_| predicate(s, unicode::is_decimal))?,
        "isdigit" => no_args().map(|_| predicate(s, unicode::is_digit))?,
        "isnumeric" => no_args().map(|_| predicate(s, unicode::is_numeric))?,
        "isspace" => no_args().map(|_| predicate(s, unicode::is_space))?,
        "isascii" => no_args().map(|_| Value::Bool(s.is_ascii()))?,
        "isalnum" => no_args()
            .map(|_| predicate(s, |ch| unicode::is_alpha(ch) || unicode::is_numeric(ch)))?,
        "islower" => no_args()
            .map(|_| Value::Bool(s.chars().any(is_cased) && !s.chars().any(char::is_uppercase)))?,
        "isupper" => no_args()
            .map(|_| Value::Bool(s.chars().any(is_cased) && !s.chars().any(char::is_lowercase)))?,
        "istitle" => no_args().map(|_| Value::Bool(is_title(s)))?,
        "isidentifier" => no_args().map(|_| {
            let mut it = s.chars();
            Value::Bool(
                it.next().is_some_and(|f| f == '_' || unicode::is_alpha(f))
                    && it.all(|ch| ch == '_' || unicode::is_alpha(ch) || unicode::is_decimal(ch)),
            )
        })?,
        "strip" | "lstrip" | "rstrip" => {
            let a = c.bind(&["chars"], Expected(0, 1), &[])?;
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
            text(match c.name {
                "strip" => s.trim_matches(pred),
                "lstrip" => s.trim_start_matches(pred),
                _ => s.trim_end_matches(pred),
            })
        }
        "split" | "rsplit" => {
            let a = c.bind(&["sep", "maxsplit"], Takes(0, 2), &["sep", "maxsplit"])?;
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
            Value::list(parts.into_iter().map(text).collect())
        }
        "splitlines" => {
            let a = c.bind(&["keepends"], Takes(0, 1), &["keepends"])?;
            let keep = a[0].as_ref().is_some_and(Value::truthy);
            Value::list(splitlines(s, keep).into_iter().map(text).collect())
        }
        "join" => {
            let a = c.bind(&["iterable"], One, &[])?;
            let items = iterate(a[0].as_ref().unwrap_or(&Value::None))
                .map_err(|_| Error::type_("can only join an iterable"))?;
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
            text(parts.join(s))
        }
        "replace" => {
            let a = c.bind(&["old", "new", "count"], Expected(2, 3), &[])?;
            let none = Value::None;
            let old = str_arg(a[0].as_ref().unwrap_or(&none))?;
            let new = str_arg(a[1].as_ref().unwrap_or(&none))?;
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
            text(replace(s, old, new, count))
        }
        "startswith" | "endswith" => {
            let a = c.bind(&["prefix", "start", "end"], Takes(1, 3), &[])?;
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
            let bad = |v: &Value| {
                Error::type_(format!(
                    "{} first arg must be str or a tuple of str, not {}",
                    c.name,
                    v.type_name()
                ))
            };
            match a[0].as_ref().unwrap_or(&Value::None) {
                Value::Str(p) => Value::Bool(test(p)),
                Value::Tuple(t) => {
                    let mut hit = false;
                    for v in t.iter() {
                        let p = v.as_str().ok_or_else(|| {
                            Error::type_(format!(
                                "tuple for {} must only contain str, not {}",
                                c.name,
                                v.type_name()
                            ))
                        })?;
                        if test(p) {
                            hit = true;
                            break;
                        }
                    }
                    Value::Bool(hit)
                }
                v => return Err(bad(v)),
            }
        }
        "find" | "rfind" | "index" | "rindex" | "count" => {
            let a = c.bind(&["sub", "start", "end"], Takes(1, 3), &[])?;
            let sub: Vec<char> = str_arg(a[0].as_ref().unwrap_or(&Value::None))?
                .chars()
                .collect();
            let chars: Vec<char> = s.chars().collect();
            let (st, en) = slice_bounds(chars.len(), index_arg(&a[1])?, index_arg(&a[2])?);
            if c.name == "count" {
                return Ok(Value::Int(count(&chars, &sub, st, en) as i64));
            }
            let right = c.name.starts_with('r');
            match search(&chars, &sub, st, en, right) {
                Some(i) => Value::Int(i as i64),
                None if c.name.ends_with("index") => {
                    return Err(Error::value("substring not found"));
                }
                None => Value::Int(-1),
            }
        }
        "format" => text(format::str_format(s, c.args, c.kwargs, host)?),
        "center" | "ljust" | "rjust" => {
            let a = c.bind(&["width", "fillchar"], Expected(1, 2), &[])?;
            let width = int_arg(a[0].as_ref().unwrap_or(&Value::None))?;
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
            text(justify(s, c.name, width, fill))
        }
        "zfill" => {
            let a = c.bind(&["width"], One, &[])?;
            let width = int_arg(a[0].as_ref().unwrap_or(&Value::None))?;
            crate::value::reserve_str(width.max(0) as usize)?;
            let len = s.chars().count() as i64;
            if width <= len {
                text(&**s)
            } else {
                let zeros = "0".repeat((width - len) as usize);
                match s.chars().next() {
                    Some(sign @ ('+' | '-')) => text(format!("{sign}{zeros}{}", &s[1..])),
                    _ => text(format!("{zeros}{s}")),
                }
            }
        }
        "partition" | "rpartition" => {
            let a = c.bind(&["sep"], One, &[])?;
            let none = Value::None;
            let sep = str_arg(a[0].as_ref().unwrap_or(&none))?;
            if sep.is_empty() {
                return Err(Error::value("empty separator"));
            }
            let found = if c.name == "partition" {
                s.find(sep)
            } else {
                s.rfind(sep)
            };
            let (x, y, z) = match found {
                Some(i) => (&s[..i], sep, &s[i + sep.len()..]),
                None if c.name == "partition" => (&s[..], "", ""),
                None => ("", "", &s[..]),
            };
            Value::tuple(vec![text(x), text(y), text(z)])
        }
        "removeprefix" | "removesuffix" => {
            let a = c.bind(&["s"], One, &[])?;
            let none = Value::None;
            let v = a[0].as_ref().unwrap_or(&none);
            let p = v.as_str().ok_or_else(|| {
                Error::type_(format!(
                    "{}() argument must be str, not {}",
                    c.name,
                    v.type_name()
                ))
            })?;
            text(if c.name == "removeprefix" {
                s.strip_prefix(p).unwrap_or(s)
            } else {
                s.strip_suffix(p).unwrap_or(s)
            })
        }
        "encode" => {
            let a = c.bind(
                &["encoding", "errors"],
                Takes(0, 2),
                &["encoding", "errors"],
            )?;
            let enc = match &a[0] {
                Some(v) => str_arg(v)?.to_lowercase().replace('_', "-"),
                None => "utf-8".into(),
            };
            Value::Bytes(encode(s, &enc)?.into())
        }
        "expandtabs" => {
            let a = c.bind(&["tabsize"], Takes(0, 1), &["tabsize"])?;
            let size = a[0].as_ref().map(int_arg).transpose()?.unwrap_or(8);
            let tabs = s.matches('\t').count();
            crate::value::reserve_str(
                s.len()
                    .saturating_add(tabs.saturating_mul(size.max(0) as usize)),
            )?;
            text(expandtabs(s, size))
        }
        _ => {
            return Err(Error::attr(format!(
                "'str' object has no attribute '{}'",
                c.name
            )));
        }
    })
}

fn is_title(s: &str) -> bool {
    let (mut cased, mut prev_cased) = (false, false);
    for ch in s.chars() {
        if ch.is_uppercase() {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if ch.is_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

/// `split()` / `rsplit()` with no separator: runs of whitespace, at most
/// `max` splits; the unsplit remainder keeps its inner/trailing spaces.
/// `str.split()` / `str.rsplit()` with no separator: runs of whitespace
/// split, at most `max` times; the pieces are slices of `s`, and their
/// number is counted first so that the list is checked against the memory
/// limit before any piece is copied.
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

fn splitlines(s: &str, keep: bool) -> Vec<String> {
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

fn replace(s: &str, old: &str, new: &str, count: i64) -> String {
    if count < 0 {
        return s.replace(old, new);
    }
    if old.is_empty() {
        // inserts `new` before each character (and at the end), count times
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

fn justify(s: &str, how: &str, width: i64, fill: char) -> String {
    let len = s.chars().count() as i64;
    if width <= len {
        return s.to_string();
    }
    let marg = width - len;
    let left = match how {
        "ljust" => 0,
        "rjust" => marg,
        _ => marg / 2 + (marg & width & 1),
    };
    let f = |n: i64| fill.to_string().repeat(n as usize);
    format!("{}{s}{}", f(left), f(marg - left))
}

fn encode(s: &str, enc: &str) -> Result<Vec<u8>> {
    match enc {
        "utf-8" | "utf8" => Ok(s.as_bytes().to_vec()),
        "ascii" | "latin-1" | "latin1" | "iso-8859-1" => {
            let limit = if enc == "ascii" { 0x80 } else { 0x100 };
            let codec = if enc == "ascii" { "ascii" } else { "latin-1" };
            s.chars()
                .enumerate()
                .map(|(i, ch)| {
                    u8::try_from(ch as u32)
                        .ok()
                        .filter(|b| (*b as u32) < limit)
                        .ok_or_else(|| {
                            Error::value(format!(
                                "'{codec}' codec can't encode character '{}' in position {i}: \
                             ordinal not in range({limit})",
                                crate::value::format::ascii(&ch.to_string())
                            ))
                        })
                })
                .collect()
        }
        _ => Err(Error::new(
            ErrorKind::ValueError,
            format!("unknown encoding: {enc}"),
        )),
    }
}

fn expandtabs(s: &str, size: i64) -> String {
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
    out
}

#[cfg(test)]
#[path = "str_methods_tests.rs"]
mod tests;
