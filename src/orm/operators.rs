//! The operator methods of a column expression (SQLAlchemy's
//! `ColumnOperators`): `in_`, `between`, `is_`, `desc`/`asc`, `label`,
//! `distinct`, and the LIKE family with its `escape=` / `autoescape=`
//! keywords. The class table `eval::surface::column` calls them.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::orm::expr::{ColumnElement, boxed, compare};
use crate::schema::types::ColumnType;
use crate::sql::ast::{BinaryOp, Param, SqlExpr};
use crate::value::{PyStr, Value};

/// `in_(values)` / `not_in(values)`: the column against a list of bound
/// values, as SQLAlchemy's `ColumnOperators.in_`.
///
/// Errors: `TypeError` when `values` is not a list or tuple.
pub fn in_(recv: &ColumnElement, values: &Value, negated: bool) -> Result<ColumnElement> {
    let name = if negated { "not_in" } else { "in_" };
    if let Some(select) = crate::orm::selectable::in_select_of(values) {
        let mut v = ColumnElement::derived(
            SqlExpr::InSelect {
                expr: boxed(recv.expr.clone()),
                select: Box::new(select?),
                negated,
            },
            Some(ColumnType::Boolean),
            true,
        )
        .with_froms_of([recv]);
        // The nested select's ORM plugin comes along (`_propagate_attrs`).
        v.orm |= crate::eval::core_table::carries_orm(values);
        return Ok(v);
    }
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
    Ok(ColumnElement::derived(
        SqlExpr::InList {
            expr: boxed(recv.expr.clone()),
            values,
            negated,
            null_type: recv.ty.as_ref().map(|t| {
                let opts = crate::schema::types::TypeOptions::default();
                std::rc::Rc::from(t.ddl_postgresql(&opts, |n| {
                    crate::sql::dialect::POSTGRESQL.quote(n).into_owned()
                }))
            }),
        },
        Some(ColumnType::Boolean),
        true,
    )
    .with_froms_of([recv]))
}

/// SQLAlchemy's `_boolean_compare` refusal of None/True/False beside an
/// operator that has no `IS` form (`<`, `like`, `contains` …).
pub fn none_operand() -> Error {
    Error::new(
        crate::error::ErrorKind::ArgumentError,
        "Only '=', '!=', 'is_()', 'is_not()', 'is_distinct_from()', 'is_not_distinct_from()' operators can be used with None/True/False",
    )
    .with_help("compare with None by == None or .is_(None); a NULL never matches <, > or LIKE")
}

/// `between(low, high, symmetric=False)`: `expr BETWEEN [SYMMETRIC] ? AND ?`,
/// untyped as SQLAlchemy's.
pub fn between(
    recv: &ColumnElement,
    low: &Value,
    high: &Value,
    symmetric: bool,
) -> Result<ColumnElement> {
    Ok(ColumnElement::derived(
        SqlExpr::Between {
            expr: boxed(recv.expr.clone()),
            low: boxed(recv.bind(low)?),
            high: boxed(recv.bind(high)?),
            negated: false,
            symmetric,
        },
        // SQLAlchemy's `_between_impl` gives no type (`NullType`): its
        // rows hold SQLite's 1/0, not booleans.
        None,
        true,
    )
    .with_froms_of([recv])
    .with_froms_of_values([low, high]))
}

/// `is_(other)` / `is_not(other)`: `IS` / `IS NOT`.
pub fn is_(recv: &ColumnElement, other: &Value, negated: bool) -> Result<ColumnElement> {
    let op = if negated {
        BinaryOp::IsNot
    } else {
        BinaryOp::Is
    };
    compare(recv, op, other)
}

/// `desc()` / `asc()`: the column as an ORDER BY term.
pub fn order(recv: &ColumnElement, desc: bool) -> ColumnElement {
    let mut v = ColumnElement::derived(
        SqlExpr::Order {
            expr: boxed(recv.expr.clone()),
            desc,
        },
        recv.ty.clone(),
        false,
    )
    .with_froms_of([recv]);
    v.key = recv.key.clone();
    v
}

/// `label(name)`: `expr AS name`; the label becomes the result's key.
///
/// Errors: `TypeError` when `name` is neither a str nor None.
pub fn label(recv: &ColumnElement, name: &Value) -> Result<ColumnElement> {
    let label: Rc<str> = match name {
        Value::Str(s) => s.into(),
        // `label(None)`: an anonymous label after the column's (or
        // function's) name, numbered when compiled (`g_1`, `count_1`).
        Value::None => return Ok(anon_label(recv)),
        other => {
            return Err(Error::type_(format!(
                "label() takes a name, not {}",
                other.type_name()
            )));
        }
    };
    let mut v = ColumnElement::derived(
        SqlExpr::Label {
            expr: boxed(recv.expr.clone()),
            name: label.clone(),
        },
        recv.ty.clone(),
        recv.is_clause,
    )
    .with_froms_of([recv]);
    v.key = Some(label);
    // Keep the model so filter_by() still knows what is queried.
    v.column = recv.column.clone();
    Ok(v)
}

/// `label(None)`: SQLAlchemy's `Label(None, expr)`, named
/// `%(id base)s` after the element's name; no key of its own.
fn anon_label(recv: &ColumnElement) -> ColumnElement {
    let base = match &recv.expr {
        SqlExpr::Column { name, .. } => crate::sql::anon::plain(name),
        SqlExpr::Func { name, .. } => crate::sql::func::anon_label_base(name).into_owned(),
        _ => "anon".to_owned(),
    };
    let mut v = ColumnElement::derived(
        SqlExpr::Label {
            expr: boxed(recv.expr.clone()),
            name: crate::sql::anon::anon_name(&base),
        },
        recv.ty.clone(),
        recv.is_clause,
    )
    .with_froms_of([recv]);
    v.column = recv.column.clone();
    v
}

/// `distinct()`: `DISTINCT expr`.
pub fn distinct(recv: &ColumnElement) -> ColumnElement {
    let mut v = ColumnElement::derived(
        SqlExpr::Distinct(Box::new(recv.expr.clone())),
        recv.ty.clone(),
        false,
    )
    .with_froms_of([recv]);
    v.key = recv.key.clone();
    v
}

/// The LIKE family. As SQLAlchemy: `like(other, escape=None)` (and `ilike`,
/// `not_like`, `not_ilike`), `startswith(other, escape=None,
/// autoescape=False)` (and `endswith`, `istartswith`, `iendswith`),
/// `contains(other, **kw)` (and `icontains`). With
/// `autoescape`, the escape character (default `/`) is doubled in the value
/// and put before each `%` and `_`, so they match themselves; either way an
/// escape adds `ESCAPE '…'`. The pattern stays a bound value.
pub fn like(
    recv: &ColumnElement,
    name: &str,
    args: &[Value],
    kw: &[(Rc<str>, Value)],
) -> Result<ColumnElement> {
    let (op, max_pos) = match name {
        "like" => (BinaryOp::Like, 2),
        "ilike" => (BinaryOp::ILike, 2),
        "notlike" | "not_like" => (BinaryOp::NotLike, 2),
        "notilike" | "not_ilike" => (BinaryOp::NotILike, 2),
        "startswith" => (BinaryOp::StartsWith, 3),
        "endswith" => (BinaryOp::EndsWith, 3),
        "istartswith" => (BinaryOp::IStartsWith, 3),
        "iendswith" => (BinaryOp::IEndsWith, 3),
        "icontains" => (BinaryOp::IContains, 1),
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
    if matches!(other, Value::None | Value::Bool(_)) {
        return Err(none_operand());
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
    Ok(
        ColumnElement::derived(expr, Some(ColumnType::Boolean), true)
            .with_froms_of([recv])
            .with_froms_of_values([&other]),
    )
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
