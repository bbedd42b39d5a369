//! CREATE/DROP TABLE and INDEX, against SQLAlchemy's `CreateTable`,
//! `CreateIndex`, `DropTable`, `DropIndex` for SQLite.

use super::build::rc;
use crate::sql::ast::{ColumnDdl, CreateIndex, CreateTable, ForeignKeyDdl};

use crate::sql::ddl::{default_needs_parens, is_fk_action};
use crate::sql::dialect::SQLITE;

fn create_table(t: &CreateTable) -> String {
    crate::sql::ddl::create_table(t, &SQLITE)
}

fn create_index(i: &CreateIndex) -> String {
    crate::sql::ddl::create_index(i, &SQLITE)
}

fn drop_table(name: &str) -> String {
    crate::sql::ddl::drop_table(name, &SQLITE)
}

fn drop_index(name: &str) -> String {
    crate::sql::ddl::drop_index(name, &SQLITE)
}

fn column(name: &str, type_sql: &str, not_null: bool) -> ColumnDdl {
    ColumnDdl {
        name: rc(name),
        type_sql: rc(type_sql),
        not_null,
        default_sql: None,
        computed_sql: None,
        checks_sql: rc(""),
    }
}

fn with_default(mut c: ColumnDdl, default: &str) -> ColumnDdl {
    c.default_sql = Some(rc(default));
    c
}

fn fk(col: &str, table: &str, ondelete: Option<&str>, onupdate: Option<&str>) -> ForeignKeyDdl {
    ForeignKeyDdl {
        columns: vec![rc(col)],
        ref_table: rc(table),
        ref_columns: vec![rc("id")],
        ondelete: ondelete.map(rc),
        onupdate: onupdate.map(rc),
        name: None,
        defer: Default::default(),
    }
}

fn table(name: &str, columns: Vec<ColumnDdl>, pk: &[&str]) -> CreateTable {
    CreateTable {
        name: rc(name),
        columns,
        primary_key: pk.iter().map(|c| rc(c)).collect(),
        uniques: vec![],
        ..CreateTable::default()
    }
}

#[test]
fn quickstart_tables() {
    // ddl_user
    let mut user = table(
        "user",
        vec![
            column("id", "INTEGER", true),
            column("username", "VARCHAR(80)", true),
            column("email", "VARCHAR(120)", true),
        ],
        &["id"],
    );
    user.uniques = vec![vec![rc("username")], vec![rc("email")]];
    assert_eq!(
        create_table(&user),
        "\nCREATE TABLE user (\n\tid INTEGER NOT NULL, \n\tusername VARCHAR(80) NOT NULL, \n\temail VARCHAR(120) NOT NULL, \n\tPRIMARY KEY (id), \n\tUNIQUE (username), \n\tUNIQUE (email)\n)\n\n"
    );
    // ddl_post
    let mut post = table(
        "post",
        vec![
            column("id", "INTEGER", true),
            column("title", "VARCHAR(80)", true),
            column("body", "TEXT", true),
            column("category_id", "INTEGER", true),
        ],
        &["id"],
    );
    post.foreign_keys = vec![fk("category_id", "category", Some("CASCADE"), None)];
    assert_eq!(
        create_table(&post),
        "\nCREATE TABLE post (\n\tid INTEGER NOT NULL, \n\ttitle VARCHAR(80) NOT NULL, \n\tbody TEXT NOT NULL, \n\tcategory_id INTEGER NOT NULL, \n\tPRIMARY KEY (id), \n\tFOREIGN KEY(category_id) REFERENCES category (id) ON DELETE CASCADE\n)\n\n"
    );
    // ddl_order: reserved and mixed-case names
    let order = table(
        "order",
        vec![
            column("id", "INTEGER", true),
            column("group", "VARCHAR(10)", false),
            column("UserName", "VARCHAR(10)", false),
        ],
        &["id"],
    );
    assert_eq!(
        create_table(&order),
        "\nCREATE TABLE \"order\" (\n\tid INTEGER NOT NULL, \n\t\"group\" VARCHAR(10), \n\t\"UserName\" VARCHAR(10), \n\tPRIMARY KEY (id)\n)\n\n"
    );
}

/// Every column type of LANGUAGE.md §5 as SQLAlchemy renders it, and server
/// defaults (`server_default="0"` → `DEFAULT '0'`, `func.now()` →
/// `CURRENT_TIMESTAMP`, `text("1")` → `1`, placed before NOT NULL).
#[test]
fn all_types_and_server_defaults() {
    let t = table(
        "all_types",
        vec![
            column("id", "INTEGER", true),
            column("a", "BIGINT", false),
            column("b", "SMALLINT", false),
            column("c", "FLOAT", false),
            column("d", "NUMERIC(10, 2)", false),
            column("e", "VARCHAR(20)", false),
            column("f", "VARCHAR(30)", false),
            column("g", "VARCHAR", false),
            column("h", "TEXT", false),
            column("i", "TEXT", false),
            column("j", "BOOLEAN", false),
            column("k", "DATE", false),
            column("l", "DATETIME", false),
            column("m", "TIME", false),
            column("n", "BLOB", false),
            column("o", "JSON", false),
            column("p", "VARCHAR(3)", false),
            with_default(column("q", "INTEGER", false), "'0'"),
            with_default(column("r", "VARCHAR(5)", false), "'x'"),
            with_default(column("s", "DATETIME", false), "CURRENT_TIMESTAMP"),
            with_default(column("t", "BOOLEAN", true), "1"),
        ],
        &["id"],
    );
    // ddl_all_types
    assert_eq!(
        create_table(&t),
        "\nCREATE TABLE all_types (\n\tid INTEGER NOT NULL, \n\ta BIGINT, \n\tb SMALLINT, \n\tc FLOAT, \n\td NUMERIC(10, 2), \n\te VARCHAR(20), \n\tf VARCHAR(30), \n\tg VARCHAR, \n\th TEXT, \n\ti TEXT, \n\tj BOOLEAN, \n\tk DATE, \n\tl DATETIME, \n\tm TIME, \n\tn BLOB, \n\to JSON, \n\tp VARCHAR(3), \n\tq INTEGER DEFAULT '0', \n\tr VARCHAR(5) DEFAULT 'x', \n\ts DATETIME DEFAULT CURRENT_TIMESTAMP, \n\tt BOOLEAN DEFAULT 1 NOT NULL, \n\tPRIMARY KEY (id)\n)\n\n"
    );
}

#[test]
fn composite_keys_and_constraint_order() {
    // ddl_tags: the association table of the many-to-many example
    let mut tags = table(
        "tags",
        vec![
            column("tag_id", "INTEGER", true),
            column("page_id", "INTEGER", true),
        ],
        &["tag_id", "page_id"],
    );
    tags.foreign_keys = vec![
        fk("tag_id", "tag", None, None),
        fk("page_id", "page", None, None),
    ];
    assert_eq!(
        create_table(&tags),
        "\nCREATE TABLE tags (\n\ttag_id INTEGER NOT NULL, \n\tpage_id INTEGER NOT NULL, \n\tPRIMARY KEY (tag_id, page_id), \n\tFOREIGN KEY(tag_id) REFERENCES tag (id), \n\tFOREIGN KEY(page_id) REFERENCES page (id)\n)\n\n"
    );
    // ddl_interleave: UNIQUE and FK column by column, whatever order the
    // vectors come in; `unique=True, index=True` makes an index, not a UNIQUE.
    let mut m = table(
        "m",
        vec![
            column("id", "INTEGER", true),
            column("a", "INTEGER", false),
            column("b", "INTEGER", false),
            column("c", "INTEGER", false),
            column("d", "INTEGER", false),
            column("k2", "INTEGER", true),
        ],
        &["id", "k2"],
    );
    m.uniques = vec![vec![rc("b")], vec![rc("c")]];
    m.foreign_keys = vec![fk("a", "p", None, None), fk("c", "p", None, None)];
    assert_eq!(
        create_table(&m),
        "\nCREATE TABLE m (\n\tid INTEGER NOT NULL, \n\ta INTEGER, \n\tb INTEGER, \n\tc INTEGER, \n\td INTEGER, \n\tk2 INTEGER NOT NULL, \n\tPRIMARY KEY (id, k2), \n\tFOREIGN KEY(a) REFERENCES p (id), \n\tUNIQUE (b), \n\tUNIQUE (c), \n\tFOREIGN KEY(c) REFERENCES p (id)\n)\n\n"
    );
    // ddl_everything2: quoting everywhere, CHECK right after the PK,
    // ON DELETE before ON UPDATE.
    let mut e = table(
        "Order",
        vec![
            column("id", "INTEGER", true),
            column("UserName", "VARCHAR(10)", false),
            column("group", "INTEGER", false),
            column("x y", "INTEGER", true),
            column("we\"ird", "INTEGER", false),
        ],
        &["id"],
    );
    e.uniques = vec![vec![rc("UserName")]];
    e.foreign_keys = vec![
        fk("x y", "p", None, None),
        fk("group", "p", Some("SET NULL"), Some("CASCADE")),
    ];
    e.checks = vec![crate::sql::ast::CheckDdl {
        name: None,
        sql: rc("id > 0"),
        column: None,
    }];
    assert_eq!(
        create_table(&e),
        "\nCREATE TABLE \"Order\" (\n\tid INTEGER NOT NULL, \n\t\"UserName\" VARCHAR(10), \n\t\"group\" INTEGER, \n\t\"x y\" INTEGER NOT NULL, \n\t\"we\"\"ird\" INTEGER, \n\tPRIMARY KEY (id), \n\tCHECK (id > 0), \n\tUNIQUE (\"UserName\"), \n\tFOREIGN KEY(\"group\") REFERENCES p (id) ON DELETE SET NULL ON UPDATE CASCADE, \n\tFOREIGN KEY(\"x y\") REFERENCES p (id)\n)\n\n"
    );
}

#[test]
fn indexes_and_drops() {
    let ix = |name: &str, table: &str, cols: &[&str], unique| CreateIndex {
        name: rc(name),
        table: rc(table),
        columns: cols.iter().map(|c| rc(c)).collect(),
        unique,
    };
    // ddl_index_unique, ddl_index_reserved, ddl_index_multi
    assert_eq!(
        create_index(&ix("ix_user_email", "user", &["email"], true)),
        "CREATE UNIQUE INDEX ix_user_email ON user (email)"
    );
    assert_eq!(
        create_index(&ix("ix_order_group", "order", &["group"], false)),
        "CREATE INDEX ix_order_group ON \"order\" (\"group\")"
    );
    assert_eq!(
        create_index(&ix("ix_multi", "order", &["group", "x y"], false)),
        "CREATE INDEX ix_multi ON \"order\" (\"group\", \"x y\")"
    );
    // drop_table, drop_table_user, drop_index
    assert_eq!(drop_table("order"), "\nDROP TABLE \"order\"");
    assert_eq!(drop_table("user"), "\nDROP TABLE user");
    assert_eq!(drop_index("ix_order_group"), "\nDROP INDEX ix_order_group");
}

#[test]
fn fk_actions_are_sqlalchemys_list() {
    for ok in [
        "CASCADE",
        "set null",
        "SET  DEFAULT",
        "RESTRICT",
        "NO ACTION",
    ] {
        assert!(is_fk_action(ok), "{ok}");
    }
    for bad in ["", "DROP TABLE x", "CASCADE; --", "SET"] {
        assert!(!is_fk_action(bad), "{bad}");
    }
}

/// Defaults in parentheses exactly where SQLAlchemy's SQLite dialect puts
/// them (`get_column_specification`).
#[test]
fn server_defaults_in_parentheses_as_sqlalchemy_writes_them() {
    let table: &[(&str, bool)] = &[
        ("datetime('now')", true),
        ("1 + 1", true),
        ("-1", true),
        ("7", false),
        ("NULL", false),
        ("CURRENT_TIMESTAMP", false),
        ("'x y'", false),
        ("\"q\"", false),
        ("(1 + 1)", false),
        ("  'padded'", false),
        ("word\nword", true),
        ("é_1", false),
    ];
    for (default, parens) in table {
        assert_eq!(default_needs_parens(default), *parens, "{default:?}");
    }
}

#[test]
fn named_constraints_and_collation() {
    // SQLAlchemy: Enum(..., name='xy', create_constraint=True), Boolean(
    // create_constraint=True), ForeignKey('t.id', name='fk_e'),
    // String(80, collation='NOCASE').
    let mut t = table(
        "t",
        vec![
            column("id", "INTEGER", true),
            column("a", "VARCHAR(80) COLLATE \"NOCASE\"", false),
            column("c", "VARCHAR(1)", false),
            column("b", "BOOLEAN", false),
            column("e", "INTEGER", false),
        ],
        &["id"],
    );
    t.checks = vec![
        crate::sql::ast::CheckDdl {
            name: Some(rc("xy")),
            sql: rc("c IN ('x', 'y')"),
            column: None,
        },
        crate::sql::ast::CheckDdl {
            name: None,
            sql: rc("b IN (0, 1)"),
            column: None,
        },
    ];
    let mut f = fk("e", "t", None, None);
    f.name = Some(rc("fk_e"));
    t.foreign_keys = vec![f];
    assert_eq!(
        create_table(&t),
        "\nCREATE TABLE t (\n\tid INTEGER NOT NULL, \n\ta VARCHAR(80) COLLATE \"NOCASE\", \n\tc VARCHAR(1), \n\tb BOOLEAN, \n\te INTEGER, \n\tPRIMARY KEY (id), \n\tCONSTRAINT xy CHECK (c IN ('x', 'y')), \n\tCHECK (b IN (0, 1)), \n\tCONSTRAINT fk_e FOREIGN KEY(e) REFERENCES t (id)\n)\n\n"
    );
}
