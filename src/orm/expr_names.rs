//! The names a column expression answers to, as SQLAlchemy gives them:
//! `.key` (`ColumnElement.key`: a mapped attribute's name, a column's or
//! label's, a bind parameter's, a hybrid property's; `None` for a computed
//! expression), `.name` (a column's or label's name in SQL, a function's
//! name; an `AttributeError` for an expression that has none), and the
//! label a hybrid property's expression takes in a SELECT
//! (`ColumnElement._expression_label`).

use std::rc::Rc;

use crate::orm::expr::ColumnElement;
use crate::sql::ast::SqlExpr;

/// `expr.key`: SQLAlchemy's `ColumnElement.key` (a hybrid property's
/// proxy keeps its own name).
pub fn key(c: &ColumnElement) -> Option<Rc<str>> {
    if c.hybrid.is_some() || c.prop_of.is_some() {
        return c.key.clone();
    }
    if let SqlExpr::Label { name, .. } = &c.expr {
        return Some(name.clone());
    }
    if let Some((model, idx)) = &c.column {
        return Some(model.columns[*idx].attr.clone());
    }
    match &c.expr {
        SqlExpr::Column { name, .. } => Some(c.key.clone().unwrap_or_else(|| name.clone())),
        SqlExpr::LiteralColumn(text) => Some(text.clone()),
        // `bindparam('x')`'s name.
        SqlExpr::Late { .. } => crate::sql::named_bind::name_of(&c.expr),
        _ => None,
    }
}

/// `expr.name`: the name SQLAlchemy's element has — a column's (the
/// table's name for it, not the attribute's), a label's, a function's;
/// None where SQLAlchemy's element has no `name` attribute (a comparison,
/// arithmetic, a CAST …). A hybrid property's is its expression's.
pub fn name(c: &ColumnElement) -> Option<Rc<str>> {
    if let SqlExpr::Label { name, .. } = &c.expr {
        return Some(name.clone());
    }
    if let Some((model, idx)) = &c.column {
        return Some(model.columns[*idx].name.clone());
    }
    match &c.expr {
        SqlExpr::Column { name, .. } => Some(name.clone()),
        SqlExpr::LiteralColumn(text) => Some(text.clone()),
        SqlExpr::Func { name, .. } => Some(name.clone()),
        _ => None,
    }
}

/// The class name of the element SQLAlchemy would build for `c`, for the
/// message of a missing `.name` (`Neither 'BinaryExpression' object nor
/// 'Comparator' object has an attribute 'name'`).
pub fn element_class(c: &ColumnElement) -> &'static str {
    match &c.expr {
        SqlExpr::Cast { .. } => "Cast",
        SqlExpr::TypeCoerce(_) => "TypeCoerce",
        SqlExpr::Case { .. } => "Case",
        SqlExpr::Over { .. } => "Over",
        SqlExpr::Tuple(_) => "Tuple",
        SqlExpr::Exists(_) => "Exists",
        SqlExpr::Null => "Null",
        SqlExpr::Bool(true) => "True_",
        SqlExpr::Bool(false) => "False_",
        SqlExpr::And(_) | SqlExpr::Or(_) => "BooleanClauseList",
        SqlExpr::Param { .. } | SqlExpr::Late { .. } => "BindParameter",
        SqlExpr::Neg(_) | SqlExpr::BitNot(_) | SqlExpr::Order { .. } | SqlExpr::Distinct(_) => {
            "UnaryExpression"
        }
        _ => "BinaryExpression",
    }
}

/// The label a hybrid property's expression takes among a SELECT's
/// columns when it has no name of its own (`AS full_name` for
/// `first || ' ' || last`), SQLAlchemy's `_expression_label` from the
/// `proxy_key` annotation; None for any other expression.
pub fn expression_label(c: &ColumnElement) -> Option<Rc<str>> {
    match (&c.hybrid, name(c)) {
        (Some(_), None) => c.key.clone(),
        _ => None,
    }
}

/// The SQLAlchemy class an expression is (`type(x)`): a mapped
/// attribute's `InstrumentedAttribute`, `Label`, a function's class,
/// `ColumnClause` for `column('x')`, else its element class.
pub fn class_name(c: &ColumnElement) -> &'static str {
    match &c.expr {
        SqlExpr::Label { .. } => "Label",
        _ if c.column.is_some() || c.prop_of.is_some() => "InstrumentedAttribute",
        SqlExpr::Func { name, .. } => function_class(name),
        // A mapped column's `.expression`: the table's column annotated.
        SqlExpr::Column { table: Some(_), .. } if c.entity.is_none() && c.orm => "AnnotatedColumn",
        SqlExpr::Column { .. } | SqlExpr::LiteralColumn(_) if c.entity.is_none() => "ColumnClause",
        // `aliased(User).name`: the alias's attribute.
        SqlExpr::Column { .. } => "InstrumentedAttribute",
        _ => element_class(c),
    }
}

/// The class of `func.name(...)`: SQLAlchemy's `GenericFunction` of that
/// name (`sqlalchemy.sql.functions.count`, found in any case), else
/// `Function`.
pub fn function_class(name: &str) -> &'static str {
    const GENERIC: &[&str] = &[
        "count",
        "max",
        "min",
        "sum",
        "now",
        "coalesce",
        "concat",
        "char_length",
        "random",
        "rank",
        "dense_rank",
        "percent_rank",
        "cume_dist",
        "current_date",
        "current_time",
        "current_timestamp",
        "current_user",
        "localtime",
        "localtimestamp",
        "session_user",
        "sysdate",
        "user",
        "array_agg",
        "mode",
        "percentile_cont",
        "percentile_disc",
        "cube",
        "rollup",
        "grouping_sets",
    ];
    GENERIC
        .iter()
        .find(|g| g.eq_ignore_ascii_case(name))
        .copied()
        .unwrap_or("Function")
}
