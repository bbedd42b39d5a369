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
//!   `tag.products`); composite foreign keys get no relationship.

use std::collections::HashMap;

use crate::schema::inflect::{attr_name, class_name, plural_snake, snake, unique_name, words};
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
}

#[derive(Clone, Debug, Default)]
pub struct TableInfo {
    pub name: String,
    pub columns: Vec<ColumnInfo>,
    pub foreign_keys: Vec<ForeignKeyInfo>,
    pub indexes: Vec<IndexInfo>,
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

/// A declared SQLite type as an ormsh column type. Exact names first
/// (INTEGER/INT, BIGINT, SMALLINT/TINYINT, VARCHAR(n)/CHAR(n)/NVARCHAR(n),
/// TEXT/CLOB, REAL/FLOAT/DOUBLE, NUMERIC/DECIMAL(p,s), BOOLEAN, DATE,
/// DATETIME/TIMESTAMP, TIME, BLOB, JSON), then SQLite's affinity rules
/// (…INT… → Integer, …CHAR…/…TEXT… → String/Text, …BLOB… → LargeBinary,
/// …REAL…/…FLOA…/…DOUB… → Float); anything else, and no type at all, is
/// Text, which reads every stored value back unchanged.
pub fn map_type(decl: &str) -> ColumnType {
    let up = decl.trim().to_ascii_uppercase();
    let (base, args) = match up.split_once('(') {
        Some((b, rest)) => (
            b.trim().to_string(),
            rest.trim_end_matches(')')
                .split(',')
                .filter_map(|a| a.trim().parse::<u32>().ok())
                .collect::<Vec<u32>>(),
        ),
        None => (up.clone(), Vec::new()),
    };
    let base = base.split_whitespace().collect::<Vec<_>>().join(" ");
    let len = args.first().copied();
    match base.as_str() {
        "INTEGER" | "INT" | "MEDIUMINT" => ColumnType::Integer,
        "BIGINT" | "INT8" | "UNSIGNED BIG INT" => ColumnType::BigInteger,
        "SMALLINT" | "TINYINT" | "INT2" => ColumnType::SmallInteger,
        "VARCHAR" | "NVARCHAR" | "CHAR" | "NCHAR" | "CHARACTER" | "VARYING CHARACTER"
        | "NATIVE CHARACTER" | "STRING" => ColumnType::String(len),
        "TEXT" | "CLOB" | "NTEXT" => ColumnType::Text,
        "REAL" | "FLOAT" | "DOUBLE" | "DOUBLE PRECISION" => ColumnType::Float,
        "NUMERIC" | "DECIMAL" => ColumnType::Numeric(match args.as_slice() {
            [p, s, ..] => Some((*p, *s)),
            [p] => Some((*p, 0)),
            [] => None,
        }),
        "BOOLEAN" | "BOOL" => ColumnType::Boolean,
        "DATE" => ColumnType::Date,
        "DATETIME" | "TIMESTAMP" => ColumnType::DateTime,
        "TIME" => ColumnType::Time,
        "BLOB" | "BINARY" | "VARBINARY" | "IMAGE" | "BYTEA" => ColumnType::LargeBinary,
        "JSON" => ColumnType::Json,
        b if b.contains("INT") => ColumnType::Integer,
        b if b.contains("CHAR") => ColumnType::String(len),
        b if b.contains("CLOB") || b.contains("TEXT") => ColumnType::Text,
        b if b.contains("BLOB") => ColumnType::LargeBinary,
        b if b.contains("REAL") || b.contains("FLOA") || b.contains("DOUB") => ColumnType::Float,
        _ => ColumnType::Text,
    }
}

/// A column type as ormsh (and Flask-SQLAlchemy) source: `db.String(80)`.
pub fn type_source(t: &ColumnType) -> String {
    match t {
        ColumnType::String(Some(n)) => format!("db.String({n})"),
        ColumnType::Unicode(Some(n)) => format!("db.Unicode({n})"),
        ColumnType::Numeric(Some((p, s))) => format!("db.Numeric({p}, {s})"),
        ColumnType::Enum(values) => format!(
            "db.Enum({})",
            values
                .iter()
                .map(|v| str_repr(v))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => format!("db.{}", other.name()),
    }
}

/// The relationship name a foreign-key column suggests: without its
/// `_id` / `Id` / `ID` suffix, in snake case.
fn fk_base(column: &str) -> String {
    let trimmed = ["_id", "_ID", "_Id", "Id", "ID"]
        .iter()
        .find_map(|s| column.strip_suffix(s).filter(|r| !r.is_empty()))
        .unwrap_or(column);
    let base = words(trimmed).join("_");
    attr_name(if base.is_empty() { column } else { &base })
}

struct Target {
    class: String,
    pk: Vec<String>,
    reflected: bool,
}

/// Plan the definitions for `tables`, given the models already defined and
/// a test for class names that are taken otherwise (built-ins).
pub fn plan(tables: &[TableInfo], known: &[KnownModel], name_taken: &dyn Fn(&str) -> bool) -> Plan {
    let mut plan = Plan::default();
    // Foreign keys in the order of their first column.
    let tables: Vec<TableInfo> = tables
        .iter()
        .map(|t| {
            let mut t = t.clone();
            let pos = |f: &ForeignKeyInfo| {
                t.columns
                    .iter()
                    .position(|c| f.columns.first() == Some(&c.name))
                    .unwrap_or(usize::MAX)
            };
            let mut fks = t.foreign_keys.clone();
            fks.sort_by_key(pos);
            t.foreign_keys = fks;
            t
        })
        .collect();
    let tables = tables.as_slice();
    let mut sorted: Vec<&TableInfo> = tables.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let mut targets: HashMap<String, Target> = HashMap::new();
    // Attribute names in use per class, for clash checks.
    let mut attrs: HashMap<String, Vec<String>> = HashMap::new();
    for k in known {
        targets.entry(k.table.clone()).or_insert(Target {
            class: k.name.clone(),
            pk: k.pk.clone(),
            reflected: false,
        });
        attrs.insert(k.name.clone(), k.attrs.clone());
    }
    let model_tables: Vec<&TableInfo> = sorted
        .iter()
        .copied()
        .filter(|t| !is_association(t, tables, &targets))
        .collect();
    let assoc: Vec<&TableInfo> = sorted
        .iter()
        .copied()
        .filter(|t| is_association(t, tables, &targets))
        .collect();
    for t in &model_tables {
        let base = class_name(&t.name);
        let taken = |n: &str| {
            name_taken(n)
                || known.iter().any(|k| k.name == n)
                || targets.values().any(|x| x.class == n)
        };
        let class = if taken(&base) {
            (2..)
                .map(|i| format!("{base}{i}"))
                .find(|n| !taken(n))
                .expect("a free number")
        } else {
            base
        };
        let mut pk: Vec<&ColumnInfo> = t.columns.iter().filter(|c| c.pk > 0).collect();
        pk.sort_by_key(|c| c.pk);
        targets.insert(
            t.name.clone(),
            Target {
                class: class.clone(),
                pk: if pk.is_empty() {
                    vec!["rowid".into()]
                } else {
                    pk.iter().map(|c| c.name.clone()).collect()
                },
                reflected: true,
            },
        );
    }
    // Members per reflected class, in order: (attr, source).
    let mut members: HashMap<String, Vec<String>> = HashMap::new();
    // Column name → attribute, per table.
    let mut col_attrs: HashMap<String, HashMap<String, String>> = HashMap::new();
    for t in &model_tables {
        let class = targets[&t.name].class.clone();
        let (lines, names, map) = column_members(t, &targets, &mut plan.notes);
        members.insert(class.clone(), lines);
        attrs.insert(class.clone(), names);
        col_attrs.insert(t.name.clone(), map);
    }
    // Many-to-one relationships and their back-references.
    for t in &model_tables {
        let class = targets[&t.name].class.clone();
        let single: Vec<&ForeignKeyInfo> = t
            .foreign_keys
            .iter()
            .filter(|f| f.columns.len() == 1 && targets.contains_key(&f.ref_table))
            .collect();
        for fk in &single {
            let target = &targets[&fk.ref_table];
            let tclass = target.class.clone();
            let col_attr = col_attrs[&t.name][&fk.columns[0]].clone();
            let own = attrs.get(&class).cloned().unwrap_or_default();
            let base = fk_base(&fk.columns[0]);
            let name = if !own.contains(&base) {
                base.clone()
            } else if !own.contains(&snake(&tclass)) {
                snake(&tclass)
            } else {
                unique_name(&format!("{base}_{}", snake(&tclass)), |n| {
                    own.iter().any(|a| a == n)
                })
            };
            let several = single
                .iter()
                .filter(|f| f.ref_table == fk.ref_table)
                .count()
                > 1;
            let plural = plural_snake(&class);
            let back_base = if several {
                format!("{name}_{plural}")
            } else {
                plural
            };
            let theirs = attrs.get(&tclass).cloned().unwrap_or_default();
            let mut back = unique_name(&back_base, |n| theirs.iter().any(|a| a == n));
            if tclass == class && back == name {
                back = unique_name(&format!("{back}_of"), |n| {
                    theirs.iter().any(|a| a == n) || n == name
                });
            }
            let mut src = format!(
                "{name} = db.relationship({}, foreign_keys=[{col_attr}], backref={}",
                str_repr(&tclass),
                str_repr(&back)
            );
            if tclass == class {
                let remote = fk.ref_columns[0]
                    .clone()
                    .or_else(|| target.pk.first().cloned())
                    .unwrap_or_default();
                if let Some(a) = col_attrs[&t.name].get(&remote) {
                    src.push_str(&format!(", remote_side=[{a}]"));
                }
            }
            src.push(')');
            members.entry(class.clone()).or_default().push(src);
            attrs.entry(class.clone()).or_default().push(name);
            attrs.entry(tclass).or_default().push(back);
        }
        for fk in t.foreign_keys.iter().filter(|f| f.columns.len() > 1) {
            plan.notes.push(format!(
                "{}: the composite foreign key ({}) → {} gets no relationship",
                t.name,
                fk.columns.join(", "),
                fk.ref_table
            ));
        }
    }
    // Association tables and their many-to-many pairs.
    for t in &assoc {
        let var = attr_name(&snake(&t.name));
        let cols: Vec<String> = t
            .columns
            .iter()
            .map(|c| {
                let fk = t
                    .foreign_keys
                    .iter()
                    .find(|f| f.columns[0] == c.name)
                    .expect("association columns are foreign keys");
                let target = &targets[&fk.ref_table];
                let refcol = fk.ref_columns[0]
                    .clone()
                    .or_else(|| target.pk.first().cloned())
                    .unwrap_or_default();
                let mut s = format!(
                    "db.Column({}, {}, {}",
                    str_repr(&c.name),
                    type_source(&map_type(&c.decl_type)),
                    fk_source(&fk.ref_table, &refcol, fk)
                );
                if c.pk > 0 {
                    s.push_str(", primary_key=True");
                } else if c.notnull {
                    s.push_str(", nullable=False");
                }
                s.push(')');
                s
            })
            .collect();
        plan.items.push(Item {
            kind: ItemKind::Table,
            name: t.name.clone(),
            table: t.name.clone(),
            source: format!(
                "{var} = db.Table({},\n    {})\n",
                str_repr(&t.name),
                cols.join(",\n    ")
            ),
        });
        let (a, b) = (
            &targets[&t.foreign_keys[0].ref_table],
            &targets[&t.foreign_keys[1].ref_table],
        );
        let (host, other) = match (a.reflected, b.reflected) {
            (true, _) => (a, b),
            (false, true) => (b, a),
            _ => {
                plan.notes.push(format!(
                    "{}: links two models defined by hand; add the many-to-many relationship to them yourself (secondary='{}')",
                    t.name, t.name
                ));
                continue;
            }
        };
        let host_attrs = attrs.get(&host.class).cloned().unwrap_or_default();
        let other_attrs = attrs.get(&other.class).cloned().unwrap_or_default();
        let fwd = unique_name(&plural_snake(&other.class), |n| {
            host_attrs.iter().any(|a| a == n)
        });
        let back = unique_name(&plural_snake(&host.class), |n| {
            other_attrs.iter().any(|a| a == n)
        });
        let src = format!(
            "{fwd} = db.relationship({}, secondary={}, backref={})",
            str_repr(&other.class),
            str_repr(&t.name),
            str_repr(&back)
        );
        let (hc, oc) = (host.class.clone(), other.class.clone());
        members.entry(hc.clone()).or_default().push(src);
        attrs.entry(hc).or_default().push(fwd);
        attrs.entry(oc).or_default().push(back);
    }
    for t in &model_tables {
        let class = &targets[&t.name].class;
        let body = members.remove(class).unwrap_or_default();
        let mut src = format!(
            "model {class} <\n    __tablename__ = {}\n",
            str_repr(&t.name)
        );
        for m in body {
            src.push_str("    ");
            src.push_str(&m);
            src.push('\n');
        }
        src.push_str(">\n");
        plan.items.push(Item {
            kind: ItemKind::Model,
            name: class.clone(),
            table: t.name.clone(),
            source: src,
        });
    }
    plan
}

fn fk_source(table: &str, column: &str, fk: &ForeignKeyInfo) -> String {
    let mut s = format!("db.ForeignKey({}", str_repr(&format!("{table}.{column}")));
    fn action(a: &Option<String>) -> Option<&String> {
        a.as_ref().filter(|a| a.as_str() != "NO ACTION")
    }
    if let Some(a) = action(&fk.on_delete) {
        s.push_str(&format!(", ondelete={}", str_repr(a)));
    }
    if let Some(a) = action(&fk.on_update) {
        s.push_str(&format!(", onupdate={}", str_repr(a)));
    }
    s.push(')');
    s
}

/// Two columns, each a single-column foreign key, to two different tables.
fn association_shaped(t: &TableInfo) -> bool {
    let fks = &t.foreign_keys;
    fks.len() == 2
        && t.columns.len() == 2
        && fks
            .iter()
            .all(|f| f.columns.len() == 1 && f.ref_table != t.name)
        && fks[0].ref_table != fks[1].ref_table
        && fks[0].columns[0] != fks[1].columns[0]
}

/// Association-shaped, and both ends are tables that become (or are) models.
fn is_association(t: &TableInfo, all: &[TableInfo], known: &HashMap<String, Target>) -> bool {
    let is_model = |name: &str| {
        known.contains_key(name) || all.iter().any(|x| x.name == name && !association_shaped(x))
    };
    association_shaped(t) && t.foreign_keys.iter().all(|f| is_model(&f.ref_table))
}

/// The column members of a reflected model: (sources, attribute names,
/// column name → attribute).
fn column_members(
    t: &TableInfo,
    targets: &HashMap<String, Target>,
    notes: &mut Vec<String>,
) -> (Vec<String>, Vec<String>, HashMap<String, String>) {
    let mut lines = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut map = HashMap::new();
    let has_pk = t.columns.iter().any(|c| c.pk > 0);
    if !has_pk {
        lines.push("rowid = db.Column('rowid', db.Integer, primary_key=True)".to_string());
        names.push("rowid".into());
        map.insert("rowid".to_string(), "rowid".to_string());
        notes.push(format!(
            "{}: no primary key; SQLite's rowid is mapped as the primary key",
            t.name
        ));
    }
    let single_uniques: Vec<&IndexInfo> = t
        .indexes
        .iter()
        .filter(|i| i.columns.len() == 1 && i.origin != "pk")
        .collect();
    for c in &t.columns {
        let attr = unique_name(&attr_name(&c.name), |n| names.iter().any(|a| a == n));
        let ty = map_type(&c.decl_type);
        let mut args = Vec::new();
        if attr != c.name {
            args.push(str_repr(&c.name));
        }
        args.push(type_source(&ty));
        if let Some(fk) = t
            .foreign_keys
            .iter()
            .find(|f| f.columns.len() == 1 && f.columns[0] == c.name)
            && let Some(target) = targets.get(&fk.ref_table)
        {
            let refcol = fk.ref_columns[0]
                .clone()
                .or_else(|| target.pk.first().cloned())
                .unwrap_or_default();
            args.push(fk_source(&fk.ref_table, &refcol, fk));
        }
        if c.pk > 0 {
            args.push("primary_key=True".into());
        } else if c.notnull {
            args.push("nullable=False".into());
        }
        let idx: Vec<&&IndexInfo> = single_uniques
            .iter()
            .filter(|i| i.columns[0] == c.name)
            .collect();
        if idx.iter().any(|i| i.unique) {
            args.push("unique=True".into());
        }
        if idx.iter().any(|i| i.origin == "c") {
            args.push("index=True".into());
        }
        if let Some(d) = &c.default {
            args.push(format!("server_default=db.text({})", str_repr(d)));
        }
        lines.push(format!("{attr} = db.Column({})", args.join(", ")));
        map.insert(c.name.clone(), attr.clone());
        names.push(attr);
    }
    for i in t
        .indexes
        .iter()
        .filter(|i| i.columns.len() > 1 && i.origin != "pk")
    {
        notes.push(format!(
            "{}: the {} on ({}) stays in the database but is not part of the model",
            t.name,
            if i.unique {
                "unique constraint"
            } else {
                "index"
            },
            i.columns.join(", ")
        ));
    }
    (lines, names, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types() {
        assert_eq!(map_type("INTEGER"), ColumnType::Integer);
        assert_eq!(map_type("varchar(40)"), ColumnType::String(Some(40)));
        assert_eq!(map_type("NVARCHAR(160)"), ColumnType::String(Some(160)));
        assert_eq!(
            map_type("NUMERIC(10,2)"),
            ColumnType::Numeric(Some((10, 2)))
        );
        assert_eq!(map_type("DOUBLE PRECISION"), ColumnType::Float);
        assert_eq!(map_type("UNSIGNED BIG INT"), ColumnType::BigInteger);
        assert_eq!(map_type(""), ColumnType::Text);
        assert_eq!(map_type("MONEY"), ColumnType::Text);
        assert_eq!(map_type("TIMESTAMP"), ColumnType::DateTime);
        assert_eq!(map_type("blob"), ColumnType::LargeBinary);
    }

    #[test]
    fn fk_names() {
        assert_eq!(fk_base("customer_id"), "customer");
        assert_eq!(fk_base("SupportRepId"), "support_rep");
        assert_eq!(fk_base("ArtistId"), "artist");
        assert_eq!(fk_base("reports_to"), "reports_to");
        assert_eq!(fk_base("id"), "id");
    }
}
