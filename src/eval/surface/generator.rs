//! The class table of generator objects — generator expressions
//! (`eval::generator`) and generator functions' generators
//! (`eval::gen_fn`): `__next__()`, `send()`, `close()`, `__name__` and
//! `__qualname__`, as CPython's `generator` type has them.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::live_iter::{Cursor, IterKind, PyIter};
use crate::eval::surface::{Class, Member, Sig};
use crate::value::Value;

/// Is `it` a generator (not another iterator object)?
pub fn is_generator(it: &PyIter) -> bool {
    matches!(&*it.0.borrow(), IterKind::Gen(_) | IterKind::GenFn(_))
}

/// The next item, or `StopIteration` at the end (`next(g)`).
fn advance(me: &mut Interp, g: &Rc<PyIter>) -> Result<Value> {
    match Cursor::Iter(g.clone()).next(me)? {
        Some(v) => Ok(v),
        None => Err(crate::eval::gen_fn::stop_iteration(g)),
    }
}

fn next_item(me: &mut Interp, g: &Rc<PyIter>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    advance(me, g)
}

/// `g.send(value)`: the next item, the `yield` the generator stands at
/// given `value` (`x = yield v` binds it; a `yield` statement drops it).
/// A value other than None before the generator has started is CPython's
/// TypeError.
fn send(me: &mut Interp, g: &Rc<PyIter>, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let started = match &*g.0.borrow() {
        IterKind::Gen(s) => s.started,
        IterKind::GenFn(s) => s.started,
        _ => true,
    };
    if !started && !matches!(a.pos[0], Value::None) {
        return Err(
            Error::type_("can't send non-None value to a just-started generator")
                .with_help("start it with next(g) or g.send(None) first"),
        );
    }
    if let IterKind::GenFn(s) = &mut *g.0.borrow_mut() {
        s.sent = Some(a.pos[0].clone());
    }
    advance(me, g)
}

/// `g.close()`: the generator finishes — its `finally` clauses run, its
/// `with` contexts exit (`gen_fn_close`); asking again gives nothing.
fn close(me: &mut Interp, g: &Rc<PyIter>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    crate::eval::gen_fn_close::close(me, g)?;
    Ok(Value::None)
}

/// `__name__`: the function's name, `<genexpr>` for an expression.
fn name(_: &mut Interp, g: &Rc<PyIter>) -> Result<Value> {
    Ok(Value::str(match &*g.0.borrow() {
        IterKind::GenFn(s) => s.qualname.rsplit('.').next().unwrap_or_default(),
        _ => "<genexpr>",
    }))
}

/// `__qualname__`: the function's qualified name, `<genexpr>` for an
/// expression.
fn qualname(_: &mut Interp, g: &Rc<PyIter>) -> Result<Value> {
    Ok(Value::str(match &*g.0.borrow() {
        IterKind::GenFn(s) => &s.qualname,
        _ => "<genexpr>",
    }))
}

/// The other iterator objects (`iter(list)`, `enumerate(…)`, `map(…)`):
/// Python's iterator protocol, `__next__()`.
pub static ITERATOR: Class<Rc<PyIter>> = Class::new(
    "iterator",
    &[Member::method(
        "__next__",
        next_item,
        Sig::NONE,
        "the next item (StopIteration at the end)",
    )],
);

/// CPython's `generator`.
pub static GENERATOR: Class<Rc<PyIter>> = Class::new(
    "generator",
    &[
        Member::method(
            "__next__",
            next_item,
            Sig::NONE,
            "the next item (StopIteration at the end)",
        ),
        Member::method(
            "send",
            send,
            Sig::NONE,
            "the next item; the value sent is dropped",
        ),
        Member::method("close", close, Sig::NONE, "finish the generator"),
        Member::attr("__name__", name, "the function's name"),
        Member::attr("__qualname__", qualname, "the function's qualified name"),
    ],
);
