//! The class tables of Flask's objects (`eval::pymod::flask`): the app
//! (`Flask`: `config`, `name`, `app_context()`, and its web methods
//! refused), its `Config` (a dict with `from_mapping`), the
//! `AppContext` (`push`, `pop`, and `__enter__`/`__exit__` for `with`),
//! and `current_app`, whose attributes are the pushed app's.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::pymod::flask::{self, AppContext, Config, CurrentApp, FlaskApp, no_server};
use crate::eval::pymod::web;
use crate::eval::surface::{Class, Member, Sig, Surface};
use crate::value::{PyStr, Value};

type A = Rc<FlaskApp>;

/// Any keyword: a refused web method takes what Flask's takes.
const ANY: Sig = Sig {
    kw: &[],
    ignored: &[],
    any_kw: true,
};

/// A view decorator: it gives the function back, with a note
/// (`pymod::web`).
macro_rules! view {
    ($name:literal, $doc:literal) => {
        Member::method(
            $name,
            |_, _, _| Ok(web::decorator($name)),
            ANY,
            concat!(
                $doc,
                " (the function is left as it is: ormsh has no web server)"
            ),
        )
    };
}

macro_rules! web {
    ($name:literal, $doc:literal) => {
        Member::method(
            $name,
            |_, _, _| Err(no_server(concat!("app.", $name, "()"))),
            ANY,
            concat!($doc, " (refused: ormsh has no web server)"),
        )
    };
}

fn config(_: &mut Interp, app: &A) -> Result<Value> {
    Ok(Value::obj(Config(app.config.clone())))
}

/// The application's table.
pub static FLASK: Class<A> = Class::new(
    "Flask",
    &[
        Member::attr(
            "config",
            config,
            "the configuration (SQLALCHEMY_DATABASE_URI, …)",
        ),
        Member::attr(
            "name",
            |_, app| Ok(Value::str(&app.import_name)),
            "the app's name (its import name)",
        ),
        Member::attr(
            "import_name",
            |_, app| Ok(Value::str(&app.import_name)),
            "the name given to Flask()",
        ),
        Member::attr(
            "debug",
            |_, app| {
                let key = Value::str("DEBUG");
                Ok(Value::Bool(
                    app.config.borrow().get(&key).is_some_and(Value::truthy),
                ))
            },
            "config['DEBUG']",
        ),
        Member::attr(
            "secret_key",
            |_, app| Ok(config_value(app, "SECRET_KEY")),
            "config['SECRET_KEY'] (settable, as Flask's ConfigAttribute)",
        ),
        Member::attr(
            "testing",
            |_, app| Ok(config_value(app, "TESTING")),
            "config['TESTING'] (settable, as Flask's ConfigAttribute)",
        ),
        Member::method(
            "app_context",
            |_, app, a| {
                a.count(0, 0)?;
                Ok(Value::obj(AppContext { app: app.clone() }))
            },
            Sig::NONE,
            "an application context: app.app_context().push(), or with app.app_context(): …",
        ),
        view!("route", "a view function's URL rule"),
        view!("get", "a GET route"),
        view!("post", "a POST route"),
        view!("put", "a PUT route"),
        view!("delete", "a DELETE route"),
        view!("patch", "a PATCH route"),
        web!("add_url_rule", "a URL rule"),
        Member::method(
            "run",
            |me, _, _| web::run(me),
            ANY,
            "the development server (starts nothing: ormsh has no web server)",
        ),
        web!("test_client", "a test client"),
        web!("test_request_context", "a request context"),
        view!("errorhandler", "an error handler"),
        view!("before_request", "a function run before each request"),
        view!("after_request", "a function run after each request"),
        web!("register_blueprint", "a blueprint"),
        view!("context_processor", "a template context processor"),
    ],
)
.with_setters(&[
    ("secret_key", |_, app, v| set_config(app, "SECRET_KEY", v)),
    ("testing", |_, app, v| set_config(app, "TESTING", v)),
    ("debug", |_, app, v| set_config(app, "DEBUG", v)),
]);

/// `app.config[key]`, None when unset (Flask's default config has these
/// keys, None or False).
fn config_value(app: &A, key: &str) -> Value {
    let v = app.config.borrow().get(&Value::str(key)).cloned();
    v.unwrap_or(match key {
        "TESTING" | "DEBUG" => Value::Bool(false),
        _ => Value::None,
    })
}

/// `app.secret_key = v` and the other `ConfigAttribute`s: the config's key.
fn set_config(app: &A, key: &str, v: Value) -> Result<()> {
    app.config.borrow_mut().insert(Value::str(key), v)
}

type C = Rc<Config>;

/// `app.config.NAME(...)` as the dict's own method.
fn as_dict(me: &mut Interp, c: &C, name: &str, a: Args) -> Result<Value> {
    me.call_method(&Value::Dict(c.0.clone()), name, a)
}

/// Flask's `Config.from_mapping(mapping=None, **kwargs)`: only the
/// upper-case keys are kept.
fn from_mapping(_: &mut Interp, c: &C, mut a: Args) -> Result<Value> {
    let mut items: Vec<(Value, Value)> = Vec::new();
    if a.pos.len() > 1 {
        return Err(Error::type_(format!(
            "expected at most 1 positional argument, got {}",
            a.pos.len()
        )));
    }
    if let Some(m) = a.pos.first() {
        match m {
            Value::Dict(d) => items.extend(d.borrow().iter().map(|(k, v)| (k.clone(), v.clone()))),
            Value::None => {}
            other => {
                return Err(Error::type_(format!(
                    "from_mapping() takes a dict, not {}",
                    other.type_name()
                )));
            }
        }
    }
    items.extend(
        a.kw.drain(..)
            .map(|(k, v, _)| (Value::Str(PyStr::from(&*k)), v)),
    );
    let mut cfg = c.0.borrow_mut();
    for (k, v) in items {
        if let Value::Str(s) = &k
            && s.chars().any(char::is_alphabetic)
            && !s.chars().any(char::is_lowercase)
        {
            cfg.insert(k, v)?;
        }
    }
    Ok(Value::Bool(true))
}

/// Flask's `Config.from_object(obj)` (`eval::pyclass::upper_attrs`).
fn from_object(me: &mut Interp, c: &C, mut a: Args) -> Result<Value> {
    let Some(obj) = a.arg(0, "obj") else {
        return Err(Error::type_(
            "Config.from_object() missing 1 required positional argument: 'obj'",
        ));
    };
    a.count(0, 1)?;
    let items = crate::eval::pyclass_text::upper_attrs(me, &obj)?;
    let mut cfg = c.0.borrow_mut();
    for (k, v) in items {
        cfg.insert_str(&k, v);
    }
    Ok(Value::None)
}

fn from_file(what: &'static str) -> Error {
    Error::new(
        ErrorKind::NotImplementedError,
        format!("app.config.{what}() is not supported by ormsh: it reads no config files or objects"),
    )
    .with_help("set the keys directly: app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///app.db', or app.config.from_mapping(...)")
}

macro_rules! dict_method {
    ($name:literal, $doc:literal) => {
        Member::method($name, |me, c, a| as_dict(me, c, $name, a), ANY, $doc)
    };
}

/// `app.config`'s table.
pub static CONFIG: Class<C> = Class::new(
    "Config",
    &[
        Member::method(
            "from_mapping",
            from_mapping,
            ANY,
            "set the upper-case keys of a dict or of keyword arguments",
        ),
        dict_method!("update", "set keys from a dict or keyword arguments"),
        dict_method!("get", "a key's value, or a default"),
        dict_method!(
            "setdefault",
            "a key's value, set to a default first when missing"
        ),
        dict_method!("keys", "the keys"),
        dict_method!("values", "the values"),
        dict_method!("items", "the (key, value) pairs"),
        dict_method!("pop", "remove a key and give its value"),
        Member::method(
            "from_object",
            from_object,
            Sig::kw(&["obj"]),
            "set the upper-case attributes of a class or object: app.config.from_object(Config)",
        ),
        Member::method(
            "from_pyfile",
            |_, _, _| Err(from_file("from_pyfile")),
            ANY,
            "set keys from a Python file (refused)",
        ),
        Member::method(
            "from_envvar",
            |_, _, _| Err(from_file("from_envvar")),
            ANY,
            "set keys from the file an environment variable names (refused)",
        ),
        Member::method(
            "from_prefixed_env",
            |_, _, _| Err(from_file("from_prefixed_env")),
            ANY,
            "set keys from FLASK_* environment variables (refused)",
        ),
    ],
);

type X = Rc<AppContext>;

/// The application context's table.
pub static APP_CONTEXT: Class<X> = Class::new(
    "AppContext",
    &[
        Member::method(
            "push",
            |me, ctx, a| {
                a.count(0, 0)?;
                flask::push(me, ctx);
                Ok(Value::None)
            },
            Sig::NONE,
            "make it the current context (current_app is its app)",
        ),
        Member::method(
            "pop",
            |me, ctx, _| {
                flask::pop(me, ctx)?;
                Ok(Value::None)
            },
            Sig::kw(&["exc"]),
            "leave it (the innermost context)",
        ),
        Member::method(
            "__enter__",
            |me, ctx, a| {
                a.count(0, 0)?;
                flask::push(me, ctx);
                Ok(Value::Obj(ctx.clone()))
            },
            Sig::NONE,
            "with app.app_context(): pushes it",
        ),
        Member::method(
            "__exit__",
            |me, ctx, _| {
                flask::pop(me, ctx)?;
                Ok(Value::None)
            },
            Sig::NONE,
            "at the end of the with block: pops it",
        ),
    ],
);

/// `current_app.NAME`: the pushed app's attribute.
fn current_attr(me: &mut Interp, _: &Rc<CurrentApp>, name: &str) -> Option<Result<Value>> {
    let app = match flask::current(me) {
        Ok(app) => app,
        Err(e) => return Some(Err(e)),
    };
    Some(FLASK.get(me, &Value::Obj(app), &Rc::from(name)))
}

fn current_names(me: &mut Interp, _: &Rc<CurrentApp>) -> Vec<Rc<str>> {
    match flask::current(me) {
        Ok(_) => FLASK.names().into_iter().map(Rc::from).collect(),
        Err(_) => Vec::new(),
    }
}

/// `flask.current_app`'s table: everything is the pushed app's.
pub static CURRENT_APP: Class<Rc<CurrentApp>> =
    Class::new("LocalProxy", &[]).with_dynamic_first(current_attr, current_names);
