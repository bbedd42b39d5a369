//! The interpreter's own objects: built-in functions, bound methods,
//! namespaces (`db`, `db.session`, `datetime`, `func`…), lambdas, and the
//! values that describe a model before it exists (types, Column specs).

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::schema::column::{Column, ForeignKey};
use crate::schema::types::{ColumnType, TypeOptions};
use crate::syntax::ast::Expr;
use crate::value::{Object, Value};

pub type NativeFn = fn(&mut Interp, Args) -> Result<Value>;

/// A built-in function.
pub struct Native {
    pub name: &'static str,
    pub f: NativeFn,
}

impl Object for Native {
    fn type_name(&self) -> &str {
        if self.is_class() {
            "type"
        } else {
            "builtin_function_or_method"
        }
    }

    fn class_identity(&self) -> Option<&str> {
        self.is_class().then_some(self.name)
    }
}

impl Native {
    /// Is it a class (`int`, `Decimal`) rather than a function (`len`)?
    pub fn is_class(&self) -> bool {
        crate::eval::pytypes::BUILTIN_CLASSES
            .iter()
            .any(|(n, _)| *n == self.name)
            || crate::eval::schema_classes::is_schema_class(self.name)
    }
}

/// `recv.name` waiting to be called.
pub struct BoundMethod {
    pub recv: Value,
    pub name: Rc<str>,
}

impl Object for BoundMethod {
    fn type_name(&self) -> &str {
        "method"
    }

    fn take_values(&mut self) -> Vec<Value> {
        vec![std::mem::replace(&mut self.recv, Value::None)]
    }
}

/// A named namespace or class-like object with attributes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ns {
    Db,
    Session,
    Datetime,
    Date,
    Time,
    Timedelta,
    /// `datetime.timezone`.
    Timezone,
    Func,
    Metadata,
    Engine,
    /// SQLAlchemy's `Session(engine)` (plain SQLAlchemy, `pymod::plain`):
    /// the same session as `db.session`, a context manager that closes it.
    OrmSession,
}

pub struct Namespace(pub Ns);

impl Namespace {
    /// `db.session`, or SQLAlchemy's `Session(engine)` (the same session).
    pub fn is_session(&self) -> bool {
        matches!(self.0, Ns::Session | Ns::OrmSession)
    }
}

impl Object for Namespace {
    fn type_name(&self) -> &str {
        match self.0 {
            Ns::Db => "SQLAlchemy",
            Ns::Session => "scoped_session",
            Ns::Datetime | Ns::Date | Ns::Time | Ns::Timedelta | Ns::Timezone => "type",
            Ns::Func => "_FunctionGenerator",
            Ns::Metadata => "MetaData",
            Ns::Engine => "Engine",
            Ns::OrmSession => "Session",
        }
    }

    fn class_identity(&self) -> Option<&str> {
        match self.0 {
            Ns::Datetime => Some("datetime.datetime"),
            Ns::Date => Some("datetime.date"),
            Ns::Time => Some("datetime.time"),
            Ns::Timedelta => Some("datetime.timedelta"),
            Ns::Timezone => Some("datetime.timezone"),
            _ => None,
        }
    }
}

/// `func.lower` before it is called.
pub struct FuncName(pub Rc<str>);

impl Object for FuncName {
    fn type_name(&self) -> &str {
        "_FunctionGenerator"
    }
}

pub struct Lambda {
    pub params: Vec<crate::syntax::ast::Param>,
    /// One per parameter: its default, evaluated when the `lambda` was
    /// (`lambda i=i: i` keeps the `i` of then).
    pub defaults: Vec<Option<Value>>,
    pub body: Rc<Expr>,
    /// Made by a declaration from a database file: its calls run in
    /// declaration mode too (`eval::pure`).
    pub pure: bool,
    /// The scopes around the `lambda` (`eval::scope`).
    pub closure: Vec<crate::eval::scope::Frame>,
}

impl Object for Lambda {
    fn type_name(&self) -> &str {
        "function"
    }
}

/// `db.Integer`, `db.String(80)`: a column type, callable to parametrise.
pub struct TypeSpec {
    pub ty: ColumnType,
    /// Still the bare class (`db.String`), so calling it is allowed.
    pub bare: bool,
    /// What the type's keyword arguments add (collation, length, CHECK).
    pub opts: TypeOptions,
}

impl Object for TypeSpec {
    fn type_name(&self) -> &str {
        "TypeEngine"
    }
}

/// The result of `db.Column(...)`, before a model gives it its name.
pub struct ColumnSpec {
    /// A name given as the first argument (`db.Column('tag_id', …)`).
    pub name: Option<Rc<str>>,
    pub column: Column,
    /// Given a `ForeignKey` and no type: the type is the referenced
    /// column's, once that is known (`Interp::referenced_type`).
    pub type_from_fk: bool,
}

impl Object for ColumnSpec {
    fn type_name(&self) -> &str {
        "Column"
    }
}

/// `db.ForeignKey('table.col', ondelete=…)`
pub struct ForeignKeySpec(pub ForeignKey);

impl Object for ForeignKeySpec {
    fn type_name(&self) -> &str {
        "ForeignKey"
    }

    /// Hashed by what it references, so a set of them prints in one
    /// order from run to run (`eval::foreign_keys`).
    fn value_hash(&self) -> Option<crate::error::Result<i64>> {
        let spec = format!("{}.{}", self.0.table, self.0.column);
        Some(crate::eval::pyset::hash_of(&Value::str(&spec)))
    }
}

/// `text('SQL')`
pub struct TextClause(pub Rc<str>, pub Vec<(Rc<str>, Value)>);

impl Object for TextClause {
    fn type_name(&self) -> &str {
        "TextClause"
    }
}

/// `db.FetchedValue()`: SQLAlchemy's marker for a column the database
/// sets itself (a trigger), given as `server_default=` or
/// `server_onupdate=`: nothing in the DDL; the flush reads the value back.
pub struct FetchedValue;

impl Object for FetchedValue {
    fn type_name(&self) -> &str {
        "FetchedValue"
    }
}

/// `db.session.new` / `dirty` / `deleted`, a set of instances.
pub struct IdentitySet(pub Vec<Value>);

impl Object for IdentitySet {
    fn type_name(&self) -> &str {
        "IdentitySet"
    }

    fn take_values(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.0)
    }
}

/// A Python `set` of attribute names (`inspect(obj).unmodified`,
/// `unloaded`, `expired_attributes`); kept sorted, one of the orders
/// Python may print a set in.
pub struct NameSet(pub Vec<Rc<str>>);

impl Object for NameSet {
    fn type_name(&self) -> &str {
        "set"
    }
}

/// The result of `db.session.execute(...)`: rows, consumed by its methods.
pub struct ResultSet {
    pub rows: Vec<Value>,
    /// Joined eager loading of a collection: SQLAlchemy 2.0 wants
    /// `.unique()` before the rows are fetched.
    pub needs_unique: bool,
    /// `.scalars()` was applied: each row is its first value.
    pub scalars: bool,
    /// Per column: its type makes values `.unique()` cannot hash (JSON).
    pub unhashable: Rc<[bool]>,
    /// `.unique()` was applied: rows are uniqued as they are taken.
    pub unique: bool,
    /// The rows a write matched (DB-API `rowcount`); -1 for a SELECT, as
    /// Python's sqlite3 reports it.
    pub rowcount: i64,
    /// False for a statement without rows (a write without RETURNING):
    /// asking it for rows is `ResourceClosedError`.
    pub returns_rows: bool,
    /// `.mappings()` was applied: each row is taken as a dict of column
    /// name to value (SQLAlchemy's `MappingResult` of `RowMapping`s).
    pub mappings: bool,
    /// Rows of an ORM select (SQLAlchemy's `ChunkedIteratorResult`), not
    /// of a cursor (`CursorResult`: text(), a write): for its repr.
    pub orm: bool,
    /// The result of an ORM bulk INSERT / UPDATE given parameter sets,
    /// without RETURNING, or of calling a `FrozenResult` (SQLAlchemy's
    /// `IteratorResult`, no cursor's): for its repr.
    pub bulk: bool,
    /// The result's column names (SQLAlchemy's `Result.keys()`), known
    /// without a row; empty when they come from the rows (text()).
    pub keys: Rc<[Rc<str>]>,
    /// How many rows have been taken, shared by the results made from
    /// this one (`scalars()`, `mappings()`, … read the same cursor, as in
    /// SQLAlchemy); [`CLOSED`] once `first()`, `one()`, … closed it.
    pub cursor: Rc<std::cell::Cell<usize>>,
    /// What `inserted_primary_key` gives (`eval::inserted_pk`); `None`
    /// where the result is not a cursor's.
    pub inserted_pk: Option<Rc<crate::eval::inserted_pk::InsertedPk>>,
    /// `lastrowid` and `is_insert` of a cursor's result (`eval::cursor_attrs`).
    pub cursor_attrs: crate::eval::cursor_attrs::CursorAttrs,
}

/// The cursor of a closed result.
pub const CLOSED: usize = usize::MAX;

impl ResultSet {
    /// Rows of plain values (text() results, statements without rows).
    pub fn plain(rows: Vec<Value>) -> ResultSet {
        ResultSet {
            rows,
            needs_unique: false,
            scalars: false,
            unhashable: Rc::from(Vec::new()),
            unique: false,
            rowcount: -1,
            returns_rows: true,
            mappings: false,
            orm: false,
            bulk: false,
            keys: Rc::from(Vec::new()),
            cursor: Rc::default(),
            inserted_pk: None,
            cursor_attrs: Default::default(),
        }
    }

    /// What a statement without rows returns: how many rows it changed.
    pub fn no_rows(rowcount: i64) -> ResultSet {
        ResultSet {
            rowcount,
            returns_rows: false,
            ..ResultSet::plain(Vec::new())
        }
    }

    /// `.scalars()`: each row's first value, uniqued as that column is.
    pub fn scalars(&self) -> ResultSet {
        ResultSet {
            rows: crate::eval::results::unwrap_rows(self.rows.clone()),
            scalars: true,
            mappings: false,
            unhashable: self.unhashable.iter().take(1).copied().collect(),
            ..self.derived(Vec::new())
        }
    }

    /// A result over the same cursor with these rows (one per row of
    /// this one), the rest as this one has it.
    pub fn derived(&self, rows: Vec<Value>) -> ResultSet {
        ResultSet {
            rows,
            needs_unique: self.needs_unique,
            scalars: self.scalars,
            unhashable: self.unhashable.clone(),
            unique: self.unique,
            rowcount: self.rowcount,
            returns_rows: self.returns_rows,
            mappings: self.mappings,
            orm: self.orm,
            bulk: self.bulk,
            keys: self.keys.clone(),
            cursor: self.cursor.clone(),
            inserted_pk: self.inserted_pk.clone(),
            cursor_attrs: self.cursor_attrs,
        }
    }
}

impl Object for ResultSet {
    /// SQLAlchemy's class of the result (`type(result).__name__`):
    /// `ChunkedIteratorResult`, `CursorResult`, `IteratorResult`, or the
    /// `ScalarResult`/`MappingResult` views.
    fn type_name(&self) -> &str {
        crate::eval::surface::result::sa_class(self)
    }

    fn take_values(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.rows)
    }
}

/// A Python `type` shown by `type(x)`.
pub struct TypeObj(pub Rc<str>);

impl Object for TypeObj {
    fn type_name(&self) -> &str {
        "type"
    }

    fn class_identity(&self) -> Option<&str> {
        Some(&self.0)
    }
}

/// A loader option such as `joinedload(Category.posts)` (applied by queries).
pub struct LoaderOption {
    pub strategy: &'static str,
    pub target: Value,
    /// `joinedload(User.posts).joinedload(Post.comments)`: the deeper steps.
    pub chain: Vec<(&'static str, Value)>,
}

impl Object for LoaderOption {
    fn type_name(&self) -> &str {
        "_AbstractLoad"
    }

    fn take_values(&mut self) -> Vec<Value> {
        let mut out = vec![std::mem::replace(&mut self.target, Value::None)];
        out.extend(self.chain.drain(..).map(|(_, v)| v));
        out
    }
}
