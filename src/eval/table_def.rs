//! `db.Table(name, db.Column(...), ..., constraints, options)`: a table of
//! its own (an association table, say) defined at once in the metadata,
//! as SQLAlchemy's `Table` constructor; with `autoload_with=` reflected
//! instead (`eval::mapped_table`).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::ColumnSpec;
use crate::schema::column::Column;
use crate::schema::constraint::TableArgs;
use crate::schema::table::Table;
use crate::syntax::span::Span;
use crate::value::Value;

/// `db.Table('tags', db.Column('tag_id', …), …, db.UniqueConstraint(…),
/// sqlite_autoincrement=…)`: defined at once. Its keywords are the table
/// options `eval::table_args::table_option` reads (`info=` and `comment=`
/// write no SQL for SQLite).
pub fn table(me: &mut Interp, mut a: Args) -> Result<Value> {
    let name = match a.pos.first() {
        Some(Value::Str(s)) => Rc::<str>::from(s),
        _ => {
            return Err(Error::type_(
                "db.Table() needs a name first, like db.Table('tags', db.Column('tag_id', …), …)",
            ));
        }
    };
    crate::eval::model_def_steps::refuse_tool_table(&name).map_err(|e| e.at(a.span_of(0)))?;
    if let Some(t) = crate::eval::mapped_table::autoload(me, &mut a, &name)? {
        return Ok(t);
    }
    let mut columns: Vec<Column> = Vec::new();
    let mut items: Vec<(Value, Span)> = Vec::new();
    for (i, v) in a.pos.iter().enumerate().skip(1) {
        if v.is::<crate::eval::constraint_def::ConstraintSpec>() {
            items.push((v.clone(), a.span_of(i)));
            continue;
        }
        let Some(spec) = v.downcast::<ColumnSpec>() else {
            // db.metadata as the second argument is accepted and ignored.
            if v.is::<crate::eval::objects::Namespace>() {
                continue;
            }
            return Err(
                Error::type_(format!("db.Table() takes columns, not {}", v.type_name()))
                    .at(a.span_of(i)),
            );
        };
        let Some(cname) = spec.name.clone() else {
            return Err(Error::type_("a column of db.Table() needs its name first, like db.Column('tag_id', db.Integer, …)").at(a.span_of(i)));
        };
        // The column's key (`table.c.KEY`) is its name unless key= gave one.
        let mut col = spec.column.clone();
        col.name = cname;
        columns.push(col);
    }
    let mut args = TableArgs::default();
    for (item, span) in &items {
        crate::eval::table_args::add_item(me, &mut args, item, &name, &mut columns)
            .map_err(|e| e.at(*span))?;
    }
    for (k, v, span) in std::mem::take(&mut a.kw) {
        crate::eval::table_args::table_option(&mut args, &k, &v, span)?;
    }
    let args = crate::eval::metadata_def::named_args(me, args, &name, &columns)
        .map_err(|e| e.at(a.span))?;
    let own = columns.clone();
    crate::eval::fk_type::resolve_from(&mut columns, &name, &own);
    let t = Rc::new(Table {
        name,
        columns,
        args,
    });
    me.registry.define_table(t.clone());
    me.resolve_forward_fk_types(&t.name, &t.columns);
    me.table_defined(&t);
    Ok(Value::Obj(t))
}
