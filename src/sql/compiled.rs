//! A compiled statement: its SQL text and bound values, the values bound
//! only when it runs, and the text SQLAlchemy's log shows for it
//! (`Compiled`, `Shown`). Re-exported from `sql::ast`.

use std::rc::Rc;

use super::ast::Param;
use super::late::Late;

/// The text and bound values of a compiled statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Compiled {
    pub sql: String,
    pub params: Vec<Param>,
    /// Values read only when the statement runs: the index in `params` each
    /// fills (holding `Null` until then).
    pub late: Vec<(usize, Late)>,
    /// What the echo and errors show when it is not `sql` and `params`: a
    /// `text()` statement sent to PostgreSQL with its values written in,
    /// shown as SQLAlchemy logs it before psycopg2 interpolates them.
    pub shown: Option<Rc<Shown>>,
    /// The indexes in `params` of the values of expanding `IN` lists,
    /// which SQLAlchemy's processed parameters (its echo's dict) hold
    /// after all the others.
    pub expanded: Vec<usize>,
}

/// A statement as SQLAlchemy's log shows it: its text and its
/// parameters, written (`{'x': 1}`).
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub sql: String,
    pub params: String,
}

impl Compiled {
    /// Plain text and values, nothing bound late.
    pub fn new(sql: String, params: Vec<Param>) -> Compiled {
        Compiled {
            sql,
            params,
            late: Vec::new(),
            shown: None,
            expanded: Vec::new(),
        }
    }

    /// The values to bind, late ones read now; an error when one has no
    /// value.
    pub fn bound_params(&self) -> crate::error::Result<std::borrow::Cow<'_, [Param]>> {
        if self.late.is_empty() {
            return Ok(std::borrow::Cow::Borrowed(&self.params));
        }
        let mut params = self.params.clone();
        for (i, late) in &self.late {
            if let Some(p) = params.get_mut(*i) {
                *p = late.0.value()?;
            }
        }
        Ok(std::borrow::Cow::Owned(params))
    }
}
