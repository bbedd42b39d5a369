//! PostgreSQL's `time` and `interval` as the text SQLAlchemy's SQLite
//! dialect stores them, so the ORM reads them as it reads SQLite's: a
//! `time` as `HH:MM:SS.ffffff`, an `interval` as the datetime that far
//! from 1970-01-01 (`YYYY-MM-DD HH:MM:SS.ffffff`); and that interval text,
//! bound where the server expects an `interval`, as the seconds it is.

use std::error::Error as StdError;

use chrono::{NaiveDateTime, TimeDelta};

type BoxError = Box<dyn StdError + Sync + Send>;

/// The storage text's format (SQLAlchemy's SQLite `DATETIME`).
const STORAGE: &str = "%Y-%m-%d %H:%M:%S%.6f";

fn epoch() -> NaiveDateTime {
    chrono::DateTime::UNIX_EPOCH.naive_utc()
}

/// A `time` (microseconds since midnight) as `HH:MM:SS.ffffff`.
pub(super) fn time_text(us: i64) -> String {
    let (secs, micros) = (us.div_euclid(1_000_000), us.rem_euclid(1_000_000));
    format!(
        "{:02}:{:02}:{:02}.{micros:06}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// An `interval`'s binary form (microseconds, days, months) as the epoch
/// plus that timedelta; a month is 30 days, as psycopg2 reads it.
pub(super) fn interval_text(raw: &[u8]) -> Result<String, BoxError> {
    let int = |range: std::ops::Range<usize>| -> Result<i64, BoxError> {
        let b = raw.get(range).ok_or("short interval")?;
        Ok(b.iter()
            .fold(if b[0] & 0x80 != 0 { -1i64 } else { 0 }, |acc, x| {
                (acc << 8) | i64::from(*x)
            }))
    };
    let (us, days, months) = (int(0..8)?, int(8..12)?, int(12..16)?);
    let delta = TimeDelta::try_days(days + 30 * months)
        .and_then(|d| d.checked_add(&TimeDelta::microseconds(us)))
        .ok_or("interval out of range")?;
    let at = epoch()
        .checked_add_signed(delta)
        .ok_or("interval out of range")?;
    Ok(at.format(STORAGE).to_string())
}

/// A datetime's text with a UTC offset (`2024-05-06 07:08:09.000010-04:00`)
/// as the UTC wall time it stands for (`2024-05-06 11:08:09.000010`);
/// other text is sent as it is.
pub(super) fn utc_wall(text: &str) -> String {
    match crate::value::dates_iso::datetime_from_iso(text) {
        Ok((wall, Some(offset))) => wall
            .checked_sub_signed(offset)
            .map_or_else(|| text.to_owned(), |t| t.format(STORAGE).to_string()),
        _ => text.to_owned(),
    }
}

/// An interval's storage text as PostgreSQL's input, its signed seconds
/// (`-86395.000000 seconds`); other text is sent as it is.
pub(super) fn interval_input(text: &str) -> String {
    let Ok(at) = NaiveDateTime::parse_from_str(text, STORAGE) else {
        return text.to_owned();
    };
    let Some(us) = (at - epoch()).num_microseconds() else {
        return text.to_owned();
    };
    micros_input(us)
}

/// An interval of `us` microseconds as the server reads it
/// (`-90061.000001 seconds`).
pub(super) fn micros_input(us: i64) -> String {
    let sign = if us < 0 { "-" } else { "" };
    let us = us.unsigned_abs();
    format!("{sign}{}.{:06} seconds", us / 1_000_000, us % 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_as_sqlite_stores_them() {
        assert_eq!(time_text(0), "00:00:00.000000");
        assert_eq!(
            time_text((22 * 3600 + 5) * 1_000_000 + 250),
            "22:00:05.000250"
        );
    }

    #[test]
    fn intervals_both_ways() {
        let raw = |us: i64, days: i32, months: i32| {
            let mut v = us.to_be_bytes().to_vec();
            v.extend_from_slice(&days.to_be_bytes());
            v.extend_from_slice(&months.to_be_bytes());
            v
        };
        assert_eq!(
            interval_text(&raw(9_000_000_000, 0, 0)).unwrap(),
            "1970-01-01 02:30:00.000000"
        );
        assert_eq!(
            interval_text(&raw(5_000_000, -1, 0)).unwrap(),
            "1969-12-31 00:00:05.000000"
        );
        assert_eq!(
            interval_text(&raw(0, 1, 1)).unwrap(),
            "1970-02-01 00:00:00.000000"
        );
        assert_eq!(
            interval_input("1970-01-01 02:30:00.000000"),
            "9000.000000 seconds"
        );
        assert_eq!(
            interval_input("1969-12-31 00:00:05.000000"),
            "-86395.000000 seconds"
        );
        assert_eq!(
            interval_input("1969-12-31 23:59:59.500000"),
            "-0.500000 seconds"
        );
        assert_eq!(interval_input("x"), "x");
        assert_eq!(
            utc_wall("2024-05-06 07:08:09.000010-04:00"),
            "2024-05-06 11:08:09.000010"
        );
        assert_eq!(utc_wall("2024-05-06 07:08:09"), "2024-05-06 07:08:09");
    }
}
