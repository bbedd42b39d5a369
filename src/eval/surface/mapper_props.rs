//! A `Mapper`'s properties (SQLAlchemy's `Mapper.attrs`,
//! `.relationships`, `.column_attrs`: `ReadOnlyProperties` of
//! `MapperProperty` objects, `orm/mapper.py`): by name as attributes and
//! keys, `keys()`/`values()`/`items()`, iterated as their values, in
//! SQLAlchemy's order — the relationships the class declares, then its
//! columns, then the back-references other classes give it. A column is
//! its `ColumnProperty` (`column_prop`); a relationship its
//! `RelationshipProperty`, with `key`, `uselist`, `direction`, `lazy`,
//! `mapper` (also `entity`: the target's `Mapper`) and `target`.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::column_prop::ColumnProp;
use crate::eval::surface::mapper::Mapper;
use crate::eval::surface::{Class, Member, Sig};
use crate::schema::model::Model;
use crate::schema::relationship::{Lazy, Rel, RelKind};
use crate::value::{Object, PyStr, Value};

/// `ReadOnlyProperties`: a mapper's properties by name, in order.
pub struct Props(pub Named);

impl Object for Props {
    fn type_name(&self) -> &str {
        "ReadOnlyProperties"
    }
}

/// A relationship's `RelationshipProperty` (`_RelationshipDeclared` for
/// one the class declares, as SQLAlchemy 2 names it).
pub struct RelProp {
    pub rel: Rc<Rel>,
    pub declared: bool,
}

impl Object for RelProp {
    fn type_name(&self) -> &str {
        "RelationshipProperty"
    }
}

/// `RelationshipDirection.ONETOMANY` and its kin (an `enum.Enum`).
pub struct Direction(pub &'static str, pub u8);

impl Object for Direction {
    fn type_name(&self) -> &str {
        "RelationshipDirection"
    }
}

/// The reprs: `<_RelationshipDeclared at 0x…; kids>`,
/// `<RelationshipDirection.ONETOMANY: 1>`, the collection's class.
pub fn repr_of(v: &Value) -> Option<String> {
    if v.is::<Props>() {
        return Some("<sqlalchemy.util._collections.ReadOnlyProperties object>".into());
    }
    if let Some(d) = v.downcast::<Direction>() {
        return Some(format!("<RelationshipDirection.{}: {}>", d.0, d.1));
    }
    let p = v.downcast::<RelProp>()?;
    let class = match p.declared {
        true => "_RelationshipDeclared",
        false => "RelationshipProperty",
    };
    let at = Rc::as_ptr(&p) as *const () as usize;
    Some(format!("<{class} at {at:#x}; {}>", p.rel.name))
}

/// Properties by name, in order.
type Named = Vec<(Rc<str>, Value)>;

/// The relationships of `model`, declared first, then back-references;
/// how many it declares.
fn relationships(me: &mut Interp, model: &Rc<Model>) -> Result<(Named, usize)> {
    let mut out = Vec::new();
    let mut declared = 0;
    for name in me.registry.declared_rels(&model.name) {
        let Some(rel) = me.rel_of(&model.name, &name)? else {
            continue;
        };
        let own = model.rels.iter().any(|(n, _)| *n == name);
        declared += own as usize;
        out.push((name, Value::obj(RelProp { rel, declared: own })));
    }
    Ok((out, declared))
}

/// The `ColumnProperty` of each mapped column, in the class's order.
fn columns(model: &Rc<Model>) -> Named {
    (model.columns.iter().enumerate())
        .map(|(index, c)| {
            let p = ColumnProp {
                model: model.clone(),
                index,
            };
            (c.attr.clone(), Value::obj(p))
        })
        .collect()
}

/// `Mapper.relationships`.
pub fn relationships_of(me: &mut Interp, model: &Rc<Model>) -> Result<Value> {
    Ok(Value::obj(Props(relationships(me, model)?.0)))
}

/// `Mapper.column_attrs`.
pub fn column_attrs_of(model: &Rc<Model>) -> Value {
    Value::obj(Props(columns(model)))
}

/// `Mapper.attrs`: declared relationships, columns, back-references.
pub fn attrs_of(me: &mut Interp, model: &Rc<Model>) -> Result<Value> {
    let (mut rels, declared) = relationships(me, model)?;
    let backrefs = rels.split_off(declared);
    rels.extend(columns(model));
    rels.extend(backrefs);
    Ok(Value::obj(Props(rels)))
}

/// `props[name]`: a `KeyError` for a name it lacks, as SQLAlchemy's.
pub fn get_item(p: &Props, key: &Value) -> Result<Value> {
    let found = match key {
        Value::Str(k) => p.0.iter().find(|(n, _)| **n == **k),
        _ => None,
    };
    found.map(|(_, v)| v.clone()).ok_or_else(|| {
        let shown = match key {
            Value::Str(k) => crate::value::repr::str_repr(k),
            other => other.type_name().to_string(),
        };
        crate::value::exc_args::key_error(key.clone(), shown)
    })
}

/// Iterating the properties gives their values.
pub fn values_of(p: &Props) -> Vec<Value> {
    p.0.iter().map(|(_, v)| v.clone()).collect()
}

type N = Rc<Props>;

fn keys(_: &mut Interp, p: &N, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::list(
        p.0.iter().map(|(n, _)| Value::str(n)).collect(),
    ))
}

fn values(_: &mut Interp, p: &N, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::list(values_of(p)))
}

fn items(_: &mut Interp, p: &N, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let pairs = (p.0.iter())
        .map(|(n, v)| Value::tuple(vec![Value::str(n), v.clone()]))
        .collect();
    Ok(Value::list(pairs))
}

fn by_name(_: &mut Interp, p: &N, name: &str) -> Option<Result<Value>> {
    p.0.iter()
        .find(|(n, _)| &**n == name)
        .map(|(_, v)| Ok(v.clone()))
}

fn names(_: &mut Interp, p: &N) -> Vec<Rc<str>> {
    p.0.iter().map(|(n, _)| n.clone()).collect()
}

fn missing(_: &mut Interp, p: &N, name: &str, hint: &str) -> Error {
    let known: Vec<&str> = p.0.iter().map(|(n, _)| &**n).collect();
    Error::attr(format!("{name}{hint}")).with_help(format!(
        "the mapper's properties here: {}",
        known.join(", ")
    ))
}

/// A mapper's properties.
pub static PROPS: Class<N> = Class::new(
    "ReadOnlyProperties",
    &[
        Member::method("keys", keys, Sig::NONE, "the properties' names, in order"),
        Member::method("values", values, Sig::NONE, "the properties, in order"),
        Member::method("items", items, Sig::NONE, "(name, property) pairs"),
    ],
)
.with_dynamic(by_name, names)
.with_missing(missing);

type R = Rc<RelProp>;

fn key(_: &mut Interp, p: &R) -> Result<Value> {
    Ok(Value::str(&p.rel.name))
}

fn uselist(_: &mut Interp, p: &R) -> Result<Value> {
    Ok(Value::Bool(p.rel.uselist))
}

/// `RelationshipProperty.direction`: which side holds the key.
fn direction(_: &mut Interp, p: &R) -> Result<Value> {
    let d = match p.rel.kind {
        RelKind::OneToMany { .. } => Direction("ONETOMANY", 1),
        RelKind::ManyToOne { .. } => Direction("MANYTOONE", 2),
        RelKind::ManyToMany { .. } => Direction("MANYTOMANY", 3),
    };
    Ok(Value::obj(d))
}

/// `RelationshipProperty.lazy`: the loader strategy's name.
fn lazy(_: &mut Interp, p: &R) -> Result<Value> {
    let name = match p.rel.lazy {
        _ if p.rel.write_only => "write_only",
        Lazy::Select => "select",
        Lazy::Joined => "joined",
        Lazy::Selectin => "selectin",
        Lazy::Subquery => "subquery",
        Lazy::Dynamic => "dynamic",
        Lazy::Noload => "noload",
        Lazy::Raise => "raise",
    };
    Ok(Value::Str(PyStr::from(name)))
}

fn mapper(_: &mut Interp, p: &R) -> Result<Value> {
    Ok(Value::obj(Mapper(p.rel.target.clone())))
}

fn target(_: &mut Interp, p: &R) -> Result<Value> {
    crate::orm::retire::check_model(&p.rel.target)?;
    Ok(Value::obj(crate::schema::table::Table::of_model(
        &p.rel.target,
    )))
}

/// A relationship's `RelationshipProperty`.
pub static REL_PROP: Class<R> = Class::new(
    "RelationshipProperty",
    &[
        Member::attr("key", key, "the relationship's name"),
        Member::attr("uselist", uselist, "whether it holds a list"),
        Member::attr(
            "direction",
            direction,
            "ONETOMANY, MANYTOONE or MANYTOMANY (RelationshipDirection)",
        ),
        Member::attr("lazy", lazy, "the loader strategy's name"),
        Member::attr("mapper", mapper, "the target class's Mapper"),
        Member::attr("entity", mapper, "the target class's Mapper"),
        Member::attr("target", target, "the target class's Table"),
    ],
);

fn direction_name(_: &mut Interp, d: &Rc<Direction>) -> Result<Value> {
    Ok(Value::str(d.0))
}

fn direction_value(_: &mut Interp, d: &Rc<Direction>) -> Result<Value> {
    Ok(Value::Int(d.1 as i64))
}

/// A `RelationshipDirection` member.
pub static DIRECTION: Class<Rc<Direction>> = Class::new(
    "RelationshipDirection",
    &[
        Member::attr("name", direction_name, "the member's name"),
        Member::attr("value", direction_value, "the member's value"),
    ],
);
