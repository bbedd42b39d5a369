//! `Query.options(...)`: loader options (`joinedload`, `selectinload`,
//! `raiseload`, …) read along their paths onto a query (SQLAlchemy's
//! `Query.options`).

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::LoaderOption;
use crate::orm::query::Query;

impl Interp {
    /// `query.options(joinedload(Category.posts), …)`: each option read
    /// along its path (`eval::loader_paths`).
    pub fn options(&mut self, q: &Query, a: &Args) -> Result<Query> {
        let mut nq = q.clone();
        for (i, v) in a.pos.iter().enumerate() {
            let Some(opt) = v.downcast::<LoaderOption>() else {
                return Err(Error::new(
                    ErrorKind::ArgumentError,
                    format!(
                        "options() takes loader options such as joinedload(Category.posts), not {}",
                        v.type_name()
                    ),
                )
                .at(a.span_of(i)));
            };
            if crate::eval::column_opts::COLUMN_STRATEGIES.contains(&opt.strategy) {
                crate::eval::column_opts::add_column_option(&mut nq, &opt, a.span_of(i))?;
                continue;
            }
            self.add_loader_option(&mut nq, q, &opt, a.span_of(i))?;
        }
        Ok(nq)
    }
}
