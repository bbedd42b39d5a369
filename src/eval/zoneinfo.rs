//! `zoneinfo.ZoneInfo(key)` without a time zone database: the zones whose
//! offset never changes — `UTC` and its aliases, `GMT`, and the fixed
//! `Etc/GMT±N` zones (POSIX's inverted sign: `Etc/GMT+5` is five hours
//! behind UTC, named `-05`). A zone with daylight saving time or a
//! history of changes (`Europe/Paris`) needs the IANA database, which
//! ormsh does not carry: it is a `NotImplementedError` saying so. One
//! object per key, as CPython's cache gives (`ZoneInfo('UTC') is
//! ZoneInfo('UTC')`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use chrono::TimeDelta;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::value::Value;
use crate::value::aware::{self, TimeZone};

/// The offset and abbreviation of a fixed zone's key.
fn fixed(key: &str) -> Option<(TimeDelta, String)> {
    let utc = [
        "UTC",
        "Etc/UTC",
        "UCT",
        "Etc/UCT",
        "Universal",
        "Etc/Universal",
        "Zulu",
        "Etc/Zulu",
    ];
    let gmt = [
        "GMT",
        "Etc/GMT",
        "GMT0",
        "Etc/GMT0",
        "GMT+0",
        "Etc/GMT+0",
        "GMT-0",
        "Etc/GMT-0",
        "Greenwich",
        "Etc/Greenwich",
    ];
    if utc.contains(&key) {
        return Some((TimeDelta::zero(), "UTC".into()));
    }
    if gmt.contains(&key) {
        return Some((TimeDelta::zero(), "GMT".into()));
    }
    let rest = key.strip_prefix("Etc/GMT")?;
    let (sign, digits) = rest.split_at_checked(1)?;
    let hours: i64 = digits.parse().ok().filter(|_| !digits.starts_with('0'))?;
    match sign {
        "+" if (1..=12).contains(&hours) => {
            Some((TimeDelta::hours(-hours), format!("-{hours:02}")))
        }
        "-" if (1..=14).contains(&hours) => Some((TimeDelta::hours(hours), format!("+{hours:02}"))),
        _ => None,
    }
}

/// `ZoneInfo(key)`.
pub(crate) fn zone_info(_: &mut Interp, mut a: Args) -> Result<Value> {
    let key = a.arg(0, "key");
    a.no_more_kw()?;
    a.count(0, 1)?;
    let Some(Value::Str(key)) = &key else {
        return Err(Error::type_(
            "ZoneInfo() takes a zone's key as a str: ZoneInfo('UTC')",
        ));
    };
    thread_local! {
        static MADE: RefCell<HashMap<String, Rc<TimeZone>>> = RefCell::new(HashMap::new());
    }
    if let Some(tz) = MADE.with(|m| m.borrow().get(key.as_str()).cloned()) {
        return Ok(aware::tz_value(&tz));
    }
    let Some((offset, abbrev)) = fixed(key.as_str()) else {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            format!(
                "ZoneInfo({}) needs the IANA time zone database, which ormsh does not carry; it knows UTC, GMT and the fixed Etc/GMT±N zones",
                crate::value::repr::str_repr(key.as_str())
            ),
        )
        .with_help("for a fixed offset: timezone(timedelta(hours=1), 'CET'); for UTC: timezone.utc"));
    };
    let tz = Rc::new(TimeZone {
        offset,
        name: Some(Rc::from(abbrev)),
        key: Some(Rc::from(key.as_str())),
    });
    MADE.with(|m| m.borrow_mut().insert(key.to_string(), tz.clone()));
    Ok(aware::tz_value(&tz))
}
