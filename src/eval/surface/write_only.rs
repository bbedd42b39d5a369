//! A write-only relationship read from an object (`lazy='write_only'`,
//! `WriteOnlyMapped[List["Post"]]`): SQLAlchemy's `WriteOnlyCollection`
//! (`orm/writeonly.py`). Objects are added and removed as a dynamic
//! relationship's are (the same pending changes, settled by the flush);
//! nothing is ever loaded into memory: `select()` gives the `Select` of
//! the related rows to run with `db.session.scalars(...)`, and iterating,
//! indexing or replacing the collection are SQLAlchemy's errors.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::rel_ops::DynamicRel;
use crate::eval::surface::dynamic;
use crate::eval::surface::query::Q;
use crate::eval::surface::{Class, Member, Sig};
use crate::orm::instance::{Instance, Status};
use crate::schema::relationship::Rel;
use crate::value::Value;

/// `select()`: SQLAlchemy's `WriteOnlyCollection.select()`, a `Select`
/// of the target filtered to this object's related rows.
fn select(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let d = dynamic::dynamic(q)?.clone();
    let mut query = me.dynamic_query(&d)?;
    query.legacy = false;
    Ok(Value::obj(query))
}

/// `insert()`, `update()`, `delete()`: refused, naming what works.
fn dml(_: &mut Interp, q: &Q, _: Args) -> Result<Value> {
    let d = dynamic::dynamic(q)?;
    Err(Error::new(
        ErrorKind::NotImplementedError,
        format!(
            "{}.{}'s insert(), update() and delete() statements are not supported by ormsh",
            d.rel.owner.name, d.rel.name
        ),
    )
    .with_help(format!(
        "add objects with .add(...) and commit, or run db.update({}).where(...) yourself",
        d.rel.target.name
    )))
}

/// SQLAlchemy's `WriteOnlyCollection`: these members and no others.
pub static WRITE_ONLY: Class<Q> = Class::new(
    "WriteOnlyCollection",
    &[
        Member::method(
            "add",
            dynamic::append,
            Sig::NONE,
            "add an object to the collection (written at the next flush)",
        ),
        Member::method(
            "add_all",
            dynamic::extend,
            Sig::NONE,
            "add each object of a list to the collection",
        ),
        Member::method(
            "remove",
            dynamic::remove,
            Sig::NONE,
            "take an object out of the collection (at the next flush)",
        ),
        Member::method(
            "select",
            select,
            Sig::NONE,
            "a Select of the related rows, for db.session.scalars(...)",
        ),
        Member::method("insert", dml, Sig::NONE, "refused: not supported by ormsh"),
        Member::method("update", dml, Sig::NONE, "refused: not supported by ormsh"),
        Member::method("delete", dml, Sig::NONE, "refused: not supported by ormsh"),
    ],
);

/// Iterating a write-only collection: SQLAlchemy's `TypeError`.
pub fn refuse_iteration(d: &DynamicRel) -> Result<()> {
    if !d.rel.write_only {
        return Ok(());
    }
    Err(Error::type_(
        "WriteOnly collections don't support iteration in-place; to query for collection items, use the select() method to produce a SQL statement and execute it with session.scalars().",
    )
    .with_help(format!(
        "db.session.scalars(obj.{}.select()).all()",
        d.rel.name
    )))
}

/// `obj.rel = [...]` on a write-only collection of an object with a row
/// (SQLAlchemy's `WriteOnlyAttributeImpl.set`); a new object's is set.
pub fn refuse_replace(inst: &Rc<Instance>, rel: &Rel) -> Result<()> {
    if !rel.write_only || matches!(inst.status(), Status::Transient | Status::Pending) {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::InvalidRequestError,
        format!(
            "Collection \"{}.{}\" does not support implicit iteration; collection replacement operations can't be used",
            rel.owner.name, rel.name
        ),
    )
    .with_help(format!(
        "use obj.{0}.add(...) and obj.{0}.remove(...)",
        rel.name
    )))
}
