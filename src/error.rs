//! The one error type every stage returns: a Python-style kind, a message, the
//! span it is about (when known) and a hint of what would work. Rendered in
//! one place (`render::diagnostic`).

use std::fmt;

use crate::syntax::span::Span;

/// Python-style names for what went wrong (LANGUAGE.md §11).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    SyntaxError,
    /// A block's indentation is wrong (Python's `IndentationError`, a
    /// `SyntaxError`).
    IndentationError,
    /// An `assert` whose test was false (Python's `AssertionError`).
    AssertionError,
    /// Tabs and spaces mixed so that the indentation is ambiguous
    /// (Python's `TabError`, an `IndentationError`).
    TabError,
    NameError,
    AttributeError,
    TypeError,
    ValueError,
    KeyError,
    IndexError,
    ZeroDivisionError,
    OverflowError,
    RecursionError,
    MemoryError,
    IntegrityError,
    /// The database refused a value (DB-API's `DataError`: pysqlite's
    /// for SQLITE_TOOBIG, as a registered function's overflow gives).
    DataError,
    /// The database's state refused the statement (DB-API's
    /// `InternalError`: psycopg2's for SQLSTATE classes 24, 25, 2B, 2D,
    /// 2F, 38, 39, 3B, F0, P0 and XX — a write in a read-only transaction).
    InternalError,
    NoResultFound,
    MultipleResultsFound,
    NotFound,
    OperationalError,
    ProgrammingError,
    StatementError,
    InvalidRequestError,
    ArgumentError,
    /// A `Mapped[...]` annotation SQLAlchemy cannot read as a column or a
    /// relationship (`orm.exc.MappedAnnotationError`, an `ArgumentError`).
    MappedAnnotationError,
    NoForeignKeysError,
    AmbiguousForeignKeysError,
    /// A legacy `Query` given where a statement is executed
    /// (`exc.ObjectNotExecutableError`, an `ArgumentError`).
    ObjectNotExecutableError,
    NoReferencedTableError,
    NoReferencedColumnError,
    /// A result lacks a column the ORM must read (`exc.NoSuchColumnError`).
    NoSuchColumnError,
    /// A constraint or index names a column its table lacks (SQLAlchemy's
    /// `exc.ConstraintColumnNotFoundError`).
    ConstraintColumnNotFoundError,
    UnmappedInstanceError,
    /// An object outside any session asked for something only a session
    /// can answer (SQLAlchemy's `DetachedInstanceError`).
    DetachedInstanceError,
    /// A flushed UPDATE matched no row: the row behind the object is gone
    /// or its key changed outside the session (SQLAlchemy's
    /// `orm.exc.StaleDataError`).
    StaleDataError,
    /// A result that returns no rows was asked for rows
    /// (`exc.ResourceClosedError`).
    ResourceClosedError,
    /// A statement run for a session whose failed flush waits for
    /// `rollback()` (`exc.PendingRollbackError`).
    PendingRollbackError,
    /// The row behind an expired object is gone when its attributes load
    /// (SQLAlchemy's `orm.exc.ObjectDeletedError`).
    ObjectDeletedError,
    /// A collection was changed after the object owning it was dropped
    /// (nothing referred to it any more; SQLAlchemy's
    /// `orm.exc.ObjectDereferencedError`).
    ObjectDereferencedError,
    /// The flush's objects depend on each other in a cycle, so no order of
    /// statements can write them (SQLAlchemy's `CircularDependencyError`).
    CircularDependencyError,
    /// `inspect()` of a value SQLAlchemy has no inspection for (`None`, a
    /// number…; SQLAlchemy's `exc.NoInspectionAvailable`).
    NoInspectionAvailable,
    /// `Inspector.get_columns('t')` of a table the database does not have
    /// (SQLAlchemy's `exc.NoSuchTableError`).
    NoSuchTableError,
    /// The flush cannot write what the session holds, such as a `None` in
    /// a collection (SQLAlchemy's `orm.exc.FlushError`).
    FlushError,
    CompileError,
    /// A bind key names no database (Flask-SQLAlchemy's
    /// `create_all(bind_key='other')`; SQLAlchemy's `UnboundExecutionError`).
    UnboundExecutionError,
    /// An unknown codec or error handler (Python's `LookupError`).
    LookupError,
    /// Bytes a codec cannot read (Python's `UnicodeDecodeError`).
    UnicodeDecodeError,
    /// An operator the receiver does not define, as `is_()` on a
    /// relationship (Python's `NotImplementedError`).
    NotImplementedError,
    /// An imported name a module does not have (Python's `ImportError`).
    ImportError,
    /// An import of a module ormsh does not provide.
    ModuleNotFoundError,
    /// Flask and Flask-SQLAlchemy's errors of setup order (Python's
    /// `RuntimeError`): a second `SQLAlchemy(app)`, no database URI.
    RuntimeError,
    /// `decimal.InvalidOperation` (a bad `Decimal('…')`, `0 / 0`).
    InvalidOperation,
    /// `decimal.DivisionByZero` (`Decimal(1) / 0`).
    DivisionByZero,
    /// `decimal.Overflow` (a result past the context's exponent range).
    Overflow,
    /// Something a declaration from a database file may not do
    /// (`eval::pure`).
    PermissionError,
    /// The reader of the output went away (`ormsh … | head -1`).
    BrokenPipeError,
    Interrupted,
    /// A dot command ormsh does not have (`.tabels`): the shell's error,
    /// not Python's, so no class names it.
    UnknownCommand,
    /// A dot command's own refusal (`Usage: .timer on|off`, `no lesson
    /// named 'bogus'`): the shell's, written as sqlite3's shell writes
    /// it, with no Python class before it.
    Command,
    /// An exception class with no kind of its own, raised by Python code
    /// (`raise Exception('x')`, `raise StopIteration`); its name.
    Raised(&'static str),
}

impl ErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::TabError => "TabError",
            ErrorKind::AssertionError => "AssertionError",
            ErrorKind::NameError => "NameError",
            ErrorKind::AttributeError => "AttributeError",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::ValueError => "ValueError",
            ErrorKind::KeyError => "KeyError",
            ErrorKind::IndexError => "IndexError",
            ErrorKind::ZeroDivisionError => "ZeroDivisionError",
            ErrorKind::OverflowError => "OverflowError",
            ErrorKind::RecursionError => "RecursionError",
            ErrorKind::MemoryError => "MemoryError",
            ErrorKind::IntegrityError => "IntegrityError",
            ErrorKind::DataError => "DataError",
            ErrorKind::InternalError => "InternalError",
            ErrorKind::NoResultFound => "NoResultFound",
            ErrorKind::MultipleResultsFound => "MultipleResultsFound",
            ErrorKind::NotFound => "NotFound",
            ErrorKind::OperationalError => "OperationalError",
            ErrorKind::ProgrammingError => "ProgrammingError",
            ErrorKind::StatementError => "StatementError",
            ErrorKind::InvalidRequestError => "InvalidRequestError",
            ErrorKind::ArgumentError => "ArgumentError",
            ErrorKind::MappedAnnotationError => "MappedAnnotationError",
            ErrorKind::NoForeignKeysError => "NoForeignKeysError",
            ErrorKind::AmbiguousForeignKeysError => "AmbiguousForeignKeysError",
            ErrorKind::ObjectNotExecutableError => "ObjectNotExecutableError",
            ErrorKind::NoReferencedTableError => "NoReferencedTableError",
            ErrorKind::NoReferencedColumnError => "NoReferencedColumnError",
            ErrorKind::NoSuchColumnError => "NoSuchColumnError",
            ErrorKind::ConstraintColumnNotFoundError => "ConstraintColumnNotFoundError",
            ErrorKind::UnmappedInstanceError => "UnmappedInstanceError",
            ErrorKind::DetachedInstanceError => "DetachedInstanceError",
            ErrorKind::StaleDataError => "StaleDataError",
            ErrorKind::ResourceClosedError => "ResourceClosedError",
            ErrorKind::PendingRollbackError => "PendingRollbackError",
            ErrorKind::ObjectDeletedError => "ObjectDeletedError",
            ErrorKind::ObjectDereferencedError => "ObjectDereferencedError",
            ErrorKind::CircularDependencyError => "CircularDependencyError",
            ErrorKind::NoInspectionAvailable => "NoInspectionAvailable",
            ErrorKind::NoSuchTableError => "NoSuchTableError",
            ErrorKind::FlushError => "FlushError",
            ErrorKind::CompileError => "CompileError",
            ErrorKind::UnboundExecutionError => "UnboundExecutionError",
            ErrorKind::LookupError => "LookupError",
            ErrorKind::UnicodeDecodeError => "UnicodeDecodeError",
            ErrorKind::NotImplementedError => "NotImplementedError",
            ErrorKind::ImportError => "ImportError",
            ErrorKind::ModuleNotFoundError => "ModuleNotFoundError",
            ErrorKind::RuntimeError => "RuntimeError",
            ErrorKind::InvalidOperation => "InvalidOperation",
            ErrorKind::DivisionByZero => "DivisionByZero",
            ErrorKind::Overflow => "Overflow",
            ErrorKind::PermissionError => "PermissionError",
            ErrorKind::BrokenPipeError => "BrokenPipeError",
            ErrorKind::Interrupted => "KeyboardInterrupt",
            ErrorKind::UnknownCommand => "unknown command",
            ErrorKind::Command => "",
            ErrorKind::Raised(name) => name,
        }
    }

    /// The kind whose class is called `name` (`KeyboardInterrupt` is
    /// `Interrupted`), if ormsh has one.
    pub fn named(name: &str) -> Option<ErrorKind> {
        ALL_KINDS.iter().copied().find(|k| k.name() == name)
    }
}

/// Every kind but `Raised`, for [`ErrorKind::named`].
const ALL_KINDS: &[ErrorKind] = &[
    ErrorKind::SyntaxError,
    ErrorKind::IndentationError,
    ErrorKind::TabError,
    ErrorKind::AssertionError,
    ErrorKind::NameError,
    ErrorKind::AttributeError,
    ErrorKind::TypeError,
    ErrorKind::ValueError,
    ErrorKind::KeyError,
    ErrorKind::IndexError,
    ErrorKind::ZeroDivisionError,
    ErrorKind::OverflowError,
    ErrorKind::RecursionError,
    ErrorKind::MemoryError,
    ErrorKind::IntegrityError,
    ErrorKind::DataError,
    ErrorKind::InternalError,
    ErrorKind::NoResultFound,
    ErrorKind::MultipleResultsFound,
    ErrorKind::NotFound,
    ErrorKind::OperationalError,
    ErrorKind::ProgrammingError,
    ErrorKind::StatementError,
    ErrorKind::InvalidRequestError,
    ErrorKind::ArgumentError,
    ErrorKind::NoForeignKeysError,
    ErrorKind::AmbiguousForeignKeysError,
    ErrorKind::ObjectNotExecutableError,
    ErrorKind::NoReferencedTableError,
    ErrorKind::NoReferencedColumnError,
    ErrorKind::NoSuchColumnError,
    ErrorKind::ConstraintColumnNotFoundError,
    ErrorKind::UnmappedInstanceError,
    ErrorKind::DetachedInstanceError,
    ErrorKind::StaleDataError,
    ErrorKind::ResourceClosedError,
    ErrorKind::PendingRollbackError,
    ErrorKind::ObjectDeletedError,
    ErrorKind::ObjectDereferencedError,
    ErrorKind::CircularDependencyError,
    ErrorKind::NoInspectionAvailable,
    ErrorKind::NoSuchTableError,
    ErrorKind::FlushError,
    ErrorKind::CompileError,
    ErrorKind::UnboundExecutionError,
    ErrorKind::LookupError,
    ErrorKind::UnicodeDecodeError,
    ErrorKind::NotImplementedError,
    ErrorKind::ImportError,
    ErrorKind::ModuleNotFoundError,
    ErrorKind::RuntimeError,
    ErrorKind::InvalidOperation,
    ErrorKind::DivisionByZero,
    ErrorKind::Overflow,
    ErrorKind::PermissionError,
    ErrorKind::BrokenPipeError,
    ErrorKind::Interrupted,
];

#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    /// Where in the chunk's source the error is, when known.
    pub span: Option<Span>,
    /// What would work (printed as `help: …`).
    pub help: Option<String>,
    /// The Python exception object behind the error, when there is more to
    /// it than kind and message: the value a `raise` gave (read back by
    /// `except … as e`), or the DBAPI error SQLite raised (`DbapiError`).
    pub exc: Option<Payload>,
    /// The `def` whose body raised the error, when it was raised inside
    /// one: `span` then points into that function's source, as the last
    /// frame of Python's traceback does.
    pub frame: Option<std::rc::Rc<InFunction>>,
    /// Where the outermost call of `frame`'s function is in the chunk.
    pub called_at: Option<Span>,
}

/// The source a `def` was read from: its chunk's text, the file (`None`
/// at the prompt) and the chunk's first line.
#[derive(Debug, PartialEq)]
pub struct DefSource {
    pub text: std::rc::Rc<str>,
    pub file: Option<std::rc::Rc<str>>,
    pub first_line: usize,
}

/// The function an error was raised in (Python's traceback frame).
#[derive(Debug, PartialEq)]
pub struct InFunction {
    /// `f`, or `User.greet` for a method.
    pub name: String,
    pub source: std::rc::Rc<DefSource>,
}

/// An exception object carried by an [`Error`] (compared by identity).
#[derive(Clone)]
pub struct Payload(pub std::rc::Rc<dyn std::any::Any>);

impl fmt::Debug for Payload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Payload")
    }
}

impl PartialEq for Payload {
    fn eq(&self, other: &Payload) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The error the DBAPI (Python's `sqlite3`) raised under a SQLAlchemy
/// `DBAPIError`: its class and message (`e.orig`), and the statement that
/// failed with its parameters as SQLAlchemy's message shows them.
#[derive(Clone, Debug)]
pub struct DbapiError {
    /// `IntegrityError`, `OperationalError`, …
    pub class: &'static str,
    /// The driver's own class with its module when it is not
    /// `sqlite3.<class>`: `psycopg2.errors.UniqueViolation`.
    pub driver_class: Option<&'static str>,
    pub message: String,
    pub sql: Option<String>,
    pub params: Option<String>,
    /// The parameters' values (`e.params`), one execution's.
    pub param_values: Option<std::rc::Rc<[crate::sql::ast::Param]>>,
    /// SQLite's extended result code (`e.orig.sqlite_errorcode`).
    pub sqlite_code: Option<i32>,
    /// psycopg2's `pgcode` and `pgerror` (None on SQLite).
    pub pg: Option<PgDiag>,
}

/// What a psycopg2 error carries beside its message: `pgcode`, the
/// SQLSTATE (`23505`), and `pgerror`, the server's report with its
/// severity (`ERROR:  duplicate key …\nDETAIL:  …\n`).
#[derive(Clone, Debug)]
pub struct PgDiag {
    pub pgcode: String,
    pub pgerror: String,
}

impl DbapiError {
    /// The driver's class as SQLAlchemy's message names it:
    /// `sqlite3.IntegrityError`, `psycopg2.errors.UniqueViolation`.
    pub fn qualified_class(&self) -> String {
        match self.driver_class {
            Some(c) => c.to_owned(),
            None => format!("sqlite3.{}", self.class),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            span: None,
            help: None,
            exc: None,
            frame: None,
            called_at: None,
        }
    }

    /// The DBAPI error behind this one, if SQLite raised it.
    pub fn dbapi(&self) -> Option<&DbapiError> {
        self.exc
            .as_ref()
            .and_then(|p| p.0.downcast_ref::<DbapiError>())
    }

    /// Record the statement (and its parameters' repr and values) a DBAPI
    /// error came from.
    pub fn in_statement(
        mut self,
        sql: &str,
        params: impl FnOnce() -> String,
        values: &[crate::sql::ast::Param],
    ) -> Error {
        if let Some(d) = self.dbapi()
            && d.sql.is_none()
        {
            let mut d = d.clone();
            d.sql = Some(sql.to_string());
            d.params = Some(params());
            d.param_values = Some(std::rc::Rc::from(values));
            self.exc = Some(Payload(std::rc::Rc::new(d)));
        }
        self
    }

    /// Attach a span unless one is already set (the innermost wins).
    pub fn at(mut self, span: Span) -> Error {
        if self.span.is_none() {
            self.span = Some(span);
        } else if self.frame.is_some() && self.called_at.is_none() {
            self.called_at = Some(span);
        }
        self
    }

    /// Leaving the body of the function `name` read from `source`: an
    /// error located inside it keeps that place (the innermost function
    /// wins); the spot of its call is found again by the caller's `at`.
    pub fn in_function(
        mut self,
        name: impl FnOnce() -> String,
        source: &std::rc::Rc<DefSource>,
    ) -> Error {
        if self.span.is_some() && self.frame.is_none() {
            self.frame = Some(std::rc::Rc::new(InFunction {
                name: name(),
                source: source.clone(),
            }));
        }
        self.called_at = None;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Error {
        self.help = Some(help.into());
        self
    }

    pub fn syntax(message: impl Into<String>, span: Span) -> Error {
        Error::new(ErrorKind::SyntaxError, message).at(span)
    }
    pub fn name(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::NameError, message)
    }
    pub fn attr(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::AttributeError, message)
    }
    pub fn type_(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::TypeError, message)
    }
    pub fn value(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::ValueError, message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Python prints a bare `AssertionError` for an empty message.
        if self.message.is_empty() {
            write!(f, "{}", self.kind.name())
        } else {
            write!(f, "{}: {}", self.kind.name(), self.message)
        }
    }
}

impl std::error::Error for Error {}
