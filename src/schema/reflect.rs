//! Reflection as a pure plan: tables described as plain data (what
//! `PRAGMA table_info`, `foreign_key_list` and `index_list` say) become
//! ormsh source text — one `model` block per table and one `db.Table(...)`
//! per pure association table — which the interpreter then runs like any
//! other definition. One code path: reflected models are real models, with
//! their source ready for `.export` and `_ormsh_models`.
//!
//! Decisions (README, "Reflection"):
//! - class names: `inflect::class_name`; a name already taken (a defined
//!   model, an earlier table, a built-in such as `Table` or `Text`) gets
//!   `2`, `3`, … appended, tables taken in name order;
//! - a table without a primary key maps SQLite's `rowid` as an Integer
//!   primary key named `rowid`;
//! - many-to-one per single-column foreign key, named after the column
//!   without its `_id`/`Id` suffix (`customer_id` → `customer`,
//!   `SupportRepId` → `support_rep`); when that is already a column, the
//!   target's snake-case name (`reports_to` → `employee`); then `_2`, …;
//! - its back-reference: the referencing model's plural in snake case
//!   (`customer.orders`); when a model has several foreign keys to the same
//!   table, `<relationship>_<plural>` (`origin_flights`); then `_2`, …;
//! - pure association tables (exactly two single-column foreign keys to two
//!   different model tables, no other columns) become `db.Table`s and a
//!   many-to-many pair named with each side's plural (`product.tags`,
//!   `tag.products`); composite foreign keys get no relationship;
//! - a relationship of a model defined by hand between its table and a
//!   reflected one (or through a reflected association table) replaces
//!   what reflection would infer between them: no reflected relationship
//!   over those foreign keys, the user's `backref=` name reserved, and a
//!   `back_populates=` answered by the reflected class
//!   (`schema::reflect_cover`).

use crate::schema::types::ColumnType;
use crate::value::repr::str_repr;

#[derive(Clone, Debug, Default)]
pub struct ColumnInfo {
    pub name: String,
    /// The declared type, as written in CREATE TABLE (may be empty).
    pub decl_type: String,
    pub notnull: bool,
    /// The DEFAULT expression's SQL text.
    pub default: Option<String>,
    /// Position in the primary key (1-based), 0 when not part of it.
    pub pk: u32,
    /// A generated column: its expression and whether it is STORED
    /// (`PRAGMA table_xinfo`'s hidden 3) or VIRTUAL (2).
    pub generated: Option<(String, bool)>,
    /// The type as source where the database's own dialect reflects a
    /// type SQLite's rules would not (PostgreSQL's `uuid` as `db.Uuid`,
    /// `interval` as `db.Interval`, `timestamp with time zone` as
    /// `db.TIMESTAMP(timezone=True)`); `None`: read `decl_type`.
    pub type_source: Option<String>,
}

impl ColumnInfo {
    /// The column's type as ormsh source (`db.VARCHAR(80)`, `db.Uuid`).
    pub fn type_source(&self) -> String {
        self.type_source
            .clone()
            .unwrap_or_else(|| crate::schema::sql_types::reflect_type(&self.decl_type).source())
    }
}

#[derive(Clone, Debug, Default)]
pub struct ForeignKeyInfo {
    pub columns: Vec<String>,
    pub ref_table: String,
    /// None where the constraint names no column (the target's primary key).
    pub ref_columns: Vec<Option<String>>,
    pub on_delete: Option<String>,
    pub on_update: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct IndexInfo {
    pub name: String,
    pub unique: bool,
    /// `c` (CREATE INDEX), `u` (UNIQUE constraint) or `pk`.
    pub origin: String,
    pub columns: Vec<String>,
    /// A term is an expression (`lower(email)`): SQLAlchemy's reflection
    /// skips the index, with a warning.
    pub expression: bool,
    /// A partial index's `WHERE` condition, as SQLAlchemy reflects it
    /// (`sqlite_where=text(…)`).
    pub where_sql: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct TableInfo {
    pub name: String,
    pub columns: Vec<ColumnInfo>,
    pub foreign_keys: Vec<ForeignKeyInfo>,
    pub indexes: Vec<IndexInfo>,
    /// A `WITHOUT ROWID` table (its primary key is NOT NULL, it has no
    /// rowid).
    pub without_rowid: bool,
    /// A `STRICT` table.
    pub strict: bool,
    /// Its indexes are the model's by name (`db.Index('ix_a', 'a')` in
    /// `__table_args__`, as SQLAlchemy reflects them) rather than a
    /// column's `index=True` (SQLite's reflection; PostgreSQL's keeps
    /// `index=True`).
    pub named_indexes: bool,
    /// A view: no rowid and no key of its own (`view_key` gives one).
    pub view: bool,
    /// A shadow table: the FTS or R*Tree index (a virtual table) whose
    /// data it holds. Mapped for reading; SQLite refuses writes to it.
    pub index_of: Option<String>,
}

/// The primary key a view is mapped with (it has none, and no rowid): its
/// `id` column when it has one, else all its columns (rows alike in every
/// column are one object).
pub fn view_key(columns: &mut [ColumnInfo]) {
    match columns.iter().position(|c| c.name == "id") {
        Some(i) => columns[i].pk = 1,
        None => {
            for (i, c) in columns.iter_mut().enumerate() {
                c.pk = i as u32 + 1;
            }
        }
    }
}

/// A model already defined (stored or typed in), as reflection must see it.
#[derive(Clone, Debug)]
pub struct KnownModel {
    pub name: String,
    pub table: String,
    /// Column and relationship attribute names (for back-reference clashes).
    pub attrs: Vec<String>,
    /// Primary-key column names.
    pub pk: Vec<String>,
    /// Its relationships as written: reflection gives way to them.
    pub rels: Vec<KnownRel>,
}

/// A relationship of a model defined by hand, as reflection must see it:
/// the foreign keys between its two tables (or its association table) are
/// the user's, and reflection infers nothing over them (README,
/// "Reflection").
#[derive(Clone, Debug, Default)]
pub struct KnownRel {
    pub name: String,
    /// The target class name, as written.
    pub target: String,
    /// The association table's name (`secondary=`), when one is named.
    pub secondary: Option<String>,
    /// `backref=`: the attribute it gives the target.
    pub backref: Option<String>,
    /// `back_populates=`: the attribute the target must have.
    pub back_populates: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ItemKind {
    Model,
    Table,
}

/// One definition to run: a model block or a `db.Table` statement.
#[derive(Clone, Debug)]
pub struct Item {
    pub kind: ItemKind,
    /// The class name, or the table name for a `db.Table`.
    pub name: String,
    pub table: String,
    pub source: String,
}

#[derive(Default, Debug)]
pub struct Plan {
    pub items: Vec<Item>,
    /// What could not be mapped, for the user.
    pub notes: Vec<String>,
}

/// A declared SQLite type as the generic ormsh column type of the class
/// SQLAlchemy's SQLite dialect reflects it to (`schema::sql_types`):
/// `CHAR(3)` is a `String(3)`, `MONEY` a `Numeric` read as `Decimal`, no
/// type or …BLOB… `NullType`, which binds and reads every value as it is.
pub fn map_type(decl: &str) -> ColumnType {
    crate::schema::sql_types::reflect_type(decl).column_type()
}

/// A column type as ormsh (and Flask-SQLAlchemy) source: `db.String(80)`;
/// empty for `NullType`, which a `db.Column()` without a type gives.
pub fn type_source(t: &ColumnType) -> String {
    match t {
        ColumnType::String(Some(n)) => format!("db.String({n})"),
        ColumnType::Unicode(Some(n)) => format!("db.Unicode({n})"),
        ColumnType::Numeric(n) if n.precision.is_some() => format!(
            "db.{}({})",
            t.name(),
            [n.precision, n.scale]
                .iter()
                .flatten()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        ColumnType::Enum(values) => format!(
            "db.Enum({})",
            values
                .iter()
                .map(|v| str_repr(v))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        // `db.Column()` with no type is SQLAlchemy's `NullType`.
        ColumnType::Null => String::new(),
        other => format!("db.{}", other.name()),
    }
}

pub use crate::schema::reflect_plan::plan;

/// Foreign keys naming their target table or columns in another case
/// than the file does (`REFERENCES author(id)` for table `Author`, column
/// `Id`): SQLite matches such names without regard to case, so each is
/// given the name the target has, among `tables` and the tables of
/// `other` (models already defined, whose columns are not looked at).
pub fn match_fk_case(tables: &mut [TableInfo], other: &[String]) {
    // By lower-case name: (the name, its columns); the other tables' names.
    let real: std::collections::HashMap<String, (String, Vec<String>)> = (tables.iter())
        .map(|t| {
            let cols = t.columns.iter().map(|c| c.name.clone()).collect();
            (t.name.to_lowercase(), (t.name.clone(), cols))
        })
        .collect();
    let others: std::collections::HashMap<String, &String> =
        other.iter().map(|n| (n.to_lowercase(), n)).collect();
    for t in tables.iter_mut() {
        for fk in &mut t.foreign_keys {
            let lower = fk.ref_table.to_lowercase();
            if let Some((name, cols)) = real.get(&lower) {
                if *name == fk.ref_table {
                    continue;
                }
                fk.ref_table = name.clone();
                for rc in fk.ref_columns.iter_mut().flatten() {
                    if let Some(c) = cols.iter().find(|c| c.eq_ignore_ascii_case(rc)) {
                        *rc = c.clone();
                    }
                }
            } else if let Some(name) = others.get(&lower) {
                fk.ref_table = (*name).clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::types::NumericType;

    #[test]
    fn types() {
        assert_eq!(map_type("INTEGER"), ColumnType::Integer);
        assert_eq!(map_type("varchar(40)"), ColumnType::String(Some(40)));
        assert_eq!(map_type("NVARCHAR(160)"), ColumnType::Unicode(Some(160)));
        assert_eq!(
            map_type("NUMERIC(10,2)"),
            ColumnType::Numeric(NumericType {
                precision: Some(10),
                scale: Some(2),
                ..NumericType::PLAIN
            })
        );
        assert_eq!(map_type("DOUBLE PRECISION"), ColumnType::Float);
        assert_eq!(map_type("VARYING CHARACTER(20)"), ColumnType::Text);
        let numeric = ColumnType::Numeric(NumericType::PLAIN);
        assert_eq!(map_type("STRING"), numeric);
        assert_eq!(map_type(""), ColumnType::Null);
        assert_eq!(map_type("MYBLOB"), ColumnType::Null);
        assert_eq!(map_type("TIMESTAMP"), ColumnType::DateTime);
        assert_eq!(map_type("blob"), ColumnType::LargeBinary);
    }

    #[test]
    fn fk_names() {
        assert_eq!(
            crate::schema::reflect_plan::fk_base("customer_id"),
            "customer"
        );
        assert_eq!(
            crate::schema::reflect_plan::fk_base("SupportRepId"),
            "support_rep"
        );
        assert_eq!(crate::schema::reflect_plan::fk_base("ArtistId"), "artist");
        assert_eq!(
            crate::schema::reflect_plan::fk_base("reports_to"),
            "reports_to"
        );
        assert_eq!(crate::schema::reflect_plan::fk_base("id"), "id");
    }
}
