//! What a SQLAlchemy `DBAPIError` tells beside its message: `e.params`
//! (the failed execution's parameters, a tuple as the DB-API received
//! them), `e.code` (SQLAlchemy's error code, `gkpj`), and on the driver's
//! own error `e.orig` sqlite3's `sqlite_errorcode` and `sqlite_errorname`
//! (`2067`, `SQLITE_CONSTRAINT_UNIQUE`).

use std::rc::Rc;

use crate::eval::exceptions::ExceptionValue;
use crate::value::Value;

/// `e.params`, `e.code` of a DBAPI error; `e.orig.sqlite_errorcode`,
/// `e.orig.sqlite_errorname` of sqlite3's. None for another name.
pub fn attr(e: &ExceptionValue, name: &str) -> Option<Value> {
    if let Some(code) = e.sqlite_code {
        return match name {
            "sqlite_errorcode" => Some(Value::Int(code.into())),
            "sqlite_errorname" => Some(error_name(code).map_or(Value::None, Value::str)),
            _ => None,
        };
    }
    let d = e.dbapi.as_ref()?;
    match name {
        "params" => Some(match &d.param_values {
            Some(ps) => Value::tuple(ps.iter().map(crate::orm::convert::plain_value).collect()),
            None => Value::None,
        }),
        "code" => Some(Value::str(crate::eval::exceptions::error_code(d.class))),
        _ => None,
    }
}

/// The names [`attr`] answers for `e`, for `dir()`.
pub fn names(e: &ExceptionValue) -> Vec<Rc<str>> {
    if e.sqlite_code.is_some() {
        return vec![Rc::from("sqlite_errorcode"), Rc::from("sqlite_errorname")];
    }
    if e.dbapi.is_some() {
        return vec![Rc::from("params"), Rc::from("code")];
    }
    Vec::new()
}

/// sqlite3's name of an (extended) result code, as Python's
/// `sqlite_errorname`.
fn error_name(code: i32) -> Option<&'static str> {
    const NAMES: &[(i32, &str)] = &[
        (1, "SQLITE_ERROR"),
        (2, "SQLITE_INTERNAL"),
        (3, "SQLITE_PERM"),
        (4, "SQLITE_ABORT"),
        (5, "SQLITE_BUSY"),
        (6, "SQLITE_LOCKED"),
        (7, "SQLITE_NOMEM"),
        (8, "SQLITE_READONLY"),
        (9, "SQLITE_INTERRUPT"),
        (10, "SQLITE_IOERR"),
        (11, "SQLITE_CORRUPT"),
        (12, "SQLITE_NOTFOUND"),
        (13, "SQLITE_FULL"),
        (14, "SQLITE_CANTOPEN"),
        (15, "SQLITE_PROTOCOL"),
        (16, "SQLITE_EMPTY"),
        (17, "SQLITE_SCHEMA"),
        (18, "SQLITE_TOOBIG"),
        (19, "SQLITE_CONSTRAINT"),
        (20, "SQLITE_MISMATCH"),
        (21, "SQLITE_MISUSE"),
        (22, "SQLITE_NOLFS"),
        (23, "SQLITE_AUTH"),
        (24, "SQLITE_FORMAT"),
        (25, "SQLITE_RANGE"),
        (26, "SQLITE_NOTADB"),
        (257, "SQLITE_ERROR_MISSING_COLLSEQ"),
        (261, "SQLITE_BUSY_RECOVERY"),
        (262, "SQLITE_LOCKED_SHAREDCACHE"),
        (264, "SQLITE_READONLY_RECOVERY"),
        (275, "SQLITE_CONSTRAINT_CHECK"),
        (513, "SQLITE_ERROR_RETRY"),
        (516, "SQLITE_ABORT_ROLLBACK"),
        (517, "SQLITE_BUSY_SNAPSHOT"),
        (520, "SQLITE_READONLY_CANTLOCK"),
        (531, "SQLITE_CONSTRAINT_COMMITHOOK"),
        (769, "SQLITE_ERROR_SNAPSHOT"),
        (773, "SQLITE_BUSY_TIMEOUT"),
        (776, "SQLITE_READONLY_ROLLBACK"),
        (787, "SQLITE_CONSTRAINT_FOREIGNKEY"),
        (1032, "SQLITE_READONLY_DBMOVED"),
        (1043, "SQLITE_CONSTRAINT_FUNCTION"),
        (1299, "SQLITE_CONSTRAINT_NOTNULL"),
        (1555, "SQLITE_CONSTRAINT_PRIMARYKEY"),
        (1811, "SQLITE_CONSTRAINT_TRIGGER"),
        (2067, "SQLITE_CONSTRAINT_UNIQUE"),
        (2323, "SQLITE_CONSTRAINT_VTAB"),
        (2579, "SQLITE_CONSTRAINT_ROWID"),
        (2835, "SQLITE_CONSTRAINT_PINNED"),
        (3091, "SQLITE_CONSTRAINT_DATATYPE"),
    ];
    NAMES.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}
