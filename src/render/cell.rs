//! One value in a result table (`Cell`): Python's `str()` of it as a table
//! shows it, and its json form (numbers, booleans, null, strings; dates as
//! the ISO text SQLAlchemy stores) for `.mode json`.

use std::borrow::Cow;

use crate::value::repr::float_repr;

/// One value in a table, typed for json.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    /// A date or time: Python's `str()` of it, and the ISO text SQLAlchemy
    /// stores (what json writes).
    Stamp {
        shown: String,
        stored: String,
    },
}

impl Cell {
    /// The text a table shows: Python's `str()`, `NULL` for None.
    pub fn shown(&self) -> Cow<'_, str> {
        match self {
            Cell::Null => Cow::Borrowed("NULL"),
            Cell::Bool(b) => Cow::Borrowed(if *b { "True" } else { "False" }),
            Cell::Int(i) => Cow::Owned(i.to_string()),
            Cell::Float(f) => Cow::Owned(float_repr(*f)),
            Cell::Text(t) | Cell::Stamp { shown: t, .. } => Cow::Borrowed(t),
        }
    }

    /// The cell as a json value: numbers, booleans, null, strings. Floats
    /// that json cannot hold (`inf`, `nan`) are null.
    pub(crate) fn json(&self) -> String {
        match self {
            Cell::Null => "null".into(),
            Cell::Bool(b) => b.to_string(),
            Cell::Int(i) => i.to_string(),
            Cell::Float(f) if f.is_finite() => float_repr(*f),
            Cell::Float(_) => "null".into(),
            Cell::Text(t) | Cell::Stamp { stored: t, .. } => json_string(t),
        }
    }
}

pub(crate) fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "null".into())
}
