//! Python's `uuid.UUID` as 128 bits: parsed as `UUID(text)` reads it,
//! written as its `str()` and `repr()` write it, and `uuid4()` (through
//! the uuid crate).

use crate::error::{Error, Result};

/// `uuid.UUID(hex)`: `urn:` and `uuid:` dropped, then braces at the ends
/// and every hyphen; 32 hexadecimal digits must remain.
pub fn parse(text: &str) -> Result<u128> {
    let s = text.replace("urn:", "").replace("uuid:", "");
    let s = s.trim_matches(|c| c == '{' || c == '}').replace('-', "");
    if s.len() != 32 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::value("badly formed hexadecimal UUID string"));
    }
    u128::from_str_radix(&s, 16).map_err(|_| Error::value("badly formed hexadecimal UUID string"))
}

/// `str(u)`: `12345678-1234-5678-1234-567812345678`.
pub fn hyphenated(u: u128) -> String {
    uuid::Uuid::from_u128(u).hyphenated().to_string()
}

/// `u.hex`: the 32 digits, as SQLAlchemy stores a `Uuid` on SQLite.
pub fn hex(u: u128) -> String {
    format!("{u:032x}")
}

/// `repr(u)`: `UUID('…')`.
pub fn repr(u: u128) -> String {
    format!("UUID('{}')", hyphenated(u))
}

/// `uuid.uuid4()`: a random UUID (version 4).
pub fn uuid4() -> u128 {
    uuid::Uuid::new_v4().as_u128()
}

/// `u.version`: the version field when the variant is RFC 4122's.
pub fn version(u: u128) -> Option<i64> {
    let variant = (u >> 62) & 0b11;
    (variant == 0b10).then_some(((u >> 76) & 0xf) as i64)
}

/// A UUID's 128 bits stored as two 64-bit words, aligned as a word is
/// (`Value::Uuid`); the high word first, so they order as the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UuidBits([u64; 2]);

impl UuidBits {
    /// The 128 bits.
    pub fn get(self) -> u128 {
        (u128::from(self.0[0]) << 64) | u128::from(self.0[1])
    }
}

impl From<u128> for UuidBits {
    fn from(u: u128) -> UuidBits {
        UuidBits([(u >> 64) as u64, u as u64])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As Python's `uuid.UUID` (outputs from python3).
    #[test]
    fn parses_and_writes_as_python() {
        let u = parse("{12345678-1234-5678-1234-567812345678}").unwrap();
        assert_eq!(hyphenated(u), "12345678-1234-5678-1234-567812345678");
        assert_eq!(
            parse("urn:uuid:12345678123456781234567812345678").unwrap(),
            u
        );
        assert_eq!(hex(u), "12345678123456781234567812345678");
        assert_eq!(repr(u), "UUID('12345678-1234-5678-1234-567812345678')");
        assert!(parse("1234").is_err());
        assert_eq!(version(uuid4()), Some(4));
        assert_eq!(version(u), None);
    }

    #[test]
    fn uuid_bits_keep_all_128_bits() {
        for u in [0, 1, u128::MAX, 0x0123_4567_89ab_cdef_fedc_ba98_7654_3210] {
            assert_eq!(UuidBits::from(u).get(), u);
        }
    }
}
