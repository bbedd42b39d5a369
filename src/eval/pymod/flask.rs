//! The Flask scaffolding a Flask-SQLAlchemy session is written with:
//! `app = Flask(__name__)` (Flask's `Flask`: its `config` with Flask's
//! defaults, `app_context()`), `db = SQLAlchemy(app)` and
//! `SQLAlchemy()` + `db.init_app(app)` (Flask-SQLAlchemy's
//! `SQLAlchemy.init_app`: the config's `SQLALCHEMY_*` defaults, then the
//! database of `SQLALCHEMY_DATABASE_URI` opened, `persist::app_db`),
//! application contexts pushed and popped, and `current_app`. ormsh's
//! `db` stays the one `db`: the constructor gives it back. Routes,
//! requests and templates need a web server, which ormsh is not: they are
//! refused, saying so. The class tables are in `surface::flask`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::Ns;
use crate::value::{Dict, Object, PyStr, Value};

/// A Flask application (`Flask(import_name)`).
pub struct FlaskApp {
    pub import_name: Rc<str>,
    /// `app.config`, shared with the [`Config`] objects that show it.
    pub config: Rc<RefCell<Dict>>,
    /// `instance_path=`, when given (absolute).
    pub instance_path: Option<Rc<str>>,
    /// A `SQLAlchemy` instance was registered on it (`init_app` ran).
    pub has_db: Cell<bool>,
}

impl Object for FlaskApp {
    fn type_name(&self) -> &str {
        "Flask"
    }
}

/// `app.config`: Flask's `Config`, a dict with `from_mapping`.
pub struct Config(pub Rc<RefCell<Dict>>);

impl Object for Config {
    fn type_name(&self) -> &str {
        "Config"
    }
}

/// `app.app_context()`: Flask's `AppContext`, a context manager
/// (`__enter__` pushes it, `__exit__` pops it).
pub struct AppContext {
    pub app: Rc<FlaskApp>,
}

impl Object for AppContext {
    fn type_name(&self) -> &str {
        "AppContext"
    }
}

/// `flask.current_app`: the app of the innermost pushed context.
pub struct CurrentApp;

impl Object for CurrentApp {
    fn type_name(&self) -> &str {
        "LocalProxy"
    }
}

/// The application contexts pushed, innermost last.
#[derive(Default)]
pub struct FlaskState {
    pub contexts: Vec<Rc<FlaskApp>>,
    /// `flask_login.UserMixin` once made (`pymod::flask_login`).
    pub user_mixin: Option<Value>,
    /// `SQLAlchemy()` made the session's extension (`db`) already: a
    /// later call makes a second one (`surface::second_extension`).
    pub made_extension: bool,
    /// The assignment being run binds `SQLAlchemy(...)` to the name that
    /// holds the session's extension (`remakes_extension`).
    pub remaking: bool,
    /// The session's extension was made without an app and no
    /// `init_app` has registered it yet (its repr is `<SQLAlchemy>`
    /// outside an application context).
    pub unregistered: bool,
}

/// Flask 3.1's `default_config`, in its order.
fn default_config() -> Result<Dict> {
    let mut d = Dict::default();
    let s = |t: &str| Value::Str(PyStr::from(t));
    let days31 = chrono::TimeDelta::try_days(31).map_or(Value::None, Value::TimeDelta);
    let entries: Vec<(&str, Value)> = vec![
        ("DEBUG", Value::Bool(false)),
        ("TESTING", Value::Bool(false)),
        ("PROPAGATE_EXCEPTIONS", Value::None),
        ("SECRET_KEY", Value::None),
        ("SECRET_KEY_FALLBACKS", Value::None),
        ("PERMANENT_SESSION_LIFETIME", days31),
        ("USE_X_SENDFILE", Value::Bool(false)),
        ("TRUSTED_HOSTS", Value::None),
        ("SERVER_NAME", Value::None),
        ("APPLICATION_ROOT", s("/")),
        ("SESSION_COOKIE_NAME", s("session")),
        ("SESSION_COOKIE_DOMAIN", Value::None),
        ("SESSION_COOKIE_PATH", Value::None),
        ("SESSION_COOKIE_HTTPONLY", Value::Bool(true)),
        ("SESSION_COOKIE_SECURE", Value::Bool(false)),
        ("SESSION_COOKIE_PARTITIONED", Value::Bool(false)),
        ("SESSION_COOKIE_SAMESITE", Value::None),
        ("SESSION_REFRESH_EACH_REQUEST", Value::Bool(true)),
        ("MAX_CONTENT_LENGTH", Value::None),
        ("MAX_FORM_MEMORY_SIZE", Value::Int(500_000)),
        ("MAX_FORM_PARTS", Value::Int(1000)),
        ("SEND_FILE_MAX_AGE_DEFAULT", Value::None),
        ("TRAP_BAD_REQUEST_ERRORS", Value::None),
        ("TRAP_HTTP_EXCEPTIONS", Value::Bool(false)),
        ("EXPLAIN_TEMPLATE_LOADING", Value::Bool(false)),
        ("PREFERRED_URL_SCHEME", s("http")),
        ("TEMPLATES_AUTO_RELOAD", Value::None),
        ("MAX_COOKIE_SIZE", Value::Int(4093)),
        ("PROVIDE_AUTOMATIC_OPTIONS", Value::Bool(true)),
    ];
    for (k, v) in entries {
        d.insert(s(k), v)?;
    }
    Ok(d)
}

/// What `Flask(...)` accepts and ormsh has no use for.
pub const FLASK_SIG: crate::eval::surface::Sig = crate::eval::surface::Sig {
    kw: &["import_name", "instance_path"],
    ignored: &[
        ("static_url_path", "ormsh serves no files"),
        ("static_folder", "ormsh serves no files"),
        ("static_host", "ormsh serves no files"),
        ("host_matching", "ormsh routes no requests"),
        ("subdomain_matching", "ormsh routes no requests"),
        ("template_folder", "ormsh renders no templates"),
        ("instance_relative_config", "ormsh reads no config files"),
        (
            "root_path",
            "ormsh puts the instance folder in the working directory",
        ),
    ],
    any_kw: false,
};

/// `Flask(import_name, …)`
pub fn flask(_: &mut Interp, mut a: Args) -> Result<Value> {
    let name = a.arg(0, "import_name");
    let instance = a.take_kw("instance_path");
    a.count(0, 1)?;
    let Some(name) = name else {
        return Err(Error::type_(
            "Flask.__init__() missing 1 required positional argument: 'import_name'",
        )
        .with_help("app = Flask(__name__)"));
    };
    let Value::Str(name) = &name else {
        return Err(Error::type_(format!(
            "Flask's import_name must be a str, not {}",
            name.type_name()
        )));
    };
    let instance_path = match &instance {
        None | Some(Value::None) => None,
        Some(Value::Str(p)) if p.starts_with('/') => Some(Rc::from(&**p)),
        Some(_) => {
            return Err(Error::value(
                "If an instance path is provided it must be absolute. A relative path was given instead.",
            ));
        }
    };
    Ok(Value::obj(FlaskApp {
        import_name: Rc::from(&**name),
        config: Rc::new(RefCell::new(default_config()?)),
        instance_path,
        has_db: Cell::new(false),
    }))
}

/// The keywords of `SQLAlchemy(app, …)`.
pub const SQLALCHEMY_SIG: crate::eval::surface::Sig = crate::eval::surface::Sig {
    kw: &["app", "metadata", "model_class", "session_options"],
    ignored: &[
        (
            "query_class",
            "ormsh's queries are Flask-SQLAlchemy's Query",
        ),
        ("engine_options", "ormsh's engine is its SQLite connection"),
        ("add_models_to_shell", "ormsh is the shell"),
        (
            "disable_autonaming",
            "ormsh names tables as Flask-SQLAlchemy does",
        ),
    ],
    any_kw: false,
};

/// `SQLAlchemy(app=None, …)`: ormsh's one `db`, registered on `app` when
/// one is given (as `init_app`).
pub fn sqlalchemy(me: &mut Interp, mut a: Args) -> Result<Value> {
    // The session's `db` is taken once a `SQLAlchemy()` made it or
    // models or tables were defined on it.
    // (Bound again to the name that holds it, `db = SQLAlchemy()` read
    // a second time, it is made again: `remakes_extension`.)
    if !me.flask.remaking
        && (me.flask.made_extension
            || !me.registry.models().is_empty()
            || !me.registry.tables().is_empty())
    {
        return second_extension(a);
    }
    let span_of = |a: &Args, k: &str| a.kw.iter().find(|(n, _, _)| &**n == k).map(|n| n.2);
    let mut metadata = None;
    if let Some(span) = span_of(&a, "model_class") {
        let base = a.take_kw("model_class").unwrap_or(Value::None);
        crate::eval::declarative_subclass::check_model_class(&base).map_err(|e| e.at(span))?;
        // Flask-SQLAlchemy keeps the base's own `metadata`.
        metadata = (base.downcast::<crate::eval::mapped::DeclarativeBaseClass>())
            .and_then(|b| b.metadata.clone())
            .map(|m| (m, span));
    }
    if let Some(span) = span_of(&a, "metadata") {
        let md = a.take_kw("metadata").unwrap_or(Value::None);
        metadata = Some((md, span));
    }
    match &metadata {
        Some((md, span)) => {
            crate::eval::metadata_def::use_metadata(me, Some(md)).map_err(|e| e.at(*span))?
        }
        None => crate::eval::metadata_def::use_metadata(me, None)?,
    }
    if let Some(opts) = a.take_kw("session_options") {
        crate::eval::session_args::session_options(me, &opts)?;
    }
    let app = a.arg(0, "app");
    a.count(0, 1)?;
    match app.filter(|v| !matches!(v, Value::None)) {
        Some(app) => init_app(me, &app).map_err(|e| e.at(a.span_of(0)))?,
        None => me.flask.unregistered = true,
    }
    me.flask.made_extension = true;
    Ok(Interp::namespace(Ns::Db))
}

/// Is `target = value` a `SQLAlchemy(...)` call bound to the name that
/// holds the session's extension (`db`, or the name it was given)? A
/// script read twice makes its `db` again, where Python would make a
/// second extension that no app is registered on; ormsh keeps the one.
pub fn remakes_extension(
    me: &Interp,
    target: &crate::syntax::ast::Expr,
    value: &crate::syntax::ast::Expr,
) -> bool {
    use crate::syntax::ast::ExprKind;
    let (ExprKind::Name(n), ExprKind::Call { func, .. }) = (&target.kind, &value.kind) else {
        return false;
    };
    let calls_sqlalchemy = match &func.kind {
        ExprKind::Name(f) => &**f == "SQLAlchemy",
        ExprKind::Attr { attr, .. } => &*attr.name == "SQLAlchemy",
        _ => false,
    };
    calls_sqlalchemy
        && me.lookup(n).is_some_and(|v| {
            v.downcast::<crate::eval::objects::Namespace>()
                .is_some_and(|ns| ns.0 == Ns::Db)
        })
}

/// A `SQLAlchemy(app=None, …)` after the session's one: a second
/// extension, which leaves the first's models and metadata alone. Given
/// an app another extension is registered on, Flask-SQLAlchemy's error.
fn second_extension(mut a: Args) -> Result<Value> {
    for k in ["metadata", "model_class", "session_options"] {
        a.take_kw(k);
    }
    let app = a.arg(0, "app");
    a.count(0, 1)?;
    let app = match app.filter(|v| !matches!(v, Value::None)) {
        Some(v) => {
            let app = as_app(&v).map_err(|e| e.at(a.span_of(0)))?;
            if app.has_db.get() {
                return Err(already_registered().at(a.span_of(0)));
            }
            Some(app)
        }
        None => None,
    };
    Ok(Value::obj(
        crate::eval::surface::second_extension::SecondExtension {
            app: RefCell::new(app),
        },
    ))
}

/// Flask-SQLAlchemy's error for a second extension on one app.
fn already_registered() -> Error {
    Error::new(
        ErrorKind::RuntimeError,
        "A 'SQLAlchemy' instance has already been registered on this Flask app. Import and use that instance instead.",
    )
}

/// The Flask app `v` is, or a `TypeError`.
pub fn as_app(v: &Value) -> Result<Rc<FlaskApp>> {
    v.downcast::<FlaskApp>().ok_or_else(|| {
        Error::type_(format!("a Flask app was expected, not {}", v.type_name()))
            .with_help("app = Flask(__name__); db = SQLAlchemy(app)")
    })
}

/// Flask-SQLAlchemy's `init_app(app)`: the `SQLALCHEMY_*` defaults set
/// in the config, then the configured database opened.
pub fn init_app(me: &mut Interp, app: &Value) -> Result<()> {
    let app = as_app(app)?;
    if app.has_db.get() {
        return Err(already_registered());
    }
    let s = |t: &str| Value::Str(PyStr::from(t));
    let (uri, echo, binds) = {
        let mut cfg = app.config.borrow_mut();
        let mut setdefault = |k: &str, v: Value| -> Result<Value> {
            if let Some(have) = cfg.get(&s(k)) {
                return Ok(have.clone());
            }
            cfg.insert(s(k), v.clone())?;
            Ok(v)
        };
        let empty = || Value::Dict(Rc::new(RefCell::new(Dict::default())));
        let uri = setdefault("SQLALCHEMY_DATABASE_URI", Value::None)?;
        setdefault("SQLALCHEMY_ENGINE_OPTIONS", empty())?;
        let echo = setdefault("SQLALCHEMY_ECHO", Value::Bool(false))?;
        let binds = setdefault("SQLALCHEMY_BINDS", empty())?;
        setdefault("SQLALCHEMY_RECORD_QUERIES", Value::Bool(false))?;
        setdefault("SQLALCHEMY_TRACK_MODIFICATIONS", Value::Bool(false))?;
        (uri, echo, binds)
    };
    if binds.truthy() {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            "SQLALCHEMY_BINDS (more than one database) is not supported by ormsh",
        )
        .with_help("ormsh works on one database: set SQLALCHEMY_DATABASE_URI only"));
    }
    let uri = match &uri {
        Value::None => {
            return Err(Error::new(
                ErrorKind::RuntimeError,
                "Either 'SQLALCHEMY_DATABASE_URI' or 'SQLALCHEMY_BINDS' must be set.",
            )
            .with_help(
                "app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///app.db' before SQLAlchemy(app)",
            ));
        }
        Value::Str(u) => u.to_string(),
        other => {
            return Err(Error::type_(format!(
                "SQLALCHEMY_DATABASE_URI must be a str, not {}",
                other.type_name()
            )));
        }
    };
    me.open_app_database(&uri, app.instance_path.as_deref())?;
    me.session.engine.set_echo(echo.truthy());
    me.session.engine.set_echo_logging(true);
    app.has_db.set(true);
    me.flask.unregistered = false;
    Ok(())
}

/// The app `current_app` stands for, or Flask's error outside a context.
pub fn current(me: &Interp) -> Result<Rc<FlaskApp>> {
    me.flask.contexts.last().cloned().ok_or_else(|| {
        Error::new(
            ErrorKind::RuntimeError,
            "Working outside of application context.",
        )
        .with_help("push one first: app.app_context().push(), or with app.app_context(): …")
    })
}

/// `ctx.push()` / `__enter__`
pub fn push(me: &mut Interp, ctx: &AppContext) {
    me.flask.contexts.push(ctx.app.clone());
}

/// `ctx.pop()` / `__exit__`: the innermost context must be this one; the
/// session is closed as Flask-SQLAlchemy's `teardown_appcontext` does.
pub fn pop(me: &mut Interp, ctx: &AppContext) -> Result<()> {
    match me.flask.contexts.last() {
        Some(top) if Rc::ptr_eq(top, &ctx.app) => {
            me.flask.contexts.pop();
            // Flask-SQLAlchemy's teardown: `session.remove()` closes the
            // session — its objects let go, its transaction rolled back.
            me.session.close()
        }
        _ => Err(Error::new(
            ErrorKind::RuntimeError,
            format!(
                "Popped wrong app context. ({} pushed)",
                me.flask.contexts.len()
            ),
        )),
    }
}

/// The error of everything that needs a web server.
pub fn no_server(what: &str) -> Error {
    Error::new(
        ErrorKind::NotImplementedError,
        format!("{what} needs a web server, and ormsh has none"),
    )
    .with_help(
        "ormsh runs the models, the session and queries; routes, requests, responses and templates are left to Flask",
    )
}

/// The repr of Flask's objects; false for any other value.
pub fn repr(me: &mut Interp, v: &Value, out: &mut String) -> Result<bool> {
    if let Some(app) = v.downcast::<FlaskApp>() {
        out.push_str(&format!("<Flask '{}'>", app.import_name));
    } else if let Some(c) = v.downcast::<Config>() {
        out.push_str("<Config ");
        out.push_str(&me.repr_value(&Value::Dict(c.0.clone()))?);
        out.push('>');
    } else if v.is::<AppContext>() {
        out.push_str("<flask.ctx.AppContext object>");
    } else if v.is::<CurrentApp>() {
        match me.flask.contexts.last() {
            Some(app) => out.push_str(&format!("<Flask '{}'>", app.import_name)),
            None => out.push_str("<LocalProxy unbound>"),
        }
    } else {
        return Ok(false);
    }
    Ok(true)
}
