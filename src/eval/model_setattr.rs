//! Setting an attribute on a model class after its definition, as Python
//! allows: `Person.address_count = column_property(select(...)
//! .scalar_subquery())` (the SQLAlchemy docs' pattern for a property over
//! a class defined later) adds a mapped SQL expression, as SQLAlchemy's
//! `DeclarativeMeta.__setattr__` adds it to the mapper; a plain value
//! (`Post.PER_PAGE = 5`) is a class attribute.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::column_property::{ColumnPropertySpec, property_column};
use crate::schema::model::Model;
use crate::value::Value;

impl Interp {
    /// `Model.name = v` (SQLAlchemy's `_add_attribute`): a
    /// `column_property(...)` joins the model's attributes (the model is
    /// refreshed in the registry, its class name finding it there); a
    /// column or relationship is refused; another value is a class
    /// attribute. A name the model maps already is refused.
    pub(crate) fn set_model_attr(&mut self, model: &Rc<Model>, name: &str, v: Value) -> Result<()> {
        crate::orm::retire::check_model(model)?;
        let mapped = model.column(name).is_some() || model.rels.iter().any(|(n, _)| &**n == name);
        if mapped {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                format!(
                    "{}.{name} is mapped already: ormsh does not replace a mapped attribute after the class is defined",
                    model.name
                ),
            )
            .with_help(format!("define {name} in the class body of {}", model.name)));
        }
        if let Some(p) = v.downcast::<ColumnPropertySpec>() {
            // A new definition of the class (objects loaded before keep
            // their layout and leave the session, as for a redefinition).
            if let Some(what) = self.session.uncommitted(&[model.id]) {
                return Err(Error::new(
                    ErrorKind::InvalidRequestError,
                    format!(
                        "{}.{name} cannot be added: the session holds changes to {} not yet committed ({what})",
                        model.name, model.name
                    ),
                )
                .with_help("db.session.commit() saves them, db.session.rollback() discards them"));
            }
            let mut m = Model::clone_of(model);
            m.id = self.registry.next_id();
            m.columns.push(property_column(name, &p));
            self.session.retire_models(&[model.id]);
            self.registry.define(Rc::new(m));
            return Ok(());
        }
        if v.is::<crate::eval::objects::ColumnSpec>()
            || v.is::<crate::eval::rel_specs::RelSpecValue>()
            || v.is::<crate::eval::mapped::MappedColumn>()
        {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                format!(
                    "ormsh adds a column or relationship to {} only in its class body",
                    model.name
                ),
            )
            .with_help(format!(
                "define {name} in the class body of {} (a column_property(...) may be set afterwards)",
                model.name
            )));
        }
        model.methods.set_class_attr(name, v);
        Ok(())
    }
}
