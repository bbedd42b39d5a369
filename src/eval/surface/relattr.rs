//! `Model.rel` at class level — SQLAlchemy's `InstrumentedAttribute` of a
//! relationship, whose `Comparator` builds query criteria: `has(...)`
//! (a single object), `any(...)` (a collection), `contains(obj)`,
//! `of_type(Model)`, and `==` / `!=` with an object or None
//! (`eval::compare`). The SQL they write is `eval::rel_class`.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::alias_rel::AliasedRel;
use crate::eval::args::Args;
use crate::eval::rel_class::{contains_clause, exists_clause};
use crate::eval::rel_ops::{RelAttr, as_instance};
use crate::eval::surface::{COLUMN, Class, Member, Returns, Sig, of_type_target};
use crate::value::{PyStr, Value};

type A = Rc<RelAttr>;

/// The arguments of `has` / `any` as SQLAlchemy's `has(criterion=None,
/// **kwargs)` binds them: one criterion, positional or `criterion=`, and
/// `column=value` keywords.
fn criterion(mut a: Args) -> Result<Args> {
    if a.pos.len() > 1 {
        return Err(Error::type_(format!(
            "{}() takes one criterion, not {}",
            a.name,
            a.pos.len()
        ))
        .at(a.span_of(1))
        .with_help(format!("join them into one: {}(and_(a, b))", a.name)));
    }
    if let Some(i) = a.kw.iter().position(|(k, _, _)| &**k == "criterion") {
        let (_, v, span) = a.kw.remove(i);
        if !a.pos.is_empty() {
            return Err(Error::type_(format!(
                "{}() got multiple values for argument 'criterion'",
                a.name
            ))
            .at(span));
        }
        a.pos.push(v);
        a.pos_spans.push(span);
    }
    Ok(a)
}

/// `Post.category.has(criterion, column=value…)`: EXISTS a related row
/// that matches; for a single object only.
fn has(_: &mut Interp, r: &A, a: Args) -> Result<Value> {
    let rel = &r.0;
    if rel.uselist {
        return Err(Error::new(
            ErrorKind::InvalidRequestError,
            format!(
                "{}.{} is a collection; use .any(...) instead of .has(...)",
                rel.owner.name, rel.name
            ),
        ));
    }
    exists_clause(rel, criterion(a)?)
}

/// `Category.posts.any(criterion, column=value…)`; for a collection only.
fn any(_: &mut Interp, r: &A, a: Args) -> Result<Value> {
    let rel = &r.0;
    if !rel.uselist {
        return Err(Error::new(
            ErrorKind::InvalidRequestError,
            format!(
                "{}.{} is a single object; use .has(...) instead of .any(...)",
                rel.owner.name, rel.name
            ),
        ));
    }
    exists_clause(rel, criterion(a)?)
}

fn contains(_: &mut Interp, r: &A, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let rel = &r.0;
    if !rel.uselist {
        return Err(Error::new(
            ErrorKind::InvalidRequestError,
            format!(
                "'contains' is for collections, and {}.{} is a single object",
                rel.owner.name, rel.name
            ),
        )
        .with_help(format!(
            "compare it instead: {}.{} == obj",
            rel.owner.name, rel.name
        )));
    }
    let x = as_instance(rel, &a.pos[0])?;
    contains_clause(rel, &x)
}

/// `Category.posts.of_type(Post)`: the same relationship, narrowed to a
/// subclass of its target — ormsh maps no inheritance, so only the target
/// itself — or read through an alias of it (`User.boss.of_type(Boss)`).
fn of_type(_: &mut Interp, r: &A, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let rel = &r.0;
    match of_type_target(rel, &a.pos[0]).map_err(|e| e.at(a.span_of(0)))? {
        None => Ok(Value::obj(RelAttr(rel.clone()))),
        // `User.boss.of_type(Boss)`: the target read through the alias.
        Some(alias) => Ok(Value::obj(AliasedRel {
            rel: rel.clone(),
            parent: None,
            target: Some(alias),
        })),
    }
}

/// `is_()` / `is_not()`: a relationship's comparator does not define them
/// (SQLAlchemy raises NotImplementedError).
fn no_is(_: &mut Interp, r: &A, a: Args) -> Result<Value> {
    let rel = &r.0;
    let op = if &*a.name == "is_" { "==" } else { "!=" };
    Err(Error::new(
        ErrorKind::NotImplementedError,
        format!("{}.{} does not take {}()", rel.owner.name, rel.name, a.name),
    )
    .with_help(format!(
        "compare it instead: {}.{} {op} None",
        rel.owner.name, rel.name
    )))
}

/// `.key` / `.property`: the relationship's name.
fn key(_: &mut Interp, r: &A) -> Result<Value> {
    Ok(Value::Str(PyStr::from(&r.0.name)))
}

/// `has` / `any`: `criterion=` and any column as a keyword (checked
/// against the target's columns by `exists_clause`).
const CRITERIA: Sig = Sig {
    kw: &["criterion"],
    ignored: &[],
    any_kw: true,
};

/// A relationship attribute's members; `==` and `!=` are operators.
pub static RELATIONSHIP: Class<A> = Class::new(
    "InstrumentedAttribute",
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
            "contains",
            contains,
            Sig::NONE,
            "the collection holds this object",
        ),
        Member::method(
            "of_type",
            of_type,
            Sig::NONE,
            "the relationship narrowed to a subclass of its target",
        ),
        Member::method(
            "is_",
            no_is,
            Sig::NONE,
            "not defined for a relationship: use == None",
        ),
        Member::method(
            "is_not",
            no_is,
            Sig::NONE,
            "not defined for a relationship: use != None",
        ),
        Member::method(
            "isnot",
            no_is,
            Sig::NONE,
            "not defined for a relationship: use != None (older name)",
        ),
        Member::attr("key", key, "the relationship's name"),
        Member::attr("property", key, "the relationship's name"),
    ],
)
// What the members whose result has a fixed class give (read by Tab
// completion).
.with_results(&[
    ("has", Returns::Class(&COLUMN)),
    ("any", Returns::Class(&COLUMN)),
    ("contains", Returns::Class(&COLUMN)),
    ("is_", Returns::Class(&COLUMN)),
    ("is_not", Returns::Class(&COLUMN)),
    ("isnot", Returns::Class(&COLUMN)),
]);
