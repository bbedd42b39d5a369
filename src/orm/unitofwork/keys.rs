//! Naming rows by key: a key part as the parameter that names it, and
//! identity keys in the order SQLAlchemy sorts a table's objects with rows
//! (`persistence._sort_states`: by primary key, as Python compares tuples).

use std::cmp::Ordering;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::instance::{Instance, Key, KeyPart};
use crate::sql::ast::Param;

/// An UPDATE or DELETE must name its row by a key without NULLs: a row
/// whose composite key is partly NULL maps (`allow_partial_pks`), but
/// `WHERE b = NULL` would match nothing. SQLAlchemy's
/// `persistence._collect_update_commands` / `_collect_delete_commands`
/// raise `FlushError: Can't update table u using NULL for primary key
/// value on column u.b` (`verb`: "update table" or "delete from table").
pub fn refuse_null_key(x: &Instance, verb: &str) -> Result<()> {
    let st = x.st.borrow();
    let Some(key) = st.row_key() else {
        return Ok(());
    };
    let model = &x.model;
    match key.iter().position(|p| matches!(p, KeyPart::Null)) {
        Some(part) => {
            let col = &model.columns[model.pk[part]].name;
            Err(Error::new(
                ErrorKind::FlushError,
                format!(
                    "Can't {verb} {t} using NULL for primary key value on column {t}.{col}",
                    t = model.table
                ),
            ))
        }
        None => Ok(()),
    }
}

/// A key part as the parameter that names it (`identity_key::pk_criteria`).
pub fn key_param(part: &KeyPart) -> Param {
    match part {
        KeyPart::Int(i) => Param::Int(*i),
        KeyPart::Text(t) => Param::Text(t.clone()),
        KeyPart::Other(s) => Param::Text(s.clone()),
        KeyPart::Blob(b) => Param::Blob(b.clone()),
        KeyPart::Null => Param::Null,
    }
}

/// Identity keys in Python's order of their tuples (SQLAlchemy sorts a
/// table's objects with rows by key): numbers by value, text by code
/// point. Parts of different kinds, which Python would refuse to compare,
/// go by kind (a total order: the sort must never see a cycle).
pub fn key_order(x: Option<&Key>, y: Option<&Key>) -> Ordering {
    let (Some(x), Some(y)) = (x, y) else {
        return x.is_some().cmp(&y.is_some());
    };
    for (a, b) in x.iter().zip(y.iter()) {
        let o = match (a, b) {
            (KeyPart::Int(a), KeyPart::Int(b)) => a.cmp(b),
            (KeyPart::Text(a), KeyPart::Text(b)) => a.cmp(b),
            (KeyPart::Blob(a), KeyPart::Blob(b)) => a.cmp(b),
            // Reals by value (all of them before other texts), the rest
            // by their text.
            (KeyPart::Other(a), KeyPart::Other(b)) => {
                match (a.parse::<f64>().ok(), b.parse::<f64>().ok()) {
                    (Some(a), Some(b)) => a.total_cmp(&b),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => a.cmp(b),
                }
            }
            _ => rank(a).cmp(&rank(b)),
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    x.len().cmp(&y.len())
}

fn rank(p: &KeyPart) -> u8 {
    match p {
        KeyPart::Int(_) => 0,
        KeyPart::Text(_) => 1,
        KeyPart::Other(_) => 2,
        KeyPart::Blob(_) => 3,
        KeyPart::Null => 4,
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;

    #[test]
    fn keys_sort_as_python_tuples() {
        let k = |parts: Vec<KeyPart>| Some(Key::from(parts));
        let text = |t: &str| KeyPart::Text(Rc::from(t));
        let other = |t: &str| KeyPart::Other(Rc::from(t));
        let mut keys = vec![
            k(vec![KeyPart::Int(10), text("a")]),
            k(vec![KeyPart::Int(9), text("b")]),
            k(vec![KeyPart::Int(9), text("a")]),
            k(vec![text("é")]),
            k(vec![text("z")]),
            k(vec![other("x")]),
            k(vec![other("10.5")]),
            k(vec![other("9.5")]),
            None,
        ];
        keys.sort_by(|x, y| key_order(x.as_ref(), y.as_ref()));
        let shown: Vec<String> = keys
            .iter()
            .map(|k| match k {
                Some(k) => crate::orm::identity_key::key_display(k),
                None => "None".into(),
            })
            .collect();
        assert_eq!(
            shown,
            [
                "None", "9, a", "9, b", "10, a", "z", "é", "9.5", "10.5", "x"
            ]
        );
    }

    #[test]
    fn key_parts_name_rows_as_pk_criteria_binds_them() {
        assert_eq!(key_param(&KeyPart::Int(3)), Param::Int(3));
        assert_eq!(
            key_param(&KeyPart::Text(Rc::from("a"))),
            Param::Text("a".into())
        );
        assert_eq!(
            key_param(&KeyPart::Other(Rc::from("1.5"))),
            Param::Text("1.5".into())
        );
    }
}
