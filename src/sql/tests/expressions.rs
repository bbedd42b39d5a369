//! WHERE-clause expressions in `Mode::Display`: every comparison, LIKE /
//! ILIKE / IN / BETWEEN / IS NULL, NOT and AND/OR nesting, arithmetic,
//! concatenation, CASE and CAST, LIKE … ESCAPE, with SQLAlchemy's
//! parenthesisation.

use super::build::*;
use crate::sql::ast::{BinaryOp, Param, Select, SqlExpr};
use crate::sql::compile::Mode;

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
                    symmetric: false,
                },
                not(SqlExpr::Between {
                    expr: Box::new(id()),
                    low: Box::new(int(7)),
                    high: Box::new(int(9)),
                    negated: false,
                    symmetric: false,
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
                symmetric: false,
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
                    value: None,
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
                        value: None,
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
                    value: None,
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
