//! SELECT statements as a whole in `Mode::Display` (SQLAlchemy's `str()`),
//! `Execute` and `Inline`: the legacy Query, 2.0 `select()`, labels, ORDER
//! BY / LIMIT / OFFSET, GROUP BY / HAVING, text() (joins, subqueries and
//! EXISTS in `select_joins`).

use super::build::*;
use crate::sql::ast::{BinaryOp, FromItem, Param, Select, SqlExpr};
use crate::sql::compile::Mode;

#[test]
fn legacy_query_and_select_2_0() {
    check(vec![
        (
            "legacy_filter_by: User.query.filter_by(username='admin')",
            user_query(true, vec![eq(col("user", "username"), text("admin"))]),
            "SELECT user.id AS user_id, user.username AS user_username, user.email AS user_email \nFROM user \nWHERE user.username = ?",
        ),
        (
            "legacy_all: User.query",
            user_query(true, vec![]),
            "SELECT user.id AS user_id, user.username AS user_username, user.email AS user_email \nFROM user",
        ),
        (
            "select_2_0: select(User).where(User.username == 'admin')",
            user_query(false, vec![eq(col("user", "username"), text("admin"))]),
            "SELECT user.id, user.username, user.email \nFROM user \nWHERE user.username = ?",
        ),
        (
            "select_reserved: session.query(Order).filter(Order.group == 'x')",
            Select {
                columns: legacy_columns("order", &["id", "group", "UserName"]),
                from: vec![table("order")],
                where_: vec![eq(col("order", "group"), text("x"))],
                ..Select::default()
            },
            "SELECT \"order\".id AS order_id, \"order\".\"group\" AS order_group, \"order\".\"UserName\" AS \"order_UserName\" \nFROM \"order\" \nWHERE \"order\".\"group\" = ?",
        ),
    ]);
}

#[test]
fn automatic_labels() {
    use BinaryOp::*;
    let id = || col("user", "id");
    check(vec![(
        "auto_labels",
        select(
            vec![
                SqlExpr::Neg(Box::new(id())),
                label(id(), "x"),
                int(1),
                SqlExpr::Raw(rc("1")),
                SqlExpr::Text {
                    sql: rc("2"),
                    binds: vec![],
                },
                func("count", vec![SqlExpr::Star]),
                func("count", vec![id()]),
                func("count", vec![id()]),
                func("max", vec![id()]),
                SqlExpr::Cast {
                    expr: Box::new(bin(Add, id(), int(1))),
                    type_sql: rc("VARCHAR"),
                },
                SqlExpr::Case {
                    value: None,
                    whens: vec![(gt(id(), int(1)), text("a"))],
                    else_: None,
                },
            ],
            vec![table("user")],
        ),
        "SELECT -user.id, user.id AS x, ? AS anon_1, 1, 2, count(*) AS count_1, count(user.id) AS count_2, count(user.id) AS count_3, max(user.id) AS max_1, CAST(user.id + ? AS VARCHAR) AS anon_2, CASE WHEN (user.id > ?) THEN ? END AS anon_3 \nFROM user",
    )]);
}

#[test]
fn order_limit_offset() {
    let mut ordered = user_ids(vec![]);
    ordered.order_by = vec![
        order(col("user", "username"), true),
        order(col("user", "id"), false),
        col("user", "email"),
    ];
    let limited = |limit: Option<i64>, offset: Option<i64>| Select {
        limit: limit.map(int),
        offset: offset.map(int),
        ..user_ids(vec![])
    };
    let mut legacy = user_query(true, vec![gt(col("user", "id"), int(1))]);
    legacy.order_by = vec![order(col("user", "id"), true)];
    legacy.limit = Some(int(2));
    legacy.offset = Some(int(3));
    check(vec![
        (
            "order: order_by(username.desc(), asc(id), email)",
            ordered,
            "SELECT user.id \nFROM user ORDER BY user.username DESC, user.id ASC, user.email",
        ),
        (
            "limit",
            limited(Some(5), None),
            "SELECT user.id \nFROM user\n LIMIT ? OFFSET ?",
        ),
        (
            "offset",
            limited(None, Some(5)),
            "SELECT user.id \nFROM user\n LIMIT ? OFFSET ?",
        ),
        (
            "limit_offset",
            limited(Some(5), Some(10)),
            "SELECT user.id \nFROM user\n LIMIT ? OFFSET ?",
        ),
        (
            "legacy_order_limit_offset",
            legacy,
            "SELECT user.id AS user_id, user.username AS user_username, user.email AS user_email \nFROM user \nWHERE user.id > ? ORDER BY user.id DESC\n LIMIT ? OFFSET ?",
        ),
    ]);
    // exec_limit: (2, 0); exec_offset: (-1, 2)
    let c = compile(&limited(Some(2), None), Mode::Execute);
    assert_eq!(c.params, vec![Param::Int(2), Param::Int(0)]);
    let c = compile(&limited(None, Some(2)), Mode::Execute);
    assert_eq!(c.params, vec![Param::Int(-1), Param::Int(2)]);
    let c = compile(&limited(Some(5), Some(10)), Mode::Execute);
    assert_eq!(c.params, vec![Param::Int(5), Param::Int(10)]);
    // limit_literal (SQLAlchemy writes `LIMIT ? OFFSET 3` for an offset
    // alone with literal_binds; Inline writes the -1 too).
    assert_eq!(
        compile(&limited(Some(5), None), Mode::Inline).sql,
        "SELECT user.id \nFROM user\n LIMIT 5 OFFSET 0"
    );
    assert_eq!(
        compile(&limited(None, Some(3)), Mode::Inline).sql,
        "SELECT user.id \nFROM user\n LIMIT -1 OFFSET 3"
    );
}

#[test]
fn distinct_group_by_having() {
    let name = || col("user", "username");
    let count_id = || func("count", vec![col("user", "id")]);
    let mut legacy = user_query(true, vec![]);
    legacy.distinct = true;
    legacy.group_by = vec![name()];
    legacy.having = vec![gt(count_id(), int(1))];
    legacy.order_by = vec![col("user", "id")];
    check(vec![
        (
            "distinct: select(User.username).distinct()",
            Select {
                distinct: true,
                ..select(vec![name()], vec![table("user")])
            },
            "SELECT DISTINCT user.username \nFROM user",
        ),
        (
            "group_having",
            Select {
                group_by: vec![name()],
                having: vec![gt(count_id(), int(1))],
                ..select(vec![name(), count_id()], vec![table("user")])
            },
            "SELECT user.username, count(user.id) AS count_1 \nFROM user GROUP BY user.username \nHAVING count(user.id) > ?",
        ),
        (
            "group_having_label: order_by(desc('n'))",
            Select {
                group_by: vec![name()],
                having: vec![gt(count_id(), int(1))],
                order_by: vec![order(
                    SqlExpr::Column {
                        table: None,
                        name: rc("n"),
                    },
                    true,
                )],
                ..select(vec![name(), label(count_id(), "n")], vec![table("user")])
            },
            "SELECT user.username, count(user.id) AS n \nFROM user GROUP BY user.username \nHAVING count(user.id) > ? ORDER BY n DESC",
        ),
        (
            "legacy_group_having",
            legacy,
            "SELECT DISTINCT user.id AS user_id, user.username AS user_username, user.email AS user_email \nFROM user GROUP BY user.username \nHAVING count(user.id) > ? ORDER BY user.id",
        ),
        (
            "group_multi",
            Select {
                group_by: vec![name(), col("user", "id")],
                order_by: vec![name()],
                limit: Some(int(1)),
                ..select(vec![name()], vec![table("user")])
            },
            "SELECT user.username \nFROM user GROUP BY user.username, user.id ORDER BY user.username\n LIMIT ? OFFSET ?",
        ),
        (
            "distinct_count: func.count(distinct(User.username))",
            select(
                vec![func("count", vec![SqlExpr::Distinct(Box::new(name()))])],
                vec![table("user")],
            ),
            "SELECT count(DISTINCT user.username) AS count_1 \nFROM user",
        ),
        (
            "legacy_func: session.query(func.count(User.id))",
            select(vec![count_id()], vec![table("user")]),
            "SELECT count(user.id) AS count_1 \nFROM user",
        ),
        (
            "count_star: select(func.count()).select_from(User)",
            select(
                vec![func("count", vec![SqlExpr::Star])],
                vec![table("user")],
            ),
            "SELECT count(*) AS count_1 \nFROM user",
        ),
    ]);
}

#[test]
fn legacy_count_wraps_the_query() {
    // legacy_count_sql: User.query.filter(User.username == 'a').count()
    let inner = user_query(true, vec![eq(col("user", "username"), text("a"))]);
    let count = select(
        vec![label(func("count", vec![SqlExpr::Star]), "count_1")],
        vec![FromItem::Subquery {
            select: Box::new(inner),
            alias: rc("anon_1"),
        }],
    );
    let c = compile(&count, Mode::Execute);
    assert_eq!(
        c.sql,
        "SELECT count(*) AS count_1 \nFROM (SELECT user.id AS user_id, user.username AS user_username, user.email AS user_email \nFROM user \nWHERE user.username = ?) AS anon_1"
    );
    assert_eq!(c.params, vec![ptext("a")]);
}

#[test]
fn text_clauses() {
    let where_text = SqlExpr::Text {
        sql: rc("id > :x and username = :y"),
        binds: vec![(rc("x"), Param::Int(1)), (rc("y"), ptext("a"))],
    };
    let s = user_ids(vec![where_text]);
    // text: select(User.id).where(text("id > :x and username = :y")).params(x=1, y="a")
    assert_eq!(
        display(&s),
        "SELECT user.id \nFROM user \nWHERE id > ? and username = ?"
    );
    assert_eq!(
        compile(&s, Mode::Execute).params,
        vec![Param::Int(1), ptext("a")]
    );
    assert_eq!(
        compile(&s, Mode::Inline).sql,
        "SELECT user.id \nFROM user \nWHERE id > 1 and username = 'a'"
    );
}

#[test]
fn inline_literals() {
    // legacy_literal_reserved: literal_binds of Order.group == "it's", Order.id == None
    let s = Select {
        where_: vec![
            eq(col("order", "group"), text("it's")),
            eq(col("order", "id"), SqlExpr::Null),
        ],
        ..select(
            columns("order", &["id", "group", "UserName"]),
            vec![table("order")],
        )
    };
    assert_eq!(
        compile(&s, Mode::Inline).sql,
        "SELECT \"order\".id, \"order\".\"group\", \"order\".\"UserName\" \nFROM \"order\" \nWHERE \"order\".\"group\" = 'it''s' AND \"order\".id IS NULL"
    );
    // in_literal
    let s = user_ids(vec![
        in_list(
            col("user", "id"),
            vec![Param::Int(1), Param::Int(2), Param::Int(3)],
            false,
        ),
        in_list(col("user", "username"), vec![ptext("a"), ptext("b")], true),
    ]);
    let c = compile(&s, Mode::Inline);
    assert_eq!(
        c.sql,
        "SELECT user.id \nFROM user \nWHERE user.id IN (1, 2, 3) AND (user.username NOT IN ('a', 'b'))"
    );
    assert!(c.params.is_empty());
    // literal_values: select(literal(1.5), literal("it's"), literal(None), literal(7))
    let s = select(
        vec![
            val(Param::Real(1.5)),
            text("it's"),
            val(Param::Null),
            int(7),
        ],
        vec![],
    );
    assert_eq!(
        compile(&s, Mode::Inline).sql,
        "SELECT 1.5 AS anon_1, 'it''s' AS anon_2, NULL AS anon_3, 7 AS anon_4"
    );
}

/// A label in ORDER BY and GROUP BY (reference: `golden
/// queries/order-by-label`): by name when the columns hold it, else its
/// expression; never `x AS name`.
#[test]
fn labels_in_order_by_and_group_by() {
    let ln = || label(func("lower", vec![col("user", "name")]), "ln");
    let mut s = select(
        vec![label(col("user", "id"), "user_id"), ln()],
        vec![table("user")],
    );
    s.order_by = vec![order(ln(), true)];
    assert_eq!(
        display(&s),
        "SELECT user.id AS user_id, lower(user.name) AS ln \nFROM user ORDER BY ln DESC"
    );
    s.order_by = vec![ln()];
    assert_eq!(
        display(&s),
        "SELECT user.id AS user_id, lower(user.name) AS ln \nFROM user ORDER BY ln"
    );
    let mut s = select(columns("user", &["id"]), vec![table("user")]);
    s.order_by = vec![order(ln(), true)];
    assert_eq!(
        display(&s),
        "SELECT user.id \nFROM user ORDER BY lower(user.name) DESC"
    );
    let mut s = select(
        vec![ln(), func("count", vec![col("user", "id")])],
        vec![table("user")],
    );
    s.group_by = vec![ln()];
    assert_eq!(
        display(&s),
        "SELECT lower(user.name) AS ln, count(user.id) AS count_1 \nFROM user GROUP BY lower(user.name)"
    );
}

/// SQLAlchemy 2's column names in a select (golden
/// `select20/select-duplicate-names`): another column of a taken name is
/// `id_1`, the same column again `id__1`, a label's name counts as taken.
#[test]
fn duplicate_column_names() {
    let s = select(
        vec![
            col("user", "id"),
            col("post", "id"),
            col("post", "id"),
            col("user", "name"),
        ],
        vec![table("user"), table("post")],
    );
    assert_eq!(
        compile(&s, Mode::Generic).sql,
        "SELECT \"user\".id, post.id AS id_1, post.id AS id__1, \"user\".name \nFROM \"user\", post"
    );
    let s = select(
        vec![label(col("user", "id"), "id"), col("post", "id")],
        vec![table("user"), table("post")],
    );
    assert_eq!(
        display(&s),
        "SELECT user.id AS id, post.id AS id_1 \nFROM user, post"
    );
}

/// `select(User.id).offset(10).fetch(5)` (and `with_ties=True`,
/// `percent=True`), compiled as SQLAlchemy 2.1 compiles it: the default
/// and SQLite dialects' `fetch_clause`, PostgreSQL's with each value in
/// parentheses (`str(stmt)`, and the echo on each engine).
#[test]
fn fetch_first() {
    use crate::sql::FetchFirst;
    use crate::sql::dialect::{DEFAULT, POSTGRESQL, SQLITE};
    let fetched = |offset: Option<i64>, f: FetchFirst| Select {
        limit: Some(int(5)),
        fetch: Some(f),
        offset: offset.map(int),
        ..user_ids(vec![])
    };
    let plain = FetchFirst::default();
    let sql = |s: &Select, d| crate::sql::compile::select(s, Mode::Execute, d).sql;
    assert_eq!(
        sql(&fetched(Some(10), plain), &SQLITE),
        "SELECT user.id \nFROM user\n OFFSET ? ROWS\n FETCH FIRST ? ROWS ONLY"
    );
    assert_eq!(
        crate::sql::compile::select(&fetched(None, plain), Mode::Generic, &DEFAULT).sql,
        "SELECT \"user\".id \nFROM \"user\"\n FETCH FIRST :param_1 ROWS ONLY"
    );
    assert_eq!(
        sql(&fetched(Some(10), plain), &POSTGRESQL),
        "SELECT \"user\".id \nFROM \"user\"\n OFFSET (%(param_1)s) ROWS\n FETCH FIRST (%(param_2)s) ROWS ONLY"
    );
    let ties = FetchFirst {
        with_ties: true,
        percent: false,
    };
    let percent = FetchFirst {
        with_ties: false,
        percent: true,
    };
    assert_eq!(
        sql(&fetched(None, ties), &POSTGRESQL),
        "SELECT \"user\".id \nFROM \"user\"\n FETCH FIRST (%(param_1)s) ROWS WITH TIES"
    );
    assert_eq!(
        sql(&fetched(None, percent), &SQLITE),
        "SELECT user.id \nFROM user\n FETCH FIRST ? PERCENT ROWS ONLY"
    );
    let c = crate::sql::compile::select(&fetched(Some(10), plain), Mode::Execute, &SQLITE);
    assert_eq!(c.params, vec![Param::Int(10), Param::Int(5)]);
}
