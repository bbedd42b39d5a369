//! The methods of Python's `set` and `frozenset` (`FROZENSET` has those
//! that do not change the set; `SET` adds the ones that do), over the
//! CPython-ordered table of `eval::pyset` and the algebra of
//! `eval::pyset_ops`. A method taking "other" takes any iterable, as
//! Python's do.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::pyset::{PySet, Table, hash_of};
use crate::eval::pyset_ops as ops;
use crate::eval::surface::{Class, Member, Sig};
use crate::value::Value;

type S = Rc<PySet>;

/// The tables of the arguments, each an iterable.
fn others(me: &mut Interp, a: &Args) -> Result<Vec<Table>> {
    let mut out = Vec::with_capacity(a.pos.len());
    for (i, v) in a.pos.iter().enumerate() {
        out.push(me.set_table(v).map_err(|e| e.at(a.span_of(i)))?);
    }
    Ok(out)
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
    for o in others(me, &a)? {
        t.merge(&o)?;
    }
    Ok(result(s, t))
}

fn intersection(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    let mut t = ops::copy(&s.table.borrow())?;
    for o in others(me, &a)? {
        t = ops::intersection(&t, &o)?;
    }
    Ok(result(s, t))
}

fn difference(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    let mut os = others(me, &a)?.into_iter();
    let mut t = match os.next() {
        Some(first) => ops::difference(&s.table.borrow(), &first)?,
        None => ops::copy(&s.table.borrow())?,
    };
    for o in os {
        ops::difference_update(&mut t, &o)?;
    }
    Ok(result(s, t))
}

fn symmetric_difference(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let o = others(me, &a)?.remove(0);
    Ok(result(s, ops::symmetric_difference(&s.table.borrow(), &o)?))
}

fn issubset(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let o = others(me, &a)?.remove(0);
    Ok(Value::Bool(ops::is_subset(&s.table.borrow(), &o)?))
}

fn issuperset(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let o = others(me, &a)?.remove(0);
    Ok(Value::Bool(ops::is_subset(&o, &s.table.borrow())?))
}

fn isdisjoint(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let o = others(me, &a)?.remove(0);
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
        return Err(Error::new(ErrorKind::KeyError, key));
    }
    Ok(Value::None)
}

fn pop(_: &mut Interp, s: &S, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let got = s.table.borrow_mut().pop();
    got.ok_or_else(|| Error::new(ErrorKind::KeyError, "'pop from an empty set'"))
}

fn clear(_: &mut Interp, s: &S, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let old = std::mem::take(&mut *s.table.borrow_mut());
    drop(old);
    Ok(Value::None)
}

fn update(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    for o in others(me, &a)? {
        s.table.borrow_mut().merge(&o)?;
    }
    Ok(Value::None)
}

fn intersection_update(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    let t = intersection(me, s, a)?;
    if let Some(t) = t.downcast::<PySet>() {
        let new = t.table.borrow().clone();
        *s.table.borrow_mut() = new;
    }
    Ok(Value::None)
}

fn difference_update(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    for o in others(me, &a)? {
        ops::difference_update(&mut s.table.borrow_mut(), &o)?;
    }
    Ok(Value::None)
}

fn symmetric_difference_update(me: &mut Interp, s: &S, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let o = others(me, &a)?.remove(0);
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
