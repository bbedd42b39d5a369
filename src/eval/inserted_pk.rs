//! `result.inserted_primary_key` (and `inserted_primary_key_rows`) of
//! `db.session.execute(db.insert(M).values(...))`: SQLAlchemy's
//! `CursorResult.inserted_primary_key`, a `Row` of the new row's primary
//! key — the values given or defaulted, the autoincrement column's from
//! the cursor's `lastrowid` (`_setup_ins_pk_from_lastrowid`), all `None`
//! for a multi-VALUES INSERT (`_setup_ins_pk_from_empty`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::row::Row;
use crate::schema::model::Model;
use crate::value::Value;

/// What a cursor result knows of the primary key an INSERT made.
pub enum InsertedPk {
    /// A single-row INSERT: the key as a named `Row`.
    Row(Value),
    /// A Core INSERT given a list of parameter sets (an executemany): each
    /// set's key as given, the autoincrement column's None (SQLAlchemy's
    /// `_setup_ins_pk_from_empty`); only `inserted_primary_key_rows` has them.
    Many(Vec<Value>),
    /// A `text()` statement: not a compiled construct.
    NotCompiled,
    /// An UPDATE or DELETE.
    NotInsert,
}

/// The key of the row one INSERT made: `given` are the values it sent
/// (by column index, defaults included), `rowid` the cursor's
/// `lastrowid` (None after an executemany); `multi` a multi-VALUES
/// INSERT, whose key is unknown.
pub fn inserted_row(
    model: &Model,
    given: &[(usize, Value)],
    rowid: Option<i64>,
    multi: bool,
) -> Value {
    let keys: Rc<[Rc<str>]> = model
        .pk
        .iter()
        .map(|&i| {
            let c = &model.columns[i];
            c.key.clone().unwrap_or_else(|| c.name.clone())
        })
        .collect();
    let values = model
        .pk
        .iter()
        .map(|&i| {
            let c = &model.columns[i];
            match given.iter().find(|(j, _)| *j == i) {
                _ if multi => Value::None,
                Some((_, v)) if !matches!(v, Value::None) => v.clone(),
                _ if model.pk.len() == 1 && c.ty.is_integer() && c.autoincrement != Some(false) => {
                    rowid.map_or(Value::None, Value::Int)
                }
                _ => Value::None,
            }
        })
        .collect();
    Value::obj(Row {
        keys,
        values,
        origins: None,
    })
}

/// `result.inserted_primary_key` (`rows` false) or
/// `result.inserted_primary_key_rows` (`rows` true), as SQLAlchemy's
/// `CursorResult` answers them; a result that is no cursor's (an ORM
/// select, a bulk INSERT of many dicts, RETURNING through the ORM) has
/// no such attribute.
pub fn read(pk: Option<&InsertedPk>, type_name: &str, rows: bool) -> Result<Value> {
    let name = match rows {
        true => "inserted_primary_key_rows",
        false => "inserted_primary_key",
    };
    match pk {
        None => Err(Error::attr(format!(
            "'{type_name}' object has no attribute '{name}'"
        ))),
        Some(InsertedPk::NotCompiled) => Err(Error::new(
            ErrorKind::InvalidRequestError,
            "Statement is not a compiled expression construct.",
        )),
        Some(InsertedPk::NotInsert) => Err(Error::new(
            ErrorKind::InvalidRequestError,
            "Statement is not an insert() expression construct.",
        )),
        Some(InsertedPk::Many(keys)) if rows => Ok(Value::list(keys.clone())),
        Some(InsertedPk::Many(_)) => Err(Error::new(
            ErrorKind::InvalidRequestError,
            "This statement was an executemany call; if primary key returning is supported, please use .inserted_primary_key_rows.",
        )
        .with_help("read result.inserted_primary_key_rows, one key per parameter set")),
        Some(InsertedPk::Row(r)) if rows => Ok(Value::list(vec![r.clone()])),
        Some(InsertedPk::Row(r)) => Ok(r.clone()),
    }
}
