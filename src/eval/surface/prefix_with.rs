//! `prefix_with(*prefixes, dialect='*')` (SQLAlchemy's
//! `HasPrefixes.prefix_with`): text written after the statement's first
//! keyword — `insert(M).prefix_with('OR IGNORE')` is `INSERT OR IGNORE
//! INTO …`, SQLite's way to skip rows that break a constraint. A prefix
//! for another dialect is kept but not written on SQLite.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
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

/// `Insert.prefix_with`'s entry.
pub const INSERT_PREFIX_WITH: Member<Rc<Dml>> = Member::method(
    "prefix_with",
    insert_prefix_with,
    Sig::kw(&["dialect"]),
    "text after INSERT: prefix_with('OR IGNORE') skips rows that break a constraint",
);
