//! Values a statement binds only when it runs (`SqlExpr::Late`): the
//! trait their makers implement and the shared handle the AST holds.

use std::rc::Rc;

use super::ast::Param;

/// A value a statement binds only when it runs: SQLAlchemy's
/// `bindparam(callable_=…)`, which the ORM uses to compare a relationship
/// with an object (`Post.category == c` reads `c.id` when the query runs,
/// after its autoflush, not when the expression is built).
pub trait LateValue {
    /// The value now, or the error the statement fails with when there is
    /// none (SQLAlchemy's `StatementError`).
    fn value(&self) -> crate::error::Result<Param>;
    /// The maker's own type, for work only it can do before the statement
    /// runs (loading an expired object).
    fn as_any(&self) -> &dyn std::any::Any;
    /// The name `str()` writes it by, when it has one of its own
    /// (`bindparam('x')` is `:x`, never numbered).
    fn bind_name(&self) -> Option<Rc<str>> {
        None
    }
}

/// A shared [`LateValue`]; equal only to itself.
#[derive(Clone)]
pub struct Late(pub Rc<dyn LateValue>);

impl PartialEq for Late {
    fn eq(&self, other: &Late) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Late {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Late(..)")
    }
}
