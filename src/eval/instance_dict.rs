//! `obj.__dict__` of a model's object, as SQLAlchemy leaves it: the
//! `_sa_instance_state` (the object's `InstanceState`, `db.inspect(obj)`),
//! then each attribute that is loaded or set — what `InstanceState.dict`
//! holds (`orm::attr_history::column_in_dict`, `rel_in_dict`). An expired
//! or unloaded attribute is left out, as in Python; reading the dict loads
//! nothing. The keys follow the model's attribute order (SQLAlchemy's
//! follow the order the attributes were set or loaded in).

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::inspect::InstanceState;
use crate::orm::attr_history;
use crate::orm::instance::Instance;
use crate::value::Value;
use crate::value::dict::Dict;

/// `obj.__dict__`: a new dict of the state and the loaded attributes
/// (SQLAlchemy's `instance_dict(obj)`).
pub fn instance_dict(me: &mut Interp, inst: &Rc<Instance>) -> Result<Value> {
    let mut d = Dict::default();
    d.insert_str(
        "_sa_instance_state",
        Value::obj(InstanceState(inst.clone())),
    );
    let obj = Value::Obj(inst.clone());
    for name in crate::eval::surface::attrs::attr_names(me, inst)? {
        let loaded = match inst.model.column(&name) {
            Some(i) => attr_history::column_in_dict(inst, i),
            None => match me.rel_of(&inst.model.name, &name)? {
                Some(r) => attr_history::rel_in_dict(inst, &r),
                None => false,
            },
        };
        if loaded {
            let v = me.get_attr(&obj, &name)?;
            d.insert_str(&name, v);
        }
    }
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}
