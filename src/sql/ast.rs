//! Statements as plain data: what the ORM builds and `sql::compile` turns into
//! `(sql, params)`. Values are never spliced into text; they are `Param`s.
//! This module knows nothing of models, sessions or rusqlite.

use std::rc::Rc;

/// A value bound to a `?` placeholder.
#[derive(Clone, Debug, PartialEq)]
pub enum Param {
    Null,
    Int(i64),
    Real(f64),
    Text(Rc<str>),
    Blob(Rc<[u8]>),
    /// An exact decimal in its text (`12.50`): a `numeric` PostgreSQL
    /// gives, or a `Decimal` bound where the database has a decimal type
    /// (psycopg2 adapts `Decimal` exactly; pysqlite gets a float, so
    /// SQLite never sees one).
    Decimal(Rc<str>),
    /// A Python bool bound where the database has a boolean type (psycopg2
    /// adapts `True` as `true`; SQLAlchemy's SQLite dialect binds 1/0, so
    /// SQLite never sees one).
    Bool(bool),
    /// A `timedelta` bound where the database has an interval type, in
    /// microseconds (psycopg2 adapts it as a typed `'… seconds'::interval`
    /// literal; SQLAlchemy's SQLite dialect binds the epoch plus it as
    /// text, so SQLite never sees one).
    Interval(i64),
    /// A value pysqlite has no adapter for (a list, a dict, a tuple…),
    /// bound as SQLAlchemy binds it: the statement fails when it runs,
    /// with pysqlite's "Error binding parameter N" (`engine::bindable`).
    Unbindable(Rc<Unbindable>),
}

/// What [`Param::Unbindable`] keeps of the value: its Python type's name
/// and its repr, for the error and its `[parameters: …]` line.
#[derive(Clone, Debug, PartialEq)]
pub struct Unbindable {
    pub type_name: Rc<str>,
    pub repr: Rc<str>,
}

pub use super::ast_ddl::{CheckDdl, ColumnDdl, CreateIndex, CreateTable, ForeignKeyDdl};
pub use super::compiled::{Compiled, Shown};
pub use super::func_modifier::FuncModifierKind;
pub use super::late::{Late, LateValue};

#[derive(Clone, Debug, PartialEq)]
pub enum SqlExpr {
    /// `table.column` (table may be an alias such as `anon_1` or `user_1`);
    /// a `None` table renders the bare column name (used in UPDATE SET/DDL).
    Column {
        table: Option<Rc<str>>,
        name: Rc<str>,
    },
    /// A bound value: `?`. `key` is the column name it is compared with, used
    /// only for display names such as `__[POSTCOMPILE_id_1]`.
    Param { value: Param, key: Option<Rc<str>> },
    /// A value bound when the statement runs (`?`, like `Param`); compiled
    /// statements list them in [`Compiled::late`].
    Late { value: Late, key: Option<Rc<str>> },
    /// SQL NULL written literally (`IS NULL`).
    Null,
    /// `*` (as in `count(*)`).
    Star,
    /// A literal keyword-free number written into the text (e.g. `1` in
    /// `SELECT 1` for exists). Only for constants the compiler controls.
    Raw(Rc<str>),
    Binary {
        op: BinaryOp,
        left: Box<SqlExpr>,
        right: Box<SqlExpr>,
    },
    /// `a AND b AND c`
    And(Vec<SqlExpr>),
    /// `a OR b OR c`
    Or(Vec<SqlExpr>),
    /// `NOT a`
    Not(Box<SqlExpr>),
    /// Unary minus.
    Neg(Box<SqlExpr>),
    /// `~a`: `col.bitwise_not()` (SQLAlchemy's `bitwise_not_op`).
    BitNot(Box<SqlExpr>),
    /// `x IN (...)` / `x NOT IN (...)` over bound values (an "expanding" IN).
    InList {
        expr: Box<SqlExpr>,
        values: Vec<Param>,
        negated: bool,
        /// The compared expression's type as PostgreSQL writes it
        /// (`VARCHAR(50)`), for the typed NULL of an empty list there
        /// (`PGCompiler.visit_empty_set_expr`); `None`: `INTEGER`.
        null_type: Option<std::rc::Rc<str>>,
    },
    /// `x IN (SELECT …)`
    InSelect {
        expr: Box<SqlExpr>,
        select: Box<Select>,
        negated: bool,
    },
    Between {
        expr: Box<SqlExpr>,
        low: Box<SqlExpr>,
        high: Box<SqlExpr>,
        negated: bool,
        /// `BETWEEN SYMMETRIC` (`symmetric=True`; SQLite refuses it when
        /// the statement runs, as it does under SQLAlchemy).
        symmetric: bool,
    },
    /// `name(args…)`, e.g. `count(*)`, `lower(user.name)`.
    Func { name: Rc<str>, args: Vec<SqlExpr> },
    /// `func OVER (PARTITION BY … ORDER BY …)`: a window function
    /// (`func.row_number().over(order_by=…)`, `sql::window`).
    Over {
        func: Box<SqlExpr>,
        partition_by: Vec<SqlExpr>,
        order_by: Vec<SqlExpr>,
        /// `ROWS/RANGE/GROUPS BETWEEN … AND …` (`rows=(None, 0)`).
        frame: Option<Box<crate::sql::window::Frame>>,
    },
    /// `f(…) FILTER (WHERE …)` or `f(…) WITHIN GROUP (ORDER BY …)`:
    /// SQLAlchemy's `FunctionFilter` and `WithinGroup` (`sql::func_modifier`).
    FuncModifier {
        func: Box<SqlExpr>,
        kind: FuncModifierKind,
        clauses: Vec<SqlExpr>,
    },
    /// `type_coerce(expr, type_)`: written as `expr` itself, but a column
    /// of a result, named as a CAST is (SQLAlchemy's `TypeCoerce`, a
    /// `WrapsColumnExpression`).
    TypeCoerce(Box<SqlExpr>),
    /// `expr AS name` (in a column list).
    Label { expr: Box<SqlExpr>, name: Rc<str> },
    /// `expr DESC` / `expr ASC` (in ORDER BY).
    Order { expr: Box<SqlExpr>, desc: bool },
    /// `EXISTS (SELECT …)`
    Exists(Box<Select>),
    /// `(SELECT …)` as a scalar value.
    Subquery(Box<Select>),
    /// Raw SQL from `text('…')`; `:name` placeholders are bound from `binds`.
    Text {
        sql: Rc<str>,
        binds: Vec<(Rc<str>, Param)>,
    },
    /// `(expr)` — explicit grouping kept from the source.
    Grouping(Box<SqlExpr>),
    /// `CAST(expr AS type)`
    Cast {
        expr: Box<SqlExpr>,
        type_sql: Rc<str>,
    },
    /// `CASE [value] WHEN c THEN v … ELSE e END` (`case()`; with `value=`
    /// each `c` is compared with `value`).
    Case {
        value: Option<Box<SqlExpr>>,
        whens: Vec<(SqlExpr, SqlExpr)>,
        else_: Option<Box<SqlExpr>>,
    },
    /// `DISTINCT x`, as in `count(DISTINCT user.name)`.
    Distinct(Box<SqlExpr>),
    /// A LIKE-family comparison (`Like`, `ILike`, `StartsWith`, … and their
    /// negations, as a `Binary`) with `ESCAPE 'c'`, as `like(x, escape='c')`
    /// or `contains(x, autoescape=True)` build it. The escape text is written
    /// as an SQL string literal (never a parameter, as in SQLAlchemy); the
    /// pattern stays a bound value, already escaped by the ORM.
    Escape { like: Box<SqlExpr>, escape: Rc<str> },
    /// `true()` / `false()`, as the dialect writes them (`1`/`0` on SQLite).
    Bool(bool),
    /// `(a, b, …)`: `tuple_(a, b)`.
    Tuple(Vec<SqlExpr>),
    /// `(a, b) IN (VALUES (?, ?), …)`: an expanding `IN` of tuples of bound
    /// values, as `tuple_(a, b).in_([(1, 2), …])` builds it.
    InTuples {
        expr: Box<SqlExpr>,
        rows: Vec<Vec<Param>>,
        negated: bool,
    },
    /// `extract(field, expr)`, as the dialect writes it; `field` is one of
    /// `dialect::EXTRACT_FIELDS`.
    Extract { field: Rc<str>, expr: Box<SqlExpr> },
    /// `expr NULLS FIRST` / `expr NULLS LAST` (in ORDER BY).
    Nulls { expr: Box<SqlExpr>, first: bool },
    /// `expr COLLATE name`, the name quoted as an identifier.
    Collate {
        expr: Box<SqlExpr>,
        collation: Rc<str>,
    },
    /// `left OP right` with an operator the script names (`op('*')`),
    /// grouped at `precedence` as SQLAlchemy's `custom_op`.
    CustomOp {
        op: Rc<str>,
        precedence: i32,
        left: Box<SqlExpr>,
        right: Box<SqlExpr>,
    },
    /// `literal_column('text')`: the text as written, a column of no table.
    LiteralColumn(Rc<str>),
    /// `expr[path]` on a JSON value (`sql::json`): one index
    /// (`json_getitem_op`) or a path given as a tuple (`is_path`,
    /// `json_path_getitem_op`), read as JSON or, with `cast`, as the type
    /// of that DDL name (`.as_integer()`: `INTEGER`).
    JsonIndex {
        expr: Box<SqlExpr>,
        path: Vec<super::json::JsonStep>,
        is_path: bool,
        cast: Option<Rc<str>>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Is,
    IsNot,
    Like,
    NotLike,
    /// SQLAlchemy renders `ilike` on SQLite as `lower(a) LIKE lower(b)`.
    ILike,
    NotILike,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    /// String concatenation `||`.
    Concat,
    /// Python `/` between two integer expressions: SQLAlchemy 2.x renders
    /// true division as `a / (b + 0.0)`. (`Div` is plain `/`, which is also
    /// what `//` renders as.)
    TrueDivInt,
    /// Python `//` with a Float or Numeric operand: `FLOOR(a / b)`
    /// (SQLAlchemy's `visit_floordiv_binary`; between integers `//` is
    /// `Div`).
    FloorDiv,
    /// Python `/` by a Float or Numeric divisor, the right side a `Cast`
    /// to its type: SQLite writes `a / (b + 0.0)` (the cast left out), the
    /// default dialect `a / CAST(b AS FLOAT)` (`visit_truediv_binary`).
    TrueDivCast,
    /// `col.startswith(v)`: `(a LIKE b || '%')`, parenthesised as SQLAlchemy
    /// writes it.
    StartsWith,
    /// `~col.startswith(v)`: `(a NOT LIKE b || '%')`.
    NotStartsWith,
    /// `col.endswith(v)`: `(a LIKE '%' || b)`.
    EndsWith,
    NotEndsWith,
    /// `col.contains(v)`: `(a LIKE '%' || b || '%')`.
    Contains,
    NotContains,
    /// `col.istartswith(v)`: `(lower(a) LIKE lower(b) || '%')`
    /// (SQLAlchemy's `istartswith_op`).
    IStartsWith,
    NotIStartsWith,
    /// `col.iendswith(v)`: `(lower(a) LIKE '%' || lower(b))`.
    IEndsWith,
    NotIEndsWith,
    /// `col.icontains(v)`: `(lower(a) LIKE '%' || lower(b) || '%')`.
    IContains,
    NotIContains,
    /// `col.regexp_match(p)`: `a REGEXP b` on SQLite (`regexp_match_op`),
    /// run by the `regexp` function the engine registers.
    Regexp,
    NotRegexp,
    /// `col.match(term)`: `a MATCH b` (SQLite's full-text search, the
    /// default compiler's `match_op`); PostgreSQL writes
    /// `a @@ plainto_tsquery(b)`. `~` of it is `NOT a MATCH b`.
    Match,
    NotMatch,
    /// `col.is_distinct_from(x)`: `a IS NOT b` on SQLite
    /// (`visit_is_distinct_from_binary`), `a IS DISTINCT FROM b` elsewhere.
    DistinctFrom,
    /// `col.is_not_distinct_from(x)`: `a IS b` on SQLite.
    NotDistinctFrom,
    /// `col.bitwise_and(x)` and the others of SQLAlchemy 2.0's bitwise
    /// operators: `&`, `|`, `<<`, `>>`; `bitwise_xor` is `^`, PostgreSQL's
    /// `#`, SQLite's `(a | b - a & b)` (`SQLiteCompiler.visit_bitwise_xor_op_binary`).
    BitAnd,
    BitOr,
    BitXor,
    LShift,
    RShift,
}

/// How a join keeps rows without a match: `JOIN` keeps none, `LEFT OUTER
/// JOIN` the left side's, `FULL OUTER JOIN` both sides' (SQLite 3.39+).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinKind {
    Inner,
    Left,
    Full,
}

impl JoinKind {
    /// The SQL between the two sides, spaces included.
    pub fn sql(self) -> &'static str {
        match self {
            JoinKind::Inner => " JOIN ",
            JoinKind::Left => " LEFT OUTER JOIN ",
            JoinKind::Full => " FULL OUTER JOIN ",
        }
    }
}

/// A table in a FROM clause, possibly aliased, or a join of two.
#[derive(Clone, Debug, PartialEq)]
pub enum FromItem {
    Table {
        name: Rc<str>,
        alias: Option<Rc<str>>,
    },
    Join {
        left: Box<FromItem>,
        right: Box<FromItem>,
        on: SqlExpr,
        kind: JoinKind,
    },
    Subquery {
        select: Box<Select>,
        alias: Rc<str>,
    },
    /// A common table expression, written by its name here and as
    /// `WITH name AS (…)` before the statement (`sql::cte`).
    Cte(Rc<Cte>),
    /// `select_from(text('log'))`: SQL text written as it is.
    Text(Rc<str>),
}

impl FromItem {
    /// The name the statement refers to this item by: its alias, else its
    /// table's or CTE's name (`None` for a join).
    pub fn alias_name(&self) -> Option<&Rc<str>> {
        match self {
            FromItem::Table { name, alias } => Some(alias.as_ref().unwrap_or(name)),
            FromItem::Subquery { alias, .. } => Some(alias),
            FromItem::Cte(c) => Some(c.alias.as_ref().unwrap_or(&c.name)),
            FromItem::Join { .. } | FromItem::Text(_) => None,
        }
    }
}

/// SQLAlchemy's `CTE`: a named SELECT the statement reads as a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Cte {
    pub name: Rc<str>,
    pub select: Select,
    /// `WITH RECURSIVE name(col, …)`: the body may read `name` itself.
    pub recursive: bool,
    /// The names of its columns (listed after a recursive CTE's name).
    pub columns: Vec<Rc<str>>,
    /// `cte.alias('pr')`: read as `name AS pr` (SQLAlchemy's CTE alias).
    pub alias: Option<Rc<str>>,
    /// Which `cte()` made it (`compile_check::fresh_cte_id`).
    pub id: u64,
}

/// How a compound SELECT joins its members (SQLAlchemy's
/// `CompoundSelect` keywords).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetOp {
    Union,
    UnionAll,
    Intersect,
    IntersectAll,
    Except,
    ExceptAll,
}

impl SetOp {
    /// The keyword between two members.
    pub fn sql(self) -> &'static str {
        match self {
            SetOp::Union => "UNION",
            SetOp::UnionAll => "UNION ALL",
            SetOp::Intersect => "INTERSECT",
            SetOp::IntersectAll => "INTERSECT ALL",
            SetOp::Except => "EXCEPT",
            SetOp::ExceptAll => "EXCEPT ALL",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Select {
    pub distinct: bool,
    pub columns: Vec<SqlExpr>,
    pub from: Vec<FromItem>,
    /// ANDed together.
    pub where_: Vec<SqlExpr>,
    pub group_by: Vec<SqlExpr>,
    /// ANDed together.
    pub having: Vec<SqlExpr>,
    pub order_by: Vec<SqlExpr>,
    pub limit: Option<SqlExpr>,
    /// `fetch()`: `limit` written as `FETCH FIRST … ROWS`.
    pub fetch: Option<super::select::FetchFirst>,
    pub offset: Option<SqlExpr>,
    /// A compound SELECT (`a UNION b …`) when not empty: its members, each
    /// after the keyword joining it to the one before (the first's is
    /// unused); `columns` … `having` are then empty, and `order_by`,
    /// `limit`, `offset` apply to the whole.
    pub compound: Vec<(SetOp, Select)>,
    /// `with_for_update()`: the dialect's row-locking clause after the
    /// LIMIT (SQLAlchemy's `for_update_clause`; SQLite writes none).
    pub for_update: bool,
    /// Which enclosing FROMs it leaves out when nested (`correlate()`).
    pub correlate: super::correlate::Correlate,
    /// `prefix_with(...)`: text after `SELECT`, before `DISTINCT`, each
    /// with the dialect it is for (`*` for any).
    pub prefixes: Vec<(Rc<str>, Rc<str>)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Insert {
    pub table: Rc<str>,
    pub columns: Vec<Rc<str>>,
    /// One or more rows of values, one per column.
    pub rows: Vec<Vec<Param>>,
    /// `RETURNING a, b` (empty: none). SQLAlchemy's ORM flush on SQLite uses
    /// `RETURNING id` to learn generated keys.
    pub returning: Vec<Rc<str>>,
}

/// SQLAlchemy Core's `insert(table).values(...)`: rows of SQL expressions
/// (bound values or SQL such as `func.upper(...)`), one per column, and the
/// columns its RETURNING names. Bound values are named after their column
/// (`:name`; `:name_m0`, `:name_m1` … when there are several rows), as
/// SQLAlchemy's `crud` names them.
#[derive(Clone, Debug, PartialEq)]
pub struct ValuesInsert {
    pub table: Rc<str>,
    pub columns: Vec<Rc<str>>,
    pub rows: Vec<Vec<SqlExpr>>,
    /// Several rows were given (`values([...])`): `_m0` names even for one.
    pub multi: bool,
    /// SQLite's `ON CONFLICT …` clauses (`sql::upsert`), after VALUES.
    pub on_conflict: Vec<super::upsert::OnConflict>,
    pub returning: Vec<Rc<str>>,
    /// `prefix_with(...)`: text after `INSERT` (`OR IGNORE`), each with
    /// the dialect it is for (`*` for any), as SQLAlchemy keeps them.
    pub prefixes: Vec<(Rc<str>, Rc<str>)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Update {
    pub table: Rc<str>,
    pub set: Vec<(Rc<str>, SqlExpr)>,
    pub where_: Vec<SqlExpr>,
    /// FROM items the criteria read under another name (an alias,
    /// `user AS user_1`), written in an `UPDATE … FROM`; another table
    /// the criteria name is written by its name.
    pub from: Vec<FromItem>,
    /// `prefix_with(...)`: text after `UPDATE` (`OR IGNORE`), each with
    /// the dialect it is for (`*` for any).
    pub prefixes: Vec<(Rc<str>, Rc<str>)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Delete {
    pub table: Rc<str>,
    pub where_: Vec<SqlExpr>,
    /// `prefix_with(...)`: text after `DELETE`, each with its dialect.
    pub prefixes: Vec<(Rc<str>, Rc<str>)>,
}

/// Is `e` (ungrouped) a named column, so that a unary operator over it
/// (`-x`, `~x`) is selected without a label (SQLAlchemy's
/// `UnaryExpression._wraps_unnamed_column`)?
pub fn is_named_column(e: &SqlExpr) -> bool {
    match e {
        SqlExpr::Grouping(x) => is_named_column(x),
        SqlExpr::Column { .. } | SqlExpr::Label { .. } => true,
        _ => false,
    }
}
