//! Flask-SQLAlchemy's Pagination: `items total pages page per_page has_next
//! has_prev next_num prev_num iter_pages()`, with its default edges.

use crate::value::{Object, Value};

pub struct Pagination {
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    pub items: Vec<Value>,
}

impl Object for Pagination {
    fn type_name(&self) -> &str {
        "QueryPagination"
    }

    fn take_values(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.items)
    }
}

impl Pagination {
    pub fn pages(&self) -> i64 {
        if self.total == 0 || self.per_page == 0 {
            0
        } else {
            (self.total + self.per_page - 1) / self.per_page
        }
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
        let left_end = (1 + left_edge).min(pages + 1);
        let mut out: Vec<Option<i64>> = (1..left_end).map(Some).collect();
        if left_end == pages + 1 {
            return out;
        }
        let mid_start = left_end.max(self.page - left_current);
        let mid_end = (self.page + right_current + 1).min(pages + 1);
        if mid_start - left_end > 0 {
            out.push(None);
        }
        out.extend((mid_start..mid_end).map(Some));
        if mid_end == pages + 1 {
            return out;
        }
        let right_start = mid_end.max(pages - right_edge + 1);
        if right_start - mid_end > 0 {
            out.push(None);
        }
        out.extend((right_start..pages + 1).map(Some));
        out
    }
}
