//! What a PostgreSQL database says about a table, as the same plain data
//! SQLite's catalog gives (`schema::reflect::TableInfo`), read from
//! `pg_catalog` in the current schema (SQLAlchemy's PostgreSQL
//! `get_columns`, `get_pk_constraint`, `get_foreign_keys`, `get_indexes`,
//! `get_unique_constraints`): each type written as the SQLite name
//! reflection maps (`character varying(80)` as `VARCHAR(80)`), a `SERIAL`
//! key's `nextval(…)` default left out as the key's own numbering.

use std::rc::Rc;

use crate::engine::Engine;
use crate::error::Result;
use crate::schema::reflect::{ColumnInfo, ForeignKeyInfo, IndexInfo, TableInfo};
use crate::sql::ast::Param;
use crate::value::repr::str_repr;

fn text(p: &Param) -> Option<String> {
    match p {
        Param::Text(t) => Some(t.to_string()),
        Param::Int(i) => Some(i.to_string()),
        _ => None,
    }
}

fn int(p: &Param) -> i64 {
    match p {
        Param::Int(i) => *i,
        _ => 0,
    }
}

/// The table's `pg_class` row in the current schema.
const REL: &str = "(SELECT c.oid FROM pg_class c WHERE c.relname = ? AND c.relnamespace = current_schema()::regnamespace)";

/// PostgreSQL's name of a type (`format_type`) as the declared type
/// `reflect::map_type` reads.
pub fn decl_type(pg: &str) -> String {
    let (base, args) = match pg.split_once('(') {
        Some((b, rest)) => (b.trim(), format!("({}", rest.replace(' ', ""))),
        None => (pg.trim(), String::new()),
    };
    let name = match base {
        "character varying" => "VARCHAR",
        "character" => "CHAR",
        "timestamp without time zone" | "timestamp with time zone" => "TIMESTAMP",
        "time without time zone" | "time with time zone" => "TIME",
        "double precision" => "DOUBLE",
        "bytea" => "BLOB",
        other => return format!("{}{args}", other.to_uppercase()),
    };
    format!("{name}{args}")
}

/// The types PostgreSQL's dialect reflects that SQLite's rules would not
/// (`ischema_names`: `uuid` is `UUID`, `interval` is `INTERVAL`, a
/// `timestamp with time zone` is `TIMESTAMP(timezone=True)`, a native
/// enum its `ENUM` with the type's labels, `oid` an integer; `money`,
/// `inet`, `cidr`, `macaddr`, `tsvector`, the bit strings and ranges,
/// `name` and `"char"` read as the strings psycopg2 gives; `xml` and
/// `point`, which it does not recognize, `NullType`), as the ormsh source
/// of the generic type each behaves as. `labels`: the enum's, when the
/// column's type is one.
fn own_type_source(pg: &str, labels: Option<&str>) -> Option<String> {
    if let Some(labels) = labels {
        let values: Vec<String> = labels.split('\u{1}').map(str_repr).collect();
        return Some(format!(
            "db.Enum({}, name={})",
            values.join(", "),
            str_repr(pg.trim_matches('"'))
        ));
    }
    let base = pg.split('(').next().unwrap_or(pg).trim();
    Some(
        match base {
            "uuid" => "db.Uuid",
            "interval" => "db.Interval",
            "timestamp with time zone" => "db.TIMESTAMP(timezone=True)",
            "time with time zone" => "db.TIME(timezone=True)",
            "oid" => "db.Integer",
            "money" | "inet" | "cidr" | "macaddr" | "tsvector" | "bit" | "bit varying"
            | "int4range" | "int8range" | "name" | "\"char\"" => "db.String",
            "xml" | "point" => "",
            _ => return None,
        }
        .to_owned(),
    )
}

/// An `ON DELETE`/`ON UPDATE` action letter of `pg_constraint` as
/// SQLite's `foreign_key_list` spells it.
fn action(letter: &str) -> Option<String> {
    Some(
        match letter {
            "r" => "RESTRICT",
            "c" => "CASCADE",
            "n" => "SET NULL",
            "d" => "SET DEFAULT",
            _ => "NO ACTION",
        }
        .to_owned(),
    )
}

/// Everything reflection needs to know about one table or view.
pub fn describe(e: &Engine, table: &str) -> Result<TableInfo> {
    let name = [Param::Text(Rc::from(table))];
    let mut columns = Vec::new();
    for r in e.quiet_query(
        &format!(
            "SELECT a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull::int, \
             pg_get_expr(d.adbin, d.adrelid), \
             COALESCE((SELECT k.n::int FROM pg_index ix, unnest(ix.indkey) WITH ORDINALITY k(att, n) \
                       WHERE ix.indrelid = a.attrelid AND ix.indisprimary AND k.att = a.attnum), 0), \
             (SELECT string_agg(e.enumlabel::text, chr(1) ORDER BY e.enumsortorder) FROM pg_enum e \
              WHERE e.enumtypid = a.atttypid) \
             FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
             WHERE a.attrelid = {REL} AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"
        ),
        &name,
    )? {
        let default = text(&r[3]).filter(|d| !d.starts_with("nextval("));
        let pg_type = text(&r[1]).unwrap_or_default();
        columns.push(ColumnInfo {
            name: text(&r[0]).unwrap_or_default(),
            decl_type: decl_type(&pg_type),
            notnull: int(&r[2]) != 0,
            default,
            pk: int(&r[4]) as u32,
            generated: None,
            type_source: own_type_source(&pg_type, text(&r[5]).as_deref()),
        });
    }
    let mut foreign_keys = Vec::new();
    for r in e.quiet_query(
        &format!(
            "SELECT con.oid::int8, ref.relname::text, con.confupdtype::text, con.confdeltype::text, \
             (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(con.conkey) WITH ORDINALITY k(att, n) \
              JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.att), \
             (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(con.confkey) WITH ORDINALITY k(att, n) \
              JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.att) \
             FROM pg_constraint con JOIN pg_class ref ON ref.oid = con.confrelid \
             WHERE con.contype = 'f' AND con.conrelid = {REL} ORDER BY con.conname"
        ),
        &name,
    )? {
        let list = |p: &Param| -> Vec<String> {
            text(p)
                .map(|s| s.split(',').map(str::to_owned).collect())
                .unwrap_or_default()
        };
        foreign_keys.push(ForeignKeyInfo {
            columns: list(&r[4]),
            ref_table: text(&r[1]).unwrap_or_default(),
            ref_columns: list(&r[5]).into_iter().map(Some).collect(),
            on_update: text(&r[2]).and_then(|a| action(&a)),
            on_delete: text(&r[3]).and_then(|a| action(&a)),
        });
    }
    let mut indexes = Vec::new();
    for r in e.quiet_query(
        &format!(
            "SELECT i.relname::text, ix.indisunique::int, \
             CASE WHEN ix.indisprimary THEN 'pk' \
                  WHEN EXISTS (SELECT 1 FROM pg_constraint u WHERE u.conindid = ix.indexrelid AND u.contype = 'u') THEN 'u' \
                  ELSE 'c' END, \
             (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(ix.indkey) WITH ORDINALITY k(att, n) \
              JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.att) \
             FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid \
             WHERE ix.indrelid = {REL} ORDER BY i.relname"
        ),
        &name,
    )? {
        indexes.push(IndexInfo {
            name: text(&r[0]).unwrap_or_default(),
            unique: int(&r[1]) != 0,
            origin: text(&r[2]).unwrap_or_default(),
            columns: text(&r[3])
                .map(|s| s.split(',').map(str::to_owned).collect())
                .unwrap_or_default(),
            ..IndexInfo::default()
        });
    }
    let view = e
        .quiet_query(
            &format!("SELECT relkind::text FROM pg_class WHERE oid = {REL}"),
            &name,
        )?
        .first()
        .and_then(|r| text(&r[0]))
        .is_some_and(|k| k == "v" || k == "m");
    if view {
        crate::schema::reflect::view_key(&mut columns);
    }
    Ok(TableInfo {
        name: table.to_string(),
        columns,
        foreign_keys,
        indexes,
        without_rowid: false,
        view,
        index_of: None,
        ..TableInfo::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::reflect::map_type;
    use crate::schema::types::ColumnType;

    /// `format_type`'s names read as reflection maps SQLite's.
    #[test]
    fn pg_type_names() {
        assert_eq!(decl_type("character varying(80)"), "VARCHAR(80)");
        assert_eq!(decl_type("numeric(10,2)"), "NUMERIC(10,2)");
        assert_eq!(decl_type("timestamp without time zone"), "TIMESTAMP");
        assert_eq!(map_type(&decl_type("integer")), ColumnType::Integer);
        assert_eq!(map_type(&decl_type("boolean")), ColumnType::Boolean);
        assert_eq!(map_type(&decl_type("bytea")), ColumnType::LargeBinary);
        assert_eq!(
            map_type(&decl_type("character varying(5)")),
            ColumnType::String(Some(5))
        );
    }
}
