//! A model's methods (the `def`s of a `class` body): plain methods,
//! `@property` (with its `@x.setter`), `@staticmethod` and `@classmethod`,
//! each a function value made when the class was defined; the
//! `@validates` methods by attribute; and the methods left out of the
//! class, with why (reading one says so).

use std::cell::RefCell;
use std::rc::Rc;

use crate::value::Value;

/// How a method is reached, as its decorator says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodKind {
    /// `def m(self, …)`: bound to the object it is read from.
    Method,
    /// `@property`: called when read from an object.
    Property,
    /// `@staticmethod`: the plain function.
    Static,
    /// `@classmethod`: bound to the model.
    Class,
    /// `@hybrid_property` (`sqlalchemy.ext.hybrid`): a property on an
    /// object, an expression on the model (its `@name.expression`, else
    /// the getter run with the model as `self`).
    Hybrid,
    /// `@hybrid_method` (`sqlalchemy.ext.hybrid`): a method on an object
    /// (run in Python), a method of the model building SQL (its
    /// `@name.expression`, else the function with the model as `self`).
    HybridMethod,
}

/// One method of a model.
#[derive(Clone)]
pub struct ModelMethod {
    pub name: Rc<str>,
    pub kind: MethodKind,
    /// The function `def` made (`eval::function::Function`).
    pub func: Value,
    /// A property's `@name.setter`.
    pub setter: Option<Value>,
    /// A hybrid property's `@name.expression` (called with the model).
    pub expression: Option<Value>,
}

/// A model's plain class attributes, by name in definition order, shared
/// by the copies of one class.
pub type ClassAttrs = Rc<RefCell<Vec<(Rc<str>, Value)>>>;

/// A model's methods, and those left out.
#[derive(Clone, Default)]
pub struct Methods {
    pub defined: Vec<ModelMethod>,
    /// (name, why ormsh leaves it out).
    pub skipped: Vec<(Rc<str>, String)>,
    /// `@validates('attr')` methods, one per attribute.
    pub validators: Vec<Validator>,
    /// The plain mixin classes the model's class names as bases
    /// (`class User(UserMixin, db.Model)`), for `isinstance`.
    pub mixin_classes: Vec<Value>,
    /// Plain class attributes (`__searchable__ = ['body']`, `PER_PAGE =
    /// 2`, `MAX: ClassVar[int] = 5`, `Post.limit = 3` after the class),
    /// which SQLAlchemy's declarative scan leaves on the class: read from
    /// the model and its objects. Shared by the copies of one class
    /// (`Model::clone_of`).
    pub class_attrs: ClassAttrs,
}

/// `@validates('attr')` on a method (SQLAlchemy's `validates`): the method
/// called with each value set on `attr`.
#[derive(Clone)]
pub struct Validator {
    pub attr: Rc<str>,
    /// The method's name (one of `Methods::defined`).
    pub method: Rc<str>,
    /// `include_removes=True`: the method takes `is_remove` too.
    pub include_removes: bool,
}

impl Methods {
    /// The method called `name`.
    pub fn get(&self, name: &str) -> Option<&ModelMethod> {
        self.defined.iter().find(|m| &*m.name == name)
    }

    /// The plain class attribute `name` (`Methods::class_attrs`).
    pub fn class_attr(&self, name: &str) -> Option<Value> {
        (self.class_attrs.borrow().iter())
            .find(|(n, _)| &**n == name)
            .map(|(_, v)| v.clone())
    }

    /// Set the plain class attribute `name`, in place when it exists.
    pub fn set_class_attr(&self, name: &str, v: Value) {
        let mut attrs = self.class_attrs.borrow_mut();
        match attrs.iter_mut().find(|(n, _)| &**n == name) {
            Some(slot) => slot.1 = v,
            None => attrs.push((Rc::from(name), v)),
        }
    }

    /// The validator of attribute `attr`, if there is one.
    pub fn validator(&self, attr: &str) -> Option<&Validator> {
        self.validators.iter().find(|v| &*v.attr == attr)
    }

    /// Why the method `name` was left out, if it was.
    pub fn skipped(&self, name: &str) -> Option<&str> {
        (self.skipped.iter())
            .find(|(n, _)| &**n == name)
            .map(|(_, why)| why.as_str())
    }

    /// Every method's name, defined or left out.
    pub fn names(&self) -> impl Iterator<Item = &Rc<str>> {
        (self.defined.iter().map(|m| &m.name)).chain(self.skipped.iter().map(|(n, _)| n))
    }

    /// The plain class attributes' names, in definition order.
    pub fn class_attr_names(&self) -> Vec<Rc<str>> {
        (self.class_attrs.borrow().iter())
            .map(|(n, _)| n.clone())
            .collect()
    }
}
