//! `text('SQL')`'s class table (SQLAlchemy's `TextClause`): its
//! `bindparams(...)` (`eval::text_clause`).

use std::rc::Rc;

use crate::eval::objects::TextClause;
use crate::eval::surface::{Class, Member, Returns, Sig};

/// `text()`'s members.
pub static TEXT_CLAUSE: Class<Rc<TextClause>> = Class::new(
    "TextClause",
    &[Member::method(
        "bindparams",
        crate::eval::text_clause::bindparams,
        Sig {
            kw: &[],
            ignored: &[],
            any_kw: true,
        },
        "values for the :name placeholders: text('... :x').bindparams(x=1)",
    )],
)
.with_results(&[("bindparams", Returns::Class(&TEXT_CLAUSE))]);
