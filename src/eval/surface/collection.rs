//! A relationship collection, `category.posts`: SQLAlchemy's
//! `InstrumentedList`, a list whose changes are the relationship's events
//! (an appended object joins the parent, a removed one leaves it). The
//! list methods that change it go through the session
//! (`Session::append`, `remove`, `pop_at`, `clear`); `sort` and `reverse`
//! move members as a plain list's do, firing no event.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::rel_ops::as_member;
use crate::eval::surface::{Class, Member, Sig};
use crate::orm::instance::Instance;
use crate::orm::relation::Collection;
use crate::value::Value;

type C = Rc<Collection>;

/// `append(obj)`: the object joins the relationship.
pub(crate) fn append(me: &mut Interp, c: &C, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let x = as_member(&c.rel, &a.pos[0])?;
    me.session.append(c, x.as_ref())?;
    Ok(Value::None)
}

fn remove(me: &mut Interp, c: &C, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let x = as_member(&c.rel, &a.pos[0])?;
    me.session.remove(c, x.as_ref())?;
    Ok(Value::None)
}

/// `extend(objs)`: each object appended in turn.
pub(crate) fn extend(me: &mut Interp, c: &C, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    for v in me.to_vec(&a.pos[0])? {
        let x = as_member(&c.rel, &v)?;
        me.session.append(c, x.as_ref())?;
    }
    Ok(Value::None)
}

/// `insert(i, obj)`: appended (with its events), then moved to `i` as
/// Python's `list.insert` places it.
fn insert(me: &mut Interp, c: &C, a: Args) -> Result<Value> {
    a.count(2, 2)?;
    let x = as_member(&c.rel, &a.pos[1])?;
    me.session.append(c, x.as_ref())?;
    if let Some(o) = c.owner.upgrade() {
        me.session.journal(&o);
    }
    let mut items = c.items.borrow_mut();
    if let Some(last) = items.pop() {
        let n = items.len() as i64;
        let i = a.int(0)?;
        let at = if i < 0 { (n + i).max(0) } else { i.min(n) };
        items.insert(at as usize, last);
    }
    Ok(Value::None)
}

fn pop(me: &mut Interp, c: &C, a: Args) -> Result<Value> {
    a.count(0, 1)?;
    let items = c.values();
    if items.is_empty() {
        return Err(Error::new(ErrorKind::IndexError, "pop from empty list"));
    }
    let n = items.len() as i64;
    let i = if a.is_empty() { -1 } else { a.int(0)? };
    let at = if i < 0 { n + i } else { i };
    if at < 0 || at >= n {
        return Err(Error::new(ErrorKind::IndexError, "pop index out of range"));
    }
    Ok(me
        .session
        .pop_at(c, at as usize)?
        .map_or(Value::None, |x| Value::Obj(x)))
}

fn clear(me: &mut Interp, c: &C, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    me.session.clear(c)?;
    Ok(Value::None)
}

/// How many members are `x`: members are objects or None, each equal only
/// to itself.
fn count(_: &mut Interp, c: &C, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let n = c.values().iter().filter(|x| x.py_is(&a.pos[0])).count();
    Ok(Value::Int(n as i64))
}

fn index(_: &mut Interp, c: &C, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    match c.values().iter().position(|x| x.py_is(&a.pos[0])) {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(Error::value("list.index(x): x not in list")),
    }
}

fn copy(_: &mut Interp, c: &C, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::list(c.values()))
}

fn reverse(me: &mut Interp, c: &C, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    if let Some(o) = c.owner.upgrade() {
        me.session.journal(&o);
    }
    c.items.borrow_mut().reverse();
    Ok(Value::None)
}

/// A plain list's sort: members move, no event fires.
fn sort(me: &mut Interp, c: &C, mut a: Args) -> Result<Value> {
    let key = a.take_kw("key");
    let reverse = a.take_kw("reverse").is_some_and(|v| v.truthy());
    a.count(0, 0)?;
    let sorted = crate::eval::builtins_iter::sort_values(me, c.values(), key, reverse)?;
    if let Some(o) = c.owner.upgrade() {
        me.session.journal(&o);
    }
    *c.items.borrow_mut() = sorted.iter().map(|v| v.downcast::<Instance>()).collect();
    Ok(Value::None)
}

/// The methods of a relationship collection (Python's `list`'s, with the
/// relationship's events).
pub static COLLECTION: Class<C> = Class::new(
    "InstrumentedList",
    &[
        Member::method(
            "append",
            append,
            Sig::NONE,
            "add an object to the relationship",
        ),
        Member::method(
            "remove",
            remove,
            Sig::NONE,
            "take an object out of the relationship",
        ),
        Member::method(
            "extend",
            extend,
            Sig::NONE,
            "add each object of a list to the relationship",
        ),
        Member::method(
            "pop",
            pop,
            Sig::NONE,
            "take out and return the object at index i (the last by default)",
        ),
        Member::method(
            "clear",
            clear,
            Sig::NONE,
            "take every object out of the relationship",
        ),
        Member::method("count", count, Sig::NONE, "how many times x is a member"),
        Member::method(
            "index",
            index,
            Sig::NONE,
            "the position of x in the collection",
        ),
        Member::method(
            "insert",
            insert,
            Sig::NONE,
            "add an object to the relationship at index i",
        ),
        Member::method("copy", copy, Sig::NONE, "the members, as a plain list"),
        Member::method(
            "sort",
            sort,
            Sig::kw(&["key", "reverse"]),
            "order the members in place (no event fires)",
        ),
        Member::method(
            "reverse",
            reverse,
            Sig::NONE,
            "reverse the members in place (no event fires)",
        ),
    ],
);
