//! `text('SQL')`'s class table (SQLAlchemy's `TextClause`): its
//! `bindparams(...)` (`eval::text_clause`).

use std::rc::Rc;

use crate::eval::objects::TextClause;
use crate::eval::surface::{Class, Member, Returns, Sig};

/// `text()`'s members.
pub static TEXT_CLAUSE: Class<Rc<TextClause>> = Class::new(
    "TextClause",
    &[
        Member::method(
            "bindparams",
            crate::eval::text_clause::bindparams,
            Sig {
                kw: &[],
                ignored: &[],
                any_kw: true,
            },
            "values for the :name placeholders: text('... :x').bindparams(x=1)",
        ),
        Member::method(
            "columns",
            crate::eval::textual_select::columns,
            Sig {
                kw: &[],
                ignored: &[],
                any_kw: true,
            },
            "type the result's columns: text('SELECT id, born FROM user').columns(User.id, User.born)",
        ),
    ],
)
.with_results(&[("bindparams", Returns::Class(&TEXT_CLAUSE))]);

/// `text(...).columns(...)`: a `TextualSelect`, run by
/// `db.session.execute` or given to `from_statement()`.
pub static TEXTUAL_SELECT: Class<Rc<crate::eval::textual_select::TextualSelect>> =
    Class::new("TextualSelect", &[]).with_missing(textual_missing);

fn textual_missing(
    _: &mut crate::eval::Interp,
    _: &Rc<crate::eval::textual_select::TextualSelect>,
    name: &str,
    _: &str,
) -> crate::error::Error {
    crate::error::Error::new(
        crate::error::ErrorKind::NotImplementedError,
        format!(
            "TextualSelect.{name} (SQLAlchemy's TextualSelect.{name}) is not supported by ormsh: it runs with db.session.execute() or in select(Model).from_statement()"
        ),
    )
    .with_help("db.session.execute(text('SELECT …').columns(User.id, User.name)).all()")
}
