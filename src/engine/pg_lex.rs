//! PostgreSQL's lexical grammar, as far as finding the compiler's `?`
//! placeholders needs it (issue 19): a `?` counts only outside string
//! constants (`'…'` with `''`, `E'…'` with backslash escapes, `U&'…'`,
//! `B'…'`, `X'…'`), dollar-quoted strings (`$$…$$`, `$tag$…$tag$`),
//! quoted names (`"…"` with `""`), line comments (`--`) and block comments
//! (`/* … */`, which nest). PostgreSQL's own lexer (`scan.l`) reads them
//! so; a `?` inside any of them is data, never a parameter.

use crate::sql::ast::Param;

/// Is `c` a character that continues a name (`ident_cont` in `scan.l`:
/// letters, digits, `_`, `$`, anything past ASCII)?
fn ident_cont(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$' || !c.is_ascii()
}

/// Is `c` a character that starts a dollar-quote tag (`dolq_start`)?
fn tag_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || !c.is_ascii()
}

/// The length in bytes of the dollar-quote opener at the start of `s`
/// (`$$` or `$tag$`), if it is one.
fn dollar_opener(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('$')?;
    for (i, c) in rest.char_indices() {
        if c == '$' {
            return Some(i + 2);
        }
        if !(tag_start(c) || (i > 0 && c.is_ascii_digit())) {
            return None;
        }
    }
    None
}

/// Where the text that `sql[at..]` starts (a string, quoted name or
/// comment opened at `at`) ends, as a byte offset past its close (the end
/// of `sql` when it never closes); `None` when nothing is opened at `at`.
/// `prev` is the character before `at`, if any.
fn skip_quoted(sql: &str, at: usize, prev: Option<char>) -> Option<usize> {
    let rest = &sql[at..];
    let bytes = rest.as_bytes();
    let after_word = prev.is_some_and(ident_cont);
    let quoted = |open: usize, q: u8, backslash: bool| -> usize {
        let mut i = open;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' if backslash => i += 2,
                b if b == q && bytes.get(i + 1) == Some(&q) => i += 2,
                b if b == q => return at + i + 1,
                _ => i += 1,
            }
        }
        sql.len()
    };
    match bytes.first()? {
        b'\'' => Some(quoted(1, b'\'', false)),
        b'"' => Some(quoted(1, b'"', false)),
        b'e' | b'E' if !after_word && bytes.get(1) == Some(&b'\'') => Some(quoted(2, b'\'', true)),
        b'u' | b'U' if !after_word && rest.get(1..3) == Some("&'") => Some(quoted(3, b'\'', false)),
        b'u' | b'U' if !after_word && rest.get(1..3) == Some("&\"") => Some(quoted(3, b'"', false)),
        b'-' if rest.starts_with("--") => Some(rest.find('\n').map_or(sql.len(), |n| at + n + 1)),
        b'/' if rest.starts_with("/*") => {
            let mut depth = 0usize;
            let mut i = 0;
            while i < bytes.len() {
                if rest[i..].starts_with("/*") {
                    depth += 1;
                    i += 2;
                } else if rest[i..].starts_with("*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        return Some(at + i);
                    }
                } else {
                    i += 1;
                }
            }
            Some(sql.len())
        }
        b'$' if !after_word => {
            let open = dollar_opener(rest)?;
            let tag = &rest[..open];
            Some(
                rest[open..]
                    .find(tag)
                    .map_or(sql.len(), |n| at + open + n + tag.len()),
            )
        }
        _ => None,
    }
}

/// The compiled SQL's `?` placeholders as PostgreSQL's `$1…$n`, leaving
/// strings, dollar quotes, quoted names and comments alone; with the
/// indexes of those that stand as a CASE's result (right after `THEN` or
/// `ELSE`), whose types the engine declares.
pub fn numbered_placeholders(sql: &str) -> (String, Vec<usize>) {
    let mut case_results = Vec::new();
    let out = each_placeholder(sql, |n, out| {
        if after_case_keyword(out) {
            case_results.push(n - 1);
        }
        out.push('$');
        out.push_str(&n.to_string());
    });
    (out, case_results)
}

/// The compiled SQL with each `?` placeholder replaced by its value as a
/// literal, as psycopg2 interpolates parameters on the client: for a
/// statement of more values than PostgreSQL's protocol binds (65,535),
/// such as a long `in_()` list. Strings are standard string constants
/// (quotes doubled; backslashes are plain with `standard_conforming_strings`,
/// PostgreSQL's default), bytes `'\x…'::bytea`.
pub fn inline_placeholders(sql: &str, params: &[Param]) -> String {
    each_placeholder(sql, |n, out| {
        match params.get(n - 1).unwrap_or(&Param::Null) {
            Param::Null => out.push_str("NULL"),
            Param::Int(i) => out.push_str(&i.to_string()),
            Param::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Param::Unbindable(u) => out.push_str(&crate::sql::params::sql_literal(
                &Param::Unbindable(u.clone()),
            )),
            Param::Interval(us) => {
                out.push('\'');
                out.push_str(&super::pg_time::micros_input(*us));
                out.push_str("'::interval");
            }
            Param::Real(f) if f.is_finite() => out.push_str(&format!("{f:?}::float8")),
            Param::Real(f) if f.is_nan() => out.push_str("'NaN'::float8"),
            Param::Real(f) if *f > 0.0 => out.push_str("'Infinity'::float8"),
            Param::Real(_) => out.push_str("'-Infinity'::float8"),
            Param::Decimal(d) => {
                out.push('\'');
                out.push_str(&d.replace('\'', "''"));
                out.push_str("'::numeric");
            }
            Param::Text(t) => {
                out.push('\'');
                out.push_str(&t.replace('\'', "''"));
                out.push('\'');
            }
            Param::Blob(b) => {
                out.push_str("'\\x");
                for byte in b.iter() {
                    out.push_str(&format!("{byte:02x}"));
                }
                out.push_str("'::bytea");
            }
        }
    })
}

/// `sql` with each `?` outside strings, quoted names and comments
/// written by `put` (given its 1-based number).
pub(super) fn each_placeholder(sql: &str, mut put: impl FnMut(usize, &mut String)) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    let mut i = 0;
    let mut prev: Option<char> = None;
    while i < sql.len() {
        if let Some(end) = skip_quoted(sql, i, prev) {
            out.push_str(&sql[i..end]);
            prev = sql[..end].chars().next_back();
            i = end;
            continue;
        }
        let c = sql[i..].chars().next().unwrap_or(' ');
        if c == '?' {
            n += 1;
            put(n, &mut out);
        } else {
            out.push(c);
        }
        prev = Some(c);
        i += c.len_utf8();
    }
    out
}

/// Does `text` end with the keyword `THEN` or `ELSE` (and blanks)?
fn after_case_keyword(text: &str) -> bool {
    let head = text.trim_end();
    let word_start = head
        .rfind(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .map_or(0, |i| i + 1);
    head.len() < text.len()
        && matches!(
            head[word_start..].to_ascii_uppercase().as_str(),
            "THEN" | "ELSE"
        )
}

#[cfg(test)]
mod tests {
    use super::{inline_placeholders, numbered_placeholders};
    use crate::sql::ast::Param;

    #[test]
    fn placeholders_inlined_as_literals() {
        let params = [
            Param::Int(-3),
            Param::Text("it's \\ ?".into()),
            Param::Null,
            Param::Real(1.5),
            Param::Real(f64::NAN),
            Param::Decimal("12.50".into()),
            Param::Blob(vec![0, 255].into()),
        ];
        assert_eq!(
            inline_placeholders("f(?, ?, '?', ?, ?, ?, ?, ?)", &params),
            "f(-3, 'it''s \\ ?', '?', NULL, 1.5::float8, 'NaN'::float8, '12.50'::numeric, '\\x00ff'::bytea)"
        );
    }

    #[test]
    fn placeholders_numbered_outside_quotes_and_comments() {
        let cases = [
            ("SELECT ?", "SELECT $1"),
            ("a = ? AND b IN (?, ?)", "a = $1 AND b IN ($2, $3)"),
            (
                "SELECT '?', \"?\", ? -- ?\n, ?",
                "SELECT '?', \"?\", $1 -- ?\n, $2",
            ),
            ("/* ? */ ?", "/* ? */ $1"),
            ("'it''s' ?", "'it''s' $1"),
            // Block comments nest.
            ("/* a /* ? */ ? */ ?", "/* a /* ? */ ? */ $1"),
            // Dollar quotes, with and without a tag; a `$` in a name or a
            // `$1` is no opener.
            (
                "SELECT $$Why? Because.$$, ?",
                "SELECT $$Why? Because.$$, $1",
            ),
            ("$f$ a $$ ? $$ ? $f$ ?", "$f$ a $$ ? $$ ? $f$ $1"),
            ("$_x1$?$_x1$ ?", "$_x1$?$_x1$ $1"),
            ("a$b ? $1 ?", "a$b $1 $1 $2"),
            ("SELECT $é$?$é$, ?", "SELECT $é$?$é$, $1"),
            // E-strings take backslash escapes; a standard string does not.
            (r"E'esc\'?' ?", r"E'esc\'?' $1"),
            (r"e'a\\' ?", r"e'a\\' $1"),
            (r"'a\' ?", r"'a\' $1"),
            (r"name'x' ?", r"name'x' $1"),
            // U&, B, X strings and U& names.
            ("U&'?' U&\"?\" B'1' X'?' ?", "U&'?' U&\"?\" B'1' X'?' $1"),
            ("\"a\"\"?\" ?", "\"a\"\"?\" $1"),
            // Unclosed: the rest is the string's.
            ("'? ?", "'? ?"),
            ("$$ ?", "$$ ?"),
            ("/* /* */ ?", "/* /* */ ?"),
        ];
        for (sql, want) in cases {
            assert_eq!(numbered_placeholders(sql).0, want, "{sql}");
        }
    }
}
