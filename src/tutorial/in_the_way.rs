//! What in the session would make a lesson fail: the tables the lesson
//! makes (its models' and `db.Table`s', read from its text) that already
//! exist here holding rows (its INSERTs would meet UNIQUE constraints or
//! count rows it never added) or with other columns (`create_all()`
//! leaves a table that exists alone, so the lesson's INSERTs would name
//! columns it lacks), and the models defined now over those tables with
//! other columns (another lesson's `User`: `create_all()` would make its
//! table before the lesson defines its own).

use crate::engine::Engine;
use crate::persist::introspect::{describe, row_count, table_exists};
use crate::schema::model::Model;
use crate::schema::naming::table_name;
use crate::schema::registry::Registry;
use crate::tutorial::Lesson;

/// A table as the lesson makes it: the model's class (none for a
/// `db.Table`), the table's name, its columns' names, and the step
/// (0 for the first) that defines it.
#[derive(Debug, PartialEq)]
pub struct Layout {
    pub class: Option<String>,
    pub table: String,
    pub columns: Vec<String>,
    pub step: usize,
}

/// What stands in a lesson's way.
#[derive(Debug, PartialEq)]
pub enum Obstacle {
    /// A table the lesson makes already holds rows.
    Rows { table: String, rows: i64 },
    /// A table the lesson makes exists with other columns.
    Table {
        table: String,
        has: Vec<String>,
        /// The lesson's: its model's name (none for a `db.Table`), and
        /// its columns.
        class: Option<String>,
        wants: Vec<String>,
    },
    /// A model defined now maps a table the lesson makes (or is a class
    /// the lesson defined before the step it resumes at) with other
    /// columns.
    Model { name: String, table: String },
}

/// The tables the lesson makes, in the order it makes them: a model's
/// `__tablename__`, or the name Flask-SQLAlchemy gives its class, and
/// each `db.Table('name', …)`.
pub fn tables(lesson: &Lesson) -> Vec<String> {
    layouts(lesson).into_iter().map(|l| l.table).collect()
}

/// The tables the lesson makes, with their columns (the first definition
/// of each).
pub fn layouts(lesson: &Lesson) -> Vec<Layout> {
    let mut out: Vec<Layout> = Vec::new();
    for (step, s) in lesson.steps().iter().enumerate() {
        let text = &s.statement;
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
            let columns = text.lines().skip(1).filter_map(model_column).collect();
            out.push(Layout {
                class: Some(class.to_string()),
                table: quoted_after(text, "__tablename__").unwrap_or_else(|| table_name(class)),
                columns,
                step,
            });
        }
        let mut rest = text.as_str();
        while let Some(i) = rest.find("db.Table(") {
            rest = &rest[i + "db.Table(".len()..];
            let Some(table) = quoted_after(rest, "") else {
                continue;
            };
            let end = rest.find("db.Table(").unwrap_or(rest.len());
            let mut columns = Vec::new();
            let mut cols = &rest[..end];
            while let Some(j) = cols.find("db.Column(") {
                cols = &cols[j + "db.Column(".len()..];
                columns.extend(quoted_after(cols, ""));
            }
            out.push(Layout {
                class: None,
                table,
                columns,
                step,
            });
        }
    }
    let mut seen: Vec<String> = Vec::new();
    out.retain(|l| {
        let new = !seen.contains(&l.table);
        seen.push(l.table.clone());
        new
    });
    out
}

/// The column a model's line defines, by its name in the table: `name =
/// db.Column(…)` (or `db.Column('db_name', …)`), `name: Mapped[…] =
/// mapped_column(…)`.
fn model_column(line: &str) -> Option<String> {
    let line = line.trim();
    let (attr, value) = line.split_once('=')?;
    let attr = attr.split(':').next()?.trim();
    let value = value.trim();
    let args = value
        .strip_prefix("db.Column(")
        .or_else(|| value.strip_prefix("db.mapped_column("))
        .or_else(|| value.strip_prefix("mapped_column("))?;
    if attr.is_empty() || !attr.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let named = args.starts_with(['\'', '"']);
    Some(match named {
        true => quoted_after(args, "")?,
        false => attr.to_string(),
    })
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

/// The same columns, in any order.
fn same_columns(a: &[String], b: &[String]) -> bool {
    let mut a: Vec<&String> = a.iter().collect();
    let mut b: Vec<&String> = b.iter().collect();
    a.sort();
    b.sort();
    a == b
}

/// A model's columns by their names in the table.
fn model_columns(m: &Model) -> Vec<String> {
    m.columns.iter().map(|c| c.name.to_string()).collect()
}

/// What stands in the way of walking `lesson` from step `from` (0 for
/// the first) in this session: tables holding rows (from the first step
/// only: a lesson resumed has made its own rows), tables with other
/// columns, and models with other columns.
pub fn in_the_way(
    engine: &Engine,
    registry: &Registry,
    lesson: &Lesson,
    from: usize,
) -> Vec<Obstacle> {
    let layouts = layouts(lesson);
    let mut found = Vec::new();
    for l in &layouts {
        if !table_exists(engine, &l.table).unwrap_or(false) {
            continue;
        }
        let rows = row_count(engine, &l.table).unwrap_or(0);
        if from == 0 && rows > 0 {
            found.push(Obstacle::Rows {
                table: l.table.clone(),
                rows,
            });
            continue;
        }
        let has: Vec<String> = describe(engine, &l.table)
            .map(|t| t.columns.iter().map(|c| c.name.clone()).collect())
            .unwrap_or_default();
        if !has.is_empty() && !same_columns(&has, &l.columns) {
            found.push(Obstacle::Table {
                table: l.table.clone(),
                has,
                class: l.class.clone(),
                wants: l.columns.clone(),
            });
        }
    }
    for m in registry.models() {
        let by_table = layouts.iter().find(|l| *l.table == *m.table);
        // A class of a name the lesson defines must be the lesson's: one
        // defined before the step it resumes at is used as it is, and the
        // lesson's definition replaces a later one, leaving the
        // relationships to it meeting the lesson's class (roles-users'
        // `User`, on `users`, before quickstart's, on `user`).
        let by_name = layouts
            .iter()
            .find(|l| l.class.as_deref() == Some(&*m.name));
        let Some(l) = by_table.or(by_name) else {
            continue;
        };
        if *l.table != *m.table || !same_columns(&model_columns(m), &l.columns) {
            found.push(Obstacle::Model {
                name: m.name.to_string(),
                table: m.table.to_string(),
            });
        }
    }
    found
}

/// The tables `lesson`, resumed at step `from` (0 for the first), made
/// before it with a `db.create_all()` and that this database lacks (a
/// `.open` since it stopped: its later steps would meet `no such
/// table`). A `db.create_all()` a jump skipped (`skipped`) made nothing.
pub fn missing(engine: &Engine, lesson: &Lesson, from: usize, skipped: &[usize]) -> Vec<String> {
    let steps = lesson.steps();
    let Some(created) = steps
        .iter()
        .enumerate()
        .take(from)
        .filter(|(i, s)| !skipped.contains(i) && s.statement.contains("db.create_all()"))
        .map(|(i, _)| i)
        .next_back()
    else {
        return Vec::new();
    };
    layouts(lesson)
        .into_iter()
        .filter(|l| l.step < created && !table_exists(engine, &l.table).unwrap_or(false))
        .map(|l| l.table)
        .collect()
}

/// The models to set aside so that `lesson` can define its own: the
/// models in `found`, and (over and over) every model whose
/// relationships name one set aside — left alone, its relationship would
/// meet the lesson's class of that name, not the one it was written for.
pub fn set_aside(registry: &Registry, found: &[Obstacle]) -> Vec<String> {
    let mut names: Vec<String> = found
        .iter()
        .filter_map(|o| match o {
            Obstacle::Model { name, .. } => Some(name.clone()),
            _ => None,
        })
        .collect();
    loop {
        let more: Vec<String> = registry
            .models()
            .iter()
            .filter(|m| !names.iter().any(|n| **n == *m.name))
            .filter(|m| {
                m.rels
                    .iter()
                    .any(|(_, spec)| names.iter().any(|n| **n == *spec.target))
            })
            .map(|m| m.name.to_string())
            .collect();
        if more.is_empty() {
            return names;
        }
        names.extend(more);
    }
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

    #[test]
    fn the_columns_each_table_has() {
        let quick = layouts(find("quickstart").unwrap());
        assert_eq!(quick[0].columns, ["id", "username", "email"]);
        assert_eq!(quick[0].class.as_deref(), Some("User"));
        assert_eq!(quick[0].step, 0);
        assert_eq!(
            quick[1].columns,
            ["id", "title", "body", "pub_date", "category_id"]
        );
        let tags = layouts(find("many-to-many").unwrap());
        assert_eq!(tags[0].table, "tags");
        assert_eq!(tags[0].class, None);
        assert_eq!(tags[0].columns, ["tag_id", "page_id"]);
        assert_eq!(
            model_column("name = db.Column('full_name', db.String)").as_deref(),
            Some("full_name")
        );
        assert_eq!(
            model_column("id: Mapped[int] = mapped_column(primary_key=True)").as_deref(),
            Some("id")
        );
        assert_eq!(model_column("posts = db.relationship('Post')"), None);
        for l in crate::tutorial::LESSONS {
            for t in layouts(l) {
                assert!(!t.columns.is_empty(), "{} {}", l.name, t.table);
            }
        }
    }

    /// users-posts' first steps, then quickstart: its tables and models
    /// are in the way, each named; from a later step quickstart's own
    /// models must be in place.
    #[test]
    fn another_lessons_tables_and_models_are_in_the_way() {
        use crate::eval::Interp;
        use crate::orm::session::Session;
        let engine = Engine::open(None, false).expect("memory database");
        let mut me = Interp::new(Session::new(engine), Box::new(std::io::sink()));
        let quick = find("quickstart").unwrap();
        assert_eq!(in_the_way(&me.session.engine, &me.registry, quick, 0), []);
        let steps = find("users-posts").unwrap().steps();
        let src: String = steps[..3]
            .iter()
            .map(|s| s.statement.clone() + "\n")
            .collect();
        let stmts = crate::syntax::parse_chunk(&src).expect("parses");
        me.source = std::rc::Rc::from(src.as_str());
        me.run(&stmts).expect("runs");
        let found = in_the_way(&me.session.engine, &me.registry, quick, 0);
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(found.contains(&Obstacle::Table {
            table: "user".into(),
            has: s(&["id", "username"]),
            class: Some("User".into()),
            wants: s(&["id", "username", "email"]),
        }));
        assert!(found.contains(&Obstacle::Model {
            name: "Post".into(),
            table: "post".into(),
        }));
        assert_eq!(set_aside(&me.registry, &found), ["User", "Post"]);
        // Its own lesson, resumed, has nothing in its way.
        let own = find("users-posts").unwrap();
        assert_eq!(in_the_way(&me.session.engine, &me.registry, own, 3), []);
    }

    /// roles-users' `User` is on `users`, a table quickstart does not
    /// make, but quickstart's `User` replaces it: it is in the way, and
    /// `Role`, whose `users` would meet quickstart's `User`, is set aside
    /// with it (the tryout's NoForeignKeysError on every `User(...)`).
    #[test]
    fn a_class_the_lesson_redefines_on_another_table_is_in_the_way() {
        use crate::eval::Interp;
        use crate::orm::session::Session;
        let engine = Engine::open(None, false).expect("memory database");
        let mut me = Interp::new(Session::new(engine), Box::new(std::io::sink()));
        let steps = find("roles-users").unwrap().steps();
        let src: String = steps[..3]
            .iter()
            .map(|s| s.statement.clone() + "\n")
            .collect();
        let stmts = crate::syntax::parse_chunk(&src).expect("parses");
        me.source = std::rc::Rc::from(src.as_str());
        me.run(&stmts).expect("runs");
        let quick = find("quickstart").unwrap();
        for from in [0, 4] {
            let found = in_the_way(&me.session.engine, &me.registry, quick, from);
            assert_eq!(
                found,
                [Obstacle::Model {
                    name: "User".into(),
                    table: "users".into(),
                }],
                "from step {from}"
            );
            assert_eq!(set_aside(&me.registry, &found), ["User", "Role"]);
        }
        // Its own lesson, resumed, has nothing in its way.
        let own = find("roles-users").unwrap();
        assert_eq!(in_the_way(&me.session.engine, &me.registry, own, 3), []);
    }
}
