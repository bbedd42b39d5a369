//! Exception classes as values: `from sqlalchemy.exc import IntegrityError`
//! binds one, `except IntegrityError:` (the `try` statement) asks it
//! whether it [`ExcClass::catches`] an error of some kind. The classes and
//! their bases are Python's, SQLAlchemy's and Werkzeug's own (read from the
//! reference's `__mro__`), so `except SQLAlchemyError` catches an
//! `IntegrityError` and `except LookupError` a `KeyError`, as in Python.

use crate::error::ErrorKind;
use crate::value::{Object, Value};

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
        let mut at = Some(kind.name());
        // The chains are short (at most seven classes); the bound keeps a
        // mistake in the table from looping.
        for _ in 0..CLASSES.len() {
            let Some(name) = at else { return false };
            if name == self.name {
                return true;
            }
            at = CLASSES
                .iter()
                .find(|(n, _, _)| *n == name)
                .map(|(_, _, base)| *base)
                .filter(|b| !b.is_empty());
        }
        false
    }
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
fn class_at(at: usize) -> Value {
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

/// A built-in exception class by name (`ValueError`, `KeyError`, …).
pub fn builtin(name: &str) -> Option<Value> {
    lookup("builtins", name)
}

/// (class, module, base class; "" for `BaseException`).
const CLASSES: &[(&str, &str, &str)] = &[
    ("ArithmeticError", "builtins", "Exception"),
    ("AssertionError", "builtins", "Exception"),
    ("AttributeError", "builtins", "Exception"),
    ("BaseException", "builtins", ""),
    ("BrokenPipeError", "builtins", "ConnectionError"),
    ("ConnectionError", "builtins", "OSError"),
    ("DeprecationWarning", "builtins", "Warning"),
    ("Exception", "builtins", "BaseException"),
    ("ImportError", "builtins", "Exception"),
    ("IndexError", "builtins", "LookupError"),
    ("KeyError", "builtins", "LookupError"),
    ("KeyboardInterrupt", "builtins", "BaseException"),
    ("LookupError", "builtins", "Exception"),
    ("MemoryError", "builtins", "Exception"),
    ("ModuleNotFoundError", "builtins", "ImportError"),
    ("NameError", "builtins", "Exception"),
    ("NotImplementedError", "builtins", "RuntimeError"),
    ("OSError", "builtins", "Exception"),
    ("OverflowError", "builtins", "ArithmeticError"),
    ("PendingDeprecationWarning", "builtins", "Warning"),
    ("PermissionError", "builtins", "OSError"),
    ("RecursionError", "builtins", "RuntimeError"),
    ("RuntimeError", "builtins", "Exception"),
    ("RuntimeWarning", "builtins", "Warning"),
    ("StopIteration", "builtins", "Exception"),
    ("SyntaxError", "builtins", "Exception"),
    ("TypeError", "builtins", "Exception"),
    ("UnicodeDecodeError", "builtins", "UnicodeError"),
    ("UnicodeError", "builtins", "ValueError"),
    ("ValueError", "builtins", "Exception"),
    ("Warning", "builtins", "Exception"),
    ("ZeroDivisionError", "builtins", "ArithmeticError"),
    (
        "AmbiguousColumnError",
        "sqlalchemy.exc",
        "InvalidRequestError",
    ),
    (
        "AmbiguousForeignKeysError",
        "sqlalchemy.exc",
        "ArgumentError",
    ),
    ("ArgumentError", "sqlalchemy.exc", "SQLAlchemyError"),
    ("AwaitRequired", "sqlalchemy.exc", "InvalidRequestError"),
    (
        "Base20DeprecationWarning",
        "sqlalchemy.exc",
        "SADeprecationWarning",
    ),
    (
        "CircularDependencyError",
        "sqlalchemy.exc",
        "SQLAlchemyError",
    ),
    ("CompileError", "sqlalchemy.exc", "SQLAlchemyError"),
    (
        "ConstraintColumnNotFoundError",
        "sqlalchemy.exc",
        "ArgumentError",
    ),
    ("DBAPIError", "sqlalchemy.exc", "StatementError"),
    ("DataError", "sqlalchemy.exc", "DatabaseError"),
    ("DatabaseError", "sqlalchemy.exc", "DBAPIError"),
    ("DisconnectionError", "sqlalchemy.exc", "SQLAlchemyError"),
    ("DuplicateColumnError", "sqlalchemy.exc", "ArgumentError"),
    ("EmulatedDBAPIException", "sqlalchemy.exc", "Exception"),
    ("IdentifierError", "sqlalchemy.exc", "SQLAlchemyError"),
    (
        "IllegalStateChangeError",
        "sqlalchemy.exc",
        "InvalidRequestError",
    ),
    ("IntegrityError", "sqlalchemy.exc", "DatabaseError"),
    ("InterfaceError", "sqlalchemy.exc", "DBAPIError"),
    ("InternalError", "sqlalchemy.exc", "DatabaseError"),
    ("InvalidRequestError", "sqlalchemy.exc", "SQLAlchemyError"),
    (
        "InvalidatePoolError",
        "sqlalchemy.exc",
        "DisconnectionError",
    ),
    (
        "LegacyAPIWarning",
        "sqlalchemy.exc",
        "Base20DeprecationWarning",
    ),
    ("MissingGreenlet", "sqlalchemy.exc", "InvalidRequestError"),
    (
        "MovedIn20Warning",
        "sqlalchemy.exc",
        "Base20DeprecationWarning",
    ),
    (
        "MultipleResultsFound",
        "sqlalchemy.exc",
        "InvalidRequestError",
    ),
    ("NoDBAPILoaded", "sqlalchemy.exc", "InvalidRequestError"),
    ("NoForeignKeysError", "sqlalchemy.exc", "ArgumentError"),
    (
        "NoInspectionAvailable",
        "sqlalchemy.exc",
        "InvalidRequestError",
    ),
    ("NoReferenceError", "sqlalchemy.exc", "InvalidRequestError"),
    (
        "NoReferencedColumnError",
        "sqlalchemy.exc",
        "NoReferenceError",
    ),
    (
        "NoReferencedTableError",
        "sqlalchemy.exc",
        "NoReferenceError",
    ),
    ("NoResultFound", "sqlalchemy.exc", "InvalidRequestError"),
    ("NoSuchColumnError", "sqlalchemy.exc", "InvalidRequestError"),
    ("NoSuchModuleError", "sqlalchemy.exc", "ArgumentError"),
    ("NoSuchTableError", "sqlalchemy.exc", "InvalidRequestError"),
    ("NotSupportedError", "sqlalchemy.exc", "DatabaseError"),
    (
        "ObjectNotExecutableError",
        "sqlalchemy.exc",
        "ArgumentError",
    ),
    ("OperationalError", "sqlalchemy.exc", "DatabaseError"),
    (
        "PendingRollbackError",
        "sqlalchemy.exc",
        "InvalidRequestError",
    ),
    ("ProgrammingError", "sqlalchemy.exc", "DatabaseError"),
    (
        "ResourceClosedError",
        "sqlalchemy.exc",
        "InvalidRequestError",
    ),
    (
        "SADeprecationWarning",
        "sqlalchemy.exc",
        "DeprecationWarning",
    ),
    (
        "SAPendingDeprecationWarning",
        "sqlalchemy.exc",
        "PendingDeprecationWarning",
    ),
    ("SATestSuiteWarning", "sqlalchemy.exc", "Warning"),
    ("SAWarning", "sqlalchemy.exc", "RuntimeWarning"),
    ("SQLAlchemyError", "sqlalchemy.exc", "Exception"),
    ("StatementError", "sqlalchemy.exc", "SQLAlchemyError"),
    ("TimeoutError", "sqlalchemy.exc", "SQLAlchemyError"),
    (
        "UnboundExecutionError",
        "sqlalchemy.exc",
        "InvalidRequestError",
    ),
    (
        "UnreflectableTableError",
        "sqlalchemy.exc",
        "InvalidRequestError",
    ),
    (
        "UnsupportedCompilationError",
        "sqlalchemy.exc",
        "CompileError",
    ),
    (
        "DetachedInstanceError",
        "sqlalchemy.orm.exc",
        "SQLAlchemyError",
    ),
    ("FlushError", "sqlalchemy.orm.exc", "SQLAlchemyError"),
    (
        "ObjectDeletedError",
        "sqlalchemy.orm.exc",
        "InvalidRequestError",
    ),
    (
        "ObjectDereferencedError",
        "sqlalchemy.orm.exc",
        "SQLAlchemyError",
    ),
    ("StaleDataError", "sqlalchemy.orm.exc", "SQLAlchemyError"),
    ("UnmappedError", "sqlalchemy.orm.exc", "InvalidRequestError"),
    (
        "UnmappedInstanceError",
        "sqlalchemy.orm.exc",
        "UnmappedError",
    ),
    ("HTTPException", "werkzeug.exceptions", "Exception"),
    ("NotFound", "werkzeug.exceptions", "HTTPException"),
];
