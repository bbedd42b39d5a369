//! SELECT in `Mode::Display` (SQLAlchemy's `str()`), `Execute` and `Inline`.

use super::build::*;
use crate::sql::ast::{BinaryOp, FromItem, Param, Select, SqlExpr};
use crate::sql::compile::{Mode, select as compile};

fn display(s: &Select) -> String {
    compile(s, Mode::Display).sql
}

/// `(sample name, statement, SQLAlchemy's text)`
fn check(cases: Vec<(&str, Select, &str)>) {
    for (name, stmt, expected) in cases {
        assert_eq!(display(&stmt), expected, "sample {name}");
    }
}

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
fn comparisons() {
    use BinaryOp::*;
    let id = || col("user", "id");
    let name = || col("user", "username");
    let email = || col("user", "email");
    check(vec![
        (
            "cmp_all",
            user_ids(vec![
                bin(Eq, id(), int(1)),
                bin(Ne, id(), int(2)),
                bin(Lt, id(), int(3)),
                bin(Le, id(), int(4)),
                bin(Gt, id(), int(5)),
                bin(Ge, id(), int(6)),
            ]),
            "SELECT user.id \nFROM user \nWHERE user.id = ? AND user.id != ? AND user.id < ? AND user.id <= ? AND user.id > ? AND user.id >= ?",
        ),
        (
            "like: like('a%'), notlike('b%')",
            user_ids(vec![
                bin(Like, name(), text("a%")),
                bin(NotLike, name(), text("b%")),
            ]),
            "SELECT user.id \nFROM user \nWHERE user.username LIKE ? AND user.username NOT LIKE ?",
        ),
        (
            "ilike: ilike('a%'), notilike('b%')",
            user_ids(vec![
                bin(ILike, name(), text("a%")),
                bin(NotILike, name(), text("b%")),
            ]),
            "SELECT user.id \nFROM user \nWHERE lower(user.username) LIKE lower(?) AND lower(user.username) NOT LIKE lower(?)",
        ),
        (
            "startswith: startswith('a'), endswith('b'), contains('c')",
            user_ids(vec![
                bin(StartsWith, name(), text("a")),
                bin(EndsWith, name(), text("b")),
                bin(Contains, name(), text("c")),
            ]),
            "SELECT user.id \nFROM user \nWHERE (user.username LIKE ? || '%') AND (user.username LIKE '%' || ?) AND (user.username LIKE '%' || ? || '%')",
        ),
        (
            "startswith_alone",
            user_ids(vec![bin(StartsWith, name(), text("a"))]),
            "SELECT user.id \nFROM user \nWHERE (user.username LIKE ? || '%')",
        ),
        (
            "not_startswith: ~startswith('a')",
            user_ids(vec![not(bin(StartsWith, name(), text("a")))]),
            "SELECT user.id \nFROM user \nWHERE (user.username NOT LIKE ? || '%')",
        ),
        (
            "is_null: == None, != None, is_(None), is_not(None)",
            user_ids(vec![
                eq(email(), SqlExpr::Null),
                bin(Ne, email(), SqlExpr::Null),
                bin(Is, email(), SqlExpr::Null),
                bin(IsNot, email(), SqlExpr::Null),
            ]),
            "SELECT user.id \nFROM user \nWHERE user.email IS NULL AND user.email IS NOT NULL AND user.email IS NULL AND user.email IS NOT NULL",
        ),
        (
            "between: between(1, 5), ~between(7, 9)",
            user_ids(vec![
                SqlExpr::Between {
                    expr: Box::new(id()),
                    low: Box::new(int(1)),
                    high: Box::new(int(5)),
                    negated: false,
                },
                not(SqlExpr::Between {
                    expr: Box::new(id()),
                    low: Box::new(int(7)),
                    high: Box::new(int(9)),
                    negated: false,
                }),
            ]),
            "SELECT user.id \nFROM user \nWHERE user.id BETWEEN ? AND ? AND user.id NOT BETWEEN ? AND ?",
        ),
        (
            "between_expr: between(User.id + 1, 5)",
            user_ids(vec![SqlExpr::Between {
                expr: Box::new(id()),
                low: Box::new(bin(Add, id(), int(1))),
                high: Box::new(int(5)),
                negated: false,
            }]),
            "SELECT user.id \nFROM user \nWHERE user.id BETWEEN user.id + ? AND ?",
        ),
        (
            "neg_lt: ~ flips <, >, <=, >=, LIKE, IS NOT",
            user_ids(vec![
                not(bin(Lt, id(), int(1))),
                not(bin(Gt, id(), int(1))),
                not(bin(Le, id(), int(1))),
                not(bin(Ge, id(), int(1))),
                not(bin(Like, name(), text("x"))),
                not(bin(IsNot, name(), SqlExpr::Null)),
            ]),
            "SELECT user.id \nFROM user \nWHERE user.id >= ? AND user.id <= ? AND user.id > ? AND user.id < ? AND user.username NOT LIKE ? AND user.username IS NULL",
        ),
        (
            "not_eq / notnot: ~(a == b), ~~(a == b)",
            user_ids(vec![not(eq(id(), int(1))), not(not(eq(id(), int(1))))]),
            "SELECT user.id \nFROM user \nWHERE user.id != ? AND user.id = ?",
        ),
    ]);
}

#[test]
fn in_lists() {
    let id = || col("user", "id");
    let name = || col("user", "username");
    check(vec![
        (
            "in_display: in_([1, 2, 3]), not_in(['a', 'b'])",
            user_ids(vec![
                in_list(
                    id(),
                    vec![Param::Int(1), Param::Int(2), Param::Int(3)],
                    false,
                ),
                in_list(name(), vec![ptext("a"), ptext("b")], true),
            ]),
            "SELECT user.id \nFROM user \nWHERE user.id IN (__[POSTCOMPILE_id_1]) AND (user.username NOT IN (__[POSTCOMPILE_username_1]))",
        ),
        (
            "in_counter: id == 5, id.in_([1, 2]), id.in_([3])",
            user_ids(vec![
                eq(id(), int(5)),
                in_list(id(), vec![Param::Int(1), Param::Int(2)], false),
                in_list(id(), vec![Param::Int(3)], false),
            ]),
            "SELECT user.id \nFROM user \nWHERE user.id = ? AND user.id IN (__[POSTCOMPILE_id_2]) AND user.id IN (__[POSTCOMPILE_id_3])",
        ),
        (
            "not_in_neg: ~id.in_([1, 2])",
            user_ids(vec![not(in_list(
                id(),
                vec![Param::Int(1), Param::Int(2)],
                false,
            ))]),
            "SELECT user.id \nFROM user \nWHERE (user.id NOT IN (__[POSTCOMPILE_id_1]))",
        ),
        (
            "in_and_or",
            user_ids(vec![or(vec![
                in_list(id(), vec![Param::Int(1)], false),
                in_list(id(), vec![Param::Int(2)], true),
            ])]),
            "SELECT user.id \nFROM user \nWHERE user.id IN (__[POSTCOMPILE_id_1]) OR (user.id NOT IN (__[POSTCOMPILE_id_2]))",
        ),
        (
            "func_in: func.lower(User.username).in_(['a'])",
            user_ids(vec![in_list(
                func("lower", vec![name()]),
                vec![ptext("a")],
                false,
            )]),
            "SELECT user.id \nFROM user \nWHERE lower(user.username) IN (__[POSTCOMPILE_lower_1])",
        ),
        (
            "subquery: id.in_(select(Post.category_id).where(Post.id > 1))",
            user_ids(vec![SqlExpr::InSelect {
                expr: Box::new(id()),
                select: Box::new(Select {
                    columns: vec![col("post", "category_id")],
                    from: vec![table("post")],
                    where_: vec![gt(col("post", "id"), int(1))],
                    ..Select::default()
                }),
                negated: false,
            }]),
            "SELECT user.id \nFROM user \nWHERE user.id IN (SELECT post.category_id \nFROM post \nWHERE post.id > ?)",
        ),
        (
            "notin_sub: id.not_in(select(User.id))",
            user_ids(vec![SqlExpr::InSelect {
                expr: Box::new(id()),
                select: Box::new(user_ids(vec![])),
                negated: true,
            }]),
            "SELECT user.id \nFROM user \nWHERE (user.id NOT IN (SELECT user.id \nFROM user))",
        ),
        (
            "in_sub_func: id.in_(select(func.max(User.id)))",
            user_ids(vec![SqlExpr::InSelect {
                expr: Box::new(id()),
                select: Box::new(select(vec![func("max", vec![id()])], vec![table("user")])),
                negated: false,
            }]),
            "SELECT user.id \nFROM user \nWHERE user.id IN (SELECT max(user.id) AS max_1 \nFROM user)",
        ),
    ]);
}

#[test]
fn in_lists_when_executed() {
    let q = |values: Vec<Param>, negated: bool| {
        user_query(true, vec![in_list(col("user", "id"), values, negated)])
    };
    let c = compile(
        &q(vec![Param::Int(1), Param::Int(2), Param::Int(3)], false),
        Mode::Execute,
    );
    // exec_in
    assert_eq!(
        c.sql,
        "SELECT user.id AS user_id, user.username AS user_username, user.email AS user_email \nFROM user \nWHERE user.id IN (?, ?, ?)"
    );
    assert_eq!(c.params, vec![Param::Int(1), Param::Int(2), Param::Int(3)]);
    // exec_in_empty, exec_notin_empty: no params
    let c = compile(&q(vec![], false), Mode::Execute);
    assert_eq!(
        c.sql,
        "SELECT user.id AS user_id, user.username AS user_username, user.email AS user_email \nFROM user \nWHERE user.id IN (SELECT 1 FROM (SELECT 1) WHERE 1!=1)"
    );
    assert!(c.params.is_empty());
    let c = compile(&q(vec![], true), Mode::Execute);
    assert_eq!(
        c.sql,
        "SELECT user.id AS user_id, user.username AS user_username, user.email AS user_email \nFROM user \nWHERE (user.id NOT IN (SELECT 1 FROM (SELECT 1) WHERE 1!=1))"
    );
    // display_in_empty: str() does not show the list at all
    assert_eq!(
        display(&q(vec![], false)),
        "SELECT user.id AS user_id, user.username AS user_username, user.email AS user_email \nFROM user \nWHERE user.id IN (__[POSTCOMPILE_id_1])"
    );
}

#[test]
fn boolean_nesting() {
    let id = || col("user", "id");
    let name = || col("user", "username");
    let email = || col("user", "email");
    let is = |e: SqlExpr, i| eq(e, int(i));
    check(vec![
        (
            "and_or_not: or_(and_(id == 1, username == 'a'), not_(email == 'b'))",
            user_ids(vec![or(vec![
                and(vec![is(id(), 1), eq(name(), text("a"))]),
                not(eq(email(), text("b"))),
            ])]),
            "SELECT user.id \nFROM user \nWHERE user.id = ? AND user.username = ? OR user.email != ?",
        ),
        (
            "or_inside_and: and_(or_(id == 1, id == 2), username == 'a')",
            user_ids(vec![and(vec![
                or(vec![is(id(), 1), is(id(), 2)]),
                eq(name(), text("a")),
            ])]),
            "SELECT user.id \nFROM user \nWHERE (user.id = ? OR user.id = ?) AND user.username = ?",
        ),
        (
            "or_then_and: .where(or_(…), id == 3)",
            user_ids(vec![or(vec![is(id(), 1), is(id(), 2)]), is(id(), 3)]),
            "SELECT user.id \nFROM user \nWHERE (user.id = ? OR user.id = ?) AND user.id = ?",
        ),
        (
            "top_or: a lone OR is not parenthesised",
            user_ids(vec![or(vec![is(id(), 1), is(id(), 2)])]),
            "SELECT user.id \nFROM user \nWHERE user.id = ? OR user.id = ?",
        ),
        (
            "and_nested: and_(a, and_(b, c)) flattens",
            user_ids(vec![and(vec![
                is(id(), 1),
                and(vec![is(id(), 2), is(id(), 3)]),
            ])]),
            "SELECT user.id \nFROM user \nWHERE user.id = ? AND user.id = ? AND user.id = ?",
        ),
        (
            "not_and: not_(and_(…))",
            user_ids(vec![not(and(vec![is(id(), 1), eq(name(), text("a"))]))]),
            "SELECT user.id \nFROM user \nWHERE NOT (user.id = ? AND user.username = ?)",
        ),
        (
            "not_or: ~or_(…)",
            user_ids(vec![not(or(vec![is(id(), 1), eq(name(), text("a"))]))]),
            "SELECT user.id \nFROM user \nWHERE NOT (user.id = ? OR user.username = ?)",
        ),
        (
            "not_or_and",
            user_ids(vec![not(or(vec![
                is(id(), 1),
                and(vec![is(id(), 2), is(id(), 3)]),
            ]))]),
            "SELECT user.id \nFROM user \nWHERE NOT (user.id = ? OR user.id = ? AND user.id = ?)",
        ),
        (
            "not_not_or",
            user_ids(vec![not(not(or(vec![is(id(), 1), is(id(), 2)])))]),
            "SELECT user.id \nFROM user \nWHERE NOT (NOT (user.id = ? OR user.id = ?))",
        ),
        (
            "not_func: not_(func.f(User.id))",
            user_ids(vec![not(func("f", vec![id()]))]),
            "SELECT user.id \nFROM user \nWHERE NOT f(user.id)",
        ),
        (
            "not_exists: ~exists().where(User.id == 1)",
            user_ids(vec![not(SqlExpr::Exists(Box::new(Select {
                columns: vec![SqlExpr::Star],
                from: vec![table("user")],
                where_: vec![is(id(), 1)],
                ..Select::default()
            })))]),
            "SELECT user.id \nFROM user \nWHERE NOT (EXISTS (SELECT * \nFROM user \nWHERE user.id = ?))",
        ),
    ]);
}

#[test]
fn arithmetic_concat_case_cast() {
    use BinaryOp::*;
    let id = || col("user", "id");
    let name = || col("user", "username");
    check(vec![
        (
            "arith",
            select(
                vec![
                    bin(Add, id(), int(1)),
                    bin(Sub, id(), int(1)),
                    bin(Mul, id(), int(2)),
                    bin(TrueDivInt, id(), int(2)),
                    bin(Mod, id(), int(2)),
                    SqlExpr::Neg(Box::new(id())),
                ],
                vec![table("user")],
            ),
            "SELECT user.id + ? AS anon_1, user.id - ? AS anon_2, user.id * ? AS anon_3, user.id / (? + 0.0) AS anon_4, user.id % ? AS anon_5, -user.id \nFROM user",
        ),
        (
            "arith_nest: (id + 1) * 2, id - (id - 1)",
            select(
                vec![
                    bin(Mul, bin(Add, id(), int(1)), int(2)),
                    bin(Sub, id(), bin(Sub, id(), int(1))),
                ],
                vec![table("user")],
            ),
            "SELECT (user.id + ?) * ? AS anon_1, user.id - (user.id - ?) AS anon_2 \nFROM user",
        ),
        (
            "cmp_arith: id + 1 > id * 2",
            user_ids(vec![gt(bin(Add, id(), int(1)), bin(Mul, id(), int(2)))]),
            "SELECT user.id \nFROM user \nWHERE user.id + ? > user.id * ?",
        ),
        (
            "neg_expr: -(id + 1) < 0",
            user_ids(vec![lt(
                SqlExpr::Neg(Box::new(bin(Add, id(), int(1)))),
                int(0),
            )]),
            "SELECT user.id \nFROM user \nWHERE -(user.id + ?) < ?",
        ),
        (
            "floordiv: id // 2 > 1",
            user_ids(vec![gt(bin(Div, id(), int(2)), int(1))]),
            "SELECT user.id \nFROM user \nWHERE user.id / ? > ?",
        ),
        (
            "concat: username + '@' + email",
            select(
                vec![bin(
                    Concat,
                    bin(Concat, name(), text("@")),
                    col("user", "email"),
                )],
                vec![table("user")],
            ),
            "SELECT user.username || ? || user.email AS anon_1 \nFROM user",
        ),
        (
            "concat_cmp: username + 'x' == 'ax'",
            user_ids(vec![eq(bin(Concat, name(), text("x")), text("ax"))]),
            "SELECT user.id \nFROM user \nWHERE (user.username || ?) = ?",
        ),
        (
            "concat_nest: username + (username + 'x') == 'y'",
            user_ids(vec![eq(
                bin(Concat, name(), bin(Concat, name(), text("x"))),
                text("y"),
            )]),
            "SELECT user.id \nFROM user \nWHERE (user.username || user.username || ?) = ?",
        ),
        (
            "case: case((id > 1, 'big'), else_='small')",
            select(
                vec![SqlExpr::Case {
                    whens: vec![(gt(id(), int(1)), text("big"))],
                    else_: Some(Box::new(text("small"))),
                }],
                vec![table("user")],
            ),
            "SELECT CASE WHEN (user.id > ?) THEN ? ELSE ? END AS anon_1 \nFROM user",
        ),
        (
            "case2: labelled, two whens",
            select(
                vec![label(
                    SqlExpr::Case {
                        whens: vec![
                            (gt(id(), int(1)), text("big")),
                            (gt(id(), int(0)), text("pos")),
                        ],
                        else_: None,
                    },
                    "k",
                )],
                vec![table("user")],
            ),
            "SELECT CASE WHEN (user.id > ?) THEN ? WHEN (user.id > ?) THEN ? END AS k \nFROM user",
        ),
        (
            "case_in_where",
            user_ids(vec![eq(
                SqlExpr::Case {
                    whens: vec![(gt(id(), int(1)), int(1))],
                    else_: Some(Box::new(int(0))),
                },
                int(1),
            )]),
            "SELECT user.id \nFROM user \nWHERE CASE WHEN (user.id > ?) THEN ? ELSE ? END = ?",
        ),
        (
            "cast: cast(User.id, String)",
            select(
                vec![SqlExpr::Cast {
                    expr: Box::new(id()),
                    type_sql: rc("VARCHAR"),
                }],
                vec![table("user")],
            ),
            "SELECT CAST(user.id AS VARCHAR) AS id \nFROM user",
        ),
        (
            "func_lower",
            select(vec![func("lower", vec![name()])], vec![table("user")])
                .with_where(eq(func("lower", vec![name()]), text("a"))),
            "SELECT lower(user.username) AS lower_1 \nFROM user \nWHERE lower(user.username) = ?",
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
                    whens: vec![(gt(id(), int(1)), text("a"))],
                    else_: None,
                },
            ],
            vec![table("user")],
        ),
        "SELECT -user.id, user.id AS x, ? AS anon_1, 1, 2, count(*) AS count_1, count(user.id) AS count_2, count(user.id) AS count_3, max(user.id) AS max_1, CAST(user.id + ? AS VARCHAR) AS anon_2, CASE WHEN (user.id > ?) THEN ? END AS anon_3 \nFROM user",
    )]);
}

trait WithWhere {
    fn with_where(self, e: SqlExpr) -> Self;
}

impl WithWhere for Select {
    fn with_where(mut self, e: SqlExpr) -> Self {
        self.where_.push(e);
        self
    }
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
fn joins_subqueries_exists() {
    let post_cols = || columns("post", &["id", "title", "body", "category_id"]);
    let post_cat = || eq(col("category", "id"), col("post", "category_id"));
    let subq = Select {
        columns: vec![
            col("post", "category_id"),
            label(func("count", vec![col("post", "id")]), "cnt"),
        ],
        from: vec![table("post")],
        group_by: vec![col("post", "category_id")],
        ..Select::default()
    };
    check(vec![
        (
            "join: select(Post).join(Category).where(Category.name == 'x')",
            Select {
                where_: vec![eq(col("category", "name"), text("x"))],
                ..select(
                    post_cols(),
                    vec![join(table("post"), table("category"), post_cat(), false)],
                )
            },
            "SELECT post.id, post.title, post.body, post.category_id \nFROM post JOIN category ON category.id = post.category_id \nWHERE category.name = ?",
        ),
        (
            "legacy_outerjoin: session.query(Category).outerjoin(Category.posts)",
            select(
                legacy_columns("category", &["id", "name"]),
                vec![join(
                    table("category"),
                    table("post"),
                    eq(col("category", "id"), col("post", "category_id")),
                    true,
                )],
            ),
            "SELECT category.id AS category_id, category.name AS category_name \nFROM category LEFT OUTER JOIN post ON category.id = post.category_id",
        ),
        (
            "join_alias: join(aliased(Category), Post.category_id == ca.id)",
            Select {
                where_: vec![eq(col("category_1", "name"), text("x"))],
                ..select(
                    vec![col("post", "id")],
                    vec![join(
                        table("post"),
                        aliased("category", "category_1"),
                        eq(col("post", "category_id"), col("category_1", "id")),
                        false,
                    )],
                )
            },
            "SELECT post.id \nFROM post JOIN category AS category_1 ON post.category_id = category_1.id \nWHERE category_1.name = ?",
        ),
        (
            "legacy_alias: session.query(aliased(Category)).filter(ca.id == 1)",
            Select {
                where_: vec![eq(col("category_1", "id"), int(1))],
                ..select(
                    legacy_columns("category_1", &["id", "name"]),
                    vec![aliased("category", "category_1")],
                )
            },
            "SELECT category_1.id AS category_1_id, category_1.name AS category_1_name \nFROM category AS category_1 \nWHERE category_1.id = ?",
        ),
        (
            "from_subquery",
            select(
                vec![col("category", "name"), col("anon_1", "cnt")],
                vec![join(
                    table("category"),
                    FromItem::Subquery {
                        select: Box::new(subq),
                        alias: rc("anon_1"),
                    },
                    eq(col("category", "id"), col("anon_1", "category_id")),
                    false,
                )],
            ),
            "SELECT category.name, anon_1.cnt \nFROM category JOIN (SELECT post.category_id AS category_id, count(post.id) AS cnt \nFROM post GROUP BY post.category_id) AS anon_1 ON category.id = anon_1.category_id",
        ),
        (
            "subq_select: select(User).where(User.id == 1).subquery().select()",
            select(
                columns("anon_1", USER),
                vec![FromItem::Subquery {
                    select: Box::new(user_query(false, vec![eq(col("user", "id"), int(1))])),
                    alias: rc("anon_1"),
                }],
            ),
            "SELECT anon_1.id, anon_1.username, anon_1.email \nFROM (SELECT user.id AS id, user.username AS username, user.email AS email \nFROM user \nWHERE user.id = ?) AS anon_1",
        ),
        (
            "scalar_subq",
            select(
                vec![
                    col("category", "name"),
                    label(
                        SqlExpr::Subquery(Box::new(Select {
                            where_: vec![eq(col("post", "category_id"), col("category", "id"))],
                            ..select(
                                vec![func("count", vec![col("post", "id")])],
                                vec![table("post")],
                            )
                        })),
                        "n",
                    ),
                ],
                vec![table("category")],
            ),
            "SELECT category.name, (SELECT count(post.id) AS count_1 \nFROM post \nWHERE post.category_id = category.id) AS n \nFROM category",
        ),
        (
            "exists: where(exists().where(Post.category_id == User.id))",
            user_ids(vec![SqlExpr::Exists(Box::new(Select {
                where_: vec![eq(col("post", "category_id"), col("user", "id"))],
                ..select(vec![SqlExpr::Star], vec![table("post")])
            }))]),
            "SELECT user.id \nFROM user \nWHERE EXISTS (SELECT * \nFROM post \nWHERE post.category_id = user.id)",
        ),
        (
            "exists_legacy: session.query(User.query.filter(User.id == 1).exists())",
            select(
                vec![SqlExpr::Exists(Box::new(Select {
                    where_: vec![eq(col("user", "id"), int(1))],
                    ..select(vec![SqlExpr::Raw(rc("1"))], vec![table("user")])
                }))],
                vec![],
            ),
            "SELECT EXISTS (SELECT 1 \nFROM user \nWHERE user.id = ?) AS anon_1",
        ),
        (
            "any: Category.posts.any(Post.title == 'x')",
            Select {
                where_: vec![SqlExpr::Exists(Box::new(Select {
                    where_: vec![and(vec![post_cat(), eq(col("post", "title"), text("x"))])],
                    ..select(vec![SqlExpr::Raw(rc("1"))], vec![table("post")])
                }))],
                ..select(vec![col("category", "id")], vec![table("category")])
            },
            "SELECT category.id \nFROM category \nWHERE EXISTS (SELECT 1 \nFROM post \nWHERE category.id = post.category_id AND post.title = ?)",
        ),
        (
            "cmp_sub: User.id == select(func.max(User.id)).scalar_subquery()",
            user_ids(vec![eq(
                col("user", "id"),
                SqlExpr::Subquery(Box::new(select(
                    vec![func("max", vec![col("user", "id")])],
                    vec![table("user")],
                ))),
            )]),
            "SELECT user.id \nFROM user \nWHERE user.id = (SELECT max(user.id) AS max_1 \nFROM user)",
        ),
    ]);
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
