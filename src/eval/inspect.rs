//! `db.inspect(obj)` and its `InstanceState` (SQLAlchemy's
//! `sqlalchemy.inspect`, `orm/state.py`; its attributes are the table
//! `eval::surface::STATE`); and the functions
//! that move an object between states by hand, `db.make_transient(obj)`
//! and `db.make_transient_to_detached(obj)` (`orm/session.py`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::orm::instance::Instance;
use crate::schema::model::Model;
use crate::value::{Object, Value};

/// What `db.inspect(obj)` returns: a live view of the object's state (it
/// answers for the state at the time each attribute is read, as
/// SQLAlchemy's `InstanceState` does).
pub struct InstanceState(pub Rc<Instance>);

impl Object for InstanceState {
    fn type_name(&self) -> &str {
        "InstanceState"
    }
}

/// `db.inspect`, `db.make_transient`, `db.make_transient_to_detached`.
pub fn call_state_fn(me: &mut Interp, name: &str, a: Args) -> Result<Value> {
    a.no_more_kw()?;
    a.count(1, 1)?;
    let v = &a.pos[0];
    match name {
        "inspect" => {
            if let Some(inst) = v.downcast::<Instance>() {
                return Ok(Value::obj(InstanceState(inst)));
            }
            // `inspect(engine)`: SQLAlchemy's `Inspector` of the database.
            if crate::eval::pymod::plain::is_engine(v) {
                return Ok(Value::obj(crate::eval::surface::inspector::Inspector));
            }
            // `inspect(Model)`: its `Mapper`.
            if let Some(m) = v.downcast::<Model>() {
                crate::orm::retire::check_model(&m).map_err(|e| e.at(a.span_of(0)))?;
                return Ok(Value::obj(crate::eval::surface::mapper::Mapper(m)));
            }
            Err(Error::new(
                ErrorKind::NoInspectionAvailable,
                format!("no inspection is available for a {}", v.type_name()),
            )
            .with_help("inspect() takes a model instance, like db.inspect(User.query.first())")
            .at(a.span_of(0)))
        }
        _ => {
            // SQLAlchemy reads `obj._sa_instance_state` here, so anything
            // else is an AttributeError.
            let inst = v.downcast::<Instance>().ok_or_else(|| {
                Error::attr(format!(
                    "{name}() takes a model instance, got a {}",
                    v.type_name()
                ))
                .at(a.span_of(0))
            })?;
            crate::orm::retire::check_object(&inst).map_err(|e| e.at(a.span_of(0)))?;
            if name == "make_transient" {
                me.session.make_transient(&inst);
            } else {
                me.session.make_transient_to_detached(&inst)?;
            }
            Ok(Value::None)
        }
    }
}
