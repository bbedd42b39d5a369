//! Dates, times and timedeltas on arbitrary input: the constructors (with
//! the C-int parsing of their arguments), every timedelta operator with
//! ints and floats, `date(time) ± timedelta`, `total_seconds`, reprs, and
//! `strftime` with arbitrary directives, flags and widths. No panic, no
//! hang; results stay in Python's ranges and sums undo.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use ormsh::value::dates::{
    c_int, date_add, date_at_midnight, date_repr, datetime_add, datetime_repr, datetime_str,
    new_date, new_time, time_on_1900, time_repr,
};
use ormsh::value::strftime::strftime;
use ormsh::value::timedelta::{
    Component, td_div_float, td_div_int, td_floordiv_int, td_from_micros, td_micros, td_mul_float,
    td_mul_int, td_new, td_parts, timedelta_repr, timedelta_str, total_seconds,
};

/// An int argument: mostly plausible, sometimes an edge.
fn int(u: &mut Unstructured) -> Result<i64> {
    Ok(match u.int_in_range(0..=3)? {
        0 => u.arbitrary()?,
        1 => *u.choose(&[0, -1, 1 << 31, (1 << 31) - 1, -(1 << 31) - 1, 9999, 10000, i64::MAX, i64::MIN])?,
        _ => u.int_in_range(-100..=10_000)?,
    })
}

fn float(u: &mut Unstructured) -> Result<f64> {
    Ok(if u.ratio(1, 2)? {
        *u.choose(&[0.5, -1.5, 2.5, 1e-7, 1e9, 1e300, -1e300, 5e-324, f64::NAN, f64::INFINITY, 86399.9999995])?
    } else {
        f64::from_bits(u.arbitrary()?)
    })
}

const STRFTIME_CHARS: &[u8] =
    b"%%%%%aAbBcCdDeEFgGhHIjklmMnOpPqQrRsStTuUvVwWxXyYzZf-_0^#:+.123456789 ";

fn fmt(u: &mut Unstructured) -> Result<String> {
    if u.ratio(1, 5)? {
        return u.arbitrary();
    }
    let n = u.int_in_range(0..=16)?;
    let mut s = String::new();
    for _ in 0..n {
        if u.ratio(1, 16)? {
            s.push_str(&u.choose(&["4096", "2147483647", "99999999999999999999"])?);
        } else {
            s.push(*u.choose(STRFTIME_CHARS)? as char);
        }
    }
    Ok(s)
}

fn check_td(td: &chrono::TimeDelta) {
    let (d, s, us) = td_parts(td);
    assert!(d.abs() <= 999_999_999 && (0..86_400).contains(&s) && (0..1_000_000).contains(&us));
    let back = td_from_micros(td_micros(td)).expect("a timedelta's own count is in range");
    assert_eq!(td_micros(&back), td_micros(td));
    let _ = (timedelta_repr(td), timedelta_str(td), total_seconds(td));
}

fn run(u: &mut Unstructured) -> Result<()> {
    // Constructors, arguments parsed as C ints first; each field is mostly
    // in its range (so that most inputs make a datetime), sometimes an edge.
    const FIELDS: [(i64, i64); 7] = [(1, 9999), (1, 12), (1, 31), (0, 23), (0, 59), (0, 59), (0, 999_999)];
    let mut raw = [0i64; 7];
    for (v, (lo, hi)) in raw.iter_mut().zip(FIELDS) {
        *v = if u.ratio(7, 8)? { u.int_in_range(lo..=hi)? } else { int(u)? };
    }
    let parts: Option<Vec<i64>> = raw.iter().map(|v| c_int(*v).ok()).collect();
    let dt = parts.as_ref().and_then(|p| {
        let d = new_date(p[0], p[1], p[2]).ok()?;
        let t = new_time(p[3], p[4], p[5], p[6]).ok()?;
        Some(d.and_time(t))
    });
    let mut comps: [Option<Component>; 7] = [None; 7];
    for c in comps.iter_mut() {
        *c = match u.int_in_range(0..=2)? {
            0 => None,
            1 => Some(Component::Int(int(u)?)),
            _ => Some(Component::Float(float(u)?)),
        };
    }
    let td = td_new(comps).ok();
    if let Some(td) = &td {
        check_td(td);
        let n = int(u)?;
        let x = float(u)?;
        for r in [
            td_mul_int(td, n),
            td_mul_float(td, x),
            td_div_int(td, n),
            td_div_float(td, x),
            td_floordiv_int(td, n),
        ]
        .into_iter()
        .flatten()
        {
            check_td(&r);
        }
    }
    if let Some(dt) = dt {
        let _ = (datetime_repr(&dt), datetime_str(&dt), time_repr(&dt.time()));
        let f = fmt(u)?;
        let _ = strftime(&dt, &f);
        let _ = strftime(&date_at_midnight(&dt.date()), &f);
        let _ = strftime(&time_on_1900(&dt.time()), &f);
        if let Some(td) = td {
            if let Ok(later) = datetime_add(&dt, &td) {
                let back = datetime_add(&later, &-td).expect("undoing a sum stays in range");
                assert_eq!(back, dt);
            }
            if let Ok(d) = date_add(&dt.date(), &td) {
                let _ = date_repr(&d);
            }
        }
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
