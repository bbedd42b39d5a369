//! How bound values are shown: as SQLAlchemy's echo logs them (Python tuple
//! reprs, with its truncation rules) and as SQL literals for `Mode::Inline`.
//!
//! Echo shows parameters after type processing, so booleans are already `1`
//! and `0` here. One deliberate difference: SQLAlchemy logs a blob as
//! `<memory at 0x…>`, which is not reproducible; we show Python's bytes repr
//! (`b'\x00\x01'`) instead.

use super::ast::Param;

/// SQLAlchemy truncates each value's repr beyond this many characters.
const MAX_CHARS: usize = 300;
/// … and a parameter tuple beyond this many values.
const MAX_PARAMS: usize = 100;
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
    let repr_rows = |rows: &[Vec<Param>]| -> String {
        rows.iter()
            .map(|r| params_repr(r))
            .collect::<Vec<_>>()
            .join(", ")
    };
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

fn trunc_repr(p: &Param) -> String {
    let rep = param_repr(p);
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
        Param::Real(f) => python_float_repr(*f),
        Param::Text(s) => python_str_repr(s),
        Param::Blob(b) => python_bytes_repr(b),
    }
}

/// The value as an SQL literal (`Mode::Inline`): `NULL`, `1`, `1.5`,
/// `'it''s'`, `X'0001'`.
pub fn sql_literal(p: &Param) -> String {
    match p {
        Param::Null => "NULL".to_owned(),
        Param::Int(i) => i.to_string(),
        Param::Real(f) if f.is_finite() => python_float_repr(*f),
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
    }
}

/// Python's `repr(float)`: shortest round-trip digits, scientific notation
/// below 1e-4 and from 1e16 on (`1e-05`, `1e+16`), `inf`, `nan`.
pub fn python_float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.to_owned();
    }
    // `{:e}` gives the shortest round-trip digits: `-1.5e-7`, `1e16`.
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci
        .split_once('e')
        .expect("LowerExp always has an exponent");
    let exp: i32 = exp.parse().expect("LowerExp exponent is an integer");
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if !(-4..16).contains(&exp) {
        let exp_sign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{mantissa}e{exp_sign}{:02}", exp.abs());
    }
    let n = digits.len() as i32;
    let body = if exp < 0 {
        format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
    } else if exp + 1 >= n {
        format!("{digits}{}.0", "0".repeat((exp + 1 - n) as usize))
    } else {
        let (int, frac) = digits.split_at((exp + 1) as usize);
        format!("{int}.{frac}")
    };
    format!("{sign}{body}")
}

/// Python's `repr(str)`: single quotes unless the text has `'` and no `"`.
pub fn python_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if is_python_printable(c) => out.push(c),
            c if (c as u32) <= 0xff => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

/// An approximation of Python's `str.isprintable` for one character:
/// control, format, separator (other than space) and unassigned-looking
/// code points are escaped.
fn is_python_printable(c: char) -> bool {
    let u = c as u32;
    !(c.is_control()
        || (0x80..=0xa0).contains(&u)
        || u == 0xad
        || (0x2000..=0x200f).contains(&u)
        || (0x2028..=0x202f).contains(&u)
        || (0x205f..=0x206f).contains(&u)
        || u == 0x3000
        || u == 0xfeff
        || (0xd800..=0xdfff).contains(&u)
        || (0xe000..=0xf8ff).contains(&u)
        || (0xfff9..=0xfffb).contains(&u))
}

/// Python's `repr(bytes)`: `b'ab\x00'`.
pub fn python_bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::from("b");
    out.push(quote as char);
    for &byte in b {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            q if q == quote => {
                out.push('\\');
                out.push(q as char);
            }
            0x20..=0x7e => out.push(byte as char),
            _ => out.push_str(&format!("\\x{byte:02x}")),
        }
    }
    out.push(quote as char);
    out
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

    #[test]
    fn python_float_repr_table() {
        for (f, s) in [
            (1.5, "1.5"),
            (2.0, "2.0"),
            (-0.0, "-0.0"),
            (0.1, "0.1"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1e16, "1e+16"),
            (1234567890123456.0, "1234567890123456.0"),
            (1.5e300, "1.5e+300"),
            (-2.5e-7, "-2.5e-07"),
            (100.0, "100.0"),
            (123.456, "123.456"),
            (f64::INFINITY, "inf"),
            (f64::NAN, "nan"),
        ] {
            assert_eq!(python_float_repr(f), s, "{f}");
        }
    }

    #[test]
    fn python_str_repr_table() {
        for (s, r) in [
            ("a", "'a'"),
            ("it's", "\"it's\""),
            ("both ' and \"", "'both \\' and \"'"),
            ("tab\there\n", "'tab\\there\\n'"),
            ("back\\slash", "'back\\\\slash'"),
            ("café ☕", "'café ☕'"),
            ("\u{7}", "'\\x07'"),
        ] {
            assert_eq!(python_str_repr(s), r, "{s}");
        }
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
