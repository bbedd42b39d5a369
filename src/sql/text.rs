//! `text('…')` SQL: finding its `:name` placeholders the way SQLAlchemy's
//! compiler does (`(?<![:\w\\]):(\w+)(?![:\w])`), so `a::int` and
//! `x:y` are left alone, and un-escaping `\:name` to a literal `:name`.
//! SQLAlchemy does not read SQL strings: a `:name` inside quotes is a
//! placeholder too.
//!
//! The compiler replaces each placeholder with `?` (or a literal in
//! `Mode::Inline`; `sql::compile::text` for a `text()` statement of its
//! own). A name that has no bound value is the caller's to reject before
//! compiling, with [`missing_bind`] (SQLAlchemy raises "A value is required
//! for bind parameter"); the compiler itself stays infallible and binds
//! `NULL` for such a name.

use std::rc::Rc;

/// One piece of a `text()` string.
#[derive(Clone, Debug, PartialEq)]
pub enum TextPart<'a> {
    /// SQL written as is (escapes already removed).
    Sql(std::borrow::Cow<'a, str>),
    /// A `:name` placeholder.
    Bind(&'a str),
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Splits `text()` SQL into literal SQL and `:name` placeholders.
pub fn split(sql: &str) -> Vec<TextPart<'_>> {
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut prev: Option<char> = None;
    let mut iter = sql.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        match c {
            ':' if !prev.is_some_and(|p| p == ':' || p == '\\' || is_word(p)) => {
                let rest = &sql[i + 1..];
                let end = rest.find(|c: char| !is_word(c)).unwrap_or(rest.len());
                let after = rest[end..].chars().next();
                if end > 0 && after != Some(':') {
                    if !lit.is_empty() {
                        parts.push(TextPart::Sql(std::mem::take(&mut lit).into()));
                    }
                    parts.push(TextPart::Bind(&rest[..end]));
                    for _ in 0..rest[..end].chars().count() {
                        iter.next();
                    }
                    prev = rest[..end].chars().last();
                    continue;
                }
                lit.push(c);
            }
            '\\' if sql[i + 1..].starts_with(':') => {
                // `\:word` not followed by `:` or a word character → `:word`.
                let rest = &sql[i + 2..];
                let end = rest.find(|c: char| !is_word(c)).unwrap_or(rest.len());
                let after = rest[end..].chars().next();
                if after != Some(':') {
                    iter.next(); // the ':'
                    lit.push(':');
                    lit.push_str(&rest[..end]);
                    for _ in 0..rest[..end].chars().count() {
                        iter.next();
                    }
                    prev = Some(rest[..end].chars().last().unwrap_or(':'));
                    continue;
                }
                lit.push(c);
            }
            _ => lit.push(c),
        }
        prev = Some(c);
    }
    if !lit.is_empty() {
        parts.push(TextPart::Sql(lit.into()));
    }
    parts
}

/// The `:name` placeholders of `text()` SQL, in order (repeats included).
pub fn bind_names(sql: &str) -> Vec<Rc<str>> {
    split(sql)
        .into_iter()
        .filter_map(|p| match p {
            TextPart::Bind(name) => Some(Rc::from(name)),
            TextPart::Sql(_) => None,
        })
        .collect()
}

/// The first `:name` placeholder of `sql` that `binds` has no value for:
/// SQLAlchemy fails the statement with `StatementError: A value is
/// required for bind parameter 'name'`.
pub fn missing_bind<'a, V>(sql: &'a str, binds: &[(Rc<str>, V)]) -> Option<&'a str> {
    split(sql).into_iter().find_map(|p| match p {
        TextPart::Bind(name) if !binds.iter().any(|(k, _)| &**k == name) => Some(name),
        _ => None,
    })
}

/// Where the parameter `name` (`?`, `?2`, `:x`, `@x`, `$x`, as SQLite
/// names it) first appears in `sql` as a parameter — not inside a string
/// literal, a quoted name or a comment: its byte offset, to mark the spot.
pub fn find_placeholder(sql: &str, name: &str) -> Option<usize> {
    let bytes = sql.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    let mut i = 0;
    while i < bytes.len() {
        let rest = &sql[i..];
        // Skip what cannot hold a parameter.
        let skip = match bytes[i] {
            q @ (b'\'' | b'"' | b'`') => {
                let mut j = i + 1;
                while j < bytes.len() {
                    if bytes[j] == q {
                        if bytes.get(j + 1) == Some(&q) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j += 1;
                }
                Some(j + 1)
            }
            b'[' => Some(rest.find(']').map_or(bytes.len(), |n| i + n + 1)),
            b'-' if rest.starts_with("--") => {
                Some(rest.find('\n').map_or(bytes.len(), |n| i + n + 1))
            }
            b'/' if rest.starts_with("/*") => {
                Some(rest[2..].find("*/").map_or(bytes.len(), |n| i + 2 + n + 2))
            }
            _ => None,
        };
        if let Some(next) = skip {
            i = next;
            continue;
        }
        if rest.starts_with(name) && (i == 0 || !word(bytes[i - 1]) || bytes[i] == b'?') {
            let end = i + name.len();
            let more = bytes.get(end).is_some_and(|&b| {
                if name == "?" || name.starts_with('?') {
                    b.is_ascii_digit()
                } else {
                    word(b) || b == b'$' || b == b':'
                }
            });
            if !more {
                return Some(i);
            }
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(sql: &str) -> String {
        split(sql)
            .into_iter()
            .map(|p| match p {
                TextPart::Sql(s) => s.into_owned(),
                TextPart::Bind(_) => "?".to_owned(),
            })
            .collect()
    }

    /// Expected strings from SQLAlchemy: `str(text(...).compile(dialect=sqlite.dialect()))`.
    #[test]
    fn placeholders_as_sqlalchemy_finds_them() {
        assert_eq!(
            render(r"select a::int, :x, :x, '\:y', x:y, :y_2"),
            "select a::int, ?, ?, ':y', x:y, ?"
        );
        assert_eq!(render(r"select '\:x', :y"), "select ':x', ?");
        assert_eq!(
            render("SELECT * FROM user WHERE id = :id"),
            "SELECT * FROM user WHERE id = ?"
        );
        assert_eq!(
            bind_names("id > :x and username = :y or :x"),
            ["x", "y", "x"].map(Rc::from).to_vec()
        );
        assert_eq!(render("a := 1, :"), "a := 1, :");
        assert_eq!(render(":x:"), ":x:");
    }

    /// SQLAlchemy 2.0's rule, each row printed by
    /// `text(sql).compile(dialect=sqlite.dialect())` and its `positiontup`:
    /// a name inside quotes is still a placeholder (SQLAlchemy does not read
    /// SQL strings), `$` ends a name, a name followed by `:` is none, `\:`
    /// before such a name stays as written.
    #[test]
    fn placeholder_table() {
        for (sql, rendered, names) in [
            ("SELECT :x", "SELECT ?", &["x"][..]),
            ("SELECT ':x'", "SELECT '?'", &["x"]),
            ("SELECT \"a:x\"", "SELECT \"a:x\"", &[]),
            ("SELECT :a$b", "SELECT ?$b", &["a"]),
            ("SELECT :x:", "SELECT :x:", &[]),
            ("SELECT :xy:", "SELECT :xy:", &[]),
            (
                "SELECT a::int, \\:b, \\:c:",
                "SELECT a::int, :b, \\:c:",
                &[],
            ),
            ("SELECT :1x", "SELECT ?", &["1x"]),
            ("SELECT x:y, :é", "SELECT x:y, ?", &["é"]),
        ] {
            assert_eq!(render(sql), rendered, "{sql}");
            assert_eq!(
                bind_names(sql),
                names.iter().map(|n| Rc::from(*n)).collect::<Vec<Rc<str>>>(),
                "{sql}"
            );
        }
    }

    #[test]
    fn missing_binds_in_order() {
        let binds = [(Rc::from("x"), ())];
        for (sql, missing) in [
            ("SELECT :x", None),
            ("SELECT :x, :y, :z", Some("y")),
            ("SELECT \\:y, :x", None),
            ("SELECT a::y", None),
            ("SELECT ':y'", Some("y")),
        ] {
            assert_eq!(missing_bind(sql, &binds), missing, "{sql}");
        }
    }

    /// `str(text(...))` of SQLAlchemy (the default dialect's `:name`), and
    /// the statement SQLite runs, values in placeholder order.
    #[test]
    fn compiled_as_a_statement() {
        use crate::sql::ast::Param;
        use crate::sql::compile::{Mode, text};
        let sql = "SELECT :a$b, \\:c, a::int, :é, :x:";
        assert_eq!(
            text(sql, &[], Mode::Generic, &crate::sql::dialect::DEFAULT).sql,
            "SELECT :a$b, :c, a::int, :é, :x:"
        );
        let binds = [
            (Rc::from("y"), Param::Int(2)),
            (Rc::from("x"), Param::Int(1)),
        ];
        let c = text(
            "VALUES (:x, :y, :x, :z)",
            &binds,
            Mode::Execute,
            &crate::sql::dialect::SQLITE,
        );
        assert_eq!(c.sql, "VALUES (?, ?, ?, ?)");
        assert_eq!(
            c.params,
            [Param::Int(1), Param::Int(2), Param::Int(1), Param::Null]
        );
    }

    #[test]
    fn placeholders_are_found_outside_strings_and_comments() {
        for (sql, name, at) in [
            ("SELECT ?", "?", Some(7)),
            ("SELECT '?', \"?\", [?], `?` /* ? */, ? -- ?", "?", Some(35)),
            ("SELECT ?12, ?1", "?1", Some(12)),
            ("SELECT ?1", "?", None),
            ("SELECT $x, $xy", "$xy", Some(11)),
            ("SELECT @ab, @a", "@a", Some(12)),
            ("SELECT 'it''s :x', :x", ":x", Some(19)),
            ("SELECT 'é', ?", "?", Some(13)),
            ("-- only ?", "?", None),
        ] {
            assert_eq!(find_placeholder(sql, name), at, "{sql} / {name}");
        }
    }
}
