//! `class User(Base):` where `Base` is SQLAlchemy's declarative base
//! (`class Base(DeclarativeBase): pass`), as plain SQLAlchemy writes its
//! models: the same model as `class User(db.Model):`, except that
//! SQLAlchemy names no table for it — without `__tablename__` it is
//! SQLAlchemy's `InvalidRequestError`. Any other base by a plain name (a
//! model: table inheritance; a mixin) is refused, naming it. Also what
//! `SQLAlchemy(model_class=Base)` takes (`check_model_class`).

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::mapped::DeclarativeBaseClass;
use crate::syntax::ast::{Ident, ModelDef};
use crate::syntax::span::Span;
use crate::syntax::typed_class::subclass_refused;
use crate::value::Value;

impl Interp {
    /// Check the base of `class NAME(base):` when the class is defined.
    /// A stored definition read back (`persist::load`) is not checked: the
    /// session that reads it has no declarative base of that name, and
    /// the model was checked when it was first defined.
    pub(crate) fn check_declarative_subclass(
        &mut self,
        def: &ModelDef,
        base: &Ident,
        span: Span,
    ) -> Result<()> {
        if self.store.loading {
            return Ok(());
        }
        let found = self.lookup(&base.name);
        let Some(b) = found
            .as_ref()
            .and_then(|v| v.downcast::<DeclarativeBaseClass>())
        else {
            if found.is_none() {
                return Err(
                    Error::name(format!("name '{}' is not defined", base.name)).at(base.span)
                );
            }
            return Err(subclass_refused(&def.name, &base.name, span));
        };
        if b.dataclass {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                format!(
                    "a model of the MappedAsDataclass base {} (a dataclass: its __init__, __repr__ and __eq__ made from the fields) is not supported by ormsh",
                    b.name
                ),
            )
            .at(span)
            .with_help(format!(
                "define the base without MappedAsDataclass: class {}(DeclarativeBase): pass",
                b.name
            )));
        }
        if b.type_map {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                format!("{}'s type_annotation_map is not supported by ormsh", b.name),
            )
            .at(span)
            .with_help("give each column its type: mapped_column(String(100))"));
        }
        if !def.members.iter().any(|m| &*m.name.name == "__tablename__") {
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                format!(
                    "Class <class '__main__.{}'> does not have a __table__ or __tablename__ specified and does not inherit from an existing table-mapped class.",
                    def.name.name
                ),
            )
            .at(def.name.span)
            .with_help(format!(
                "add __tablename__ = '{}' (a subclass of db.Model is named for you; one of {} is not)",
                crate::schema::naming::table_name(&def.name.name),
                b.name
            )));
        }
        Ok(())
    }
}

/// `SQLAlchemy(model_class=…)`: a declarative base made by `class
/// Base(DeclarativeBase)` (ormsh's `db.Model` is built on it as
/// Flask-SQLAlchemy builds it). Another class would be mixed into every
/// model, which ormsh cannot do; a value that is no class fails as in
/// Flask-SQLAlchemy's `_make_declarative_base` (`model_class.__bases__`).
pub fn check_model_class(v: &Value) -> Result<()> {
    if let Some(b) = v.downcast::<DeclarativeBaseClass>() {
        if b.dataclass {
            // Flask-SQLAlchemy makes its own dataclass base over it, which
            // SQLAlchemy 2.1's declarative scan refuses.
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                "Class <class '__main__.FlaskSQLAlchemyBase'> is already a dataclass; ensure that base classes / decorator styles of establishing dataclasses are not being mixed. This can happen if a class that inherits from 'MappedAsDataclass', even indirectly, is been mapped with '@registry.mapped_as_dataclass'",
            )
            .with_help(format!("Flask-SQLAlchemy 3.1 cannot build db.Model on a MappedAsDataclass base: write class {}(DeclarativeBase): pass", b.name)));
        }
        if b.type_map {
            // Flask-SQLAlchemy copies the base's attributes, its registry
            // among them, into a new declarative base.
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                "Declarative base class has both a 'registry' attribute and a type_annotation_map entry.  Per-base type_annotation_maps are not supported.  Please apply the type_annotation_map to this registry directly.",
            )
            .with_help("leave type_annotation_map out and give each column its type: mapped_column(String(100))"));
        }
        return Ok(());
    }
    if let Some(c) = v.downcast::<crate::eval::mapped::SaClass>()
        && c.0.ends_with(".DeclarativeBase")
    {
        return Ok(());
    }
    let is_class = matches!(v.type_name(), "type" | "DefaultMeta" | "DeclarativeMeta");
    if !is_class {
        return Err(Error::attr(format!(
            "'{}' object has no attribute '__bases__'",
            v.type_name()
        ))
        .with_help("model_class= takes a class: class Base(DeclarativeBase): pass, then db = SQLAlchemy(model_class=Base)"));
    }
    Err(Error::new(
        ErrorKind::NotImplementedError,
        "SQLAlchemy(model_class=...) with a class other than a DeclarativeBase subclass is not supported by ormsh: it would be mixed into every model",
    )
    .with_help("class Base(DeclarativeBase): pass, then db = SQLAlchemy(model_class=Base)"))
}
