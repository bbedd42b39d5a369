//! `datetime.strptime(text, format)` as CPython 3.11's `_strptime` reads
//! it in the C locale: the format becomes a regular expression, one group
//! per directive (`TimeRE`), matched case-insensitively from the start of
//! the text; then the fields are combined with `_strptime`'s defaults
//! (1900-01-01 00:00, `%I` without `%p` in the morning, `%y` 69–99 in the
//! 1900s) and its day-of-year and week arithmetic.

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta};
use regex::{Captures, RegexBuilder};

use crate::error::{Error, ErrorKind, Result};
use crate::value::dates;
use crate::value::repr::str_repr;

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// What `strptime` read: the wall time and, with `%z`, the UTC offset
/// (and the `%Z` name it was written with).
pub struct Parsed {
    pub wall: NaiveDateTime,
    pub offset: Option<TimeDelta>,
    pub zone_name: Option<String>,
}

/// Names longest first, as `TimeRE.__seqToRE` orders them.
fn alternatives(group: char, names: impl Iterator<Item = String>) -> String {
    let mut names: Vec<String> = names.collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let alts: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
    format!("(?P<{group}>{})", alts.join("|"))
}

/// The regular expression of one directive (`TimeRE`'s table); None for
/// a letter it does not know.
fn directive(c: char) -> Option<String> {
    let fixed = match c {
        'd' => r"(?P<d>3[0-1]|[1-2]\d|0[1-9]|[1-9]| [1-9])",
        'f' => r"(?P<f>[0-9]{1,6})",
        'H' => r"(?P<H>2[0-3]|[0-1]\d|\d)",
        'I' => r"(?P<I>1[0-2]|0[1-9]|[1-9])",
        'j' => r"(?P<j>36[0-6]|3[0-5]\d|[1-2]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9])",
        'm' => r"(?P<m>1[0-2]|0[1-9]|[1-9])",
        'M' => r"(?P<M>[0-5]\d|\d)",
        'S' => r"(?P<S>6[0-1]|[0-5]\d|\d)",
        'U' => r"(?P<U>5[0-3]|[0-4]\d|\d)",
        'W' => r"(?P<W>5[0-3]|[0-4]\d|\d)",
        'w' => r"(?P<w>[0-6])",
        'u' => r"(?P<u>[1-7])",
        'y' => r"(?P<y>\d\d)",
        'Y' => r"(?P<Y>\d\d\d\d)",
        'z' => r"(?P<z>[+-]\d\d:?[0-5]\d(:?[0-5]\d(\.\d{1,6})?)?|(?-i:Z))",
        'p' => "(?P<p>am|pm)",
        'Z' => "(?P<Z>utc|gmt)",
        '%' => "%",
        'A' => return Some(alternatives('A', WEEKDAYS.iter().map(|s| s.to_string()))),
        'a' => {
            return Some(alternatives(
                'a',
                WEEKDAYS.iter().map(|s| s[..3].to_string()),
            ));
        }
        'B' => return Some(alternatives('B', MONTHS.iter().map(|s| s.to_string()))),
        'b' => return Some(alternatives('b', MONTHS.iter().map(|s| s[..3].to_string()))),
        // The C locale's `%c`, `%x`, `%X`.
        'c' => return pattern("%a %b %d %H:%M:%S %Y").ok(),
        'x' => return pattern("%m/%d/%y").ok(),
        'X' => return pattern("%H:%M:%S").ok(),
        _ => return None,
    };
    Some(fixed.to_string())
}

/// `TimeRE.pattern(format)`: regex characters escaped, each run of
/// whitespace `\s+`, each directive its group.
fn pattern(format: &str) -> Result<String> {
    let mut out = String::new();
    let mut chars = format.chars().peekable();
    let mut in_space = false;
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            if !in_space {
                out.push_str(r"\s+");
            }
            in_space = true;
            continue;
        }
        in_space = false;
        if c != '%' {
            out.push_str(&regex::escape(&c.to_string()));
            continue;
        }
        let Some(d) = chars.next() else {
            return Err(Error::value(format!("stray % in format '{format}'")));
        };
        match directive(d) {
            Some(re) => out.push_str(&re),
            None if matches!(d, 'G' | 'V') => {
                return Err(Error::new(
                    ErrorKind::NotImplementedError,
                    format!("strptime's ISO week directive '%{d}' is not supported by ormsh"),
                )
                .with_help("%Y-%m-%d, %j, or %U/%W with a weekday name the date"));
            }
            None => {
                let shown = if d.is_whitespace() { '%' } else { d };
                return Err(Error::value(format!(
                    "'{shown}' is a bad directive in format '{format}'"
                )));
            }
        }
    }
    Ok(out)
}

/// `_strptime(text, format)`.
pub fn strptime(text: &str, format: &str) -> Result<Parsed> {
    let pattern = pattern(format)?;
    // A directive given twice names its group twice, which Python's `re`
    // refuses (`redefinition of group name`).
    let mut seen: Vec<&str> = Vec::new();
    for name in pattern
        .split("(?P<")
        .skip(1)
        .filter_map(|r| r.split('>').next())
    {
        if seen.contains(&name) {
            return Err(Error::value(format!(
                "redefinition of group name '{name}' in format '{format}': strptime reads each directive once"
            )));
        }
        seen.push(name);
    }
    let re = RegexBuilder::new(&format!("^(?:{pattern})"))
        .case_insensitive(true)
        .build()
        .map_err(|e| Error::value(format!("strptime format '{format}': {e}")))?;
    let Some(found) = re.captures(text) else {
        return Err(Error::value(format!(
            "time data {} does not match format {}",
            str_repr(text),
            str_repr(format)
        )));
    };
    let end = found.get(0).map_or(0, |m| m.end());
    if end != text.len() {
        return Err(Error::value(format!(
            "unconverted data remains: {}",
            &text[end..]
        )));
    }
    fields(&found)
}

fn num(c: &Captures, g: &str) -> Option<i64> {
    c.name(g).and_then(|m| m.as_str().trim().parse().ok())
}

fn index_of(c: &Captures, g: &str, names: &[&str], len: Option<usize>) -> Option<usize> {
    let s = c.name(g)?.as_str().to_lowercase();
    names.iter().position(|n| len.map_or(*n, |l| &n[..l]) == s)
}

/// `_strptime`'s combination of the groups found.
fn fields(c: &Captures) -> Result<Parsed> {
    let mut year =
        num(c, "Y").or_else(|| num(c, "y").map(|y| y + if y <= 68 { 2000 } else { 1900 }));
    let month = num(c, "m")
        .or_else(|| index_of(c, "B", &MONTHS, None).map(|i| i as i64 + 1))
        .or_else(|| index_of(c, "b", &MONTHS, Some(3)).map(|i| i as i64 + 1))
        .unwrap_or(1);
    let day = num(c, "d").unwrap_or(1);
    let mut hour = num(c, "H").unwrap_or(0);
    if let Some(h) = num(c, "I") {
        let pm = c
            .name("p")
            .is_some_and(|p| p.as_str().eq_ignore_ascii_case("pm"));
        hour = match (pm, h) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    let minute = num(c, "M").unwrap_or(0);
    let second = num(c, "S").unwrap_or(0);
    let micro = c
        .name("f")
        .map_or(0, |m| format!("{:0<6}", m.as_str()).parse().unwrap_or(0));
    let weekday = index_of(c, "A", &WEEKDAYS, None)
        .or_else(|| index_of(c, "a", &WEEKDAYS, Some(3)))
        .map(|i| i as i64)
        .or_else(|| num(c, "w").map(|w| (w + 6) % 7))
        .or_else(|| num(c, "u").map(|u| u - 1));
    let week = num(c, "U")
        .map(|w| (w, false))
        .or_else(|| num(c, "W").map(|w| (w, true)));
    let mut julian = num(c, "j");
    let leap_fix = year.is_none() && month == 2 && day == 29;
    let y = *year.get_or_insert(if leap_fix { 1904 } else { 1900 });
    let mut y = y;
    if julian.is_none()
        && let (Some(wd), Some((wk, monday))) = (weekday, week)
    {
        let mut j = julian_from_week(y, wk, wd, monday)?;
        if j <= 0 {
            y -= 1;
            j += if is_leap(y) { 366 } else { 365 };
        }
        julian = Some(j);
    }
    let date = match julian {
        None => dates::new_date(y, month, day)?,
        Some(j) => {
            let first = dates::new_date(y, 1, 1)?;
            first
                .checked_add_signed(TimeDelta::days(j - 1))
                .filter(|d| dates::YEARS.contains(&(d.year() as i64)))
                .ok_or_else(|| Error::value("year is out of range"))?
        }
    };
    let date = match leap_fix {
        // `_strptime` gives the year back as 1900 when only 29 February
        // was read; the datetime constructor then refuses the day.
        true => dates::new_date(1900, 2, 29)?,
        false => date,
    };
    let time = dates::new_time(hour, minute, second, micro)?;
    let (offset, zone_name) = offset(c)?;
    Ok(Parsed {
        wall: date.and_time(time),
        offset,
        zone_name,
    })
}

/// `%z` as an offset (`Z`, `+HHMM[SS[.ffffff]]`, with or without colons),
/// with the `%Z` text alongside.
fn offset(c: &Captures) -> Result<(Option<TimeDelta>, Option<String>)> {
    let name = c.name("Z").map(|m| m.as_str().to_string());
    let Some(z) = c.name("z").map(|m| m.as_str()) else {
        return Ok((None, name));
    };
    if z == "Z" {
        return Ok((Some(TimeDelta::zero()), name));
    }
    let mut s = z.to_string();
    if s.as_bytes().get(3) == Some(&b':') {
        s.remove(3);
        if s.len() > 5 {
            if s.as_bytes()[5] != b':' {
                return Err(Error::value(format!("Inconsistent use of : in {z}")));
            }
            s.remove(5);
        }
    }
    let part =
        |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<i64>().ok()).unwrap_or(0);
    let secs = part(1..3) * 3600 + part(3..5) * 60 + part(5..7);
    let frac = s
        .get(8..)
        .map_or(0, |f| format!("{f:0<6}").parse::<i64>().unwrap_or(0));
    let sign = if s.starts_with('-') { -1 } else { 1 };
    Ok((
        Some(TimeDelta::seconds(sign * secs) + TimeDelta::microseconds(sign * frac)),
        name,
    ))
}

fn is_leap(y: i64) -> bool {
    NaiveDate::from_ymd_opt(y as i32, 2, 29).is_some()
}

/// `_calc_julian_from_U_or_W`: the day of the year of a week number and
/// weekday (Monday 0).
fn julian_from_week(year: i64, week: i64, weekday: i64, monday_first: bool) -> Result<i64> {
    let first = dates::new_date(year, 1, 1)?
        .weekday()
        .num_days_from_monday() as i64;
    let (first, weekday) = match monday_first {
        true => (first, weekday),
        false => ((first + 1) % 7, (weekday + 1) % 7),
    };
    let week0 = (7 - first) % 7;
    Ok(match week {
        0 => 1 + weekday - first,
        w => 1 + week0 + 7 * (w - 1) + weekday,
    })
}
