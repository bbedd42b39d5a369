//! A second `SQLAlchemy()` object (`db2 = SQLAlchemy()` after the
//! session's extension was made): Flask-SQLAlchemy's `SQLAlchemy` with a
//! `MetaData` and an `init_app` of its own. ormsh runs one extension, so
//! making a second one (after a first `SQLAlchemy()`, or once models or
//! tables are defined on the built-in `db`) leaves the first (its models,
//! metadata and naming convention) as it was; the second's declarative names (`db2.Column`,
//! `db2.Integer`, …, the same objects in any extension) work, the rest
//! (`db2.Model`, `db2.session`, `db2.create_all()`, …) is refused, saying
//! which object to use. Its repr follows Flask-SQLAlchemy's
//! `SQLAlchemy.__repr__`, by the application context it is read in.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::objects::Ns;
use crate::eval::pymod::flask::FlaskApp;
use crate::eval::surface::{Class, DB, Surface, declarable_db_attr};
use crate::value::{Object, Value};

/// Flask-SQLAlchemy's `SQLAlchemy`, made after the session's one.
pub struct SecondExtension {
    /// The app given to `SQLAlchemy(app)`, when one was.
    pub app: RefCell<Option<Rc<FlaskApp>>>,
}

impl Object for SecondExtension {
    fn type_name(&self) -> &str {
        "SQLAlchemy"
    }
}

/// Flask-SQLAlchemy's error for an extension read in the context of an
/// app it was not registered on (`SQLAlchemy.engines`).
pub fn not_registered() -> Error {
    Error::new(
        ErrorKind::RuntimeError,
        "The current Flask app is not registered with this 'SQLAlchemy' instance. Did you forget to call 'init_app', or did you create multiple 'SQLAlchemy' instances?",
    )
}

/// `SQLAlchemy.__repr__`: `<SQLAlchemy>` outside an application context,
/// `<SQLAlchemy URL>` in the context of the app it is registered on, and
/// Flask-SQLAlchemy's RuntimeError in another app's.
pub fn repr(me: &Interp, ext: &SecondExtension) -> Result<String> {
    let Some(current) = me.flask.contexts.last() else {
        return Ok("<SQLAlchemy>".to_string());
    };
    match &*ext.app.borrow() {
        Some(app) if Rc::ptr_eq(app, current) => {
            let key = Value::str("SQLALCHEMY_DATABASE_URI");
            match app.config.borrow().get(&key) {
                Some(Value::Str(u)) => Ok(format!("<SQLAlchemy {u}>")),
                _ => Err(not_registered()),
            }
        }
        _ => Err(not_registered()),
    }
}

/// `db2.NAME`: a declarative name is `db`'s; anything else is refused.
fn attr(me: &mut Interp, _: &Rc<SecondExtension>, name: &str) -> Option<Result<Value>> {
    // Its `metadata` is its own (not `db`'s), which ormsh does not make.
    if declarable_db_attr(name) && name != "metadata" {
        let db = Interp::namespace(Ns::Db);
        return Some(DB.get(me, &db, &Rc::from(name)));
    }
    Some(Err(Error::new(
        ErrorKind::NotImplementedError,
        format!(
            "this SQLAlchemy object is a second one, and ormsh runs one Flask-SQLAlchemy extension (db, or the first SQLAlchemy() of the session): a second, with a MetaData and an init_app of its own, has no .{name} in ormsh"
        ),
    )
    .with_help(
        "use the first SQLAlchemy() object (db, or the name you gave it) for models, the session and create_all(); its column types and Column work on either",
    )))
}

fn names(_: &mut Interp, _: &Rc<SecondExtension>) -> Vec<Rc<str>> {
    DB.names()
        .into_iter()
        .filter(|n| declarable_db_attr(n) && *n != "metadata")
        .map(Rc::from)
        .collect()
}

/// A second extension's table: `db`'s declarative names, the rest refused.
pub static SECOND_EXTENSION: Class<Rc<SecondExtension>> =
    Class::new("SQLAlchemy", &[]).with_dynamic_first(attr, names);
