//! Column types (`db.Integer`, `db.String(80)`, …) and the SQLite DDL type
//! each one gets, as SQLAlchemy writes it.

use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub enum ColumnType {
    Integer,
    BigInteger,
    SmallInteger,
    Float,
    Numeric(Option<(u32, u32)>),
    String(Option<u32>),
    Unicode(Option<u32>),
    Text,
    UnicodeText,
    Boolean,
    Date,
    DateTime,
    Time,
    LargeBinary,
    Json,
    Enum(Vec<Rc<str>>),
}

impl ColumnType {
    /// The type name as written in ormsh (`db.<name>`), for messages.
    pub fn name(&self) -> &'static str {
        match self {
            ColumnType::Integer => "Integer",
            ColumnType::BigInteger => "BigInteger",
            ColumnType::SmallInteger => "SmallInteger",
            ColumnType::Float => "Float",
            ColumnType::Numeric(_) => "Numeric",
            ColumnType::String(_) => "String",
            ColumnType::Unicode(_) => "Unicode",
            ColumnType::Text => "Text",
            ColumnType::UnicodeText => "UnicodeText",
            ColumnType::Boolean => "Boolean",
            ColumnType::Date => "Date",
            ColumnType::DateTime => "DateTime",
            ColumnType::Time => "Time",
            ColumnType::LargeBinary => "LargeBinary",
            ColumnType::Json => "JSON",
            ColumnType::Enum(_) => "Enum",
        }
    }

    /// The type in SQLite DDL, as SQLAlchemy emits it.
    pub fn ddl(&self) -> String {
        match self {
            ColumnType::Integer => "INTEGER".into(),
            ColumnType::BigInteger => "BIGINT".into(),
            ColumnType::SmallInteger => "SMALLINT".into(),
            ColumnType::Float => "FLOAT".into(),
            ColumnType::Numeric(None) => "NUMERIC".into(),
            ColumnType::Numeric(Some((p, s))) => format!("NUMERIC({p}, {s})"),
            ColumnType::String(None) | ColumnType::Unicode(None) => "VARCHAR".into(),
            ColumnType::String(Some(n)) | ColumnType::Unicode(Some(n)) => format!("VARCHAR({n})"),
            ColumnType::Text | ColumnType::UnicodeText => "TEXT".into(),
            ColumnType::Boolean => "BOOLEAN".into(),
            ColumnType::Date => "DATE".into(),
            ColumnType::DateTime => "DATETIME".into(),
            ColumnType::Time => "TIME".into(),
            ColumnType::LargeBinary => "BLOB".into(),
            ColumnType::Json => "JSON".into(),
            ColumnType::Enum(values) => {
                let n = values.iter().map(|v| v.chars().count()).max().unwrap_or(0);
                format!("VARCHAR({n})")
            }
        }
    }

    pub fn is_integer(&self) -> bool {
        matches!(
            self,
            ColumnType::Integer | ColumnType::BigInteger | ColumnType::SmallInteger
        )
    }

    pub fn is_string(&self) -> bool {
        matches!(
            self,
            ColumnType::String(_)
                | ColumnType::Unicode(_)
                | ColumnType::Text
                | ColumnType::UnicodeText
                | ColumnType::Enum(_)
        )
    }
}

/// Every type name ormsh accepts after `db.`, for lookup and suggestions.
pub const TYPE_NAMES: &[&str] = &[
    "Integer",
    "BigInteger",
    "SmallInteger",
    "Float",
    "Numeric",
    "String",
    "Unicode",
    "Text",
    "UnicodeText",
    "Boolean",
    "Date",
    "DateTime",
    "Time",
    "LargeBinary",
    "JSON",
    "Enum",
];
