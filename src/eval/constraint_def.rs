//! `db.UniqueConstraint`, `db.CheckConstraint`, `db.PrimaryKeyConstraint`,
//! `db.ForeignKeyConstraint` and `db.Index`: SQLAlchemy's schema items a
//! table takes besides its columns. Each call makes a [`ConstraintSpec`]
//! naming its columns as written (keys, column objects or expressions);
//! `eval::table_args` resolves them against the table that takes them. An
//! `Index` of a model's columns made outside the model (`db.Index('ix',
//! User.name)`) belongs to that table at once, as in SQLAlchemy, and
//! `create_all` makes it.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::TextClause;
use crate::orm::expr::ColumnElement;
use crate::sql::ast::SqlExpr;
use crate::sql::ddl_constraint::{Deferrability, TableIndex};
use crate::sql::ddl_expr::ddl_expression;
use crate::sql::dialect::Dialect;
use crate::syntax::span::Span;
use crate::value::{Object, Value};

/// A column as a constraint or index names it.
#[derive(Clone, Debug)]
pub enum ColRef {
    /// A string: the column's key (the model attribute's name).
    Key(Rc<str>, Span),
    /// A column object: `x` in the model's body, `User.x`, `t.c.x`.
    Column {
        table: Option<Rc<str>>,
        name: Rc<str>,
        span: Span,
    },
    /// Any other expression (an `Index` on `func.lower(x)`).
    Expr(SqlExpr, Span),
}

/// What kind of schema item a [`ConstraintSpec`] is.
#[derive(Clone, Debug)]
pub enum SpecKind {
    Unique,
    PrimaryKey,
    /// The condition, as SQL.
    Check(Rc<str>),
    ForeignKey {
        /// (table, column) of each referenced column.
        refs: Vec<(Rc<str>, Rc<str>)>,
        ondelete: Option<Rc<str>>,
        onupdate: Option<Rc<str>>,
    },
    Index {
        unique: bool,
        /// `unique=` was an integer (`unique=1`, as SQLAlchemy's SQLite
        /// reflection gives it): `Index.unique` reads it back so.
        unique_int: bool,
        where_sql: Option<Rc<str>>,
    },
}

/// A constraint or index as written, before a table takes it.
#[derive(Clone, Debug)]
pub struct ConstraintSpec {
    pub kind: SpecKind,
    pub name: Option<Rc<str>>,
    pub cols: Vec<ColRef>,
    pub defer: Deferrability,
}

impl ConstraintSpec {
    /// SQLAlchemy's class name (`UniqueConstraint`, `Index`, …).
    pub fn class_name(&self) -> &'static str {
        match self.kind {
            SpecKind::Unique => "UniqueConstraint",
            SpecKind::PrimaryKey => "PrimaryKeyConstraint",
            SpecKind::Check(_) => "CheckConstraint",
            SpecKind::ForeignKey { .. } => "ForeignKeyConstraint",
            SpecKind::Index { .. } => "Index",
        }
    }
}

impl Object for ConstraintSpec {
    fn type_name(&self) -> &str {
        self.class_name()
    }
}

/// A column reference from a value: a key, a column or an expression
/// (`text('lower(email)')` is SQL text, as SQLAlchemy's `Index` takes it).
fn col_ref(v: &Value, span: Span, what: &str) -> Result<ColRef> {
    if let Value::Str(s) = v {
        return Ok(ColRef::Key(Rc::from(&**s), span));
    }
    if let Some(t) = v.downcast::<TextClause>() {
        return Ok(ColRef::Expr(SqlExpr::Raw(t.0.clone()), span));
    }
    if let Some(e) = v.downcast::<ColumnElement>() {
        return Ok(match &e.expr {
            SqlExpr::Column { table, name } => ColRef::Column {
                table: table.clone(),
                name: name.clone(),
                span,
            },
            other => ColRef::Expr(other.clone(), span),
        });
    }
    Err(Error::new(
        ErrorKind::ArgumentError,
        format!(
            "{what}() takes columns by name or as column objects, not {}",
            v.type_name()
        ),
    )
    .at(span)
    .with_help(format!("write {what}('a', 'b') or {what}(a, b)")))
}

/// A keyword that must be a plain SQL phrase (`initially=`,
/// `sqlite_on_conflict=`), as SQLAlchemy's `validate_sql_phrase` wants.
pub(crate) fn phrase(v: Value, key: &str, span: Span) -> Result<Option<Rc<str>>> {
    match &v {
        Value::None => Ok(None),
        Value::Str(s) if crate::sql::ddl::is_sql_phrase(s) => Ok(Some(Rc::from(&**s))),
        other => Err(Error::new(
            ErrorKind::CompileError,
            format!(
                "{key}= takes a plain SQL phrase such as 'DEFERRED', not {}",
                match other {
                    Value::Str(s) => crate::value::repr::str_repr(s),
                    v => v.type_name().to_string(),
                }
            ),
        )
        .at(span)),
    }
}

/// The keywords common to constraints: `name`, `deferrable`, `initially`,
/// `sqlite_on_conflict`, `info`/`comment` (no SQL for SQLite), other
/// dialects' `<dialect>_<option>` (ignored); any other is SQLAlchemy's
/// `TypeError`. `own` keywords stay in `a` for the caller.
fn common_kw(a: &mut Args, own: &[&str]) -> Result<(Option<Rc<str>>, Deferrability)> {
    let mut name = None;
    let mut defer = Deferrability::default();
    for (k, v, span) in std::mem::take(&mut a.kw) {
        match &*k {
            k if own.contains(&k) => a.kw.push((Rc::from(k), v, span)),
            "name" => match &v {
                Value::None => {}
                Value::Str(s) => name = Some(Rc::from(&**s)),
                other => {
                    return Err(Error::type_(format!(
                        "name= takes a string, not {}",
                        other.type_name()
                    ))
                    .at(span));
                }
            },
            "deferrable" => {
                defer.deferrable = (!matches!(v, Value::None)).then(|| v.truthy());
            }
            "initially" => defer.initially = phrase(v, "initially", span)?,
            "sqlite_on_conflict" => defer.on_conflict = phrase(v, "sqlite_on_conflict", span)?,
            "info" | "comment" | "_column_flag" => {}
            k => dialect_kw(k, "Constraint", span)?,
        }
    }
    Ok((name, defer))
}

/// The dialects SQLAlchemy ships besides SQLite, whose options ormsh
/// accepts and ignores.
const OTHER_DIALECTS: &[&str] = &["mysql", "mariadb", "postgresql", "mssql", "oracle"];

/// A keyword no SQLite item reads: another dialect's option
/// (`mysql_engine`) is accepted and ignored, as SQLAlchemy accepts it; an
/// unknown `sqlite_` option is its `ArgumentError`; a keyword without a
/// dialect prefix is its `TypeError`. A prefix naming no dialect
/// (`extend_existin`, a typo SQLAlchemy lets through) is a `TypeError`
/// here.
pub fn dialect_kw(k: &str, class: &str, span: Span) -> Result<()> {
    match k.split_once('_') {
        Some((d, rest)) if OTHER_DIALECTS.contains(&d) && !rest.is_empty() => Ok(()),
        Some((d, _)) if d != "sqlite" && !d.is_empty() => Err(Error::type_(format!(
            "{class}() got an unexpected keyword argument '{k}'"
        ))
        .at(span)
        .with_help(
            "a dialect's option starts with its name: sqlite_autoincrement, mysql_engine, …",
        )),
        Some(("sqlite", _)) => Err(Error::new(
            ErrorKind::ArgumentError,
            format!(
                "Argument '{k}' is not accepted by dialect 'sqlite' on behalf of <class 'sqlalchemy.sql.schema.{class}'>"
            ),
        )
        .at(span)),
        _ => Err(Error::type_(format!(
            "Additional arguments should be named <dialectname>_<argument>, got '{k}'"
        ))
        .at(span)),
    }
}

/// The positional columns of a constraint, from `first` on.
fn cols_from(a: &Args, first: usize, what: &str) -> Result<Vec<ColRef>> {
    (first..a.pos.len())
        .map(|i| col_ref(&a.pos[i], a.span_of(i), what))
        .collect()
}

fn spec(kind: SpecKind, name: Option<Rc<str>>, cols: Vec<ColRef>, defer: Deferrability) -> Value {
    Value::obj(ConstraintSpec {
        kind,
        name,
        cols,
        defer,
    })
}

/// `db.UniqueConstraint(*columns, name=None, deferrable=None, initially=None)`
pub fn unique_constraint(_: &mut Interp, mut a: Args) -> Result<Value> {
    let (name, defer) = common_kw(&mut a, &[])?;
    let cols = cols_from(&a, 0, "UniqueConstraint")?;
    Ok(spec(SpecKind::Unique, name, cols, defer))
}

/// `db.PrimaryKeyConstraint(*columns, name=None)`
pub fn primary_key_constraint(_: &mut Interp, mut a: Args) -> Result<Value> {
    let (name, defer) = common_kw(&mut a, &[])?;
    let cols = cols_from(&a, 0, "PrimaryKeyConstraint")?;
    Ok(spec(SpecKind::PrimaryKey, name, cols, defer))
}

/// `db.CheckConstraint(sqltext, name=None)`: a string of SQL, `text()`,
/// or an expression (`x > 0`, written without table names).
pub fn check_constraint(me: &mut Interp, mut a: Args) -> Result<Value> {
    let (name, defer) = common_kw(&mut a, &["sqltext"])?;
    if let Some(t) = a.take_kw("sqltext") {
        a.pos.insert(0, t);
        a.pos_spans.insert(0, a.span);
    }
    a.count(1, 1)?;
    let sql = condition(&a.pos[0], "CheckConstraint", me.session.engine.dialect())
        .map_err(|e| e.at(a.span_of(0)))?;
    Ok(spec(SpecKind::Check(sql), name, Vec::new(), defer))
}

/// A condition as DDL: a string or `text()` as written, an expression
/// compiled without table names and with its values inline.
fn condition(v: &Value, what: &str, dialect: &'static Dialect) -> Result<Rc<str>> {
    if let Value::Str(s) = v {
        return Ok(Rc::from(&**s));
    }
    if let Some(t) = v.downcast::<TextClause>() {
        return Ok(t.0.clone());
    }
    if let Some(e) = v.downcast::<ColumnElement>() {
        return Ok(Rc::from(ddl_expression(&e.expr, dialect)));
    }
    Err(Error::new(
        ErrorKind::ArgumentError,
        format!(
            "{what}() takes SQL text or an expression, not {}",
            v.type_name()
        ),
    )
    .with_help("write db.CheckConstraint('price > 0') or db.CheckConstraint(price > 0)"))
}

/// `db.ForeignKeyConstraint(columns, refcolumns, name=None, onupdate=None,
/// ondelete=None, deferrable=None, initially=None)`
pub fn foreign_key_constraint(me: &mut Interp, mut a: Args) -> Result<Value> {
    let (name, defer) = common_kw(&mut a, &["columns", "refcolumns", "ondelete", "onupdate"])?;
    for key in ["columns", "refcolumns"] {
        if let Some(v) = a.take_kw(key) {
            a.pos.push(v);
            a.pos_spans.push(a.span);
        }
    }
    let ondelete = crate::eval::model_def::str_kw(&mut a, "ondelete")?;
    let onupdate = crate::eval::model_def::str_kw(&mut a, "onupdate")?;
    a.count(2, 2)?;
    let (cols_v, refs_v) = (a.pos[0].clone(), a.pos[1].clone());
    let (cspan, rspan) = (a.span_of(0), a.span_of(1));
    let cols = me
        .to_vec(&cols_v)
        .map_err(|e| e.at(cspan))?
        .iter()
        .map(|v| col_ref(v, cspan, "ForeignKeyConstraint"))
        .collect::<Result<Vec<_>>>()?;
    let refs = me
        .to_vec(&refs_v)
        .map_err(|e| e.at(rspan))?
        .iter()
        .map(|v| referenced(v).map_err(|e| e.at(rspan)))
        .collect::<Result<Vec<_>>>()?;
    if cols.len() != refs.len() {
        return Err(Error::new(
            ErrorKind::ArgumentError,
            "ForeignKeyConstraint number of constrained columns must match the number of referenced columns.",
        )
        .at(a.span));
    }
    let kind = SpecKind::ForeignKey {
        refs,
        ondelete,
        onupdate,
    };
    Ok(spec(kind, name, cols, defer))
}

/// A referenced column: `'table.column'` or a column object (`User.id`).
fn referenced(v: &Value) -> Result<(Rc<str>, Rc<str>)> {
    if let Value::Str(s) = v
        && let Some((t, c)) = s.rsplit_once('.')
    {
        return Ok((Rc::from(t), Rc::from(c)));
    }
    if let Some(e) = v.downcast::<ColumnElement>()
        && let SqlExpr::Column {
            table: Some(t),
            name,
        } = &e.expr
    {
        return Ok((t.clone(), name.clone()));
    }
    Err(Error::value(format!(
        "ForeignKeyConstraint refers to columns as 'table.column' or a column object, not {}",
        match v {
            Value::Str(s) => crate::value::repr::str_repr(s),
            v => v.type_name().to_string(),
        }
    ))
    .with_help("e.g. db.ForeignKeyConstraint(['user_id'], ['user.id'])"))
}

/// `db.Index(name, *expressions, unique=False, sqlite_where=None)`. Made
/// outside a model of a table's columns, it is that table's at once.
pub fn index(me: &mut Interp, mut a: Args) -> Result<Value> {
    // `Index` has no `comment=` (a constraint's keyword): SQLAlchemy reads
    // it as a dialect option without a prefix.
    if let Some((_, _, span)) = a.kw.iter().find(|(k, _, _)| &**k == "comment") {
        dialect_kw("comment", "Index", *span)?;
    }
    let (_, defer) = common_kw(&mut a, &["unique", "sqlite_where", "name", "quote"])?;
    // `quote=`: how the name is quoted, which ormsh decides as SQLite's
    // dialect does.
    a.take_kw("quote");
    if let Some(n) = a.take_kw("name") {
        a.pos.insert(0, n);
        a.pos_spans.insert(0, a.span);
    }
    let given = a.take_kw("unique");
    let unique_int = matches!(given, Some(Value::Int(_)));
    let unique = given.is_some_and(|v| v.truthy());
    let where_sql = match a.take_kw("sqlite_where") {
        None | Some(Value::None) => None,
        Some(v) => {
            Some(condition(&v, "Index", me.session.engine.dialect()).map_err(|e| e.at(a.span))?)
        }
    };
    // `Index(None, ...)`: the naming convention's `ix` template names it
    // when a table takes it (`eval::table_args::index_name`).
    let name = match a.pos.first() {
        Some(Value::Str(s)) => Some(Rc::from(&**s)),
        Some(Value::None) => None,
        _ => {
            return Err(Error::type_(
                "db.Index() needs its name first, like db.Index('ix_user_name', 'name'), or None for the naming convention's 'ix' name: db.Index(None, 'name')",
            )
            .at(a.span));
        }
    };
    let cols = cols_from(&a, 1, "Index")?;
    let spec = ConstraintSpec {
        kind: SpecKind::Index {
            unique,
            unique_int,
            where_sql,
        },
        name,
        cols,
        defer,
    };
    // Outside a model's body, columns of a defined table attach it.
    if me.locals.is_empty()
        && let Some(ix) = crate::eval::table_args::attach_outside(me, &spec)?
    {
        me.registry.define_index(ix);
    }
    Ok(Value::obj(spec))
}

/// An index's expressions as DDL: a column's quoted name, any other
/// expression compiled without table names.
pub fn index_exprs(cols: &[(Rc<str>, Option<SqlExpr>)], dialect: &'static Dialect) -> Vec<Rc<str>> {
    cols.iter()
        .map(|(name, e)| match e {
            Some(e) => Rc::from(ddl_expression(e, dialect)),
            None => Rc::from(dialect.quote(name).into_owned()),
        })
        .collect()
}

/// The index a spec makes on `table`, its columns already resolved.
pub fn table_index(
    spec: &ConstraintSpec,
    table: &Rc<str>,
    cols: &[(Rc<str>, Option<SqlExpr>)],
    dialect: &'static Dialect,
) -> Option<TableIndex> {
    let SpecKind::Index {
        unique,
        unique_int,
        where_sql,
    } = &spec.kind
    else {
        return None;
    };
    Some(TableIndex {
        name: spec.name.clone().unwrap_or_else(|| Rc::from("")),
        table: table.clone(),
        columns: index_exprs(cols, dialect),
        unique: *unique,
        unique_int: *unique_int,
        where_sql: where_sql.clone(),
    })
}
