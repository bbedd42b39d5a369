//! `sqlalchemy.ext.hybrid.hybrid_property` on a model's method: read from
//! an object it is a property (the getter run on the object); read from
//! the model it is a SQL expression — the `@name.expression` function
//! run with the model, else the getter itself with the model as `self`
//! (`self.first + ' ' + self.last` is then `User.first + ' ' +
//! User.last`), as SQLAlchemy's `hybrid_property.__get__` does. Its
//! `@name.setter` sets through the object. `hybrid_method` is the same
//! for a method: called on an object it runs in Python, called on the
//! model it builds SQL (`@name.expression`, else the function with the
//! model as `self`), as SQLAlchemy's `hybrid_method.__get__` binds it.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::orm::expr::ColumnElement;
use crate::schema::methods::{MethodKind, Methods};
use crate::schema::model::Model;
use crate::syntax::ast::{ExprKind, FuncDef};
use crate::value::Value;

/// The name a decorator ends with (`hybrid_property`, `x.expression`).
fn last_name(e: &crate::syntax::ast::Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Name(n) => Some(n),
        ExprKind::Attr { attr, .. } => Some(&attr.name),
        _ => None,
    }
}

/// `@hybrid_property` (kind `Hybrid`) or `@name.expression` of one
/// (kind `Hybrid` with the property's name); None for other methods.
#[allow(clippy::type_complexity)]
pub fn kind_of(f: &FuncDef) -> Option<std::result::Result<(MethodKind, Option<Rc<str>>), String>> {
    let [d] = f.decorators.as_slice() else {
        return None;
    };
    if last_name(d) == Some("hybrid_property") {
        return Some(Ok((MethodKind::Hybrid, None)));
    }
    if last_name(d) == Some("hybrid_method") {
        return Some(Ok((MethodKind::HybridMethod, None)));
    }
    if let ExprKind::Attr { value, attr } = &d.kind
        && matches!(&*attr.name, "expression" | "inplace")
    {
        return Some(match &value.kind {
            ExprKind::Name(p) if &*attr.name == "expression" => {
                Ok((MethodKind::Hybrid, Some(p.clone())))
            }
            _ => Err(
                "ormsh runs @name.expression of a hybrid property or method of the class".into(),
            ),
        });
    }
    None
}

/// `@name.expression`: the class-level function of the hybrid `name`.
pub fn attach_expression(out: &mut Methods, name: &str, func: Value) -> Result<()> {
    match out.defined.iter_mut().find(|m| &*m.name == name) {
        Some(m) if matches!(m.kind, MethodKind::Hybrid | MethodKind::HybridMethod) => {
            m.expression = Some(func);
            Ok(())
        }
        _ => Err(Error::name(format!(
            "name '{name}' is not defined: @{name}.expression follows the @hybrid_property or @hybrid_method {name}"
        ))),
    }
}

/// `hybrid_property` as a value (`from sqlalchemy.ext.hybrid import
/// hybrid_property`): the function it decorates (a model's class body
/// reads the decorator from its text, `eval::methods`).
pub fn hybrid_property(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    Ok(a.pos[0].clone())
}

/// `hybrid_method` as a value: the function it decorates, as
/// `hybrid_property`.
pub fn hybrid_method(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    Ok(a.pos[0].clone())
}

/// The expression a hybrid property gives read from its model, as
/// SQLAlchemy's proxied attribute for it: named by the property (its
/// `key`, `str()` `User.full_name`, a result's column `full_name`). A
/// value that is no SQL expression is given back as it is.
pub fn proxied(v: Value, model: &Model, name: &str) -> Value {
    match v.downcast::<ColumnElement>() {
        Some(e) => Value::obj(ColumnElement {
            key: Some(Rc::from(name)),
            hybrid: Some(model.name.clone()),
            prop_of: None,
            orm: true,
            ..(*e).clone()
        }),
        None => v,
    }
}

/// The class-level SQL of the hybrid property `name` of `model` (its
/// `@expression`, else its getter run with the model as `self`), as
/// `filter_by(total=12)` and `update(M).values(total=…)` read a keyword
/// SQLAlchemy finds with `getattr(M, name)`; None when `name` is not a
/// hybrid of the model.
pub(crate) fn class_expr(
    me: &mut Interp,
    model: &Rc<Model>,
    name: &str,
) -> Result<Option<Rc<ColumnElement>>> {
    let is_hybrid = model
        .methods
        .get(name)
        .is_some_and(|m| m.kind == MethodKind::Hybrid);
    if !is_hybrid {
        return Ok(None);
    }
    let v = me.get_attr(&Value::Obj(model.clone()), &Rc::from(name))?;
    Ok(v.downcast::<ColumnElement>())
}
