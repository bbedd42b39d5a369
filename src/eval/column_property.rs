//! `db.column_property(expr, deferred=False, group=None, raiseload=False)`
//! (SQLAlchemy's `orm.column_property`) in a model: an SQL expression —
//! `first + ' ' + last`, a correlated `select(func.count(...))
//! .scalar_subquery()` — mapped as a read-only attribute. The model keeps it
//! as a [`Column`] whose `expression` is set: never in the table's DDL,
//! its INSERT or UPDATE, selected as `expr AS anon_1` with the model's
//! columns, and expired by every flush of the object (SQLAlchemy's
//! `expire_on_flush=True`), so it is read again when next accessed.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::ColumnSpec;
use crate::eval::surface::Sig;
use crate::orm::deferral::Deferral;
use crate::orm::expr::ColumnElement;
use crate::schema::column::Column;
use crate::schema::types::ColumnType;
use crate::value::{Object, Value};

/// A `column_property(...)` as written, before the model takes it.
pub struct ColumnPropertySpec {
    pub expr: ColumnElement,
    pub deferred: Option<Deferral>,
}

impl Object for ColumnPropertySpec {
    fn type_name(&self) -> &str {
        "ColumnProperty"
    }
}

/// `db.column_property(expr, deferred=, group=, raiseload=)`.
pub fn column_property(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind(
        "column_property",
        &Sig {
            kw: &["deferred", "group", "raiseload"],
            ignored: &[
                ("doc", "ormsh keeps no docstrings for attributes"),
                ("info", "ormsh keeps no info dicts"),
                ("expire_on_flush", "ormsh always reloads it after a flush"),
            ],
            any_kw: false,
        },
    )?;
    let deferred = a.take_kw("deferred").is_some_and(|v| v.truthy());
    let group = a.take_kw("group");
    let raiseload = a.take_kw("raiseload").is_some_and(|v| v.truthy());
    a.count(1, 1)?;
    // A column given to it maps that column, as a plain member would.
    if a.pos[0].is::<ColumnSpec>() {
        return Ok(a.pos[0].clone());
    }
    let Some(expr) = a.pos[0].downcast::<ColumnElement>() else {
        return Err(Error::new(
            ErrorKind::ArgumentError,
            format!(
                "column_property() takes an SQL expression, not {}",
                a.pos[0].type_name()
            ),
        )
        .at(a.span_of(0))
        .with_help(
            "give it an expression of the model's columns, or a select(...).scalar_subquery()",
        ));
    };
    let group = match &group {
        Some(Value::Str(s)) => Some(Rc::from(s.as_str())),
        _ => None,
    };
    let deferred = (deferred || group.is_some()).then_some(Deferral {
        group,
        raiseload,
        expression: false,
    });
    Ok(Value::obj(ColumnPropertySpec {
        expr: (*expr).clone(),
        deferred,
    }))
}

/// The model's column standing for the property `name`.
pub fn property_column(name: &str, spec: &ColumnPropertySpec) -> Column {
    let ty = spec.expr.ty.clone().unwrap_or(if spec.expr.is_clause {
        ColumnType::Boolean
    } else {
        ColumnType::Null
    });
    let mut col = Column::new(Rc::from(name), ty);
    col.expression = Some(Rc::new(spec.expr.expr.clone()));
    col.deferred = spec.deferred.clone();
    col
}

/// `db.query_expression(default_expr=null())` (SQLAlchemy's
/// `orm.query_expression`): an attribute a query loads only when its
/// `with_expression(M.attr, expr)` option gives the SQL — `None`
/// otherwise, without SQL; never in the table's DDL, INSERT or UPDATE.
/// With a `default_expr`, that expression loads with every query, as a
/// `column_property()` does.
pub fn query_expression(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.keyword_at(0, "default_expr")?;
    a.bind(
        "query_expression",
        &Sig {
            kw: &["default_expr"],
            ignored: &[
                ("doc", "ormsh keeps no docstrings for attributes"),
                ("info", "ormsh keeps no info dicts"),
                ("expire_on_flush", "ormsh always reloads it after a flush"),
                ("repr", "ormsh's dataclass options do not apply"),
                ("compare", "ormsh's dataclass options do not apply"),
            ],
            any_kw: false,
        },
    )?;
    a.count(0, 1)?;
    match a.pos.first() {
        None | Some(Value::None) => Ok(Value::obj(ColumnPropertySpec {
            expr: crate::orm::constructs::null(),
            deferred: Some(Deferral {
                group: None,
                raiseload: false,
                expression: true,
            }),
        })),
        Some(v) => Ok(Value::obj(ColumnPropertySpec {
            expr: crate::orm::constructs::expression_of(v, None)?,
            deferred: None,
        })),
    }
}
