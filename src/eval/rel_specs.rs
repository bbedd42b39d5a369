//! `db.relationship(...)` and `db.backref(...)`: the values a model block
//! is built from, before the mapping resolves them.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::Native;
use crate::eval::suggest::did_you_mean;
use crate::eval::surface::Sig;
use crate::schema::model::Model;
use crate::schema::relationship::{BackrefSpec, Cascade, LAZY_NAMES, Lazy, RelSpec};
use crate::syntax::span::Span;
use crate::value::{Object, Value};

/// `db.relationship(...)` before a model takes it.
pub struct RelSpecValue(pub RelSpec);

impl Object for RelSpecValue {
    fn type_name(&self) -> &str {
        "RelationshipProperty"
    }
}

/// `db.backref('name', …)`
pub struct BackrefValue(pub BackrefSpec);

impl Object for BackrefValue {
    fn type_name(&self) -> &str {
        "tuple"
    }
}

fn lazy_of(v: &Value) -> Result<Lazy> {
    let name = match v {
        Value::Bool(true) => "True".to_string(),
        Value::Bool(false) => "False".to_string(),
        Value::Str(s) => s.to_string(),
        Value::None => "noload".to_string(),
        other => {
            return Err(Error::type_(format!(
                "lazy= takes a name such as 'select', not {}",
                other.type_name()
            )));
        }
    };
    Lazy::from_name(&name).ok_or_else(|| {
        Error::new(
            ErrorKind::ArgumentError,
            format!(
                "unknown lazy= strategy '{name}'{}",
                did_you_mean(&name, LAZY_NAMES.iter().copied())
            ),
        )
        .with_help(format!("choose one of: {}", LAZY_NAMES.join(", ")))
    })
}

fn cascade_of(v: &Value) -> Result<Cascade> {
    let text = v
        .as_str()
        .ok_or_else(|| Error::type_("cascade= takes a string such as 'all, delete-orphan'"))?;
    Cascade::parse(text).map_err(|word| {
        Error::new(
            ErrorKind::ArgumentError,
            format!("invalid cascade option '{word}'"),
        )
        .with_help("use words from: all, save-update, merge, delete, delete-orphan")
    })
}

/// Keywords of `db.relationship`: used (some only with the values whose
/// behaviour ormsh has, `checked`), or ignored as SQLAlchemy ignores them
/// for what ormsh does.
const RELATIONSHIP_SIG: Sig = Sig {
    kw: &[
        "argument",
        "secondary",
        "backref",
        "back_populates",
        "lazy",
        "uselist",
        "order_by",
        "cascade",
        "foreign_keys",
        "remote_side",
        "primaryjoin",
        "secondaryjoin",
        "viewonly",
        "single_parent",
        "post_update",
        "passive_deletes",
        "passive_updates",
        "collection_class",
        "innerjoin",
        "join_depth",
        "enable_typechecks",
        "sync_backref",
    ],
    ignored: &[
        OVERLAPS,
        (
            "info",
            "a dictionary SQLAlchemy keeps for the application (relationship.info); it changes no SQL and no object",
        ),
        (
            "doc",
            "the attribute's docstring: SQLAlchemy keeps it for help(); it changes no SQL and no object",
        ),
    ],
    any_kw: false,
};

const OVERLAPS: (&str, &str) = (
    "overlaps",
    "it only silences SQLAlchemy's warning that relationships write the same column, which ormsh does not give",
);

/// Keywords of `db.backref`: its own, and the relationship keywords it
/// passes to the reverse side.
const BACKREF_SIG: Sig = Sig {
    kw: &[
        "name",
        "lazy",
        "uselist",
        "cascade",
        "order_by",
        "single_parent",
        "post_update",
        "passive_deletes",
        "passive_updates",
        "viewonly",
    ],
    ignored: &[
        OVERLAPS,
        (
            "remote_side",
            "ormsh joins the reverse side by the forward relationship's columns, as SQLAlchemy's backref does",
        ),
        (
            "foreign_keys",
            "ormsh joins the reverse side by the forward relationship's columns, as SQLAlchemy's backref does",
        ),
        (
            "primaryjoin",
            "ormsh joins the reverse side by the forward relationship's condition, as SQLAlchemy's backref does",
        ),
    ],
    any_kw: false,
};

/// A keyword taken only with the values that behave as ormsh does: any
/// other value is refused (NotImplementedError naming it), saying what
/// ormsh does instead.
fn checked(key: &str, v: &Value, ok: bool, does: &str, span: Span) -> Result<()> {
    if ok {
        return Ok(());
    }
    let shown = match v {
        Value::Str(s) => format!("'{s}'"),
        Value::Bool(b) => (if *b { "True" } else { "False" }).to_string(),
        Value::Int(n) => n.to_string(),
        other => match other.downcast::<Native>() {
            Some(n) => n.name.to_string(),
            None => other.type_name().to_string(),
        },
    };
    Err(Error::new(
        ErrorKind::NotImplementedError,
        format!("relationship({key}={shown}) is not supported by ormsh: {does}"),
    )
    .at(span)
    .with_help(format!("leave {key}= out")))
}

/// `passive_deletes=`: True, False, or `'all'` (also the keys of loaded
/// children are left to the database): `(passive, all)`.
fn passive_deletes(v: &Value, span: Span) -> Result<(bool, bool)> {
    let all = matches!(v, Value::Str(s) if &**s == "all");
    checked(
        "passive_deletes",
        v,
        all || matches!(v, Value::Bool(_) | Value::None),
        "it takes True, False or 'all'",
        span,
    )?;
    Ok((v.truthy(), all))
}

/// `passive_updates=`: True (SQLAlchemy's default, what ormsh does: the
/// database moves the children's keys, `ON UPDATE CASCADE`); False (the
/// flush UPDATEs them itself) is not implemented.
fn passive_updates(v: &Value, span: Span) -> Result<()> {
    if v.truthy() || matches!(v, Value::None) {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::NotImplementedError,
        "relationship(passive_updates=False) is not supported by ormsh: when a parent's primary key changes, ormsh leaves moving its children's foreign keys to the database, as passive_updates=True (the default) does",
    )
    .at(span)
    .with_help("leave passive_updates= out and declare the foreign key with db.ForeignKey('parent.col', onupdate='CASCADE'), so SQLite updates the children"))
}

/// `db.relationship('Target', backref=…, lazy=…, …)`: SQLAlchemy's
/// `relationship()`, its keywords read group by group.
pub fn relationship(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("relationship", &RELATIONSHIP_SIG)?;
    let target = relationship_target(&mut a)?;
    let mut spec = RelSpec {
        target,
        backref: None,
        back_populates: None,
        lazy: Lazy::Select,
        uselist: None,
        order_by: None,
        secondary: a.pos.get(1).cloned(),
        cascade: Cascade::default(),
        foreign_keys: None,
        remote_side: None,
        primaryjoin: None,
        secondaryjoin: None,
        viewonly: false,
        single_parent: false,
        post_update: false,
        passive_deletes: false,
        passive_deletes_all: false,
        write_only: false,
    };
    for (k, v, span) in std::mem::take(&mut a.kw) {
        // `argument`, read above, is taken by none: `RELATIONSHIP_SIG`
        // lets through no other keyword.
        let _taken = reverse_side_kw(&mut spec, &k, &v, span)?
            || join_kw(&mut spec, &k, &v)
            || loading_kw(&mut spec, &k, &v, span)?
            || persistence_kw(&mut spec, &k, &v, span)?
            || refused_values_kw(&k, &v, span)?;
    }
    Ok(Value::obj(RelSpecValue(spec)))
}

/// The positional arguments of `db.relationship`: the target (a model or
/// its name, or `argument=`) and the secondary table, no more (Python's
/// TypeError otherwise). The target's name.
fn relationship_target(a: &mut Args) -> Result<Rc<str>> {
    if a.len() > 2 {
        return Err(Error::type_(format!(
            "relationship() takes from 0 to 2 positional arguments but {} were given",
            a.len()
        ))
        .at(a.span_of(2))
        .with_help("the target and secondary table are positional; the other options are keywords, like lazy='joined'"));
    }
    match a.arg(0, "argument") {
        Some(Value::Str(ref s)) => Ok(s.clone().into()),
        Some(v) => match v.downcast::<Model>() {
            Some(m) => Ok(m.name.clone()),
            None => Err(Error::type_(format!(
                "relationship() takes the target model or its name, like relationship('Post'), not {}",
                v.type_name()
            ))
            .at(a.span_of(0))),
        },
        // Read from the member's annotation (`Mapped[List["Post"]]`);
        // without one, `eval::mapped` refuses it.
        None => Ok(Rc::from("")),
    }
}

/// A backref of this name with every option left to its default.
fn named_backref(name: Rc<str>) -> BackrefSpec {
    BackrefSpec {
        name,
        lazy: None,
        uselist: None,
        cascade: None,
        order_by: None,
        single_parent: false,
        post_update: None,
        passive_deletes: false,
        passive_deletes_all: false,
        viewonly: false,
    }
}

/// The keywords naming the reverse side: `backref=` (a name or
/// `db.backref(…)`) and `back_populates=` (the other side's attribute).
/// Whether `k` is one of them; a value of the wrong type is a TypeError at
/// `span`.
fn reverse_side_kw(spec: &mut RelSpec, k: &str, v: &Value, span: Span) -> Result<bool> {
    match k {
        "backref" => {
            spec.backref = Some(match v {
                Value::Str(s) => named_backref(s.into()),
                _ => match v.downcast::<BackrefValue>() {
                    Some(b) => b.0.clone(),
                    None => {
                        return Err(
                            Error::type_("backref= takes a name or db.backref('name', …)").at(span),
                        );
                    }
                },
            })
        }
        "back_populates" => {
            spec.back_populates = Some(v.as_str().map(Rc::from).ok_or_else(|| {
                Error::type_("back_populates= takes the other side's attribute name").at(span)
            })?)
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// The keywords of the join condition, kept unresolved for the mapping:
/// `secondary=`, `foreign_keys=`, `remote_side=`, `primaryjoin=`,
/// `secondaryjoin=`. Whether `k` is one of them.
fn join_kw(spec: &mut RelSpec, k: &str, v: &Value) -> bool {
    let slot = match k {
        "secondary" => &mut spec.secondary,
        "foreign_keys" => &mut spec.foreign_keys,
        "remote_side" => &mut spec.remote_side,
        "primaryjoin" => &mut spec.primaryjoin,
        "secondaryjoin" => &mut spec.secondaryjoin,
        _ => return false,
    };
    *slot = Some(v.clone());
    true
}

/// The keywords of loading: `lazy=` (a strategy name, True, False or
/// None), `uselist=` and `order_by=`. Whether `k` is one of them; an
/// unknown strategy is an error at `span`.
fn loading_kw(spec: &mut RelSpec, k: &str, v: &Value, span: Span) -> Result<bool> {
    match k {
        "lazy" if matches!(v, Value::Str(s) if &**s == "write_only") => {
            spec.lazy = Lazy::Dynamic;
            spec.write_only = true;
        }
        "lazy" => spec.lazy = lazy_of(v).map_err(|e| e.at(span))?,
        "uselist" => spec.uselist = Some(v.truthy()),
        "order_by" => spec.order_by = Some(v.clone()),
        _ => return Ok(false),
    }
    Ok(true)
}

/// The keywords of what a flush writes: `cascade=`, `viewonly=`,
/// `single_parent=`, `post_update=`, `passive_deletes=`. Whether `k` is
/// one of them; a bad cascade or passive_deletes is an error at `span`.
fn persistence_kw(spec: &mut RelSpec, k: &str, v: &Value, span: Span) -> Result<bool> {
    match k {
        "cascade" => spec.cascade = cascade_of(v).map_err(|e| e.at(span))?,
        "viewonly" => spec.viewonly = v.truthy(),
        "single_parent" => spec.single_parent = v.truthy(),
        "post_update" => spec.post_update = v.truthy(),
        "passive_deletes" => {
            (spec.passive_deletes, spec.passive_deletes_all) = passive_deletes(v, span)?;
        }
        "passive_updates" => passive_updates(v, span)?,
        _ => return Ok(false),
    }
    Ok(true)
}

/// The keywords taken only with the value that behaves as ormsh does
/// (`checked`): `collection_class=`, `innerjoin=`, `join_depth=`,
/// `enable_typechecks=`, `sync_backref=`. Whether `k` is one of them; any
/// other value is a NotImplementedError at `span`.
fn refused_values_kw(k: &str, v: &Value, span: Span) -> Result<bool> {
    let (ok, does) = match k {
        "collection_class" => (
            matches!(v, Value::None) || v.downcast::<Native>().is_some_and(|n| n.name == "list"),
            "ormsh's collections are lists",
        ),
        "innerjoin" => (
            !v.truthy(),
            "ormsh's joined eager loading uses LEFT OUTER JOIN (innerjoin=False)",
        ),
        "join_depth" => (
            matches!(v, Value::None),
            "ormsh's joined eager loading has no depth setting",
        ),
        "enable_typechecks" => (
            v.truthy(),
            "ormsh checks the type of every object a relationship takes",
        ),
        "sync_backref" => (
            matches!(v, Value::None | Value::Bool(true)),
            "ormsh keeps both sides of a relationship in step unless one is viewonly (SQLAlchemy's default)",
        ),
        _ => return Ok(false),
    };
    checked(k, v, ok, does, span)?;
    Ok(true)
}

/// `db.backref('name', lazy=…, uselist=…, cascade=…, order_by=…)`
pub fn backref(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("backref", &BACKREF_SIG)?;
    if a.len() > 1 {
        return Err(Error::type_(format!(
            "backref() takes 1 positional argument but {} were given",
            a.len()
        ))
        .at(a.span_of(1))
        .with_help("the other options are keywords, like db.backref('posts', lazy='dynamic')"));
    }
    let name = match a.arg(0, "name") {
        Some(Value::Str(ref s)) => Rc::<str>::from(s.clone()),
        _ => {
            return Err(Error::type_(
                "backref() needs the name of the attribute to create, like backref('posts')",
            ));
        }
    };
    let mut b = named_backref(name);
    for (k, v, span) in std::mem::take(&mut a.kw) {
        match &*k {
            "lazy" => b.lazy = Some(lazy_of(&v).map_err(|e| e.at(span))?),
            "uselist" => b.uselist = Some(v.truthy()),
            "cascade" => b.cascade = Some(cascade_of(&v).map_err(|e| e.at(span))?),
            "order_by" => b.order_by = Some(v),
            "single_parent" => b.single_parent = v.truthy(),
            "post_update" => b.post_update = Some(v.truthy()),
            "passive_deletes" => {
                (b.passive_deletes, b.passive_deletes_all) = passive_deletes(&v, span)?;
            }
            "passive_updates" => passive_updates(&v, span)?,
            "viewonly" => b.viewonly = v.truthy(),
            // "name", read above: `BACKREF_SIG` lets through no other.
            _ => {}
        }
    }
    Ok(Value::obj(BackrefValue(b)))
}
