//! The injection property (LANGUAGE.md §8): no value ever becomes SQL text
//! in `Mode::Execute`, and identifiers of any spelling are quoted so they
//! cannot end a name early.

use super::build::*;
use crate::sql::ast::{FromItem, Insert, Select, SqlExpr, Update};
use crate::sql::compile::Mode;

const EVIL: &str = "x'); DROP TABLE user; --";

#[test]
fn values_never_reach_execute_text() {
    let s = Select {
        where_: vec![
            eq(col("user", "username"), text(EVIL)),
            in_list(
                col("user", "email"),
                vec![ptext(EVIL), ptext("\"a\"")],
                false,
            ),
            SqlExpr::Text {
                sql: rc("email = :e"),
                binds: vec![(rc("e"), ptext(EVIL))],
            },
        ],
        limit: Some(int(1)),
        ..user_query(true, vec![])
    };
    for mode in [Mode::Execute, Mode::Display] {
        let c = compile(&s, mode);
        assert!(!c.sql.contains("DROP"), "{mode:?}: {}", c.sql);
        assert!(!c.sql.contains('\''), "{mode:?}: {}", c.sql);
        assert!(c.params.contains(&ptext(EVIL)));
    }
    let c = compile(&s, Mode::Execute);
    assert_eq!(c.sql.matches('?').count(), c.params.len());

    let c = insert(&Insert {
        table: rc("user"),
        columns: vec![rc("username")],
        rows: vec![vec![ptext(EVIL)]],
        returning: vec![],
    });
    assert!(!c.sql.contains("DROP"));
    let c = update(&Update {
        prefixes: Vec::new(),
        table: rc("user"),
        set: vec![(rc("username"), text(EVIL))],
        where_: vec![],
        from: vec![],
    });
    assert!(!c.sql.contains("DROP"));
}

#[test]
fn inline_literals_are_escaped() {
    let s = user_ids(vec![eq(col("user", "username"), text(EVIL))]);
    assert_eq!(
        compile(&s, Mode::Inline).sql,
        "SELECT user.id \nFROM user \nWHERE user.username = 'x''); DROP TABLE user; --'"
    );
}

#[test]
fn hostile_identifiers_are_quoted() {
    let t = "we\"ird table";
    let s = Select {
        columns: vec![label(col(t, "a\"; DROP TABLE x; --"), "Lbl")],
        from: vec![FromItem::Table {
            name: rc(t),
            alias: Some(rc("my alias")),
        }],
        ..Select::default()
    };
    assert_eq!(
        compile(&s, Mode::Execute).sql,
        "SELECT \"we\"\"ird table\".\"a\"\"; DROP TABLE x; --\" AS \"Lbl\" \nFROM \"we\"\"ird table\" AS \"my alias\""
    );
    // Every `"` in the text is part of a quoted identifier: stripping the
    // doubled ones leaves balanced pairs.
    let sql = compile(&s, Mode::Execute).sql.replace("\"\"", "");
    assert_eq!(sql.matches('"').count() % 2, 0);
}
