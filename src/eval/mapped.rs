//! SQLAlchemy 2.0's typed declarative in a model's class body:
//! `mapped_column(...)` (SQLAlchemy's `orm.mapped_column`), a member's
//! `Mapped[...]` annotation applied to it or to a `relationship(...)` as
//! SQLAlchemy's declarative scan applies it (the type when none is given,
//! `nullable` from `Optional`, a relationship's target and `uselist` from
//! `Mapped["User"]` / `Mapped[List["Post"]]`; the annotation read by
//! `schema::mapped`), and `class Base(DeclarativeBase): pass` with the
//! names `sqlalchemy.orm` gives for it (`Mapped`, `DeclarativeBase`, …).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::column_def::COLUMN_SIG;
use crate::eval::objects::{ColumnSpec, ForeignKeySpec, TypeSpec};
use crate::eval::rel_specs::RelSpecValue;
use crate::schema::column::Column;
use crate::schema::mapped::{Annotation, Container, Inner, read, read_typed};
use crate::schema::relationship::Lazy;
use crate::schema::types::ColumnType;
use crate::syntax::ast::{Member, ModelDef};
use crate::value::{Object, Value};

/// `mapped_column(...)` before its class body's annotation is applied
/// (SQLAlchemy's `MappedColumn`).
#[derive(Clone)]
pub struct MappedColumn {
    pub name: Option<Rc<str>>,
    pub column: Column,
    /// A type was given (`mapped_column(String(50))`).
    pub type_given: bool,
    /// A `ForeignKey` was given: the type is the referenced column's.
    pub has_fk: bool,
    /// `nullable=` was given (not None): the annotation does not decide it.
    pub has_nullable: bool,
    /// The `Column` keywords given (`unique`, `index`, …), for the merge
    /// of an `Annotated` alias's `mapped_column()` (`eval::mapped_merge`).
    pub given: Vec<Rc<str>>,
}

impl Object for MappedColumn {
    fn type_name(&self) -> &str {
        "MappedColumn"
    }
}

/// A class of SQLAlchemy's the typed declarative names (`Mapped`,
/// `DeclarativeBase`, …): its qualified name. Annotations are read from
/// their text, so these are only imported and shown.
pub struct SaClass(pub &'static str);

impl Object for SaClass {
    fn type_name(&self) -> &str {
        "type"
    }
}

/// `class NAME(DeclarativeBase): pass`: a declarative base, for
/// `SQLAlchemy(model_class=NAME)`.
pub struct DeclarativeBaseClass {
    pub name: Rc<str>,
    /// It sets `type_annotation_map`: Flask-SQLAlchemy 3.1 cannot build
    /// `db.Model` on it (`declarative_subclass::check_model_class`).
    pub type_map: bool,
    /// Its `metadata = MetaData(...)`: the naming convention of the
    /// tables of a `db` built on it.
    pub metadata: Option<Value>,
    /// `MappedAsDataclass` is among its bases: Flask-SQLAlchemy 3.1 on
    /// SQLAlchemy 2.1 cannot build `db.Model` on it, and ormsh maps no
    /// dataclasses (`declarative_subclass`).
    pub dataclass: bool,
}

impl Object for DeclarativeBaseClass {
    fn type_name(&self) -> &str {
        "DeclarativeMeta"
    }
}

/// The keywords of `mapped_column` that are `Column`'s, passed on: those
/// `db.Column` takes, and those it accepts and ignores.
fn column_keyword(k: &str) -> bool {
    COLUMN_SIG.kw.contains(&k) || COLUMN_SIG.ignored.iter().any(|(n, _)| *n == k)
}

/// `column_keyword`'s names, for a help line.
fn column_keywords() -> String {
    let ignored = COLUMN_SIG.ignored.iter().map(|(n, _)| *n);
    let names: Vec<&str> = COLUMN_SIG.kw.iter().copied().chain(ignored).collect();
    names.join(", ")
}

/// What a keyword of `mapped_column` ormsh lacks is, for its refusal.
fn refused_kw(k: &str) -> Option<&'static str> {
    Some(match k {
        "init" | "repr" | "default_factory" | "compare" | "kw_only" | "hash"
        | "dataclass_metadata" => "a dataclass argument: ormsh does not map dataclasses",
        "active_history" => "ormsh keeps no attribute events for it",
        "use_existing_column" => "ormsh has no mapped inheritance",
        "sort_order" => "ormsh orders columns as written",
        "system" => "a system column is SQLAlchemy's own",
        _ => return None,
    })
}

/// `mapped_column([name], [type], [ForeignKey], keywords…)`: SQLAlchemy's
/// `orm.mapped_column`, a `Column` waiting for its annotation.
pub fn mapped_column(me: &mut Interp, mut a: Args) -> Result<Value> {
    let mut kw: Vec<(Rc<str>, Value, crate::syntax::span::Span)> = Vec::new();
    let mut deferral = Vec::new();
    for (k, v, span) in std::mem::take(&mut a.kw) {
        match &*k {
            "name" | "type_" => {
                a.pos.insert(if &*k == "name" { 0 } else { a.pos.len() }, v);
                a.pos_spans
                    .insert(if &*k == "name" { 0 } else { a.pos_spans.len() }, span);
            }
            "insert_default" => kw.push((Rc::from("default"), v, span)),
            "deferred" | "deferred_group" | "deferred_raiseload" => {
                deferral.push((k.clone(), v, span))
            }
            "nullable" if matches!(v, Value::None) => {}
            k if column_keyword(k) => kw.push((Rc::from(k), v, span)),
            k => {
                return Err(match refused_kw(k) {
                    Some(why) => Error::new(
                        ErrorKind::NotImplementedError,
                        format!("mapped_column({k}=...) is not supported by ormsh: {why}"),
                    )
                    .with_help(format!("leave out {k}=")),
                    None => Error::type_(format!(
                        "mapped_column() got an unexpected keyword argument '{k}'"
                    ))
                    .with_help(format!("its keywords: {}", column_keywords())),
                }
                .at(span));
            }
        }
    }
    let has_nullable = kw.iter().any(|(k, _, _)| &**k == "nullable");
    let given: Vec<Rc<str>> = kw.iter().map(|(k, _, _)| k.clone()).collect();
    let type_given = a.pos.iter().any(|v| v.is::<TypeSpec>());
    let has_fk = a.pos.iter().any(|v| v.is::<ForeignKeySpec>());
    if !type_given && !has_fk {
        // A placeholder the annotation replaces (SQLAlchemy's NullType).
        a.pos
            .push(crate::eval::model_def::type_value("Integer").unwrap_or(Value::None));
        a.pos_spans.push(a.span);
    }
    a.kw = kw;
    a.name = Rc::from("mapped_column");
    let v = crate::eval::column_def::column(me, a)?;
    let spec = v
        .downcast::<ColumnSpec>()
        .ok_or_else(|| Error::type_("mapped_column() made no column"))?;
    let mut column = spec.column.clone();
    column.deferred = crate::eval::column_opts::mapped_deferral(&deferral)?;
    Ok(Value::obj(MappedColumn {
        name: spec.name.clone(),
        column,
        type_given,
        has_fk,
        has_nullable,
        given,
    }))
}

/// SQLAlchemy's message for a member that needs an annotation it lacks.
fn annotation_required(class: &str, key: &str, what: &str) -> Error {
    Error::new(
        ErrorKind::ArgumentError,
        format!(
            "Python typing annotation is required for attribute \"{class}.{key}\" when primary argument(s) for \"{what}\" construct are None or not present"
        ),
    )
    .with_help(format!("annotate it: {key}: Mapped[int] = ..."))
}

impl Interp {
    /// A model member's value: evaluated, then, for a typed member, its
    /// annotation applied (SQLAlchemy's declarative scan); a
    /// `mapped_column()` or `relationship()` without one must say enough
    /// on its own.
    pub(crate) fn member_value(&mut self, def: &ModelDef, m: &Member) -> Result<Value> {
        let v = self.eval(&m.value)?;
        let (class, key) = (&*def.name.name, &*m.name.name);
        let Some(ann) = &m.annotation else {
            if let Some(mc) = v.downcast::<MappedColumn>() {
                if !mc.type_given && !mc.has_fk {
                    return Err(annotation_required(class, key, "MappedColumn").at(m.value.span));
                }
                return Ok(column_value(&mc, mc.column.clone()));
            }
            if let Some(spec) = v.downcast::<ColumnSpec>()
                && spec.type_from_fk
                && let Some(fk) = &spec.column.foreign_key
            {
                return Ok(self.column_of_referenced_type(&spec, fk));
            }
            if let Some(r) = v.downcast::<RelSpecValue>()
                && r.0.target.is_empty()
            {
                return Err(annotation_required(class, key, "Relationship").at(m.value.span));
            }
            return Ok(v);
        };
        // Under `from __future__ import annotations` SQLAlchemy resolves a
        // relationship's annotation when the mappers configure (a model
        // defined later), a column's at once (Python's NameError).
        let lenient = self.future_annotations && v.is::<RelSpecValue>();
        let saved = std::mem::replace(&mut self.future_annotations, lenient);
        let resolved = self.resolve_annotation(ann);
        self.future_annotations = saved;
        let (ann_expr, meta) = resolved?;
        let a = match v.downcast::<MappedColumn>() {
            Some(mc) if mc.type_given => read_typed(&ann_expr, class, key)?,
            _ => read(&ann_expr, class, key)?,
        };
        if let Some(mc) = v.downcast::<MappedColumn>() {
            let alias = meta.iter().find_map(|m| m.downcast::<MappedColumn>());
            let mc = match alias {
                Some(base) => crate::eval::mapped_merge::merge(&base, &mc),
                None => (*mc).clone(),
            };
            return self
                .annotated_column(&a, &mc, key)
                .map_err(|e| e.at(ann.span));
        }
        if let Some(r) = v.downcast::<RelSpecValue>() {
            return annotated_relationship(&a, &r, key).map_err(|e| e.at(ann.span));
        }
        Ok(v)
    }

    /// `mapped_column()` under its annotation: the type when none was
    /// given (a foreign key's is its referenced column's), `nullable` from
    /// `Optional` when not given.
    fn annotated_column(&self, a: &Annotation, mc: &MappedColumn, key: &str) -> Result<Value> {
        if a.container != Container::Mapped {
            return Err(Error::new(
                ErrorKind::MappedAnnotationError,
                format!(
                    "a column is annotated Mapped[...], not {:?}Mapped",
                    a.container
                ),
            ));
        }
        let mut col = mc.column.clone();
        if mc.type_given {
        } else if let Some(fk) = &col.foreign_key {
            // The referenced column's type, not the annotation's, as
            // SQLAlchemy's `_init_column_for_annotation` leaves a column
            // with a foreign key to take it; until that table is defined,
            // NullType (`fk_type_pending`).
            if let Some((ty, opts)) = self.referenced_type(fk) {
                col.ty = ty;
                col.type_opts = opts;
                col.fk_type_pending = false;
            }
        } else {
            match &a.inner {
                Inner::Type(t) => {
                    col.ty = t.clone();
                    // `Literal["a", "b"]`: SQLAlchemy's
                    // `Enum._resolve_for_python_type` makes a string Enum
                    // with `native_enum=False` (a VARCHAR on PostgreSQL
                    // too, and its repr says so).
                    if let ColumnType::Enum(ev) = t
                        && ev.class.is_none()
                    {
                        col.type_opts
                            .shown
                            .push((Rc::from("native_enum"), Rc::from("False")));
                    }
                }
                Inner::Class(c)
                    if let Some(ev) = self
                        .get_global(c)
                        .and_then(crate::eval::enum_type::values_of) =>
                {
                    // SQLAlchemy's type map resolves an enum class to
                    // Enum(cls).
                    col.type_opts.shown = crate::eval::enum_type::default_name(&ev)
                        .into_iter()
                        .collect();
                    col.ty = crate::schema::types::ColumnType::Enum(ev);
                }
                inner => return Err(unresolvable(inner, key)),
            }
        }
        if !mc.has_nullable {
            col.nullable = a.optional;
        }
        Ok(column_value(mc, col))
    }

    /// `db.Column(db.ForeignKey('t.c'))` with no type: the referenced
    /// column's type, or, when `t` is not defined yet (or is the model's
    /// own table), NullType until it is (SQLAlchemy resolves the target
    /// column when its table is defined).
    fn column_of_referenced_type(
        &self,
        spec: &ColumnSpec,
        fk: &crate::schema::column::ForeignKey,
    ) -> Value {
        let mut column = spec.column.clone();
        match self.referenced_type(fk) {
            Some((ty, opts)) => {
                (column.ty, column.type_opts) = (ty, opts);
                column.fk_type_pending = false;
            }
            // Settled when that table is defined (`resolve_forward_fk_types`).
            None => column.fk_type_pending = true,
        }
        Value::obj(ColumnSpec {
            name: spec.name.clone(),
            column,
            type_from_fk: false,
        })
    }

    /// `class NAME(DeclarativeBase): pass` binds NAME; its
    /// `type_annotation_map` is evaluated as Python runs the class body.
    pub(crate) fn define_declarative_base(
        &mut self,
        d: &crate::syntax::ast::DeclarativeBaseDef,
    ) -> Result<()> {
        let (name, type_map, metadata) = (&d.name, d.type_map.as_ref(), d.metadata.as_ref());
        let metadata = match metadata {
            Some(e) => {
                let v = self.eval(e)?;
                crate::eval::metadata_def::check_metadata(&v).map_err(|err| err.at(e.span))?;
                Some(v)
            }
            None => None,
        };
        if let Some(e) = type_map
            && !matches!(self.eval(e)?, Value::Dict(_))
        {
            return Err(Error::type_("type_annotation_map must be a dict")
                .at(e.span)
                .with_help("type_annotation_map = {str: String(100)}"));
        }
        let v = Value::obj(DeclarativeBaseClass {
            name: name.name.clone(),
            type_map: type_map.is_some(),
            metadata,
            dataclass: d.dataclass,
        });
        let target = crate::syntax::ast::Expr {
            kind: crate::syntax::ast::ExprKind::Name(name.name.clone()),
            span: name.span,
        };
        self.assign(&target, v)
    }
}

/// SQLAlchemy's `MappedAnnotationError` for an annotation that names no
/// type of its type map.
fn unresolvable(inner: &Inner, key: &str) -> Error {
    let shown = match inner {
        Inner::Class(c) => c.to_string(),
        Inner::List(c) => format!("List[{c:?}]"),
        Inner::Other(t) => t.clone(),
        Inner::Type(t) => t.name().to_string(),
    };
    Error::new(
        ErrorKind::MappedAnnotationError,
        format!(
            "Could not locate SQLAlchemy Core type when resolving for Python type indicated by '{shown}' inside the Mapped[] annotation for the '{key}' attribute; the type object is not resolvable by the registry"
        ),
    )
    .with_help(match inner {
        Inner::Class(_) | Inner::List(_) => {
            format!("a relationship is written {key}: Mapped[...] = relationship(...)")
        }
        _ => "ormsh maps int, str, float, bool, bytes, Decimal, datetime, date, time, timedelta and uuid.UUID".to_string(),
    })
}

fn column_value(mc: &MappedColumn, column: Column) -> Value {
    Value::obj(ColumnSpec {
        name: mc.name.clone(),
        column,
        type_from_fk: false,
    })
}

/// `relationship(...)` under its annotation (SQLAlchemy's
/// `RelationshipProperty.declarative_scan`): the target from the
/// annotation unless given, a scalar (`uselist=False`) unless the
/// annotation is a collection, `lazy='dynamic'` for `DynamicMapped`.
fn annotated_relationship(a: &Annotation, r: &RelSpecValue, key: &str) -> Result<Value> {
    let mut spec = r.0.clone();
    match a.container {
        Container::Mapped => {}
        Container::Dynamic => spec.lazy = Lazy::Dynamic,
        Container::WriteOnly => {
            spec.lazy = Lazy::Dynamic;
            spec.write_only = true;
        }
    }
    let (target, collection) = match &a.inner {
        Inner::Class(c) => (c.clone(), false),
        Inner::List(c) => (c.clone(), true),
        other => {
            let shown = match other {
                Inner::Type(t) => t.name().to_string(),
                Inner::Other(t) => t.clone(),
                _ => String::new(),
            };
            return Err(Error::new(
                ErrorKind::ArgumentError,
                format!(
                    "relationship '{key}' expects a class or a mapper argument (received: {shown})"
                ),
            )
            .with_help(format!(
                "annotate it with the class: {key}: Mapped[\"Post\"] or Mapped[List[\"Post\"]]"
            )));
        }
    };
    if spec.target.is_empty() {
        spec.target = target;
    }
    if !collection && a.container == Container::Mapped {
        spec.uselist = Some(false);
    }
    Ok(Value::obj(RelSpecValue(spec)))
}

/// The repr of this module's objects; `false` for any other value.
pub fn repr(v: &Value, out: &mut String) -> bool {
    if let Some(c) = v.downcast::<SaClass>() {
        out.push_str(&format!("<class '{}'>", c.0));
    } else if let Some(b) = v.downcast::<DeclarativeBaseClass>() {
        out.push_str(&format!("<class '__main__.{}'>", b.name));
    } else if v.is::<crate::eval::metadata_def::MetaDataSpec>() {
        out.push_str("MetaData()");
    } else if v.is::<MappedColumn>() {
        out.push_str("<sqlalchemy.orm.properties.MappedColumn object>");
    } else {
        return false;
    }
    true
}
