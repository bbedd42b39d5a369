//! `sqlalchemy.orm.attributes`: `flag_modified(obj, key)`, the documented
//! way to have the flush write a column changed in place (a JSON dict
//! edited without assigning it), and `get_history(obj, key)`.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::pymod::Module;
use crate::eval::session_args::instance_arg;
use crate::eval::surface::{Class, Member, Sig};
use crate::value::Value;

type R = Rc<Module>;

/// SQLAlchemy's `attributes.flag_modified(instance, key)`: the attribute
/// counts as modified, so the object is dirty and its flush writes the
/// column. The attribute must be loaded (`InvalidRequestError`); a name
/// the model does not map is Python's `KeyError`.
fn flag_modified(me: &mut Interp, mut a: Args) -> Result<Value> {
    let obj = a.arg(0, "instance");
    let key = a.arg(1, "key");
    a.count(2, 2)?;
    let (Some(_), Some(key)) = (obj, key) else {
        return Err(Error::type_(
            "flag_modified() takes an object and an attribute name: flag_modified(user, 'data')",
        ));
    };
    let inst = instance_arg(&a, 0)?;
    crate::orm::retire::check_object(&inst)?;
    let Value::Str(key) = &key else {
        return Err(Error::type_(
            "flag_modified(): the attribute name must be a string",
        ));
    };
    let key: &str = key;
    let Some(i) = inst.model.column(key) else {
        if me.rel_of(&inst.model.name, key)?.is_some() {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                format!(
                    "flag_modified() of the relationship {}.{key} is not supported by ormsh",
                    inst.model.name
                ),
            )
            .with_help(
                "flag a column; a relationship changed through its list methods is tracked already",
            ));
        }
        return Err(
            crate::value::exc_args::key_error(Value::str(key), format!("'{key}'")).with_help(
                format!("{} maps no attribute named {key:?}", inst.model.name),
            ),
        );
    };
    if !crate::orm::attr_history::column_in_dict(&inst, i) {
        return Err(Error::new(
            ErrorKind::InvalidRequestError,
            format!("Can't flag attribute '{key}' modified; it's not present in the object state"),
        )
        .with_help(format!("read it first (obj.{key}) so it is loaded")));
    }
    me.session.edit(&inst).flag_modified(i);
    me.session.modified_event(&inst);
    Ok(Value::None)
}

/// SQLAlchemy's `attributes.get_history(obj, key)`: the attribute's
/// `History(added, unchanged, deleted)`, loading it first if needed.
fn get_history(me: &mut Interp, mut a: Args) -> Result<Value> {
    let key = a.arg(1, "key");
    a.count(2, 2)?;
    // SQLAlchemy reads `obj._sa_instance_state` first: anything but a
    // model's object is an AttributeError there.
    if let Some(v) = a.pos.first()
        && !v.is::<crate::orm::instance::Instance>()
        && !v.is::<crate::schema::model::Model>()
    {
        return Err(Error::attr(format!(
            "'{}' object has no attribute '_sa_instance_state'",
            v.type_name()
        ))
        .with_help("get_history() takes a model's object: get_history(user, 'name')")
        .at(a.span_of(0)));
    }
    let inst = instance_arg(&a, 0)?;
    let Some(Value::Str(key)) = &key else {
        return Err(Error::type_(
            "get_history(): the attribute name must be a string: get_history(user, 'name')",
        ));
    };
    super::attrs::get_history(me, &inst, key)
}

/// The `sqlalchemy.orm.attributes` module's table.
pub static SQLALCHEMY_ORM_ATTRIBUTES_MODULE: Class<R> = super::modules::module(&[
    Member::attr(
        "NO_VALUE",
        |_, _| Ok(crate::eval::attribute_events::no_value()),
        "LoaderCallableStatus.NO_VALUE: a 'set' event's oldvalue when the attribute held no value",
    ),
    Member::attr(
        "OP_APPEND",
        |_, _| Ok(crate::eval::attribute_events::symbol("APPEND")),
        "symbol('APPEND'): an append event's initiator.op",
    ),
    Member::attr(
        "OP_REMOVE",
        |_, _| Ok(crate::eval::attribute_events::symbol("REMOVE")),
        "symbol('REMOVE'): a remove event's initiator.op",
    ),
    Member::attr(
        "OP_REPLACE",
        |_, _| Ok(crate::eval::attribute_events::symbol("REPLACE")),
        "symbol('REPLACE'): a set event's initiator.op",
    ),
    Member::attr(
        "OP_BULK_REPLACE",
        |_, _| Ok(crate::eval::attribute_events::symbol("BULK_REPLACE")),
        "symbol('BULK_REPLACE'): a bulk_replace event's initiator.op",
    ),
    Member::method(
        "flag_modified",
        |me, _, a| flag_modified(me, a),
        Sig::kw(&["instance", "key"]),
        "mark an attribute modified so the flush writes it: flag_modified(user, 'data')",
    ),
    Member::method(
        "get_history",
        |me, _, a| get_history(me, a),
        Sig::kw(&["obj", "key"]),
        "History(added, unchanged, deleted) of one attribute: get_history(user, 'name')",
    ),
]);
