//! LIKE … ESCAPE (the LIKE family with `escape=` / `autoescape=`),
//! against SQLAlchemy's text.

use super::build::*;
use crate::sql::ast::{BinaryOp, SqlExpr};
use crate::sql::compile::Mode;

#[test]
fn like_escape() {
    use BinaryOp::*;
    let name = || col("user", "username");
    let esc = |e: SqlExpr, c: &str| SqlExpr::Escape {
        like: Box::new(e),
        escape: rc(c),
    };
    check(vec![
        (
            "like_escape: like(escape='^'), not_like(escape='^')",
            user_ids(vec![
                esc(bin(Like, name(), text("a")), "^"),
                esc(bin(NotLike, name(), text("a")), "^"),
            ]),
            "SELECT user.id \nFROM user \nWHERE user.username LIKE ? ESCAPE '^' AND user.username NOT LIKE ? ESCAPE '^'",
        ),
        (
            "ilike_escape",
            user_ids(vec![
                esc(bin(ILike, name(), text("a")), "^"),
                esc(bin(NotILike, name(), text("a")), "^"),
            ]),
            "SELECT user.id \nFROM user \nWHERE lower(user.username) LIKE lower(?) ESCAPE '^' AND lower(user.username) NOT LIKE lower(?) ESCAPE '^'",
        ),
        (
            "startswith_auto",
            user_ids(vec![
                esc(bin(StartsWith, name(), text("a")), "/"),
                esc(bin(EndsWith, name(), text("a")), "/"),
                esc(bin(Contains, name(), text("a")), "/"),
            ]),
            "SELECT user.id \nFROM user \nWHERE (user.username LIKE ? || '%' ESCAPE '/') AND (user.username LIKE '%' || ? ESCAPE '/') AND (user.username LIKE '%' || ? || '%' ESCAPE '/')",
        ),
        (
            "not_contains_auto: ~contains(autoescape=True)",
            user_ids(vec![not(esc(bin(Contains, name(), text("a")), "/"))]),
            "SELECT user.id \nFROM user \nWHERE (user.username NOT LIKE '%' || ? || '%' ESCAPE '/')",
        ),
        (
            "not_like_escape: ~like(escape='^')",
            user_ids(vec![not(esc(bin(Like, name(), text("a")), "^"))]),
            "SELECT user.id \nFROM user \nWHERE user.username NOT LIKE ? ESCAPE '^'",
        ),
        (
            "quote_escape: like(escape=\"'\")",
            user_ids(vec![esc(bin(Like, name(), text("a")), "'")]),
            "SELECT user.id \nFROM user \nWHERE user.username LIKE ? ESCAPE ''''",
        ),
        (
            "or_escape",
            user_ids(vec![or(vec![
                esc(bin(Like, name(), text("a")), "^"),
                eq(col("user", "id"), int(1)),
            ])]),
            "SELECT user.id \nFROM user \nWHERE user.username LIKE ? ESCAPE '^' OR user.id = ?",
        ),
    ]);
    // The escape is text, never a parameter; the pattern stays bound.
    let s = user_ids(vec![esc(bin(Contains, name(), text("5/%")), "/")]);
    let c = compile(&s, Mode::Execute);
    assert_eq!(
        c.sql,
        "SELECT user.id \nFROM user \nWHERE (user.username LIKE '%' || ? || '%' ESCAPE '/')"
    );
    assert_eq!(c.params, vec![ptext("5/%")]);
}
