//! `func.NAME(col)` in a column list, against SQLAlchemy 2.x:
//! `str(select(getattr(func, NAME)(V.id)).compile(dialect=sqlite.dialect()))`
//! and, for `Generic`, `str(select(...))`. A name that is not made only of
//! `[A-Za-z0-9_$]` is quoted, so no function name can change the shape of
//! the statement; its label is the name with `% ( ) space $` runs made `_`.

use super::build::*;
use crate::sql::ast::SqlExpr;
use crate::sql::compile::Mode;
use crate::sql::func::canonical_name;

/// `select(func.NAME(v.id))` (the name as `func.NAME` resolves it).
fn one(name: &str, args: Vec<SqlExpr>) -> crate::sql::ast::Select {
    select(vec![func(&canonical_name(name), args)], vec![table("v")])
}

fn id() -> SqlExpr {
    col("v", "id")
}

#[test]
fn odd_function_names_are_quoted() {
    for (name, expected) in [
        (
            "abs(1) AS x, (SELECT group_concat(s) FROM v) AS leaked, abs",
            "SELECT \"abs(1) AS x, (SELECT group_concat(s) FROM v) AS leaked, abs\"(v.id) AS \"abs_1_AS_x,_SELECT_group_concat_s_FROM_v_AS_leaked,_abs_1\" \nFROM v",
        ),
        ("abs", "SELECT abs(v.id) AS abs_1 \nFROM v"),
        ("ABS", "SELECT ABS(v.id) AS \"ABS_1\" \nFROM v"),
        ("my func", "SELECT \"my func\"(v.id) AS my_func_1 \nFROM v"),
        ("a\"b", "SELECT \"a\"\"b\"(v.id) AS \"a\"\"b_1\" \nFROM v"),
        ("select", "SELECT select(v.id) AS select_1 \nFROM v"),
        ("x$y", "SELECT x$y(v.id) AS x_y_1 \nFROM v"),
        ("1abc", "SELECT 1abc(v.id) AS \"1abc_1\" \nFROM v"),
        ("é", "SELECT \"é\"(v.id) AS \"é_1\" \nFROM v"),
        ("a.b", "SELECT \"a.b\"(v.id) AS \"a.b_1\" \nFROM v"),
        ("a-b", "SELECT \"a-b\"(v.id) AS \"a-b_1\" \nFROM v"),
        ("a'b", "SELECT \"a'b\"(v.id) AS \"a'b_1\" \nFROM v"),
        ("", "SELECT \"\"(v.id) AS anon_1 \nFROM v"),
        ("Foo_Bar", "SELECT Foo_Bar(v.id) AS \"Foo_Bar_1\" \nFROM v"),
    ] {
        assert_eq!(
            compile(&one(name, vec![id()]), Mode::Display).sql,
            expected,
            "{name:?}"
        );
    }
}

#[test]
fn generic_functions() {
    let x = || col("v", "id");
    for (name, args, sqlite, generic) in [
        ("MAX", vec![x()], "max(v.id) AS max_1", "max(v.id) AS max_1"),
        (
            "Count",
            vec![x()],
            "count(v.id) AS count_1",
            "count(v.id) AS count_1",
        ),
        (
            "now",
            vec![],
            "CURRENT_TIMESTAMP AS now_1",
            "now() AS now_1",
        ),
        (
            "now",
            vec![x()],
            "CURRENT_TIMESTAMP AS now_1",
            "now(v.id) AS now_1",
        ),
        (
            "char_length",
            vec![x()],
            "length(v.id) AS char_length_1",
            "char_length(v.id) AS char_length_1",
        ),
        (
            "localtimestamp",
            vec![],
            "DATETIME(CURRENT_TIMESTAMP, 'localtime') AS localtimestamp_1",
            "LOCALTIMESTAMP AS localtimestamp_1",
        ),
        (
            "current_date",
            vec![],
            "CURRENT_DATE AS current_date_1",
            "CURRENT_DATE AS current_date_1",
        ),
        (
            "current_date",
            vec![x()],
            "CURRENT_DATE(v.id) AS current_date_1",
            "CURRENT_DATE(v.id) AS current_date_1",
        ),
        (
            "sysdate",
            vec![],
            "sysdate AS sysdate_1",
            "sysdate AS sysdate_1",
        ),
        ("USER", vec![], "USER AS user_1", "USER AS user_1"),
        (
            "random",
            vec![],
            "random() AS random_1",
            "random() AS random_1",
        ),
        (
            "coalesce",
            vec![],
            "coalesce() AS coalesce_1",
            "coalesce() AS coalesce_1",
        ),
        (
            "rollup",
            vec![x()],
            "ROLLUP(v.id) AS rollup_1",
            "ROLLUP(v.id) AS rollup_1",
        ),
        (
            "grouping_sets",
            vec![x()],
            "GROUPING SETS(v.id) AS grouping_sets_1",
            "GROUPING SETS(v.id) AS grouping_sets_1",
        ),
    ] {
        let s = one(name, args);
        assert_eq!(
            compile(&s, Mode::Display).sql,
            format!("SELECT {sqlite} \nFROM v"),
            "{name}"
        );
        assert_eq!(
            compile(&s, Mode::Generic).sql,
            format!("SELECT {generic} \nFROM v"),
            "{name} (generic)"
        );
    }
}

/// Each function's label counts on its own, in column order:
/// `count_1, max_1, …, max_2, count_2`.
#[test]
fn labels_count_per_name() {
    let s = select(
        vec![
            func("count", vec![id()]),
            func("max", vec![id()]),
            func("max", vec![id()]),
            func("count", vec![id()]),
        ],
        vec![table("v")],
    );
    assert_eq!(
        compile(&s, Mode::Display).sql,
        "SELECT count(v.id) AS count_1, max(v.id) AS max_1, max(v.id) AS max_2, count(v.id) AS count_2 \nFROM v"
    );
}
