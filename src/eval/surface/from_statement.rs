//! The class table of `M.query.from_statement(text(...))` (a legacy
//! `Query` whose rows come from the text, `eval::from_statement`): the
//! ways a legacy query gives its objects. A 2.0 `FromStatement` has no
//! members of its own; `db.session.execute`/`scalars` run it.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::from_statement::{FromStatement, Source};
use crate::eval::objects::TextClause;
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

/// `Query.params(**kw)` / `params({...})` of `from_statement(text(...))`:
/// the query with these values for the text's `:name` placeholders, as
/// SQLAlchemy binds a query's parameters when it runs (a name the text
/// has no placeholder for is left unused).
fn params(_: &mut Interp, fs: &R, mut a: Args) -> Result<Value> {
    let mut given: Vec<(Rc<str>, Value)> = Vec::new();
    if let Some(first) = a.pos.first() {
        let Value::Dict(d) = first else {
            return Err(Error::type_(format!(
                "params() takes a dict or keywords, not {}",
                first.type_name()
            ))
            .at(a.span_of(0))
            .with_help("write .params(p='%n%') or .params({'p': '%n%'})"));
        };
        for (k, v) in d.borrow().iter() {
            let Value::Str(k) = k else {
                return Err(Error::type_(
                    "params() keys are the placeholders' names (str)",
                ));
            };
            given.push((Rc::from(k.as_str()), v.clone()));
        }
    }
    for (k, v, _) in std::mem::take(&mut a.kw) {
        given.push((k, v));
    }
    a.count(0, 1)?;
    let Source::Text(t) = &fs.source else {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            "Query.params() of from_statement(select(...)) is not supported by ormsh: give the values in the select",
        )
        .with_help("write the values into the statement: select(User).where(User.name.like(p))"));
    };
    let mut binds = t.1.clone();
    for (k, v) in given {
        binds.retain(|(n, _)| *n != k);
        binds.push((k, v));
    }
    Ok(Value::obj(FromStatement {
        model: fs.model.clone(),
        source: Source::Text(Rc::new(TextClause(t.0.clone(), binds))),
        legacy: fs.legacy,
    }))
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
        Member::method(
            "params",
            params,
            Sig {
                kw: &[],
                ignored: &[],
                any_kw: true,
            },
            "the query with values for the text's :name placeholders",
        ),
        Member::method("one", one, Sig::NONE, "the only object"),
        Member::method(
            "one_or_none",
            one_or_none,
            Sig::NONE,
            "the only object, or None",
        ),
    ],
);
