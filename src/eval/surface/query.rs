//! The legacy `Query` (`User.query`, `db.session.query(...)`) and the 2.0
//! `Select` (`db.select(...)`): their class tables, and the receiver their
//! methods share with the dynamic relationship's `AppenderQuery`
//! (`dynamic.rs`), which stands for the query of its related objects.
//!
//! The bodies live by concept: building criteria and columns
//! (`query_criteria.rs`), joins, loader options and `with_parent`
//! (`query_join.rs`), running (`query_rows.rs`), pagination
//! (`query_page.rs`) and bulk writes (`query_bulk.rs`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::rel_ops::DynamicRel;
use crate::eval::rel_ops::outside_session;
use crate::eval::surface::query_bulk::{delete, update};
use crate::eval::surface::query_criteria::{
    add_columns, distinct, exists, filter, filter_by, group_by, having, limit, offset, order_by,
    scalar_subquery, slice, statement, with_entities,
};
use crate::eval::surface::query_join::{join, options, outerjoin, select_from, with_parent};
use crate::eval::surface::query_legacy::{
    FOR_UPDATE, add_column, value, values, with_for_update, yield_per,
};
use crate::eval::surface::query_page::{PAGINATE, paginate};
use crate::eval::surface::query_populate::{execution_options, populate_existing};
use crate::eval::surface::query_rows::{
    all, count, first, first_or_404, get, get_or_404, one, one_or_404, one_or_none, scalar,
};
use crate::eval::surface::select_class::SELECT;
use crate::eval::surface::setops::{
    except_, except_all, intersect, intersect_all, union, union_all,
};
use crate::eval::surface::subquery::{cte, subquery};
use crate::eval::surface::{Class, LIST, Member, PAGINATION, Receiver, Returns, Sig};
use crate::orm::query::Query;
use crate::value::Value;

/// What a query method is called on: a `Query` or `Select`, or a dynamic
/// relationship read from an object (`user.posts` with `lazy='dynamic'`).
#[derive(Clone)]
pub enum Q {
    Query(Rc<Query>),
    Dynamic(Rc<DynamicRel>),
}

impl Receiver for Q {
    fn from_value(v: &Value) -> Option<Self> {
        if let Some(q) = v.downcast::<Query>() {
            return Some(Q::Query(q));
        }
        v.downcast::<DynamicRel>().map(Q::Dynamic)
    }
}

impl Q {
    /// The query a method works on: the query itself, or the one a dynamic
    /// relationship stands for — built after an autoflush (SQLAlchemy
    /// flushes first, so a new owner has its key), and refused for an
    /// object outside the session, which has nothing to query.
    pub(crate) fn query(&self, me: &mut Interp) -> Result<Rc<Query>> {
        let d = match self {
            Q::Query(q) => return Ok(q.clone()),
            Q::Dynamic(d) => d,
        };
        if outside_session(&d.owner) {
            return Err(Error::new(
                ErrorKind::DetachedInstanceError,
                format!(
                    "{}.{} cannot be queried: this {} is not in a session",
                    d.rel.owner.name, d.rel.name, d.rel.owner.name
                ),
            )
            .with_help(
                "add it first with db.session.add(...), or use .all() to see what was appended",
            ));
        }
        if me.session.contains(&d.owner) {
            me.autoflush()?;
        }
        Ok(Rc::new(me.dynamic_query(d)?))
    }

    /// A copy of the query to build a new one from.
    pub(crate) fn copy(&self, me: &mut Interp) -> Result<Query> {
        Ok((*self.query(me)?).clone())
    }
}

/// Any keyword (`filter_by(**columns)`): the method checks each itself.
pub(super) const ANY_KW: Sig = Sig {
    kw: &[],
    ignored: &[],
    any_kw: true,
};

pub(super) const SYNC: Sig = Sig::kw(&["synchronize_session"]);

/// A missing `Query` attribute: SQLAlchemy's, refused by name
/// (`surface/refused.rs`), else an `AttributeError`.
fn query_missing(_: &mut Interp, _: &Q, name: &str, hint: &str) -> Error {
    super::refused::query(name)
        .unwrap_or_else(|| Error::attr(format!("'Query' object has no attribute '{name}'{hint}")))
}

/// A legacy `Query`'s members (SQLAlchemy's `orm.Query`, with
/// Flask-SQLAlchemy's `get_or_404`, `first_or_404`, `one_or_404` and
/// `paginate`).
pub static QUERY: Class<Q> = Class::new(
    "Query",
    &[
        Member::method(
            "filter",
            filter,
            Sig::NONE,
            "the query with these conditions added (AND)",
        ),
        Member::method("where", filter, Sig::NONE, "the same as filter()"),
        Member::method(
            "filter_by",
            filter_by,
            ANY_KW,
            "the query with column=value conditions added",
        ),
        Member::method(
            "order_by",
            order_by,
            Sig::NONE,
            "the query ordered by these columns (None clears)",
        ),
        Member::method(
            "group_by",
            group_by,
            Sig::NONE,
            "the query grouped by these columns",
        ),
        Member::method(
            "having",
            having,
            Sig::NONE,
            "the query with these conditions on its groups",
        ),
        Member::method(
            "limit",
            limit,
            Sig::NONE,
            "the query giving at most this many rows (None: all)",
        ),
        Member::method(
            "offset",
            offset,
            Sig::NONE,
            "the query skipping this many rows (None: none)",
        ),
        Member::method(
            "slice",
            slice,
            Sig::kw(&["start", "stop"]),
            "the query's rows start to stop, as OFFSET and LIMIT",
        ),
        Member::method(
            "distinct",
            distinct,
            Sig::NONE,
            "the query without repeated rows (SELECT DISTINCT)",
        ),
        Member::method(
            "select_from",
            select_from,
            Sig::NONE,
            "the query reading from these models first",
        ),
        Member::method(
            "join",
            join,
            Sig::kw(&["isouter", "full"]),
            "the query joined to a model or along a relationship",
        ),
        Member::method(
            "outerjoin",
            outerjoin,
            Sig::kw(&["full"]),
            "the query LEFT OUTER JOINed to a model or relationship",
        ),
        Member::method(
            "options",
            options,
            Sig::NONE,
            "the query with these loader options (joinedload(...), ...)",
        ),
        Member::method(
            "with_parent",
            with_parent,
            Sig::NONE,
            "the query of the objects related to this one",
        ),
        Member::method(
            "with_entities",
            with_entities,
            Sig::NONE,
            "the query of these models or columns instead",
        ),
        Member::method(
            "add_columns",
            add_columns,
            Sig::NONE,
            "the query with these columns added to each row",
        ),
        Member::attr(
            "column_descriptions",
            super::column_descriptions::column_descriptions,
            "a dict per selected entity: name, type, aliased, expr, entity",
        ),
        Member::attr(
            "statement",
            statement,
            "the SELECT this query runs, as a 2.0 Select",
        ),
        Member::method(
            "subquery",
            subquery,
            Sig::kw(&["name"]),
            "the query as a subquery to select from",
        ),
        Member::method(
            "cte",
            cte,
            Sig::kw(&["name", "recursive"]),
            "the query as a CTE",
        ),
        Member::method("union", union, Sig::NONE, "rows of either query, once"),
        Member::method("union_all", union_all, Sig::NONE, "rows of both queries"),
        Member::method(
            "intersect",
            intersect,
            Sig::NONE,
            "rows of both queries, once",
        ),
        Member::method("intersect_all", intersect_all, Sig::NONE, "INTERSECT ALL"),
        Member::method(
            "except_",
            except_,
            Sig::NONE,
            "rows of this one not in the others",
        ),
        Member::method("except_all", except_all, Sig::NONE, "EXCEPT ALL"),
        Member::method(
            "as_scalar",
            super::query_criteria::as_scalar,
            Sig::NONE,
            "scalar_subquery(), by its deprecated name",
        ),
        Member::method(
            "scalar_subquery",
            scalar_subquery,
            Sig::NONE,
            "the query as one value inside another statement",
        ),
        Member::method(
            "from_statement",
            crate::eval::from_statement::from_statement,
            Sig::NONE,
            "objects of the model from the rows of text('SELECT …')",
        ),
        Member::method(
            "params",
            crate::eval::bindparam::params,
            ANY_KW,
            "the query with values for its named parameters: params(x=1)",
        ),
        Member::method(
            "label",
            super::query_label::label,
            Sig::kw(&["name"]),
            "the query as one value under a name: (SELECT …) AS name",
        ),
        Member::method(
            "exists",
            exists,
            Sig::NONE,
            "EXISTS (the query), a condition",
        ),
        Member::method("all", all, Sig::NONE, "every row, as a list"),
        Member::method("first", first, Sig::NONE, "the first row, or None"),
        Member::method(
            "one",
            one,
            Sig::NONE,
            "the only row; NoResultFound or MultipleResultsFound otherwise",
        ),
        Member::method(
            "one_or_none",
            one_or_none,
            Sig::NONE,
            "the only row or None; MultipleResultsFound if more",
        ),
        Member::method(
            "scalar",
            scalar,
            Sig::NONE,
            "the first column of the only row, or None",
        ),
        Member::method("count", count, Sig::NONE, "the number of rows"),
        Member::method(
            "get",
            get,
            Sig::NONE,
            "the object with this primary key, or None",
        ),
        Member::method(
            "get_or_404",
            get_or_404,
            Sig::kw(&["description"]),
            "the object with this primary key, or 404 Not Found",
        ),
        Member::method(
            "first_or_404",
            first_or_404,
            Sig::kw(&["description"]),
            "the first row, or 404 Not Found",
        ),
        Member::method(
            "one_or_404",
            one_or_404,
            Sig::kw(&["description"]),
            "the only row, or 404 Not Found",
        ),
        Member::method(
            "paginate",
            paginate,
            PAGINATE,
            "one page of the rows, as a Pagination",
        ),
        Member::method(
            "delete",
            delete,
            SYNC,
            "delete the matching rows in one statement; the number deleted",
        ),
        Member::method(
            "update",
            update,
            SYNC,
            "set columns of the matching rows in one statement; the number changed",
        ),
        Member::method(
            "add_column",
            add_column,
            Sig::NONE,
            "the older name of add_columns (one column)",
        ),
        Member::method(
            "value",
            value,
            Sig::NONE,
            "the first row's value of one column, or None",
        ),
        Member::method("values", values, Sig::NONE, "the rows of these columns"),
        Member::method(
            "populate_existing",
            populate_existing,
            Sig::NONE,
            "the same query, giving the objects it meets in the session the row's values",
        ),
        Member::method(
            "execution_options",
            execution_options,
            ANY_KW,
            "the same query with execution options (populate_existing)",
        ),
        Member::method(
            "correlate",
            super::query_correlate::correlate,
            Sig::NONE,
            "nested, the query leaves out only these FROMs of the enclosing one",
        ),
        Member::method(
            "yield_per",
            yield_per,
            Sig::NONE,
            "the same query, fetched in batches (ormsh streams rows anyway)",
        ),
        Member::method(
            "with_for_update",
            with_for_update,
            FOR_UPDATE,
            "the same query: SQLite locks the database, not rows (no FOR UPDATE)",
        ),
        super::prefix_with::SELECT_PREFIX_WITH,
    ],
)
// What the members whose result has a fixed class give (read by Tab
// completion).
.with_results(&[
    ("prefix_with", Returns::Class(&QUERY)),
    ("filter", Returns::Class(&QUERY)),
    ("where", Returns::Class(&QUERY)),
    ("filter_by", Returns::Class(&QUERY)),
    ("order_by", Returns::Class(&QUERY)),
    ("group_by", Returns::Class(&QUERY)),
    ("having", Returns::Class(&QUERY)),
    ("limit", Returns::Class(&QUERY)),
    ("offset", Returns::Class(&QUERY)),
    ("slice", Returns::Class(&QUERY)),
    ("distinct", Returns::Class(&QUERY)),
    ("select_from", Returns::Class(&QUERY)),
    ("join", Returns::Class(&QUERY)),
    ("outerjoin", Returns::Class(&QUERY)),
    ("options", Returns::Class(&QUERY)),
    ("with_parent", Returns::Class(&QUERY)),
    ("with_entities", Returns::Class(&QUERY)),
    ("add_columns", Returns::Class(&QUERY)),
    ("statement", Returns::Class(&SELECT)),
    ("all", Returns::Class(&LIST)),
    ("paginate", Returns::Class(&PAGINATION)),
    ("first", Returns::Object),
    ("one", Returns::Object),
    ("one_or_none", Returns::Object),
    ("get", Returns::Object),
    ("get_or_404", Returns::Object),
    ("first_or_404", Returns::Object),
    ("one_or_404", Returns::Object),
])
.with_missing(query_missing);
