//! Pagination: `Query.paginate(...)` and `db.paginate(select, ...)`, as
//! Flask-SQLAlchemy's `Pagination.__init__` computes a page — the page
//! arguments checked (404 Not Found, or corrected with `error_out=False`),
//! the items run with LIMIT/OFFSET, the total counted unless `count=False`.
//! `Pagination.next()`/`prev()` run the same from the query it keeps.

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::args::{Args, as_int};
use crate::eval::results::unwrap_rows;
use crate::eval::surface::Sig;
use crate::eval::surface::query::Q;
use crate::eval::surface::query_criteria::sql_int;
use crate::eval::surface::query_rows::not_found;
use crate::orm::pagination::Pagination;
use crate::orm::query::Query;
use crate::orm::unique::{Rule, Uniquer, unhashable_columns};
use crate::value::Value;

/// Flask-SQLAlchemy's `max_per_page` where `Pagination` is made without
/// one (`prev()` makes it so).
pub const DEFAULT_MAX_PER_PAGE: i64 = 100;

/// The keywords of `paginate()`.
pub const PAGINATE: Sig = Sig::kw(&["page", "per_page", "max_per_page", "error_out", "count"]);

/// What a page is asked with: Flask-SQLAlchemy's `Pagination` arguments.
pub struct PageArgs {
    /// Default 1 (there is no request to read it from).
    pub page: Option<i64>,
    /// Default 20.
    pub per_page: Option<i64>,
    /// `per_page` is held to this, when given.
    pub max_per_page: Option<i64>,
    /// 404 Not Found on a page or `per_page` below 1, or on an empty page
    /// other than the first; else they are corrected.
    pub error_out: bool,
    /// Count the items of all pages (an extra query); None when not.
    pub count: bool,
}

impl PageArgs {
    /// `paginate(page=None, per_page=None, max_per_page=None,
    /// error_out=True, count=True)`'s keywords, taken out of `a`.
    fn take(a: &mut Args) -> Result<PageArgs> {
        let mut int = |k: &str| -> Result<Option<i64>> {
            match a.take_kw(k) {
                None | Some(Value::None) => Ok(None),
                Some(v) => as_int(&v, k).map(Some),
            }
        };
        let (page, per_page, max_per_page) = (int("page")?, int("per_page")?, int("max_per_page")?);
        Ok(PageArgs {
            page,
            per_page,
            max_per_page,
            error_out: a.take_kw("error_out").is_none_or(|v| v.truthy()),
            count: a.take_kw("count").is_none_or(|v| v.truthy()),
        })
    }
}

/// `Query.paginate(*, page, per_page, max_per_page, error_out, count)`
pub(crate) fn paginate(me: &mut Interp, q: &Q, mut a: Args) -> Result<Value> {
    let ask = PageArgs::take(&mut a)?;
    a.count(0, 0)?;
    let q = q.query(me)?;
    Ok(Value::obj(run_page(me, &q, ask)?))
}

/// `db.paginate(select, *, page, …)`: the same keywords, checked here.
pub(crate) fn paginate_select(me: &mut Interp, q: &Query, mut a: Args) -> Result<Value> {
    a.bind("paginate", &PAGINATE)?;
    let ask = PageArgs::take(&mut a)?;
    a.count(0, 0)?;
    Ok(Value::obj(run_page(me, q, ask)?))
}

/// One page of `q`. A 2.0 select's items are
/// `session.execute(select).unique().scalars()`, as `db.paginate` takes
/// them; a legacy query's are its `all()`.
pub(crate) fn run_page(me: &mut Interp, q: &Query, ask: PageArgs) -> Result<Pagination> {
    let mut per_page = ask.per_page.unwrap_or(20);
    if let Some(m) = ask.max_per_page {
        per_page = per_page.min(m);
    }
    let mut page = ask.page.unwrap_or(1);
    if page < 1 {
        if ask.error_out {
            return Err(not_found(me, None));
        }
        page = 1;
    }
    if per_page < 1 {
        if ask.error_out {
            return Err(not_found(me, None));
        }
        per_page = 20;
    }
    let mut items_q = q.clone();
    items_q.limit = Some(per_page);
    // Flask-SQLAlchemy's `(page - 1) * per_page`, a Python int: past
    // SQLite's INTEGER it is the driver's OverflowError.
    items_q.offset = Some(sql_int((page as i128 - 1) * per_page as i128)?);
    let mut items = me.query_all(&items_q)?;
    if !q.legacy {
        let mut unique = Uniquer::new(Rule::Result, unhashable_columns(q));
        let mut kept = Vec::with_capacity(items.len());
        for v in unwrap_rows(items) {
            if !unique.repeats_row(std::slice::from_ref(&v))? {
                kept.push(v);
            }
        }
        items = kept;
    }
    if items.is_empty() && page != 1 && ask.error_out {
        return Err(not_found(me, None));
    }
    let total = if ask.count {
        let mut count_q = q.clone();
        count_q.order_by.clear();
        Some(
            me.session
                .scalar_select(&count_q.count_select())?
                .as_i64()
                .unwrap_or(0),
        )
    } else {
        None
    };
    Ok(Pagination {
        page,
        per_page,
        max_per_page: ask.max_per_page,
        total,
        items,
        query: q.clone(),
    })
}
