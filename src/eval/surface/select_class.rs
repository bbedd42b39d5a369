//! The 2.0 `Select` (`db.select(...)`, SQLAlchemy's `sql.Select`): its
//! class table. It shares its receiver (`Q`) and method bodies with the
//! legacy `Query` (`query.rs`); a session runs it.

use crate::error::Error;
use crate::eval::Interp;
use crate::eval::surface::query::{ANY_KW, Q};
use crate::eval::surface::query_criteria::{
    add_columns, distinct, exists, fetch, filter, filter_by, group_by, having, limit, offset,
    order_by, scalar_subquery, with_entities,
};
use crate::eval::surface::query_join::{
    join, join_from, options, outerjoin, outerjoin_from, select_from,
};
use crate::eval::surface::query_legacy::{FOR_UPDATE, with_for_update};
use crate::eval::surface::query_populate::execution_options;
use crate::eval::surface::setops::{
    except_, except_all, intersect, intersect_all, union, union_all,
};
use crate::eval::surface::subquery::{cte, subquery};
use crate::eval::surface::{Class, Member, Returns, Sig};

/// A missing `Select` attribute: SQLAlchemy's, refused by name, else an
/// `AttributeError`.
fn select_missing(_: &mut Interp, _: &Q, name: &str, hint: &str) -> Error {
    super::refused::select(name)
        .unwrap_or_else(|| Error::attr(format!("'Select' object has no attribute '{name}'{hint}")))
}

/// A 2.0 `Select`'s members (SQLAlchemy's `sql.Select`): it only builds; a
/// session runs it (`db.session.execute`, `scalars`, `db.paginate`).
pub static SELECT: Class<Q> = Class::new(
    "Select",
    &[
        Member::method(
            "where",
            filter,
            Sig::NONE,
            "the statement with these conditions added (AND)",
        ),
        Member::method("filter", filter, Sig::NONE, "the same as where()"),
        Member::method(
            "compile",
            crate::eval::compiled::compile,
            crate::eval::compiled::COMPILE,
            "the compiled statement; str() of it is its SQL, the values inline with compile_kwargs={'literal_binds': True}",
        ),
        Member::attr(
            "selected_columns",
            super::selected_columns::selected_columns,
            "the columns it selects, by key: stmt.selected_columns.name",
        ),
        Member::attr(
            "column_descriptions",
            super::column_descriptions::column_descriptions,
            "a dict per selected entity: name, type, aliased, expr, entity",
        ),
        Member::attr(
            "exported_columns",
            super::selected_columns::selected_columns,
            "the same as selected_columns, for a Select",
        ),
        Member::method(
            "correlate",
            super::query_correlate::correlate,
            Sig::NONE,
            "nested, the statement leaves out only these FROMs of the enclosing one",
        ),
        Member::method(
            "correlate_except",
            super::query_correlate::correlate_except,
            Sig::NONE,
            "nested, the statement leaves out every FROM of the enclosing one but these",
        ),
        Member::method(
            "with_for_update",
            with_for_update,
            FOR_UPDATE,
            "the statement marked FOR UPDATE (SQLite writes no FOR UPDATE: it locks the database)",
        ),
        super::prefix_with::SELECT_PREFIX_WITH,
        Member::method(
            "execution_options",
            execution_options,
            ANY_KW,
            "the statement with execution options (populate_existing)",
        ),
        Member::method(
            "filter_by",
            filter_by,
            ANY_KW,
            "the statement with column=value conditions added",
        ),
        Member::method(
            "order_by",
            order_by,
            Sig::NONE,
            "the statement ordered by these columns (None clears)",
        ),
        Member::method(
            "group_by",
            group_by,
            Sig::NONE,
            "the statement grouped by these columns",
        ),
        Member::method(
            "having",
            having,
            Sig::NONE,
            "the statement with these conditions on its groups",
        ),
        Member::method(
            "limit",
            limit,
            Sig::NONE,
            "the statement giving at most this many rows (None: all)",
        ),
        Member::method(
            "fetch",
            fetch,
            Sig::kw(&["with_ties", "percent"]),
            "the statement giving at most this many rows, as FETCH FIRST n ROWS ONLY",
        ),
        Member::method(
            "offset",
            offset,
            Sig::NONE,
            "the statement skipping this many rows (None: none)",
        ),
        Member::method(
            "distinct",
            distinct,
            Sig::NONE,
            "the statement without repeated rows (SELECT DISTINCT)",
        ),
        Member::method(
            "select_from",
            select_from,
            Sig::NONE,
            "the statement reading from these models first",
        ),
        Member::method(
            "join",
            join,
            Sig::kw(&["isouter", "full"]),
            "the statement joined to a model or along a relationship",
        ),
        Member::method(
            "join_from",
            join_from,
            Sig::kw(&["isouter", "full"]),
            "the statement joined from a named left side: select_from(a).join(b)",
        ),
        Member::method(
            "outerjoin_from",
            outerjoin_from,
            Sig::kw(&["full"]),
            "the statement outer-joined from a named left side",
        ),
        Member::method(
            "outerjoin",
            outerjoin,
            Sig::kw(&["full"]),
            "the statement LEFT OUTER JOINed to a model or relationship",
        ),
        Member::method(
            "options",
            options,
            Sig::NONE,
            "the statement with these loader options (joinedload(...), ...)",
        ),
        Member::method(
            "add_columns",
            add_columns,
            Sig::NONE,
            "the statement with these columns added to each row",
        ),
        Member::method(
            "with_only_columns",
            with_entities,
            Sig::NONE,
            "the statement of these columns instead",
        ),
        Member::method(
            "subquery",
            subquery,
            Sig::kw(&["name"]),
            "the statement as a subquery to select from",
        ),
        Member::method(
            "cte",
            cte,
            Sig::kw(&["name", "recursive"]),
            "the statement as a CTE",
        ),
        Member::method("union", union, Sig::NONE, "rows of either statement, once"),
        Member::method("union_all", union_all, Sig::NONE, "rows of both statements"),
        Member::method(
            "intersect",
            intersect,
            Sig::NONE,
            "rows of both statements, once",
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
            "the statement as one value inside another",
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
            super::query::ANY_KW,
            "the statement with values for its named parameters: params(x=1)",
        ),
        Member::method(
            "label",
            super::query_label::label,
            Sig::kw(&["name"]),
            "the statement as one value under a name: (SELECT …) AS name",
        ),
        Member::method(
            "exists",
            exists,
            Sig::NONE,
            "EXISTS (the statement), a condition",
        ),
    ],
)
// What the members whose result has a fixed class give (read by Tab
// completion).
.with_results(&[
    ("prefix_with", Returns::Class(&SELECT)),
    ("where", Returns::Class(&SELECT)),
    ("with_for_update", Returns::Class(&SELECT)),
    ("filter", Returns::Class(&SELECT)),
    ("filter_by", Returns::Class(&SELECT)),
    ("order_by", Returns::Class(&SELECT)),
    ("group_by", Returns::Class(&SELECT)),
    ("having", Returns::Class(&SELECT)),
    ("limit", Returns::Class(&SELECT)),
    ("fetch", Returns::Class(&SELECT)),
    ("offset", Returns::Class(&SELECT)),
    ("distinct", Returns::Class(&SELECT)),
    ("select_from", Returns::Class(&SELECT)),
    ("join", Returns::Class(&SELECT)),
    ("outerjoin", Returns::Class(&SELECT)),
    ("join_from", Returns::Class(&SELECT)),
    ("outerjoin_from", Returns::Class(&SELECT)),
    ("options", Returns::Class(&SELECT)),
    ("add_columns", Returns::Class(&SELECT)),
    ("with_only_columns", Returns::Class(&SELECT)),
])
.with_missing(select_missing);
