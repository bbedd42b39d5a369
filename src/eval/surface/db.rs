//! The `db` object, Flask-SQLAlchemy's `SQLAlchemy`: the schema builders
//! and column types it lends from SQLAlchemy (`db.Column`, `db.Integer`,
//! `db.relationship`, …, the ones a stored definition may name), its
//! namespaces (`db.session`, `db.metadata`, `db.engine`, `db.func`), the
//! SQL helpers (`db.and_`, `db.text`, …) and its own methods
//! (`create_all`, `get_or_404`, `paginate`, …).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::model_def::{column, foreign_key, type_value};
use crate::eval::objects::{Namespace, Ns};
use crate::eval::surface::db_methods::{
    create_all, drop_all, first_or_404, get_or_404, one_or_404, paginate, reflect,
};
use crate::eval::surface::query_page::PAGINATE;
use crate::eval::surface::{
    Class, ENGINE, FUNC, METADATA, Member, PAGINATION, Returns, SELECT, SESSION, Sig, Surface,
};
use crate::value::Value;

type R = Rc<Namespace>;

/// The table of a namespace object, if it has one (the date classes
/// `datetime`, `date`, … are looked up in `eval::dates`).
pub(super) fn namespace_class(ns: Ns) -> Option<&'static dyn Surface> {
    match ns {
        Ns::Db => Some(&DB),
        Ns::Session => Some(&SESSION),
        Ns::OrmSession => Some(&super::session_own::ORM_SESSION),
        Ns::Metadata => Some(&METADATA),
        Ns::Engine => Some(&ENGINE),
        Ns::Func => Some(&FUNC),
        Ns::Datetime | Ns::Date | Ns::Time | Ns::Timedelta | Ns::Timezone => None,
    }
}

/// Whether a definition stored in a database file may name `db.NAME`: the
/// entries of [`DB`] marked declarable.
pub fn declarable_db_attr(name: &str) -> bool {
    DB.find(name).is_some_and(|m| m.declarable)
}

/// `db.Integer`, `db.String`, …: the column type, unparametrised.
fn col_type(name: &str) -> Result<Value> {
    type_value(name).ok_or_else(|| Error::attr(format!("db.{name} is no column type")))
}

/// `db.and_`, `db.text`, …: the same function as the built-in name.
fn builtin(name: &str) -> Result<Value> {
    crate::eval::builtins::lookup(name)
        .ok_or_else(|| Error::attr(format!("db.{name} is no built-in")))
}

fn inspect(me: &mut Interp, _: &R, a: Args) -> Result<Value> {
    crate::eval::inspect::call_state_fn(me, "inspect", a)
}

fn make_transient(me: &mut Interp, _: &R, a: Args) -> Result<Value> {
    crate::eval::inspect::call_state_fn(me, "make_transient", a)
}

fn make_transient_to_detached(me: &mut Interp, _: &R, a: Args) -> Result<Value> {
    crate::eval::inspect::call_state_fn(me, "make_transient_to_detached", a)
}

/// SQLAlchemy types Python can hold and a SQLite column cannot.
fn missing(_: &mut Interp, _: &R, name: &str, hint: &str) -> Error {
    if ["PickleType", "ARRAY"].contains(&name) {
        return Error::type_(format!(
            "db.{name} is a Python-only type that ormsh cannot store"
        ))
        .with_help(
            "store the data as db.JSON (lists and dicts) or db.LargeBinary (bytes) instead",
        );
    }
    if let Some(e) = super::sqlalchemy_names::not_implemented(name) {
        return e;
    }
    if let Some(why) = flask_refused(name) {
        return Error::new(
            ErrorKind::NotImplementedError,
            format!(
                "db.{name} (Flask-SQLAlchemy's SQLAlchemy.{name}) is not supported by ormsh: {why}"
            ),
        )
        .with_help(
            "dir(db) lists what ormsh has; grammar/COVERAGE.md says what is refused and why",
        );
    }
    Error::attr(format!(
        "'SQLAlchemy' object has no attribute '{name}'{hint}"
    ))
}

/// Why Flask-SQLAlchemy's own members ormsh lacks are refused.
fn flask_refused(name: &str) -> Option<&'static str> {
    Some(match name {
        "init_app" => "ormsh has no Flask application; db is ready",
        _ => return None,
    })
}

/// A column type of `db`, which stored definitions may name.
macro_rules! col_type {
    ($name:literal, $doc:literal) => {
        Member::attr($name, |_, _| col_type($name), $doc).declarable()
    };
}

/// A function of SQLAlchemy's lent by `db` (also a built-in name), which
/// stored definitions may name.
macro_rules! lent {
    ($name:literal, $doc:literal) => {
        Member::attr($name, |_, _| builtin($name), $doc).declarable()
    };
}

/// A schema item of `db` (`db.UniqueConstraint`, `db.Index`, …; in
/// `eval::constraint_def`), which stored definitions may name.
macro_rules! schema_item {
    ($name:literal, $f:ident, $doc:literal) => {
        Member::attr(
            $name,
            |_, _| Ok(Interp::native($name, crate::eval::constraint_def::$f)),
            $doc,
        )
        .declarable()
    };
}

/// `db`'s members, in the order `help(db)` lists them.
pub static DB: Class<R> = Class::new(
    "SQLAlchemy",
    &[
        Member::attr(
            "Model",
            |_, _| Ok(crate::eval::model_base::value()),
            "the base of every model: class Name(db.Model):, isinstance(obj, db.Model)",
        ),
        Member::attr(
            "Column",
            |_, _| Ok(Interp::native("Column", column)),
            "a column: db.Column(type, db.ForeignKey(...), primary_key=..., ...)",
        )
        .declarable(),
        col_type!("Integer", "the INTEGER column type"),
        col_type!("BigInteger", "the BIGINT column type"),
        col_type!("SmallInteger", "the SMALLINT column type"),
        col_type!("Float", "the FLOAT column type"),
        col_type!("Numeric", "the NUMERIC column type, read as Decimal"),
        col_type!("DECIMAL", "the DECIMAL column type, read as Decimal"),
        col_type!(
            "Double",
            "the DOUBLE column type (DOUBLE PRECISION on PostgreSQL), read as float"
        ),
        col_type!("String", "the VARCHAR column type: db.String(80)"),
        col_type!(
            "Unicode",
            "the VARCHAR column type for text: db.Unicode(80)"
        ),
        col_type!("Text", "the TEXT column type"),
        col_type!("UnicodeText", "the TEXT column type for text"),
        col_type!("Boolean", "the BOOLEAN column type"),
        col_type!("Date", "the DATE column type, read as date"),
        col_type!("DateTime", "the DATETIME column type, read as datetime"),
        col_type!("Time", "the TIME column type, read as time"),
        col_type!("LargeBinary", "the BLOB column type, read as bytes"),
        col_type!("JSON", "the JSON column type: lists, dicts, ..."),
        col_type!("Enum", "a VARCHAR of listed values: db.Enum('a', 'b')"),
        col_type!("Uuid", "a CHAR(32) of hex digits, read as uuid.UUID"),
        col_type!(
            "Interval",
            "a DATETIME that far from 1970-01-01, read as timedelta"
        ),
        col_type!("INTEGER", "INTEGER, an Integer (what reflection gives)"),
        col_type!("BIGINT", "BIGINT, a BigInteger"),
        col_type!("SMALLINT", "SMALLINT, a SmallInteger"),
        col_type!("VARCHAR", "VARCHAR(n), a String"),
        col_type!("NVARCHAR", "NVARCHAR(n), a Unicode"),
        col_type!("CHAR", "CHAR(n), a String"),
        col_type!("NCHAR", "NCHAR(n), a Unicode"),
        col_type!("TEXT", "TEXT, a Text"),
        col_type!("CLOB", "CLOB, a Text"),
        col_type!("REAL", "REAL, a Float"),
        col_type!("FLOAT", "FLOAT, a Float"),
        col_type!("DOUBLE", "DOUBLE, a Float"),
        col_type!("NUMERIC", "NUMERIC(p, s), a Numeric"),
        col_type!("BOOLEAN", "BOOLEAN, a Boolean"),
        col_type!("DATE", "DATE, a Date"),
        col_type!("DATETIME", "DATETIME, a DateTime"),
        col_type!("TIMESTAMP", "TIMESTAMP, a DateTime"),
        col_type!("TIME", "TIME, a Time"),
        col_type!("BLOB", "BLOB, a LargeBinary"),
        col_type!("UUID", "UUID, a Uuid (read as uuid.UUID)"),
        Member::attr(
            "ForeignKey",
            |_, _| Ok(Interp::native("ForeignKey", foreign_key)),
            "a column's foreign key: db.ForeignKey('table.column')",
        )
        .declarable(),
        Member::attr(
            "MetaData",
            |_, _| Ok(Interp::native("MetaData", crate::eval::metadata_def::metadata)),
            "a MetaData with a naming convention for SQLAlchemy(metadata=...): MetaData(naming_convention={'pk': 'pk_%(table_name)s'})",
        ),
        Member::attr(
            "Sequence",
            |_, _| Ok(Interp::native("Sequence", crate::eval::sequence::sequence)),
            "a column's sequence: db.Column(db.Integer, db.Sequence('user_id_seq'), primary_key=True) (PostgreSQL; ignored on SQLite)",
        )
        .declarable(),
        Member::attr(
            "Identity",
            |_, _| Ok(Interp::native("Identity", crate::eval::identity::identity)),
            "an identity column: db.Column(db.Integer, db.Identity(start=10), primary_key=True) (PostgreSQL's GENERATED … AS IDENTITY; SQLite writes nothing)",
        )
        .declarable(),
        Member::attr(
            "Computed",
            |_, _| Ok(Interp::native("Computed", crate::eval::computed::computed)),
            "a generated column: db.Column(db.Integer, db.Computed('price * qty'))",
        )
        .declarable(),
        schema_item!(
            "UniqueConstraint",
            unique_constraint,
            "a UNIQUE constraint for __table_args__: db.UniqueConstraint('a', 'b', name=...)"
        ),
        schema_item!(
            "CheckConstraint",
            check_constraint,
            "a CHECK constraint for __table_args__: db.CheckConstraint('price > 0')"
        ),
        schema_item!(
            "PrimaryKeyConstraint",
            primary_key_constraint,
            "a (composite) primary key for __table_args__: db.PrimaryKeyConstraint('a', 'b')"
        ),
        schema_item!(
            "ForeignKeyConstraint",
            foreign_key_constraint,
            "a foreign key for __table_args__: db.ForeignKeyConstraint(['a_id'], ['a.id'])"
        ),
        schema_item!(
            "Index",
            index,
            "an index: db.Index('ix_name', 'a', 'b', unique=True), in __table_args__ or on Model.col"
        ),
        Member::attr(
            "relationship",
            |_, _| {
                Ok(Interp::native(
                    "relationship",
                    crate::eval::rel_specs::relationship,
                ))
            },
            "a relationship to another model: db.relationship('Post', backref='author')",
        )
        .declarable(),
        Member::attr(
            "backref",
            |_, _| Ok(Interp::native("backref", crate::eval::rel_specs::backref)),
            "a back-reference with options: backref=db.backref('author', lazy=...)",
        )
        .declarable(),
        Member::attr(
            "Table",
            |_, _| Ok(Interp::native("Table", crate::eval::table_def::table)),
            "a table without a model: db.Table('tags', db.Column(...), ...)",
        )
        .declarable(),
        Member::attr(
            "table",
            |_, _| Ok(Interp::native("table", crate::eval::table_clause::table)),
            "a table for Core statements, no metadata: db.table('user', db.column('id'))",
        ),
        Member::method(
            "create_all",
            create_all,
            Sig::kw(&["bind_key"]),
            "create the tables of the defined models that do not exist",
        ),
        Member::method(
            "init_app",
            |me, _, mut a| {
                let app = a.arg(0, "app");
                a.count(0, 1)?;
                let app = app.ok_or_else(|| {
                    Error::type_("init_app() missing 1 required positional argument: 'app'")
                })?;
                crate::eval::pymod::flask::init_app(me, &app)?;
                Ok(Value::None)
            },
            Sig::kw(&["app"]),
            "register a Flask app: open its SQLALCHEMY_DATABASE_URI (Flask-SQLAlchemy's init_app)",
        ),
        Member::method(
            "drop_all",
            drop_all,
            Sig::kw(&["bind_key"]),
            "drop the tables of the defined models, with their data",
        ),
        Member::method(
            "reflect",
            reflect,
            Sig::kw(&["bind_key"]),
            "map the database's tables that no model maps",
        ),
        Member::attr(
            "session",
            |_, _| Ok(Interp::namespace(Ns::Session)),
            "the session: add, commit, execute, ...",
        ),
        Member::attr(
            "select",
            |_, _| Ok(Interp::native("select", crate::eval::db::select)),
            "a 2.0 SELECT statement: db.select(User)",
        ),
        Member::attr(
            "insert",
            |_, _| Ok(Interp::native("insert", super::dml::insert)),
            "a 2.0 INSERT statement: db.insert(User).values(name='x')",
        ),
        Member::attr(
            "update",
            |_, _| Ok(Interp::native("update", super::dml::update)),
            "a 2.0 UPDATE statement: db.update(User).where(...).values(...)",
        ),
        Member::attr(
            "delete",
            |_, _| Ok(Interp::native("delete", super::dml::delete)),
            "a 2.0 DELETE statement: db.delete(User).where(...)",
        ),
        Member::method(
            "get_or_404",
            get_or_404,
            Sig::kw(&["description"]),
            "the object with this primary key, or 404 Not Found",
        ),
        Member::method(
            "first_or_404",
            first_or_404,
            Sig::kw(&["description"]),
            "the statement's first result, or 404 Not Found",
        ),
        Member::method(
            "one_or_404",
            one_or_404,
            Sig::kw(&["description"]),
            "the statement's only result, or 404 Not Found",
        ),
        Member::method(
            "paginate",
            paginate,
            PAGINATE,
            "one page of a statement's results: db.paginate(db.select(User), page=2)",
        ),
        Member::attr(
            "metadata",
            |_, _| Ok(Interp::namespace(Ns::Metadata)),
            "the tables of the models and db.Table (db.metadata.tables)",
        )
        .declarable(),
        Member::attr(
            "engine",
            |_, _| Ok(Interp::namespace(Ns::Engine)),
            "the database connection (db.engine.url)",
        ),
        Member::attr(
            "engines",
            super::metadata::engines,
            "the engines by bind key: {None: db.engine}",
        ),
        Member::attr(
            "metadatas",
            super::metadata::metadatas,
            "the metadata by bind key: {None: db.metadata}",
        ),
        Member::method(
            "get_engine",
            super::metadata::get_engine,
            Sig::kw(&["bind_key"]),
            "the engine of a bind key (None, the one ormsh has)",
        ),
        Member::attr(
            "func",
            |_, _| Ok(Interp::namespace(Ns::Func)),
            "SQL functions by name: db.func.count(User.id)",
        )
        .declarable(),
        lent!("and_", "all of these conditions (SQL AND)"),
        lent!("or_", "any of these conditions (SQL OR)"),
        lent!("not_", "the condition negated (SQL NOT)"),
        lent!("desc", "descending order: db.desc(User.name)"),
        lent!("asc", "ascending order: db.asc(User.name)"),
        lent!("text", "literal SQL: db.text('SELECT 1')"),
        Member::attr(
            "aliased",
            |_, _| builtin("aliased"),
            "a model under another name: db.aliased(User)",
        ),
        Member::attr(
            "DDL",
            |_, _| Ok(Interp::native("DDL", crate::eval::metadata_ddl::ddl)),
            "SQL of your own for create_all: event.listen(db.metadata, 'after_create', db.DDL('CREATE VIEW …'))",
        ),
        Member::method(
            "FetchedValue",
            |_, _, a| {
                a.count(0, 0)?;
                Ok(Value::obj(crate::eval::objects::FetchedValue))
            },
            Sig::NONE,
            "a value the database sets itself: server_default=db.FetchedValue()",
        )
        .declarable(),
        Member::method(
            "with_parent",
            |me, _, a| crate::eval::with_parent::with_parent(me, a),
            Sig::NONE,
            "the criterion for the objects obj.rel holds: db.with_parent(user, User.posts)",
        ),
        Member::attr(
            "exists",
            |_, _| builtin("exists"),
            "EXISTS (SELECT ...): db.exists().where(...)",
        ),
        Member::attr(
            "union",
            |_, _| builtin("union"),
            "rows of any of these statements, once",
        ),
        Member::attr(
            "union_all",
            |_, _| builtin("union_all"),
            "rows of all these statements",
        ),
        Member::attr(
            "intersect",
            |_, _| builtin("intersect"),
            "rows of every statement, once",
        ),
        Member::attr(
            "intersect_all",
            |_, _| builtin("intersect_all"),
            "INTERSECT ALL of statements",
        ),
        Member::attr(
            "except_",
            |_, _| builtin("except_"),
            "rows of the first not in the others",
        ),
        Member::attr(
            "except_all",
            |_, _| builtin("except_all"),
            "EXCEPT ALL of statements",
        ),
        Member::method(
            "inspect",
            inspect,
            Sig::NONE,
            "an object's state: db.inspect(obj).persistent, ...",
        ),
        Member::method(
            "make_transient",
            make_transient,
            Sig::NONE,
            "detach an object and forget its row, as if new",
        ),
        Member::method(
            "make_transient_to_detached",
            make_transient_to_detached,
            Sig::NONE,
            "make a new object with a key detached, as if loaded",
        ),
    ],
)
// What the members whose result has a fixed class give (read by Tab
// completion).
.with_results(&[
    ("session", Returns::Class(&SESSION)),
    ("metadata", Returns::Class(&METADATA)),
    ("engine", Returns::Class(&ENGINE)),
    ("func", Returns::Class(&FUNC)),
    ("select", Returns::Function(&SELECT)),
    ("paginate", Returns::Class(&PAGINATION)),
    ("get_or_404", Returns::Object),
    ("first_or_404", Returns::Object),
    ("one_or_404", Returns::Object),
])
.with_base(&super::db_sql::DB_SQL)
.with_missing(missing);
