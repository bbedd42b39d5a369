//! Exception classes a session defines: `class NotFoundError(Exception):
//! pass` (a docstring or `pass` for a body), deriving from one of Python's,
//! SQLAlchemy's or another of the session's own. Their objects are
//! `ExceptionValue`s whose `class` row is the nearest class of the
//! built-in table (`pymod::exc`) and whose `user` is the class itself: so
//! `raise NotFoundError('no item', 2)`, `except NotFoundError as e`,
//! `except Exception`, `e.args`, `str(e)`, `repr(e)`, `type(e)`,
//! `isinstance` and `issubclass` behave as Python's. An uncaught one ends
//! the run as `NotFoundError: message`.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::exceptions::ExceptionValue;
use crate::eval::pymod::exc::{self, ExcClass};
use crate::syntax::ast::{ClassDef, ExprKind, StmtKind};
use crate::value::{Object, Value};

/// An exception class made by a `class` statement.
pub struct UserExcClass {
    pub name: Rc<str>,
    /// Its base when that is one of the session's own.
    pub base: Option<Rc<UserExcClass>>,
    /// The row of the nearest built-in class among its bases.
    pub row: usize,
    /// Its name as an error kind prints it (interned once per name).
    pub kind: &'static str,
    pub doc: Option<Rc<str>>,
}

impl Object for UserExcClass {
    fn type_name(&self) -> &str {
        "type"
    }
}

impl UserExcClass {
    /// Is this class `other` or one of its subclasses?
    pub fn derives_from(&self, other: &UserExcClass) -> bool {
        let mut at = Some(self);
        while let Some(c) = at {
            if std::ptr::eq(c, other) {
                return true;
            }
            at = c.base.as_deref();
        }
        false
    }

    /// Is this class a subclass of the built-in class of row `row`?
    pub fn derives_from_row(&self, row: usize) -> bool {
        exc::is_subclass(self.row, row)
    }
}

/// A class name as a `&'static str` error kind: each distinct name is
/// made once per run (a program defines few).
fn intern(name: &str) -> &'static str {
    thread_local! {
        static NAMES: std::cell::RefCell<Vec<&'static str>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    NAMES.with_borrow_mut(|names| {
        if let Some(n) = names.iter().find(|n| **n == name) {
            return *n;
        }
        let n: &'static str = Box::leak(name.to_string().into_boxed_str());
        names.push(n);
        n
    })
}

/// Is `v` an exception class (built-in or the session's)?
pub fn is_exception_class(v: &Value) -> bool {
    v.is::<ExcClass>() || v.is::<UserExcClass>()
}

/// `NotFoundError('no item', 2)`: an exception object of the class.
pub fn instantiate(c: &Rc<UserExcClass>, args: Vec<Value>) -> Value {
    Value::obj(ExceptionValue {
        class: c.row,
        args,
        dbapi: None,
        cause: None,
        user: Some(c.clone()),
        description: None,
        pg: None,
        sqlite_code: None,
    })
}

/// Does the `except` clause's value `v` (a class or a tuple of them)
/// catch the error `e`? A session's class matches by its own hierarchy,
/// every other error by its kind.
pub fn catches_error(v: &Value, e: &Error) -> Result<bool> {
    if let Value::Tuple(items) = v {
        for item in items.iter() {
            if catches_error(item, e)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    let user = e
        .exc
        .as_ref()
        .and_then(|p| p.0.downcast_ref::<Value>())
        .and_then(|v| v.downcast::<ExceptionValue>())
        .and_then(|x| x.user.clone());
    match (user, v.downcast::<UserExcClass>()) {
        (Some(u), Some(want)) => Ok(u.derives_from(&want)),
        (None, Some(_)) => Ok(false),
        (Some(u), None) => match v.downcast::<ExcClass>() {
            Some(want) => Ok(u.derives_from_row(want.row())),
            None => crate::eval::exceptions::catches(v, e.kind),
        },
        (None, None) => crate::eval::exceptions::catches(v, e.kind),
    }
}

/// `isinstance(e, C)` for an exception object and a session's class.
pub fn isinstance(obj: &Value, c: &Value) -> Option<bool> {
    let want = c.downcast::<UserExcClass>()?;
    Some(
        obj.downcast::<ExceptionValue>()
            .and_then(|e| e.user.clone())
            .is_some_and(|u| u.derives_from(&want)),
    )
}

/// `issubclass(C, B)` where `C` is a session's exception class.
pub fn issubclass(sub: &Value, c: &Value) -> Option<bool> {
    let sub = sub.downcast::<UserExcClass>()?;
    if let Some(want) = c.downcast::<UserExcClass>() {
        return Some(sub.derives_from(&want));
    }
    if let Some(want) = c.downcast::<ExcClass>() {
        return Some(sub.derives_from_row(want.row()));
    }
    Some(false)
}

/// An exception class with several bases (`class F(E, ValueError)`).
pub fn several_bases(name: &str) -> Error {
    Error::new(
        ErrorKind::NotImplementedError,
        format!("ormsh's exception classes take one base; {name} names several"),
    )
    .with_help(format!("keep one: class {name}(ValueError): pass"))
}

impl Interp {
    /// `class Name(Base): body` when `base` is an exception class: the
    /// class, bound to its name. Only a docstring and `pass` may be its body.
    pub(crate) fn define_exception_class(&mut self, def: &ClassDef, base: &Value) -> Result<()> {
        let mut doc = None;
        for (i, s) in def.body.iter().enumerate() {
            match &s.kind {
                StmtKind::Pass => {}
                StmtKind::Expr(e) if i == 0 && matches!(e.kind, ExprKind::Str(_)) => {
                    if let ExprKind::Str(d) = &e.kind {
                        doc = Some(d.clone());
                    }
                }
                _ => {
                    return Err(Error::new(
                        ErrorKind::NotImplementedError,
                        format!(
                            "ormsh's exception classes have a docstring or pass for a body; {}'s has more (methods, attributes)",
                            def.name.name
                        ),
                    )
                    .at(s.span)
                    .with_help(format!(
                        "write class {}(…): pass and give the message when raising: raise {}('what went wrong')",
                        def.name.name, def.name.name
                    )));
                }
            }
        }
        let (user_base, row) = match (base.downcast::<UserExcClass>(), base.downcast::<ExcClass>())
        {
            (Some(b), _) => (Some(b.clone()), b.row),
            (None, Some(b)) => (None, b.row()),
            (None, None) => {
                return Err(Error::type_(
                    "an exception class must derive from BaseException",
                ));
            }
        };
        let class = UserExcClass {
            name: def.name.name.clone(),
            base: user_base,
            row,
            kind: intern(&def.name.name),
            doc,
        };
        self.set_name(def.name.name.clone(), Value::obj(class));
        Ok(())
    }
}
