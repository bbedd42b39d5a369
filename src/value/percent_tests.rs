//! The directive reader of `%` formatting, on its own: each row is the
//! text after a `%` and the parts `Cursor` reads from it (or its error).
//! The `fmt % args` results are pinned against CPython in `format_tests.rs`.

use super::*;

/// The parts of one directive read in `directive`'s order, without
/// arguments: `key`, the flags as they land in the spec, `width`, `.` and
/// its precision, the conversion and where the cursor stopped.
fn parts(text: &str) -> String {
    let cs: Vec<char> = text.chars().collect();
    let mut cur = Cursor { cs: &cs, i: 0 };
    let read = |cur: &mut Cursor| -> Result<String> {
        let key = if cur.at('(') { Some(cur.key()?) } else { None };
        let mut spec = Spec::default();
        cur.flags(&mut spec);
        let width = cur.count("width")?;
        let precision = if cur.dot() {
            Some(cur.count("precision")?)
        } else {
            None
        };
        let conv = cur.conversion()?;
        Ok(format!(
            "key={key:?} align={:?} sign={:?} alt={} zero={} width={width:?} precision={precision:?} conv={conv} end={}",
            spec.align, spec.sign, spec.alt, spec.zero, cur.i
        ))
    };
    read(&mut cur).unwrap_or_else(|e| e.to_string())
}

#[test]
fn directive_parts() {
    let none = "align=None sign=None alt=false zero=false";
    let cases: Vec<(&str, String)> = vec![
        (
            "d",
            format!("key=None {none} width=None precision=None conv=d end=1"),
        ),
        (
            "%",
            format!("key=None {none} width=None precision=None conv=% end=1"),
        ),
        (
            "(name)s",
            format!("key=Some(\"name\") {none} width=None precision=None conv=s end=7"),
        ),
        (
            "(a(b)c)d",
            format!("key=Some(\"a(b)c\") {none} width=None precision=None conv=d end=8"),
        ),
        (
            "()r",
            format!("key=Some(\"\") {none} width=None precision=None conv=r end=3"),
        ),
        ("(abc", "ValueError: incomplete format key".into()),
        ("(a(b)", "ValueError: incomplete format key".into()),
        (
            "-+ #05.3f",
            "key=None align=Some('<') sign=Some('+') alt=true zero=true width=Some(Given(5)) precision=Some(Some(Given(3))) conv=f end=9".into(),
        ),
        (
            " +d",
            "key=None align=None sign=Some('+') alt=false zero=false width=None precision=None conv=d end=3".into(),
        ),
        (
            "+ d",
            "key=None align=None sign=Some('+') alt=false zero=false width=None precision=None conv=d end=3".into(),
        ),
        (
            "*.*f",
            format!("key=None {none} width=Some(Star) precision=Some(Some(Star)) conv=f end=4"),
        ),
        (
            "10.f",
            format!("key=None {none} width=Some(Given(10)) precision=Some(None) conv=f end=4"),
        ),
        (
            "hlLd",
            format!("key=None {none} width=None precision=None conv=d end=4"),
        ),
        (
            "(k)*x",
            format!("key=Some(\"k\") {none} width=Some(Star) precision=None conv=x end=5"),
        ),
        ("99999999999999999999d", "ValueError: width too big".into()),
        (
            ".99999999999999999999d",
            "ValueError: precision too big".into(),
        ),
        ("5", "ValueError: incomplete format".into()),
        ("-", "ValueError: incomplete format".into()),
        ("", "ValueError: incomplete format".into()),
    ];
    for (text, want) in cases {
        assert_eq!(parts(text), want, "%{text}");
    }
}
