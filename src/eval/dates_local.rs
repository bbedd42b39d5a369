//! The local time zone, read through the C library's `localtime_r` as
//! CPython's `datetime` reads it: a naive datetime's instant (CPython's
//! `datetime._mktime`, the earlier reading of a repeated hour, the later
//! side of a skipped one), the local zone at an instant as `astimezone()`
//! names it (`timezone(timedelta(seconds=gmtoff), tm_zone)`), and the
//! local wall time of a timestamp (`fromtimestamp` without a zone).

use std::rc::Rc;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, Timelike};

use crate::error::{Error, ErrorKind, Result};
use crate::value::aware::{self, TimeZone};

/// `time.localtime(u)`, with CPython's error when the C library fails.
fn localtime(u: i64) -> Result<libc::tm> {
    let out_of_range = || {
        Error::new(
            ErrorKind::OverflowError,
            "timestamp out of range for platform localtime() function",
        )
    };
    let t = libc::time_t::try_from(u).map_err(|_| out_of_range())?;
    // SAFETY: `tm` is plain data; `localtime_r` fills it from `t` and
    // returns null on failure, checked before use.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let done = unsafe { libc::localtime_r(&t, &mut tm) };
    if done.is_null() {
        return Err(out_of_range());
    }
    Ok(tm)
}

/// The naive wall time of `localtime(u)`, whole seconds.
fn wall_of(tm: &libc::tm) -> Result<NaiveDateTime> {
    NaiveDate::from_ymd_opt(tm.tm_year + 1900, (tm.tm_mon + 1) as u32, tm.tm_mday as u32)
        .and_then(|d| {
            d.and_hms_opt(
                tm.tm_hour as u32,
                tm.tm_min as u32,
                tm.tm_sec.min(59) as u32,
            )
        })
        .ok_or_else(|| Error::value(format!("year {} is out of range", tm.tm_year + 1900)))
}

fn epoch() -> NaiveDateTime {
    DateTime::UNIX_EPOCH.naive_utc()
}

/// Whole seconds from the epoch to a wall time, floored.
fn seconds(wall: &NaiveDateTime) -> i64 {
    (*wall - epoch()).num_seconds() - i64::from(wall.nanosecond() > 0 && *wall < epoch())
}

/// CPython's `local(u)`: the local wall time at instant `u`, as seconds.
fn local(u: i64) -> Result<i64> {
    Ok(seconds(&wall_of(&localtime(u)?)?))
}

/// CPython's `datetime._mktime` with `fold=0`: the instant (whole
/// seconds) of a naive wall time read as local time.
pub fn mktime(wall: &NaiveDateTime) -> Result<i64> {
    const FOLD: i64 = 24 * 3600;
    let t = seconds(wall);
    let a = local(t)? - t;
    let u1 = t - a;
    let t1 = local(u1)?;
    let b = if t1 == t {
        // One solution; an earlier one exists when the offset a day
        // before differs.
        let u2 = u1 - FOLD;
        let b = local(u2)? - u2;
        if a == b {
            return Ok(u1);
        }
        b
    } else {
        t1 - u1
    };
    let u2 = t - b;
    if local(u2)? == t {
        return Ok(u2);
    }
    if t1 == t {
        return Ok(u1);
    }
    // In the gap of a skipped hour: the later of the two readings.
    Ok(u1.max(u2))
}

/// The local zone at instant `u`, as `astimezone()` makes it.
pub fn zone_at(u: i64) -> Result<Rc<TimeZone>> {
    let tm = localtime(u)?;
    let name = if tm.tm_zone.is_null() {
        String::new()
    } else {
        // SAFETY: a non-null `tm_zone` points at a NUL-terminated name.
        unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
            .to_string_lossy()
            .into_owned()
    };
    aware::new_timezone(TimeDelta::seconds(tm.tm_gmtoff), Some(Rc::from(name)))
}

/// The local zone of a naive wall time (CPython's `_local_timezone`).
pub fn zone_of_wall(wall: &NaiveDateTime) -> Result<Rc<TimeZone>> {
    zone_at(mktime(wall)?)
}

/// The local zone at a UTC instant.
pub fn zone_of_instant(instant: &NaiveDateTime) -> Result<Rc<TimeZone>> {
    zone_at(seconds(instant))
}

/// The local wall time of instant `secs` + `us` microseconds.
pub fn wall_at(secs: i64, us: i64) -> Result<NaiveDateTime> {
    Ok(wall_of(&localtime(secs)?)? + TimeDelta::microseconds(us))
}
