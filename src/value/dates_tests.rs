//! Dates and times against CPython 3.11: each expected text is what
//! `python3 -c 'from datetime import *; print(repr(EXPR))'` prints, or the
//! error it raises (`Kind: message`).

use super::*;

/// `((hour, minute, second, microsecond), expected)`.
type TimeCase = ((i64, i64, i64, i64), &'static str);

fn shown<T>(r: Result<T>, repr: fn(&T) -> String) -> String {
    match r {
        Ok(v) => repr(&v),
        Err(e) => format!("{}: {}", e.kind.name(), e.message),
    }
}

fn dt(y: i32, m: u32, d: u32, h: u32, mi: u32, s: u32, us: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_micro_opt(h, mi, s, us)
        .unwrap()
}

/// `date(y, m, d)`: years 1..=9999 only (chrono alone would take year 0,
/// negative years and 10000), in CPython's order of checks.
#[test]
fn date_construction_matches_python() {
    let cases: &[((i64, i64, i64), &str)] = &[
        ((2024, 2, 29), "datetime.date(2024, 2, 29)"),
        ((1, 1, 1), "datetime.date(1, 1, 1)"),
        ((9999, 12, 31), "datetime.date(9999, 12, 31)"),
        ((-5, 1, 1), "ValueError: year -5 is out of range"),
        ((0, 1, 1), "ValueError: year 0 is out of range"),
        ((10000, 1, 1), "ValueError: year 10000 is out of range"),
        ((2024, 13, 1), "ValueError: month must be in 1..12"),
        ((2024, 0, 1), "ValueError: month must be in 1..12"),
        ((2023, 2, 29), "ValueError: day is out of range for month"),
        ((2024, 2, -1), "ValueError: day is out of range for month"),
        ((2024, 4, 31), "ValueError: day is out of range for month"),
    ];
    for ((y, m, d), want) in cases {
        assert_eq!(
            shown(new_date(*y, *m, *d), date_repr),
            *want,
            "date({y}, {m}, {d})"
        );
    }
}

#[test]
fn time_construction_matches_python() {
    let cases: &[TimeCase] = &[
        ((0, 0, 0, 0), "datetime.time(0, 0)"),
        ((23, 59, 59, 999999), "datetime.time(23, 59, 59, 999999)"),
        ((24, 0, 0, 0), "ValueError: hour must be in 0..23"),
        ((-1, 0, 0, 0), "ValueError: hour must be in 0..23"),
        ((0, 60, 0, 0), "ValueError: minute must be in 0..59"),
        ((0, 0, 60, 0), "ValueError: second must be in 0..59"),
        (
            (0, 0, 0, 1000000),
            "ValueError: microsecond must be in 0..999999",
        ),
        (
            (0, 0, 0, -1),
            "ValueError: microsecond must be in 0..999999",
        ),
        ((2147483647, 0, 0, 0), "ValueError: hour must be in 0..23"),
    ];
    for ((h, mi, s, us), want) in cases {
        assert_eq!(
            shown(new_time(*h, *mi, *s, *us), time_repr),
            *want,
            "time({h}, {mi}, {s}, {us})"
        );
    }
}

/// Each argument is first a C int: `datetime(2**32, 1, 1)` is an
/// OverflowError, not year 0.
#[test]
fn arguments_beyond_a_c_int_overflow() {
    let msg = |r: Result<i64>| r.map_err(|e| format!("{}: {}", e.kind.name(), e.message));
    assert_eq!(msg(c_int(2_147_483_647)), Ok(2_147_483_647));
    assert_eq!(msg(c_int(-2_147_483_648)), Ok(-2_147_483_648));
    assert_eq!(
        msg(c_int(1 << 32)),
        Err("OverflowError: signed integer is greater than maximum".into())
    );
    assert_eq!(
        msg(c_int(1 << 40)),
        Err("OverflowError: signed integer is greater than maximum".into())
    );
    assert_eq!(
        msg(c_int(-(1 << 31) - 1)),
        Err("OverflowError: signed integer is less than minimum".into())
    );
}

/// python3 -c 'from datetime import *; print(repr(datetime(9999,12,31) + timedelta(days=1)))'
#[test]
fn sums_stay_in_pythons_years() {
    use crate::value::timedelta::td_from_micros;
    let day = td_from_micros(86_400_000_000).unwrap();
    let add = |d: NaiveDateTime, us: i128| {
        shown(
            datetime_add(&d, &td_from_micros(us).unwrap()),
            datetime_repr,
        )
    };
    let out = "OverflowError: date value out of range";
    assert_eq!(add(dt(9999, 12, 31, 0, 0, 0, 0), 86_400_000_000), out);
    assert_eq!(add(dt(1, 1, 1, 0, 0, 0, 0), -1), out);
    assert_eq!(
        add(dt(2024, 1, 1, 0, 0, 0, 0), 999_999_999 * 86_400_000_000),
        out
    );
    assert_eq!(
        add(dt(2024, 1, 1, 0, 0, 0, 0), -999_999_999 * 86_400_000_000),
        out
    );
    assert_eq!(
        add(dt(2024, 2, 28, 23, 59, 59, 999_999), 1),
        "datetime.datetime(2024, 2, 29, 0, 0)"
    );
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(shown(date_add(&date(9999, 12, 31), &day), date_repr), out);
    assert_eq!(
        shown(
            date_add(&date(1, 1, 1), &td_from_micros(-1_000_000).unwrap()),
            date_repr
        ),
        out
    );
    // Only whole days count: date(2024,1,31) + timedelta(hours=47).
    assert_eq!(
        shown(
            date_add(
                &date(2024, 1, 31),
                &td_from_micros(47 * 3_600_000_000).unwrap()
            ),
            date_repr
        ),
        "datetime.date(2024, 2, 1)"
    );
}

// Expected strings checked against CPython 3.11, e.g.
// python3 -c 'import datetime; print(repr(datetime.datetime(2024,1,2)))'
#[test]
fn reprs_match_python() {
    let cases = [
        (
            dt(2024, 1, 2, 3, 4, 5, 0),
            "datetime.datetime(2024, 1, 2, 3, 4, 5)",
        ),
        (
            dt(2024, 1, 2, 0, 0, 0, 0),
            "datetime.datetime(2024, 1, 2, 0, 0)",
        ),
        (
            dt(2024, 1, 2, 3, 4, 0, 7),
            "datetime.datetime(2024, 1, 2, 3, 4, 0, 7)",
        ),
    ];
    for (d, want) in cases {
        assert_eq!(datetime_repr(&d), want);
    }
    assert_eq!(
        datetime_str(&dt(2024, 1, 2, 3, 4, 5, 120)),
        "2024-01-02 03:04:05.000120"
    );
    assert_eq!(
        datetime_str(&dt(2024, 1, 2, 0, 0, 0, 0)),
        "2024-01-02 00:00:00"
    );
    let t = NaiveTime::from_hms_opt(3, 4, 0).unwrap();
    assert_eq!(time_repr(&t), "datetime.time(3, 4)");
    assert_eq!(time_str(&t), "03:04:00");
    let d = NaiveDate::from_ymd_opt(24, 1, 2).unwrap();
    assert_eq!(date_repr(&d), "datetime.date(24, 1, 2)");
    assert_eq!(date_str(&d), "0024-01-02");
}

/// `date.fromisoformat` took any year chrono reads (`'0000-01-01'` was
/// year 0) and unpadded fields; Python 3.11 takes these forms only.
/// python3 -c 'from datetime import date; print(repr(date.fromisoformat(T)))'
#[test]
fn date_from_iso_matches_python() {
    let cases: &[(&str, &str)] = &[
        ("2024-01-02", "datetime.date(2024, 1, 2)"),
        ("20240102", "datetime.date(2024, 1, 2)"),
        ("2024-W01-1", "datetime.date(2024, 1, 1)"),
        ("2024W011", "datetime.date(2024, 1, 1)"),
        ("2024-W01", "datetime.date(2024, 1, 1)"),
        ("2020-W53-7", "datetime.date(2021, 1, 3)"),
        ("0000-01-01", "ValueError: year 0 is out of range"),
        ("0000-W01-1", "ValueError: month must be in 1..12"),
        ("2024-13-01", "ValueError: month must be in 1..12"),
        ("2024-02-30", "ValueError: day is out of range for month"),
        (
            "10000-01-01",
            "ValueError: Invalid isoformat string: '10000-01-01'",
        ),
        (
            "2024-1-1",
            "ValueError: Invalid isoformat string: '2024-1-1'",
        ),
        (
            " 2024-01-01",
            "ValueError: Invalid isoformat string: ' 2024-01-01'",
        ),
        (
            "２０２４-01-01",
            "ValueError: Invalid isoformat string: '２０２４-01-01'",
        ),
        (
            "2024-W53-1",
            "ValueError: Invalid isoformat string: '2024-W53-1'",
        ),
        (
            "2024-W01-8",
            "ValueError: Invalid isoformat string: '2024-W01-8'",
        ),
        (
            "2024W01-1",
            "ValueError: Invalid isoformat string: '2024W01-1'",
        ),
        (
            "2024-01-01T00:00",
            "ValueError: Invalid isoformat string: '2024-01-01T00:00'",
        ),
        ("it's", "ValueError: Invalid isoformat string: \"it's\""),
    ];
    for (text, want) in cases {
        assert_eq!(shown(date_from_iso(text), date_repr), *want, "{text:?}");
    }
}
