//! `db.table('user', db.column('id'), db.column('name'))`: SQLAlchemy's
//! lowercase `table()` (a `TableClause` of the `ColumnClause`s
//! `column()` makes, `builtins_sqlexpr::column`), a table named for Core
//! statements without metadata: selected, inserted into, updated and
//! deleted from as a `db.Table` is, never created or reflected. A column
//! without a type is `NullType`, its values read as stored.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::orm::expr::ColumnElement;
use crate::schema::column::Column;
use crate::schema::constraint::TableArgs;
use crate::schema::table::Table;
use crate::schema::types::ColumnType;
use crate::sql::ast::SqlExpr;
use crate::value::Value;

/// `table(name, *columns)`: SQLAlchemy's `sql.expression.table`.
pub fn table(_: &mut Interp, a: Args) -> Result<Value> {
    a.no_more_kw()?;
    let name = match a.pos.first() {
        Some(Value::Str(s)) => Rc::<str>::from(s),
        _ => {
            return Err(Error::type_(
                "table() needs the table's name first, like db.table('user', db.column('id'))",
            ));
        }
    };
    let mut columns = Vec::new();
    for (i, v) in a.pos.iter().enumerate().skip(1) {
        let clause = v.downcast::<ColumnElement>();
        let Some((c, SqlExpr::Column { table: None, name })) =
            clause.as_ref().map(|c| (c, &c.expr))
        else {
            return Err(Error::type_(format!(
                "table() takes columns made by column(), not {}",
                v.type_name()
            ))
            .at(a.span_of(i))
            .with_help("db.table('user', db.column('id'), db.column('name'))"));
        };
        columns.push(Column::new(
            name.clone(),
            c.ty.clone().unwrap_or(ColumnType::Null),
        ));
    }
    Ok(Value::obj(Table {
        name,
        columns,
        args: TableArgs::default(),
    }))
}
