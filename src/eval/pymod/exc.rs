//! Exception classes as values, and the one table of their hierarchy:
//! `from sqlalchemy.exc import IntegrityError` binds one, `except
//! IntegrityError:` asks it whether it [`ExcClass::catches`] an error of
//! some kind, `isinstance`/`issubclass` ask [`is_subclass`]. The classes
//! and their bases are Python's, SQLAlchemy's, `sqlite3`'s, `decimal`'s
//! and Werkzeug's own (read from the reference's `__bases__`), so `except
//! SQLAlchemyError` catches an `IntegrityError` and `except LookupError` a
//! `KeyError`, as in Python. Every `ErrorKind` names a class here.

use crate::error::ErrorKind;
use crate::value::{Object, Value};

use super::exc_table::CLASSES;

/// An exception class.
pub struct ExcClass {
    pub name: &'static str,
    pub module: &'static str,
}

impl Object for ExcClass {
    fn type_name(&self) -> &str {
        "type"
    }
}

impl ExcClass {
    /// `sqlalchemy.exc.IntegrityError`, or `ValueError` for a built-in.
    pub fn qualified(&self) -> String {
        if self.module == "builtins" {
            self.name.to_string()
        } else {
            format!("{}.{}", self.module, self.name)
        }
    }

    /// Does `except ThisClass:` catch an error of `kind` (the class itself
    /// or one of its subclasses, as Python's `isinstance`)?
    pub fn catches(&self, kind: ErrorKind) -> bool {
        match row_of_kind(kind) {
            Some(at) => is_subclass(at, self.row()),
            None => false,
        }
    }

    /// This class's row in the table.
    pub fn row(&self) -> usize {
        (CLASSES.iter())
            .position(|(n, m, _)| *n == self.name && *m == self.module)
            .unwrap_or(0)
    }
}

/// The row of the class an error of `kind` is (SQLAlchemy's module first,
/// so `IntegrityError` is `sqlalchemy.exc`'s, not `sqlite3`'s).
pub fn row_of_kind(kind: ErrorKind) -> Option<usize> {
    let name = match kind {
        ErrorKind::Interrupted => "KeyboardInterrupt",
        k => k.name(),
    };
    (CLASSES.iter()).position(|(n, m, _)| *n == name && *m != "sqlite3")
}

/// The kind an error of the class in row `at` has: its own, or (for a
/// class ormsh raises only from Python code) `ErrorKind::Raised`.
pub fn kind_of_row(at: usize) -> ErrorKind {
    let (name, _, _) = CLASSES[at];
    crate::error::ErrorKind::named(name).unwrap_or(ErrorKind::Raised(name))
}

/// Is the class of row `sub` the class of row `sup` or a subclass of it
/// (through any of its bases, as Python's MRO)?
pub fn is_subclass(sub: usize, sup: usize) -> bool {
    let mut todo = vec![sub];
    // The graph is a small DAG; the bound keeps a mistake from looping.
    for _ in 0..CLASSES.len() * 4 {
        let Some(at) = todo.pop() else { return false };
        if at == sup {
            return true;
        }
        let (_, module, bases) = CLASSES[at];
        for b in bases.split(' ').filter(|b| !b.is_empty()) {
            if let Some(k) = base_row(b, module) {
                todo.push(k);
            }
        }
    }
    false
}

/// A base named in `module`'s row: that module's class of the name, else
/// the built-in one.
fn base_row(name: &str, module: &str) -> Option<usize> {
    // A base named with its module (`psycopg2.IntegrityError`).
    if name.contains('.') {
        return driver_row(name);
    }
    (CLASSES.iter())
        .position(|(n, m, _)| *n == name && *m == module)
        .or_else(|| (CLASSES.iter()).position(|(n, m, _)| *n == name && *m == "builtins"))
        .or_else(|| (CLASSES.iter()).position(|(n, _, _)| *n == name))
}

/// The class `module.name` (`sqlalchemy.orm.exc` also has SQLAlchemy's
/// `NoResultFound` and `MultipleResultsFound`, as it does in SQLAlchemy).
pub fn lookup(module: &str, name: &str) -> Option<Value> {
    let reexported =
        module == "sqlalchemy.orm.exc" && matches!(name, "NoResultFound" | "MultipleResultsFound");
    let at = (CLASSES.iter()).position(|(n, m, _)| *n == name && (*m == module || reexported))?;
    Some(class_at(at))
}

/// The class of row `at`: one object per class, as in Python
/// (`exc.IntegrityError is sqlalchemy.exc.IntegrityError`).
pub fn class_at(at: usize) -> Value {
    thread_local! {
        static MADE: std::cell::RefCell<Vec<Option<Value>>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    MADE.with(|made| {
        let mut made = made.borrow_mut();
        if made.len() < CLASSES.len() {
            made.resize(CLASSES.len(), None);
        }
        made[at]
            .get_or_insert_with(|| {
                let (name, module, _) = CLASSES[at];
                Value::obj(ExcClass { name, module })
            })
            .clone()
    })
}

/// The name and module of row `at`.
pub fn row_names(at: usize) -> (&'static str, &'static str) {
    (CLASSES[at].0, CLASSES[at].1)
}

/// The row of `sqlite3`'s class of this name (a DBAPI error's `e.orig`).
pub fn sqlite3_row(name: &str) -> Option<usize> {
    (CLASSES.iter()).position(|(n, m, _)| *n == name && *m == "sqlite3")
}

/// The row of a driver's class named with its module
/// (`psycopg2.errors.UniqueViolation`, `psycopg2.IntegrityError`).
pub fn driver_row(qualified: &str) -> Option<usize> {
    let (module, name) = qualified.rsplit_once('.')?;
    (CLASSES.iter()).position(|(n, m, _)| *n == name && *m == module)
}

/// A built-in exception class by name (`ValueError`, `KeyError`, …).
pub fn builtin(name: &str) -> Option<Value> {
    lookup("builtins", name)
}
