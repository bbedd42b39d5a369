//! `result.lastrowid` and `result.is_insert`: what SQLAlchemy's
//! `CursorResult` tells of the statement that made it. `lastrowid` is the
//! DB-API cursor's: pysqlite reads SQLite's `last_insert_rowid()` after
//! every single `execute()` (whatever the statement), and leaves it None
//! after an `executemany()`; `is_insert` is True for a compiled `insert()`
//! construct only (not a `text()` INSERT). A result that is no cursor's
//! (an ORM select's `ChunkedIteratorResult`, an ORM bulk statement's
//! `IteratorResult`) has neither attribute.

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::objects::ResultSet;
use crate::orm::dml::{Dml, DmlKind};
use crate::value::{Object, Value};

/// The cursor's `lastrowid` and the statement's `is_insert`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CursorAttrs {
    pub lastrowid: Option<i64>,
    pub is_insert: bool,
}

/// Whether the parameters of `db.session.execute(stmt, params)` make an
/// executemany: a list of more than one parameter set (SQLAlchemy's
/// `executemany = len(parameters) > 1`; a list of one is one execute).
pub fn executemany(params: Option<&Value>) -> bool {
    match params {
        Some(Value::List(l)) => l.borrow().len() > 1,
        Some(Value::Tuple(t)) => t.len() > 1,
        _ => false,
    }
}

/// Fill in what a cursor result knows once `db.session.execute(target,
/// params)` ran: `many` for a list of parameter sets (an executemany).
pub fn note(me: &Interp, rs: &mut ResultSet, target: &Value, many: bool) {
    if rs.orm || rs.bulk {
        return;
    }
    rs.cursor_attrs = CursorAttrs {
        lastrowid: (!many).then(|| me.session.engine.last_insert_id()),
        is_insert: target
            .downcast::<Dml>()
            .is_some_and(|d| d.kind == DmlKind::Insert),
    };
}

/// No such attribute on a result that is no cursor's.
fn check(rs: &ResultSet, name: &str) -> Result<()> {
    match rs.orm || rs.bulk {
        true => Err(Error::attr(format!(
            "'{}' object has no attribute '{name}'",
            rs.type_name()
        ))),
        false => Ok(()),
    }
}

/// `CursorResult.lastrowid`.
pub fn lastrowid(_: &mut Interp, rs: &std::rc::Rc<ResultSet>) -> Result<Value> {
    check(rs, "lastrowid")?;
    Ok(rs.cursor_attrs.lastrowid.map_or(Value::None, Value::Int))
}

/// `CursorResult.is_insert`.
pub fn is_insert(_: &mut Interp, rs: &std::rc::Rc<ResultSet>) -> Result<Value> {
    check(rs, "is_insert")?;
    Ok(Value::Bool(rs.cursor_attrs.is_insert))
}
