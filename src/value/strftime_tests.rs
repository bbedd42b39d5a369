//! `strftime` against CPython 3.11 on this platform (glibc). Each expected
//! string is what `python3 -c 'import datetime as D; print(repr(D.datetime(
//! 2024,1,2,13,4,5,6).strftime(FMT)))'` prints.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::strftime;

fn dt(y: i32, m: u32, d: u32, h: u32, mi: u32, s: u32, us: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_micro_opt(h, mi, s, us)
        .unwrap()
}

/// Every directive, unknown ones, flags, widths, a trailing `%`, a NUL, and
/// widths so large that Python's buffer rule gives an empty string.
#[test]
fn directives_match_python() {
    let dt = dt(2024, 1, 2, 13, 4, 5, 6);
    let cases: &[(&str, &str)] = &[
        ("%", "%"),
        ("%Y-%", "2024-%"),
        ("%-", "%-"),
        ("%z %Z", " "),
        ("%Q", "%Q"),
        ("%%f", "%f"),
        ("%f", "000006"),
        ("%%", "%"),
        ("%%%", "%%"),
        ("a%", "a%"),
        ("%:z", "%:z"),
        ("%.3f", "%.3f"),
        ("%-d", "2"),
        ("%_d", " 2"),
        ("%0e", "02"),
        ("%^a", "TUE"),
        ("%#a", "TUE"),
        ("%#Z", ""),
        ("%10Y", "0000002024"),
        ("%-10d", "         2"),
        ("%E", "%E"),
        ("%Ey", "24"),
        ("%Od", "02"),
        ("%+", "%+"),
        ("%5", "   %5"),
        ("%5%", "    %"),
        ("%5é", "  %5é"),
        ("%^é", "%^É"),
        ("%é%Y", "%é2024"),
        ("x\0y", "x"),
        ("%3000Y", ""),
        ("%2147483647Y", ""),
        ("%99999999999999999999Y", ""),
        ("", ""),
        (
            "%a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %k %l %m %M %n %p %P %r %R %S %t %T %u %U %V %w %W %x %X %y %Y",
            "Tue Tuesday Jan January Tue Jan  2 13:04:05 2024 20 02 01/02/24  2 2024-01-02 24 2024 Jan 13 01 002 13  1 01 04 \n PM pm 01:04:05 PM 13:04 05 \t 13:04:05 2 00 01 2 01 01/02/24 13:04:05 24 2024",
        ),
        (
            "%i %J %K %L %N %o %q %v %@ %! %~",
            "%i %J %K %L %N %o %q %v %@ %! %~",
        ),
    ];
    for (fmt, want) in cases {
        assert_eq!(strftime(&dt, fmt).unwrap(), *want, "strftime({fmt:?})");
    }
}

/// Years below 1000 are not zero-padded by glibc's `%Y` (nor in Python).
#[test]
fn small_years_match_python() {
    let cases = [
        (
            dt(1, 3, 4, 0, 0, 0, 0),
            "%Y|%C|%y|%G|%g|%c|%x|%F|%j|%U|%W|%V|%u|%w",
            "1|0|01|1|01|Sun Mar  4 00:00:00 1|03/04/01|1-03-04|063|09|09|09|7|0",
        ),
        (
            dt(5, 3, 4, 0, 0, 0, 0),
            "%Y|%C|%y|%G|%g|%c|%x|%F|%j|%U|%W|%V|%u|%w",
            "5|0|05|5|05|Fri Mar  4 00:00:00 5|03/04/05|5-03-04|063|09|09|09|5|5",
        ),
        (
            dt(999, 3, 4, 0, 0, 0, 0),
            "%Y|%C|%y|%G|%g|%c|%x|%F|%j|%U|%W|%V|%u|%w",
            "999|9|99|999|99|Mon Mar  4 00:00:00 999|03/04/99|999-03-04|063|09|09|10|1|1",
        ),
        (
            dt(9999, 3, 4, 0, 0, 0, 0),
            "%Y|%C|%y|%G|%g|%c|%x|%F|%j|%U|%W|%V|%u|%w",
            "9999|99|99|9999|99|Thu Mar  4 00:00:00 9999|03/04/99|9999-03-04|063|09|09|09|4|4",
        ),
    ];
    for (d, fmt, want) in cases {
        assert_eq!(strftime(&d, fmt).unwrap(), want, "{d}");
    }
}

/// `date.strftime` formats at midnight, `time.strftime` on 1900-01-01:
/// python3 -c 'import datetime as D; print(D.time(1,2,3,4).strftime("%Y %c %j %f %a"))'
#[test]
fn dates_and_times_match_python() {
    let d = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    assert_eq!(
        strftime(
            &crate::value::dates::date_at_midnight(&d),
            "%Y-%m-%d %H:%M:%S.%f %c"
        )
        .unwrap(),
        "2024-01-01 00:00:00.000000 Mon Jan  1 00:00:00 2024"
    );
    let t = NaiveTime::from_hms_micro_opt(1, 2, 3, 4).unwrap();
    assert_eq!(
        strftime(&crate::value::dates::time_on_1900(&t), "%Y %c %j %f %a").unwrap(),
        "1900 Mon Jan  1 01:02:03 1900 001 000004 Mon"
    );
}
