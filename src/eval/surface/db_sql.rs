//! The part of `db` Flask-SQLAlchemy lends from `sqlalchemy` and
//! `sqlalchemy.orm` (its `SQLAlchemy.__getattr__`): the SQL expression
//! functions (`db.case`, `db.cast`, `db.literal`, …, made in
//! `eval::builtins_sqlexpr`), the loader options ormsh has
//! (`db.joinedload`, …), and for every other name of those modules a
//! `NotImplementedError` naming it, never an `AttributeError`. `db`'s own
//! table (`surface/db.rs`) extends this one.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::builtins_sqlexpr as sqlexpr;
use crate::eval::objects::Namespace;
use crate::eval::surface::{Class, Member};
use crate::value::Value;

type R = Rc<Namespace>;

/// A built-in name `db` also lends (`db.joinedload` is `joinedload`).
fn builtin(name: &str) -> Result<Value> {
    crate::eval::builtins::lookup(name)
        .ok_or_else(|| Error::attr(format!("db.{name} is no built-in")))
}

/// `db.event`, `db.exc`: the module of that name (`sqlalchemy.event`
/// is lent by Flask-SQLAlchemy's `__getattr__`, `sqlalchemy.exc` as an
/// attribute of `sqlalchemy`).
fn module(name: &str) -> Result<Value> {
    crate::eval::pymod::find(name)
        .map(crate::eval::pymod::value)
        .ok_or_else(|| Error::attr(format!("no module {name}")))
}

/// `db.NAME`: the function of `sqlalchemy` of that name.
macro_rules! sqlfn {
    ($name:literal, $f:path, $doc:literal) => {
        Member::attr($name, |_, _| Ok(Interp::native($name, $f)), $doc)
    };
}

/// A built-in name lent by `db` as well.
macro_rules! lent {
    ($name:literal, $doc:literal) => {
        Member::attr($name, |_, _| builtin($name), $doc)
    };
}

/// What `db` lends from SQLAlchemy, in the order `help(db)` lists it.
pub static DB_SQL: Class<R> = Class::new(
    "SQLAlchemy",
    &[
        sqlfn!(
            "case",
            sqlexpr::case,
            "CASE WHEN …: db.case((User.age > 30, 'old'), else_='young')"
        ),
        sqlfn!(
            "cast",
            sqlexpr::cast,
            "CAST(x AS type): db.cast(User.age, db.String)"
        ),
        sqlfn!(
            "extract",
            sqlexpr::extract,
            "a part of a date: db.extract('year', Post.created)"
        ),
        sqlfn!(
            "bindparam",
            crate::eval::bindparam::bindparam,
            "a named parameter, its value given when the statement runs: db.bindparam('x')"
        ),
        sqlfn!(
            "type_coerce",
            crate::eval::bindparam::type_coerce,
            "an expression read as another type, without CAST: db.type_coerce(x, db.String)"
        ),
        sqlfn!(
            "literal",
            sqlexpr::literal,
            "a Python value as a bound SQL value"
        ),
        sqlfn!(
            "literal_column",
            sqlexpr::literal_column,
            "SQL text used as a column: db.literal_column('1')"
        ),
        sqlfn!(
            "column",
            sqlexpr::column,
            "a column by name, of no table: db.column('id')"
        ),
        sqlfn!(
            "tuple_",
            sqlexpr::tuple_,
            "(a, b): db.tuple_(A.x, A.y).in_([(1, 2)])"
        ),
        sqlfn!("true", sqlexpr::true_, "SQL true"),
        sqlfn!(
            "validates",
            crate::eval::validates::validates,
            "a model method run on each value set: @validates('email')"
        ),
        sqlfn!("false", sqlexpr::false_, "SQL false"),
        sqlfn!("null", sqlexpr::null, "SQL NULL"),
        sqlfn!(
            "nulls_first",
            sqlexpr::nulls_first,
            "ORDER BY … NULLS FIRST: db.nulls_first(User.age)"
        ),
        sqlfn!(
            "nulls_last",
            sqlexpr::nulls_last,
            "ORDER BY … NULLS LAST: db.nulls_last(User.age.desc())"
        ),
        sqlfn!(
            "nullsfirst",
            sqlexpr::nulls_first,
            "NULLS FIRST (older name)"
        ),
        sqlfn!("nullslast", sqlexpr::nulls_last, "NULLS LAST (older name)"),
        sqlfn!(
            "distinct",
            sqlexpr::distinct,
            "DISTINCT x: db.func.count(db.distinct(User.city))"
        ),
        sqlfn!(
            "collate",
            sqlexpr::collate,
            "x COLLATE name: db.collate(User.name, 'NOCASE')"
        ),
        sqlfn!(
            "over",
            crate::eval::window::over,
            "a window function: db.over(db.func.rank(), order_by=User.age)"
        ),
        sqlfn!(
            "between",
            sqlexpr::between,
            "x BETWEEN a AND b: db.between(User.age, 20, 30)"
        ),
        Member::attr(
            "event",
            |_, _| module("sqlalchemy.event"),
            "sqlalchemy.event (Flask-SQLAlchemy lends it): db.event.listen(User, 'before_insert', f)"
        ),
        Member::attr(
            "exc",
            |_, _| module("sqlalchemy.exc"),
            "sqlalchemy.exc, SQLAlchemy's exceptions: except db.exc.IntegrityError:"
        ),
        lent!(
            "joinedload",
            "load a relationship in the same query (a JOIN)"
        ),
        lent!(
            "selectinload",
            "load a relationship with a second SELECT … IN"
        ),
        lent!("subqueryload", "load a relationship with a second query"),
        lent!("lazyload", "load a relationship when first read"),
        lent!("noload", "leave a relationship empty, never loaded"),
        lent!(
            "raiseload",
            "make reading an unloaded relationship an error (sql_only=True: only when it would run SQL)"
        ),
        sqlfn!(
            "contains_eager",
            crate::eval::contains_eager::contains_eager,
            "fill a relationship from the query's own join: .join(User.posts).options(db.contains_eager(User.posts))"
        ),
        sqlfn!(
            "defer",
            crate::eval::column_opts::defer,
            "leave a column out of the query, loaded when read: db.defer(Book.summary)"
        ),
        sqlfn!(
            "undefer",
            crate::eval::column_opts::undefer,
            "load a deferred column with the query: db.undefer(Book.summary)"
        ),
        sqlfn!(
            "load_only",
            crate::eval::column_opts::load_only,
            "load only these columns (and the key): db.load_only(Book.title)"
        ),
        sqlfn!(
            "undefer_group",
            crate::eval::column_opts::undefer_group,
            "load a group of deferred columns with the query: db.undefer_group('text')"
        ),
        Member::attr(
            "column_property",
            |_, _| {
                Ok(Interp::native(
                    "column_property",
                    crate::eval::column_property::column_property,
                ))
            },
            "an SQL expression loaded with the object: db.column_property(first + ' ' + last)",
        )
        .declarable(),
        Member::attr(
            "query_expression",
            |_, _| {
                Ok(Interp::native(
                    "query_expression",
                    crate::eval::column_property::query_expression,
                ))
            },
            "an attribute a query loads with with_expression(): score = db.query_expression()",
        )
        .declarable(),
        sqlfn!(
            "with_expression",
            crate::eval::column_opts::with_expression,
            "load a query_expression() as this SQL: db.with_expression(User.score, func.length(User.name))"
        ),
        Member::attr(
            "deferred",
            |_, _| Ok(Interp::native("deferred", crate::eval::column_opts::deferred)),
            "a model column loaded when first read: db.deferred(db.Column(db.Text))",
        )
        .declarable(),
        lent!(
            "defaultload",
            "a step on a loader option's path that keeps the relationship's own loading"
        ),
    ],
)
.with_base(&super::db_mapped::DB_MAPPED);
