//! The class tables of exceptions: an exception object (`except E as e`:
//! `e.args`, `e.orig` of a SQLAlchemy `DBAPIError`, `e.__cause__`,
//! `StopIteration.value`) and an
//! exception class (`IntegrityError.__name__`, `type(e).__name__`,
//! `__module__`).

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::exceptions::ExceptionValue;
use crate::eval::pymod::exc::{self, ExcClass};
use crate::eval::surface::{Class, Member};
use crate::value::{PyStr, Value};

type E = Rc<ExceptionValue>;
type C = Rc<ExcClass>;

fn args(_: &mut Interp, e: &E) -> Result<Value> {
    Ok(Value::tuple(e.args.clone()))
}

fn cause(_: &mut Interp, e: &E) -> Result<Value> {
    Ok(e.cause.clone().unwrap_or(Value::None))
}

fn class(_: &mut Interp, e: &E) -> Result<Value> {
    Ok(exc::class_at(e.class))
}

/// `e.orig`, `e.statement`, `e.params`: only a DBAPI error has them.
fn dbapi_attr(_: &mut Interp, e: &E, name: &str) -> Option<Result<Value>> {
    if let Some(v) = crate::eval::http_exc::attr(e, name) {
        return Some(Ok(v));
    }
    if name == "value" && is_stop_iteration(e) {
        return Some(Ok(e.args.first().cloned().unwrap_or(Value::None)));
    }
    if let Some(pg) = &e.pg {
        match name {
            "pgcode" => return Some(Ok(Value::str(&pg.pgcode))),
            "pgerror" => return Some(Ok(Value::str(&pg.pgerror))),
            _ => {}
        }
    }
    if let Some(v) = crate::eval::dbapi_attrs::attr(e, name) {
        return Some(Ok(v));
    }
    let d = e.dbapi.as_ref()?;
    match name {
        "orig" => e.orig().map(Ok),
        "statement" => Some(Ok(d.sql.as_deref().map_or(Value::None, Value::str))),
        _ => None,
    }
}

/// `StopIteration.value`: its first argument (a generator's return value).
fn is_stop_iteration(e: &E) -> bool {
    e.user.is_none() && exc::row_names(e.class).0 == "StopIteration"
}

fn dbapi_names(_: &mut Interp, e: &E) -> Vec<Rc<str>> {
    if is_stop_iteration(e) {
        return vec![Rc::from("value")];
    }
    if crate::eval::http_exc::is_http(e.class) {
        return ["code", "description", "name"].map(Rc::from).to_vec();
    }
    let mut names = if e.pg.is_some() {
        vec![Rc::from("pgcode"), Rc::from("pgerror")]
    } else if e.dbapi.is_some() {
        vec![Rc::from("orig"), Rc::from("statement")]
    } else {
        Vec::new()
    };
    names.extend(crate::eval::dbapi_attrs::names(e));
    names
}

/// An exception object (Python's `BaseException`).
pub static EXCEPTION: Class<E> = Class::new(
    "BaseException",
    &[
        Member::attr("args", args, "the arguments the exception was made with"),
        Member::attr("__cause__", cause, "the exception named by 'raise … from'"),
        Member::attr("__class__", class, "the exception's class"),
    ],
)
.with_dynamic(dbapi_attr, dbapi_names);

fn name(_: &mut Interp, c: &C) -> Result<Value> {
    Ok(Value::Str(PyStr::from(c.name)))
}

fn module(_: &mut Interp, c: &C) -> Result<Value> {
    Ok(Value::Str(PyStr::from(c.module)))
}

/// An exception class (Python's `type`).
pub static EXC_CLASS: Class<C> = Class::new(
    "type",
    &[
        Member::attr("__name__", name, "the class's name"),
        Member::attr("__qualname__", name, "the class's name"),
        Member::attr("__module__", module, "the module defining the class"),
    ],
);

type U = Rc<crate::eval::user_exc::UserExcClass>;

fn user_name(_: &mut Interp, c: &U) -> Result<Value> {
    Ok(Value::Str(PyStr::from(&*c.name)))
}

fn user_module(_: &mut Interp, _: &U) -> Result<Value> {
    Ok(Value::str("__main__"))
}

fn user_doc(_: &mut Interp, c: &U) -> Result<Value> {
    Ok(c.doc.as_deref().map_or(Value::None, Value::str))
}

/// An exception class the session defined (`class NotFoundError(Exception)`).
pub static USER_EXC_CLASS: Class<U> = Class::new(
    "type",
    &[
        Member::attr("__name__", user_name, "the class's name"),
        Member::attr("__qualname__", user_name, "the class's name"),
        Member::attr(
            "__module__",
            user_module,
            "the module defining the class: '__main__'",
        ),
        Member::attr("__doc__", user_doc, "the class's docstring, or None"),
    ],
);
