//! `db.Model` as a value: the declarative base every model extends
//! (SQLAlchemy's `sqlalchemy.orm.decl_api.Model` in Flask-SQLAlchemy 3.1),
//! for `isinstance(obj, db.Model)` and `issubclass(User, db.Model)`. A
//! class is defined from it only by `class Name(db.Model):` (read by the
//! parser), so nothing else of the base is provided but its `metadata`
//! (`db.Model.metadata.tables['user']`, the same `db.metadata`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind};
use crate::eval::Interp;
use crate::eval::surface::{Class, Member};
use crate::orm::instance::Instance;
use crate::schema::model::Model;
use crate::value::{Object, Value};

/// `db.Model`.
pub struct ModelBase;

impl Object for ModelBase {
    fn type_name(&self) -> &str {
        "DefaultMeta"
    }
    fn class_identity(&self) -> Option<&str> {
        Some("sqlalchemy.orm.decl_api.Model")
    }
}

/// The one `db.Model` value.
pub fn value() -> Value {
    thread_local! {
        static MADE: Value = Value::obj(ModelBase);
    }
    MADE.with(Value::clone)
}

/// Its repr, as Flask-SQLAlchemy 3.1's.
pub const REPR: &str = "<class 'sqlalchemy.orm.decl_api.Model'>";

/// `isinstance(v, db.Model)`: whether `v` is a model's object (None when
/// `c` is not `db.Model`).
pub fn isinstance(v: &Value, c: &Value) -> Option<bool> {
    c.is::<ModelBase>().then(|| v.is::<Instance>())
}

/// `issubclass(sub, db.Model)`: whether `sub` is a model (None when `c`
/// is not `db.Model`).
pub fn issubclass(sub: &Value, c: &Value) -> Option<bool> {
    c.is::<ModelBase>()
        .then(|| sub.is::<Model>() || sub.is::<ModelBase>())
}

fn missing(_: &mut Interp, _: &Rc<ModelBase>, name: &str, _: &str) -> Error {
    Error::new(
        ErrorKind::NotImplementedError,
        format!("db.Model.{name} is not supported by ormsh: db.Model is a class's base (class Name(db.Model):) and the class of isinstance(obj, db.Model)"),
    )
    .with_help("read it from a model: User.query, User.__table__")
}

/// The table of `db.Model`.
pub static MODEL_BASE: Class<Rc<ModelBase>> = Class::new(
    "DefaultMeta",
    &[
        Member::attr(
            "__name__",
            |_, _| Ok(Value::str("Model")),
            "the class's name: Model",
        ),
        Member::attr(
            "__module__",
            |_, _| Ok(Value::str("sqlalchemy.orm.decl_api")),
            "the module it was defined in",
        ),
        Member::attr(
            "metadata",
            |_, _| Ok(Interp::namespace(crate::eval::objects::Ns::Metadata)),
            "the models' MetaData, db.metadata",
        ),
    ],
)
.with_missing(missing);
