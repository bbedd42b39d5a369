//! How bound values are shown: as SQLAlchemy's echo logs them (Python tuple
//! reprs, with its truncation rules) and as SQL literals for `Mode::Inline`.
//! Each value is written by `value::repr`, the one Python-literal writer, so
//! the echo shows a string exactly as `repr()` does.
//!
//! Echo shows parameters after type processing, so booleans are already `1`
//! and `0` here. One deliberate difference: SQLAlchemy logs a blob as
//! `<memory at 0x…>`, which is not reproducible; we show Python's bytes repr
//! (`b'\x00\x01'`) instead.

use super::ast::Param;
use crate::value::repr::{bytes_repr, float_repr, str_repr};

/// SQLAlchemy truncates each value's repr beyond this many characters.
const MAX_CHARS: usize = 300;
/// … and a parameter tuple beyond this many values.
pub(super) const MAX_PARAMS: usize = 100;
/// … and an executemany list beyond this many rows.
const MAX_BATCHES: usize = 10;

/// The parameters of one execution as SQLAlchemy's echo logs them:
/// `()`, `(1,)`, `('admin', 1)`.
pub fn params_repr(params: &[Param]) -> String {
    if params.len() > MAX_PARAMS {
        let half = MAX_PARAMS / 2;
        let first: Vec<String> = params[..half].iter().map(trunc_repr).collect();
        let last: Vec<String> = params[params.len() - half..]
            .iter()
            .map(trunc_repr)
            .collect();
        return format!(
            "({} ... {} parameters truncated ... {})",
            first.join(", "),
            params.len() - MAX_PARAMS,
            last.join(", ")
        );
    }
    let items: Vec<String> = params.iter().map(trunc_repr).collect();
    let comma = if items.len() == 1 { "," } else { "" };
    format!("({}{comma})", items.join(", "))
}

/// The parameter rows of an `executemany` as SQLAlchemy's echo logs them:
/// `[(10, 'a'), (11, 'b')]`, eliding the middle beyond ten rows.
pub fn params_repr_many(rows: &[Vec<Param>]) -> String {
    rows_repr(rows, |r| params_repr(r))
}

/// The parameter rows of an `executemany`, each written by `one`, as
/// SQLAlchemy's echo logs the list: the middle elided beyond ten rows.
pub fn rows_repr<R>(rows: &[R], one: impl Fn(&R) -> String) -> String {
    let repr_rows = |rows: &[R]| -> String { rows.iter().map(&one).collect::<Vec<_>>().join(", ") };
    if rows.len() > MAX_BATCHES {
        format!(
            "[{}  ... displaying {} of {} total bound parameter sets ...  {}]",
            repr_rows(&rows[..MAX_BATCHES - 2]),
            MAX_BATCHES,
            rows.len(),
            repr_rows(&rows[rows.len() - 2..])
        )
    } else {
        format!("[{}]", repr_rows(rows))
    }
}

pub(super) fn trunc_repr(p: &Param) -> String {
    trunc_text(param_repr(p))
}

/// A value's repr in the echo: past 300 characters, its middle left out
/// (SQLAlchemy's `_repr_params.trunc`).
pub fn trunc_text(rep: String) -> String {
    let chars: Vec<char> = rep.chars().collect();
    if chars.len() <= MAX_CHARS {
        return rep;
    }
    let seg = MAX_CHARS / 2;
    let head: String = chars[..seg].iter().collect();
    let tail: String = chars[chars.len() - seg..].iter().collect();
    format!(
        "{head} ... ({} characters truncated) ... {tail}",
        chars.len() - MAX_CHARS
    )
}

/// Python's `repr()` of the value as the DB-API receives it.
pub fn param_repr(p: &Param) -> String {
    match p {
        Param::Null => "None".to_owned(),
        Param::Int(i) => i.to_string(),
        Param::Bool(b) => if *b { "True" } else { "False" }.to_owned(),
        Param::Interval(us) => {
            crate::value::timedelta::timedelta_repr(&chrono::TimeDelta::microseconds(*us))
        }
        Param::Unbindable(u) => u.repr.to_string(),
        Param::Real(f) => float_repr(*f),
        Param::Text(s) => str_repr(s),
        Param::Blob(b) => bytes_repr(b),
        Param::Decimal(d) => format!("Decimal('{d}')"),
    }
}

/// The value as an SQL literal (`Mode::Inline`): `NULL`, `1`, `1.5`,
/// `'it''s'`, `X'0001'`.
pub fn sql_literal(p: &Param) -> String {
    match p {
        Param::Null => "NULL".to_owned(),
        Param::Int(i) => i.to_string(),
        // Bound only where booleans are a type (PostgreSQL).
        Param::Bool(b) => if *b { "true" } else { "false" }.to_owned(),
        // No literal: the value's repr as a string (it is never sent).
        Param::Unbindable(u) => format!("'{}'", u.repr.replace('\'', "''")),
        // psycopg2's literal of a timedelta.
        Param::Interval(us) => {
            let (sign, us) = (if *us < 0 { "-" } else { "" }, us.unsigned_abs());
            format!(
                "'{sign}{} days {}.{:06} seconds'::interval",
                us / 86_400_000_000,
                us % 86_400_000_000 / 1_000_000,
                us % 1_000_000
            )
        }
        Param::Real(f) if f.is_finite() => float_repr(*f),
        // SQLite has no literal for these; 9e999 overflows to ±Inf, and
        // NULL is what SQLite stores for NaN.
        Param::Real(f) if f.is_nan() => "NULL".to_owned(),
        Param::Real(f) if *f > 0.0 => "9e999".to_owned(),
        Param::Real(_) => "-9e999".to_owned(),
        Param::Text(s) => format!("'{}'", s.replace('\'', "''")),
        Param::Blob(b) => {
            let hex: String = b.iter().map(|byte| format!("{byte:02X}")).collect();
            format!("X'{hex}'")
        }
        Param::Decimal(d) => d.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    fn t(s: &str) -> Param {
        Param::Text(Rc::from(s))
    }

    /// Expected strings are Python's `repr()` / SQLAlchemy echo output.
    #[test]
    fn echo_params_are_python_tuples() {
        assert_eq!(params_repr(&[]), "()");
        assert_eq!(params_repr(&[Param::Int(1)]), "(1,)");
        assert_eq!(params_repr(&[t("admin"), Param::Int(1)]), "('admin', 1)");
        assert_eq!(
            params_repr(&[t("it's"), Param::Null, Param::Real(1.5)]),
            "(\"it's\", None, 1.5)"
        );
        assert_eq!(
            params_repr(&[Param::Blob(Rc::from(&b"\x00\x01a'"[..]))]),
            "(b\"\\x00\\x01a'\",)"
        );
        assert_eq!(
            params_repr_many(&[
                vec![Param::Int(10), t("a"), Param::Null, Param::Null],
                vec![Param::Int(11), t("b"), Param::Null, Param::Null],
            ]),
            "[(10, 'a', None, None), (11, 'b', None, None)]"
        );
    }

    /// From SQLAlchemy's `_repr_params`: values beyond 300 characters, tuples
    /// beyond 100 values, executemany beyond 10 rows.
    #[test]
    fn echo_truncation() {
        let long = "x".repeat(400);
        let rep = params_repr(&[t(&long)]);
        assert_eq!(
            rep,
            format!(
                "('{} ... (102 characters truncated) ... {}',)",
                "x".repeat(149),
                "x".repeat(149)
            )
        );
        let many: Vec<Param> = (0..103).map(Param::Int).collect();
        let rep = params_repr(&many);
        assert!(rep.starts_with("(0, 1, "));
        assert!(rep.contains("49 ... 3 parameters truncated ... 53, "));
        assert!(rep.ends_with(", 102)"));
        let rows: Vec<Vec<Param>> = (0..12).map(|i| vec![Param::Int(i)]).collect();
        assert_eq!(
            params_repr_many(&rows),
            "[(0,), (1,), (2,), (3,), (4,), (5,), (6,), (7,)  ... displaying 10 of 12 total bound parameter sets ...  (10,), (11,)]"
        );
    }

    /// The echo writes each value as Python's `repr()` does: every expected
    /// string is `python3 -c 'print(repr(S))'` (CPython 3.11). Lone
    /// surrogates (`'\ud800'`, which Python escapes) cannot be in a Rust
    /// string, so no bound value holds one.
    #[test]
    fn echo_writes_values_as_python_repr() {
        for (s, want) in [
            ("a", r#"'a'"#),
            ("it's", r#""it's""#),
            ("say \"hi\"", r#"'say "hi"'"#),
            ("both ' and \"", r#"'both \' and "'"#),
            ("back\\slash", r#"'back\\slash'"#),
            ("tab\there\nline\rret", r#"'tab\there\nline\rret'"#),
            ("\u{0}\u{7}\u{1b}\u{7f}", r#"'\x00\x07\x1b\x7f'"#),
            ("\u{80}\u{9f}\u{a0}\u{ad}", r#"'\x80\x9f\xa0\xad'"#),
            ("caf\u{e9} ☕ 日本 😀", r#"'café ☕ 日本 😀'"#),
            ("\u{378}\u{379}", r#"'\u0378\u0379'"#),
            (
                "\u{2028}\u{2029}\u{200b}\u{200e}",
                r#"'\u2028\u2029\u200b\u200e'"#,
            ),
            ("\u{3000}\u{feff}", r#"'\u3000\ufeff'"#),
            ("\u{e000}\u{f8ff}", r#"'\ue000\uf8ff'"#),
            ("\u{fffe}\u{ffff}", r#"'\ufffe\uffff'"#),
            ("\u{e0000}\u{e0001}", r#"'\U000e0000\U000e0001'"#),
            ("\u{10ffff}", r#"'\U0010ffff'"#),
            ("😀\u{1fffe}", r#"'😀\U0001fffe'"#),
            ("\u{a0}x\u{85}", r#"'\xa0x\x85'"#),
            ("", r#"''"#),
            ("'", r#""'""#),
            ("\"", r#"'"'"#),
            ("'\"", r#"'\'"'"#),
            ("\\'", r#""\\'""#),
            ("\u{600}\u{61c}\u{180e}", r#"'\u0600\u061c\u180e'"#),
        ] {
            assert_eq!(param_repr(&t(s)), want, "{s:?}");
            assert_eq!(params_repr(&[t(s)]), format!("({want},)"), "{s:?}");
        }
        for (f, want) in [
            (1.5, "1.5"),
            (2.0, "2.0"),
            (-0.0, "-0.0"),
            (0.00001, "1e-05"),
            (1e16, "1e+16"),
            (f64::INFINITY, "inf"),
            (f64::NAN, "nan"),
        ] {
            assert_eq!(param_repr(&Param::Real(f)), want, "{f}");
        }
        let blob = |b: &[u8]| Param::Blob(Rc::from(b));
        assert_eq!(param_repr(&blob(b"a'\\\x7f\xff")), r#"b"a'\\\x7f\xff""#);
    }

    #[test]
    fn sql_literals() {
        assert_eq!(sql_literal(&Param::Null), "NULL");
        assert_eq!(sql_literal(&Param::Int(-3)), "-3");
        assert_eq!(sql_literal(&Param::Real(2.0)), "2.0");
        assert_eq!(sql_literal(&t("it's")), "'it''s'");
        assert_eq!(
            sql_literal(&Param::Blob(Rc::from(&[0u8, 0xab][..]))),
            "X'00AB'"
        );
    }
}
