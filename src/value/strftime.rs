//! Python's `strftime` (`datetime.strftime`, `date.strftime`,
//! `time.strftime`, and `format(d, spec)` / `f'{d:spec}'`, which call it).
//!
//! CPython does it in two steps, and so does this module: `datetime`'s own
//! pass replaces `%f`, `%z` and `%Z` (empty for naive values) and stops at a
//! NUL; the rest goes to the C library's `wcsftime` with a `struct tm` built
//! as `time.strftime` builds it (`tm_isdst = -1`, no zone), with `LC_TIME`
//! "C" (CPython never sets it) and `LC_CTYPE` "C.UTF-8" (what CPython runs
//! with by default, coercing a plain "C" per PEP 538; it only decides how
//! `%^` upper-cases a non-ASCII character). Unknown directives, flags (`%-d`, `%^a`), widths (`%10Y`), `%E`/`%O`
//! modifiers and a trailing `%` therefore come out exactly as Python prints
//! them on the same system — including `time.strftime`'s rule that an output
//! which needs a buffer of 256 times the format's length is empty.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDateTime, Timelike};

use crate::error::Result;
use crate::value::aware::{TimeZone, strftime_zone};

unsafe extern "C" {
    /// C99 `<wchar.h>`; the `libc` crate declares `strftime` but not this
    /// wide version, which is the one CPython uses on Linux.
    fn wcsftime(
        s: *mut libc::wchar_t,
        max: libc::size_t,
        format: *const libc::wchar_t,
        tm: *const libc::tm,
    ) -> libc::size_t;
}

/// `dt.strftime(fmt)`: dates format at midnight and times on 1900-01-01, as
/// Python does (the caller converts). Fails only with a `MemoryError` when a
/// huge width would need more than ormsh builds.
pub fn strftime(dt: &NaiveDateTime, fmt: &str) -> Result<String> {
    strftime_tz(dt, fmt, None)
}

/// `dt.strftime(fmt)` of an aware datetime: `%z` and `%Z` give its zone.
pub fn strftime_tz(dt: &NaiveDateTime, fmt: &str, tz: Option<&TimeZone>) -> Result<String> {
    let fmt = datetime_pass(dt, fmt, tz);
    c_strftime(&to_tm(dt), &fmt)
}

/// `datetime`'s `wrap_strftime`: `%f` → microseconds, `%z`/`%Z` → the
/// zone's offset and name (nothing for naive values, and a `%` in a name
/// doubled), every other `%x` pair kept as is (so `%%f` stays), a lone
/// trailing `%` kept; the text ends at the first NUL.
fn datetime_pass(dt: &NaiveDateTime, fmt: &str, tz: Option<&TimeZone>) -> String {
    let fmt = fmt.split('\0').next().unwrap_or("");
    let mut out = String::with_capacity(fmt.len());
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            None => out.push('%'),
            Some('f') => out.push_str(&format!("{:06}", (dt.nanosecond() % 1_000_000_000) / 1000)),
            Some(c @ ('z' | 'Z')) => out.push_str(&strftime_zone(tz, c).replace('%', "%%")),
            Some(d) => {
                out.push('%');
                out.push(d);
            }
        }
    }
    out
}

/// The `struct tm` of `time.strftime(fmt, dt.timetuple())`.
fn to_tm(dt: &NaiveDateTime) -> libc::tm {
    // SAFETY: `tm` is plain data (integers and a pointer); all zeros is a
    // valid value (a null `tm_zone` is what CPython passes too).
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_year = dt.year() - 1900;
    tm.tm_mon = dt.month0() as libc::c_int;
    tm.tm_mday = dt.day() as libc::c_int;
    tm.tm_hour = dt.hour() as libc::c_int;
    tm.tm_min = dt.minute() as libc::c_int;
    tm.tm_sec = dt.second().min(59) as libc::c_int;
    tm.tm_wday = dt.weekday().num_days_from_sunday() as libc::c_int;
    tm.tm_yday = dt.ordinal0() as libc::c_int;
    tm.tm_isdst = -1;
    tm
}

/// The "C" locale with UTF-8 character classes, made once (as an address,
/// so it can live in a static); 0 where the system has no "C.UTF-8".
fn utf8_ctype() -> usize {
    static LOCALE: OnceLock<usize> = OnceLock::new();
    *LOCALE.get_or_init(|| {
        // SAFETY: newlocale reads the NUL-terminated name and returns a new
        // locale object or null; the object is kept for the whole run.
        unsafe {
            libc::newlocale(
                libc::LC_CTYPE_MASK,
                c"C.UTF-8".as_ptr(),
                std::ptr::null_mut(),
            ) as usize
        }
    })
}

/// `time.strftime`'s loop: buffers of 1024, 2048, … wide characters until the
/// output fits, giving up (with an empty result) once the buffer is 256
/// times the format's length — the C function cannot tell "empty" from
/// "did not fit".
fn c_strftime(tm: &libc::tm, fmt: &str) -> Result<String> {
    let wide: Vec<libc::wchar_t> = fmt
        .chars()
        .map(|c| c as u32 as libc::wchar_t)
        .chain(std::iter::once(0))
        .collect();
    let give_up_at = fmt.chars().count().saturating_mul(256);
    let mut size = 1024usize;
    loop {
        crate::value::check_len(size)?;
        crate::memory::reserve(
            size.saturating_mul(std::mem::size_of::<libc::wchar_t>()),
            || format!("a strftime buffer of {size} characters"),
        )?;
        let mut buf: Vec<libc::wchar_t> = vec![0; size];
        // SAFETY: `buf` has room for `size` wide characters, `wide` ends
        // with a NUL, `tm` is a valid struct; wcsftime writes at most `size`
        // characters and returns how many it wrote (0 if they did not fit).
        let n = unsafe {
            let loc = utf8_ctype() as libc::locale_t;
            // uselocale changes this thread's locale only, and it is put
            // back at once; with no "C.UTF-8" the global "C" serves.
            let old = (!loc.is_null()).then(|| libc::uselocale(loc));
            let n = wcsftime(buf.as_mut_ptr(), size, wide.as_ptr(), tm);
            if let Some(old) = old {
                libc::uselocale(old);
            }
            n
        };
        if n > 0 || size >= give_up_at {
            return Ok(buf[..n.min(size)]
                .iter()
                .map(|&w| char::from_u32(w as u32).unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect());
        }
        size = size.saturating_mul(2);
    }
}

#[cfg(test)]
#[path = "strftime_tests.rs"]
mod tests;
