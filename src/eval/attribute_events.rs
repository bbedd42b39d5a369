//! SQLAlchemy's attribute `set` event on a column attribute, as Flasky
//! uses it: `db.event.listen(Post.body, 'set', Post.on_changed_body)`.
//! Each assignment to the column (the declarative constructor's too)
//! calls the listener with `(target, value, oldvalue, initiator)` after
//! any `@validates` validator (SQLAlchemy registers validators as `set`
//! listeners first): `oldvalue` is the loaded value, or
//! `LoaderCallableStatus.NO_VALUE` when the column holds none (never
//! set, or expired), `initiator` an `AttributeEventToken` (its `key`, and
//! its `op`: the `symbol` `OP_REPLACE` of `sqlalchemy.orm.attributes`). With
//! `retval=True` the listener's return value is what is set. The
//! listeners are kept with the mapper events (`eval::mapper_events`);
//! other attribute events (`append`, `remove`, …) are refused by name.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::mapper_events::Target;
use crate::eval::surface::{Class, Member};
use crate::orm::expr::ColumnElement;
use crate::orm::instance::Instance;
use crate::value::{Object, Value};

/// SQLAlchemy's `LoaderCallableStatus.NO_VALUE`: the `oldvalue` of a
/// `set` event when the attribute held no loaded value.
pub struct NoValue;

impl Object for NoValue {
    fn type_name(&self) -> &str {
        "LoaderCallableStatus"
    }
}

/// `str(NO_VALUE)`: its enum member's name; None for other values.
pub fn str_of(v: &Value) -> Option<String> {
    v.is::<NoValue>()
        .then(|| "LoaderCallableStatus.NO_VALUE".to_string())
}

/// The one `NO_VALUE` (so `oldvalue is NO_VALUE` holds), as
/// `sqlalchemy.orm.attributes` gives it.
pub fn no_value() -> Value {
    thread_local! {
        static ONE: Value = Value::obj(NoValue);
    }
    ONE.with(Value::clone)
}

/// One of SQLAlchemy's `symbol`s (`sqlalchemy.util.langhelpers.symbol`):
/// the `OP_APPEND`, `OP_REMOVE`, `OP_REPLACE` and `OP_BULK_REPLACE` an
/// event's `initiator.op` is, printed `symbol('REPLACE')`.
pub struct Symbol(pub &'static str);

impl Object for Symbol {
    fn type_name(&self) -> &str {
        "symbol"
    }
}

/// The attribute operations of `sqlalchemy.orm.attributes`, by the name
/// the module gives them.
pub const OPS: [(&str, &str); 4] = [
    ("OP_APPEND", "APPEND"),
    ("OP_REMOVE", "REMOVE"),
    ("OP_REPLACE", "REPLACE"),
    ("OP_BULK_REPLACE", "BULK_REPLACE"),
];

/// The one symbol of each name, so `initiator.op is OP_REPLACE` holds.
pub fn symbol(name: &str) -> Value {
    thread_local! {
        static ALL: Vec<Value> = OPS.iter().map(|(_, n)| Value::obj(Symbol(n))).collect();
    }
    ALL.with(|all| {
        (all.iter())
            .find(|v| v.downcast::<Symbol>().is_some_and(|s| s.0 == name))
            .cloned()
            .unwrap_or(Value::None)
    })
}

/// `repr()`/`str()` of a symbol: `symbol('REPLACE')`; None for other values.
pub fn symbol_repr(v: &Value) -> Option<String> {
    v.downcast::<Symbol>().map(|s| format!("symbol('{}')", s.0))
}

/// SQLAlchemy's `AttributeEventToken`: a `set` event's `initiator`.
pub struct EventToken {
    /// The attribute's name (`initiator.key`).
    pub key: Rc<str>,
    /// The operation (`initiator.op`): `REPLACE` for a `set`.
    pub op: &'static str,
}

type T = Rc<EventToken>;

/// What an `AttributeEventToken` answers.
pub static EVENT_TOKEN: Class<T> = Class::new(
    "AttributeEventToken",
    &[
        Member::attr(
            "key",
            |_, t| Ok(Value::Str(t.key.as_ref().into())),
            "the name of the attribute set",
        ),
        Member::attr(
            "op",
            |_, t| Ok(symbol(t.op)),
            "the operation: attributes.OP_REPLACE for a set event",
        ),
    ],
);

impl Object for EventToken {
    fn type_name(&self) -> &str {
        "AttributeEventToken"
    }
}

/// `Model.column` as an event target: the model's column attribute.
pub fn column_attribute(v: &Value) -> Option<Rc<ColumnElement>> {
    let c = v.downcast::<ColumnElement>()?;
    let plain = c.column.is_some() && c.entity.is_none() && c.hybrid.is_none();
    plain.then_some(c)
}

/// The `set` event on a column attribute; the other attribute events
/// refused by name.
pub fn check(c: Rc<ColumnElement>, id: Rc<str>) -> Result<(Target, Rc<str>)> {
    let Some((model, i)) = &c.column else {
        return Err(Error::type_("not a column attribute"));
    };
    let attr = format!("{}.{}", model.name, model.columns[*i].name);
    match &*id {
        "set" => Ok((Target::Attribute(model.name.clone(), *i), id)),
        "append" | "append_wo_mutation" | "bulk_replace" | "remove" | "init_scalar"
        | "init_collection" | "dispose_collection" | "modified" => Err(Error::new(
            ErrorKind::NotImplementedError,
            format!("ormsh does not support the attribute event '{id}' ({attr})"),
        )
        .with_help(crate::eval::mapper_events::events_run())),
        _ => Err(Error::new(
            ErrorKind::InvalidRequestError,
            format!("No such event '{id}' for target '{attr}'"),
        )
        .with_help(crate::eval::mapper_events::events_run())),
    }
}

impl Interp {
    /// Setting column `i` of `inst` to `v`: the `set` listeners of the
    /// column called, each with `(target, value, oldvalue, initiator)`;
    /// the value to store (a `retval=True` listener's return value).
    pub(crate) fn fire_set_events(
        &mut self,
        inst: &Rc<Instance>,
        i: usize,
        v: Value,
    ) -> Result<Value> {
        if self.listeners.is_empty() {
            return Ok(v);
        }
        let model = inst.model.name.clone();
        let calls: Vec<(Value, bool, bool)> = (self.listeners.iter())
            .filter(|l| {
                matches!(&l.target, Target::Attribute(m, c) if *m == model && *c == i)
                    && l.once.as_ref().is_none_or(|ran| !ran.replace(true))
            })
            .map(|l| (l.func.clone(), l.named, l.retval))
            .collect();
        let mut v = v;
        for (f, named, retval) in calls {
            let old = {
                let st = inst.st.borrow();
                match st.is_set(i) && !st.column_expired(i) {
                    true => st.value(i).clone(),
                    false => no_value(),
                }
            };
            let token = Value::obj(EventToken {
                key: inst.model.columns[i].name.clone(),
                op: "REPLACE",
            });
            let vals = vec![Value::Obj(inst.clone()), v.clone(), old, token];
            let args = match named {
                false => Args::new("set", vals),
                true => {
                    let mut a = Args::new("set", Vec::new());
                    let names = ["target", "value", "oldvalue", "initiator"];
                    a.kw = (names.iter().zip(vals))
                        .map(|(k, x)| (Rc::from(*k), x, Default::default()))
                        .collect();
                    a
                }
            };
            let r = self.call(&f, args)?;
            if retval {
                v = r;
            }
        }
        Ok(v)
    }
}
