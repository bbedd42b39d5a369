//! `Mode::Generic`: SQLAlchemy's `str()` of a statement bound to no engine
//! (the default dialect's `StrSQLCompiler`), as a 2.0 `select()` prints.
//! Expected strings are `str(stmt)` from SQLAlchemy 2.1 over Core tables
//! shaped like the builders' (`user`, `order`, `post`).

use super::build::*;
use crate::sql::ast::{BinaryOp, FromItem, Param, Select, SqlExpr};
use crate::sql::compile::Mode;

fn generic(s: &Select) -> String {
    compile(s, Mode::Generic).sql
}

/// `(sample name, statement, SQLAlchemy's text)`
fn check_generic(cases: Vec<(&str, Select, &str)>) {
    for (name, stmt, expected) in cases {
        assert_eq!(generic(&stmt), expected, "sample {name}");
    }
}

fn keyed(value: Param, key: &str) -> SqlExpr {
    SqlExpr::Param {
        value,
        key: Some(rc(key)),
    }
}

fn escaped(like: SqlExpr, escape: &str) -> SqlExpr {
    SqlExpr::Escape {
        like: Box::new(like),
        escape: rc(escape),
    }
}

#[test]
fn quoting_names_and_limits() {
    let limited = |limit: Option<i64>, offset: Option<i64>| Select {
        limit: limit.map(int),
        offset: offset.map(int),
        ..user_ids(vec![])
    };
    let mut ordered = user_query(false, vec![eq(col("user", "username"), text("x"))]);
    ordered.order_by = vec![col("user", "id")];
    ordered.limit = Some(int(3));
    let ord = |c: &str| col("order", c);
    check_generic(vec![
        (
            "select_2_0: select(User).where(User.username == 'admin')",
            user_query(false, vec![eq(col("user", "username"), text("admin"))]),
            "SELECT \"user\".id, \"user\".username, \"user\".email \nFROM \"user\" \nWHERE \"user\".username = :username_1",
        ),
        (
            "limit",
            limited(Some(5), None),
            "SELECT \"user\".id \nFROM \"user\"\n LIMIT :param_1",
        ),
        (
            "offset",
            limited(None, Some(5)),
            "SELECT \"user\".id \nFROM \"user\"\n LIMIT -1 OFFSET :param_1",
        ),
        (
            "limit_offset",
            limited(Some(5), Some(10)),
            "SELECT \"user\".id \nFROM \"user\"\n LIMIT :param_1 OFFSET :param_2",
        ),
        (
            "order_limit",
            ordered,
            "SELECT \"user\".id, \"user\".username, \"user\".email \nFROM \"user\" \nWHERE \"user\".username = :username_1 ORDER BY \"user\".id\n LIMIT :param_1",
        ),
        (
            "reserved: key is not reserved here; bind keys are sanitised",
            Select {
                where_: vec![
                    eq(ord("group"), text("x")),
                    eq(ord("key"), text("y")),
                    eq(ord("x y"), text("z")),
                    eq(ord("p%(c)"), text("w")),
                    eq(ord("UserName"), text("v")),
                ],
                ..select(
                    columns("order", &["id", "group", "UserName", "key", "x y", "p%(c)"]),
                    vec![table("order")],
                )
            },
            "SELECT \"order\".id, \"order\".\"group\", \"order\".\"UserName\", \"order\".key, \"order\".\"x y\", \"order\".\"p%(c)\" \nFROM \"order\" \nWHERE \"order\".\"group\" = :group_1 AND \"order\".key = :key_1 AND \"order\".\"x y\" = :x_y_1 AND \"order\".\"p%(c)\" = :p_c_1 AND \"order\".\"UserName\" = :UserName_1",
        ),
    ]);
}

#[test]
fn bind_names_share_counters() {
    use BinaryOp::*;
    let id = || col("user", "id");
    let name = || col("user", "username");
    let count_id = || func("count", vec![id()]);
    check_generic(vec![
        (
            "names: in_, ==, between, not_in, arithmetic, func",
            user_ids(vec![
                in_list(id(), vec![Param::Int(1), Param::Int(2)], false),
                eq(id(), int(5)),
                SqlExpr::Between {
                    expr: Box::new(id()),
                    low: Box::new(keyed(Param::Int(1), "id")),
                    high: Box::new(keyed(Param::Int(9), "id")),
                    negated: false,
                    symmetric: false,
                },
                in_list(name(), vec![ptext("a")], true),
                gt(bin(Add, id(), int(1)), int(2)),
                eq(func("lower", vec![name()]), text("a")),
            ]),
            "SELECT \"user\".id \nFROM \"user\" \nWHERE \"user\".id IN (__[POSTCOMPILE_id_1]) AND \"user\".id = :id_2 AND \"user\".id BETWEEN :id_3 AND :id_4 AND (\"user\".username NOT IN (__[POSTCOMPILE_username_1])) AND \"user\".id + :id_5 > :param_1 AND lower(\"user\".username) = :lower_1",
        ),
        (
            "labels_share: labels and binds count together",
            Select {
                where_: vec![eq(count_id(), int(1))],
                ..select(vec![id(), count_id(), count_id()], vec![table("user")])
            },
            "SELECT \"user\".id, count(\"user\".id) AS count_1, count(\"user\".id) AS count_2 \nFROM \"user\" \nWHERE count(\"user\".id) = :count_3",
        ),
        (
            "truediv: User.id / 2 > 1",
            user_ids(vec![gt(bin(TrueDivInt, id(), int(2)), int(1))]),
            "SELECT \"user\".id \nFROM \"user\" \nWHERE \"user\".id / CAST(:id_1 AS NUMERIC) > :param_1",
        ),
        (
            "text: where(text('id > :x and username = :y'))",
            user_ids(vec![SqlExpr::Text {
                sql: rc("id > :x and username = :y"),
                binds: vec![(rc("x"), Param::Int(1)), (rc("y"), ptext("a"))],
            }]),
            "SELECT \"user\".id \nFROM \"user\" \nWHERE id > :x and username = :y",
        ),
    ]);
}

#[test]
fn joins_subqueries_escapes() {
    use BinaryOp::*;
    let name = || col("user", "username");
    let count_post = || func("count", vec![col("post", "id")]);
    check_generic(vec![
        (
            "join_group",
            Select {
                group_by: vec![name()],
                having: vec![gt(count_post(), int(1))],
                order_by: vec![order(
                    SqlExpr::Column {
                        table: None,
                        name: rc("n"),
                    },
                    true,
                )],
                ..select(
                    vec![name(), label(count_post(), "n")],
                    vec![join(
                        table("user"),
                        table("post"),
                        eq(col("post", "category_id"), col("user", "id")),
                        false,
                    )],
                )
            },
            "SELECT \"user\".username, count(post.id) AS n \nFROM \"user\" JOIN post ON post.category_id = \"user\".id GROUP BY \"user\".username \nHAVING count(post.id) > :count_1 ORDER BY n DESC",
        ),
        (
            "subq: select(select(User).where(User.id == 1).subquery())",
            select(
                columns("anon_1", USER),
                vec![FromItem::Subquery {
                    select: Box::new(user_query(false, vec![eq(col("user", "id"), int(1))])),
                    alias: rc("anon_1"),
                }],
            ),
            "SELECT anon_1.id, anon_1.username, anon_1.email \nFROM (SELECT \"user\".id AS id, \"user\".username AS username, \"user\".email AS email \nFROM \"user\" \nWHERE \"user\".id = :id_1) AS anon_1",
        ),
        (
            "exists",
            user_ids(vec![SqlExpr::Exists(Box::new(Select {
                where_: vec![
                    eq(col("post", "category_id"), col("user", "id")),
                    eq(col("post", "id"), int(3)),
                ],
                ..select(vec![SqlExpr::Star], vec![table("post")])
            }))]),
            "SELECT \"user\".id \nFROM \"user\" \nWHERE EXISTS (SELECT * \nFROM post \nWHERE post.category_id = \"user\".id AND post.id = :id_1)",
        ),
        (
            "escape: contains(autoescape), ~startswith(escape='^'), like(escape=\"'\")",
            user_ids(vec![
                escaped(bin(Contains, name(), text("a")), "/"),
                not(escaped(bin(StartsWith, name(), text("b")), "^")),
                escaped(bin(Like, name(), text("c")), "'"),
            ]),
            "SELECT \"user\".id \nFROM \"user\" \nWHERE (\"user\".username LIKE '%' || :username_1 || '%' ESCAPE '/') AND (\"user\".username NOT LIKE :username_2 || '%' ESCAPE '^') AND \"user\".username LIKE :username_3 ESCAPE ''''",
        ),
    ]);
    // Values stay bound, in order.
    let s = user_ids(vec![
        eq(col("user", "username"), text("a")),
        escaped(bin(Like, name(), text("b%")), "/"),
    ]);
    assert_eq!(
        compile(&s, Mode::Generic).params,
        vec![ptext("a"), ptext("b%")]
    );
}
