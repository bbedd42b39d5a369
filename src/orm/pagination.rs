//! Flask-SQLAlchemy's Pagination: `items total pages page per_page has_next
//! has_prev next_num prev_num iter_pages()`, with its default edges. It
//! keeps the query it pages through, for `next()` and `prev()`.

use crate::orm::query::Query;
use crate::value::{Object, Value};

pub struct Pagination {
    /// The current page, counting from 1.
    pub page: i64,
    /// The largest number of items on a page.
    pub per_page: i64,
    /// The cap `per_page` was held to (`max_per_page`), if any.
    pub max_per_page: Option<i64>,
    /// The number of items in all pages; None when the count was not
    /// asked for (`paginate(count=False)`, and the pages `next()` and
    /// `prev()` make until they copy it).
    pub total: Option<i64>,
    /// The objects (rows) on this page.
    pub items: Vec<Value>,
    /// The query paged through (a 2.0 select for `db.paginate`, whose
    /// items are its unique scalars).
    pub query: Query,
}

impl Object for Pagination {
    fn type_name(&self) -> &str {
        if self.query.legacy {
            "QueryPagination"
        } else {
            "SelectPagination"
        }
    }

    fn take_values(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.items)
    }
}

impl Pagination {
    /// The number of pages: 0 when there are no items or no count.
    pub fn pages(&self) -> i64 {
        match self.total {
            Some(total) if total > 0 && self.per_page > 0 => {
                (total as u64).div_ceil(self.per_page as u64) as i64
            }
            _ => 0,
        }
    }

    /// The number of the first item on the page, counting from 1; 0 when
    /// the page has no items.
    pub fn first(&self) -> i64 {
        if self.items.is_empty() {
            0
        } else {
            // The page's offset was bound when its items were read, so
            // it fits; an item past it does too.
            (self.page - 1) * self.per_page + 1
        }
    }

    /// The number of the last item on the page; 0 when it has none.
    pub fn last(&self) -> i64 {
        let first = self.first();
        first.max(first + self.items.len() as i64 - 1)
    }

    pub fn has_prev(&self) -> bool {
        self.page > 1
    }

    pub fn has_next(&self) -> bool {
        self.page < self.pages()
    }

    /// Page numbers to show, with `None` for gaps (Flask-SQLAlchemy 3.1's
    /// `iter_pages(left_edge=2, left_current=2, right_current=4, right_edge=2)`).
    pub fn iter_pages(
        &self,
        left_edge: i64,
        left_current: i64,
        right_current: i64,
        right_edge: i64,
    ) -> Vec<Option<i64>> {
        let pages = self.pages();
        if pages == 0 {
            return Vec::new();
        }
        // Python's ints do not overflow: the edges are held within the
        // pages, so saturating gives the same numbers.
        let left_end = 1i64.saturating_add(left_edge).min(pages + 1);
        let mut out: Vec<Option<i64>> = (1..left_end).map(Some).collect();
        if left_end == pages + 1 {
            return out;
        }
        let mid_start = left_end.max(self.page.saturating_sub(left_current));
        let mid_end = (self.page.saturating_add(right_current).saturating_add(1)).min(pages + 1);
        if mid_start - left_end > 0 {
            out.push(None);
        }
        out.extend((mid_start..mid_end).map(Some));
        if mid_end == pages + 1 {
            return out;
        }
        let right_start = mid_end.max(pages.saturating_sub(right_edge).saturating_add(1));
        if right_start - mid_end > 0 {
            out.push(None);
        }
        out.extend((right_start..pages + 1).map(Some));
        out
    }
}
