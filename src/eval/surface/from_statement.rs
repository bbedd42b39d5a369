//! The class table of `M.query.from_statement(text(...))` (a legacy
//! `Query` whose rows come from the text, `eval::from_statement`): the
//! ways a legacy query gives its objects. A 2.0 `FromStatement` has no
//! members of its own; `db.session.execute`/`scalars` run it.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::from_statement::FromStatement;
use crate::eval::surface::{Class, Member, Sig};
use crate::value::Value;

type R = Rc<FromStatement>;

fn all(me: &mut Interp, fs: &R, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::list(me.load_from_statement(fs)?))
}

fn first(me: &mut Interp, fs: &R, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(me
        .load_from_statement(fs)?
        .into_iter()
        .next()
        .unwrap_or(Value::None))
}

fn only(me: &mut Interp, fs: &R, or_none: bool) -> Result<Value> {
    let mut it = me.load_from_statement(fs)?.into_iter();
    match (it.next(), it.next()) {
        (None, _) if or_none => Ok(Value::None),
        (None, _) => Err(Error::new(
            ErrorKind::NoResultFound,
            "No row was found when one was required",
        )),
        (Some(v), None) => Ok(v),
        (Some(_), Some(_)) => Err(crate::eval::results::multiple_rows(or_none)),
    }
}

fn one(me: &mut Interp, fs: &R, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    only(me, fs, false)
}

fn one_or_none(me: &mut Interp, fs: &R, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    only(me, fs, true)
}

/// A legacy query from a text statement: its rows as objects.
pub static FROM_STATEMENT: Class<R> = Class::new(
    "Query",
    &[
        Member::method(
            "all",
            all,
            Sig::NONE,
            "every object the SQL's rows stand for",
        ),
        Member::method("first", first, Sig::NONE, "the first object, or None"),
        Member::method("one", one, Sig::NONE, "the only object"),
        Member::method(
            "one_or_none",
            one_or_none,
            Sig::NONE,
            "the only object, or None",
        ),
    ],
);
