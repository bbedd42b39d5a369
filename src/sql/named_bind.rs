//! SQLAlchemy's `bindparam('x')`: a bound parameter with a name, whose
//! value is given when the statement runs — by the parameters of
//! `session.execute(stmt, {'x': 1})`, by `Query.params(x=1)` /
//! `Select.params(...)` (which set the parameter's own value), or by
//! `bindparam('x', value)` itself. A `:x` in a `text()` condition with no
//! value is one too. With none of them, the statement fails when it runs,
//! as SQLAlchemy's does: `StatementError: A value is required for bind
//! parameter 'x'`.
//!
//! The values of one execution are a frame on a stack ([`with_params`]),
//! read when the compiled statement binds its late values
//! ([`Compiled::bound_params`](super::ast::Compiled::bound_params)).

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};

use super::ast::{Late, LateValue, Param, SqlExpr};

/// The values one execution gives its named parameters.
pub type ParamFrame = Rc<[(Rc<str>, Param)]>;

thread_local! {
    /// The parameters of the executions under way, innermost last.
    static FRAMES: RefCell<Vec<ParamFrame>> = const { RefCell::new(Vec::new()) };
}

/// A named parameter: its name, and the value it has of its own.
pub struct NamedBind {
    pub name: Rc<str>,
    pub value: Option<Param>,
}

impl LateValue for NamedBind {
    fn value(&self) -> Result<Param> {
        let given = FRAMES.with(|f| {
            f.borrow().iter().rev().find_map(|frame| {
                frame
                    .iter()
                    .find(|(n, _)| *n == self.name)
                    .map(|(_, v)| v.clone())
            })
        });
        match given.or_else(|| self.value.clone()) {
            Some(v) => Ok(v),
            None => Err(Error::new(
                ErrorKind::StatementError,
                format!(
                    "(sqlalchemy.exc.InvalidRequestError) A value is required for bind parameter '{}'",
                    self.name
                ),
            )
            .with_help(format!(
                "give it when the statement runs: db.session.execute(stmt, {{'{0}': value}}) or query.params({0}=value)",
                self.name
            ))),
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn bind_name(&self) -> Option<Rc<str>> {
        Some(self.name.clone())
    }
}

/// `:name`, bound when the statement runs (`value` its own, if any).
pub fn named(name: Rc<str>, value: Option<Param>) -> SqlExpr {
    SqlExpr::Late {
        value: Late(Rc::new(NamedBind {
            name: name.clone(),
            value,
        })),
        key: Some(name),
    }
}

/// The name of a named parameter expression, if `e` is one.
pub fn name_of(e: &SqlExpr) -> Option<Rc<str>> {
    match e {
        SqlExpr::Late { value, .. } => value
            .0
            .as_any()
            .downcast_ref::<NamedBind>()
            .map(|b| b.name.clone()),
        _ => None,
    }
}

/// The value a named parameter has of its own (`bindparam('x', 1)`,
/// `params(x=1)`), if `e` is one: SQLAlchemy's `BindParameter.value`,
/// which its in-Python evaluator reads.
pub fn own_value_of(e: &SqlExpr) -> Option<Option<Param>> {
    match e {
        SqlExpr::Late { value, .. } => value
            .0
            .as_any()
            .downcast_ref::<NamedBind>()
            .map(|b| b.value.clone()),
        _ => None,
    }
}

/// Pops its frame when dropped, so an error leaves the stack as it was.
struct FrameGuard;

impl Drop for FrameGuard {
    fn drop(&mut self) {
        FRAMES.with(|f| f.borrow_mut().pop());
    }
}

/// Run `f` with these parameter values given to the named parameters of
/// the statements it runs.
pub fn with_params<T>(params: ParamFrame, f: impl FnOnce() -> T) -> T {
    FRAMES.with(|fr| fr.borrow_mut().push(params));
    let _guard = FrameGuard;
    f()
}
