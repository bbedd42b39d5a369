//! `QueryPagination`, what `db.paginate()` and `Query.paginate()` return
//! (Flask-SQLAlchemy's `flask_sqlalchemy.pagination.Pagination`).

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::args::{Args, as_int};
use crate::eval::surface::query_criteria::sql_int;
use crate::eval::surface::query_page::{DEFAULT_MAX_PER_PAGE, PageArgs, run_page};
use crate::eval::surface::{Class, LIST, Member, Returns, Sig};
use crate::orm::pagination::Pagination;
use crate::value::Value;

type P = Rc<Pagination>;

fn items(_: &mut Interp, p: &P) -> Result<Value> {
    Ok(Value::list(p.items.clone()))
}

fn total(_: &mut Interp, p: &P) -> Result<Value> {
    Ok(p.total.map_or(Value::None, Value::Int))
}

fn page(_: &mut Interp, p: &P) -> Result<Value> {
    Ok(Value::Int(p.page))
}

fn per_page(_: &mut Interp, p: &P) -> Result<Value> {
    Ok(Value::Int(p.per_page))
}

fn pages(_: &mut Interp, p: &P) -> Result<Value> {
    Ok(Value::Int(p.pages()))
}

fn has_next(_: &mut Interp, p: &P) -> Result<Value> {
    Ok(Value::Bool(p.has_next()))
}

fn has_prev(_: &mut Interp, p: &P) -> Result<Value> {
    Ok(Value::Bool(p.has_prev()))
}

fn next_num(_: &mut Interp, p: &P) -> Result<Value> {
    Ok(if p.has_next() {
        Value::Int(p.page + 1)
    } else {
        Value::None
    })
}

fn prev_num(_: &mut Interp, p: &P) -> Result<Value> {
    Ok(if p.has_prev() {
        Value::Int(p.page - 1)
    } else {
        Value::None
    })
}

fn first(_: &mut Interp, p: &P) -> Result<Value> {
    Ok(Value::Int(p.first()))
}

fn last(_: &mut Interp, p: &P) -> Result<Value> {
    Ok(Value::Int(p.last()))
}

/// `next(error_out=False)` / `prev(error_out=False)`: the page after or
/// before, run again from the query with no count, then given this
/// page's total — as Flask-SQLAlchemy's `Pagination.next`/`prev` do. The
/// previous page is held to the default `max_per_page` (100), the next to
/// this page's.
fn turn(me: &mut Interp, p: &P, mut a: Args, forward: bool) -> Result<Value> {
    let error_out = a.take_kw("error_out").is_some_and(|v| v.truthy());
    a.count(0, 0)?;
    let ask = PageArgs {
        page: Some(if forward {
            sql_int(p.page as i128 + 1)?
        } else {
            p.page - 1
        }),
        per_page: Some(p.per_page),
        max_per_page: if forward {
            p.max_per_page
        } else {
            Some(DEFAULT_MAX_PER_PAGE)
        },
        error_out,
        count: false,
    };
    let mut turned = run_page(me, &p.query, ask)?;
    turned.total = p.total;
    Ok(Value::obj(turned))
}

fn next(me: &mut Interp, p: &P, a: Args) -> Result<Value> {
    turn(me, p, a, true)
}

fn prev(me: &mut Interp, p: &P, a: Args) -> Result<Value> {
    turn(me, p, a, false)
}

/// `iter_pages(left_edge=2, left_current=2, right_current=4,
/// right_edge=2)`: page numbers with `None` for the gaps, as
/// Flask-SQLAlchemy's `Pagination.iter_pages` yields them.
fn iter_pages(_: &mut Interp, p: &P, mut a: Args) -> Result<Value> {
    let mut get =
        |k: &str, d: i64| -> Result<i64> { a.take_kw(k).map_or(Ok(d), |v| as_int(&v, k)) };
    let (le, lc, rc, re) = (
        get("left_edge", 2)?,
        get("left_current", 2)?,
        get("right_current", 4)?,
        get("right_edge", 2)?,
    );
    a.count(0, 0)?;
    Ok(Value::list(
        p.iter_pages(le, lc, rc, re)
            .into_iter()
            .map(|x| x.map_or(Value::None, Value::Int))
            .collect(),
    ))
}

/// `QueryPagination`'s members.
pub static PAGINATION: Class<P> = Class::new(
    "QueryPagination",
    &[
        Member::attr("items", items, "the objects on this page"),
        Member::attr(
            "total",
            total,
            "the number of items in all pages (None if not counted)",
        ),
        Member::attr("page", page, "the number of this page, counting from 1"),
        Member::attr(
            "per_page",
            per_page,
            "the largest number of items on a page",
        ),
        Member::attr("pages", pages, "the number of pages"),
        Member::attr(
            "has_next",
            has_next,
            "whether there is a page after this one",
        ),
        Member::attr(
            "has_prev",
            has_prev,
            "whether there is a page before this one",
        ),
        Member::attr("next_num", next_num, "the next page's number, or None"),
        Member::attr("prev_num", prev_num, "the previous page's number, or None"),
        Member::attr(
            "first",
            first,
            "the number of the first item on the page (1-based; 0 if none)",
        ),
        Member::attr(
            "last",
            last,
            "the number of the last item on the page (0 if none)",
        ),
        Member::method(
            "next",
            next,
            Sig::kw(&["error_out"]),
            "the next page, as a Pagination (its total copied, not counted)",
        ),
        Member::method(
            "prev",
            prev,
            Sig::kw(&["error_out"]),
            "the previous page, as a Pagination (its total copied, not counted)",
        ),
        Member::method(
            "iter_pages",
            iter_pages,
            Sig::kw(&["left_edge", "left_current", "right_current", "right_edge"]),
            "page numbers for a pagination widget, None for each gap",
        ),
    ],
)
// What the members whose result has a fixed class give (read by Tab
// completion).
.with_results(&[
    ("items", Returns::Class(&LIST)),
    ("next", Returns::Class(&PAGINATION)),
    ("prev", Returns::Class(&PAGINATION)),
]);
