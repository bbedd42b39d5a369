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
//! An abstract base or a mixin may be the target: with `propagate=True`
//! its listeners run for every model built on it (without, for none, as
//! SQLAlchemy's). `once=True` runs a listener once, `named=True` calls it
//! with keywords (`mapper=`, `connection=`, `target=`), and
//! `event.remove(target, identifier, fn)` takes one away.

use std::cell::Cell;
use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::pyclass::PyClass;
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

/// Every event ormsh runs, for the help of a refused one: the mapper
/// events on a model class, and a column attribute's `set`.
pub fn events_run() -> String {
    format!(
        "ormsh runs the mapper events {} on a model class (@event.listens_for(User, 'before_insert')) and the 'set' event of a column attribute (@event.listens_for(User.name, 'set'))",
        RUN.join(", ")
    )
}

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

/// What a listener listens on: a model (by name), or an abstract base or
/// mixin class, whose listeners run for the models built on it only with
/// `propagate=True` (SQLAlchemy's `_accept_with` for an unmapped class).
#[derive(Clone)]
pub enum Target {
    Model(Rc<str>),
    Class(Rc<PyClass>),
    /// A column attribute (`Post.body`) for its `set` event
    /// (`eval::attribute_events`): the model's name and the column.
    Attribute(Rc<str>, usize),
}

/// One registered listener.
pub struct Listener {
    pub target: Target,
    pub event: Rc<str>,
    pub func: Value,
    /// `propagate=True`.
    pub propagate: bool,
    /// `once=True`: whether it has run (SQLAlchemy's `_wrap_fn_for_once`).
    pub once: Option<Rc<Cell<bool>>>,
    /// `named=True`: called with keywords.
    pub named: bool,
    /// `retval=True`: a `set` listener's return value is what is set.
    pub retval: bool,
}

impl Listener {
    /// Does this listener run for an object of `model`?
    fn runs_for(&self, model: &Model) -> bool {
        match &self.target {
            Target::Attribute(..) => false,
            Target::Model(name) => **name == *model.name,
            Target::Class(c) => {
                self.propagate
                    && model
                        .methods
                        .mixin_classes
                        .iter()
                        .any(|m| m.downcast::<PyClass>().is_some_and(|m| m.is_subclass_of(c)))
            }
        }
    }

    fn same_target(&self, t: &Target) -> bool {
        match (&self.target, t) {
            (Target::Model(a), Target::Model(b)) => a == b,
            (Target::Class(a), Target::Class(b)) => Rc::ptr_eq(a, b),
            (Target::Attribute(m, i), Target::Attribute(n, j)) => m == n && i == j,
            _ => false,
        }
    }
}

/// A listener to call: its function, `named`, and its `once` flag.
type Call = (Value, bool, Option<Rc<Cell<bool>>>);

/// The keywords `listens_for`/`listen` take besides the target.
struct Flags {
    propagate: bool,
    once: bool,
    named: bool,
    retval: bool,
}

fn take_flags(a: &mut Args) -> Flags {
    let mut flag = |k: &str| a.take_kw(k).is_some_and(|v| v.truthy());
    Flags {
        propagate: flag("propagate"),
        once: flag("once"),
        named: flag("named"),
        retval: flag("retval"),
    }
}

/// What `event.listens_for(target, identifier)` returns: the decorator
/// that registers the function it is given and gives it back (the target
/// and name are checked then, as SQLAlchemy's `listen` checks them).
pub struct ListensFor {
    target: Value,
    identifier: Value,
    kw: Vec<Rc<str>>,
    flags: Flags,
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

/// The target and event name a listener is for, or why it is refused.
fn check(target: &Value, identifier: &Value, kw: &[Rc<str>]) -> Result<(Target, Rc<str>)> {
    let Value::Str(id) = identifier else {
        return Err(Error::type_(format!(
            "the event name must be a string, not {}",
            identifier.type_name()
        )));
    };
    let id: Rc<str> = Rc::from(&**id);
    if let Some(k) = kw.first() {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            format!("event.listens_for(..., {k}=...) is not supported by ormsh"),
        )
        .with_help(
            "ormsh takes propagate=, once=, named= and retval=; write the listener to take (mapper, connection, target)",
        ));
    }
    if let Some(attr) = crate::eval::attribute_events::column_attribute(target) {
        return crate::eval::attribute_events::check(attr, id);
    }
    let (t, shown) = if let Some(model) = target.downcast::<Model>() {
        (Target::Model(model.name.clone()), model.name.clone())
    } else if let Some(c) = target.downcast::<PyClass>().filter(|c| !c.is_enum()) {
        let name = c.name.clone();
        (Target::Class(c), name)
    } else {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            format!(
                "ormsh does not support the event '{id}' on a {} (only mapper events on a model class, an abstract base or a mixin, and a column attribute's 'set')",
                target.type_name()
            ),
        )
        .with_help(events_run()));
    };
    if RUN.contains(&&*id) {
        return Ok((t, id));
    }
    if OTHER.contains(&&*id) {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            format!("ormsh does not support the mapper event '{id}'"),
        )
        .with_help(events_run()));
    }
    Err(Error::new(
        ErrorKind::InvalidRequestError,
        format!("No such event '{id}' for target '<class '__main__.{shown}'>'"),
    )
    .with_help(events_run()))
}

fn kw_names(a: &Args) -> Vec<Rc<str>> {
    a.kw.iter().map(|(k, _, _)| k.clone()).collect()
}

fn register(me: &mut Interp, target: Target, event: Rc<str>, func: Value, f: &Flags) {
    me.listeners.push(Listener {
        target,
        event,
        func,
        propagate: f.propagate,
        once: f.once.then(|| Rc::new(Cell::new(false))),
        named: f.named,
        retval: f.retval,
    });
}

/// `event.listens_for(target, identifier, propagate=False, once=False,
/// named=False)`: a decorator.
pub fn listens_for(_: &mut Interp, mut a: Args) -> Result<Value> {
    let flags = take_flags(&mut a);
    let kw = kw_names(&a);
    a.count(2, 2)?;
    Ok(Value::obj(ListensFor {
        target: a.pos[0].clone(),
        identifier: a.pos[1].clone(),
        kw,
        flags,
    }))
}

/// `event.listen(target, identifier, fn, propagate=False, once=False,
/// named=False)`.
pub fn listen(me: &mut Interp, mut a: Args) -> Result<Value> {
    let flags = take_flags(&mut a);
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
    let (target, event) = check(&a.pos[0], &a.pos[1], &names)?;
    register(me, target, event, a.pos[2].clone(), &flags);
    Ok(Value::None)
}

/// `event.remove(target, identifier, fn)` (SQLAlchemy's): the listener
/// registered so is taken away; none is `InvalidRequestError`.
pub fn remove(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(3, 3)?;
    let (target, event) = check(&a.pos[0], &a.pos[1], &[])?;
    let f = &a.pos[2];
    let at = me
        .listeners
        .iter()
        .position(|l| l.same_target(&target) && l.event == event && l.func.py_is(f));
    match at {
        Some(i) => {
            me.listeners.remove(i);
            Ok(Value::None)
        }
        None => Err(Error::new(
            ErrorKind::InvalidRequestError,
            format!(
                "No listeners found for event {} / '{event}' / {} ",
                me.repr_value(&a.pos[0])?,
                me.repr_value(f)?
            ),
        )
        .with_help("remove takes the target, event name and function given to listen()")),
    }
}

/// Calling what `listens_for` made with the function: registered, and
/// given back.
pub fn apply(me: &mut Interp, l: &ListensFor, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let (target, event) = check(&l.target, &l.identifier, &l.kw)?;
    let func = a.pos[0].clone();
    register(me, target, event, func.clone(), &l.flags);
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
            let calls: Vec<Call> = (self.listeners.iter())
                .filter(|l| &*l.event == event && l.runs_for(&inst.model))
                .map(|l| (l.func.clone(), l.named, l.once.clone()))
                .collect();
            for (f, named, once) in calls {
                if let Some(ran) = &once {
                    if ran.get() {
                        continue;
                    }
                    ran.set(true);
                }
                let mapper = Value::obj(crate::eval::surface::mapper::Mapper(inst.model.clone()));
                self.session.autobegin();
                let connection = Value::obj(crate::eval::surface::connection::SessionConnection);
                let args = vec![mapper, connection, Value::Obj(inst.clone())];
                let args = match named {
                    false => Args::new(event, args),
                    true => {
                        let mut a = Args::new(event, Vec::new());
                        let names = ["mapper", "connection", "target"];
                        a.kw = (names.iter().zip(args))
                            .map(|(k, v)| (Rc::from(*k), v, Default::default()))
                            .collect();
                        a
                    }
                };
                self.call(&f, args)?;
            }
        }
        Ok(())
    }
}
