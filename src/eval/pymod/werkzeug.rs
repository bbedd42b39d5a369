//! Werkzeug's password hashes (`werkzeug.security`, Werkzeug 3.1):
//! `generate_password_hash` writes `method$salt$hex` — `scrypt:32768:8:1`
//! by default, `pbkdf2:sha256:1000000` for `method='pbkdf2'` — and
//! `check_password_hash` reads any such hash back, so a hash made by
//! ormsh checks in Flask and the other way round. The key derivations
//! are RustCrypto's `scrypt` and `pbkdf2` (with `hmac`), as Python's
//! `hashlib.scrypt` and `hashlib.pbkdf2_hmac` compute them; the salt's
//! letters come from the operating system's random source.

use crate::error::{Error, ErrorKind, Result};
use crate::eval::pymod::hashlib::{Algo, algo_named, hex};

/// Werkzeug's `SALT_CHARS`.
const SALT_CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// Werkzeug 3.1's `DEFAULT_PBKDF2_ITERATIONS`.
pub const DEFAULT_PBKDF2_ITERATIONS: u32 = 1_000_000;

/// The most PBKDF2 iterations ormsh computes (a statement cannot be
/// interrupted while one runs; ten times Werkzeug's default).
const MAX_ITERATIONS: u64 = 10_000_000;

/// The most scrypt work (n·r·p) ormsh computes: 64 times Werkzeug's
/// default, a few seconds (a statement cannot be interrupted while it runs).
const MAX_SCRYPT_WORK: u64 = 1 << 24;

/// Werkzeug's `gen_salt(length)`: letters and digits chosen at random.
pub fn gen_salt(length: i64) -> Result<String> {
    if length <= 0 {
        return Err(Error::value("Salt length must be at least 1."));
    }
    let n = usize::try_from(length).unwrap_or(usize::MAX);
    crate::value::reserve_str(n)?;
    let mut out = String::with_capacity(n);
    let mut buf = [0u8; 64];
    while out.len() < n {
        getrandom::fill(&mut buf).map_err(|e| {
            Error::new(
                ErrorKind::OperationalError,
                format!("no random numbers from the operating system: {e}"),
            )
        })?;
        // 62 letters: take the bytes below 248 (4 × 62) so each is as likely.
        for b in buf.iter().filter(|b| **b < 248) {
            if out.len() == n {
                break;
            }
            out.push(SALT_CHARS[usize::from(*b) % SALT_CHARS.len()] as char);
        }
    }
    Ok(out)
}

/// Werkzeug's `_hash_internal(method, salt, password)`: the hex digest
/// and the method with its parameters written out.
pub fn hash_internal(method: &str, salt: &str, password: &str) -> Result<(String, String)> {
    let mut parts = method.split(':');
    let name = parts.next().unwrap_or("");
    let args: Vec<&str> = parts.collect();
    match name {
        "scrypt" => {
            let (n, r, p) = match args.as_slice() {
                [] => (1u64 << 15, 8u32, 1u32),
                [n, r, p] => match (n.parse(), r.parse(), p.parse()) {
                    (Ok(n), Ok(r), Ok(p)) => (n, r, p),
                    _ => return Err(Error::value("'scrypt' takes 3 arguments.")),
                },
                _ => return Err(Error::value("'scrypt' takes 3 arguments.")),
            };
            let key = scrypt_key(password.as_bytes(), salt.as_bytes(), n, r, p, 64)?;
            Ok((hex(&key), format!("scrypt:{n}:{r}:{p}")))
        }
        "pbkdf2" => {
            let (algo, iterations) = match args.as_slice() {
                [] => ("sha256", DEFAULT_PBKDF2_ITERATIONS as u64),
                [h] => (*h, DEFAULT_PBKDF2_ITERATIONS as u64),
                [h, i] => (
                    *h,
                    i.parse::<u64>().map_err(|_| {
                        Error::value(format!("invalid literal for int() with base 10: '{i}'"))
                    })?,
                ),
                _ => return Err(Error::value("'pbkdf2' takes 2 arguments.")),
            };
            let a = algo_named(algo)?;
            let key = pbkdf2_key(a, password.as_bytes(), salt.as_bytes(), iterations, None)?;
            Ok((hex(&key), format!("pbkdf2:{algo}:{iterations}")))
        }
        other => Err(Error::value(format!("Invalid hash method '{other}'."))
            .with_help("Werkzeug's methods are 'scrypt' (the default) and 'pbkdf2'")),
    }
}

/// `hashlib.scrypt(password, salt=…, n=…, r=…, p=…, dklen=…)`, with the
/// memory it needs (128·n·r bytes) asked for first.
pub fn scrypt_key(
    password: &[u8],
    salt: &[u8],
    n: u64,
    r: u32,
    p: u32,
    len: usize,
) -> Result<Vec<u8>> {
    if n < 2 || !n.is_power_of_two() {
        return Err(Error::value("n must be a power of 2."));
    }
    let work = n.saturating_mul(u64::from(r)).saturating_mul(u64::from(p));
    if work > MAX_SCRYPT_WORK {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            format!("ormsh computes scrypt with n·r·p at most {MAX_SCRYPT_WORK}, not {work}"),
        )
        .with_help("Werkzeug's default is scrypt:32768:8:1 (n·r·p = 262144)"));
    }
    let log_n = n.trailing_zeros() as u8;
    let params = scrypt::Params::new(log_n, r, p)
        .map_err(|e| Error::value(format!("invalid scrypt parameters: {e}")))?;
    let mem = 128u64.saturating_mul(n).saturating_mul(u64::from(r));
    crate::memory::reserve(usize::try_from(mem).unwrap_or(usize::MAX), || {
        format!("scrypt with n={n}, r={r}")
    })?;
    let mut out = vec![0u8; len];
    scrypt::scrypt(password, salt, &params, &mut out)
        .map_err(|e| Error::value(format!("scrypt failed: {e}")))?;
    Ok(out)
}

/// `hashlib.pbkdf2_hmac(name, password, salt, iterations, dklen)`.
pub fn pbkdf2_key(
    algo: Algo,
    password: &[u8],
    salt: &[u8],
    iterations: u64,
    dklen: Option<usize>,
) -> Result<Vec<u8>> {
    if iterations < 1 {
        return Err(Error::value("iteration value must be greater than 0."));
    }
    if iterations > MAX_ITERATIONS {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            format!(
                "ormsh computes PBKDF2 with at most {MAX_ITERATIONS} iterations, not {iterations}"
            ),
        )
        .with_help("Werkzeug's default is 1000000 (pbkdf2:sha256:1000000)"));
    }
    let len = dklen.unwrap_or(algo.digest_size() as usize);
    if len < 1 {
        return Err(Error::value("key length must be greater than 0."));
    }
    crate::value::reserve_str(len)?;
    let mut out = vec![0u8; len];
    let rounds = iterations as u32;
    match algo {
        Algo::Md5 => pbkdf2::pbkdf2_hmac::<md5::Md5>(password, salt, rounds, &mut out),
        Algo::Sha1 => pbkdf2::pbkdf2_hmac::<sha1::Sha1>(password, salt, rounds, &mut out),
        Algo::Sha224 => pbkdf2::pbkdf2_hmac::<sha2::Sha224>(password, salt, rounds, &mut out),
        Algo::Sha256 => pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password, salt, rounds, &mut out),
        Algo::Sha384 => pbkdf2::pbkdf2_hmac::<sha2::Sha384>(password, salt, rounds, &mut out),
        Algo::Sha512 => pbkdf2::pbkdf2_hmac::<sha2::Sha512>(password, salt, rounds, &mut out),
    }
    Ok(out)
}

/// `generate_password_hash(password, method, salt_length)`
pub fn generate(password: &str, method: &str, salt_length: i64) -> Result<String> {
    let salt = gen_salt(salt_length)?;
    let (h, actual) = hash_internal(method, &salt, password)?;
    Ok(format!("{actual}${salt}${h}"))
}

/// `check_password_hash(pwhash, password)`: false for a hash not of the
/// form `method$salt$hex`; the comparison takes the same time whatever
/// matches (as `hmac.compare_digest`).
pub fn check(pwhash: &str, password: &str) -> Result<bool> {
    let mut parts = pwhash.splitn(3, '$');
    let (Some(method), Some(salt), Some(hashval)) = (parts.next(), parts.next(), parts.next())
    else {
        return Ok(false);
    };
    let (h, _) = hash_internal(method, salt, password)?;
    Ok(constant_time_eq(h.as_bytes(), hashval.as_bytes()))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hashes made by Werkzeug 3.1 itself (the reference's Python, salt
    /// `abcdefgh`, password `secret`).
    const MADE_BY_WERKZEUG: &[&str] = &[
        "pbkdf2:sha256:1000$abcdefgh$18751b39835fcdcff55cfd8c589c50d0e07cdc0b61240e4b24425c27a6a1cc56",
        "pbkdf2:sha1:10$abcdefgh$d16ab40d21fc0f908e5c0aec24c7ed502b7eea52",
        "pbkdf2:sha512:5$abcdefgh$320fe5d1689f199c0a40d27bba01736e1436edef2f9591337aaaedef519dc2e297cf14e932924e7514d8261c1060daec3aa049587e02824687823f5a80df2720",
        "scrypt:1024:8:1$abcdefgh$a27db56a5608f1ff31cc5f98ad235ba96090cd22fab87f72ff0f24a9cf72481ddc807c02cad092046ff02505fee9c70bce6fd26885c19b65d1dfa94d806e939d",
        "scrypt:32768:8:1$abcdefgh$69a5d9a83e2c6340409e05ba34452b2225698c604e233891760957c1d2f1a4f22ef1f0f058f3095327effbaf8a491041aaadebf30958c3fa561ce470de05b464",
    ];

    #[test]
    fn werkzeug_hashes_check() {
        for h in MADE_BY_WERKZEUG {
            assert!(check(h, "secret").expect("checks"), "{h}");
            assert!(!check(h, "Secret").expect("checks"), "{h}");
        }
        assert!(!check("no dollars", "x").expect("checks"));
    }

    #[test]
    fn made_hashes_check_and_have_werkzeugs_form() {
        let made = generate("secret", "pbkdf2:sha256:1000", 16).expect("hash");
        let parts: Vec<&str> = made.split('$').collect();
        assert_eq!(parts[0], "pbkdf2:sha256:1000");
        assert_eq!(parts[1].len(), 16);
        assert!(parts[1].bytes().all(|b| b.is_ascii_alphanumeric()));
        assert!(check(&made, "secret").expect("checks"));
        let e = generate("x", "bcrypt", 16).expect_err("unknown method");
        assert_eq!(e.message, "Invalid hash method 'bcrypt'.");
    }
}
