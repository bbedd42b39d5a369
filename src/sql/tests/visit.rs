//! The expression toolkit (`sql::visit`): for a table of expressions, the
//! tables each names and its text once `user` is re-pointed at `user_1`;
//! the order a walk visits nodes; a bottom-up map replacing a bound value.
//! The texts are written by the compiler, as a WHERE clause.

use std::rc::Rc;

use super::build::*;
use crate::sql::ast::{BinaryOp, Param, Select, SqlExpr};

/// `e` as written in a WHERE clause.
fn sql(e: &SqlExpr) -> String {
    let mut s = select(vec![SqlExpr::Raw(rc("1"))], Vec::new());
    s.where_.push(e.clone());
    let s = display(&s);
    s.strip_prefix("SELECT 1 \nWHERE ").unwrap_or(&s).to_owned()
}

fn tables(e: &SqlExpr) -> Vec<String> {
    let mut out = Vec::new();
    e.tables_into(&mut out);
    out.iter().map(|t| t.to_string()).collect()
}

fn boxed(e: SqlExpr) -> Box<SqlExpr> {
    Box::new(e)
}

/// `SELECT post.user_id FROM post WHERE post.id = user.id`, as a subquery.
fn posts_of_user() -> Box<Select> {
    let mut s = select(vec![col("post", "user_id")], vec![table("post")]);
    s.where_.push(eq(col("post", "id"), col("user", "id")));
    Box::new(s)
}

#[test]
fn tables_and_retarget() {
    use BinaryOp::*;
    let cases: Vec<(SqlExpr, &[&str], &str)> = vec![
        (eq(col("user", "id"), int(1)), &["user"], "user_1.id = ?"),
        (
            eq(col("post", "user_id"), col("user", "id")),
            &["post", "user"],
            "post.user_id = user_1.id",
        ),
        (
            and(vec![
                or(vec![
                    gt(col("user", "id"), int(1)),
                    lt(col("post", "id"), int(2)),
                ]),
                not(eq(col("user", "name"), text("x"))),
            ]),
            &["user", "post"],
            "(user_1.id > ? OR post.id < ?) AND user_1.name != ?",
        ),
        (
            order(func("lower", vec![col("user", "name")]), true),
            &["user"],
            "lower(user_1.name) DESC",
        ),
        (
            SqlExpr::Between {
                expr: boxed(col("user", "id")),
                low: boxed(col("post", "id")),
                high: boxed(int(3)),
                negated: false,
                symmetric: false,
            },
            &["user", "post"],
            "user_1.id BETWEEN post.id AND ?",
        ),
        (
            SqlExpr::Case {
                value: None,
                whens: vec![(gt(col("user", "id"), int(1)), col("post", "title"))],
                else_: Some(boxed(col("user", "name"))),
            },
            &["user", "post"],
            "CASE WHEN (user_1.id > ?) THEN post.title ELSE user_1.name END",
        ),
        (
            label(
                SqlExpr::Cast {
                    expr: boxed(col("user", "id")),
                    type_sql: rc("VARCHAR"),
                },
                "uid",
            ),
            &["user"],
            // A label compiled on its own is its element (`str(label)`).
            "CAST(user_1.id AS VARCHAR)",
        ),
        (
            func("count", vec![SqlExpr::Distinct(boxed(col("user", "name")))]),
            &["user"],
            "count(DISTINCT user_1.name)",
        ),
        (
            SqlExpr::Escape {
                like: boxed(bin(Like, col("user", "name"), text("a/%"))),
                escape: rc("/"),
            },
            &["user"],
            "user_1.name LIKE ? ESCAPE '/'",
        ),
        (
            in_list(
                SqlExpr::Neg(boxed(col("user", "id"))),
                vec![Param::Int(1)],
                true,
            ),
            &["user"],
            "(-user_1.id NOT IN (__[POSTCOMPILE_param_1]))",
        ),
        // A subquery's tables are its own: neither collected nor re-pointed.
        (
            SqlExpr::InSelect {
                expr: boxed(col("user", "id")),
                select: posts_of_user(),
                negated: false,
            },
            &["user"],
            "user_1.id IN (SELECT post.user_id \nFROM post \nWHERE post.id = user.id)",
        ),
        (
            SqlExpr::Exists(posts_of_user()),
            &[],
            "EXISTS (SELECT post.user_id \nFROM post \nWHERE post.id = user.id)",
        ),
        (
            SqlExpr::Column {
                table: None,
                name: rc("user"),
            },
            &[],
            "user",
        ),
    ];
    let alias: Rc<str> = rc("user_1");
    for (e, want_tables, want_sql) in cases {
        assert_eq!(tables(&e), want_tables.to_vec(), "tables of {}", sql(&e));
        assert_eq!(sql(&e.clone().retarget("user", &alias)), want_sql);
    }
}

#[test]
fn walk_visits_parents_first_left_to_right() {
    let e = and(vec![
        eq(col("a", "x"), func("f", vec![col("b", "y"), col("c", "z")])),
        not(col("d", "w")),
    ]);
    let mut seen = Vec::new();
    e.walk(&mut |n| {
        seen.push(match n {
            SqlExpr::Column { name, .. } => name.to_string(),
            SqlExpr::And(_) => "and".into(),
            SqlExpr::Binary { .. } => "=".into(),
            SqlExpr::Func { name, .. } => name.to_string(),
            SqlExpr::Not(_) => "not".into(),
            _ => "?".into(),
        })
    });
    assert_eq!(seen, ["and", "=", "x", "f", "y", "z", "not", "w"]);
}

#[test]
fn map_replaces_a_bound_value_children_first() {
    // `user.id = :id_1 OR user.id = :id_2` with the value keyed `id` 2
    // replaced by 7, and each OR's items counted as the map reaches it.
    let e = or(vec![
        eq(col("user", "id"), int(1)),
        eq(col("user", "id"), int(2)),
    ]);
    let mut order = Vec::new();
    let out = e.map(&mut |n| match n {
        SqlExpr::Param {
            value: Param::Int(2),
            key,
        } => SqlExpr::Param {
            value: Param::Int(7),
            key,
        },
        SqlExpr::Or(items) => {
            order.push(items.len());
            SqlExpr::Or(items)
        }
        other => other,
    });
    assert_eq!(
        out,
        or(vec![
            eq(col("user", "id"), int(1)),
            eq(col("user", "id"), int(7)),
        ])
    );
    assert_eq!(order, [2]);
}

#[test]
fn constructors_build_what_the_compiler_writes() {
    let e = SqlExpr::eq(
        SqlExpr::col(&rc("user"), &rc("id")),
        SqlExpr::bound(Param::Int(1), &rc("id")),
    );
    assert_eq!(sql(&e), "user.id = ?");
    assert_eq!(e, eq(col("user", "id"), int(1)));
    assert_eq!(
        sql(&SqlExpr::binary(
            BinaryOp::Ne,
            col("user", "id"),
            col("post", "user_id")
        )),
        "user.id != post.user_id"
    );
}
