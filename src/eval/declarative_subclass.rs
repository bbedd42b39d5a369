//! `class User(Base):` where `Base` is SQLAlchemy's declarative base
//! (`class Base(DeclarativeBase): pass`), as plain SQLAlchemy writes its
//! models: the same model as `class User(db.Model):`, except that
//! SQLAlchemy names no table for it — without `__tablename__` it is
//! SQLAlchemy's `InvalidRequestError`. Any other base by a plain name (a
//! model: table inheritance; a mixin) is refused, naming it.

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::mapped::DeclarativeBaseClass;
use crate::syntax::ast::{Ident, ModelDef};
use crate::syntax::span::Span;
use crate::syntax::typed_class::subclass_refused;

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
