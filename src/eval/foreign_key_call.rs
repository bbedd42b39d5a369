//! `db.ForeignKey(...)`: its keywords (the constraint's name and actions)
//! and its target as `table.column`, given as text or a column
//! (SQLAlchemy's `ForeignKey`).

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::model_def::str_kw;
use crate::eval::objects::ForeignKeySpec;
use crate::eval::surface::Sig;
use crate::schema::column::ForeignKey;
use crate::value::Value;
use std::rc::Rc;

/// The keywords of `db.ForeignKey`: the constraint's name and actions,
/// and those SQLAlchemy writes no SQL for in SQLite.
const FOREIGN_KEY_SIG: Sig = Sig {
    kw: &[
        "column",
        "ondelete",
        "onupdate",
        "name",
        "deferrable",
        "initially",
    ],
    ignored: &[
        (
            "info",
            "a dictionary SQLAlchemy keeps for the application (ForeignKey.info); it writes no SQL for it",
        ),
        (
            "comment",
            "SQLAlchemy writes no constraint comment for SQLite, which has none",
        ),
        (
            "use_alter",
            "SQLite cannot add a constraint with ALTER TABLE: SQLAlchemy's SQLite dialect writes the foreign key inline",
        ),
    ],
    any_kw: false,
};

/// `db.ForeignKey('table.column', ondelete=…)`
pub fn foreign_key(me: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("ForeignKey", &FOREIGN_KEY_SIG)?;
    if let Some(c) = a.take_kw("column") {
        a.pos.insert(0, c);
    }
    let ondelete = str_kw(&mut a, "ondelete")?;
    let onupdate = str_kw(&mut a, "onupdate")?;
    let name = str_kw(&mut a, "name")?;
    let defer = crate::sql::ddl_constraint::Deferrability {
        deferrable: a
            .take_kw("deferrable")
            .filter(|v| !matches!(v, Value::None))
            .map(|v| v.truthy()),
        initially: match a.take_kw("initially") {
            Some(v) => crate::eval::constraint_def::phrase(v, "initially", a.span)?,
            None => None,
        },
        on_conflict: None,
    };
    a.count(1, 1)?;
    let target = fk_target(me, &a)?;
    let Some((table, column)) = target.rsplit_once('.') else {
        return Err(
            Error::value(format!("ForeignKey needs 'table.column', got '{target}'"))
                .with_help("e.g. db.ForeignKey('user.id') — a table name, not a model name")
                .at(a.span_of(0)),
        );
    };
    Ok(Value::obj(ForeignKeySpec(ForeignKey {
        table: Rc::from(table),
        column: Rc::from(column),
        ondelete,
        onupdate,
        name,
        table_level: false,
        defer,
    })))
}

/// The target of `ForeignKey(...)` as `table.column`: given as that text,
/// or as a column (`User.id`, `user_table.c.id`), whose table and name
/// SQLAlchemy reads from it (`ForeignKey._colspec`).
fn fk_target(me: &mut Interp, a: &Args) -> Result<String> {
    if let Some(c) = a.pos[0].downcast::<crate::orm::expr::ColumnElement>()
        && let crate::sql::ast::SqlExpr::Column {
            table: Some(table),
            name,
        } = &c.expr
    {
        return Ok(format!("{table}.{name}"));
    }
    match &a.pos[0] {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(Error::new(
            crate::error::ErrorKind::ArgumentError,
            format!(
                "String column name or Column object for DDL foreign key constraint expected, got {}.",
                crate::value::repr::str_of(other, me)?
            ),
        )
        .with_help("e.g. db.ForeignKey('user.id') or db.ForeignKey(User.id)")
        .at(a.span_of(0))),
    }
}
