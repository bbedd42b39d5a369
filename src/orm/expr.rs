//! SQL expressions built by operators on columns, as SQLAlchemy builds them:
//! `User.name == 'x'`, `(A.x > 1) & (A.y < 2)`, `~c`, `col == None` → `IS NULL`,
//! `like`, `in_`, `between`, `desc`, `label`, `func.count(…)`, and the
//! `escape=` / `autoescape=` keywords of the LIKE family.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::orm::convert::{plain_param, to_param};
use crate::schema::model::Model;
use crate::schema::types::ColumnType;
use crate::sql::ast::{BinaryOp, FromItem, Param, SqlExpr};
use crate::sql::negate;
use crate::value::PyStr;
use crate::value::{Object, Value};

/// A column or SQL expression as a value in the interpreter.
#[derive(Clone)]
pub struct SqlVal {
    pub expr: SqlExpr,
    /// The SQL type of the result, when known (used to bind compared values).
    pub ty: Option<ColumnType>,
    /// Set when this is a plain mapped column `Model.attr`.
    pub column: Option<(Rc<Model>, usize)>,
    /// The key a result row uses for it (column attr, label, function name).
    pub key: Option<Rc<str>>,
    /// True for boolean-valued expressions (comparisons, and/or/not).
    pub is_clause: bool,
    /// FROM items the expression needs besides the tables its columns name
    /// (an aliased association table, for `Page.tags.contains(t)`).
    pub froms: Vec<FromItem>,
}

impl Object for SqlVal {
    fn type_name(&self) -> &str {
        if self.column.is_some() {
            "InstrumentedAttribute"
        } else {
            "BinaryExpression"
        }
    }
}

impl SqlVal {
    pub fn column(model: &Rc<Model>, idx: usize) -> SqlVal {
        let col = &model.columns[idx];
        SqlVal {
            expr: SqlExpr::Column {
                table: Some(model.table.clone()),
                name: col.name.clone(),
            },
            ty: Some(col.ty.clone()),
            column: Some((model.clone(), idx)),
            key: Some(col.attr.clone()),
            is_clause: false,
            froms: Vec::new(),
        }
    }

    /// A column of a model still being defined (`author_id` inside its
    /// block): its table and name, no model yet.
    pub fn local_column(table: Rc<str>, name: Rc<str>, ty: ColumnType, key: Rc<str>) -> SqlVal {
        SqlVal {
            expr: SqlExpr::Column {
                table: Some(table),
                name,
            },
            ty: Some(ty),
            column: None,
            key: Some(key),
            is_clause: false,
            froms: Vec::new(),
        }
    }

    fn derived(expr: SqlExpr, ty: Option<ColumnType>, is_clause: bool) -> SqlVal {
        SqlVal {
            expr,
            ty,
            column: None,
            key: None,
            is_clause,
            froms: Vec::new(),
        }
    }

    /// The expression as an interpreter value, once its depth is checked
    /// (`sql::depth`: a `RecursionError` past SQLite's limit, so that no
    /// walk over it can run out of stack).
    pub fn into_value(self) -> Result<Value> {
        crate::sql::depth::check(&self.expr)?;
        Ok(Value::obj(self))
    }

    /// Bind a value compared with this expression.
    pub fn bind(&self, v: &Value) -> Result<SqlExpr> {
        if let Some(other) = v.downcast::<SqlVal>() {
            return Ok(other.expr.clone());
        }
        let value = match &self.ty {
            Some(ty) => to_param(ty, v)?,
            None => plain_param(v)?,
        };
        Ok(SqlExpr::Param {
            value,
            key: self.bind_key(),
        })
    }

    /// What SQLAlchemy names a value compared with this expression after:
    /// a column's name (not its attribute: `username_1` for
    /// `name = db.Column('username', …)`) or a function's; anything else
    /// (a label, arithmetic) gives `param_1`.
    fn bind_key(&self) -> Option<Rc<str>> {
        match &self.expr {
            SqlExpr::Column { name, .. } | SqlExpr::Func { name, .. } => Some(name.clone()),
            _ => None,
        }
    }
}

fn boxed(e: SqlExpr) -> Box<SqlExpr> {
    Box::new(e)
}

/// `left op right` where `left` is an expression.
pub fn compare(left: &SqlVal, op: BinaryOp, right: &Value) -> Result<SqlVal> {
    let (op, right_expr) = match (op, right) {
        (BinaryOp::Eq, Value::None) => (BinaryOp::Is, SqlExpr::Null),
        (BinaryOp::Ne, Value::None) => (BinaryOp::IsNot, SqlExpr::Null),
        (BinaryOp::Is | BinaryOp::IsNot, Value::None) => (op, SqlExpr::Null),
        _ => (op, left.bind(right)?),
    };
    let ty = match op {
        BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => {
            left.ty.clone()
        }
        BinaryOp::TrueDivInt => Some(ColumnType::Float),
        BinaryOp::Concat => Some(ColumnType::String(None)),
        _ => Some(ColumnType::Boolean),
    };
    let is_clause = !matches!(
        op,
        BinaryOp::Add
            | BinaryOp::Sub
            | BinaryOp::Mul
            | BinaryOp::Div
            | BinaryOp::TrueDivInt
            | BinaryOp::Mod
            | BinaryOp::Concat
    );
    let op = if op == BinaryOp::Add && left.ty.as_ref().is_some_and(|t| t.is_string()) {
        BinaryOp::Concat
    } else {
        op
    };
    Ok(SqlVal::derived(
        SqlExpr::Binary {
            op,
            left: boxed(left.expr.clone()),
            right: boxed(right_expr),
        },
        ty,
        is_clause,
    ))
}

/// `value op expr` with a plain value on the left (`5 < User.age`): flipped.
pub fn compare_reflected(left: &Value, op: BinaryOp, right: &SqlVal) -> Result<SqlVal> {
    let flipped = match op {
        BinaryOp::Lt => BinaryOp::Gt,
        BinaryOp::Le => BinaryOp::Ge,
        BinaryOp::Gt => BinaryOp::Lt,
        BinaryOp::Ge => BinaryOp::Le,
        BinaryOp::Eq | BinaryOp::Ne => op,
        _ => {
            let l = right.bind(left)?;
            return Ok(SqlVal::derived(
                SqlExpr::Binary {
                    op,
                    left: boxed(l),
                    right: boxed(right.expr.clone()),
                },
                right.ty.clone(),
                false,
            ));
        }
    };
    compare(right, flipped, left)
}

/// `a & b` / `and_(a, b, …)`
pub fn and(items: Vec<SqlExpr>) -> SqlVal {
    SqlVal::derived(flatten(items, true), Some(ColumnType::Boolean), true)
}

/// `a | b` / `or_(a, b, …)`
pub fn or(items: Vec<SqlExpr>) -> SqlVal {
    SqlVal::derived(flatten(items, false), Some(ColumnType::Boolean), true)
}

fn flatten(items: Vec<SqlExpr>, is_and: bool) -> SqlExpr {
    let mut out = Vec::new();
    for e in items {
        match e {
            SqlExpr::And(inner) if is_and => out.extend(inner),
            SqlExpr::Or(inner) if !is_and => out.extend(inner),
            other => out.push(other),
        }
    }
    if out.len() == 1 {
        return out.pop().unwrap_or(SqlExpr::Null);
    }
    if is_and {
        SqlExpr::And(out)
    } else {
        SqlExpr::Or(out)
    }
}

/// `~a` / `not_(a)`; negating a comparison flips it as SQLAlchemy does
/// (the one table of flips is the SQL compiler's).
pub fn not(e: &SqlVal) -> SqlVal {
    let expr = negate(&e.expr).unwrap_or_else(|| SqlExpr::Not(boxed(e.expr.clone())));
    let mut v = SqlVal::derived(expr, Some(ColumnType::Boolean), true);
    v.froms = e.froms.clone();
    v
}

/// A clause from a value given to `filter`/`where`/`and_`: an expression, or
/// True/False.
pub fn clause_of(v: &Value) -> Result<SqlExpr> {
    match v {
        Value::Bool(b) => Ok(SqlExpr::Raw(if *b {
            "1 = 1".into()
        } else {
            "0 = 1".into()
        })),
        _ => match v.downcast::<SqlVal>() {
            Some(s) => Ok(s.expr.clone()),
            None => Err(Error::new(
                crate::error::ErrorKind::ArgumentError,
                format!(
                    "expected a SQL expression such as User.name == 'x', got {}",
                    v.type_name()
                ),
            )
            .with_help("compare a column with a value: filter(User.username == 'admin')")),
        },
    }
}

/// `in_(values)` / `not_in(values)`: the column against a list of bound
/// values, as SQLAlchemy's `ColumnOperators.in_`.
///
/// Errors: `TypeError` when `values` is not a list or tuple.
pub fn in_(recv: &SqlVal, values: &Value, negated: bool) -> Result<SqlVal> {
    let name = if negated { "not_in" } else { "in_" };
    let items: Vec<Value> = match values {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        other => {
            return Err(Error::type_(format!(
                "{name}() takes a list of values, not {}",
                other.type_name()
            ))
            .with_help("write User.id.in_([1, 2, 3])"));
        }
    };
    let values = items
        .iter()
        .map(|v| match recv.bind(v)? {
            SqlExpr::Param { value, .. } => Ok(value),
            _ => Ok(Param::Null),
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(SqlVal::derived(
        SqlExpr::InList {
            expr: boxed(recv.expr.clone()),
            values,
            negated,
        },
        Some(ColumnType::Boolean),
        true,
    ))
}

/// `between(low, high)`: `expr BETWEEN ? AND ?`.
pub fn between(recv: &SqlVal, low: &Value, high: &Value) -> Result<SqlVal> {
    Ok(SqlVal::derived(
        SqlExpr::Between {
            expr: boxed(recv.expr.clone()),
            low: boxed(recv.bind(low)?),
            high: boxed(recv.bind(high)?),
            negated: false,
        },
        Some(ColumnType::Boolean),
        true,
    ))
}

/// `is_(other)` / `is_not(other)`: `IS` / `IS NOT`.
pub fn is_(recv: &SqlVal, other: &Value, negated: bool) -> Result<SqlVal> {
    let op = if negated {
        BinaryOp::IsNot
    } else {
        BinaryOp::Is
    };
    compare(recv, op, other)
}

/// `desc()` / `asc()`: the column as an ORDER BY term.
pub fn order(recv: &SqlVal, desc: bool) -> SqlVal {
    let mut v = SqlVal::derived(
        SqlExpr::Order {
            expr: boxed(recv.expr.clone()),
            desc,
        },
        recv.ty.clone(),
        false,
    );
    v.key = recv.key.clone();
    v
}

/// `label(name)`: `expr AS name`; the label becomes the result's key.
///
/// Errors: `TypeError` when `name` is not a str.
pub fn label(recv: &SqlVal, name: &Value) -> Result<SqlVal> {
    let label: Rc<str> = match name {
        Value::Str(s) => s.into(),
        other => {
            return Err(Error::type_(format!(
                "label() takes a name, not {}",
                other.type_name()
            )));
        }
    };
    let mut v = SqlVal::derived(
        SqlExpr::Label {
            expr: boxed(recv.expr.clone()),
            name: label.clone(),
        },
        recv.ty.clone(),
        recv.is_clause,
    );
    v.key = Some(label);
    // Keep the model so filter_by() still knows what is queried.
    v.column = recv.column.clone();
    Ok(v)
}

/// `distinct()`: `DISTINCT expr`.
pub fn distinct(recv: &SqlVal) -> SqlVal {
    let mut v = SqlVal::derived(
        SqlExpr::Distinct(Box::new(recv.expr.clone())),
        recv.ty.clone(),
        false,
    );
    v.key = recv.key.clone();
    v
}

/// The LIKE family. As SQLAlchemy: `like(other, escape=None)` (and `ilike`,
/// `not_like`, `not_ilike`), `startswith(other, escape=None,
/// autoescape=False)` (and `endswith`), `contains(other, **kw)`. With
/// `autoescape`, the escape character (default `/`) is doubled in the value
/// and put before each `%` and `_`, so they match themselves; either way an
/// escape adds `ESCAPE '…'`. The pattern stays a bound value.
pub fn like(recv: &SqlVal, name: &str, args: &[Value], kw: &[(Rc<str>, Value)]) -> Result<SqlVal> {
    let (op, max_pos) = match name {
        "like" => (BinaryOp::Like, 2),
        "ilike" => (BinaryOp::ILike, 2),
        "notlike" | "not_like" => (BinaryOp::NotLike, 2),
        "notilike" | "not_ilike" => (BinaryOp::NotILike, 2),
        "startswith" => (BinaryOp::StartsWith, 3),
        "endswith" => (BinaryOp::EndsWith, 3),
        _ => (BinaryOp::Contains, 1),
    };
    if args.is_empty() || args.len() > max_pos {
        return Err(Error::type_(format!(
            "{name}() takes {} ({} given)",
            if max_pos == 1 {
                "1 argument".to_owned()
            } else {
                format!("from 1 to {max_pos} arguments")
            },
            args.len()
        )));
    }
    let arg = |i: usize, key: &str| -> Result<Option<Value>> {
        let by_kw = kw.iter().find(|(k, _)| &**k == key).map(|(_, v)| v.clone());
        match (args.get(i), by_kw) {
            (Some(_), Some(_)) => Err(Error::type_(format!(
                "{name}() got multiple values for argument '{key}'"
            ))),
            (Some(v), None) => Ok(Some(v.clone())),
            (None, v) => Ok(v),
        }
    };
    let mut escape: Option<Rc<str>> = match arg(1, "escape")? {
        None | Some(Value::None) => None,
        Some(Value::Str(ref e)) => Some(e.clone().into()),
        Some(other) => {
            return Err(Error::type_(format!(
                "{name}() escape must be a str, not {}",
                other.type_name()
            ))
            .with_help("write escape='/'"));
        }
    };
    let autoescape = arg(2, "autoescape")?.is_some_and(|v| v.truthy());
    let mut other = args[0].clone();
    if autoescape {
        let Value::Str(text) = &other else {
            return Err(Error::type_("String value expected when autoescape=True"));
        };
        let e = escape.get_or_insert_with(|| Rc::from("/"));
        other = Value::Str(PyStr::from(autoescaped(text, e)));
    }
    let pattern = recv.bind(&other)?;
    let like = SqlExpr::Binary {
        op,
        left: boxed(recv.expr.clone()),
        right: boxed(pattern),
    };
    let expr = match escape {
        Some(escape) => SqlExpr::Escape {
            like: boxed(like),
            escape,
        },
        None => like,
    };
    Ok(SqlVal::derived(expr, Some(ColumnType::Boolean), true))
}

/// SQLAlchemy's `_escaped_like_impl`: the escape doubled (unless it is `%`
/// or `_`), then put before every `%` and `_`, one replace after another as
/// Python does them.
fn autoescaped(text: &str, e: &str) -> String {
    let mut text = text.to_owned();
    if e != "%" && e != "_" {
        text = text.replace(e, &format!("{e}{e}"));
    }
    text.replace('%', &format!("{e}%"))
        .replace('_', &format!("{e}_"))
}

/// `func.NAME(args…)`.
pub fn func(name: &str, args: &[Value]) -> Result<SqlVal> {
    // `func.MAX` is SQLAlchemy's generic `max`; other names stay as written.
    let name = &*crate::sql::func::canonical_name(name);
    let mut ty = None;
    let exprs = if args.is_empty() && name.eq_ignore_ascii_case("count") {
        vec![SqlExpr::Star]
    } else {
        args.iter()
            .map(|a| match a.downcast::<SqlVal>() {
                Some(s) => {
                    if ty.is_none() {
                        ty = s.ty.clone();
                    }
                    Ok(s.expr.clone())
                }
                None => Ok(SqlExpr::Param {
                    value: plain_param(a)?,
                    key: Some(Rc::from(name)),
                }),
            })
            .collect::<Result<Vec<_>>>()?
    };
    let lower = name.to_ascii_lowercase();
    let ty = match lower.as_str() {
        "count" | "length" | "char_length" => Some(ColumnType::Integer),
        "avg" => Some(ColumnType::Float),
        "lower" | "upper" | "trim" | "substr" | "replace" => Some(ColumnType::String(None)),
        _ => ty,
    };
    let mut v = SqlVal::derived(
        SqlExpr::Func {
            name: Rc::from(name),
            args: exprs,
        },
        ty,
        false,
    );
    v.key = Some(Rc::from(name));
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::autoescaped;

    /// The bound values SQLAlchemy sends for `contains('5%_/x',
    /// autoescape=True)`, `startswith('a^%', autoescape=True, escape='^')`
    /// and `endswith('%', autoescape=True, escape='%')`
    /// (`scripts/sqlalchemy_sql_samples.py`, `autoescape_values`).
    #[test]
    fn autoescape_values() {
        assert_eq!(autoescaped("5%_/x", "/"), "5/%/_//x");
        assert_eq!(autoescaped("a^%", "^"), "a^^^%");
        assert_eq!(autoescaped("%", "%"), "%%");
        assert_eq!(autoescaped("plain", "/"), "plain");
    }
}
