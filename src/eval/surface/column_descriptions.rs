//! `Query.column_descriptions` and `Select.column_descriptions`
//! (SQLAlchemy's `Query.column_descriptions`, `Select.column_descriptions`):
//! one dict per selected entity, with SQLAlchemy's keys `name`, `type`,
//! `aliased`, `expr` and `entity`. A model gives its class (its name, the
//! class as type, expr and entity); an `aliased()` model the alias (named
//! only when `aliased(M, name=…)` named it); a column expression its type
//! object, itself, and the model it reads, if any (the first mapped table
//! it names, or the alias of an aliased column). The names differ as
//! SQLAlchemy's do: a legacy `Query` names only columns, labels and
//! literal columns (`None` for any other expression); a `Select` names
//! each expression by its key in `selected_columns` (`count`, `_no_label`,
//! a repeated key `_1`, `_2`, …).

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::surface::query::Q;
use crate::orm::alias::AliasedModel;
use crate::orm::expr::ColumnElement;
use crate::orm::query::{Entity, Query};
use crate::sql::anon::is_anon;
use crate::sql::ast::SqlExpr;
use crate::value::{Dict, PyStr, Value};

/// `query.column_descriptions` / `select(...).column_descriptions`.
pub(super) fn column_descriptions(me: &mut Interp, q: &Q) -> Result<Value> {
    let q = q.query(me)?;
    let mut taken: Vec<Rc<str>> = Vec::new();
    let mut out = Vec::new();
    for e in &q.entities {
        let d = match e {
            Entity::Model(m) => {
                let class = Value::Obj(m.clone());
                describe(
                    str_value(&m.name),
                    class.clone(),
                    false,
                    class.clone(),
                    class,
                )
            }
            Entity::Aliased(a) => {
                let alias = Value::Obj(a.clone());
                describe(
                    alias_name(a),
                    Value::Obj(a.model.clone()),
                    true,
                    alias.clone(),
                    alias,
                )
            }
            Entity::Expr(ce) => {
                let name = if q.legacy {
                    legacy_name(ce)
                } else {
                    str_value(&select_key(ce, &mut taken))
                };
                let ty = crate::eval::schema_repr::column_type(me, ce)?;
                let entity = expr_entity(me, &q, ce);
                describe(
                    name,
                    ty,
                    ce.entity.is_some(),
                    Value::Obj(ce.clone()),
                    entity,
                )
            }
        };
        out.push(d);
    }
    Ok(Value::list(out))
}

/// One description, with SQLAlchemy's keys in its order.
fn describe(name: Value, ty: Value, aliased: bool, expr: Value, entity: Value) -> Value {
    let mut d = Dict::default();
    d.insert_str("name", name);
    d.insert_str("type", ty);
    d.insert_str("aliased", Value::Bool(aliased));
    d.insert_str("expr", expr);
    d.insert_str("entity", entity);
    Value::Dict(Rc::new(std::cell::RefCell::new(d)))
}

fn str_value(s: &str) -> Value {
    Value::Str(PyStr::from(s))
}

/// An alias's name: the one `aliased(M, name=…)` gave, else `None`.
fn alias_name(a: &AliasedModel) -> Value {
    if is_anon(&a.name) {
        Value::None
    } else {
        str_value(&a.name)
    }
}

/// A legacy query's name of a column expression: a mapped attribute's
/// key, a label's or a (literal) column's name; `None` for any other.
fn legacy_name(ce: &ColumnElement) -> Value {
    let named = ce.column.is_some()
        || ce.hybrid.is_some()
        || ce.prop_of.is_some()
        || matches!(
            ce.expr,
            SqlExpr::Column { .. } | SqlExpr::Label { .. } | SqlExpr::LiteralColumn(_)
        );
    match (&ce.key, named) {
        (Some(k), true) => str_value(k),
        _ => Value::None,
    }
}

/// A select's name of a column expression: its key in
/// `selected_columns` (`_no_label` without one), `_1`, `_2`, … after a
/// repeated one.
fn select_key(ce: &ColumnElement, taken: &mut Vec<Rc<str>>) -> Rc<str> {
    let key = ce.key.clone().unwrap_or_else(|| Rc::from("_no_label"));
    let mut k = key.clone();
    let mut n = 0;
    while taken.contains(&k) {
        n += 1;
        k = Rc::from(format!("{key}_{n}"));
    }
    taken.push(k.clone());
    k
}

/// The entity a column expression reads: the alias of an aliased column
/// (the statement's own, else one of that name), else the model of the
/// first mapped table it names, else `None` (a Core column, a subquery's,
/// a literal).
fn expr_entity(me: &Interp, q: &Query, ce: &ColumnElement) -> Value {
    let mut tables = Vec::new();
    ce.expr.tables_into(&mut tables);
    if let Some(shown) = &ce.entity {
        let own = q.entities.iter().find_map(|e| match e {
            Entity::Aliased(a) if tables.contains(&a.name) => Some(a.clone()),
            _ => None,
        });
        if let Some(a) = own {
            return Value::Obj(a);
        }
        // An alias the statement does not select: the same alias again.
        let model = shown
            .strip_prefix("aliased(")
            .and_then(|s| s.strip_suffix(')'))
            .and_then(|n| me.registry.models().iter().find(|m| &*m.name == n));
        if let (Some(m), Some(name), Some(from)) = (model, tables.first(), ce.froms.first()) {
            return Value::obj(AliasedModel {
                model: m.clone(),
                name: name.clone(),
                from: from.clone(),
                columns: m.columns.iter().map(|c| c.name.clone()).collect(),
            });
        }
    }
    if let Some((m, _)) = &ce.column {
        return Value::Obj(m.clone());
    }
    if !ce.orm {
        return Value::None;
    }
    tables
        .iter()
        .find_map(|t| me.registry.by_table(t))
        .map_or(Value::None, |m| Value::Obj(m.clone()))
}
