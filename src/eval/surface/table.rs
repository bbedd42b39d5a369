//! `db.Table(...)` objects (association tables) and their column
//! collection `table.c`, as SQLAlchemy's `Table` and
//! `ReadOnlyColumnCollection`.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::core_table;
use crate::eval::surface::{Class, Member, Sig};
use crate::orm::dml::DmlKind;
use crate::orm::expr::ColumnElement;
use crate::schema::table::{Table, TableColumns};
use crate::value::{PyStr, Value};

fn columns(_: &mut Interp, t: &Rc<Table>) -> Result<Value> {
    Ok(Value::obj(TableColumns(t.clone())))
}

fn name(_: &mut Interp, t: &Rc<Table>) -> Result<Value> {
    Ok(Value::Str(PyStr::from(&t.name)))
}

/// An attribute a table lacks; the help names its columns under `.c`,
/// with the one asked for when it is a column (else its first).
fn table_missing(_: &mut Interp, t: &Rc<Table>, name: &str, hint: &str) -> Error {
    if let Some(e) = super::schema_items::table_refused(name) {
        return e;
    }
    let e = Error::attr(format!("'Table' object has no attribute '{name}'{hint}"));
    let example = (t.columns.iter().find(|c| &*c.attr == name))
        .or(t.columns.first())
        .map(|c| c.attr.clone());
    match example {
        Some(c) => e.with_help(format!("its columns are under .c, like {}.c.{c}", t.name)),
        None => e,
    }
}

/// `table.insert()`: SQLAlchemy's `TableClause.insert()`.
fn insert(me: &mut Interp, t: &Rc<Table>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(core_table::dml_of_table(me, t, DmlKind::Insert))
}

/// `table.update()`: SQLAlchemy's `TableClause.update()`.
fn update(me: &mut Interp, t: &Rc<Table>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(core_table::dml_of_table(me, t, DmlKind::Update))
}

/// `table.delete()`: SQLAlchemy's `TableClause.delete()`.
fn delete(me: &mut Interp, t: &Rc<Table>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(core_table::dml_of_table(me, t, DmlKind::Delete))
}

/// `table.select()`: SQLAlchemy's `FromClause.select()`, all its columns.
fn select(_: &mut Interp, t: &Rc<Table>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::obj(core_table::select_table(t)))
}

/// A table's members.
pub static TABLE: Class<Rc<Table>> = Class::new(
    "Table",
    &[
        Member::method("insert", insert, Sig::NONE, "INSERT INTO the table"),
        Member::method("update", update, Sig::NONE, "UPDATE the table"),
        Member::method("delete", delete, Sig::NONE, "DELETE FROM the table"),
        Member::method("select", select, Sig::NONE, "SELECT its columns"),
        Member::attr("c", columns, "the table's columns, by name"),
        Member::attr(
            "columns",
            columns,
            "the table's columns, by name (same as .c)",
        ),
        Member::attr("name", name, "the table's name"),
        Member::attr(
            "primary_key",
            super::schema_items::primary_key,
            "the table's PrimaryKeyConstraint",
        ),
        Member::attr(
            "constraints",
            crate::eval::table_constraints::constraints,
            "the set of the table's constraints (primary key, unique, foreign keys, checks)",
        ),
        Member::attr(
            "foreign_key_constraints",
            crate::eval::table_constraints::foreign_key_constraints,
            "the set of the table's ForeignKeyConstraint objects",
        ),
        Member::attr(
            "indexes",
            |me, t| crate::eval::table_indexes::indexes(me, t),
            "the set of the table's Index objects",
        ),
        Member::attr(
            "foreign_keys",
            |_, t| crate::eval::foreign_keys::set_of(&t.columns),
            "the set of the table's ForeignKey objects",
        ),
    ],
)
.with_missing(table_missing);

/// `table.c.KEY`: the column as a SQL expression, by its key (its name
/// unless `db.Column(…, key=)` gave another).
fn column(_: &mut Interp, tc: &Rc<TableColumns>, name: &str) -> Option<Result<Value>> {
    let t = &tc.0;
    let c = t.columns.iter().find(|c| &*c.attr == name)?;
    Some(
        ColumnElement::local_column(t.name.clone(), c.name.clone(), c.ty.clone(), c.name.clone())
            .into_value(),
    )
}

fn column_names(_: &mut Interp, tc: &Rc<TableColumns>) -> Vec<Rc<str>> {
    tc.0.columns.iter().map(|c| c.attr.clone()).collect()
}

fn no_column(_: &mut Interp, tc: &Rc<TableColumns>, name: &str, hint: &str) -> Error {
    Error::attr(format!(
        "table '{}' has no column '{name}'{hint}",
        tc.0.name
    ))
}

/// `table.c`: one attribute per column.
pub static TABLE_COLUMNS: Class<Rc<TableColumns>> = Class::new(
    "ReadOnlyColumnCollection",
    super::schema_items::COLLECTION_METHODS,
)
.with_dynamic(column, column_names)
.with_missing(no_column);
