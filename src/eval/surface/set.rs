//! The methods of Python's `set` and `frozenset` (`FROZENSET` has those
//! that do not change the set; `SET` adds the ones that do), over the
//! CPython-ordered table of `eval::pyset` and the algebra of
//! `eval::pyset_ops`. A method taking "other" takes any iterable, as
//! Python's do.

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::pyset::{PySet, Table, hash_of};
use crate::eval::pyset_ops as ops;
use crate::eval::surface::{Class, Member, Sig};
use crate::value::Value;

type S = Rc<PySet>;

/// The table of the one argument, an iterable, as a new set of it.
fn other(me: &mut Interp, a: &Args) -> Result<Table> {
    a.count(1, 1)?;
    me.set_table(&a.pos[0]).map_err(|e| e.at(a.span_of(0)))
}

fn result(s: &S, t: Table) -> Value {
    PySet::value(t, s.frozen)
}

fn copy(_: &mut Interp, s: &S, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(result(s, ops::copy(&s.table.borrow())?))
}

fn union(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    let mut t = ops::copy(&s.table.borrow())?;
    for (i, v) in a.pos.iter().enumerate() {
        me.set_update(&mut t, v).map_err(|e| e.at(a.span_of(i)))?;
    }
    Ok(result(s, t))
}

/// `intersection(*others)`: the set itself intersected with each in turn.
fn intersect_all(me: &mut Interp, s: &S, a: &Args) -> Result<Table> {
    if a.pos.is_empty() {
        return ops::copy(&s.table.borrow());
    }
    let mut t = s.table.borrow().clone();
    for (i, v) in a.pos.iter().enumerate() {
        t = me.set_intersection(&t, v).map_err(|e| e.at(a.span_of(i)))?;
    }
    Ok(t)
}

fn intersection(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    Ok(result(s, intersect_all(me, s, &a)?))
}

fn difference(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    let Some(first) = a.pos.first() else {
        return Ok(result(s, ops::copy(&s.table.borrow())?));
    };
    let own = s.table.borrow().clone();
    let mut t = me
        .set_difference(&own, first)
        .map_err(|e| e.at(a.span_of(0)))?;
    for (i, v) in a.pos.iter().enumerate().skip(1) {
        me.set_difference_update(&mut t, v)
            .map_err(|e| e.at(a.span_of(i)))?;
    }
    Ok(result(s, t))
}

fn symmetric_difference(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    let o = other(me, &a)?;
    Ok(result(s, ops::symmetric_difference(&s.table.borrow(), &o)?))
}

fn issubset(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    let o = other(me, &a)?;
    Ok(Value::Bool(ops::is_subset(&s.table.borrow(), &o)?))
}

fn issuperset(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    let o = other(me, &a)?;
    Ok(Value::Bool(ops::is_subset(&o, &s.table.borrow())?))
}

fn isdisjoint(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    let o = other(me, &a)?;
    Ok(Value::Bool(ops::is_disjoint(&s.table.borrow(), &o)?))
}

fn add(_: &mut Interp, s: &S, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let x = a.pos[0].clone();
    let h = hash_of(&x).map_err(|e| e.at(a.span_of(0)))?;
    s.table.borrow_mut().add_hashed(h, x)?;
    Ok(Value::None)
}

/// The hash a member is looked up with (a set argument as a frozenset).
fn lookup_hash(x: &Value) -> Result<i64> {
    match x.downcast::<PySet>() {
        Some(n) => Ok(n.table.borrow().frozen_hash()),
        None => hash_of(x),
    }
}

fn discard(_: &mut Interp, s: &S, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let h = lookup_hash(&a.pos[0]).map_err(|e| e.at(a.span_of(0)))?;
    s.table.borrow_mut().discard_hashed(h, &a.pos[0])?;
    Ok(Value::None)
}

fn remove(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let h = lookup_hash(&a.pos[0]).map_err(|e| e.at(a.span_of(0)))?;
    if !s.table.borrow_mut().discard_hashed(h, &a.pos[0])? {
        let key = me.repr_value(&a.pos[0])?;
        return Err(crate::value::exc_args::key_error(a.pos[0].clone(), key));
    }
    Ok(Value::None)
}

fn pop(_: &mut Interp, s: &S, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let got = s.table.borrow_mut().pop();
    got.ok_or_else(|| {
        crate::value::exc_args::key_error(
            Value::str("pop from an empty set"),
            "'pop from an empty set'",
        )
    })
}

fn clear(_: &mut Interp, s: &S, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let old = std::mem::take(&mut *s.table.borrow_mut());
    drop(old);
    Ok(Value::None)
}

/// Work on a copy of the set's table, then put it back (a set given as
/// its own argument is read while it changes).
fn in_place(
    me: &mut Interp,
    s: &S,
    a: &Args,
    f: fn(&mut Interp, &mut Table, &Value) -> Result<()>,
) -> Result<Value> {
    let mut t = s.table.borrow().clone();
    for (i, v) in a.pos.iter().enumerate() {
        f(me, &mut t, v).map_err(|e| e.at(a.span_of(i)))?;
    }
    *s.table.borrow_mut() = t;
    Ok(Value::None)
}

fn update(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    in_place(me, s, &a, |me, t, v| me.set_update(t, v))
}

fn intersection_update(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    let t = intersect_all(me, s, &a)?;
    *s.table.borrow_mut() = t;
    Ok(Value::None)
}

fn difference_update(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    in_place(me, s, &a, |me, t, v| me.set_difference_update(t, v))
}

fn symmetric_difference_update(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let o = match me.as_table(&a.pos[0]).map_err(|e| e.at(a.span_of(0)))? {
        Some(t) => t,
        None => other(me, &a)?,
    };
    ops::symmetric_update(&mut s.table.borrow_mut(), &o)?;
    Ok(Value::None)
}

/// The methods that leave the set as it is (all of `frozenset`'s).
pub static FROZENSET: Class<S> = Class::new(
    "frozenset",
    &[
        Member::method("copy", copy, Sig::NONE, "a shallow copy"),
        Member::method(
            "difference",
            difference,
            Sig::NONE,
            "the members in no other",
        ),
        Member::method(
            "intersection",
            intersection,
            Sig::NONE,
            "the members in all",
        ),
        Member::method("isdisjoint", isdisjoint, Sig::NONE, "no member in common?"),
        Member::method("issubset", issubset, Sig::NONE, "every member in other?"),
        Member::method(
            "issuperset",
            issuperset,
            Sig::NONE,
            "every member of other in this?",
        ),
        Member::method(
            "symmetric_difference",
            symmetric_difference,
            Sig::NONE,
            "the members in exactly one",
        ),
        Member::method("union", union, Sig::NONE, "the members in any"),
    ],
);

/// `set`: `frozenset`'s methods and those that change the set.
pub static SET: Class<S> = Class::new(
    "set",
    &[
        Member::method("add", add, Sig::NONE, "add a member"),
        Member::method("clear", clear, Sig::NONE, "remove every member"),
        Member::method("discard", discard, Sig::NONE, "remove a member if present"),
        Member::method(
            "difference_update",
            difference_update,
            Sig::NONE,
            "remove the members of others",
        ),
        Member::method(
            "intersection_update",
            intersection_update,
            Sig::NONE,
            "keep the members found in all",
        ),
        Member::method("pop", pop, Sig::NONE, "remove and return a member"),
        Member::method(
            "remove",
            remove,
            Sig::NONE,
            "remove a member; KeyError if absent",
        ),
        Member::method(
            "symmetric_difference_update",
            symmetric_difference_update,
            Sig::NONE,
            "keep the members in exactly one",
        ),
        Member::method("update", update, Sig::NONE, "add the members of others"),
    ],
)
.with_base(&FROZENSET);
