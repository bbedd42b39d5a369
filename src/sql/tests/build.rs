//! Small constructors so that test statements read like the Python they
//! mirror: `eq(col("user", "id"), int(1))` is `User.id == 1`.

use std::rc::Rc;

use crate::sql::ast::{BinaryOp, FromItem, JoinKind, Param, Select, SqlExpr};
use crate::sql::ast::{Compiled, Delete, Insert, Update};
use crate::sql::compile::{self as c, Mode};
use crate::sql::dialect::{DEFAULT, Dialect, SQLITE};

pub fn rc(s: &str) -> Rc<str> {
    Rc::from(s)
}

pub fn col(table: &str, name: &str) -> SqlExpr {
    SqlExpr::Column {
        table: Some(rc(table)),
        name: rc(name),
    }
}

pub fn val(value: Param) -> SqlExpr {
    SqlExpr::Param { value, key: None }
}

pub fn int(i: i64) -> SqlExpr {
    val(Param::Int(i))
}

pub fn text(s: &str) -> SqlExpr {
    val(Param::Text(rc(s)))
}

pub fn ptext(s: &str) -> Param {
    Param::Text(rc(s))
}

/// A binary expression; a keyless bound value on the right is named after
/// the left side, as SQLAlchemy names it (`id_1`).
pub fn bin(op: BinaryOp, left: SqlExpr, right: SqlExpr) -> SqlExpr {
    let right = match right {
        SqlExpr::Param { value, key: None } => SqlExpr::Param {
            value,
            key: match &left {
                SqlExpr::Column { name, .. } | SqlExpr::Func { name, .. } => Some(name.clone()),
                _ => None,
            },
        },
        other => other,
    };
    SqlExpr::Binary {
        op,
        left: Box::new(left),
        right: Box::new(right),
    }
}

pub fn eq(l: SqlExpr, r: SqlExpr) -> SqlExpr {
    bin(BinaryOp::Eq, l, r)
}

pub fn gt(l: SqlExpr, r: SqlExpr) -> SqlExpr {
    bin(BinaryOp::Gt, l, r)
}

pub fn lt(l: SqlExpr, r: SqlExpr) -> SqlExpr {
    bin(BinaryOp::Lt, l, r)
}

pub fn and(v: Vec<SqlExpr>) -> SqlExpr {
    SqlExpr::And(v)
}

pub fn or(v: Vec<SqlExpr>) -> SqlExpr {
    SqlExpr::Or(v)
}

pub fn not(e: SqlExpr) -> SqlExpr {
    SqlExpr::Not(Box::new(e))
}

pub fn func(name: &str, args: Vec<SqlExpr>) -> SqlExpr {
    SqlExpr::Func {
        name: rc(name),
        args,
    }
}

pub fn label(e: SqlExpr, name: &str) -> SqlExpr {
    SqlExpr::Label {
        expr: Box::new(e),
        name: rc(name),
    }
}

pub fn order(e: SqlExpr, desc: bool) -> SqlExpr {
    SqlExpr::Order {
        expr: Box::new(e),
        desc,
    }
}

pub fn in_list(e: SqlExpr, values: Vec<Param>, negated: bool) -> SqlExpr {
    SqlExpr::InList {
        expr: Box::new(e),
        values,
        negated,
        null_type: None,
    }
}

pub fn table(name: &str) -> FromItem {
    FromItem::Table {
        name: rc(name),
        alias: None,
    }
}

pub fn aliased(name: &str, alias: &str) -> FromItem {
    FromItem::Table {
        name: rc(name),
        alias: Some(rc(alias)),
    }
}

pub fn join(left: FromItem, right: FromItem, on: SqlExpr, outer: bool) -> FromItem {
    FromItem::Join {
        left: Box::new(left),
        right: Box::new(right),
        on,
        kind: if outer {
            JoinKind::Left
        } else {
            JoinKind::Inner
        },
    }
}

/// `select(cols).select_from(from)`.
pub fn select(columns: Vec<SqlExpr>, from: Vec<FromItem>) -> Select {
    Select {
        columns,
        from,
        ..Select::default()
    }
}

/// The bare columns of a 2.0 `select(Model)`.
pub fn columns(t: &str, names: &[&str]) -> Vec<SqlExpr> {
    names.iter().map(|n| col(t, n)).collect()
}

/// The labelled columns of a legacy `Model.query`: `user.id AS user_id`.
pub fn legacy_columns(t: &str, names: &[&str]) -> Vec<SqlExpr> {
    names
        .iter()
        .map(|n| label(col(t, n), &format!("{t}_{n}")))
        .collect()
}

pub const USER: &[&str] = &["id", "username", "email"];

/// `User.query` / `select(User)` with a WHERE.
pub fn user_query(legacy: bool, where_: Vec<SqlExpr>) -> Select {
    Select {
        columns: if legacy {
            legacy_columns("user", USER)
        } else {
            columns("user", USER)
        },
        from: vec![table("user")],
        where_,
        ..Select::default()
    }
}

/// `select(User.id).where(...)`
pub fn user_ids(where_: Vec<SqlExpr>) -> Select {
    Select {
        columns: vec![col("user", "id")],
        from: vec![table("user")],
        where_,
        ..Select::default()
    }
}

/// The dialect a test statement is written in: SQLite's, or the default
/// one for `Mode::Generic`.
pub fn dialect_of(mode: Mode) -> &'static Dialect {
    match mode {
        Mode::Generic => &DEFAULT,
        _ => &SQLITE,
    }
}

/// `SELECT …` in `mode`, for SQLite (or, `Generic`, the default dialect).
pub fn compile(s: &Select, mode: Mode) -> Compiled {
    c::select(s, mode, dialect_of(mode))
}

/// An INSERT for SQLite.
pub fn insert(i: &Insert) -> Compiled {
    c::insert(i, &SQLITE)
}

/// An UPDATE for SQLite.
pub fn update(u: &Update) -> Compiled {
    c::update(u, &SQLITE)
}

/// An UPDATE in `mode`.
pub fn update_in(u: &Update, mode: Mode) -> Compiled {
    c::update_in(u, mode, dialect_of(mode))
}

/// A DELETE for SQLite.
pub fn delete(d: &Delete) -> Compiled {
    c::delete(d, &SQLITE)
}

pub fn display(s: &Select) -> String {
    compile(s, Mode::Display).sql
}

/// `(sample name, statement, SQLAlchemy's text)`
pub fn check(cases: Vec<(&str, Select, &str)>) {
    for (name, stmt, expected) in cases {
        assert_eq!(display(&stmt), expected, "sample {name}");
    }
}

pub trait WithWhere {
    fn with_where(self, e: SqlExpr) -> Self;
}

impl WithWhere for Select {
    fn with_where(mut self, e: SqlExpr) -> Self {
        self.where_.push(e);
        self
    }
}
