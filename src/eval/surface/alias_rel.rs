//! The members of a relationship seen through an alias
//! (`aliased(User).posts`, `User.boss.of_type(Boss)`): SQLAlchemy's
//! `QueryableAttribute` comparator — `any`, `has`, `of_type`. Joining
//! along it is `Query.join` (`eval::query_rel`); the SQL is
//! `eval::alias_rel`.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::alias_rel::AliasedRel;
use crate::eval::args::Args;
use crate::eval::surface::{COLUMN, Class, Member, Returns, Sig};
use crate::orm::alias::AliasedModel;
use crate::orm::expr::clause_of;
use crate::schema::model::Model;
use crate::value::{PyStr, Value};

type A = Rc<AliasedRel>;

/// A criterion given to `any`/`has`, and their `column=value` keywords.
type Criteria = (Vec<crate::sql::ast::SqlExpr>, Vec<(Rc<str>, Value)>);

/// The criterion and `column=value` keywords of `any`/`has`, as
/// SQLAlchemy's `any(criterion=None, **kwargs)` binds them.
fn criteria(a: &Args) -> Result<Criteria> {
    if a.pos.len() > 1 {
        return Err(Error::type_(format!(
            "{}() takes one criterion, not {}",
            a.name,
            a.pos.len()
        ))
        .at(a.span_of(1))
        .with_help(format!("join them into one: {}(and_(a, b))", a.name)));
    }
    let mut out = Vec::new();
    let mut kw = Vec::new();
    for (i, v) in a.pos.iter().enumerate() {
        out.push(clause_of(v).map_err(|e| e.at(a.span_of(i)))?);
    }
    for (k, v, span) in &a.kw {
        if &**k == "criterion" {
            if !a.pos.is_empty() {
                return Err(Error::type_(format!(
                    "{}() got multiple values for argument 'criterion'",
                    a.name
                ))
                .at(*span));
            }
            out.push(clause_of(v).map_err(|e| e.at(*span))?);
        } else {
            kw.push((k.clone(), v.clone()));
        }
    }
    Ok((out, kw))
}

fn wrong_kind(r: &AliasedRel, want: &str, instead: &str) -> Error {
    let rel = &r.rel;
    Error::new(
        ErrorKind::InvalidRequestError,
        format!(
            "{}.{} is {want}; use .{instead}(...)",
            rel.owner.name, rel.name
        ),
    )
}

/// `aliased(Post).author.has(...)`: EXISTS a related row (a single object).
fn has(_: &mut Interp, r: &A, a: Args) -> Result<Value> {
    if r.rel.uselist {
        return Err(wrong_kind(r, "a collection", "any"));
    }
    let (c, kw) = criteria(&a)?;
    r.exists(c, &kw)
}

/// `aliased(User).posts.any(...)`: EXISTS a member (a collection).
fn any(_: &mut Interp, r: &A, a: Args) -> Result<Value> {
    if !r.rel.uselist {
        return Err(wrong_kind(r, "a single object", "has"));
    }
    let (c, kw) = criteria(&a)?;
    r.exists(c, &kw)
}

/// `of_type(alias)`: the target read through an alias of it (or the
/// target model itself: ormsh maps no inheritance).
fn of_type(_: &mut Interp, r: &A, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let target = of_type_target(&r.rel, &a.pos[0]).map_err(|e| e.at(a.span_of(0)))?;
    Ok(Value::obj(AliasedRel {
        rel: r.rel.clone(),
        parent: r.parent.clone(),
        target,
    }))
}

/// What `rel.of_type(x)` reads the target through: an alias of the
/// target (`Some`), or the target itself (`None`).
pub fn of_type_target(
    rel: &crate::schema::relationship::Rel,
    v: &Value,
) -> Result<Option<Rc<AliasedModel>>> {
    if let Some(al) = v.downcast::<AliasedModel>()
        && al.model.id == rel.target.id
    {
        return Ok(Some(al));
    }
    if let Some(m) = v.downcast::<Model>()
        && m.id == rel.target.id
    {
        return Ok(None);
    }
    let given = match (v.downcast::<Model>(), v.downcast::<AliasedModel>()) {
        (Some(m), _) => m.name.to_string(),
        (_, Some(al)) => format!("aliased({})", al.model.name),
        _ => format!("a {}", v.type_name()),
    };
    Err(Error::new(
        ErrorKind::InvalidRequestError,
        format!(
            "of_type() takes {} or an alias of it, the target of {}.{}, not {given}",
            rel.target.name, rel.owner.name, rel.name
        ),
    )
    .with_help(format!(
        "ormsh maps no inheritance: write of_type({}) or of_type(db.aliased({}))",
        rel.target.name, rel.target.name
    )))
}

/// `.key`: the relationship's name.
fn key(_: &mut Interp, r: &A) -> Result<Value> {
    Ok(Value::Str(PyStr::from(&r.rel.name)))
}

const CRITERIA: Sig = Sig {
    kw: &["criterion"],
    ignored: &[],
    any_kw: true,
};

/// A relationship through an alias: its members.
pub static ALIASED_REL: Class<A> = Class::new(
    "QueryableAttribute",
    &[
        Member::method(
            "has",
            has,
            CRITERIA,
            "EXISTS a related object matching the criteria (a single object)",
        ),
        Member::method(
            "any",
            any,
            CRITERIA,
            "EXISTS a member matching the criteria (a collection)",
        ),
        Member::method(
            "of_type",
            of_type,
            Sig::NONE,
            "the relationship with its target read through an alias",
        ),
        Member::attr("key", key, "the relationship's name"),
    ],
)
.with_results(&[
    ("has", Returns::Class(&COLUMN)),
    ("any", Returns::Class(&COLUMN)),
]);
