//! The attribute rules of the declaration check (`persist::declare_names`):
//! the attributes a declaration may never name (`EFFECT_ATTRS`), the
//! dunder members a model block may declare and Python's data-model names
//! it may not set, and which `_`-prefixed attributes it may read.

use crate::syntax::ast::{Expr, ExprKind};

/// Attributes that reach the session, the engine or the application, or
/// change objects; never part of a declaration.
pub(super) const EFFECT_ATTRS: &[&str] = &[
    "session",
    "engine",
    "query",
    "query_class",
    "registry",
    "bind",
    "get_bind",
    "execute",
    "connection",
    "connect",
    "raw_connection",
    "create_all",
    "drop_all",
    "reflect",
    "select",
    "paginate",
    "get_or_404",
    "first_or_404",
    "one_or_404",
    "init_app",
    "app",
    "add",
    "add_all",
    "delete",
    "merge",
    "expunge",
    "expunge_all",
    "commit",
    "rollback",
    "flush",
    "refresh",
    "expire",
    "expire_all",
    "close",
    "scalar",
    "scalars",
    "format_map",
    "discard",
];

/// The members starting with `__` a model block may declare (a class
/// body's `def __repr__`/`def __str__` are stored as members too).
pub(super) const SPECIAL_MEMBERS: &[&str] = &[
    "__tablename__",
    "__table_args__",
    "__bind_key__",
    "__abstract__",
    "__doc__",
    "__repr__",
    "__str__",
];

/// Python's data-model names: a class attribute of one of these changes
/// how the class or its objects behave, so a stored model may not set it.
pub(super) const PYTHON_SPECIAL: &[&str] = &[
    "__init__",
    "__new__",
    "__del__",
    "__init_subclass__",
    "__class_getitem__",
    "__set_name__",
    "__getattr__",
    "__getattribute__",
    "__setattr__",
    "__delattr__",
    "__get__",
    "__set__",
    "__delete__",
    "__call__",
    "__eq__",
    "__ne__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__hash__",
    "__bool__",
    "__len__",
    "__iter__",
    "__next__",
    "__contains__",
    "__getitem__",
    "__setitem__",
    "__delitem__",
    "__format__",
    "__enter__",
    "__exit__",
    "__class__",
    "__dict__",
    "__slots__",
    "__module__",
    "__qualname__",
    "__mapper__",
    "__table__",
    "__mapper_cls__",
];

/// Attributes starting with `_` a declaration may read: single-underscore
/// names (a private column, `self._secret`) and the class's names, but
/// not Python's other dunders (`__class__` only as `x.__class__.__name__`,
/// `class_name_of`) nor SQLAlchemy's `_sa_` state.
pub(super) fn underscore_attr_allowed(attr: &str) -> bool {
    if attr.starts_with("__") {
        return matches!(attr, "__tablename__" | "__name__" | "__qualname__");
    }
    !attr.starts_with("_sa_")
}

/// `X.__class__.__name__` (or `__qualname__`): the class's name, the one
/// use of `__class__` a declaration may make.
pub(super) fn class_name_of<'a>(value: &'a Expr, attr: &str) -> Option<&'a Expr> {
    if !matches!(attr, "__name__" | "__qualname__") {
        return None;
    }
    match &value.kind {
        ExprKind::Attr { value: x, attr: c } if &*c.name == "__class__" => Some(x),
        _ => None,
    }
}
