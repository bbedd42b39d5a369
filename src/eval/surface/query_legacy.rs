//! The legacy `Query`'s older and run-time-only methods, as SQLAlchemy 2
//! keeps them: `add_column` (the older name of `add_columns`), `value`
//! and `values` (one column's first value; every row of some columns),
//! `yield_per` (rows fetched in batches: ormsh streams rows anyway, so the
//! results are the same) and `with_for_update` (SQLAlchemy's SQLite
//! dialect writes no `FOR UPDATE`: SQLite locks the whole database).

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::Sig;
use crate::eval::surface::query::Q;
use crate::eval::surface::query_criteria::{add_columns, with_entities};
use crate::orm::query::Query;
use crate::orm::row::Row;
use crate::schema::relationship::Lazy;
use crate::value::Value;

/// `Query.add_column(col)`: SQLAlchemy's older name of `add_columns`.
pub(crate) fn add_column(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    add_columns(me, q, a)
}

/// The query `with_entities(*columns)` makes, to run.
fn of_columns(me: &mut Interp, q: &Q, a: Args) -> Result<std::rc::Rc<Query>> {
    let v = with_entities(me, q, a)?;
    v.downcast::<Query>()
        .ok_or_else(|| Error::type_("with_entities() made no query"))
}

/// `Query.values(*columns)`: a generator of the rows of these columns,
/// the query run at once (SQLAlchemy's `iter(q)` of them).
pub(crate) fn values(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    if a.is_empty() {
        return Err(Error::type_("values() needs at least one column"));
    }
    let nq = of_columns(me, q, a)?;
    let rows = me.query_all(&nq)?;
    Ok(crate::eval::live_iter::PyIter::value(
        crate::eval::live_iter::IterKind::Plain(
            crate::eval::live_iter::Cursor::Items(rows.into_iter()),
            "generator",
        ),
    ))
}

/// `Query.value(column)`: the first row's value of one column, or None
/// (no LIMIT, no check for more rows, as SQLAlchemy's `Query.value`).
pub(crate) fn value(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let nq = of_columns(me, q, a)?;
    let first = me.query_all(&nq)?.into_iter().next();
    Ok(match first {
        None => Value::None,
        Some(v) => match v.downcast::<Row>() {
            Some(r) => r.values.first().cloned().unwrap_or(Value::None),
            None => v,
        },
    })
}

/// `Query.yield_per(count)`: the same rows (ormsh fetches rows as SQLite
/// gives them), not uniqued (SQLAlchemy's batches skip the legacy Query's
/// uniquing); refused, as SQLAlchemy refuses it, with a joined eager load
/// of a collection.
pub(crate) fn yield_per(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let n = a.int(0)?;
    if n <= 0 {
        return Err(Error::new(
            ErrorKind::ValueError,
            format!("yield_per() takes a positive count, not {n}"),
        )
        .at(a.span_of(0)));
    }
    let mut nq = q.copy(me)?;
    nq.yield_per = true;
    let joined_collection =
        (me.eager_loaders(&nq)?.iter()).any(|(r, lazy)| *lazy == Lazy::Joined && r.uselist);
    if joined_collection {
        return Err(Error::new(
            ErrorKind::InvalidRequestError,
            "The yield_per Query option is currently not compatible with joined collection eager loading.  Please specify selectinload() or subqueryload() for collection loading.",
        ));
    }
    Ok(Value::obj(nq))
}

const NO_ROW_LOCKS: &str = "SQLite has no row locks; SQLAlchemy's SQLite dialect writes no FOR UPDATE (str() of an unbound select() writes FOR UPDATE alone)";

/// What `with_for_update` takes: every keyword is ignored on SQLite.
pub const FOR_UPDATE: Sig = Sig {
    kw: &[],
    ignored: &[
        ("read", NO_ROW_LOCKS),
        ("nowait", NO_ROW_LOCKS),
        ("of", NO_ROW_LOCKS),
        ("skip_locked", NO_ROW_LOCKS),
        ("key_share", NO_ROW_LOCKS),
    ],
    any_kw: false,
};

/// `Query.with_for_update(...)` and `Select.with_for_update(...)`: the
/// same query marked for row locking (SQLAlchemy's `_for_update_arg`).
/// SQLAlchemy's SQLite dialect writes nothing for it (SQLite locks the
/// database, not rows); `str()` of an unbound `Select` writes the default
/// dialect's ` FOR UPDATE` (`sql::dialect`).
pub(crate) fn with_for_update(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let mut nq = q.copy(me)?;
    nq.for_update = true;
    Ok(Value::obj(nq))
}
