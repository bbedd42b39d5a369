//! Generated columns read back from a table's CREATE statement: the
//! expression of `name TYPE GENERATED ALWAYS AS (expr) STORED` (SQLite
//! keeps it only there), and the declared type without the words
//! `GENERATED ALWAYS` that `PRAGMA table_xinfo` leaves in it — as
//! SQLAlchemy's SQLite dialect reflects a `Computed` (`_get_column_info`).

/// The declared type without `GENERATED` and `ALWAYS`
/// (`INTEGER GENERATED ALWAYS` → `INTEGER`).
pub fn strip_generated(decl: &str) -> String {
    decl.split_whitespace()
        .filter(|w| !w.eq_ignore_ascii_case("GENERATED") && !w.eq_ignore_ascii_case("ALWAYS"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The expression of the generated column `column` in `create_sql`: what
/// the parentheses after its `AS` hold. None when it cannot be found.
pub fn generated_expr(create_sql: &str, column: &str) -> Option<String> {
    let open = create_sql.find('(')?;
    let body = &create_sql[open + 1..];
    for def in split_top(body, ',') {
        let def = def.trim_start();
        let (name, rest) = first_name(def)?;
        if !name.eq_ignore_ascii_case(column) {
            continue;
        }
        return as_expr(rest);
    }
    None
}

/// `text` cut at `sep` outside parentheses and quotes (the column
/// definitions of a table body; the last piece runs to the body's end).
fn split_top(text: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None::<char>, 0);
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"' | '`' | '[') => quote = Some(if c == '[' { ']' } else { c }),
            (None, '(') => depth += 1,
            (None, ')') if depth == 0 => {
                out.push(&text[start..i]);
                return out;
            }
            (None, ')') => depth -= 1,
            (None, c) if c == sep && depth == 0 => {
                out.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

/// The column name a definition starts with (quoted or bare), and the rest.
fn first_name(def: &str) -> Option<(String, &str)> {
    let mut chars = def.char_indices();
    let (_, c) = chars.next()?;
    let close = match c {
        '"' => Some('"'),
        '`' => Some('`'),
        '[' => Some(']'),
        _ => None,
    };
    match close {
        Some(q) => {
            let end = def[1..].find(q)? + 1;
            Some((
                def[1..end].replace(&format!("{q}{q}"), &q.to_string()),
                &def[end + 1..],
            ))
        }
        None => {
            let end = def.find(char::is_whitespace).unwrap_or(def.len());
            Some((def[..end].to_string(), &def[end..]))
        }
    }
}

/// What the parentheses after the keyword `AS` hold, in a column's
/// definition after its name.
fn as_expr(rest: &str) -> Option<String> {
    let upper = rest.to_ascii_uppercase();
    let mut from = 0;
    while let Some(at) = upper[from..].find("AS") {
        let i = from + at;
        from = i + 2;
        let before_ok = i == 0 || !upper.as_bytes()[i - 1].is_ascii_alphanumeric();
        let after = rest[i + 2..].trim_start();
        if before_ok && after.starts_with('(') {
            let inner = &after[1..];
            let piece = split_top(inner, '\u{0}');
            return piece.first().map(|p| p.trim().to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions() {
        let sql = "CREATE TABLE t (a INT, \"b c\" INTEGER GENERATED ALWAYS AS (a * (a + 1)) STORED, d TEXT AS ('x' || ',' || a), e INT)";
        assert_eq!(generated_expr(sql, "b c").as_deref(), Some("a * (a + 1)"));
        assert_eq!(generated_expr(sql, "d").as_deref(), Some("'x' || ',' || a"));
        assert_eq!(generated_expr(sql, "e"), None);
        assert_eq!(strip_generated("INTEGER GENERATED ALWAYS"), "INTEGER");
    }
}
