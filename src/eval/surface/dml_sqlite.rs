//! `sqlalchemy.dialects.sqlite.insert(M)` — SQLAlchemy's SQLite `Insert`:
//! everything `insert(M)` has (`surface::dml`), with
//! `on_conflict_do_nothing`, `on_conflict_do_update` and `excluded`
//! (`orm::upsert`); and `excluded`'s columns. It runs through
//! `db.session.execute` like any INSERT and prints in SQLite's text.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::session_args::model_arg;
use crate::eval::surface::{Class, Member, Returns, Sig};
use crate::orm::dml::{Dml, DmlKind};
use crate::orm::upsert::{self, Excluded};
use crate::value::Value;

use super::dml::INSERT;

type R = Rc<Dml>;

/// `sqlalchemy.dialects.sqlite.insert(M)`: SQLAlchemy's
/// `dialects.sqlite.insert`.
pub fn insert(a: Args) -> Result<Value> {
    a.no_more_kw()?;
    a.count(1, 1)?;
    let model = model_arg(&a, 0)?;
    let mut d = Dml::new(DmlKind::Insert, model);
    d.sqlite = true;
    Ok(Value::obj(d))
}

/// `on_conflict_do_nothing(index_elements=None, index_where=None)`.
fn do_nothing(_: &mut Interp, s: &R, mut a: Args) -> Result<Value> {
    let index_elements = a.arg(0, "index_elements");
    let index_where = a.arg(1, "index_where");
    a.count(0, 2)?;
    Ok(Value::obj(upsert::do_nothing(
        s,
        index_elements.as_ref(),
        index_where.as_ref(),
    )?))
}

/// `on_conflict_do_update(index_elements=None, index_where=None,
/// set_=None, where=None)`.
fn do_update(_: &mut Interp, s: &R, mut a: Args) -> Result<Value> {
    let index_elements = a.arg(0, "index_elements");
    let index_where = a.arg(1, "index_where");
    let set = a.take_kw("set_").or_else(|| a.pos.get(2).cloned());
    let where_ = a.take_kw("where").or_else(|| a.pos.get(3).cloned());
    a.count(0, 4)?;
    Ok(Value::obj(upsert::do_update(
        s,
        index_elements.as_ref(),
        index_where.as_ref(),
        set.as_ref(),
        where_.as_ref(),
    )?))
}

/// `stmt.excluded`.
fn excluded(_: &mut Interp, s: &R) -> Result<Value> {
    Ok(Value::obj(Excluded(s.model.clone())))
}

/// SQLite's `Insert`, extending `insert(M)`'s table.
pub static SQLITE_INSERT: Class<R> = Class::new(
    "Insert",
    &[
        Member::method(
            "on_conflict_do_nothing",
            do_nothing,
            Sig::kw(&["index_elements", "index_where"]),
            "ON CONFLICT (cols) DO NOTHING: on_conflict_do_nothing(index_elements=['id'])",
        ),
        Member::method(
            "on_conflict_do_update",
            do_update,
            Sig::kw(&["index_elements", "index_where", "set_", "where"]),
            "ON CONFLICT (cols) DO UPDATE SET …: set_={'x': stmt.excluded.x}, where=…",
        ),
        Member::attr(
            "excluded",
            excluded,
            "the row that would have been inserted: stmt.excluded.name",
        ),
    ],
)
.with_base(&INSERT)
.with_results(&[
    ("values", Returns::Class(&SQLITE_INSERT)),
    ("returning", Returns::Class(&SQLITE_INSERT)),
    ("execution_options", Returns::Class(&SQLITE_INSERT)),
    ("on_conflict_do_nothing", Returns::Class(&SQLITE_INSERT)),
    ("on_conflict_do_update", Returns::Class(&SQLITE_INSERT)),
    ("excluded", Returns::Class(&EXCLUDED)),
])
.with_missing(super::dml_refused::missing);

type E = Rc<Excluded>;

fn column(_: &mut Interp, e: &E, name: &str) -> Option<Result<Value>> {
    e.column(name).map(|c| c.into_value())
}

fn column_names(_: &mut Interp, e: &E) -> Vec<Rc<str>> {
    e.names()
}

fn no_column(_: &mut Interp, e: &E, name: &str, hint: &str) -> Error {
    Error::attr(format!(
        "'ReadOnlyColumnCollection' object has no attribute '{name}'{hint}"
    ))
    .with_help(format!(
        "excluded has {}'s columns: {}",
        e.0.name,
        e.names().join(", ")
    ))
}

/// `stmt.excluded`: one attribute per column of the table.
pub static EXCLUDED: Class<E> = Class::new("ReadOnlyColumnCollection", &[])
    .with_dynamic(column, column_names)
    .with_missing(no_column);
