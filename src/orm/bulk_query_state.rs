//! What a legacy `Query` may have been given before `Query.update()` or
//! `Query.delete()` runs it: SQLAlchemy's `BulkUD._validate_query_state`
//! refuses a LIMIT, OFFSET, ORDER BY, GROUP BY, DISTINCT, a join or an
//! explicit FROM (`select_from()`, a legacy `union()` read from `anon_1`),
//! none of which an UPDATE or DELETE statement can carry — ignoring them
//! would change rows the query never selected.

use crate::error::{Error, ErrorKind, Result};
use crate::orm::query::Query;

/// SQLAlchemy's `BulkUD._validate_query_state`: the first of the query's
/// settings, in SQLAlchemy's order, that a bulk UPDATE or DELETE cannot
/// carry is an `InvalidRequestError` naming the method that set it.
pub fn validate_query_state(q: &Query) -> Result<()> {
    const FROMS: &str = "join(), outerjoin(), select_from(), or from_self()";
    let refused = [
        (q.limit.is_some(), "limit()"),
        (q.offset.is_some(), "offset()"),
        (!q.order_by.is_empty(), "order_by()"),
        (!q.group_by.is_empty(), "group_by()"),
        (q.distinct, "distinct()"),
        (q.selected_from || !q.adapt.is_empty(), FROMS),
        // A join of the model to itself is kept as the error its
        // statement would raise (`Query::invalid`), not as a join: it was
        // a `join()` all the same.
        (!q.joins.is_empty() || q.invalid.is_some(), FROMS),
    ];
    match refused.iter().find(|(set, _)| *set) {
        Some((_, method)) => Err(Error::new(
            ErrorKind::InvalidRequestError,
            format!("Can't call Query.update() or Query.delete() when {method} has been called"),
        )),
        None => Ok(()),
    }
}
