//! Exceptions as objects: what `except E as e` binds and `raise` throws
//! (`ExceptionValue`, with Python's `args`, `str()` and `repr()`, and for
//! a SQLAlchemy `DBAPIError` its `orig`, the `sqlite3` error, and the
//! statement in its message), an exception class called to make one
//! (`ValueError('x')`), and the `raise` statement — `raise E`, `raise
//! E(…)`, `raise E from C` and the bare `raise` of the exception being
//! handled. The classes and their hierarchy are one table,
//! `pymod::exc::CLASSES`.

use std::rc::Rc;

use crate::error::{DbapiError, Error, ErrorKind, Payload, Result};
use crate::eval::Interp;
use crate::eval::pymod::exc::{self, ExcClass};
use crate::syntax::ast::Expr;
use crate::value::{Object, Value};

/// An exception object: its class (a row of `pymod::exc`'s table), its
/// `args`, and what SQLite said when it is a DBAPI error.
pub struct ExceptionValue {
    pub class: usize,
    pub args: Vec<Value>,
    /// For SQLAlchemy's `DBAPIError`s: the `sqlite3` error and statement.
    pub dbapi: Option<DbapiError>,
    /// `raise … from cause`.
    pub cause: Option<Value>,
    /// Its class when the session defined it (`class NotFoundError(Exception)`;
    /// `class` is then the row of its nearest built-in base).
    pub user: Option<Rc<crate::eval::user_exc::UserExcClass>>,
    /// A Werkzeug HTTP exception's `description` (`eval::http_exc`).
    pub description: Option<Value>,
    /// psycopg2's `pgcode` and `pgerror`, on the driver's own error (`e.orig`).
    pub pg: Option<crate::error::PgDiag>,
    /// sqlite3's extended result code, on the driver's own error (`e.orig`).
    pub sqlite_code: Option<i32>,
}

impl Object for ExceptionValue {
    fn type_name(&self) -> &str {
        match &self.user {
            Some(u) => &u.name,
            None => exc::row_names(self.class).0,
        }
    }
    fn take_values(&mut self) -> Vec<Value> {
        let mut out = std::mem::take(&mut self.args);
        out.extend(self.cause.take());
        out
    }
}

/// SQLAlchemy's code for its error page, by DBAPI error class (`e.code`).
pub(crate) fn error_code(class: &str) -> &'static str {
    match class {
        "IntegrityError" => "gkpj",
        "ProgrammingError" => "f405",
        "DataError" => "9h9h",
        "InternalError" => "2j85",
        "NotSupportedError" => "tw8g",
        "InterfaceError" => "rvf5",
        "DatabaseError" => "4xp6",
        "DBAPIError" => "dbapi",
        _ => "e3q8",
    }
}

impl ExceptionValue {
    /// The exception an error stands for: the object a `raise` threw, or
    /// one of the error's class with its message as the one argument (a
    /// DBAPI error's as SQLAlchemy words it).
    pub fn from_error(e: &Error) -> Value {
        if let Some(p) = &e.exc
            && let Some(v) = p.0.downcast_ref::<Value>()
        {
            return v.clone();
        }
        let class = exc::row_of_kind(e.kind).unwrap_or(0);
        let (args, dbapi) = match e.dbapi() {
            Some(d) => (
                vec![Value::str(&format!(
                    "({}) {}",
                    d.qualified_class(),
                    d.message
                ))],
                Some(d.clone()),
            ),
            None => match crate::value::exc_args::args_of(e) {
                Some(args) => (args.to_vec(), None),
                None => (vec![Value::str(&e.message)], None),
            },
        };
        Value::obj(ExceptionValue {
            class,
            args,
            dbapi,
            cause: None,
            user: None,
            description: None,
            pg: None,
            sqlite_code: None,
        })
    }

    /// `e.orig`: the driver's exception under a DBAPI error — `sqlite3`'s,
    /// or psycopg2's class for the SQLSTATE (`UniqueViolation`) with its
    /// `pgcode` and `pgerror`.
    pub fn orig(&self) -> Option<Value> {
        let d = self.dbapi.as_ref()?;
        let class = match d.driver_class {
            Some(qualified) => exc::driver_row(qualified)?,
            None => exc::sqlite3_row(d.class)?,
        };
        Some(Value::obj(ExceptionValue {
            class,
            pg: d.pg.clone(),
            sqlite_code: d.sqlite_code,
            args: vec![Value::str(&d.message)],
            dbapi: None,
            cause: None,
            user: None,
            description: None,
        }))
    }
}

/// `str(e)`: the one argument's `str` (its `repr` for a `KeyError`, as
/// CPython's `KeyError_str`), the tuple of several, nothing for none; a
/// DBAPI error adds its statement and parameters, as SQLAlchemy.
pub fn str_of(me: &mut Interp, v: &Value) -> Result<Option<String>> {
    let Some(e) = v.downcast::<ExceptionValue>() else {
        return Ok(None);
    };
    if let Some(text) = crate::eval::http_exc::str_of(me, v)? {
        return Ok(Some(text));
    }
    let mut text = match e.args.as_slice() {
        [] => String::new(),
        [one] if exc::row_names(e.class).0 == "KeyError" => me.repr_value(one)?,
        [one] => me.str_of_value(one)?,
        many => me.repr_value(&Value::tuple(many.to_vec()))?,
    };
    if let Some(d) = &e.dbapi
        && let Some(sql) = &d.sql
    {
        text.push_str(&format!("\n[SQL: {sql}]"));
        // SQLAlchemy leaves out parameters that are empty (`if self.params`).
        if let Some(p) = &d.params
            && !matches!(p.as_str(), "{}" | "()" | "[]")
        {
            text.push_str(&format!("\n[parameters: {p}]"));
        }
        text.push_str(&format!(
            "\n(Background on this error at: https://sqlalche.me/e/21/{})",
            error_code(d.class)
        ));
    }
    Ok(Some(text))
}

/// `repr(e)`: `ValueError('message')`, the class's name and its `args`.
pub fn repr_of(me: &mut Interp, v: &Value) -> Result<Option<String>> {
    let Some(e) = v.downcast::<ExceptionValue>() else {
        return Ok(None);
    };
    if let Some(text) = crate::eval::http_exc::repr_of(v) {
        return Ok(Some(text));
    }
    let mut parts = Vec::with_capacity(e.args.len());
    for a in &e.args {
        parts.push(me.repr_value(a)?);
    }
    Ok(Some(format!("{}({})", v.type_name(), parts.join(", "))))
}

/// Does the `except` clause's value (a class or a tuple of classes)
/// catch an error of `kind`?
pub fn catches(v: &Value, kind: ErrorKind) -> Result<bool> {
    if let Some(c) = v.downcast::<ExcClass>() {
        return Ok(c.catches(kind));
    }
    if let Value::Tuple(items) = v {
        for item in items.iter() {
            if catches(item, kind)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    Err(Error::type_(
        "catching classes that do not inherit from BaseException is not allowed",
    ))
}

/// `ValueError('x')`: an exception object of the class (a Werkzeug HTTP
/// exception takes its description instead: `NotFound('gone')`).
pub fn instantiate(c: &ExcClass, args: Vec<Value>) -> Value {
    if crate::eval::http_exc::is_http(c.row()) {
        return crate::eval::http_exc::make(c.row(), args.into_iter().next());
    }
    Value::obj(ExceptionValue {
        class: c.row(),
        args,
        dbapi: None,
        cause: None,
        user: None,
        description: None,
        pg: None,
        sqlite_code: None,
    })
}

impl Interp {
    /// `raise [exc [from cause]]`.
    pub(crate) fn exec_raise(&mut self, exc_e: Option<&Expr>, cause: Option<&Expr>) -> Result<()> {
        let Some(exc_e) = exc_e else {
            return Err(match self.handling.last() {
                Some(e) => e.clone(),
                None => Error::new(ErrorKind::RuntimeError, "No active exception to reraise"),
            });
        };
        let v = self.eval(exc_e)?;
        let v = match v.downcast::<ExcClass>() {
            Some(c) => instantiate(&c, Vec::new()),
            None if v.is::<ExceptionValue>() => v,
            None if let Some(c) = v.downcast::<crate::eval::user_exc::UserExcClass>() => {
                crate::eval::user_exc::instantiate(&c, Vec::new())
            }
            None => {
                return Err(
                    Error::type_("exceptions must derive from BaseException").at(exc_e.span)
                );
            }
        };
        let v = match cause {
            Some(c) => {
                let c = self.eval(c)?;
                let e = v.downcast::<ExceptionValue>().expect("an exception");
                Value::obj(ExceptionValue {
                    class: e.class,
                    args: e.args.clone(),
                    dbapi: e.dbapi.clone(),
                    cause: (!matches!(c, Value::None)).then_some(c),
                    user: e.user.clone(),
                    description: e.description.clone(),
                    pg: e.pg.clone(),
                    sqlite_code: None,
                })
            }
            None => v,
        };
        Err(self.raised(v).at(exc_e.span))
    }

    /// The error that carries the exception object `v`.
    fn raised(&mut self, v: Value) -> Error {
        let e = v.downcast::<ExceptionValue>().expect("an exception");
        let message = str_of(self, &v).ok().flatten().unwrap_or_default();
        let kind = match &e.user {
            Some(u) => ErrorKind::Raised(u.kind),
            None => exc::kind_of_row(e.class),
        };
        let mut err = Error::new(kind, message);
        err.exc = Some(Payload(Rc::new(v.clone())));
        err
    }
}
