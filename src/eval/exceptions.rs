//! Exception classes and caught exceptions. Each ormsh error kind is a
//! class (`ValueError`, `IntegrityError`, …) placed in Python's and
//! SQLAlchemy's hierarchies (`IntegrityError` is a `DatabaseError`, a
//! `DBAPIError`, a `StatementError`, a `SQLAlchemyError`, an `Exception`),
//! so `except` matches a kind by any of its ancestors. Python's built-in
//! exception names are built-ins; the SQLAlchemy ones are reached through
//! `class_named` (imports bind them).

use crate::error::{Error, ErrorKind, Result};
use crate::value::{Object, Value};

/// An exception class, by name.
pub struct ExceptionClass(pub &'static str);

impl Object for ExceptionClass {
    fn type_name(&self) -> &str {
        "type"
    }
}

/// A caught exception (`except E as e`): its class and message.
pub struct ExceptionValue {
    pub class: &'static str,
    pub message: String,
}

impl Object for ExceptionValue {
    fn type_name(&self) -> &str {
        self.class
    }
}

impl From<Error> for ExceptionValue {
    fn from(e: Error) -> ExceptionValue {
        ExceptionValue {
            class: e.kind.name(),
            message: e.message,
        }
    }
}

/// Each class and its base (Python 3.11, SQLAlchemy 2.0, Werkzeug).
const PARENTS: &[(&str, &str)] = &[
    ("Exception", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("LookupError", "Exception"),
    ("KeyError", "LookupError"),
    ("IndexError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("OSError", "Exception"),
    ("PermissionError", "OSError"),
    ("BrokenPipeError", "OSError"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("SQLAlchemyError", "Exception"),
    ("ArgumentError", "SQLAlchemyError"),
    ("NoForeignKeysError", "ArgumentError"),
    ("AmbiguousForeignKeysError", "ArgumentError"),
    ("ConstraintColumnNotFoundError", "ArgumentError"),
    ("CircularDependencyError", "SQLAlchemyError"),
    ("CompileError", "SQLAlchemyError"),
    ("DetachedInstanceError", "SQLAlchemyError"),
    ("FlushError", "SQLAlchemyError"),
    ("ObjectDereferencedError", "SQLAlchemyError"),
    ("StaleDataError", "SQLAlchemyError"),
    ("InvalidRequestError", "SQLAlchemyError"),
    ("NoResultFound", "InvalidRequestError"),
    ("MultipleResultsFound", "InvalidRequestError"),
    ("ObjectDeletedError", "InvalidRequestError"),
    ("ResourceClosedError", "InvalidRequestError"),
    ("UnboundExecutionError", "InvalidRequestError"),
    ("NoInspectionAvailable", "InvalidRequestError"),
    ("UnmappedError", "InvalidRequestError"),
    ("UnmappedInstanceError", "UnmappedError"),
    ("NoReferenceError", "InvalidRequestError"),
    ("NoReferencedTableError", "NoReferenceError"),
    ("NoReferencedColumnError", "NoReferenceError"),
    ("StatementError", "SQLAlchemyError"),
    ("DBAPIError", "StatementError"),
    ("DatabaseError", "DBAPIError"),
    ("IntegrityError", "DatabaseError"),
    ("OperationalError", "DatabaseError"),
    ("ProgrammingError", "DatabaseError"),
    ("HTTPException", "Exception"),
    ("NotFound", "HTTPException"),
];

/// Python's built-in exception names (the SQLAlchemy ones are imported).
const BUILTIN: &[&str] = &[
    "BaseException",
    "Exception",
    "ArithmeticError",
    "ZeroDivisionError",
    "OverflowError",
    "AssertionError",
    "AttributeError",
    "LookupError",
    "KeyError",
    "IndexError",
    "MemoryError",
    "NameError",
    "OSError",
    "PermissionError",
    "BrokenPipeError",
    "RuntimeError",
    "NotImplementedError",
    "RecursionError",
    "SyntaxError",
    "IndentationError",
    "TabError",
    "TypeError",
    "ValueError",
    "UnicodeError",
    "UnicodeDecodeError",
    "KeyboardInterrupt",
];

/// A built-in exception class by name.
pub fn builtin(name: &str) -> Option<Value> {
    BUILTIN
        .iter()
        .find(|n| **n == name)
        .map(|n| Value::obj(ExceptionClass(n)))
}

/// Any exception class ormsh knows (built-in or SQLAlchemy's), by name.
pub fn class_named(name: &str) -> Option<Value> {
    let known = PARENTS
        .iter()
        .find_map(|(c, _)| (*c == name).then_some(*c))
        .or_else(|| (name == "BaseException").then_some("BaseException"))?;
    Some(Value::obj(ExceptionClass(known)))
}

/// Is `class` `kind`'s class or one of its ancestors?
fn is_a(kind: &str, class: &str) -> bool {
    let mut at = kind;
    loop {
        if at == class {
            return true;
        }
        match PARENTS.iter().find(|(c, _)| *c == at) {
            Some((_, p)) => at = p,
            None => return false,
        }
    }
}

/// Does the `except` clause's value (a class or a tuple of classes)
/// catch an error of `kind`?
pub fn catches(v: &Value, kind: ErrorKind) -> Result<bool> {
    if let Some(c) = v.downcast::<ExceptionClass>() {
        return Ok(is_a(kind.name(), c.0));
    }
    if let Some(c) = v.downcast::<crate::eval::pymod::exc::ExcClass>() {
        return Ok(c.catches(kind));
    }
    if let Value::Tuple(items) = v {
        for item in items.iter() {
            if catches(item, kind)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    Err(Error::type_(
        "catching classes that do not inherit from BaseException is not allowed",
    ))
}

/// `repr(e)`: `ValueError('message')` (the message as Python writes a str).
pub fn repr_of(v: &Value) -> Option<String> {
    if let Some(c) = v.downcast::<ExceptionClass>() {
        let module = if is_a(c.0, "SQLAlchemyError") {
            "sqlalchemy.exc."
        } else {
            ""
        };
        return Some(format!("<class '{module}{}'>", c.0));
    }
    let e = v.downcast::<ExceptionValue>()?;
    let text = crate::value::repr::str_repr(&e.message);
    Some(format!("{}({text})", e.class))
}

/// `str(e)`: the message.
pub fn str_of(v: &Value) -> Option<String> {
    v.downcast::<ExceptionValue>().map(|e| e.message.clone())
}
