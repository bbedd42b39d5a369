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

/// (class, module, its bases separated by spaces; "" for `BaseException`).
const CLASSES: &[(&str, &str, &str)] = &[
    ("ArithmeticError", "builtins", "Exception"),
    ("AssertionError", "builtins", "Exception"),
    ("AttributeError", "builtins", "Exception"),
    ("BaseException", "builtins", ""),
    ("BrokenPipeError", "builtins", "ConnectionError"),
    ("IndentationError", "builtins", "SyntaxError"),
    ("TabError", "builtins", "IndentationError"),
    ("ConnectionError", "builtins", "OSError"),
    ("DeprecationWarning", "builtins", "Warning"),
    ("Exception", "builtins", "BaseException"),
    ("ImportError", "builtins", "Exception"),
    ("IndexError", "builtins", "LookupError"),
    ("KeyError", "builtins", "LookupError"),
    ("JSONDecodeError", "json", "ValueError"),
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
    ("SystemExit", "builtins", "BaseException"),
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
        "ObjectNotExecutableError",
        "sqlalchemy.exc",
        "ArgumentError",
    ),
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
        "MappedAnnotationError",
        "sqlalchemy.orm.exc",
        "ArgumentError",
    ),
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
    ("Error", "sqlite3", "Exception"),
    ("DatabaseError", "sqlite3", "Error"),
    ("IntegrityError", "sqlite3", "DatabaseError"),
    ("DataError", "sqlite3", "DatabaseError"),
    ("OperationalError", "sqlite3", "DatabaseError"),
    ("ProgrammingError", "sqlite3", "DatabaseError"),
    // psycopg2's DB-API classes, and `psycopg2.errors`' by SQLSTATE
    // (engine::pg_errors), their bases as psycopg2 2.9 gives them.
    ("Error", "psycopg2", "Exception"),
    ("DatabaseError", "psycopg2", "Error"),
    ("IntegrityError", "psycopg2", "DatabaseError"),
    ("DataError", "psycopg2", "DatabaseError"),
    ("OperationalError", "psycopg2", "DatabaseError"),
    ("ProgrammingError", "psycopg2", "DatabaseError"),
    ("InternalError", "psycopg2", "DatabaseError"),
    (
        "TransactionRollbackError",
        "psycopg2.extensions",
        "psycopg2.OperationalError",
    ),
    (
        "QueryCanceledError",
        "psycopg2.extensions",
        "psycopg2.OperationalError",
    ),
    (
        "StringDataRightTruncation",
        "psycopg2.errors",
        "psycopg2.DataError",
    ),
    (
        "NumericValueOutOfRange",
        "psycopg2.errors",
        "psycopg2.DataError",
    ),
    ("DivisionByZero", "psycopg2.errors", "psycopg2.DataError"),
    (
        "InvalidTextRepresentation",
        "psycopg2.errors",
        "psycopg2.DataError",
    ),
    (
        "NotNullViolation",
        "psycopg2.errors",
        "psycopg2.IntegrityError",
    ),
    (
        "ForeignKeyViolation",
        "psycopg2.errors",
        "psycopg2.IntegrityError",
    ),
    (
        "UniqueViolation",
        "psycopg2.errors",
        "psycopg2.IntegrityError",
    ),
    (
        "CheckViolation",
        "psycopg2.errors",
        "psycopg2.IntegrityError",
    ),
    (
        "ReadOnlySqlTransaction",
        "psycopg2.errors",
        "psycopg2.InternalError",
    ),
    (
        "InFailedSqlTransaction",
        "psycopg2.errors",
        "psycopg2.InternalError",
    ),
    (
        "SerializationFailure",
        "psycopg2.errors",
        "psycopg2.extensions.TransactionRollbackError",
    ),
    (
        "DeadlockDetected",
        "psycopg2.errors",
        "psycopg2.extensions.TransactionRollbackError",
    ),
    (
        "SyntaxError",
        "psycopg2.errors",
        "psycopg2.ProgrammingError",
    ),
    (
        "UndefinedColumn",
        "psycopg2.errors",
        "psycopg2.ProgrammingError",
    ),
    (
        "DatatypeMismatch",
        "psycopg2.errors",
        "psycopg2.ProgrammingError",
    ),
    (
        "UndefinedFunction",
        "psycopg2.errors",
        "psycopg2.ProgrammingError",
    ),
    (
        "UndefinedTable",
        "psycopg2.errors",
        "psycopg2.ProgrammingError",
    ),
    (
        "DuplicateTable",
        "psycopg2.errors",
        "psycopg2.ProgrammingError",
    ),
    (
        "LockNotAvailable",
        "psycopg2.errors",
        "psycopg2.OperationalError",
    ),
    (
        "QueryCanceled",
        "psycopg2.errors",
        "psycopg2.extensions.QueryCanceledError",
    ),
    ("DecimalException", "decimal", "ArithmeticError"),
    ("InvalidOperation", "decimal", "DecimalException"),
    (
        "DivisionByZero",
        "decimal",
        "DecimalException ZeroDivisionError",
    ),
    ("Inexact", "decimal", "DecimalException"),
    ("Rounded", "decimal", "DecimalException"),
    ("Overflow", "decimal", "Inexact Rounded"),
    ("HTTPException", "werkzeug.exceptions", "Exception"),
    ("NotFound", "werkzeug.exceptions", "HTTPException"),
    ("BadRequest", "werkzeug.exceptions", "HTTPException"),
    ("Unauthorized", "werkzeug.exceptions", "HTTPException"),
    ("Forbidden", "werkzeug.exceptions", "HTTPException"),
    ("MethodNotAllowed", "werkzeug.exceptions", "HTTPException"),
    ("Conflict", "werkzeug.exceptions", "HTTPException"),
    ("Gone", "werkzeug.exceptions", "HTTPException"),
    (
        "UnprocessableEntity",
        "werkzeug.exceptions",
        "HTTPException",
    ),
    (
        "InternalServerError",
        "werkzeug.exceptions",
        "HTTPException",
    ),
];
