//! Column types (`db.Integer`, `db.String(80)`, …) and the SQLite DDL type
//! each one gets, as SQLAlchemy writes it.

use std::rc::Rc;

use crate::value::Value;

#[derive(Clone, Debug, PartialEq)]
pub enum ColumnType {
    Integer,
    BigInteger,
    SmallInteger,
    Float,
    Numeric(NumericType),
    Uuid,
    Interval,
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
    Enum(EnumValues),
    /// SQLAlchemy's `NullType`: no type at all (`db.Column()` with none, a
    /// reflected SQLite column declared without one or as …BLOB…). Values
    /// are bound and read as they are; it has no DDL (`CompileError`).
    Null,
}

/// An `Enum` type's values: strings (`db.Enum('a', 'b')`), or the member
/// names of a Python enum class (`db.Enum(Status)`), which SQLAlchemy
/// stores — the members themselves are what Python code reads and writes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EnumValues {
    pub names: Rc<[Rc<str>]>,
    pub class: Option<EnumClass>,
    /// `validate_strings=True`: a string that is none of the values is a
    /// `LookupError` when a statement binds it.
    pub validate_strings: bool,
    /// `name=` as given (SQLAlchemy's `Enum.name`; an enum class's type
    /// is named after the class when none is given): its `LookupError`
    /// names it.
    pub name: Option<Rc<str>>,
}

impl std::ops::Deref for EnumValues {
    type Target = [Rc<str>];
    fn deref(&self) -> &[Rc<str>] {
        &self.names
    }
}

impl From<Vec<Rc<str>>> for EnumValues {
    fn from(names: Vec<Rc<str>>) -> Self {
        EnumValues {
            names: Rc::from(names),
            class: None,
            validate_strings: false,
            name: None,
        }
    }
}

/// The Python enum class of `db.Enum(Status)`: its name and its members,
/// in the order of `EnumValues::names` (SQLAlchemy's `Enum.enum_class`
/// and `_object_lookup`).
#[derive(Clone)]
pub struct EnumClass {
    pub name: Rc<str>,
    pub members: Rc<[Value]>,
}

impl PartialEq for EnumClass {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.members, &other.members)
    }
}

impl std::fmt::Debug for EnumClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "EnumClass({})", self.name)
    }
}

impl EnumClass {
    /// The stored string of a value, as SQLAlchemy's `Enum._valid_lookup`
    /// finds it: a stored string itself, else a member — or a value equal
    /// to one, as the string `'red'` is `Color.RED` of a `StrEnum` — gives
    /// that member's string.
    pub fn name_of(&self, names: &[Rc<str>], v: &Value) -> Option<Rc<str>> {
        if let Some(n) = names
            .iter()
            .find(|n| v.py_eq(&Value::str(n)).unwrap_or(false))
        {
            return Some(n.clone());
        }
        if let Value::Obj(o) = v
            && let Some(i) = self
                .members
                .iter()
                .position(|m| matches!(m, Value::Obj(x) if Rc::ptr_eq(x, o)))
        {
            return names.get(i).cloned();
        }
        self.members
            .iter()
            .position(|m| m.py_eq(v).unwrap_or(false))
            .and_then(|i| names.get(i).cloned())
    }

    /// The member stored under `name`.
    pub fn member(&self, names: &[Rc<str>], name: &str) -> Option<Value> {
        names
            .iter()
            .position(|n| &**n == name)
            .and_then(|i| self.members.get(i).cloned())
    }
}

/// `Numeric(precision, scale, decimal_return_scale, asdecimal)`, and the
/// types SQLAlchemy derives from it that read `Decimal`s: `DECIMAL(p, s)`
/// and `Float(asdecimal=True)`.
#[derive(Clone, Debug, PartialEq)]
pub struct NumericType {
    /// The DDL name: `NUMERIC`, `DECIMAL` or `FLOAT`.
    pub sql_name: &'static str,
    pub precision: Option<u32>,
    pub scale: Option<u32>,
    /// Values read back as `Decimal` (else as SQLite gives them).
    pub asdecimal: bool,
    /// `decimal_return_scale=`: the digits after the point a read value
    /// keeps, when not the scale.
    pub return_scale: Option<u32>,
}

impl NumericType {
    /// `Numeric()`: no precision or scale, read as `Decimal`.
    pub const PLAIN: NumericType = NumericType {
        sql_name: "NUMERIC",
        precision: None,
        scale: None,
        asdecimal: true,
        return_scale: None,
    };

    /// SQLAlchemy's `_effective_decimal_return_scale`: the return scale,
    /// else the scale, else 10.
    pub fn effective_scale(&self) -> u32 {
        self.return_scale.or(self.scale).unwrap_or(10)
    }

    /// `NUMERIC`, `NUMERIC(10)`, `DECIMAL(8, 3)`, `FLOAT`.
    fn ddl(&self) -> String {
        match (self.sql_name, self.precision, self.scale) {
            ("FLOAT", _, _) | (_, None, _) => self.sql_name.into(),
            (n, Some(p), None) => format!("{n}({p})"),
            (n, Some(p), Some(s)) => format!("{n}({p}, {s})"),
        }
    }
}

/// What a type's keyword arguments add to it, as SQLAlchemy keeps them on
/// the type object: `String(collation=…)`, `Text(length)`,
/// `Enum(…, length=, create_constraint=, name=)`,
/// `Boolean(create_constraint=, name=)`, `JSON(none_as_null=)`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TypeOptions {
    /// `COLLATE name` after the type in the DDL.
    pub collation: Option<Rc<str>>,
    /// A length the type writes in its DDL (`TEXT(200)`, an Enum's
    /// `VARCHAR(n)` when given).
    pub length: Option<u32>,
    /// `Float(precision=N)`: `FLOAT(N)` in PostgreSQL's DDL (SQLAlchemy's
    /// SQLite dialect writes `FLOAT` whatever it is).
    pub precision: Option<u32>,
    /// `create_constraint=True`: a `CHECK (col IN (…))` in the table, named
    /// by the type's `name=` when given.
    pub check: Option<Option<Rc<str>>>,
    /// `JSON(none_as_null=True)`: `None` is stored as SQL NULL rather than
    /// JSON `null`.
    pub none_as_null: bool,
    /// `DateTime(timezone=True)`, `Time(timezone=True)`: `TIMESTAMP WITH
    /// TIME ZONE` on PostgreSQL (SQLite's DATETIME has no zone either way).
    pub timezone: bool,
    /// The constructor's arguments SQLAlchemy's `repr()` of the type shows
    /// (those given that differ from their defaults), each a name and its
    /// repr, in the order of the signature: `String(length=80)`.
    pub shown: Vec<(Rc<str>, Rc<str>)>,
    /// The upper-case SQL type class when the type is one (`db.INTEGER`,
    /// `db.CHAR(3)`, and every reflected column: `schema::sql_types`):
    /// its name in `repr()`, the DDL and `.export python`.
    pub class: Option<&'static str>,
}

impl ColumnType {
    /// The DDL type with what the options add (`VARCHAR(80) COLLATE
    /// "NOCASE"`, `TEXT(200)`), as SQLAlchemy's SQLite type compiler writes
    /// it; `quote` quotes the collation name as an identifier.
    pub fn ddl_with(&self, opts: &TypeOptions, quote: impl Fn(&str) -> String) -> String {
        let mut s = match (self, opts.length) {
            (ColumnType::Text | ColumnType::UnicodeText, Some(n)) => format!("TEXT({n})"),
            (ColumnType::Enum(_), Some(n)) => format!("VARCHAR({n})"),
            _ => self.ddl(),
        };
        if let Some(class) = opts.class {
            // The class's own name for the generic one: `CHAR(3)` for
            // `VARCHAR(3)`, `REAL` for `FLOAT`, `TIMESTAMP`; `UUID` for
            // the generic `Uuid`'s `CHAR(32)`.
            let generic = s.find('(').unwrap_or(s.len());
            if matches!(self, ColumnType::Uuid) {
                s = class.to_owned();
            } else {
                s.replace_range(..generic, class);
            }
        }
        if let Some(c) = &opts.collation {
            s.push_str(" COLLATE ");
            s.push_str(&quote(c));
        }
        s
    }

    /// The body of the CHECK `create_constraint=True` adds for `column`
    /// (quoted by `quote`): `col IN (0, 1)` for a Boolean, `col IN ('a',
    /// 'b')` for an Enum; `None` for other types.
    pub fn check_sql(&self, column: &str, quote: impl Fn(&str) -> String) -> Option<String> {
        let values = match self {
            ColumnType::Boolean => "0, 1".to_string(),
            ColumnType::Enum(values) => values
                .iter()
                .map(|v| format!("'{}'", v.replace('\'', "''")))
                .collect::<Vec<_>>()
                .join(", "),
            _ => return None,
        };
        Some(format!("{} IN ({values})", quote(column)))
    }

    /// The type name as written in ormsh (`db.<name>`), for messages.
    pub fn name(&self) -> &'static str {
        match self {
            ColumnType::Integer => "Integer",
            ColumnType::BigInteger => "BigInteger",
            ColumnType::SmallInteger => "SmallInteger",
            ColumnType::Float => "Float",
            ColumnType::Numeric(n) => match n.sql_name {
                "DECIMAL" => "DECIMAL",
                "FLOAT" => "Float",
                "DOUBLE" => "Double",
                _ => "Numeric",
            },
            ColumnType::Uuid => "Uuid",
            ColumnType::Interval => "Interval",
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
            ColumnType::Null => "NullType",
        }
    }

    /// The type in SQLite DDL, as SQLAlchemy emits it.
    pub fn ddl(&self) -> String {
        match self {
            ColumnType::Integer => "INTEGER".into(),
            ColumnType::BigInteger => "BIGINT".into(),
            ColumnType::SmallInteger => "SMALLINT".into(),
            ColumnType::Float => "FLOAT".into(),
            ColumnType::Numeric(n) => n.ddl(),
            ColumnType::Uuid => "CHAR(32)".into(),
            ColumnType::Interval => "DATETIME".into(),
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
            // `str(NullType())`; `create_all` refuses the column first.
            ColumnType::Null => "NULL".into(),
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

/// Every column type name ormsh accepts after `db.` (and bare, as the
/// reference's preamble binds them): the one table that lookup, the
/// names a stored declaration may use (`eval::pure::is_builtin`) and
/// `.export python`'s `Integer = db.Integer` lines
/// (`persist::export_imports`) read, in that order.
pub const TYPE_NAMES: &[&str] = &[
    "Integer",
    "BigInteger",
    "SmallInteger",
    "Float",
    "Numeric",
    "DECIMAL",
    "Uuid",
    "Interval",
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
