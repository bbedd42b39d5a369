//! `db.metadata.naming_convention` (SQLAlchemy's `MetaData.naming_convention`):
//! read, it is the dict the metadata was given (`SQLAlchemy(metadata=
//! MetaData(naming_convention={...}))`) or SQLAlchemy's default, an
//! `immutabledict({'ix': 'ix_%(column_0_label)s'})` that refuses item
//! assignment; set (`db.metadata.naming_convention = {...}`), the tables
//! defined after are named by the new dict. SQLAlchemy reads the dict
//! when each constraint joins its table, so a key set in a dict of the
//! metadata's own (`db.metadata.naming_convention['fk'] = ...`) names the
//! tables defined after too: `current` reads the dict again each time.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::schema::naming_convention::NamingConvention;
use crate::value::{Dict, Object, Value};

/// SQLAlchemy's `immutabledict` (`util._collections`): the default
/// naming convention, a dict that cannot be changed.
pub struct ImmutableDict(pub Rc<RefCell<Dict>>);

impl Object for ImmutableDict {
    fn type_name(&self) -> &str {
        "immutabledict"
    }

    fn py_len(&self) -> Option<usize> {
        Some(self.0.borrow().len())
    }
}

/// SQLAlchemy's `DEFAULT_NAMING_CONVENTION`.
pub fn default_convention() -> Result<Value> {
    let mut d = Dict::default();
    d.insert(Value::str("ix"), Value::str("ix_%(column_0_label)s"))?;
    Ok(Value::obj(ImmutableDict(Rc::new(RefCell::new(d)))))
}

/// `db.metadata.naming_convention`: the dict given or set; a convention
/// read from the database file (`persist::metadata_row`) as the dict that
/// made it, kept so that keys set in it count.
pub fn get(me: &mut Interp) -> Result<Value> {
    if let Some(v) = &me.registry.naming_dict {
        return Ok(v.clone());
    }
    let Some(conv) = me.registry.naming.clone() else {
        return default_convention();
    };
    let mut d = Dict::default();
    for (k, t) in conv.entries() {
        d.insert(Value::str(k), Value::str(t))?;
    }
    let v = Value::Dict(Rc::new(RefCell::new(d)));
    me.registry.naming_dict = Some(v.clone());
    Ok(v)
}

/// `db.metadata.naming_convention = {...}`: the tables defined from now
/// on are named by it (a dict of `pk`/`uq`/`ck`/`fk`/`ix` templates).
pub fn set(me: &mut Interp, v: Value) -> Result<()> {
    let conv = crate::eval::metadata_def::convention_of(&v)?;
    me.registry.naming = conv;
    me.registry.naming_dict = Some(v);
    Ok(())
}

/// The convention a table defined now takes: the metadata's own dict as
/// it is now, keys set since included, or the one it was given.
pub fn current(me: &Interp) -> Result<Option<Rc<NamingConvention>>> {
    match &me.registry.naming_dict {
        Some(v @ Value::Dict(_)) => crate::eval::metadata_def::convention_of(v),
        _ => Ok(me.registry.naming.clone()),
    }
}

/// `d[k] = v` on an `immutabledict`: SQLAlchemy's `TypeError`.
pub fn refuse_set_item() -> Error {
    Error::type_("immutabledict object is immutable").with_help(
        "set the whole convention instead: db.metadata.naming_convention = {'ix': 'ix_%(column_0_label)s', 'fk': 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s'}",
    )
}

/// The repr: `immutabledict({'ix': 'ix_%(column_0_label)s'})`.
pub fn repr(me: &mut Interp, v: &Value, out: &mut String) -> Result<bool> {
    let Some(d) = v.downcast::<ImmutableDict>() else {
        return Ok(false);
    };
    out.push_str("immutabledict(");
    out.push_str(&me.repr_value(&Value::Dict(d.0.clone()))?);
    out.push(')');
    Ok(true)
}
