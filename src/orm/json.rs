//! Indexing a JSON column, as SQLAlchemy's `JSON.Comparator` does it:
//! `Doc.data['k']`, `Doc.data[0]`, `Doc.data[('a', 1)]` (a path) give a
//! JSON value; `.as_string()`, `.as_integer()`, `.as_float()`,
//! `.as_boolean()`, `.as_numeric(p, s)` read that value as another type
//! and `.as_json()` as JSON (`_binary_w_type`). The SQL text is the
//! dialect's (`sql::json`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::expr::ColumnElement;
use crate::schema::types::ColumnType;
use crate::sql::ast::SqlExpr;
use crate::sql::json::JsonStep;
use crate::value::Value;

/// Whether this expression is JSON-typed, so that it can be indexed and
/// has the `as_*` readers.
pub fn is_json(c: &ColumnElement) -> bool {
    matches!(c.ty, Some(ColumnType::Json))
}

/// One index value as a step: a `str` is a key, an `int` a position.
fn step(v: &Value) -> Result<JsonStep> {
    match v {
        Value::Str(s) => Ok(JsonStep::Key(Rc::from(s.as_str()))),
        Value::Int(i) => Ok(JsonStep::Position(*i)),
        // SQLAlchemy formats any other index as a key, `'$."%s"' % value`.
        Value::Float(f) => Ok(JsonStep::Key(Rc::from(crate::value::float::float_repr(*f)))),
        other => Err(Error::new(
            ErrorKind::NotImplementedError,
            format!(
                "a JSON index of type {} is not supported; index with a str key or an int position",
                other.type_name()
            ),
        )
        .with_help("Doc.data['key'], Doc.data[0], or a path: Doc.data[('key', 0)]")),
    }
}

/// `c[index]`: SQLAlchemy's `json_getitem_op` (one key or position) or,
/// for a tuple or list, `json_path_getitem_op`. The result is JSON.
///
/// Errors: `NotImplementedError` when `c` is not JSON (SQLAlchemy's
/// "Operator 'getitem' is not supported on this expression") or for an
/// index that is neither a `str`, an `int` nor a sequence of them.
pub fn getitem(c: &ColumnElement, index: &Value) -> Result<ColumnElement> {
    if !is_json(c) {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            "Operator 'getitem' is not supported on this expression",
        )
        .with_help("only a db.JSON column (or an index into one) can be indexed"));
    }
    let (path, is_path) = match index {
        Value::Tuple(t) => (t.iter().map(step).collect::<Result<Vec<_>>>()?, true),
        Value::List(l) => (
            l.borrow().iter().map(step).collect::<Result<Vec<_>>>()?,
            true,
        ),
        one => (vec![step(one)?], false),
    };
    let mut out = ColumnElement::derived(
        SqlExpr::JsonIndex {
            expr: Box::new(c.expr.clone()),
            path,
            is_path,
            cast: None,
        },
        Some(ColumnType::Json),
        false,
    );
    out.froms = c.froms.clone();
    out.orm = c.orm;
    Ok(out)
}

/// `c.as_string()` and its kin: the index `c` read as `ty`
/// (`CAST(JSON_EXTRACT(…) AS VARCHAR)` on SQLite); `None` is
/// `as_json()`, which gives `c` itself.
///
/// Errors: `AttributeError` when `c` is not JSON, as SQLAlchemy's
/// comparator has no such method; `InvalidRequestError` when it is a JSON
/// column rather than an index into one.
pub fn as_type(c: &ColumnElement, method: &str, ty: Option<ColumnType>) -> Result<ColumnElement> {
    if !is_json(c) {
        let of = match &c.column {
            Some((m, i)) => format!(" associated with {}.{}", m.name, m.columns[*i].attr),
            None => String::new(),
        };
        return Err(Error::attr(format!(
            "Neither '{}' object nor 'Comparator' object{of} has an attribute '{method}'",
            crate::value::Object::type_name(c)
        )));
    }
    let Some(ty) = ty else {
        // SQLAlchemy's `as_json()` gives the comparator's expression: for
        // a mapped attribute its `Column`, printed `doc.data`.
        let mut out = c.clone();
        out.column = None;
        out.entity = None;
        return Ok(out);
    };
    let SqlExpr::JsonIndex {
        expr,
        path,
        is_path,
        ..
    } = &c.expr
    else {
        return Err(Error::new(
            ErrorKind::InvalidRequestError,
            format!(
                "The JSON cast operator JSON.{method}() only works with a JSON index expression e.g. col['q'].{method}()"
            ),
        ));
    };
    let mut out = ColumnElement::derived(
        SqlExpr::JsonIndex {
            expr: expr.clone(),
            path: path.clone(),
            is_path: *is_path,
            cast: Some(Rc::from(ty.ddl())),
        },
        Some(ty),
        false,
    );
    out.froms = c.froms.clone();
    out.orm = c.orm;
    Ok(out)
}

/// `JSON.NULL`: SQLAlchemy's `symbol('JSON_NULL')`, the value that
/// stores JSON `null` in a JSON column even with `none_as_null=True`
/// (where `None` stores SQL NULL).
pub struct JsonNull;

impl crate::value::Object for JsonNull {
    fn type_name(&self) -> &str {
        "symbol"
    }
}

/// The one `JSON.NULL` (a singleton, as SQLAlchemy's symbols are:
/// `JSON.NULL is JSON.NULL`).
pub fn json_null() -> Value {
    thread_local! {
        static NULL: Value = Value::obj(JsonNull);
    }
    NULL.with(Value::clone)
}

/// Is `v` `JSON.NULL`?
pub fn is_json_null(v: &Value) -> bool {
    v.is::<JsonNull>()
}
