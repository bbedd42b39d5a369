//! Werkzeug's HTTP exceptions as Flask code meets them without a server:
//! `NotFound` from `get_or_404`/`first_or_404`/`one_or_404`, `abort(code,
//! description)` from `flask`, and the classes called directly
//! (`NotFound()`, `Forbidden('no')`). Each has Werkzeug's `code`, `name`
//! and `description`; `str(e)` is `404 Not Found: description`, `repr(e)`
//! `<NotFound '404: Not Found'>`, and `args` is empty, as
//! `HTTPException.__init__` leaves it.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Payload, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::exceptions::ExceptionValue;
use crate::eval::pymod::exc;
use crate::value::Value;

/// (code, class, name, default description), as `werkzeug.exceptions`.
const HTTP: &[(i64, &str, &str, &str)] = &[
    (
        400,
        "BadRequest",
        "Bad Request",
        "The browser (or proxy) sent a request that this server could not understand.",
    ),
    (
        401,
        "Unauthorized",
        "Unauthorized",
        "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required.",
    ),
    (
        403,
        "Forbidden",
        "Forbidden",
        "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server.",
    ),
    (
        404,
        "NotFound",
        "Not Found",
        "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
    ),
    (
        405,
        "MethodNotAllowed",
        "Method Not Allowed",
        "The method is not allowed for the requested URL.",
    ),
    (
        409,
        "Conflict",
        "Conflict",
        "A conflict happened while processing the request. The resource might have been modified while the request was being processed.",
    ),
    (
        410,
        "Gone",
        "Gone",
        "The requested URL is no longer available on this server and there is no forwarding address. If you followed a link from a foreign page, please contact the author of this page.",
    ),
    (
        422,
        "UnprocessableEntity",
        "Unprocessable Entity",
        "The request was well-formed but was unable to be followed due to semantic errors.",
    ),
    (
        500,
        "InternalServerError",
        "Internal Server Error",
        "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.",
    ),
];

/// Is the class of row `row` Werkzeug's `HTTPException` or one of its own?
pub fn is_http(row: usize) -> bool {
    exc::row_names(row).1 == "werkzeug.exceptions"
}

/// The table row of an HTTP exception class (`None` for `HTTPException`).
fn entry(row: usize) -> Option<&'static (i64, &'static str, &'static str, &'static str)> {
    let name = exc::row_names(row).0;
    HTTP.iter().find(|h| h.1 == name)
}

/// An HTTP exception of class row `row` with its description.
pub fn make(row: usize, description: Option<Value>) -> Value {
    Value::obj(ExceptionValue {
        class: row,
        args: Vec::new(),
        dbapi: None,
        cause: None,
        user: None,
        description: description.filter(|d| !matches!(d, Value::None)),
        pg: None,
        sqlite_code: None,
    })
}

/// The error that raises the HTTP exception for `code`, as `abort(code)`.
pub fn error(me: &mut Interp, code: i64, description: Option<Value>) -> Result<Error> {
    let Some(h) = HTTP.iter().find(|h| h.0 == code) else {
        return Err(Error::new(
            ErrorKind::Raised("LookupError"),
            format!("no exception for {code}"),
        )
        .with_help(format!(
            "ormsh knows the codes {}",
            HTTP.iter()
                .map(|h| h.0.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    };
    let row = exc::lookup("werkzeug.exceptions", h.1)
        .and_then(|c| c.downcast::<exc::ExcClass>().map(|c| c.row()))
        .expect("every HTTP class is in pymod::exc's table");
    let v = make(row, description);
    let message = str_of(me, &v)?.unwrap_or_default();
    let mut err = Error::new(exc::kind_of_row(row), message);
    err.exc = Some(Payload(Rc::new(v)));
    Ok(err)
}

/// `str(e)`: `404 Not Found: description` (`??? Unknown Error: None` for
/// the bare `HTTPException`).
pub fn str_of(me: &mut Interp, v: &Value) -> Result<Option<String>> {
    let Some(e) = v.downcast::<ExceptionValue>() else {
        return Ok(None);
    };
    if !is_http(e.class) {
        return Ok(None);
    }
    let desc = match &e.description {
        Some(d) => me.str_of_value(d)?,
        None => entry(e.class).map_or("None", |h| h.3).to_string(),
    };
    Ok(Some(match entry(e.class) {
        Some(h) => format!("{} {}: {desc}", h.0, h.2),
        None => format!("??? Unknown Error: {desc}"),
    }))
}

/// `repr(e)`: `<NotFound '404: Not Found'>`.
pub fn repr_of(v: &Value) -> Option<String> {
    let e = v.downcast::<ExceptionValue>()?;
    if !is_http(e.class) {
        return None;
    }
    let class = exc::row_names(e.class).0;
    Some(match entry(e.class) {
        Some(h) => format!("<{class} '{}: {}'>", h.0, h.2),
        None => format!("<{class} '???: Unknown Error'>"),
    })
}

/// `e.code`, `e.name`, `e.description`.
pub fn attr(e: &ExceptionValue, name: &str) -> Option<Value> {
    if !is_http(e.class) {
        return None;
    }
    let h = entry(e.class);
    Some(match name {
        "code" => h.map_or(Value::None, |h| Value::Int(h.0)),
        "name" => Value::str(h.map_or("Unknown Error", |h| h.2)),
        "description" => match &e.description {
            Some(d) => d.clone(),
            None => h.map_or(Value::None, |h| Value::str(h.3)),
        },
        _ => return None,
    })
}

/// Flask's `abort(code, description=None)`: raises the HTTP exception.
pub fn abort(me: &mut Interp, mut a: Args) -> Result<Value> {
    let description = a.take_kw("description").or_else(|| a.pos.get(1).cloned());
    a.no_more_kw()?;
    a.count(1, 2)?;
    let Value::Int(code) = a.pos[0] else {
        return Err(
            Error::type_("abort() takes an HTTP status code, such as abort(404)").at(a.span_of(0)),
        );
    };
    Err(error(me, code, description)?)
}
