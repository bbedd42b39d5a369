//! The set operations of a `Query` and a `Select` — `union`, `union_all`,
//! `intersect`, `intersect_all`, `except_`, `except_all` — and `db.union(a,
//! b, …)` and its kin, SQLAlchemy's module functions. (SQLite has no
//! `INTERSECT ALL` or `EXCEPT ALL`: it refuses them when they run, as it
//! does under SQLAlchemy.)

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::query::Q;
use crate::orm::query::Query;
use crate::orm::setops::{compound_select, legacy_compound};
use crate::sql::ast::SetOp;
use crate::value::Value;

/// The statements after the receiver: queries or selects.
fn others(a: &Args, from: usize) -> Result<Vec<Rc<Query>>> {
    a.pos
        .iter()
        .enumerate()
        .skip(from)
        .map(|(i, v)| {
            v.downcast::<Query>().ok_or_else(|| {
                Error::new(
                    ErrorKind::ArgumentError,
                    format!(
                        "{}() takes queries or select() statements, not {}",
                        a.name,
                        v.type_name()
                    ),
                )
                .at(a.span_of(i))
                .with_help(format!("write q1.{}(q2)", a.name))
            })
        })
        .collect()
}

/// `q.union(*others)` and its kin on a receiver.
fn set_op(me: &mut Interp, q: &Q, a: Args, op: SetOp) -> Result<Value> {
    let first = q.query(me)?;
    first.compilable()?;
    let rest = others(&a, 0)?;
    let built = if first.legacy {
        legacy_compound(&first, &rest, op)
    } else {
        compound_select(&first, &rest, op)
    };
    Ok(Value::obj(built))
}

pub(crate) fn union(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    set_op(me, q, a, SetOp::Union)
}

pub(crate) fn union_all(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    set_op(me, q, a, SetOp::UnionAll)
}

pub(crate) fn intersect(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    set_op(me, q, a, SetOp::Intersect)
}

pub(crate) fn intersect_all(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    set_op(me, q, a, SetOp::IntersectAll)
}

pub(crate) fn except_(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    set_op(me, q, a, SetOp::Except)
}

pub(crate) fn except_all(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    set_op(me, q, a, SetOp::ExceptAll)
}

/// `union(s1, s2, …)` as a function (`db.union`, SQLAlchemy's
/// `sqlalchemy.union`): the compound of 2.0 statements.
fn module_op(a: Args, op: SetOp) -> Result<Value> {
    a.count(1, usize::MAX)?;
    let all = others(&a, 0)?;
    let (first, rest) = all.split_first().expect("counted");
    first.compilable()?;
    let mut first = (**first).clone();
    first.legacy = false;
    Ok(Value::obj(compound_select(&first, rest, op)))
}

pub fn db_union(_: &mut Interp, a: Args) -> Result<Value> {
    module_op(a, SetOp::Union)
}

pub fn db_union_all(_: &mut Interp, a: Args) -> Result<Value> {
    module_op(a, SetOp::UnionAll)
}

pub fn db_intersect(_: &mut Interp, a: Args) -> Result<Value> {
    module_op(a, SetOp::Intersect)
}

pub fn db_intersect_all(_: &mut Interp, a: Args) -> Result<Value> {
    module_op(a, SetOp::IntersectAll)
}

pub fn db_except_(_: &mut Interp, a: Args) -> Result<Value> {
    module_op(a, SetOp::Except)
}

pub fn db_except_all(_: &mut Interp, a: Args) -> Result<Value> {
    module_op(a, SetOp::ExceptAll)
}

use crate::eval::surface::query_criteria::{limit, offset, order_by};
use crate::eval::surface::subquery::{cte, subquery};
use crate::eval::surface::{Class, Member, Returns, Sig};

/// A 2.0 compound statement's members (SQLAlchemy's `CompoundSelect`):
/// ordered and limited as a whole, read as a subquery or CTE, compounded
/// again; a session runs it.
pub static COMPOUND: Class<Q> = Class::new(
    "CompoundSelect",
    &[
        Member::method(
            "order_by",
            order_by,
            Sig::NONE,
            "the whole ordered by these columns",
        ),
        Member::method(
            "limit",
            limit,
            Sig::NONE,
            "the whole giving at most this many rows",
        ),
        Member::method(
            "offset",
            offset,
            Sig::NONE,
            "the whole skipping this many rows",
        ),
        Member::method(
            "subquery",
            subquery,
            Sig::kw(&["name"]),
            "the statement as a subquery",
        ),
        Member::method(
            "cte",
            cte,
            Sig::kw(&["name", "recursive"]),
            "the statement as a CTE",
        ),
        Member::method("union", union, Sig::NONE, "rows of either statement, once"),
        Member::method("union_all", union_all, Sig::NONE, "rows of both statements"),
        Member::method(
            "intersect",
            intersect,
            Sig::NONE,
            "rows of both statements, once",
        ),
        Member::method(
            "except_",
            except_,
            Sig::NONE,
            "rows of this one not in the others",
        ),
    ],
)
.with_results(&[
    ("order_by", Returns::Class(&COMPOUND)),
    ("limit", Returns::Class(&COMPOUND)),
    ("offset", Returns::Class(&COMPOUND)),
    ("union", Returns::Class(&COMPOUND)),
    ("union_all", Returns::Class(&COMPOUND)),
]);
