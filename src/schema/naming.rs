//! Flask-SQLAlchemy 3.x's automatic table names: the class name in snake case
//! (`CategoryTag` → `category_tag`, `HTTPResponse` → `http_response`,
//! `Post2Tag` → `post2_tag`).

/// Flask-SQLAlchemy's `camel_to_snake_case`: an underscore goes before an
/// upper-case letter that follows a lower-case letter or digit, and before an
/// upper-case letter (not the first) that is followed by a lower-case one.
pub fn table_name(class_name: &str) -> String {
    let chars: Vec<char> = class_name.chars().collect();
    let mut out = String::with_capacity(class_name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let after_lower = prev.is_ascii_lowercase() || prev.is_ascii_digit();
            let before_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if after_lower || before_lower {
                out.push('_');
            }
        }
        out.push(c);
    }
    out.to_lowercase().trim_start_matches('_').to_string()
}

#[cfg(test)]
mod tests {
    use super::table_name;

    #[test]
    fn flask_sqlalchemy_names() {
        for (class, table) in [
            ("User", "user"),
            ("CategoryTag", "category_tag"),
            ("HTTPResponse", "http_response"),
            ("Post2Tag", "post2_tag"),
            ("ABC", "abc"),
            ("already_snake", "already_snake"),
            ("_Private", "private"),
            ("UserV2", "user_v2"),
        ] {
            assert_eq!(table_name(class), table, "{class}");
        }
    }
}
