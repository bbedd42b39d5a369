//! `db.inspect(obj).expired_attributes` as a live view: SQLAlchemy's
//! `InstanceState.expired_attributes` is the state's own set, which a
//! later load of the object empties, so a set taken before `obj.name`
//! loads prints empty after it. The view holds the object and reads the
//! names each time it is printed, iterated or searched.

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::surface::state::expired_names;
use crate::orm::instance::Instance;
use crate::value::{Object, Value};

/// The live `expired_attributes` set of one object (SQLAlchemy's
/// `InstanceState.expired_attributes`).
pub struct ExpiredView(pub Rc<Instance>);

impl Object for ExpiredView {
    fn type_name(&self) -> &str {
        "set"
    }
}

impl Interp {
    /// The names a live set view holds now, as a `NameSet` value; None
    /// when `v` is no live view.
    pub(crate) fn live_name_set(&mut self, v: &Value) -> Result<Option<Value>> {
        match v.downcast::<ExpiredView>() {
            Some(view) => Ok(Some(expired_names(self, &view.0)?)),
            None => Ok(None),
        }
    }
}
