//! SELECTs with joins, subqueries and EXISTS, as SQLAlchemy writes them.

use super::build::*;
use crate::sql::ast::{FromItem, Select, SqlExpr};

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
