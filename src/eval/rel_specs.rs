//! `db.relationship(...)`, `db.backref(...)` and `db.Table(...)`: the
//! values a model block is built from, before the mapping resolves them.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::{ColumnSpec, Native};
use crate::eval::suggest::did_you_mean;
use crate::eval::surface::Sig;
use crate::schema::column::Column;
use crate::schema::model::Model;
use crate::schema::relationship::{BackrefSpec, Cascade, LAZY_NAMES, Lazy, RelSpec};
use crate::schema::table::Table;
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
/// other value is refused (TypeError), saying what ormsh does instead.
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
    Err(Error::type_(format!(
        "relationship({key}={shown}) is not supported: {does}"
    ))
    .at(span)
    .with_help(format!("leave {key}= out")))
}

/// `passive_deletes=`: True or False; 'all' (keys of loaded children left
/// alone) is refused.
fn passive_deletes(v: &Value, span: Span) -> Result<bool> {
    checked(
        "passive_deletes",
        v,
        matches!(v, Value::Bool(_) | Value::None),
        "ormsh clears the keys of the loaded children of a deleted parent; passive_deletes=True leaves those not loaded to the database",
        span,
    )?;
    Ok(v.truthy())
}

/// `db.relationship('Target', backref=…, lazy=…, …)`
pub fn relationship(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("relationship", &RELATIONSHIP_SIG)?;
    if a.len() > 2 {
        return Err(Error::type_(format!(
            "relationship() takes from 0 to 2 positional arguments but {} were given",
            a.len()
        ))
        .at(a.span_of(2))
        .with_help("the target and secondary table are positional; the other options are keywords, like lazy='joined'"));
    }
    let target = match a.arg(0, "argument") {
        Some(Value::Str(ref s)) => s.clone().into(),
        Some(v) => match v.downcast::<Model>() {
            Some(m) => m.name.clone(),
            None => {
                return Err(Error::type_(format!(
                    "relationship() takes the target model or its name, like relationship('Post'), not {}",
                    v.type_name()
                ))
                .at(a.span_of(0)));
            }
        },
        None => {
            return Err(Error::type_(
                "relationship() needs the target model, like relationship('Post')",
            ));
        }
    };
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
    };
    for (k, v, span) in std::mem::take(&mut a.kw) {
        let at = |e: Error| e.at(span);
        match &*k {
            "backref" => {
                spec.backref = Some(match &v {
                    Value::Str(s) => BackrefSpec {
                        name: s.into(),
                        lazy: None,
                        uselist: None,
                        cascade: None,
                        order_by: None,
                        single_parent: false,
                        post_update: None,
                        passive_deletes: false,
                        viewonly: false,
                    },
                    _ => match v.downcast::<BackrefValue>() {
                        Some(b) => b.0.clone(),
                        None => {
                            return Err(at(Error::type_(
                                "backref= takes a name or db.backref('name', …)",
                            )));
                        }
                    },
                })
            }
            "back_populates" => {
                spec.back_populates = Some(v.as_str().map(Rc::from).ok_or_else(|| {
                    at(Error::type_(
                        "back_populates= takes the other side's attribute name",
                    ))
                })?)
            }
            "lazy" => spec.lazy = lazy_of(&v).map_err(at)?,
            "uselist" => spec.uselist = Some(v.truthy()),
            "order_by" => spec.order_by = Some(v),
            "secondary" => spec.secondary = Some(v),
            "cascade" => spec.cascade = cascade_of(&v).map_err(at)?,
            "foreign_keys" => spec.foreign_keys = Some(v),
            "remote_side" => spec.remote_side = Some(v),
            "primaryjoin" => spec.primaryjoin = Some(v),
            "secondaryjoin" => spec.secondaryjoin = Some(v),
            "viewonly" => spec.viewonly = v.truthy(),
            "single_parent" => spec.single_parent = v.truthy(),
            "post_update" => spec.post_update = v.truthy(),
            "passive_deletes" => spec.passive_deletes = passive_deletes(&v, span)?,
            "collection_class" => checked(
                &k,
                &v,
                matches!(&v, Value::None)
                    || v.downcast::<Native>().is_some_and(|n| n.name == "list"),
                "ormsh's collections are lists",
                span,
            )?,
            "innerjoin" => checked(
                &k,
                &v,
                !v.truthy(),
                "ormsh's joined eager loading uses LEFT OUTER JOIN (innerjoin=False)",
                span,
            )?,
            "join_depth" => checked(
                &k,
                &v,
                matches!(v, Value::None),
                "ormsh's joined eager loading has no depth setting",
                span,
            )?,
            "enable_typechecks" => checked(
                &k,
                &v,
                v.truthy(),
                "ormsh checks the type of every object a relationship takes",
                span,
            )?,
            "sync_backref" => checked(
                &k,
                &v,
                matches!(v, Value::None | Value::Bool(true)),
                "ormsh keeps both sides of a relationship in step unless one is viewonly (SQLAlchemy's default)",
                span,
            )?,
            // `argument`, read above: `RELATIONSHIP_SIG` lets through no
            // other keyword.
            _ => {}
        }
    }
    Ok(Value::obj(RelSpecValue(spec)))
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
    let mut b = BackrefSpec {
        name,
        lazy: None,
        uselist: None,
        cascade: None,
        order_by: None,
        single_parent: false,
        post_update: None,
        passive_deletes: false,
        viewonly: false,
    };
    for (k, v, span) in std::mem::take(&mut a.kw) {
        match &*k {
            "lazy" => b.lazy = Some(lazy_of(&v).map_err(|e| e.at(span))?),
            "uselist" => b.uselist = Some(v.truthy()),
            "cascade" => b.cascade = Some(cascade_of(&v).map_err(|e| e.at(span))?),
            "order_by" => b.order_by = Some(v),
            "single_parent" => b.single_parent = v.truthy(),
            "post_update" => b.post_update = Some(v.truthy()),
            "passive_deletes" => b.passive_deletes = passive_deletes(&v, span)?,
            "viewonly" => b.viewonly = v.truthy(),
            // "name", read above: `BACKREF_SIG` lets through no other.
            _ => {}
        }
    }
    Ok(Value::obj(BackrefValue(b)))
}

/// `db.Table('tags', db.Column('tag_id', …), …)`: defined at once.
/// The keywords of `db.Table`: those SQLAlchemy writes no SQL for in
/// SQLite.
const TABLE_SIG: Sig = Sig {
    kw: &[],
    ignored: &[
        (
            "info",
            "a dictionary SQLAlchemy keeps for the application (Table.info); it writes no SQL for it",
        ),
        (
            "comment",
            "SQLAlchemy writes no table comment for SQLite, which has none",
        ),
    ],
    any_kw: false,
};

pub fn table(me: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("Table", &TABLE_SIG)?;
    let name = match a.pos.first() {
        Some(Value::Str(s)) => Rc::<str>::from(s),
        _ => {
            return Err(Error::type_(
                "db.Table() needs a name first, like db.Table('tags', db.Column('tag_id', …), …)",
            ));
        }
    };
    crate::eval::model_def::refuse_tool_table(&name).map_err(|e| e.at(a.span_of(0)))?;
    let mut columns: Vec<Column> = Vec::new();
    for (i, v) in a.pos.iter().enumerate().skip(1) {
        let Some(spec) = v.downcast::<ColumnSpec>() else {
            // db.metadata as the second argument is accepted and ignored.
            if v.is::<crate::eval::objects::Namespace>() {
                continue;
            }
            return Err(
                Error::type_(format!("db.Table() takes columns, not {}", v.type_name()))
                    .at(a.span_of(i)),
            );
        };
        let Some(cname) = spec.name.clone() else {
            return Err(Error::type_("a column of db.Table() needs its name first, like db.Column('tag_id', db.Integer, …)").at(a.span_of(i)));
        };
        // The column's key (`table.c.KEY`) is its name unless key= gave one.
        let mut col = spec.column.clone();
        col.name = cname;
        columns.push(col);
    }
    let t = Rc::new(Table { name, columns });
    me.registry.define_table(t.clone());
    me.table_defined(&t);
    Ok(Value::Obj(t))
}
