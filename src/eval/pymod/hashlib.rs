//! Python's `hashlib`: `md5`, `sha1`, `sha224`, `sha256`, `sha384`,
//! `sha512` and `new(name, data)` make a [`Hash`] object (`update`,
//! `digest`, `hexdigest`, `copy`, `name`, `digest_size`, `block_size`,
//! its table in `surface::modules`); `pbkdf2_hmac`. The digests are
//! RustCrypto's (`md-5`, `sha1`, `sha2`).

use std::cell::RefCell;

use sha2::Digest;

use crate::error::{Error, Result};
use crate::value::{Object, Value};

/// A hash algorithm hashlib names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algo {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

/// Every algorithm, for `hashlib.new` and messages.
pub const ALGOS: &[Algo] = &[
    Algo::Md5,
    Algo::Sha1,
    Algo::Sha224,
    Algo::Sha256,
    Algo::Sha384,
    Algo::Sha512,
];

impl Algo {
    /// hashlib's name (`sha256`).
    pub fn name(self) -> &'static str {
        match self {
            Algo::Md5 => "md5",
            Algo::Sha1 => "sha1",
            Algo::Sha224 => "sha224",
            Algo::Sha256 => "sha256",
            Algo::Sha384 => "sha384",
            Algo::Sha512 => "sha512",
        }
    }

    /// By name, as `hashlib.new` takes it (OpenSSL's names ignore case).
    pub fn by_name(name: &str) -> Option<Algo> {
        let lower = name.to_ascii_lowercase();
        ALGOS.iter().copied().find(|a| a.name() == lower)
    }

    /// `digest_size`, in bytes.
    pub fn digest_size(self) -> i64 {
        match self {
            Algo::Md5 => 16,
            Algo::Sha1 => 20,
            Algo::Sha224 => 28,
            Algo::Sha256 => 32,
            Algo::Sha384 => 48,
            Algo::Sha512 => 64,
        }
    }

    /// `block_size`, in bytes.
    pub fn block_size(self) -> i64 {
        match self {
            Algo::Sha384 | Algo::Sha512 => 128,
            _ => 64,
        }
    }

    fn start(self) -> State {
        match self {
            Algo::Md5 => State::Md5(md5::Md5::new()),
            Algo::Sha1 => State::Sha1(sha1::Sha1::new()),
            Algo::Sha224 => State::Sha224(sha2::Sha224::new()),
            Algo::Sha256 => State::Sha256(sha2::Sha256::new()),
            Algo::Sha384 => State::Sha384(sha2::Sha384::new()),
            Algo::Sha512 => State::Sha512(sha2::Sha512::new()),
        }
    }
}

/// A running digest.
#[derive(Clone)]
enum State {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl State {
    fn update(&mut self, data: &[u8]) {
        match self {
            State::Md5(h) => h.update(data),
            State::Sha1(h) => h.update(data),
            State::Sha224(h) => h.update(data),
            State::Sha256(h) => h.update(data),
            State::Sha384(h) => h.update(data),
            State::Sha512(h) => h.update(data),
        }
    }

    fn digest(&self) -> Vec<u8> {
        match self.clone() {
            State::Md5(h) => h.finalize().to_vec(),
            State::Sha1(h) => h.finalize().to_vec(),
            State::Sha224(h) => h.finalize().to_vec(),
            State::Sha256(h) => h.finalize().to_vec(),
            State::Sha384(h) => h.finalize().to_vec(),
            State::Sha512(h) => h.finalize().to_vec(),
        }
    }
}

/// A hash object (`hashlib.sha256(b'…')`), Python's `_hashlib.HASH`.
pub struct Hash {
    pub algo: Algo,
    state: RefCell<State>,
}

impl Object for Hash {
    fn type_name(&self) -> &str {
        "HASH"
    }
}

impl Hash {
    /// A new hash of `algo` over `data`.
    pub fn new(algo: Algo, data: Option<&Value>) -> Result<Hash> {
        let h = Hash {
            algo,
            state: RefCell::new(algo.start()),
        };
        if let Some(d) = data {
            h.update(d)?;
        }
        Ok(h)
    }

    /// `h.update(data)`: bytes only, as hashlib takes them.
    pub fn update(&self, data: &Value) -> Result<()> {
        let bytes = buffer(data)?;
        self.state.borrow_mut().update(bytes);
        Ok(())
    }

    /// `h.digest()`
    pub fn digest(&self) -> Vec<u8> {
        self.state.borrow().digest()
    }

    /// `h.copy()`
    pub fn copy(&self) -> Hash {
        Hash {
            algo: self.algo,
            state: RefCell::new(self.state.borrow().clone()),
        }
    }
}

/// The bytes of `v`, as hashlib's functions take data (`str` must be
/// encoded first, as Python says).
pub fn buffer(v: &Value) -> Result<&[u8]> {
    match v {
        Value::Bytes(b) => Ok(b),
        Value::Str(_) => Err(Error::type_("Strings must be encoded before hashing")
            .with_help("encode it first: hashlib.sha256('text'.encode()) or b'text'")),
        other => Err(Error::type_(format!(
            "object supporting the buffer API required, not '{}'",
            other.type_name()
        ))),
    }
}

/// Lower-case hexadecimal, as `hexdigest()` and `bytes.hex()` write it.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// The algorithm `hashlib.new(name)` names, or Python's error.
pub fn algo_named(name: &str) -> Result<Algo> {
    Algo::by_name(name).ok_or_else(|| {
        let names: Vec<&str> = ALGOS.iter().map(|a| a.name()).collect();
        Error::value(format!("unsupported hash type {name}"))
            .with_help(format!("ormsh's hashlib has {}", names.join(", ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digests of b'abc' (checked with python3's hashlib).
    #[test]
    fn known_digests() {
        let abc = Value::Bytes(std::rc::Rc::from(&b"abc"[..]));
        let hexes = [
            (Algo::Md5, "900150983cd24fb0d6963f7d28e17f72"),
            (Algo::Sha1, "a9993e364706816aba3e25717850c26c9cd0d89d"),
            (
                Algo::Sha256,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
        ];
        for (algo, want) in hexes {
            let h = Hash::new(algo, Some(&abc)).expect("bytes hash");
            assert_eq!(hex(&h.digest()), want, "{}", algo.name());
            assert_eq!(h.digest().len() as i64, algo.digest_size());
        }
    }
}
