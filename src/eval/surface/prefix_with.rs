//! `prefix_with(*prefixes, dialect='*')` (SQLAlchemy's
//! `HasPrefixes.prefix_with`): text written after the statement's first
//! keyword — `insert(M).prefix_with('OR IGNORE')` is `INSERT OR IGNORE
//! INTO …`, SQLite's way to skip rows that break a constraint; on a
//! `select()` or `Query` after `SELECT` (before `DISTINCT`), on an
//! `update()` after `UPDATE`, on a `delete()` after `DELETE`. A prefix
//! for another dialect is kept but not written on SQLite.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::TextClause;
use crate::eval::surface::query::Q;
use crate::eval::surface::{Member, Sig};
use crate::orm::dml::Dml;
use crate::value::Value;

/// The (text, dialect) pairs of a `prefix_with()` call.
pub fn prefixes(a: &mut Args) -> Result<Vec<(Rc<str>, Rc<str>)>> {
    let dialect: Rc<str> = match &a.take_kw("dialect") {
        None => Rc::from("*"),
        Some(Value::Str(s)) => Rc::from(&**s),
        Some(other) => {
            return Err(Error::type_(format!(
                "prefix_with() dialect must be a str, not {}",
                other.type_name()
            )));
        }
    };
    a.pos
        .iter()
        .enumerate()
        .map(|(n, v)| match v {
            Value::Str(s) => Ok((Rc::from(&**s), dialect.clone())),
            // `text('…')` without binds is its text (SQLAlchemy's
            // StatementOptionRole takes either).
            Value::Obj(_) if v.downcast::<TextClause>().is_some_and(|t| t.1.is_empty()) => {
                let t = v.downcast::<TextClause>().expect("a text clause");
                Ok((t.0.clone(), dialect.clone()))
            }
            other => Err(Error::new(
                ErrorKind::ArgumentError,
                format!(
                    "prefix_with() takes SQL text, not {} (as text('...') would give)",
                    other.type_name()
                ),
            )
            .at(a.span_of(n))
            .with_help("write the prefix as a string: prefix_with('OR IGNORE')")),
        })
        .collect()
}

/// `insert(M).prefix_with('OR IGNORE')`.
fn insert_prefix_with(_: &mut Interp, d: &Rc<Dml>, mut a: Args) -> Result<Value> {
    let more = prefixes(&mut a)?;
    if d.from_select.is_some() {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            "prefix_with() on an INSERT … SELECT (from_select) is not supported by ormsh",
        )
        .with_help("prefix the insert() of values instead"));
    }
    let mut new = (**d).clone();
    new.prefixes.extend(more);
    Ok(Value::obj(new))
}

/// `update(M).prefix_with('OR IGNORE')`, `delete(M).prefix_with(...)`.
fn dml_prefix_with(_: &mut Interp, d: &Rc<Dml>, mut a: Args) -> Result<Value> {
    let more = prefixes(&mut a)?;
    let mut new = (**d).clone();
    new.prefixes.extend(more);
    Ok(Value::obj(new))
}

/// `select(...).prefix_with(...)`, `Query.prefix_with(...)`: the same
/// statement with text after `SELECT`.
fn select_prefix_with(me: &mut Interp, q: &Q, mut a: Args) -> Result<Value> {
    let more = prefixes(&mut a)?;
    let mut nq = q.copy(me)?;
    if !nq.compound.is_empty() {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            "prefix_with() on a UNION (a compound select) is not supported by ormsh",
        )
        .with_help("prefix each select() before the union"));
    }
    nq.prefixes.extend(more);
    Ok(Value::obj(nq))
}

/// `Update.prefix_with`'s and `Delete.prefix_with`'s entry.
pub const DML_PREFIX_WITH: Member<Rc<Dml>> = Member::method(
    "prefix_with",
    dml_prefix_with,
    Sig::kw(&["dialect"]),
    "text after UPDATE or DELETE: prefix_with('OR IGNORE')",
);

/// `Select.prefix_with`'s and `Query.prefix_with`'s entry.
pub const SELECT_PREFIX_WITH: Member<Q> = Member::method(
    "prefix_with",
    select_prefix_with,
    Sig::kw(&["dialect"]),
    "text after SELECT: prefix_with('DISTINCT')",
);

/// `Insert.prefix_with`'s entry.
pub const INSERT_PREFIX_WITH: Member<Rc<Dml>> = Member::method(
    "prefix_with",
    insert_prefix_with,
    Sig::kw(&["dialect"]),
    "text after INSERT: prefix_with('OR IGNORE') skips rows that break a constraint",
);
