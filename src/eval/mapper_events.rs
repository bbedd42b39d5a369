//! SQLAlchemy's mapper events as tutorials use them: `from sqlalchemy
//! import event`, then `@event.listens_for(User, 'before_insert')` (or
//! `event.listen(User, 'before_update', fn)`) on a model class for
//! `before_insert`, `after_insert`, `before_update`, `after_update`,
//! `before_delete` and `after_delete`. A flush calls each listener with
//! `(mapper, connection, target)` for every object it inserts, updates
//! (every object marked dirty, as SQLAlchemy) or deletes: the `before_`
//! ones before the flush works out defaults and writes anything (so a
//! timestamp or slug set there is written), the `after_` ones once its
//! statements ran. `mapper` is the model's `Mapper` (`surface::mapper`,
//! as `inspect(obj).mapper`) and `connection` the session's `Connection`
//! (`surface::connection`), whose `execute(text | insert | update |
//! delete)` runs in the flush's transaction, as SQLAlchemy allows. Other
//! events (`load`, `init`, session and engine events) are refused by name.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::orm::instance::{Instance, Status};
use crate::schema::model::Model;
use crate::value::{Object, Value};

/// The mapper events ormsh runs.
const RUN: &[&str] = &[
    "before_insert",
    "after_insert",
    "before_update",
    "after_update",
    "before_delete",
    "after_delete",
];

/// SQLAlchemy's other mapper and instance events: refused by name.
const OTHER: &[&str] = &[
    "load",
    "refresh",
    "refresh_flush",
    "expire",
    "init",
    "init_failure",
    "first_init",
    "pickle",
    "unpickle",
    "instrument_class",
    "mapper_configured",
    "before_mapper_configured",
    "before_configured",
    "after_configured",
];

/// One registered listener.
pub struct Listener {
    pub model: Rc<str>,
    pub event: Rc<str>,
    pub func: Value,
}

/// What `event.listens_for(target, identifier)` returns: the decorator
/// that registers the function it is given and gives it back (the target
/// and name are checked then, as SQLAlchemy's `listen` checks them).
pub struct ListensFor {
    target: Value,
    identifier: Value,
    kw: Vec<Rc<str>>,
}

impl Object for ListensFor {
    fn type_name(&self) -> &str {
        "function"
    }
    fn take_values(&mut self) -> Vec<Value> {
        vec![
            std::mem::replace(&mut self.target, Value::None),
            std::mem::replace(&mut self.identifier, Value::None),
        ]
    }
}

/// The model and event name a listener is for, or why it is refused.
fn check(target: &Value, identifier: &Value, kw: &[Rc<str>]) -> Result<(Rc<str>, Rc<str>)> {
    let Value::Str(id) = identifier else {
        return Err(Error::type_(format!(
            "the event name must be a string, not {}",
            identifier.type_name()
        )));
    };
    let id: Rc<str> = Rc::from(&**id);
    if let Some(k) = kw.iter().find(|k| &***k != "propagate") {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            format!("event.listens_for(..., {k}=...) is not supported by ormsh"),
        )
        .with_help(
            "ormsh takes propagate=; write the listener to take (mapper, connection, target)",
        ));
    }
    let Some(model) = target.downcast::<Model>() else {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            format!(
                "ormsh does not support the event '{id}' on a {} (only mapper events on a model class)",
                target.type_name()
            ),
        )
        .with_help(format!(
            "ormsh runs {} on a model class: @event.listens_for(User, 'before_insert')",
            RUN.join(", ")
        )));
    };
    if RUN.contains(&&*id) {
        return Ok((model.name.clone(), id));
    }
    if OTHER.contains(&&*id) {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            format!("ormsh does not support the mapper event '{id}'"),
        )
        .with_help(format!("ormsh runs {}", RUN.join(", "))));
    }
    Err(Error::new(
        ErrorKind::InvalidRequestError,
        format!(
            "No such event '{id}' for target '<class '__main__.{}'>'",
            model.name
        ),
    )
    .with_help(format!("the mapper events ormsh runs: {}", RUN.join(", "))))
}

fn kw_names(a: &Args) -> Vec<Rc<str>> {
    a.kw.iter().map(|(k, _, _)| k.clone()).collect()
}

/// `event.listens_for(target, identifier, propagate=False)`: a decorator.
pub fn listens_for(_: &mut Interp, mut a: Args) -> Result<Value> {
    let _ = a.take_kw("propagate");
    let kw = kw_names(&a);
    a.count(2, 2)?;
    Ok(Value::obj(ListensFor {
        target: a.pos[0].clone(),
        identifier: a.pos[1].clone(),
        kw,
    }))
}

/// `event.listen(target, identifier, fn, propagate=False)`.
pub fn listen(me: &mut Interp, mut a: Args) -> Result<Value> {
    let _ = a.take_kw("propagate");
    let names = kw_names(&a);
    a.count(3, 3)?;
    if a.pos[0]
        .downcast::<crate::eval::objects::Namespace>()
        .is_some_and(|n| n.0 == crate::eval::objects::Ns::Metadata)
        && let Value::Str(event) = &a.pos[1]
    {
        crate::eval::metadata_ddl::listen(me, event, &a.pos[2])?;
        return Ok(Value::None);
    }
    let (model, event) = check(&a.pos[0], &a.pos[1], &names)?;
    me.listeners.push(Listener {
        model,
        event,
        func: a.pos[2].clone(),
    });
    Ok(Value::None)
}

/// Calling what `listens_for` made with the function: registered, and
/// given back.
pub fn apply(me: &mut Interp, l: &ListensFor, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let (model, event) = check(&l.target, &l.identifier, &l.kw)?;
    let func = a.pos[0].clone();
    me.listeners.push(Listener {
        model,
        event,
        func: func.clone(),
    });
    Ok(func)
}

/// The objects a flush is about to insert, update and delete, for the
/// `after_` events once it ran.
pub struct Batch {
    insert: Vec<Rc<Instance>>,
    update: Vec<Rc<Instance>>,
    delete: Vec<Rc<Instance>>,
}

impl Interp {
    /// Before a flush: the `before_` listeners called for each object it
    /// will insert, update or delete; `None` when no listener is set.
    pub(crate) fn before_flush_events(&mut self) -> Result<Option<Batch>> {
        if self.listeners.is_empty() {
            return Ok(None);
        }
        let s = &self.session;
        let batch = Batch {
            insert: s.new.iter().cloned().collect(),
            update: (s.dirty.iter())
                .filter(|i| {
                    i.status() == Status::Persistent && !s.deleted.iter().any(|d| Rc::ptr_eq(d, i))
                })
                .cloned()
                .collect(),
            delete: s.deleted.iter().cloned().collect(),
        };
        self.fire("before_insert", &batch.insert)?;
        self.fire("before_update", &batch.update)?;
        self.fire("before_delete", &batch.delete)?;
        Ok(Some(batch))
    }

    /// After a flush ran: the `after_` listeners.
    pub(crate) fn after_flush_events(&mut self, batch: Batch) -> Result<()> {
        self.fire("after_insert", &batch.insert)?;
        self.fire("after_update", &batch.update)?;
        self.fire("after_delete", &batch.delete)
    }

    fn fire(&mut self, event: &str, objs: &[Rc<Instance>]) -> Result<()> {
        for inst in objs {
            let funcs: Vec<Value> = (self.listeners.iter())
                .filter(|l| &*l.event == event && *l.model == *inst.model.name)
                .map(|l| l.func.clone())
                .collect();
            for f in funcs {
                let mapper = Value::obj(crate::eval::surface::mapper::Mapper(inst.model.clone()));
                self.session.autobegin();
                let connection = Value::obj(crate::eval::surface::connection::SessionConnection);
                let args = vec![mapper, connection, Value::Obj(inst.clone())];
                self.call(&f, Args::new(event, args))?;
            }
        }
        Ok(())
    }
}
