//! SQLAlchemy's `with_parent(instance, Parent.rel)` (`sqlalchemy.orm`,
//! lent by Flask-SQLAlchemy as `db.with_parent`): the criterion that
//! selects the objects `instance.rel` would load — the lazy loader's
//! clause with the parent's values bound when the statement runs (after
//! its autoflush). Also the criteria `query.with_parent(obj)` adds.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::rel_ops::RelAttr;
use crate::orm::expr::{ColumnElement, and};
use crate::orm::instance::Instance;
use crate::orm::late::late_param;
use crate::orm::rel_query::rel_query_by;
use crate::schema::relationship::{Rel, RelKind};
use crate::sql::ast::{FromItem, SqlExpr};
use crate::value::Value;

/// The criteria selecting the objects `parent.rel` holds, and the
/// aliased association table a many-to-many's criteria name
/// (`FROM tag, tags AS tags_1 WHERE ? = tags_1.page_id AND …`).
pub fn criteria(parent: &Rc<Instance>, rel: &Rel) -> Result<(Vec<SqlExpr>, Option<FromItem>)> {
    // Bound anonymously (`:param_1` in `str()`), as SQLAlchemy's lazy
    // clause binds the parent's values.
    let rq = rel_query_by(parent, rel, |inst, i, key| {
        Ok(match late_param(inst, i, key) {
            SqlExpr::Late { value, .. } => SqlExpr::Late { value, key: None },
            other => other,
        })
    })?;
    if let RelKind::ManyToMany { table, .. } = &rel.kind {
        let alias: Rc<str> = Rc::from(format!("{}_1", table.name));
        let wh = (rq.where_.into_iter())
            .map(|e| e.retarget(&table.name, &alias))
            .collect();
        let from = FromItem::Table {
            name: table.name.clone(),
            alias: Some(alias),
        };
        return Ok((wh, Some(from)));
    }
    Ok((rq.where_, None))
}

/// `with_parent(instance, Parent.rel)`: a criterion for `where()` /
/// `filter()`.
pub fn with_parent(_: &mut Interp, a: Args) -> Result<Value> {
    a.no_more_kw()?;
    a.count(2, 2).map_err(|e| {
        e.with_help("give the object and the relationship: with_parent(user, User.posts)")
    })?;
    let parent = a.pos[0].downcast::<Instance>().ok_or_else(|| {
        Error::new(
            ErrorKind::ArgumentError,
            format!(
                "with_parent() takes a model instance first, not {}",
                a.pos[0].type_name()
            ),
        )
        .at(a.span_of(0))
    })?;
    crate::orm::retire::check_object(&parent).map_err(|e| e.at(a.span_of(0)))?;
    if matches!(a.pos[1], Value::Str(_)) {
        return Err(strings_refused().at(a.span_of(1)));
    }
    // `Node.children.of_type(alias)`: the criteria read the target
    // through the alias.
    let (rel, target) = match of_type_target(&a.pos[1]).map_err(|e| e.at(a.span_of(1)))? {
        Some((rel, alias)) => (rel, Some(alias)),
        None => match a.pos[1].downcast::<RelAttr>() {
            Some(r) => (r.0.clone(), None),
            None => {
                return Err(Error::new(
                    ErrorKind::ArgumentError,
                    format!(
                        "with_parent()'s second argument is a relationship attribute, not {}",
                        a.pos[1].type_name()
                    ),
                )
                .at(a.span_of(1))
                .with_help(format!(
                    "name it through the class: with_parent(obj, {}.<relationship>)",
                    parent.model.name
                )));
            }
        },
    };
    crate::orm::retire::check_rel(&rel).map_err(|e| e.at(a.span_of(1)))?;
    if rel.owner.id != parent.model.id {
        return Err(Error::new(
            ErrorKind::ArgumentError,
            format!(
                "with_parent(): {} is a relationship of {}, not of {}",
                format_args!("{}.{}", rel.owner.name, rel.name),
                rel.owner.name,
                parent.model.name
            ),
        )
        .at(a.span_of(1)));
    }
    let (wh, from) = criteria(&parent, &rel)?;
    let wh = through_alias(wh, &rel, target.as_ref());
    let mut c: ColumnElement = and(wh);
    c.froms.extend(from);
    c.into_value()
}

/// SQLAlchemy 2.0's refusal of a relationship named by a string
/// (`with_parent(u, 'posts')`, `Query.with_parent(u, 'posts')`).
pub fn strings_refused() -> Error {
    Error::new(
        ErrorKind::ArgumentError,
        "with_parent() accepts class-bound mapped attributes, not strings",
    )
    .with_help("name the relationship through its class: with_parent(user, User.posts)")
}

/// `Parent.rel.of_type(alias)`: the relationship and the plain alias its
/// target is read by; None for another value. An alias of a subquery is
/// refused.
pub fn of_type_target(v: &Value) -> Result<Option<(Rc<Rel>, Rc<str>)>> {
    let Some(r) = v.downcast::<crate::eval::alias_rel::AliasedRel>() else {
        return Ok(None);
    };
    let (None, Some(alias)) = (&r.parent, &r.target) else {
        return Ok(None);
    };
    match &alias.from {
        FromItem::Table { alias: Some(_), .. } => Ok(Some((r.rel.clone(), alias.name.clone()))),
        _ => Err(Error::new(
            ErrorKind::NotImplementedError,
            "with_parent() of a relationship of_type() an alias of a subquery is not supported by ormsh",
        )
        .with_help("give of_type() an aliased(Model)")),
    }
}

/// The criteria read through `alias`, the relationship target's.
pub fn through_alias(wh: Vec<SqlExpr>, rel: &Rel, alias: Option<&Rc<str>>) -> Vec<SqlExpr> {
    match alias {
        Some(a) => wh
            .into_iter()
            .map(|e| e.retarget(&rel.target.table, a))
            .collect(),
        None => wh,
    }
}
