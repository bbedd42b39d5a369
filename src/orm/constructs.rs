//! SQL constructs made by name, as SQLAlchemy's `sqlalchemy.sql` functions
//! make them: `case()`, `cast()`, `extract()`, `literal()`,
//! `literal_column()`, `tuple_()` (and its `in_`), `true()`, `false()`,
//! `null()`, `nulls_first()`/`nulls_last()`, `collate()` and the operator
//! `op()` builds. Each gives a [`ColumnElement`] with the SQL type
//! SQLAlchemy gives it, which decides how its results are read.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::convert::{plain_param, to_param};
use crate::orm::expr::{ColumnElement, boxed};
use crate::schema::types::ColumnType;
use crate::sql::ast::{Param, SqlExpr};
use crate::sql::dialect::EXTRACT_FIELDS;
use crate::value::Value;

/// The SQL type SQLAlchemy gives a Python value bound as a literal
/// (`_resolve_value_to_type`); `None` is its `NullType`.
pub fn literal_type(v: &Value) -> Option<ColumnType> {
    Some(match v {
        Value::Bool(_) => ColumnType::Boolean,
        Value::Int(_) => ColumnType::Integer,
        // SQLAlchemy 2's `_type_map[float]` is `Double()`.
        Value::Float(_) => ColumnType::Numeric(crate::schema::mapped::DOUBLE),
        Value::Str(_) => ColumnType::String(None),
        Value::Bytes(_) => ColumnType::LargeBinary,
        Value::DateTime(_) | Value::Aware(_) => ColumnType::DateTime,
        Value::Date(_) => ColumnType::Date,
        Value::Time(_) => ColumnType::Time,
        Value::TimeDelta(_) => ColumnType::Interval,
        Value::Decimal(_) => ColumnType::Numeric(crate::schema::types::NumericType::PLAIN),
        Value::Uuid(_) => ColumnType::Uuid,
        // A list or dict is `NullType`: bound as it is, pysqlite refuses it.
        _ => return None,
    })
}

/// A value as an expression: a column expression as it is, anything else
/// a bound literal of its own type (or of `ty` when given).
pub fn expression_of(v: &Value, ty: Option<&ColumnType>) -> Result<ColumnElement> {
    if let Some(e) = v.downcast::<ColumnElement>() {
        return Ok((*e).clone());
    }
    if matches!(v, Value::None) && ty.is_none() {
        return Ok(null());
    }
    let ty = ty.cloned().or_else(|| literal_type(v));
    let value = match &ty {
        Some(t) => to_param(t, v)?,
        None => plain_param(v)?,
    };
    Ok(ColumnElement::derived(
        SqlExpr::Param { value, key: None },
        ty,
        false,
    ))
}

/// `literal(value, type_=None)`: the value bound (`?`), typed.
pub fn literal(v: &Value, ty: Option<&ColumnType>) -> Result<ColumnElement> {
    if let Some(e) = v.downcast::<ColumnElement>() {
        return Err(Error::new(
            ErrorKind::ArgumentError,
            format!(
                "literal() takes a Python value, not a SQL expression ({})",
                crate::value::Object::type_name(&*e)
            ),
        )
        .with_help("use the expression itself"));
    }
    if matches!(v, Value::None) {
        // `literal(None)` is still a bound value (`?`), not `NULL`.
        let value = crate::sql::ast::Param::Null;
        return Ok(ColumnElement::derived(
            SqlExpr::Param { value, key: None },
            ty.cloned(),
            false,
        ));
    }
    expression_of(v, ty)
}

/// `literal_column(text, type_=None)`: the text as written.
pub fn literal_column(text: &str, ty: Option<ColumnType>) -> ColumnElement {
    let mut c = ColumnElement::derived(SqlExpr::LiteralColumn(Rc::from(text)), ty, false);
    c.key = Some(Rc::from(text));
    c
}

/// `column(name)` (SQLAlchemy's `ColumnClause`): a column by name alone,
/// of no table, written as an identifier (quoted where SQL needs it).
pub fn column_clause(name: &str, ty: Option<ColumnType>) -> ColumnElement {
    let mut c = ColumnElement::derived(
        SqlExpr::Column {
            table: None,
            name: Rc::from(name),
        },
        ty,
        false,
    );
    c.key = Some(Rc::from(name));
    c
}

/// `null()`: SQL `NULL`.
pub fn null() -> ColumnElement {
    ColumnElement::derived(SqlExpr::Null, None, false)
}

/// `true()` / `false()`.
pub fn boolean(b: bool) -> ColumnElement {
    ColumnElement::derived(SqlExpr::Bool(b), Some(ColumnType::Boolean), true)
}

/// `case(*whens, value=None, else_=None)`: each when a `(condition,
/// result)` pair (with `value=`, a value to compare it with); the type is
/// the last result's with a type, else `else_`'s, as SQLAlchemy's `Case`.
pub fn case(
    whens: &[(Value, Value)],
    value: Option<&Value>,
    else_: Option<&Value>,
) -> Result<ColumnElement> {
    let mut pairs = Vec::with_capacity(whens.len());
    let mut parts = Vec::new();
    let mut ty = None;
    for (cond, result) in whens {
        let c = expression_of(cond, None)?;
        let r = expression_of(result, None)?;
        if r.ty.is_some() {
            ty = r.ty.clone();
        }
        pairs.push((c.expr.clone(), r.expr.clone()));
        parts.extend([c, r]);
    }
    let value = value.map(|v| expression_of(v, None)).transpose()?;
    let else_ = else_
        .filter(|v| !matches!(v, Value::None))
        .map(|v| expression_of(v, None))
        .transpose()?;
    if ty.is_none() {
        ty = else_.as_ref().and_then(|e| e.ty.clone());
    }
    let carried = ColumnElement::derived(SqlExpr::Null, None, false)
        .with_froms_of(value.iter().chain(&parts).chain(&else_));
    let (froms, orm) = (carried.froms, carried.orm);
    let mut c = ColumnElement::derived(
        SqlExpr::Case {
            value: value.map(|v| boxed(v.expr)),
            whens: pairs,
            else_: else_.map(|e| boxed(e.expr)),
        },
        ty,
        false,
    );
    c.froms = froms;
    c.orm = orm;
    Ok(c)
}

/// `cast(expr, type)`: `CAST(expr AS TYPE)`, read as `type`; a plain
/// value is bound as that type. `type_sql` is the type as SQLAlchemy's
/// type compiler writes it (`CHAR(3)`, `TEXT(30)`; `ty.ddl()` when None).
pub fn cast(v: &Value, ty: &ColumnType, type_sql: Option<Rc<str>>) -> Result<ColumnElement> {
    let e = expression_of(v, Some(ty))?;
    let mut c = ColumnElement::derived(
        SqlExpr::Cast {
            expr: boxed(e.expr),
            type_sql: type_sql.unwrap_or_else(|| Rc::from(ty.ddl())),
        },
        Some(ty.clone()),
        false,
    );
    c.key = e.key;
    c.froms = e.froms;
    c.orm = e.orm;
    Ok(c)
}

/// `extract(field, expr)`: an integer part of a date or time.
///
/// Errors: `CompileError` for a field SQLAlchemy's compiler does not know.
pub fn extract(field: &str, v: &Value) -> Result<ColumnElement> {
    if !EXTRACT_FIELDS.contains(&field) {
        return Err(Error::new(
            ErrorKind::CompileError,
            format!("{field} is not a valid extract argument."),
        )
        .with_help(format!("one of: {}", EXTRACT_FIELDS.join(", "))));
    }
    let e = expression_of(v, None)?;
    Ok(ColumnElement::derived(
        SqlExpr::Extract {
            field: Rc::from(field),
            expr: boxed(e.expr.clone()),
        },
        Some(ColumnType::Integer),
        false,
    )
    .with_froms_of([&e]))
}

/// `tuple_(*clauses)`: `(a, b, …)`.
pub fn tuple(items: &[Value]) -> Result<ColumnElement> {
    let parts = items
        .iter()
        .map(|v| expression_of(v, None))
        .collect::<Result<Vec<_>>>()?;
    let exprs = parts.iter().map(|e| e.expr.clone()).collect();
    Ok(ColumnElement::derived(SqlExpr::Tuple(exprs), None, false).with_froms_of(&parts))
}

/// `tuple_(a, b).in_([(1, 2), …])`: each row a tuple of as many values.
///
/// Errors: `ArgumentError` for a row that is not a tuple or list of the
/// tuple's length.
pub fn in_tuples(
    recv: &ColumnElement,
    items: &[SqlExpr],
    rows: &[Value],
    negated: bool,
) -> Result<ColumnElement> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let values: Vec<Value> = match row {
            Value::Tuple(t) => t.to_vec(),
            Value::List(l) => l.borrow().clone(),
            other => vec![other.clone()],
        };
        if values.len() != items.len() {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                format!(
                    "IN expression list of tuples: a {} where a tuple of {} values belongs",
                    row.type_name(),
                    items.len()
                ),
            )
            .with_help("give one tuple per row: tuple_(A.x, A.y).in_([(1, 2), (3, 4)])"));
        }
        let bound = values
            .iter()
            .map(|v| {
                if v.downcast::<ColumnElement>().is_some() {
                    return Err(Error::new(
                        ErrorKind::ArgumentError,
                        "an IN list of tuples takes values, not SQL expressions",
                    ));
                }
                expression_of(v, None).map(|e| param_of(e.expr))
            })
            .collect::<Result<Vec<Param>>>()?;
        out.push(bound);
    }
    Ok(ColumnElement::derived(
        SqlExpr::InTuples {
            expr: boxed(recv.expr.clone()),
            rows: out,
            negated,
        },
        Some(ColumnType::Boolean),
        true,
    )
    .with_froms_of([recv]))
}

/// The bound value of a literal (NULL for anything else).
fn param_of(e: SqlExpr) -> Param {
    match e {
        SqlExpr::Param { value, .. } => value,
        _ => Param::Null,
    }
}

/// `nulls_first(expr)` / `nulls_last(expr)` (and the methods of those
/// names): where NULLs sort.
pub fn nulls(e: &ColumnElement, first: bool) -> ColumnElement {
    let mut c = ColumnElement::derived(
        SqlExpr::Nulls {
            expr: boxed(e.expr.clone()),
            first,
        },
        e.ty.clone(),
        false,
    )
    .with_froms_of([e]);
    c.key = e.key.clone();
    c
}

/// `collate(expr, name)` / `expr.collate(name)`: `expr COLLATE "name"`.
pub fn collate(e: &ColumnElement, collation: &str) -> ColumnElement {
    ColumnElement::derived(
        SqlExpr::Collate {
            expr: boxed(e.expr.clone()),
            collation: Rc::from(collation),
        },
        e.ty.clone(),
        false,
    )
    .with_froms_of([e])
}

/// What `expr.op(opstring, precedence=0, is_comparison=False)` returns:
/// called with the right side, it makes `expr OP right`.
#[derive(Clone)]
pub struct CustomOperator {
    pub left: ColumnElement,
    pub op: Rc<str>,
    pub precedence: i32,
    pub is_comparison: bool,
}

impl crate::value::Object for CustomOperator {
    fn type_name(&self) -> &str {
        "function"
    }
}

impl CustomOperator {
    /// `left OP right`: Boolean when `is_comparison`, else the left
    /// side's type.
    pub fn apply(&self, right: &Value) -> Result<ColumnElement> {
        let r = self.left.bind(right)?;
        let ty = if self.is_comparison {
            Some(ColumnType::Boolean)
        } else {
            self.left.ty.clone()
        };
        Ok(ColumnElement::derived(
            SqlExpr::CustomOp {
                op: self.op.clone(),
                precedence: self.precedence,
                left: boxed(self.left.expr.clone()),
                right: boxed(r),
            },
            ty,
            self.is_comparison,
        )
        .with_froms_of([&self.left])
        .with_froms_of_values([right]))
    }
}
