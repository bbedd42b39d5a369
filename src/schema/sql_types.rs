//! SQLAlchemy's upper-case SQL standard type classes (`INTEGER`, `REAL`,
//! `CHAR(3)`, `TIMESTAMP`, …: `sqlalchemy.sql.sqltypes`), and how SQLite
//! declared types reflect to them (`dialects/sqlite/base.py`:
//! `ischema_names` and `SQLiteDialect._resolve_type_affinity`).
//!
//! Each class behaves as the generic type it subclasses (`INTEGER` is an
//! `Integer`, `CHAR` a `String`); only its name differs, in `repr()`, in
//! the DDL it writes (`REAL`, `CHAR(3)`) and in `.export python`. ormsh
//! keeps the class name in `TypeOptions::class`.

use crate::schema::types::{ColumnType, NumericType, TypeOptions};

/// The upper-case classes `db` lends, each with the generic type it
/// subclasses (`sqltypes.INTEGER(Integer)`, `sqltypes.NVARCHAR(Unicode)`,
/// `sqltypes.TIMESTAMP(DateTime)`, …).
pub const SQL_TYPE_CLASSES: &[&str] = &[
    "BIGINT",
    "BLOB",
    "BOOLEAN",
    "CHAR",
    "CLOB",
    "DATE",
    "DATETIME",
    "DOUBLE",
    "FLOAT",
    "INTEGER",
    "NCHAR",
    "NUMERIC",
    "NVARCHAR",
    "REAL",
    "SMALLINT",
    "TEXT",
    "TIME",
    "TIMESTAMP",
    "UUID",
    "VARCHAR",
];

/// The generic type an upper-case class subclasses: `INTEGER` → `Integer`.
pub fn sql_type_class(name: &str) -> Option<ColumnType> {
    Some(match name {
        "INTEGER" => ColumnType::Integer,
        "BIGINT" => ColumnType::BigInteger,
        "SMALLINT" => ColumnType::SmallInteger,
        "VARCHAR" | "CHAR" => ColumnType::String(None),
        "NVARCHAR" | "NCHAR" => ColumnType::Unicode(None),
        "TEXT" | "CLOB" => ColumnType::Text,
        "REAL" | "FLOAT" | "DOUBLE" => ColumnType::Float,
        "NUMERIC" => ColumnType::Numeric(NumericType::PLAIN),
        "BOOLEAN" => ColumnType::Boolean,
        "DATE" => ColumnType::Date,
        "DATETIME" | "TIMESTAMP" => ColumnType::DateTime,
        "TIME" => ColumnType::Time,
        "BLOB" => ColumnType::LargeBinary,
        "UUID" => ColumnType::Uuid,
        _ => return None,
    })
}

/// A declared SQLite type as SQLAlchemy's SQLite dialect reflects it: the
/// type class and the numbers it is constructed with.
#[derive(Clone, Debug, PartialEq)]
pub struct ReflectedType {
    /// The class's name as `db` has it (`INTEGER`, `CHAR`, `DECIMAL`,
    /// `JSON`); `NullType` for a column of no type (or …BLOB…).
    pub class: &'static str,
    /// The declared type's numbers the class takes by position
    /// (`CHAR(3)` → `[3]`); empty when it takes none.
    pub args: Vec<u32>,
}

/// How many arguments each class's constructor takes by position
/// (`VARCHAR(length, collation)`, `REAL(precision, asdecimal,
/// decimal_return_scale)`, …), and how many of them may be numbers ormsh
/// passes on: a collation or a Boolean's name is a string, so a number
/// there (`CHAR(3,4)`, which SQLAlchemy takes as `collation=4` and then
/// cannot compile) is left out. SQLAlchemy passes every number and, when
/// there are more than the class takes, warns and passes none
/// (`INTEGER(11)` is `INTEGER()`, `TIME(1,2)` is `TIME()`).
fn positional_params(class: &str) -> (usize, usize) {
    match class {
        "NUMERIC" | "DECIMAL" => (4, 2),
        "VARCHAR" | "NVARCHAR" | "CHAR" | "NCHAR" | "TEXT" => (2, 1),
        "REAL" | "FLOAT" | "DOUBLE" => (3, 2),
        "BOOLEAN" => (4, 1),
        "DATETIME" | "TIMESTAMP" | "TIME" | "JSON" | "BLOB" => (1, 1),
        _ => (0, 0),
    }
}

/// `SQLiteDialect._resolve_type_affinity` on the upper-cased declared type
/// (`get_columns` upper-cases it): the leading words (`[\w ]+`) looked up
/// in `ischema_names`, else SQLite's affinity rules (…INT… → `INTEGER`,
/// …CHAR…/…CLOB…/…TEXT… → `TEXT`, …BLOB… or nothing → `NullType`,
/// …REAL…/…FLOA…/…DOUB… → `REAL`, anything else → `NUMERIC`); the numbers
/// in the parentheses after the words are the class's arguments.
pub fn reflect_type(decl: &str) -> ReflectedType {
    let up = decl.to_uppercase();
    let words: String = up
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ' ')
        .collect();
    let rest = &up[words.len()..];
    // `(\(.*?\))?` right after the words: its numbers are the arguments.
    let numbers: Vec<u32> = match rest.strip_prefix('(').and_then(|r| r.split_once(')')) {
        Some((inner, _)) => inner
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|a| a.parse::<u32>().ok())
            .collect(),
        None => Vec::new(),
    };
    let w = words.as_str();
    let class = match w {
        "BIGINT" | "BLOB" | "BOOLEAN" | "CHAR" | "DATE" | "DATETIME" | "DOUBLE" | "DECIMAL"
        | "FLOAT" | "INTEGER" | "JSON" | "NUMERIC" | "REAL" | "SMALLINT" | "TEXT" | "TIME"
        | "TIMESTAMP" | "VARCHAR" | "NVARCHAR" | "NCHAR" => ischema_class(w),
        "BOOL" => "BOOLEAN",
        "DATE_CHAR" => "DATE",
        "DATETIME_CHAR" => "DATETIME",
        "INT" => "INTEGER",
        "JSONB" => "JSON",
        "TIME_CHAR" => "TIME",
        _ if w.contains("INT") => "INTEGER",
        _ if w.contains("CHAR") || w.contains("CLOB") || w.contains("TEXT") => "TEXT",
        _ if w.contains("BLOB") || w.is_empty() => "NullType",
        _ if w.contains("REAL") || w.contains("FLOA") || w.contains("DOUB") => "REAL",
        _ => "NUMERIC",
    };
    let (takes, passed) = positional_params(class);
    let args = if numbers.len() <= takes {
        numbers.into_iter().take(passed).collect()
    } else {
        Vec::new()
    };
    ReflectedType { class, args }
}

/// The `ischema_names` entry of a name that is its own class.
fn ischema_class(w: &str) -> &'static str {
    SQL_TYPE_CLASSES
        .iter()
        .chain(["DECIMAL", "JSON"].iter())
        .find(|c| **c == w)
        .copied()
        .unwrap_or("NUMERIC")
}

impl ReflectedType {
    /// The type as ormsh (and Flask-SQLAlchemy) source: `db.CHAR(3)`,
    /// `db.INTEGER`; empty for `NullType` (`db.Column()` of no type).
    pub fn source(&self) -> String {
        if self.class == "NullType" {
            return String::new();
        }
        if self.args.is_empty() {
            return format!("db.{}", self.class);
        }
        let args: Vec<String> = self.args.iter().map(|a| a.to_string()).collect();
        format!("db.{}({})", self.class, args.join(", "))
    }

    /// The generic type the class subclasses, with the lengths, precision
    /// and scale that matter to ormsh.
    pub fn column_type(&self) -> ColumnType {
        let first = self.args.first().copied();
        match self.class {
            "NullType" => ColumnType::Null,
            "JSON" => ColumnType::Json,
            "DECIMAL" | "NUMERIC" => ColumnType::Numeric(NumericType {
                sql_name: if self.class == "DECIMAL" {
                    "DECIMAL"
                } else {
                    "NUMERIC"
                },
                precision: first,
                scale: self.args.get(1).copied(),
                ..NumericType::PLAIN
            }),
            c => match sql_type_class(c) {
                Some(ColumnType::String(_)) => ColumnType::String(first),
                Some(ColumnType::Unicode(_)) => ColumnType::Unicode(first),
                Some(t) => t,
                None => ColumnType::Null,
            },
        }
    }
}

/// A type object of an upper-case class as source, from the arguments its
/// `repr()` shows: `db.CHAR(length=3)`, `db.INTEGER`.
pub fn class_source(class: &str, opts: &TypeOptions) -> String {
    if opts.shown.is_empty() {
        return format!("db.{class}");
    }
    let args: Vec<String> = opts.shown.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("db.{class}({})", args.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(decl: &str) -> String {
        reflect_type(decl).source()
    }

    /// Each against what automap gave for the same declared type.
    #[test]
    fn as_sqlalchemy_reflects() {
        assert_eq!(r("integer"), "db.INTEGER");
        assert_eq!(r("INTEGER(11)"), "db.INTEGER");
        assert_eq!(r("varchar(40)"), "db.VARCHAR(40)");
        assert_eq!(r("CHAR(3)"), "db.CHAR(3)");
        assert_eq!(r("NUMERIC(10,2)"), "db.NUMERIC(10, 2)");
        assert_eq!(r("DOUBLE PRECISION"), "db.REAL");
        assert_eq!(r("DOUBLE"), "db.DOUBLE");
        assert_eq!(r("UNSIGNED BIG INT"), "db.INTEGER");
        assert_eq!(r("INTEGER_OR_TEXT"), "db.INTEGER");
        assert_eq!(r("character varying(4)"), "db.TEXT(4)");
        assert_eq!(r("VARCHAR (7)"), "db.TEXT(7)");
        assert_eq!(r("MONEY"), "db.NUMERIC");
        assert_eq!(r(""), "");
        assert_eq!(r("MYBLOB(5)"), "");
        assert_eq!(r("DATETIME(6)"), "db.DATETIME(6)");
        assert_eq!(r("DATE(1)"), "db.DATE");
        assert_eq!(r("BOOL"), "db.BOOLEAN");
        assert_eq!(r("int8"), "db.INTEGER");
        assert_eq!(r("ÜBER"), "db.NUMERIC");
        assert_eq!(r("DOUBLE(10,2)"), "db.DOUBLE(10, 2)");
        assert_eq!(r("TIME(1,2)"), "db.TIME");
        assert_eq!(r("CHAR(3,4)"), "db.CHAR(3)");
        assert_eq!(
            reflect_type("CHAR(3)").column_type(),
            ColumnType::String(Some(3))
        );
    }
}
