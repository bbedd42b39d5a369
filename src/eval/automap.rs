//! SQLAlchemy's automap as a Flask user pastes it:
//! `from sqlalchemy.ext.automap import automap_base`, `Base =
//! automap_base()`, `Base.prepare(autoload_with=db.engine)`, then
//! `Base.classes.user`, `Base.classes['user']`, `Base.classes.keys()`.
//! `prepare` maps each table of the file with a primary key to a class
//! named as the table, as `automap`'s defaults name them
//! (`classname_for_table`: the table name; `name_for_scalar_relationship`:
//! the referred class's name in lower case; `name_for_collection_relationship`:
//! the other class's name in lower case with `_collection`), a table of
//! exactly two foreign keys and nothing else becoming a many-to-many
//! (`_is_many_to_many`). The classes are ormsh models (`Model::automap`)
//! beside the ones ormsh reflected at open, which stay; they are not
//! stored with the file. Their objects have Python's default repr and the
//! classes no `query` or `__tablename__`, as automap's base is not
//! Flask-SQLAlchemy's `db.Model`. The source each class is defined from is
//! written by `automap_source`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::{Class, Member, Sig};
use crate::value::{Object, Value};

/// The base `automap_base()` returns: the names of the classes its
/// `prepare()` mapped.
pub struct AutomapBase {
    classes: RefCell<Vec<Rc<str>>>,
}

impl Object for AutomapBase {
    fn type_name(&self) -> &str {
        "DeclarativeMeta"
    }
}

/// `Base.classes`: SQLAlchemy's `Properties` of the mapped classes, by
/// name, in the order `prepare()` mapped them.
pub struct AutomapClasses {
    names: Vec<Rc<str>>,
}

impl Object for AutomapClasses {
    fn type_name(&self) -> &str {
        "Properties"
    }

    fn py_len(&self) -> Option<usize> {
        Some(self.names.len())
    }
}

/// `automap_base(declarative_base=None, metadata=None)` (SQLAlchemy's
/// `sqlalchemy.ext.automap.automap_base`): `metadata=` is taken (the
/// classes are the file's tables whichever it is); a declarative base of
/// one's own is refused.
pub fn automap_base(_: &mut Interp, mut a: Args) -> Result<Value> {
    const SIG: Sig = Sig::kw(&["declarative_base", "metadata"]);
    a.bind("automap_base", &SIG)?;
    let base = a.arg(0, "declarative_base");
    a.take_kw("metadata");
    a.count(0, 1)?;
    if base.is_some_and(|b| !matches!(b, Value::None)) {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            "automap_base(declarative_base=…) is not supported by ormsh: its classes are made on automap's own base",
        )
        .at(a.span)
        .with_help("write Base = automap_base(), then Base.prepare(autoload_with=db.engine)"));
    }
    Ok(Value::obj(AutomapBase {
        classes: RefCell::new(Vec::new()),
    }))
}

/// `Base.prepare(autoload_with=db.engine)` (SQLAlchemy's
/// `AutomapBase.prepare`): reflect the file's tables and map a class for
/// each (see the module's header). Called again, it maps the tables that
/// have no class yet.
fn prepare(me: &mut Interp, base: &Rc<AutomapBase>, mut a: Args) -> Result<Value> {
    let engine = a.take_kw("autoload_with");
    a.take_kw("reflect");
    a.count(0, 0)?;
    let Some(engine) = engine.filter(|e| !matches!(e, Value::None)) else {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            "Base.prepare() without autoload_with= is not supported by ormsh: its classes come from reflecting the file",
        )
        .at(a.span)
        .with_help("write Base.prepare(autoload_with=db.engine)"));
    };
    let is_engine = engine
        .downcast::<crate::eval::objects::Namespace>()
        .is_some_and(|n| n.0 == crate::eval::objects::Ns::Engine);
    if !is_engine {
        return Err(Error::type_(format!(
            "autoload_with must be db.engine, not {}",
            engine.type_name()
        ))
        .at(a.span));
    }
    let made = crate::eval::automap_source::prepare(me)?;
    let mut classes = base.classes.borrow_mut();
    for name in made {
        if !classes.contains(&name) {
            classes.push(name);
        }
    }
    Ok(Value::None)
}

fn classes(_: &mut Interp, base: &Rc<AutomapBase>) -> Result<Value> {
    Ok(Value::obj(AutomapClasses {
        names: base.classes.borrow().clone(),
    }))
}

fn metadata(_: &mut Interp, _: &Rc<AutomapBase>) -> Result<Value> {
    Ok(Interp::namespace(crate::eval::objects::Ns::Metadata))
}

/// `automap_base()`'s class table.
pub static AUTOMAP_BASE: Class<Rc<AutomapBase>> = Class::new(
    "DeclarativeMeta",
    &[
        Member::method(
            "prepare",
            prepare,
            Sig::kw(&["autoload_with", "reflect"]),
            "map a class for each table of the file: prepare(autoload_with=db.engine)",
        ),
        Member::attr(
            "classes",
            classes,
            "the mapped classes by name: Base.classes.user, Base.classes['user']",
        ),
        Member::attr("metadata", metadata, "the tables' MetaData"),
    ],
);

/// The class named `name` among `names`, from the registry.
fn class_named(me: &Interp, names: &[Rc<str>], name: &str) -> Option<Value> {
    if !names.iter().any(|n| &**n == name) {
        return None;
    }
    let m = me.registry.get(name)?;
    Some(Value::Obj(m.clone()))
}

fn keys(_: &mut Interp, c: &Rc<AutomapClasses>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::list(c.names.iter().map(|n| Value::str(n)).collect()))
}

fn values(me: &mut Interp, c: &Rc<AutomapClasses>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::list(
        (c.names.iter())
            .filter_map(|n| class_named(me, &c.names, n))
            .collect(),
    ))
}

fn items(me: &mut Interp, c: &Rc<AutomapClasses>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::list(
        (c.names.iter())
            .filter_map(|n| {
                let v = class_named(me, &c.names, n)?;
                Some(Value::tuple(vec![Value::str(n), v]))
            })
            .collect(),
    ))
}

/// `Base.classes['user']`: the class, or `KeyError` as `Properties`
/// raises it.
pub fn get_item(me: &mut Interp, c: &AutomapClasses, key: &Value) -> Result<Value> {
    let found = key.as_str().and_then(|k| class_named(me, &c.names, k));
    found.ok_or_else(|| {
        let shown = crate::value::repr::repr(key, me).unwrap_or_default();
        crate::value::exc_args::key_error(key.clone(), shown)
    })
}

/// The classes, for iteration (`list(Base.classes)`).
pub fn class_values(me: &Interp, c: &AutomapClasses) -> Vec<Value> {
    (c.names.iter())
        .filter_map(|n| class_named(me, &c.names, n))
        .collect()
}

fn dynamic(me: &mut Interp, c: &Rc<AutomapClasses>, name: &str) -> Option<Result<Value>> {
    class_named(me, &c.names, name).map(Ok)
}

fn dynamic_names(_: &mut Interp, c: &Rc<AutomapClasses>) -> Vec<Rc<str>> {
    c.names.clone()
}

/// `Base.classes`' class table: the classes as attributes, `keys()`,
/// `values()`, `items()`; a missing name is `AttributeError: NAME`, as
/// `Properties.__getattr__` raises it.
pub static AUTOMAP_CLASSES: Class<Rc<AutomapClasses>> = Class::new(
    "Properties",
    &[
        Member::method("keys", keys, Sig::NONE, "the class names"),
        Member::method("values", values, Sig::NONE, "the classes"),
        Member::method("items", items, Sig::NONE, "(name, class) pairs"),
    ],
)
.with_dynamic_first(dynamic, dynamic_names)
.with_missing(|_, _, name, _| Error::attr(name.to_string()));
