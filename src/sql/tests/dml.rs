//! INSERT / UPDATE / DELETE as SQLAlchemy writes them for SQLite (Core
//! statements and the ORM flush's own, captured with a cursor event).

use super::build::*;
use crate::sql::ast::{BinaryOp, Delete, FromItem, Insert, Param, Update};
use crate::sql::compile::Mode;

fn user_insert(rows: Vec<Vec<Param>>, returning: &[&str]) -> Insert {
    Insert {
        table: rc("user"),
        columns: vec![rc("username"), rc("email")],
        rows,
        returning: returning.iter().map(|c| rc(c)).collect(),
    }
}

#[test]
fn inserts() {
    // insert / exec_insert_one
    let c = insert(&user_insert(vec![vec![ptext("d"), ptext("d")]], &[]));
    assert_eq!(c.sql, "INSERT INTO user (username, email) VALUES (?, ?)");
    assert_eq!(c.params, vec![ptext("d"), ptext("d")]);
    // insert_multi: insert(user).values([{…}, {…}])
    let c = insert(&user_insert(
        vec![vec![ptext("a"), ptext("b")], vec![ptext("c"), ptext("d")]],
        &[],
    ));
    assert_eq!(
        c.sql,
        "INSERT INTO user (username, email) VALUES (?, ?), (?, ?)"
    );
    assert_eq!(c.params, ["a", "b", "c", "d"].map(ptext).to_vec());
    // insert_returning / exec_insert_multi (the ORM flush on SQLite)
    let c = insert(&user_insert(vec![vec![ptext("c"), ptext("c")]], &["id"]));
    assert_eq!(
        c.sql,
        "INSERT INTO user (username, email) VALUES (?, ?) RETURNING id"
    );
    // insert_reserved
    let c = insert(&Insert {
        table: rc("order"),
        columns: vec![rc("group"), rc("UserName")],
        rows: vec![vec![ptext("g"), ptext("u")]],
        returning: vec![],
    });
    assert_eq!(
        c.sql,
        "INSERT INTO \"order\" (\"group\", \"UserName\") VALUES (?, ?)"
    );
}

#[test]
fn insert_default_values() {
    // SQLAlchemy: insert(t) with no values → `INSERT INTO t DEFAULT VALUES`
    let c = insert(&Insert {
        table: rc("tag"),
        columns: vec![],
        rows: vec![vec![]],
        returning: vec![rc("id")],
    });
    assert_eq!(c.sql, "INSERT INTO tag DEFAULT VALUES RETURNING id");
    assert!(c.params.is_empty());
}

#[test]
fn updates_and_deletes() {
    let id = || col("user", "id");
    // update / exec_update: SET params come before WHERE params
    let c = update(&Update {
        prefixes: Vec::new(),
        table: rc("user"),
        set: vec![(rc("username"), text("z"))],
        where_: vec![eq(id(), int(1))],
        from: vec![],
    });
    assert_eq!(c.sql, "UPDATE user SET username=? WHERE user.id = ?");
    assert_eq!(c.params, vec![ptext("z"), Param::Int(1)]);
    // update_expr: values(id=user.c.id + 1)
    let u = Update {
        prefixes: Vec::new(),
        table: rc("user"),
        set: vec![(rc("id"), bin(BinaryOp::Add, id(), int(1)))],
        where_: vec![eq(id(), int(1))],
        from: vec![],
    };
    assert_eq!(
        update(&u).sql,
        "UPDATE user SET id=(user.id + ?) WHERE user.id = ?"
    );
    assert_eq!(
        update_in(&u, Mode::Inline).sql,
        "UPDATE user SET id=(user.id + 1) WHERE user.id = 1"
    );
    // exec_bulk_update
    let c = update(&Update {
        prefixes: Vec::new(),
        table: rc("user"),
        set: vec![(rc("username"), text("q"))],
        where_: vec![gt(id(), int(100))],
        from: vec![],
    });
    assert_eq!(c.sql, "UPDATE user SET username=? WHERE user.id > ?");
    // UPDATE..FROM: the other tables the criteria name, an alias as its
    // FROM item (SQLAlchemy's `update_from_clause`)
    let c = update(&Update {
        prefixes: Vec::new(),
        table: rc("post"),
        set: vec![(rc("title"), text("z"))],
        where_: vec![
            eq(col("post", "user_id"), col("u", "id")),
            eq(col("tag", "id"), int(2)),
        ],
        from: vec![FromItem::Table {
            name: rc("user"),
            alias: Some(rc("u")),
        }],
    });
    assert_eq!(
        c.sql,
        "UPDATE post SET title=? FROM user AS u, tag WHERE post.user_id = u.id AND tag.id = ?"
    );
    // delete / exec_delete / delete_all
    let c = delete(&Delete {
        prefixes: Vec::new(),
        table: rc("user"),
        where_: vec![eq(id(), int(1))],
    });
    assert_eq!(c.sql, "DELETE FROM user WHERE user.id = ?");
    assert_eq!(c.params, vec![Param::Int(1)]);
    let c = delete(&Delete {
        prefixes: Vec::new(),
        table: rc("user"),
        where_: vec![],
    });
    assert_eq!(c.sql, "DELETE FROM user");
}
