//! Column types in PostgreSQL's DDL, as SQLAlchemy's `PGTypeCompiler`
//! writes them (issue 19, in progress), and the key column `CREATE TABLE`
//! writes as `SERIAL` (`PGDDLCompiler.get_column_specification`).

use super::column::Column;
use super::types::{ColumnType, EnumValues, TypeOptions};

impl EnumValues {
    /// The type's `name=` (SQLAlchemy's `Enum.name`): as given (kept, as
    /// its repr shows it, in the options), else the enum class's name in
    /// lower case.
    pub fn type_name(&self, opts: &TypeOptions) -> Option<String> {
        if let Some((_, shown)) = opts.shown.iter().find(|(k, _)| &**k == "name") {
            let inner = shown.strip_prefix('\'').and_then(|s| s.strip_suffix('\''));
            return Some(inner.unwrap_or(shown).to_string());
        }
        self.class.as_ref().map(|c| c.name.to_lowercase())
    }

    /// `native_enum=` (True unless given False, which the repr shows).
    pub fn native(&self, opts: &TypeOptions) -> bool {
        !opts
            .shown
            .iter()
            .any(|(k, v)| &**k == "native_enum" && &**v == "False")
    }

    /// The PostgreSQL `ENUM` type this column needs created first: its
    /// name and values, when the type is native (`native_enum=True`) and
    /// named; `None` otherwise.
    pub fn native_type(&self, opts: &TypeOptions) -> Option<(String, Vec<String>)> {
        if !self.native(opts) {
            return None;
        }
        let name = self.type_name(opts)?;
        Some((name, self.names.iter().map(|n| n.to_string()).collect()))
    }
}

impl ColumnType {
    /// The type in PostgreSQL DDL: `VARCHAR(80)`, `BOOLEAN`, `TIMESTAMP
    /// WITHOUT TIME ZONE`, `NUMERIC(10, 2)`, `BYTEA`, `UUID`, `JSON`. A
    /// native `Enum` is its type's quoted name (created first by `CREATE
    /// TYPE … AS ENUM`, `eval::ddl_enum`), a `native_enum=False` one its
    /// `VARCHAR(n)`.
    pub fn ddl_postgresql(&self, opts: &TypeOptions, quote: impl Fn(&str) -> String) -> String {
        let mut s = match self {
            ColumnType::Float => match opts.precision {
                Some(p) => format!("FLOAT({p})"),
                None => "FLOAT".into(),
            },
            ColumnType::Numeric(n) => match (n.sql_name, n.precision, n.scale) {
                ("DOUBLE", _, _) => "DOUBLE PRECISION".into(),
                ("FLOAT", Some(p), _) => format!("FLOAT({p})"),
                ("FLOAT", _, _) | (_, None, _) => n.sql_name.into(),
                (name, Some(p), None) => format!("{name}({p})"),
                (name, Some(p), Some(sc)) => format!("{name}({p}, {sc})"),
            },
            ColumnType::Uuid => "UUID".into(),
            ColumnType::Interval => "INTERVAL".into(),
            ColumnType::DateTime if opts.timezone => "TIMESTAMP WITH TIME ZONE".into(),
            ColumnType::DateTime => "TIMESTAMP WITHOUT TIME ZONE".into(),
            ColumnType::Time if opts.timezone => "TIME WITH TIME ZONE".into(),
            ColumnType::Time => "TIME WITHOUT TIME ZONE".into(),
            ColumnType::LargeBinary => "BYTEA".into(),
            ColumnType::Text | ColumnType::UnicodeText if opts.length.is_some() => {
                format!("TEXT({})", opts.length.unwrap_or_default())
            }
            ColumnType::Enum(ev) if let Some((name, _)) = ev.native_type(opts) => quote(&name),
            ColumnType::Enum(_) if opts.length.is_some() => {
                format!("VARCHAR({})", opts.length.unwrap_or_default())
            }
            other => other.ddl(),
        };
        // An upper-case class writes its own name for the generic one
        // (`CHAR(3)` for `VARCHAR(3)`, `REAL` for `FLOAT`, `DOUBLE`), but
        // for `TIMESTAMP` and `TIME`, which PostgreSQL's compiler spells
        // out (`TIMESTAMP WITHOUT TIME ZONE`), and a native enum's name.
        if let Some(class) = opts.class
            && !matches!(class, "TIMESTAMP" | "TIME")
            && !matches!(self, ColumnType::Enum(_))
        {
            let generic = s.find('(').unwrap_or(s.len());
            s.replace_range(..generic, class);
        }
        if let Some(c) = &opts.collation {
            s.push_str(" COLLATE ");
            s.push_str(&quote(c));
        }
        s
    }

    /// `SERIAL`, `BIGSERIAL` or `SMALLSERIAL` for an autoincrementing key
    /// of this type.
    pub fn serial_postgresql(&self) -> Option<&'static str> {
        match self {
            ColumnType::Integer => Some("SERIAL"),
            ColumnType::BigInteger => Some("BIGSERIAL"),
            ColumnType::SmallInteger => Some("SMALLSERIAL"),
            _ => None,
        }
    }
}

/// The table's autoincrement column (SQLAlchemy's
/// `Table._autoincrement_column`): its one integer primary-key column,
/// unless `autoincrement=False`, or — left to `"auto"` — it has a default,
/// a server default or a foreign key.
pub fn autoincrement_column(cols: &[Column]) -> Option<&Column> {
    let mut keys = cols.iter().filter(|c| c.primary_key);
    let key = keys.next()?;
    if keys.next().is_some() || !key.ty.is_integer() {
        return None;
    }
    match key.autoincrement {
        Some(false) => None,
        Some(true) => Some(key).filter(|c| c.foreign_key.is_none()),
        None => Some(key).filter(|c| {
            c.default.is_none() && c.server_default.is_none() && c.foreign_key.is_none()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::types::NumericType;

    /// `str(CreateColumn(col).compile(dialect=postgresql.dialect()))`'s type
    /// part, for each SQLAlchemy type ormsh has.
    #[test]
    fn types_as_postgresql_writes_them() {
        let opts = TypeOptions::default();
        let numeric = |sql_name, precision, scale| {
            ColumnType::Numeric(NumericType {
                sql_name,
                precision,
                scale,
                asdecimal: true,
                return_scale: None,
            })
        };
        let cases = [
            (ColumnType::Integer, "INTEGER"),
            (ColumnType::BigInteger, "BIGINT"),
            (ColumnType::String(Some(80)), "VARCHAR(80)"),
            (ColumnType::String(None), "VARCHAR"),
            (ColumnType::Text, "TEXT"),
            (ColumnType::Boolean, "BOOLEAN"),
            (ColumnType::Date, "DATE"),
            (ColumnType::DateTime, "TIMESTAMP WITHOUT TIME ZONE"),
            (ColumnType::Time, "TIME WITHOUT TIME ZONE"),
            (ColumnType::LargeBinary, "BYTEA"),
            (ColumnType::Json, "JSON"),
            (ColumnType::Uuid, "UUID"),
            (ColumnType::Interval, "INTERVAL"),
            (ColumnType::Float, "FLOAT"),
            (numeric("NUMERIC", None, None), "NUMERIC"),
            (numeric("NUMERIC", Some(10), Some(2)), "NUMERIC(10, 2)"),
            (numeric("DOUBLE", None, None), "DOUBLE PRECISION"),
        ];
        for (ty, want) in cases {
            assert_eq!(ty.ddl_postgresql(&opts, str::to_owned), want, "{ty:?}");
        }
        let zoned = TypeOptions {
            timezone: true,
            ..TypeOptions::default()
        };
        assert_eq!(
            ColumnType::DateTime.ddl_postgresql(&zoned, str::to_owned),
            "TIMESTAMP WITH TIME ZONE"
        );
        assert_eq!(
            ColumnType::Time.ddl_postgresql(&zoned, str::to_owned),
            "TIME WITH TIME ZONE"
        );
        assert_eq!(ColumnType::Integer.serial_postgresql(), Some("SERIAL"));
        assert_eq!(
            ColumnType::BigInteger.serial_postgresql(),
            Some("BIGSERIAL")
        );
        assert_eq!(ColumnType::Text.serial_postgresql(), None);
    }
}
