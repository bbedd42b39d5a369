//! Building a query: conditions (`filter`/`where`, `filter_by`, `having`),
//! ordering and grouping, LIMIT/OFFSET (`limit`, `offset`, `slice`),
//! `distinct`, the columns it selects (`with_entities`, `add_columns`,
//! `with_only_columns`), and what it becomes inside another statement
//! (`statement`, `subquery`, `scalar_subquery`, `exists`). Each returns a
//! new query; the receiver is unchanged, as in SQLAlchemy.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::TextClause;
use crate::eval::suggest::did_you_mean;
use crate::eval::surface::query::Q;
use crate::orm::expr::{self as orm_expr, ColumnElement, clause_of};
use crate::orm::query::{Entity, Query};
use crate::orm::setops::column_types;
use crate::schema::model::Model;
use crate::schema::types::ColumnType;
use crate::sql::ast::{BinaryOp, SqlExpr};
use crate::value::Value;

/// The new query, as a value.
fn built(q: Query) -> Result<Value> {
    Ok(Value::obj(q))
}

/// `filter(*conditions)` / `where(*conditions)`: column expressions or
/// `text('SQL')`.
pub(crate) fn filter(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    let mut nq = q.copy(me)?;
    nq.orm_criteria |= a.pos.iter().any(crate::eval::core_table::carries_orm);
    for (i, v) in a.pos.iter().enumerate() {
        let clause = criterion(v).map_err(|e| e.at(a.span_of(i)))?;
        add_froms(&mut nq, v);
        nq.where_.push(clause);
    }
    built(nq)
}

/// `filter_by(column=value, …)`: on the last joined model, else the
/// query's own; a relationship compares by its keys.
pub(crate) fn filter_by(me: &mut Interp, q: &Q, mut a: Args) -> Result<Value> {
    if !a.pos.is_empty() {
        return Err(Error::type_(
            "filter_by() takes keyword arguments only, like filter_by(username='admin')",
        ));
    }
    let mut nq = q.copy(me)?;
    let model = nq
        .filter_model
        .clone()
        .or_else(|| nq.primary_model())
        .or_else(|| me.model_of_tables(&nq))
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidRequestError,
                "filter_by() needs a query of a model",
            )
        })?;
    for (k, v, span) in std::mem::take(&mut a.kw) {
        if model.column(&k).is_none()
            && let Some(rel) = me.rel_of(&model.name, &k)?
        {
            let c = me
                .rel_compare(&rel, BinaryOp::Eq, &v)
                .map_err(|e| e.at(span))?;
            add_froms(&mut nq, &c);
            nq.where_.push(clause_of(&c)?);
            continue;
        }
        // A hybrid property: its class-level SQL (SQLAlchemy's
        // `getattr(entity, key) == value`).
        let col = match model.column(&k) {
            Some(i) => ColumnElement::column(&model, i),
            None => match crate::eval::hybrid::class_expr(me, &model, &k)? {
                Some(c) => (*c).clone(),
                None => return Err(no_column(&model, &k).at(span)),
            },
        };
        nq.where_.push(
            orm_expr::compare(&col, BinaryOp::Eq, &v)
                .map_err(|e| e.at(span))?
                .expr,
        );
    }
    built(nq)
}

fn no_column(model: &Model, k: &str) -> Error {
    let fields = model.field_names();
    Error::new(
        ErrorKind::InvalidRequestError,
        format!(
            "{} has no column '{k}'{}",
            model.name,
            did_you_mean(k, fields.iter().copied())
        ),
    )
    .with_help(format!(
        "{}'s columns are: {}",
        model.name,
        fields.join(", ")
    ))
}

/// `order_by(*columns)`; `order_by(None)` clears the ordering.
pub(crate) fn order_by(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    let mut nq = q.copy(me)?;
    nq.orm_criteria |= a.pos.iter().any(crate::eval::core_table::carries_orm);
    if a.pos.len() == 1 && matches!(a.pos[0], Value::None) {
        nq.order_by.clear();
        return built(nq);
    }
    for (i, v) in a.pos.iter().enumerate() {
        let term = me.order_expr(&nq, v).map_err(|e| e.at(a.span_of(i)))?;
        nq.order_by.push(term);
    }
    built(nq)
}

pub(crate) fn group_by(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    let mut nq = q.copy(me)?;
    nq.orm_criteria |= a.pos.iter().any(crate::eval::core_table::carries_orm);
    for (i, v) in a.pos.iter().enumerate() {
        let terms = me.group_terms(&nq, v).map_err(|e| e.at(a.span_of(i)))?;
        nq.group_by.extend(terms);
    }
    built(nq)
}

/// `having(*conditions)`: column expressions or `text('SQL')`.
pub(crate) fn having(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    let mut nq = q.copy(me)?;
    nq.orm_criteria |= a.pos.iter().any(crate::eval::core_table::carries_orm);
    for (i, v) in a.pos.iter().enumerate() {
        nq.having
            .push(criterion(v).map_err(|e| e.at(a.span_of(i)))?);
    }
    built(nq)
}

/// A WHERE or HAVING criterion: a column expression, or a `text('SQL')`
/// (SQLAlchemy's `coercions.expect(roles.WhereHavingRole, …)`).
fn criterion(v: &Value) -> Result<SqlExpr> {
    match v.downcast::<TextClause>() {
        Some(t) => Ok(SqlExpr::Text {
            sql: t.0.clone(),
            binds: crate::eval::text_clause::binds(&t)?,
        }),
        None => orm_expr::where_clause_of(v),
    }
}

/// `limit(n)`'s or `offset(n)`'s argument, or None for none: Python's
/// `int(n)`, as SQLAlchemy's `LimitOffsetImpl` coerces it (`util.asint`:
/// `limit('5')` is 5, `limit('x')` a ValueError when it is called).
fn bound(a: &Args) -> Result<Option<i64>> {
    a.count(1, 1)?;
    Ok(match &a.pos[0] {
        Value::None => None,
        v => match crate::eval::builtins::int_of(v).map_err(|e| e.at(a.span_of(0)))? {
            Value::Int(n) => Some(n),
            _ => Some(a.int(0)?),
        },
    })
}

pub(crate) fn limit(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    let mut nq = q.copy(me)?;
    nq.limit = bound(&a)?;
    nq.fetch = None;
    built(nq)
}

/// `Select.fetch(count, with_ties=False, percent=False)`: at most `count`
/// rows, written `FETCH FIRST count ROWS ONLY` (SQLAlchemy's
/// `fetch_clause`); it replaces a `limit()`, as a later `limit()`
/// replaces it, and `fetch(None)` removes it.
pub(crate) fn fetch(me: &mut Interp, q: &Q, mut a: Args) -> Result<Value> {
    let with_ties = a.take_kw("with_ties").is_some_and(|v| v.truthy());
    let percent = a.take_kw("percent").is_some_and(|v| v.truthy());
    let mut nq = q.copy(me)?;
    nq.limit = bound(&a)?;
    nq.fetch = nq
        .limit
        .map(|_| crate::sql::FetchFirst { with_ties, percent });
    built(nq)
}

pub(crate) fn offset(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    let mut nq = q.copy(me)?;
    nq.offset = bound(&a)?;
    built(nq)
}

/// `slice(start, stop)`: the rows `start` to `stop` of what the query
/// gives.
/// Either may be None (from the first row, to the last), as in Python's
/// slices.
pub(crate) fn slice(me: &mut Interp, q: &Q, mut a: Args) -> Result<Value> {
    a.keyword_at(0, "start")?;
    a.keyword_at(1, "stop")?;
    a.count(2, 2)?;
    let bound = |i: usize| match &a.pos[i] {
        Value::None => Ok(None),
        _ => a.int(i).map(Some),
    };
    let (lo, hi) = (bound(0)?, bound(1)?);
    let nq = q.query(me)?;
    built(slice_query(&nq, lo, hi)?)
}

/// The query's rows `lo` to `hi`, within its own OFFSET, as SQLAlchemy's
/// `_make_slice` works them out with Python's ints: the OFFSET moves by
/// `lo` (none when it comes to 0) and the LIMIT is `hi - lo` (or `hi`
/// alone), negative ones left to SQLite (a negative LIMIT is none, a
/// negative OFFSET is 0). One past SQLite's INTEGER is OverflowError.
pub(crate) fn slice_query(q: &Query, lo: Option<i64>, hi: Option<i64>) -> Result<Query> {
    let mut q2 = q.clone();
    if let Some(lo) = lo {
        let offset = i128::from(q.offset.unwrap_or(0)) + i128::from(lo);
        q2.offset = if offset == 0 {
            None
        } else {
            Some(sql_int(offset)?)
        };
    }
    match (lo, hi) {
        (Some(lo), Some(hi)) => q2.limit = Some(sql_int(i128::from(hi) - i128::from(lo))?),
        (None, Some(hi)) => q2.limit = Some(hi),
        _ => {}
    }
    Ok(q2)
}

/// A LIMIT or OFFSET worked out from Python's unbounded ints: it must
/// fit SQLite's 64-bit INTEGER, or binding it is the driver's
/// OverflowError (sqlite3's message).
pub(crate) fn sql_int(n: i128) -> Result<i64> {
    i64::try_from(n).map_err(|_| {
        Error::new(
            ErrorKind::OverflowError,
            "Python int too large to convert to SQLite INTEGER",
        )
        .with_help(format!(
            "a LIMIT or OFFSET works out to {n}; SQLite's INTEGER holds {} to {}",
            i64::MIN,
            i64::MAX
        ))
    })
}

/// `distinct()`. (The legacy `distinct(*columns)` form is PostgreSQL's
/// DISTINCT ON; on SQLite SQLAlchemy writes a plain DISTINCT.)
pub(crate) fn distinct(me: &mut Interp, q: &Q, _a: Args) -> Result<Value> {
    let mut nq = q.copy(me)?;
    nq.distinct = true;
    built(nq)
}

/// The models and columns of `with_entities(...)` and its kin.
fn entities(a: &Args) -> Result<Vec<Entity>> {
    let mut ents = Vec::new();
    for (i, v) in a.pos.iter().enumerate() {
        if let Some(more) = crate::eval::aliased::entities_of(v) {
            ents.extend(more);
        } else if let Some(m) = v.downcast::<Model>() {
            ents.push(Entity::Model(m));
        } else if let Some(s) = v.downcast::<ColumnElement>() {
            ents.push(Entity::Expr(s));
        } else {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                format!(
                    "{}() takes models or columns, not a {}",
                    a.name,
                    v.type_name()
                ),
            )
            .at(a.span_of(i)));
        }
    }
    Ok(ents)
}

/// `with_entities(*what)` (legacy) / `with_only_columns(*what)` (2.0): the
/// same criteria, selecting these instead.
pub(crate) fn with_entities(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    let mut nq = q.copy(me)?;
    nq.entities = entities(&a)?;
    built(nq)
}

pub(crate) fn add_columns(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    let mut nq = q.copy(me)?;
    nq.entities.extend(entities(&a)?);
    built(nq)
}

/// `query.statement`: the SELECT the legacy query runs, as a 2.0 `Select`.
pub(crate) fn statement(me: &mut Interp, q: &Q) -> Result<Value> {
    let mut s = q.copy(me)?;
    s.legacy = false;
    built(s)
}

/// `scalar_subquery()`: the query's SELECT in parentheses, as a value.
pub(crate) fn scalar_subquery(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    scalar_subquery_of(me, q)?.into_value()
}

/// `Query.as_scalar()` / `Select.as_scalar()`: `scalar_subquery()`,
/// with SQLAlchemy 2.1's deprecation warning (it still runs).
pub(crate) fn as_scalar(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    let class = if q.query(me)?.legacy {
        "Query"
    } else {
        "SelectBase"
    };
    me.session.warnings.push(format!(
        "warning: The {class}.as_scalar() method is deprecated and will be removed in a future release.  Please refer to {class}.scalar_subquery(). (deprecated since: 1.4) (SQLAlchemy's SADeprecationWarning)"
    ));
    scalar_subquery(me, q, a)
}

/// The query's SELECT in parentheses (SQLAlchemy's `ScalarSelect`).
pub(crate) fn scalar_subquery_of(me: &mut Interp, q: &Q) -> Result<ColumnElement> {
    let q = q.query(me)?;
    q.compilable()?;
    let sel = q.to_select();
    // SQLAlchemy's `ScalarSelect.type`: its single column's type.
    let types = column_types(&q);
    let ty = match types.as_slice() {
        [one] => one.clone(),
        _ => None,
    };
    Ok(ColumnElement {
        entity: None,
        hybrid: None,
        prop_of: None,
        orm: crate::eval::core_table::query_carries_orm(&q),
        expr: SqlExpr::Subquery(Box::new(sel)),
        ty,
        column: None,
        key: None,
        is_clause: false,
        froms: Vec::new(),
    })
}

/// `exists()`: `EXISTS (SELECT …)`, a condition.
pub(crate) fn exists(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let q = q.query(me)?;
    q.compilable()?;
    let mut sel = q.to_select();
    // SQLAlchemy's `Query.exists()`: `with_only_columns(1)` over the
    // query's FROM list; a 2.0 `Select.exists()` keeps its columns.
    if sel.compound.is_empty() && q.legacy {
        sel.columns = vec![SqlExpr::Raw("1".into())];
    }
    ColumnElement {
        entity: None,
        hybrid: None,
        prop_of: None,
        orm: crate::eval::core_table::query_carries_orm(&q),
        expr: SqlExpr::Exists(Box::new(sel)),
        ty: Some(ColumnType::Boolean),
        column: None,
        key: Some(Rc::from("anon_1")),
        is_clause: true,
        froms: Vec::new(),
    }
    .into_value()
}

/// FROM items a clause brings along (an aliased association table).
fn add_froms(q: &mut Query, v: &Value) {
    if let Some(s) = v.downcast::<ColumnElement>() {
        for f in &s.froms {
            if !q.extra_from.contains(f) {
                q.extra_from.push(f.clone());
            }
        }
    }
}
