//! What a Flask app file has that needs a web server, which ormsh is not,
//! refused so that the rest of the file goes on: `app.run()` starts
//! nothing, and a view decorator (`@app.route('/')`, `app.get`,
//! `app.errorhandler(404)`, …) leaves its function as it is, each with one
//! note on stderr (stdout stays what Python prints); Flask's request-time
//! names (`render_template`, `request`, `url_for`, …) import, so the
//! file's import line runs, and using one is a `NotImplementedError`
//! saying ormsh has no web server.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::Native;
use crate::eval::pymod::flask::no_server;
use crate::eval::surface::Class;
use crate::value::{Object, Value};

/// The note that says a web server's part was left out.
pub const NOTE: &str = "note: ormsh has no web server:";

/// Flask's names that only mean something while a request is served.
const WEB_ONLY: &[&str] = &[
    "flash",
    "g",
    "get_flashed_messages",
    "jsonify",
    "make_response",
    "redirect",
    "render_template",
    "render_template_string",
    "request",
    "send_file",
    "send_from_directory",
    "session",
    "stream_template",
    "url_for",
];

/// `flask.render_template`, `flask.request`, …: imported, refused when
/// used.
pub struct WebOnly(pub &'static str);

impl Object for WebOnly {
    fn type_name(&self) -> &str {
        "function"
    }
}

/// `flask.NAME` when NAME is one of Flask's request-time names.
pub fn lookup(name: &str) -> Option<Value> {
    let name = WEB_ONLY.iter().find(|n| **n == name)?;
    Some(Value::obj(WebOnly(name)))
}

/// Calling a request-time name (`render_template('index.html')`).
pub fn call(w: &WebOnly) -> Error {
    no_server(&format!("flask.{}()", w.0))
}

/// The table of a request-time name: every attribute is refused
/// (`request.form`).
pub static WEB_NAME: Class<Rc<WebOnly>> = Class::new("function", &[]).with_missing(miss);

fn miss(_: &mut Interp, w: &Rc<WebOnly>, name: &str, _: &str) -> Error {
    no_server(&format!("flask.{}.{name}", w.0))
}

/// Flask's `app.run()`: ormsh starts no server; a note says so.
pub fn run(me: &mut Interp) -> Result<Value> {
    me.session.warnings.push(format!(
        "{NOTE} app.run() starts nothing (the models, the session and queries are what ormsh runs)"
    ));
    Ok(Value::None)
}

/// `app.route('/')` and the other view decorators: a decorator that
/// leaves the function as it is, with a note.
pub fn decorator(what: &'static str) -> Value {
    let f = match what {
        "route" => view_route as fn(&mut Interp, Args) -> Result<Value>,
        "errorhandler" => view_errorhandler,
        _ => view_hook,
    };
    Value::obj(Native { name: what, f })
}

fn view_route(me: &mut Interp, a: Args) -> Result<Value> {
    leave_as_is(me, a, "app.route", "a view that is never served")
}

fn view_errorhandler(me: &mut Interp, a: Args) -> Result<Value> {
    leave_as_is(me, a, "app.errorhandler", "an error handler never called")
}

fn view_hook(me: &mut Interp, a: Args) -> Result<Value> {
    leave_as_is(me, a, "the app's decorator", "a request hook never called")
}

/// The decorated function, given back as it is, and the note naming it.
fn leave_as_is(me: &mut Interp, a: Args, what: &str, becomes: &str) -> Result<Value> {
    a.count(1, 1)?;
    let f = a.pos[0].clone();
    let name = match f.downcast::<crate::eval::function::Function>() {
        Some(func) => func.def.name.name.to_string(),
        None => f.type_name().to_string(),
    };
    me.session
        .warnings
        .push(format!("{NOTE} {name}() under {what} is {becomes}"));
    Ok(f)
}
