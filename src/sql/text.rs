//! `text('…')` SQL: finding its `:name` placeholders the way SQLAlchemy's
//! `TextClause` does (`(?<![:\w\\]):(\w+)(?![:\w])`), so `a::int` and
//! `x:y` are left alone, and un-escaping `\:name` to a literal `:name`.
//!
//! The compiler replaces each placeholder with `?` (or a literal in
//! `Mode::Inline`). A name that has no bound value is the ORM's to reject
//! before compiling, with [`bind_names`] (SQLAlchemy raises "A value is
//! required for bind parameter"); the compiler itself stays infallible and
//! binds `NULL` for such a name.

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
}
