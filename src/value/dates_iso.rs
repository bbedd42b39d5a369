//! `datetime.fromisoformat(text)` as CPython 3.11's C implementation reads
//! it (`_datetimemodule.c`): the date up to the separator CPython finds
//! (`YYYY-MM-DD`, `YYYYMMDD`, ISO weeks), one separator character of any
//! kind, then `HH[:MM[:SS[.ffffff]]]` or the same without colons, and an
//! optional UTC offset — `Z`, or a sign and the same clock form. Fields
//! are range-checked as the constructor checks them; anything else is
//! `Invalid isoformat string: '…'`.

use chrono::{NaiveDateTime, TimeDelta};

use crate::error::{Error, Result};
use crate::value::dates::{date_from_iso, new_time};
use crate::value::repr::str_repr;

/// The wall time and the UTC offset (None when the text has none).
pub fn datetime_from_iso(text: &str) -> Result<(NaiveDateTime, Option<TimeDelta>)> {
    let invalid = || Error::value(format!("Invalid isoformat string: {}", str_repr(text)));
    let b = text.as_bytes();
    if b.len() < 7 || !text.is_ascii() {
        return Err(invalid());
    }
    let at = separator(b).ok_or_else(invalid)?.min(b.len());
    // CPython reads the whole text before it checks any field's range.
    let (fields, offset) = match b.get(at + 1..) {
        None => ([0; 4], None),
        Some(rest) => time_and_offset(rest).ok_or_else(invalid)?,
    };
    let date = date_from_iso(&text[..at]).map_err(|e| {
        if e.message.starts_with("Invalid isoformat string") {
            invalid()
        } else {
            e
        }
    })?;
    let [h, m, s, us] = fields;
    let time = new_time(h, m, s, us)?;
    Ok((date.and_time(time), offset))
}

/// The time after the separator and its UTC offset, if any (CPython's
/// `parse_isoformat_time`); None when malformed.
fn time_and_offset(rest: &[u8]) -> Option<([i64; 4], Option<TimeDelta>)> {
    let tz_at = rest
        .iter()
        .position(|c| matches!(c, b'Z' | b'+' | b'-'))
        .unwrap_or(rest.len());
    let after = rest.get(tz_at).copied().unwrap_or(0);
    let (fields, left_over) = clock(&rest[..tz_at], after)?;
    // Left over before an offset is ignored, as CPython ignores it.
    if left_over && after == 0 {
        return None;
    }
    let offset = match rest.get(tz_at) {
        None => None,
        Some(b'Z') if tz_at + 1 == rest.len() => Some(TimeDelta::zero()),
        Some(b'Z') => return None,
        Some(sign) => {
            let ([h, m, s, us], left_over) = clock(&rest[tz_at + 1..], 0)?;
            if left_over {
                return None;
            }
            // CPython: no whole seconds is UTC, whatever the fraction.
            let secs = h * 3600 + m * 60 + s;
            let td = match secs {
                0 => TimeDelta::zero(),
                _ => TimeDelta::seconds(secs) + TimeDelta::microseconds(us),
            };
            Some(if *sign == b'-' { -td } else { td })
        }
    };
    Some((fields, offset))
}

/// Where the date ends (CPython's `_find_isoformat_datetime_separator`).
fn separator(b: &[u8]) -> Option<usize> {
    let len = b.len();
    if len == 7 {
        return Some(7);
    }
    if b[4] == b'-' {
        if b[5] != b'W' {
            return Some(10);
        }
        if len > 8 && b[8] == b'-' {
            if len == 9 {
                return None;
            }
            if len > 10 && b[10].is_ascii_digit() {
                return Some(8);
            }
            return Some(10);
        }
        return Some(8);
    }
    if b[4] == b'W' {
        let digits = b[7..].iter().take_while(|c| c.is_ascii_digit()).count();
        let idx = 7 + digits;
        return Some(match idx {
            i if i < 9 => i,
            i if i % 2 == 0 => 7,
            _ => 8,
        });
    }
    Some(8)
}

/// `HH[:?MM[:?SS]][{.,}f…]` as CPython's `parse_hh_mm_ss_ff` reads it:
/// the four fields, and whether anything but `after` (the byte past the
/// text: an offset's sign, or 0 at the end) is left over. None when
/// malformed.
fn clock(t: &[u8], after: u8) -> Option<([i64; 4], bool)> {
    let char_at = |i: usize| {
        t.get(i)
            .copied()
            .unwrap_or(if i == t.len() { after } else { 0 })
    };
    let two = |at: usize| -> Option<i64> {
        let d = t.get(at..at + 2)?;
        d.iter()
            .all(u8::is_ascii_digit)
            .then(|| i64::from(d[0] - b'0') * 10 + i64::from(d[1] - b'0'))
    };
    let mut vals = [0i64; 4];
    let mut p = 0;
    let mut colons = false;
    for (i, val) in vals.iter_mut().take(3).enumerate() {
        *val = two(p)?;
        let c = char_at(p + 2);
        p += 3;
        if i == 0 {
            colons = c == b':';
        }
        if p >= t.len() {
            // CPython stops here, the byte read counting as left over.
            return Some((vals, c != 0));
        }
        match c {
            b':' if colons => {}
            b'.' | b',' => break,
            _ if !colons => p -= 1,
            _ => return None,
        }
    }
    // The fraction: up to six digits count, more are skipped.
    let to_parse = (t.len() - p).min(6);
    let digits = t.get(p..p + to_parse)?;
    if to_parse == 0 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = digits
        .iter()
        .fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
    vals[3] = n * 10i64.pow(6 - to_parse as u32);
    p += to_parse;
    while t.get(p).is_some_and(u8::is_ascii_digit) {
        p += 1;
    }
    Some((vals, char_at(p) != 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        match datetime_from_iso(text) {
            Ok((wall, off)) => format!("{wall:?} {off:?}"),
            Err(e) => e.message,
        }
    }

    #[test]
    fn forms_cpython_reads() {
        assert_eq!(shown("2024-01-02T03:04"), "2024-01-02T03:04:00 None");
        assert_eq!(shown("20240102T030405"), "2024-01-02T03:04:05 None");
        assert_eq!(shown("2024-01-02 03"), "2024-01-02T03:00:00 None");
        assert_eq!(
            shown("2024-01-02T03:04:05.5Z"),
            "2024-01-02T03:04:05.500 Some(TimeDelta { secs: 0, nanos: 0 })"
        );
        assert_eq!(shown("2024-01-02"), "2024-01-02T00:00:00 None");
        assert!(shown("2024-01-02T03:04:05+0530").ends_with("secs: 19800, nanos: 0 })"));
        assert_eq!(
            shown("2024-01-02T03:0"),
            "Invalid isoformat string: '2024-01-02T03:0'"
        );
        assert_eq!(shown("2024-01-02T25:00"), "hour must be in 0..23");
        assert_eq!(shown("2024-13-02"), "month must be in 1..12");
    }
}
