//! `join(Target, Model.rel)`: a relationship given as the ON clause of a
//! join to its target (or to an alias of it), as SQLAlchemy's
//! `_ORMJoin` reads it — the same join as `join(Model.rel)` /
//! `join(Model.rel.of_type(Alias))`.

use crate::error::{Error, ErrorKind, Result};
use crate::eval::alias_rel::AliasedRel;
use crate::eval::args::Args;
use crate::eval::rel_ops::RelAttr;
use crate::eval::surface::alias_rel::of_type_target;
use crate::orm::alias::AliasedModel;
use crate::schema::model::Model;
use crate::value::Value;

/// `join(target, rel)` rewritten as `join(rel.of_type(target))`; `None`
/// when the second argument is not a relationship.
pub fn rel_as_onclause(a: &Args) -> Option<Result<Args>> {
    let [target, on] = a.pos.as_slice() else {
        return None;
    };
    let (rel, parent) = if let Some(r) = on.downcast::<RelAttr>() {
        (r.0.clone(), None)
    } else if let Some(r) = on.downcast::<AliasedRel>() {
        (r.rel.clone(), r.parent.clone())
    } else {
        return None;
    };
    let matches = target
        .downcast::<Model>()
        .map(|m| m.id == rel.target.id)
        .or_else(|| {
            target
                .downcast::<AliasedModel>()
                .map(|al| al.model.id == rel.target.id)
        })
        .unwrap_or(false);
    if !matches {
        return Some(Err(Error::new(
            ErrorKind::InvalidRequestError,
            format!(
                "join target {} does not correspond to the right side of join condition {}.{}",
                describe(target),
                rel.owner.name,
                rel.name
            ),
        )
        .at(a.span_of(0))
        .with_help(format!(
            "join to {} (or an alias of it), or drop the target: join({}.{})",
            rel.target.name, rel.owner.name, rel.name
        ))));
    }
    let of_type = match of_type_target(&rel, target) {
        Ok(t) => t,
        Err(e) => return Some(Err(e.at(a.span_of(0)))),
    };
    let joined = Value::obj(AliasedRel {
        rel,
        parent,
        target: of_type,
    });
    Some(Ok(Args {
        name: a.name.clone(),
        pos: vec![joined],
        pos_spans: vec![a.span_of(1)],
        kw: Vec::new(),
        span: a.span,
    }))
}

/// A join target as a message names it.
fn describe(v: &Value) -> String {
    if let Some(m) = v.downcast::<Model>() {
        return m.name.to_string();
    }
    if let Some(al) = v.downcast::<AliasedModel>() {
        return format!("aliased({})", al.model.name);
    }
    v.type_name().to_string()
}
