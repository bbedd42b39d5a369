//! A name Python's module has and ormsh lacks, imported by name from one
//! of the `DEFERRED` modules (`from
//! sqlalchemy.orm import scoped_session, declarative_base`, `from
//! flask_login import LoginManager`): the import binds it, as the line
//! names others ormsh has, and using it — calling it or reading an
//! attribute — is the `NotImplementedError` the import would have been,
//! with what to write instead.

use std::rc::Rc;

use crate::error::{Error, ErrorKind};
use crate::value::{Object, Value};

/// The modules whose missing names bind on import: those a tutorial's
/// scaffolding imports alongside the models' names (`scoped_session`,
/// `declarative_base`, `LoginManager`). Elsewhere (`datetime.tzinfo`,
/// `sqlalchemy.ext.hybrid`) the import itself is refused, as before.
pub const DEFERRED: &[&str] = &[
    "sqlalchemy",
    "sqlalchemy.orm",
    "flask_sqlalchemy",
    "flask_login",
];

/// `module.name`, which ormsh does not provide; `error` is what using it
/// raises.
pub struct Unavailable {
    pub qualname: Rc<str>,
    pub message: String,
    pub help: String,
}

impl Object for Unavailable {
    fn type_name(&self) -> &str {
        "unavailable"
    }
}

impl Unavailable {
    /// The refusal `e` (from reading `module.name`) kept for when the
    /// bound name is used, its help saying what to write where ormsh has
    /// a way.
    pub fn value(module: &str, name: &str, e: &Error) -> Value {
        let help = instead(module, name)
            .map(str::to_string)
            .or_else(|| e.help.clone())
            .unwrap_or_default();
        Value::obj(Unavailable {
            qualname: Rc::from(format!("{module}.{name}")),
            message: e.message.clone(),
            help,
        })
    }

    /// The error using it raises.
    pub fn error(&self) -> Error {
        let e = Error::new(ErrorKind::NotImplementedError, self.message.clone());
        if self.help.is_empty() {
            e
        } else {
            e.with_help(self.help.clone())
        }
    }
}

/// What ormsh has in place of a name tutorials import.
fn instead(module: &str, name: &str) -> Option<&'static str> {
    Some(match (module, name) {
        ("sqlalchemy.orm" | "sqlalchemy.ext.declarative", "declarative_base") => {
            "write class Base(DeclarativeBase): pass (from sqlalchemy.orm import DeclarativeBase), then db = SQLAlchemy(model_class=Base); or base models on db.Model"
        }
        ("sqlalchemy.orm", "scoped_session") => {
            "ormsh has one session, Flask-SQLAlchemy's scoped db.session: use it, or Session(engine) for a session of your own"
        }
        ("flask_login", "LoginManager") => {
            "ormsh runs the models, not the app: leave login_manager = LoginManager(app) to Flask; UserMixin (is_authenticated, get_id()) works on your User model"
        }
        _ => return None,
    })
}

/// The repr of an unavailable name.
pub fn repr(v: &Value, out: &mut String) -> bool {
    let Some(u) = v.downcast::<Unavailable>() else {
        return false;
    };
    out.push_str(&format!("<{} (not supported by ormsh)>", u.qualname));
    true
}
