//! An identity key outside the identity map: as the criteria that find its
//! row (`pk1 = ? AND pk2 = ?`, SQLAlchemy's `_get_clause`, a NULL part as
//! `IS NULL`) and as the text Flask-SQLAlchemy's repr shows (`1, 2`).

use std::rc::Rc;

use crate::orm::instance::{Key, KeyPart};
use crate::schema::model::Model;
use crate::sql::ast::{Param, SqlExpr};

/// `pk1 = ? AND pk2 = ?` for a key.
pub fn pk_criteria(model: &Model, key: &Key) -> Vec<SqlExpr> {
    model
        .pk
        .iter()
        .zip(key.iter())
        .map(|(&i, part)| {
            let name = &model.columns[i].name;
            let value = match part {
                KeyPart::Int(i) => Param::Int(*i),
                KeyPart::Text(t) => Param::Text(t.clone()),
                KeyPart::Other(s) => Param::Text(s.clone()),
                KeyPart::Blob(b) => Param::Blob(b.clone()),
                // SQLAlchemy's get() adapts the clause to `IS NULL`
                // (`adapt_criterion_to_null`).
                KeyPart::Null => {
                    return SqlExpr::eq(SqlExpr::col(&model.table, name), SqlExpr::Null);
                }
            };
            // Bound as `pk_1`, `pk_2`, … (the mapper's `_get_clause`
            // names its parameters so), seen in psycopg2's echo.
            SqlExpr::eq(
                SqlExpr::col(&model.table, name),
                SqlExpr::bound(value, &Rc::from("pk")),
            )
        })
        .collect()
}

/// `1` or `1, 2` as Flask-SQLAlchemy's repr shows an identity.
pub fn key_display(key: &Key) -> String {
    key.iter()
        .map(|p| match p {
            KeyPart::Int(i) => i.to_string(),
            KeyPart::Text(t) => t.to_string(),
            KeyPart::Other(s) => s.to_string(),
            KeyPart::Blob(b) => crate::value::repr::bytes_repr(b),
            KeyPart::Null => "None".to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
