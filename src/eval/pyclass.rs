//! Python classes that are not models: `class Config:` with class
//! attributes (`Config.SQLALCHEMY_DATABASE_URI`), `class Point:` with
//! `__init__`, methods, `@property`, `@staticmethod`, `@classmethod`,
//! single inheritance from another such class, and enum classes
//! (`class Status(enum.Enum)`, their members in `eval::pyenum`). The
//! class body runs in a namespace of its own, as CPython runs it; its
//! `def`s are made as a model's methods are (`Function` with an owner),
//! bound when read from an instance (`BoundFunction`). A base that is a
//! model or a declarative base is refused as the parser refuses it
//! (`syntax::typed_class::bases_error`). Their class tables are in
//! `surface::pyclass`.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::methods::BoundFunction;
use crate::eval::pyenum::EnumKind;
use crate::syntax::ast::{ClassDef, ExprKind};
use crate::value::{Object, Value};

/// A class's or an object's attributes, in the order they were bound.
pub type Dict = RefCell<Vec<(Rc<str>, Value)>>;

/// The class a method was defined in, set once the class is made
/// (weak: the class holds its methods).
pub type ClassCell = Rc<RefCell<Weak<PyClass>>>;

/// A Python class made by a `class` statement (CPython's `type`).
pub struct PyClass {
    pub name: Rc<str>,
    pub base: Option<Rc<PyClass>>,
    pub dict: Dict,
    /// An enum class (or one of `enum`'s own base classes): how its
    /// members behave.
    pub enum_kind: Option<EnumKind>,
    /// An enum class's members, in definition order (`list(Status)`).
    pub members: RefCell<Vec<Value>>,
    /// The class's docstring.
    pub doc: Option<Rc<str>>,
    /// The `class` statement and the text its spans point into, for a
    /// class a model may take as a mixin (`eval::mixins`).
    pub statement: Option<(Rc<ClassDef>, Rc<str>)>,
}

impl Object for PyClass {
    fn type_name(&self) -> &str {
        if self.enum_kind.is_some() {
            "EnumType"
        } else {
            "type"
        }
    }
    fn take_values(&mut self) -> Vec<Value> {
        let mut out: Vec<Value> = std::mem::take(self.dict.get_mut())
            .into_iter()
            .map(|(_, v)| v)
            .collect();
        out.append(self.members.get_mut());
        out
    }
}

/// An instance of a `PyClass` (`Point(1, 2)`).
pub struct PyObject {
    pub class: Rc<PyClass>,
    pub dict: Dict,
}

impl Object for PyObject {
    fn type_name(&self) -> &str {
        &self.class.name
    }
    fn take_values(&mut self) -> Vec<Value> {
        std::mem::take(self.dict.get_mut())
            .into_iter()
            .map(|(_, v)| v)
            .collect()
    }
}

/// How a `def` in a class body is read: `@staticmethod`, `@classmethod`,
/// `@property`.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum DescrKind {
    Static,
    Class,
    Property,
}

/// A class-body function under one of Python's built-in decorators.
pub struct Descriptor {
    pub kind: DescrKind,
    pub func: Value,
}

impl Object for Descriptor {
    fn type_name(&self) -> &str {
        match self.kind {
            DescrKind::Static => "staticmethod",
            DescrKind::Class => "classmethod",
            DescrKind::Property => "property",
        }
    }
    fn take_values(&mut self) -> Vec<Value> {
        vec![std::mem::replace(&mut self.func, Value::None)]
    }
}

/// `name` in a dict.
pub fn dict_get(d: &Dict, name: &str) -> Option<Value> {
    d.borrow()
        .iter()
        .find(|(n, _)| &**n == name)
        .map(|(_, v)| v.clone())
}

/// Bind `name` in a dict (replacing, or appended).
pub fn dict_set(d: &Dict, name: Rc<str>, v: Value) {
    let mut d = d.borrow_mut();
    match d.iter_mut().find(|(n, _)| *n == name) {
        Some(slot) => slot.1 = v,
        None => d.push((name, v)),
    }
}

impl PyClass {
    /// `name` in this class or a base (Python's MRO, single inheritance).
    pub fn lookup(&self, name: &str) -> Option<Value> {
        dict_get(&self.dict, name).or_else(|| self.base.as_ref().and_then(|b| b.lookup(name)))
    }

    /// Is this class `other` or one of its subclasses?
    pub fn is_subclass_of(&self, other: &PyClass) -> bool {
        std::ptr::eq(self, other)
            || self.base.as_ref().is_some_and(|b| b.is_subclass_of(other))
            // `IntEnum` and `StrEnum` are `Enum`s too.
            || (other.base.is_none()
                && other.enum_kind == Some(EnumKind::Enum)
                && self.enum_kind.is_some())
    }

    /// Every attribute name, own first, then the bases' (for `dir`).
    pub fn names(&self) -> Vec<Rc<str>> {
        let mut out: Vec<Rc<str>> = self.dict.borrow().iter().map(|(n, _)| n.clone()).collect();
        if let Some(b) = &self.base {
            for n in b.names() {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        }
        out
    }

    /// An enum class of its own members (not `enum.Enum` itself).
    pub fn is_enum(&self) -> bool {
        self.enum_kind.is_some()
    }
}

/// What a class attribute is when read from `recv` (an instance, or the
/// class itself when `recv` is None): a function bound to the instance, a
/// class method bound to the class, a property's value, else itself.
pub fn bind_attr(
    me: &mut Interp,
    class: &Rc<PyClass>,
    recv: Option<&Value>,
    v: Value,
) -> Result<Value> {
    if let Some(d) = v.downcast::<Descriptor>() {
        return match (d.kind, recv) {
            (DescrKind::Static, _) => Ok(d.func.clone()),
            (DescrKind::Class, _) => Ok(Value::obj(BoundFunction {
                recv: Value::Obj(class.clone()),
                func: d.func.clone(),
            })),
            (DescrKind::Property, Some(obj)) => {
                me.call(&d.func, Args::new("property", vec![obj.clone()]))
            }
            (DescrKind::Property, None) => Ok(v.clone()),
        };
    }
    if let (Some(p), Some(obj)) = (v.downcast::<crate::eval::property_obj::Property>(), recv) {
        // `x = property(gx)` in the class body: read through its getter.
        if matches!(p.fget, Value::None) {
            return Err(Error::attr(format!(
                "property of '{}' object has no getter",
                class.name
            )));
        }
        return me.call(&p.fget, Args::new("property", vec![obj.clone()]));
    }
    match recv {
        Some(obj) if v.is::<crate::eval::function::Function>() => Ok(Value::obj(BoundFunction {
            recv: obj.clone(),
            func: v,
        })),
        _ => Ok(v),
    }
}

/// The data type of a `class C(str, enum.Enum)` mixin: `str` or `int`
/// (None for any other value).
fn data_mixin(v: &Value) -> Option<String> {
    crate::eval::pytypes::class_name(v).filter(|n| n == "str" || n == "int")
}

/// A `str`/`int` base where ormsh has no subclass of it: only an enum
/// class mixes one in (`class Shade(str, enum.Enum)`).
fn mixin_refused(name: &str, mixin: &str, at: crate::syntax::span::Span) -> Error {
    Error::new(
        crate::error::ErrorKind::NotImplementedError,
        format!(
            "ormsh cannot define a subclass of {mixin} except as an enum's data type: {name} has no enum base (or another data type)"
        ),
    )
    .at(at)
    .with_help(format!(
        "mix {mixin} into an enum, class {name}({mixin}, enum.Enum):, or keep the {mixin} in an attribute"
    ))
}

/// The bases' error for a class whose base is a model (or anything that
/// is not a plain class): as the parser words it.
fn refused_base(def: &ClassDef) -> Error {
    let span = match (def.bases.first(), def.bases.last()) {
        (Some(a), Some(b)) => a.span.to(b.span),
        _ => def.name.span,
    };
    crate::syntax::bases_error(&def.name, &def.bases, span)
}

/// `class B(db2.Model):` — `Model` of a `SQLAlchemy()` bound to a name
/// other than `db`. In Flask-SQLAlchemy a second `SQLAlchemy` object has
/// its own `MetaData` and answers queries only in the context of a Flask
/// app it was `init_app`ed on; ormsh has one, `db`, and reads a class
/// body as a model's only under `db.Model` (or a declarative base).
fn other_db_model(def: &ClassDef, b: &crate::syntax::ast::Expr) -> Error {
    let name = match &b.kind {
        ExprKind::Attr { value, .. } => match &value.kind {
            ExprKind::Name(n) => n.to_string(),
            _ => "it".to_string(),
        },
        _ => "it".to_string(),
    };
    Error::new(
        crate::error::ErrorKind::NotImplementedError,
        format!(
            "ormsh has one SQLAlchemy object, db, and defines models only as class {}(db.Model): — {name}.Model is the Model of a SQLAlchemy() bound to another name (a second SQLAlchemy object, with a MetaData of its own and an init_app of its own, is not supported)",
            def.name.name
        ),
    )
    .at(b.span)
    .with_help(format!(
        "the one extension is db: write class {}(db.Model): (if {name} is your only SQLAlchemy(), bind it as db: db = {name})",
        def.name.name
    ))
}

impl Interp {
    /// `class Name[(bases)]: body` that is not a model: the class, bound
    /// to its name.
    pub(crate) fn define_class(&mut self, def: &Rc<ClassDef>) -> Result<()> {
        // An exception class (`class NotFoundError(Exception)`); any
        // error naming the base is the loop's below.
        if let [b] = def.bases.as_slice()
            && let Ok(v) = self.eval(b)
            && crate::eval::user_exc::is_exception_class(&v)
        {
            return self.define_exception_class(def, &v);
        }
        if def.bases.len() > 1
            && let Some(b) = def.bases.iter().find(|b| {
                self.eval(b)
                    .is_ok_and(|v| crate::eval::user_exc::is_exception_class(&v))
            })
        {
            return Err(crate::eval::user_exc::several_bases(&def.name.name).at(b.span));
        }
        let mut base: Option<Rc<PyClass>> = None;
        let mut mixin: Option<(String, crate::syntax::span::Span)> = None;
        for b in &def.bases {
            // Python's `object` adds nothing (ormsh has no value for it).
            let v = match &b.kind {
                ExprKind::Name(n) if &**n == "object" => match self.eval(b) {
                    Ok(v) => v,
                    Err(_) => continue,
                },
                _ => self.eval(b)?,
            };
            if let Some(c) = v.downcast::<PyClass>() {
                if base.is_some() {
                    return Err(Error::new(
                        crate::error::ErrorKind::NotImplementedError,
                        format!(
                            "ormsh's classes take one base class; {} names several",
                            def.name.name
                        ),
                    )
                    .at(b.span)
                    .with_help("keep one base, or copy the other's attributes into the class"));
                }
                if c.is_enum() && !c.members.borrow().is_empty() {
                    return Err(Error::type_(format!(
                        "{}: cannot extend {}",
                        def.name.name,
                        crate::eval::pyenum::class_repr(&c)
                    ))
                    .at(b.span));
                }
                base = Some(c);
            } else if let Some(m) = data_mixin(&v) {
                mixin = Some((m, b.span));
            } else if v.is::<crate::eval::model_base::ModelBase>() {
                return Err(other_db_model(def, b));
            } else if !is_object(&v) {
                // A declarative base's subclass read as a plain class: its
                // body is not a model's (the parser's error for it).
                if def.bases.len() == 1
                    && v.is::<crate::eval::mapped::DeclarativeBaseClass>()
                    && let Some(e) = crate::syntax::model_body_error(def)
                {
                    return Err(e);
                }
                return Err(refused_base(def));
            }
        }
        let enum_kind = match (base.as_ref().and_then(|b| b.enum_kind), mixin) {
            (kind, None) => kind,
            (kind, Some((m, at))) => Some(
                kind.and_then(|k| k.mixed(&m))
                    .ok_or_else(|| mixin_refused(&def.name.name, &m, at))?,
            ),
        };
        let cell: ClassCell = Rc::new(RefCell::new(Weak::new()));
        let dict = self.run_class_body(def, &cell)?;
        let doc = crate::eval::pyclass_body::class_doc(&def.body);
        let class = Rc::new(PyClass {
            name: def.name.name.clone(),
            base,
            dict: RefCell::new(Vec::new()),
            enum_kind,
            members: RefCell::new(Vec::new()),
            doc,
            statement: Some((def.clone(), self.source.clone())),
        });
        *cell.borrow_mut() = Rc::downgrade(&class);
        if self.locals.is_empty() {
            self.class_defined(&def.name.name);
        }
        if enum_kind.is_some() {
            crate::eval::pyenum::make_members(self, &class, dict)?;
        } else {
            *class.dict.borrow_mut() = dict;
        }
        let mut made = Value::Obj(class);
        // `@enum.unique` and other decorators, innermost first.
        let decorators = def
            .decorators
            .iter()
            .map(|d| self.eval(d))
            .collect::<Result<Vec<_>>>()?;
        for (d, at) in decorators.iter().zip(&def.decorators).rev() {
            made = self
                .call(d, Args::new("decorator", vec![made]))
                .map_err(|e| e.at(at.span))?;
        }
        self.set_name(def.name.name.clone(), made);
        Ok(())
    }

    /// `Point(1, 2)`: a new object, its `__init__` run; an enum class
    /// looks its member up by value (`Status('active')`).
    pub(crate) fn call_class(&mut self, class: &Rc<PyClass>, a: Args) -> Result<Value> {
        if class.is_enum() {
            return crate::eval::pyenum::by_value(self, class, a);
        }
        let obj = Value::obj(PyObject {
            class: class.clone(),
            dict: RefCell::new(Vec::new()),
        });
        match class.lookup("__init__") {
            Some(init) => {
                let bound = bind_attr(self, class, Some(&obj), init)?;
                let r = self.call(&bound, a)?;
                if !matches!(r, Value::None) {
                    return Err(Error::type_(format!(
                        "__init__() should return None, not '{}'",
                        r.type_name()
                    )));
                }
            }
            None if !a.pos.is_empty() || !a.kw.is_empty() => {
                return Err(Error::type_(format!("{}() takes no arguments", class.name)));
            }
            None => {}
        }
        Ok(obj)
    }

    /// `obj.name = v` on a plain object (its own dict) or `Class.name = v`.
    pub(crate) fn set_pyclass_attr(
        &mut self,
        obj: &Value,
        name: &str,
        v: Value,
    ) -> Option<Result<()>> {
        if let Some(o) = obj.downcast::<PyObject>() {
            if let Some(d) = o
                .class
                .lookup(name)
                .and_then(|c| c.downcast::<Descriptor>())
                && d.kind == DescrKind::Property
            {
                return Some(Err(Error::attr(format!(
                    "property '{name}' of '{}' object has no setter",
                    o.class.name
                ))));
            }
            dict_set(&o.dict, Rc::from(name), v);
            return Some(Ok(()));
        }
        if let Some(c) = obj.downcast::<PyClass>() {
            if c.is_enum()
                && c.members
                    .borrow()
                    .iter()
                    .any(|m| crate::eval::pyenum::member_name(m) == Some(name))
            {
                return Some(Err(Error::attr(format!("cannot reassign member '{name}'"))));
            }
            dict_set(&c.dict, Rc::from(name), v);
            return Some(Ok(()));
        }
        if obj.is::<crate::eval::pyenum::EnumMember>() {
            return Some(Err(Error::attr(format!(
                "cannot set attribute '{name}' of an enum member"
            ))));
        }
        None
    }
}

/// Is a class whose one base has the value `v` a plain class (not a
/// model: `v` is neither a declarative base nor a model)? Other values
/// than classes are refused by `define_class`.
pub fn is_plain_base(v: &Value) -> bool {
    !(v.is::<crate::schema::model::Model>() || v.is::<crate::eval::mapped::DeclarativeBaseClass>())
}

/// Is `v` Python's `object` (a base that adds nothing)?
fn is_object(v: &Value) -> bool {
    crate::eval::pytypes::class_name(v).as_deref() == Some("object")
}

/// `<class '__main__.Config'>`, `<enum 'Status'>`.
pub fn class_repr(c: &PyClass) -> String {
    if c.is_enum() {
        crate::eval::pyenum::class_repr(c)
    } else {
        format!("<class '__main__.{}'>", c.name)
    }
}

/// A weak reference to a class, for its members (which the class holds).
pub fn weak(c: &Rc<PyClass>) -> Weak<PyClass> {
    Rc::downgrade(c)
}
