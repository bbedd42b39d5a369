//! Bytes decoded to text, as Python's `str(b, encoding, errors)`: the
//! codecs `utf-8`, `ascii` and `latin-1` (with their Python aliases) and
//! the error handlers `strict`, `replace` and `ignore`.

use crate::error::{Error, ErrorKind, Result};

/// A codec ormsh decodes with.
#[derive(Clone, Copy, PartialEq)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    /// The codec an encoding name stands for, normalised as Python's
    /// `encodings.normalize_encoding` (case, `-` and spaces ignored).
    fn named(name: &str) -> Option<Codec> {
        let n = name.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        match n.as_str() {
            "utf_8" | "utf8" | "u8" | "utf" | "cp65001" => Some(Codec::Utf8),
            "ascii" | "us_ascii" | "646" | "us" => Some(Codec::Ascii),
            "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859"
            | "cp819" | "iso_ir_100" => Some(Codec::Latin1),
            _ => None,
        }
    }

    /// Python's name for it in messages.
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }
}

/// One undecodable run: where it starts, how many bytes, and why.
struct Bad {
    at: usize,
    len: usize,
    why: &'static str,
}

/// The first undecodable run of `bytes`, if any.
fn first_bad(codec: Codec, bytes: &[u8]) -> Option<Bad> {
    match codec {
        Codec::Latin1 => None,
        Codec::Ascii => bytes.iter().position(|b| *b >= 0x80).map(|at| Bad {
            at,
            len: 1,
            why: "ordinal not in range(128)",
        }),
        Codec::Utf8 => {
            let e = std::str::from_utf8(bytes).err()?;
            let at = e.valid_up_to();
            Some(match e.error_len() {
                None => Bad {
                    at,
                    len: bytes.len() - at,
                    why: "unexpected end of data",
                },
                Some(len) => {
                    let b = bytes[at];
                    // A lead byte whose continuation is wrong, or a byte
                    // that leads nothing.
                    let lead = !(0x80..0xc2).contains(&b) && b < 0xf5;
                    Bad {
                        at,
                        len: if lead { len } else { 1 },
                        why: if lead {
                            "invalid continuation byte"
                        } else {
                            "invalid start byte"
                        },
                    }
                }
            })
        }
    }
}

/// `str(bytes, encoding, errors)`: the text, or Python's `LookupError`
/// for an unknown codec or handler and `UnicodeDecodeError` for bytes the
/// codec cannot read under `errors='strict'`.
pub fn decode(bytes: &[u8], encoding: &str, errors: &str) -> Result<String> {
    let codec = Codec::named(encoding).ok_or_else(|| {
        Error::new(
            ErrorKind::LookupError,
            format!("unknown encoding: {encoding}"),
        )
        .with_help("ormsh decodes 'utf-8', 'ascii' and 'latin-1'")
    })?;
    let mut out = String::new();
    let mut rest = bytes;
    let mut offset = 0;
    while let Some(bad) = first_bad(codec, rest) {
        push_valid(codec, &rest[..bad.at], &mut out);
        match errors {
            "strict" => {
                let pos = offset + bad.at;
                let what = if bad.len == 1 {
                    format!("byte 0x{:02x} in position {pos}", rest[bad.at])
                } else {
                    format!("bytes in position {pos}-{}", pos + bad.len - 1)
                };
                return Err(Error::new(
                    ErrorKind::UnicodeDecodeError,
                    format!("'{}' codec can't decode {what}: {}", codec.name(), bad.why),
                )
                .with_help("give errors='replace' or errors='ignore', or another encoding"));
            }
            "replace" => out.push('\u{fffd}'),
            "ignore" => {}
            other => {
                return Err(Error::new(
                    ErrorKind::LookupError,
                    format!("unknown error handler name '{other}'"),
                )
                .with_help("ormsh's error handlers are 'strict', 'replace' and 'ignore'"));
            }
        }
        offset += bad.at + bad.len;
        rest = &rest[bad.at + bad.len..];
    }
    push_valid(codec, rest, &mut out);
    Ok(out)
}

/// Bytes the codec reads without fault, appended as text.
fn push_valid(codec: Codec, bytes: &[u8], out: &mut String) {
    match codec {
        Codec::Utf8 => out.push_str(std::str::from_utf8(bytes).unwrap_or_default()),
        Codec::Ascii | Codec::Latin1 => out.extend(bytes.iter().map(|b| char::from(*b))),
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    /// Each row checked with python3: `str(BYTES, ENCODING, ERRORS)`.
    #[test]
    fn decodes_as_python() {
        let ok: &[(&[u8], &str, &str, &str)] = &[
            (b"a", "ascii", "strict", "a"),
            (b"caf\xc3\xa9", "UTF-8", "strict", "caf\u{e9}"),
            (b"caf\xe9", "latin-1", "strict", "caf\u{e9}"),
            (b"\xffa", "ascii", "replace", "\u{fffd}a"),
            (b"\xffa", "utf8", "ignore", "a"),
            (b"a\xe2\x82", "utf-8", "replace", "a\u{fffd}"),
            (b"\xe2\x28\xa1", "utf-8", "replace", "\u{fffd}(\u{fffd}"),
        ];
        for (b, enc, errors, want) in ok {
            assert_eq!(decode(b, enc, errors).unwrap(), *want, "{b:?} {enc}");
        }
        let bad: &[(&[u8], &str, &str, &str)] = &[
            (
                b"\xff",
                "ascii",
                "strict",
                "'ascii' codec can't decode byte 0xff in position 0: ordinal not in range(128)",
            ),
            (
                b"a\xff",
                "utf-8",
                "strict",
                "'utf-8' codec can't decode byte 0xff in position 1: invalid start byte",
            ),
            (
                b"\xe2\x28",
                "utf-8",
                "strict",
                "'utf-8' codec can't decode byte 0xe2 in position 0: invalid continuation byte",
            ),
            (
                b"a\xe2\x82",
                "utf-8",
                "strict",
                "'utf-8' codec can't decode bytes in position 1-2: unexpected end of data",
            ),
            (b"a", "nope", "strict", "unknown encoding: nope"),
            (b"\xff", "ascii", "x", "unknown error handler name 'x'"),
        ];
        for (b, enc, errors, want) in bad {
            assert_eq!(
                decode(b, enc, errors).unwrap_err().message,
                *want,
                "{b:?} {enc}"
            );
        }
    }
}
