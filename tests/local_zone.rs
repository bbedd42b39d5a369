//! The local time zone as CPython reads it (`eval::dates_local`): a
//! naive datetime's `astimezone()` and `timestamp()` — across a skipped
//! and a repeated hour —, an aware one's `astimezone()` with the C
//! library's zone names, and `fromtimestamp` without a zone, run with
//! `TZ=Europe/Berlin`. The expected text is what Python 3.11 prints for
//! the same lines (`TZ=Europe/Berlin scripts/pyref/expect`). Skipped when
//! the system has no time zone database.

use std::io::Write;
use std::process::{Command, Stdio};

const SCRIPT: &str = r#"from datetime import datetime, timezone, timedelta
datetime(2024, 1, 2, 3, 4, tzinfo=timezone.utc).astimezone()
datetime(2024, 7, 2, 3, 4, tzinfo=timezone.utc).astimezone()
datetime(2024, 1, 2, 3, 4).astimezone()
datetime(2024, 1, 2, 3, 4).astimezone(timezone.utc)
datetime(2024, 1, 2, 3, 4).timestamp()
datetime.fromtimestamp(1704164640)
datetime(2024, 3, 31, 2, 30).astimezone(timezone.utc)
datetime(2024, 10, 27, 2, 30).astimezone(timezone.utc)
datetime(2024, 3, 31, 2, 30).timestamp()
datetime(2024, 10, 27, 2, 30).timestamp()
datetime(2024, 3, 31, 2, 30).astimezone()
datetime(2024, 10, 27, 2, 30, 0, 5).astimezone()
datetime.fromtimestamp(1711846800.25)
datetime(1969, 12, 31, 23, 59, 59, 500000).timestamp()
datetime(1, 1, 1, 0, 0, tzinfo=timezone.utc).astimezone()
"#;

const EXPECTED: &str = r#"datetime.datetime(2024, 1, 2, 4, 4, tzinfo=datetime.timezone(datetime.timedelta(seconds=3600), 'CET'))
datetime.datetime(2024, 7, 2, 5, 4, tzinfo=datetime.timezone(datetime.timedelta(seconds=7200), 'CEST'))
datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.timezone(datetime.timedelta(seconds=3600), 'CET'))
datetime.datetime(2024, 1, 2, 2, 4, tzinfo=datetime.timezone.utc)
1704161040.0
datetime.datetime(2024, 1, 2, 4, 4)
datetime.datetime(2024, 3, 31, 0, 30, tzinfo=datetime.timezone.utc)
datetime.datetime(2024, 10, 27, 0, 30, tzinfo=datetime.timezone.utc)
1711848600.0
1729989000.0
datetime.datetime(2024, 3, 31, 1, 30, tzinfo=datetime.timezone(datetime.timedelta(seconds=3600), 'CET'))
datetime.datetime(2024, 10, 27, 2, 30, 0, 5, tzinfo=datetime.timezone(datetime.timedelta(seconds=7200), 'CEST'))
datetime.datetime(2024, 3, 31, 3, 0, 0, 250000)
-3600.5
datetime.datetime(1, 1, 1, 0, 53, 28, tzinfo=datetime.timezone(datetime.timedelta(seconds=3208), 'LMT'))
"#;

#[test]
fn local_zone_reads_as_cpython_does() {
    if !std::path::Path::new("/usr/share/zoneinfo/Europe/Berlin").exists() {
        eprintln!("skipped: no time zone database (/usr/share/zoneinfo)");
        return;
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_ormsh"))
        .current_dir(std::env::temp_dir())
        .env("TZ", "Europe/Berlin")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run ormsh");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(SCRIPT.as_bytes())
        .expect("write script");
    let out = child.wait_with_output().expect("ormsh output");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(String::from_utf8_lossy(&out.stdout), EXPECTED);
}
