//! What in the database would make a lesson fail from its first step: the
//! tables the lesson makes (its models' and `db.Table`s', read from its
//! text) that already exist here holding rows — a lesson's INSERTs would
//! then meet UNIQUE constraints or count rows it never added.

use crate::engine::Engine;
use crate::persist::introspect::{row_count, table_exists};
use crate::schema::naming::table_name;
use crate::tutorial::Lesson;

/// The tables the lesson makes, in the order it makes them: a model's
/// `__tablename__`, or the name Flask-SQLAlchemy gives its class, and
/// each `db.Table('name', …)`.
pub fn tables(lesson: &Lesson) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for step in lesson.steps() {
        let text = &step.statement;
        let first = text.lines().next().unwrap_or("").trim();
        let class = first
            .strip_prefix("model ")
            .and_then(|r| r.split('<').next())
            .or_else(|| {
                first
                    .strip_prefix("class ")
                    .filter(|r| r.contains("db.Model"))
                    .and_then(|r| r.split('(').next())
            })
            .map(str::trim);
        if let Some(class) = class {
            names.push(quoted_after(text, "__tablename__").unwrap_or_else(|| table_name(class)));
        }
        let mut rest = text.as_str();
        while let Some(i) = rest.find("db.Table(") {
            rest = &rest[i + "db.Table(".len()..];
            names.extend(quoted_after(rest, ""));
        }
    }
    let mut seen = Vec::new();
    names.retain(|n| {
        let new = !seen.contains(n);
        seen.push(n.clone());
        new
    });
    names
}

/// The first quoted string after `key` in `text` (`__tablename__ =
/// 'roles'` → `roles`).
fn quoted_after(text: &str, key: &str) -> Option<String> {
    let at = text.find(key)? + key.len();
    let rest = text[at..].trim_start_matches([' ', '=']);
    let quote = rest.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let body = &rest[1..];
    Some(body[..body.find(quote)?].to_string())
}

/// The lesson's tables that already hold rows in `engine`'s database,
/// with how many.
pub fn in_the_way(engine: &Engine, lesson: &Lesson) -> Vec<(String, i64)> {
    tables(lesson)
        .into_iter()
        .filter(|t| table_exists(engine, t).unwrap_or(false))
        .filter_map(|t| {
            let n = row_count(engine, &t).unwrap_or(0);
            (n > 0).then_some((t, n))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tutorial::find;

    #[test]
    fn the_tables_each_lesson_makes() {
        let t = |name: &str| tables(find(name).unwrap());
        assert_eq!(t("quickstart"), ["user", "post", "category"]);
        assert_eq!(t("roles-users"), ["roles", "users"]);
        assert!(t("many-to-many").contains(&"tags".to_string()));
        for l in crate::tutorial::LESSONS {
            assert!(!tables(l).is_empty(), "{}", l.name);
        }
    }
}
