//! The DDL plan of a model: the CREATE TABLE and CREATE INDEX structures that
//! `sql::ddl` writes out, following SQLAlchemy's choices for SQLite.

use std::rc::Rc;

use crate::schema::column::Column;
use crate::schema::constraint::TableArgs;
use crate::schema::ddl_names::{self, Names};
use crate::schema::model::Model;
use crate::schema::table::Table;
use crate::sql::ast::{CheckDdl, ColumnDdl, CreateIndex, CreateTable, ForeignKeyDdl};
use crate::sql::ddl_constraint::{constraint_sql, index_sql, primary_key_sql};
use crate::sql::dialect::{Dialect, POSTGRESQL};

/// The CREATE TABLE of a model, for `dialect`.
/// A reflected table's rowid mapped as its key (`Column::sqlite_rowid`)
/// is no column of it: the table is made as the file had it, without.
pub fn create_table(model: &Model, dialect: &'static Dialect) -> CreateTable {
    let mut columns = model.table_columns();
    columns.retain(|c| !c.sqlite_rowid);
    named_table(&model.table, &columns, &model.args, dialect)
}

/// The CREATE TABLE of an association table (`db.Table(...)`).
pub fn create_plain_table(table: &Table, dialect: &'static Dialect) -> CreateTable {
    named_table(&table.name, &table.columns, &table.args, dialect)
}

/// The names the table's naming convention gives its items (none
/// without one). A template that cannot be filled was refused when the
/// table was defined (`ddl_names::names` ran then), so it names nothing
/// here.
fn convention_names(name: &str, cols: &[Column], args: &TableArgs) -> Names {
    args.naming
        .as_ref()
        .and_then(|conv| ddl_names::names(conv, name, cols, args).ok())
        .unwrap_or_default()
}

/// The CREATE TABLE of `name`, its items named by its naming convention.
fn named_table(
    name: &Rc<str>,
    cols: &[Column],
    args: &TableArgs,
    dialect: &'static Dialect,
) -> CreateTable {
    let names = convention_names(name, cols, args);
    let mut t = table_ddl(name, cols, dialect);
    t.primary_key_name = names.primary_key.clone();
    t.unique_names = (t.uniques.iter())
        .map(|u| u.first().and_then(|c| Names::of(&names.uniques, c)))
        .collect();
    for fk in &mut t.foreign_keys {
        if let Some(n) = fk
            .columns
            .first()
            .and_then(|c| Names::of(&names.foreign_keys, c))
        {
            fk.name = Some(n);
        }
    }
    for ck in &mut t.checks {
        if let Some(n) = ck.column.as_ref().and_then(|c| Names::of(&names.checks, c)) {
            ck.name = Some(n);
        }
    }
    with_args(t, cols, names.args.as_ref().unwrap_or(args), dialect)
}

/// What `__table_args__` adds to a table's DDL: the primary key of a
/// `PrimaryKeyConstraint`, the table-level constraints, and the SQLite
/// options (`sqlite_autoincrement` writes the key on its column, as
/// SQLAlchemy's SQLite dialect does for one INTEGER key column without a
/// foreign key).
fn with_args(
    mut t: CreateTable,
    cols: &[Column],
    args: &TableArgs,
    dialect: &'static Dialect,
) -> CreateTable {
    if let Some(pk) = &args.primary_key {
        t.primary_key = pk.columns.clone();
        t.primary_key_sql = Some(primary_key_sql(pk, dialect));
    }
    if args.options.autoincrement
        && let [key] = t.primary_key.as_slice()
        && let Some(c) = cols.iter().find(|c| c.name == *key)
        && c.ty.is_integer()
        && c.foreign_key.is_none()
    {
        t.autoincrement_column = Some(key.clone());
    }
    t.table_constraints = args
        .constraints
        .iter()
        .map(|c| constraint_sql(c, dialect))
        .collect();
    if !args.options.with_rowid {
        t.table_options.push("WITHOUT ROWID");
    }
    if args.options.strict {
        t.table_options.push("STRICT");
    }
    t
}

/// A column's type in the DDL of `dialect`: SQLite's, or PostgreSQL's
/// (`types_pg`), where the autoincrement key of `cols` is `SERIAL`.
pub fn column_type_sql(c: &Column, cols: &[Column], dialect: &'static Dialect) -> String {
    let quote = |n: &str| dialect.quote(n).into_owned();
    if !std::ptr::eq(dialect, &POSTGRESQL) {
        return c.ty.ddl_with(&c.type_opts, quote);
    }
    let serial = super::types_pg::autoincrement_column(cols)
        // A column numbered by its own `db.Sequence` is a plain INTEGER.
        .filter(|k| k.name == c.name && k.sequence.is_none() && k.identity.is_none())
        .and_then(|k| k.ty.serial_postgresql());
    match serial {
        Some(s) => s.to_owned(),
        None => c.ty.ddl_postgresql(&c.type_opts, quote),
    }
}

/// The `CREATE INDEX` statements of `__table_args__`'s indexes.
pub fn args_indexes(args: &TableArgs, dialect: &'static Dialect) -> Vec<String> {
    args.indexes.iter().map(|i| index_sql(i, dialect)).collect()
}

/// Whether `c` is an identity column written as one (PostgreSQL's).
fn pg_identity(c: &Column, dialect: &'static Dialect) -> bool {
    c.identity.is_some() && std::ptr::eq(dialect, &POSTGRESQL)
}

/// What follows a column's type, DEFAULT and NOT NULL: its `Computed`'s
/// ` GENERATED ALWAYS AS (…)`, or on PostgreSQL its `Identity`'s ` GENERATED
/// … AS IDENTITY`, with ` NULL` when `nullable=True` was asked for (as
/// SQLAlchemy's `PGDDLCompiler.get_column_specification` writes them).
fn generated_sql(c: &Column, dialect: &'static Dialect) -> Option<Rc<str>> {
    let mut s = c.computed.as_ref().map(|x| x.ddl()).unwrap_or_default();
    if pg_identity(c, dialect)
        && let Some(i) = &c.identity
    {
        s.push_str(&i.ddl());
        if c.nullable && !c.primary_key {
            s.push_str(" NULL");
        }
    }
    (!s.is_empty()).then(|| Rc::from(s))
}

fn table_ddl(name: &Rc<str>, cols: &[Column], dialect: &'static Dialect) -> CreateTable {
    let columns = cols
        .iter()
        .map(|c| ColumnDdl {
            name: c.name.clone(),
            type_sql: Rc::from(column_type_sql(c, cols, dialect)),
            not_null: (!c.nullable || c.primary_key) && !pg_identity(c, dialect),
            default_sql: match &c.server_default_expr {
                Some(e) => Some(Rc::from(crate::sql::ddl_expr::ddl_expression(e, dialect))),
                None => c.server_default.clone(),
            },
            computed_sql: generated_sql(c, dialect),
            checks_sql: Rc::from(
                c.checks
                    .iter()
                    .map(|(name, sql)| match name {
                        Some(n) => format!(" CONSTRAINT {} CHECK ({sql})", dialect.quote(n)),
                        None => format!(" CHECK ({sql})"),
                    })
                    .collect::<String>(),
            ),
        })
        .collect();
    let primary_key = cols
        .iter()
        .filter(|c| c.primary_key)
        .map(|c| c.name.clone())
        .collect();
    // unique=True with index=True becomes a UNIQUE INDEX instead.
    let uniques = cols
        .iter()
        .filter(|c| c.unique && !c.index)
        .map(|c| vec![c.name.clone()])
        .collect();
    let foreign_keys = cols
        .iter()
        .filter_map(|c| {
            let fk = c.foreign_key.as_ref().filter(|fk| !fk.table_level)?;
            Some(ForeignKeyDdl {
                columns: vec![c.name.clone()],
                ref_table: fk.table.clone(),
                ref_columns: vec![fk.column.clone()],
                ondelete: fk.ondelete.clone(),
                onupdate: fk.onupdate.clone(),
                name: fk.name.clone(),
                defer: fk.defer.clone(),
            })
        })
        .collect();
    // `create_constraint=True` on a Boolean or Enum, column by column.
    let checks = cols
        .iter()
        .filter_map(|c| {
            let name = c.type_opts.check.clone()?;
            let sql = c.ty.check_sql(&c.name, |n| dialect.quote(n).into_owned())?;
            Some(CheckDdl {
                name,
                sql: Rc::from(sql),
                column: Some(c.name.clone()),
            })
        })
        .collect();
    CreateTable {
        name: name.clone(),
        columns,
        primary_key,
        uniques,
        foreign_keys,
        checks,
        ..CreateTable::default()
    }
}

pub fn create_indexes(model: &Model) -> Vec<CreateIndex> {
    indexes(&model.table, &model.table_columns(), &model.args)
}

/// The indexes of `index=True` columns, named `ix_TABLE_COLUMN` (the
/// default convention, `ix_%(column_0_label)s`) or by the table's
/// naming convention.
pub fn indexes(table: &Rc<str>, cols: &[Column], args: &TableArgs) -> Vec<CreateIndex> {
    let names = convention_names(table, cols, args);
    cols.iter()
        .filter(|c| c.index)
        .map(|c| CreateIndex {
            // A convention without "ix" leaves the index unnamed ("").
            name: Names::of(&names.indexes, &c.name).unwrap_or_else(|| match &args.naming {
                Some(_) => Rc::from(""),
                None => Rc::from(format!("ix_{}_{}", table, c.name)),
            }),
            table: table.clone(),
            columns: vec![c.name.clone()],
            unique: c.unique,
        })
        .collect()
}
