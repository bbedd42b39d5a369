//! `str.encode(encoding='utf-8', errors='strict')` for the codecs ormsh
//! has (UTF-8, ASCII, Latin-1), with Python's error handlers for the
//! characters a codec cannot write. Python's `LookupError` and
//! `UnicodeEncodeError` are `ValueError`s here (ormsh has no such kinds).

use crate::error::{Error, Result};
use crate::value::args::Call;
use crate::value::repr::Host;
use crate::value::{PyStr, Value};

/// `str.encode(encoding='utf-8', errors='strict')`
pub fn encode(s: &PyStr, _: &Call, a: &[Option<Value>], _: &mut dyn Host) -> Result<Value> {
    let enc = match &a[0] {
        Some(v) => named(v, "encoding")?.to_lowercase().replace('_', "-"),
        None => "utf-8".into(),
    };
    let errors = match &a[1] {
        Some(v) => named(v, "errors")?,
        None => "strict",
    };
    let (codec, limit) = match enc.as_str() {
        // A Rust string holds no lone surrogates: UTF-8 always succeeds.
        "utf-8" | "utf8" => return Ok(Value::Bytes(s.as_bytes().into())),
        "ascii" => ("ascii", 0x80),
        "latin-1" | "latin1" | "iso-8859-1" => ("latin-1", 0x100),
        _ => return Err(Error::value(format!("unknown encoding: {enc}"))),
    };
    let handler = Handler::named(errors);
    let mut need = 0usize;
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        if (ch as u32) < limit {
            need += 1;
            i += 1;
            continue;
        }
        // A run of characters the codec cannot write, reported as one.
        let run = chars[i..]
            .iter()
            .take_while(|c| (**c as u32) >= limit)
            .count();
        match handler {
            Handler::Strict => return Err(cannot_encode(codec, limit, &chars, i, run)),
            Handler::Unknown => {
                return Err(Error::value(format!(
                    "unknown error handler name '{errors}'"
                )));
            }
            Handler::Names => {
                return Err(Error::value(
                    "ormsh has no table of Unicode character names, so errors='namereplace' cannot write them",
                )
                .with_help("errors='backslashreplace' writes the code points instead"));
            }
            Handler::Ignore | Handler::Replace | Handler::Backslash | Handler::XmlRef => {}
        }
        need = need.saturating_add(
            chars[i..i + run]
                .iter()
                .map(|c| handler.replacement(*c).len())
                .sum(),
        );
        i += run;
    }
    crate::value::check_len(need)?;
    crate::memory::reserve(need, || format!("{} bytes", crate::value::grouped(need)))?;
    let mut out = Vec::with_capacity(need);
    for ch in chars {
        match u8::try_from(ch as u32) {
            Ok(b) if (b as u32) < limit => out.push(b),
            _ => out.extend_from_slice(handler.replacement(ch).as_bytes()),
        }
    }
    Ok(Value::Bytes(out.into()))
}

/// Python's error handlers by name (`codecs.lookup_error`).
#[derive(Clone, Copy)]
enum Handler {
    /// `strict`, and `surrogateescape`/`surrogatepass`, which only ever
    /// write lone surrogates (a Rust string has none): a `ValueError`.
    Strict,
    /// `ignore`: the character is left out.
    Ignore,
    /// `replace`: `?`.
    Replace,
    /// `backslashreplace`: `\xe9`, `\u20ac`, `\U0001f600`.
    Backslash,
    /// `xmlcharrefreplace`: `&#233;`.
    XmlRef,
    /// `namereplace`: `\N{…}`, which needs Unicode's name table.
    Names,
    /// Any other name: Python's `LookupError` once a character needs it.
    Unknown,
}

impl Handler {
    fn named(name: &str) -> Handler {
        match name {
            "strict" | "surrogateescape" | "surrogatepass" => Handler::Strict,
            "ignore" => Handler::Ignore,
            "replace" => Handler::Replace,
            "backslashreplace" => Handler::Backslash,
            "xmlcharrefreplace" => Handler::XmlRef,
            "namereplace" => Handler::Names,
            _ => Handler::Unknown,
        }
    }

    /// What is written for `ch`, which the codec cannot write.
    fn replacement(self, ch: char) -> String {
        let n = ch as u32;
        match self {
            Handler::Replace => "?".into(),
            Handler::Backslash if n < 0x100 => format!("\\x{n:02x}"),
            Handler::Backslash if n < 0x10000 => format!("\\u{n:04x}"),
            Handler::Backslash => format!("\\U{n:08x}"),
            Handler::XmlRef => format!("&#{n};"),
            _ => String::new(),
        }
    }
}

/// `encode() argument 'errors' must be str, not int`
fn named<'v>(v: &'v Value, what: &str) -> Result<&'v str> {
    v.as_str().ok_or_else(|| {
        let t = match v {
            Value::None => "None",
            _ => v.type_name(),
        };
        Error::type_(format!("encode() argument '{what}' must be str, not {t}"))
    })
}

/// Python's `UnicodeEncodeError` text for the `run` characters from `at`.
fn cannot_encode(codec: &str, limit: u32, chars: &[char], at: usize, run: usize) -> Error {
    let what = if run == 1 {
        format!(
            "character '{}' in position {at}",
            crate::value::format::ascii(&chars[at].to_string())
        )
    } else {
        format!("characters in position {at}-{}", at + run - 1)
    };
    Error::value(format!(
        "'{codec}' codec can't encode {what}: ordinal not in range({limit})"
    ))
}
