//! `db.session.merge(obj, load=True)`: an autoflush first (with `load`;
//! it may run Python-side defaults, so it is the interpreter's), then
//! `Session::merge` (`orm::merge`).

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::orm::instance::Instance;
use crate::value::Value;

impl Interp {
    /// `db.session.merge(obj, load=True)`.
    pub(crate) fn merge(&mut self, inst: &Rc<Instance>, load: bool) -> Result<Value> {
        if load {
            self.autoflush()?;
        }
        Ok(Value::Obj(self.session.merge(inst, load)?))
    }
}
