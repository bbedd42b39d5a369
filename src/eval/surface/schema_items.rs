//! The schema items a table gives besides its columns: `table.primary_key`
//! (SQLAlchemy's `PrimaryKeyConstraint`: `.columns`), and the methods of
//! its column collection `table.c` (`keys()`, `values()`, `items()`, as
//! SQLAlchemy's `ReadOnlyColumnCollection`).

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::schema_repr::PrimaryKey;
use crate::eval::surface::{Class, Member, Sig};
use crate::orm::expr::ColumnElement;
use crate::schema::column::Column;
use crate::schema::table::{Table, TableColumns};
use crate::value::{PyStr, Value};

/// `table.primary_key`: SQLAlchemy's `Table.primary_key`.
pub fn primary_key(_: &mut Interp, t: &Rc<Table>) -> Result<Value> {
    Ok(Value::obj(PrimaryKey(t.clone())))
}

/// A table's column as the SQL expression `table.c.KEY` gives.
fn column_value(t: &Table, c: &Column) -> Result<Value> {
    ColumnElement::local_column(t.name.clone(), c.name.clone(), c.ty.clone(), c.name.clone())
        .into_value()
}

/// `table.c.keys()`: the columns' keys, in the table's order.
fn keys(_: &mut Interp, tc: &Rc<TableColumns>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::list(
        (tc.0.columns.iter())
            .map(|c| Value::Str(PyStr::from(&c.attr)))
            .collect(),
    ))
}

/// `table.c.values()`: the columns.
fn values(_: &mut Interp, tc: &Rc<TableColumns>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let cols = (tc.0.columns.iter())
        .map(|c| column_value(&tc.0, c))
        .collect::<Result<Vec<_>>>()?;
    Ok(Value::list(cols))
}

/// `table.c.items()`: `(key, column)` pairs.
fn items(_: &mut Interp, tc: &Rc<TableColumns>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let pairs = (tc.0.columns.iter())
        .map(|c| {
            Ok(Value::tuple(vec![
                Value::Str(PyStr::from(&c.attr)),
                column_value(&tc.0, c)?,
            ]))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Value::list(pairs))
}

/// The methods of `table.c` (a column of one of these names is
/// `table.c['keys']`, as in SQLAlchemy).
pub const COLLECTION_METHODS: &[Member<Rc<TableColumns>>] = &[
    Member::method("keys", keys, Sig::NONE, "the columns' keys, in order"),
    Member::method("values", values, Sig::NONE, "the columns, in order"),
    Member::method("items", items, Sig::NONE, "(key, column) pairs, in order"),
];

/// `primary_key.columns`: the key's columns, by key.
fn pk_columns(_: &mut Interp, pk: &Rc<PrimaryKey>) -> Result<Value> {
    let t = &pk.0;
    Ok(Value::obj(TableColumns(Rc::new(Table {
        name: t.name.clone(),
        columns: t
            .columns
            .iter()
            .filter(|c| c.primary_key && !c.sqlite_rowid)
            .cloned()
            .collect(),
        args: t.args.clone(),
    }))))
}

/// A table's `PrimaryKeyConstraint`.
pub static PRIMARY_KEY: Class<Rc<PrimaryKey>> = Class::new(
    "PrimaryKeyConstraint",
    &[
        Member::attr("columns", pk_columns, "the primary key's columns, by key"),
        Member::attr(
            "name",
            |_, pk| {
                Ok((pk.0.args.primary_key.as_ref())
                    .and_then(|p| p.name.as_ref())
                    .map_or(Value::None, |n| Value::str(n)))
            },
            "the primary key constraint's name, or None",
        ),
    ],
);

/// A constraint as written (`db.UniqueConstraint(...)`, …) or as a
/// table's `constraints` hold it: SQLAlchemy's `Constraint`.
pub static CONSTRAINT: Class<Rc<crate::eval::constraint_def::ConstraintSpec>> = Class::new(
    "Constraint",
    &[
        Member::attr(
            "name",
            crate::eval::table_constraints::name,
            "the constraint's name, or None",
        ),
        Member::attr(
            "column_keys",
            crate::eval::table_constraints::column_keys,
            "the names of the constraint's columns, in its order",
        ),
        Member::attr(
            "columns",
            crate::eval::table_constraints::columns,
            "the constraint's columns, by key",
        ),
    ],
);

/// An index as a table's `indexes` hold it: SQLAlchemy's `Index`.
pub static INDEX: Class<Rc<crate::eval::table_indexes::IndexObj>> = Class::new(
    "Index",
    &[
        Member::attr("name", crate::eval::table_indexes::name, "the index's name"),
        Member::attr(
            "unique",
            crate::eval::table_indexes::unique,
            "whether the index is UNIQUE",
        ),
    ],
);

/// What SQLAlchemy's `Table` has that ormsh's does not, with the reason.
const TABLE_REFUSED: &[(&str, &str)] = &[
    (
        "fullname",
        "ormsh's tables have no schema: the name is table.name",
    ),
    ("metadata", "the tables' MetaData is db.metadata"),
    (
        "schema",
        "ormsh's tables have no schema (one SQLite database)",
    ),
];

/// `table.NAME` that SQLAlchemy's `Table` has and ormsh refuses: a
/// `NotImplementedError` naming it, not an AttributeError.
pub fn table_refused(name: &str) -> Option<crate::error::Error> {
    let (_, why) = TABLE_REFUSED.iter().find(|(n, _)| *n == name)?;
    Some(
        crate::error::Error::new(
            crate::error::ErrorKind::NotImplementedError,
            format!("Table.{name} (SQLAlchemy's Table.{name}) is not supported by ormsh: {why}"),
        )
        .with_help(
            "dir(table) lists what ormsh has; grammar/COVERAGE.md says what is refused and why",
        ),
    )
}
