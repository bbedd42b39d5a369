//! Attribute access and assignment: reading goes through the class tables
//! (`eval::surface`, where a model's and an object's own attributes are
//! too) and the namespaces; assigning sets an object's columns,
//! relationships and other values; calling a model constructs an object.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::{Namespace, Native};
use crate::eval::surface;
use crate::orm::instance::Instance;
use crate::schema::model::Model;
use crate::value::Value;

impl Interp {
    /// `obj.name`: from the value's class table (`surface::class_of`),
    /// or a date namespace's members. A namespace's name is checked first
    /// against declaration mode (`eval::pure`). The name is shared with
    /// the syntax tree, so a bound method costs no copy of it.
    pub fn get_attr(&mut self, obj: &Value, name: &Rc<str>) -> Result<Value> {
        let ns = obj.downcast::<Namespace>();
        if let Some(ns) = &ns {
            self.check_namespace_attr(ns.0, name)?;
        }
        if self.is_declaring()
            && let Some(m) = obj.downcast::<crate::eval::pymod::Module>()
        {
            crate::eval::pymod::check_declared_attr(self, &m, name)?;
        }
        if &**name == "__name__"
            && (obj.is::<Native>() || obj.is::<crate::eval::objects::TypeObj>() || ns.is_some())
            && let Some(n) = crate::eval::pytypes::class_name(obj)
        {
            // A built-in class (`type(1).__name__`).
            return Ok(Value::str(&n));
        }
        if let Some(n) = obj.downcast::<Native>()
            && let Some(v) = crate::eval::type_statics::class_attr(n.name, name)
        {
            // `bytes.fromhex`, `str.maketrans`.
            return Ok(v);
        }
        if let Some(n) = obj.downcast::<Native>()
            && let Some(v) = crate::eval::unbound_method::lookup(n.name, name)
        {
            // `str.lower`, read from the type.
            return Ok(v);
        }
        if &**name == "__class__"
            && surface::class_of(obj).is_none_or(|c| c.describe(name).is_none())
        {
            // Python's `obj.__class__`: what `type(obj)` gives, for every
            // value whose class table does not name its own.
            return Ok(crate::eval::pytypes::class_of_value(self, obj));
        }
        if let Some(class) = surface::class_of(obj) {
            return class.get(self, obj, name);
        }
        if &**name == "__name__"
            && let Some(n) = crate::eval::dunder_name::dunder_name(obj)
        {
            return Ok(Value::str(&n));
        }
        if let Some(ns) = ns {
            return crate::eval::dates::ns_attr(ns.0, name);
        }
        if let Some(u) = obj.downcast::<crate::eval::pymod::unavailable::Unavailable>() {
            return Err(u.error());
        }
        Err(Error::attr(format!(
            "'{}' object has no attribute '{name}'",
            obj.type_name()
        )))
    }

    pub fn set_attr(&mut self, obj: &Value, name: &str, v: Value) -> Result<()> {
        self.refuse_when_declaring(|| format!("set the attribute '{name}'"))?;
        if let Some(inst) = obj.downcast::<Instance>() {
            if let Some(i) = inst.model.column(name) {
                let v = self.validate_column(&inst, name, v)?;
                let v = self.fire_set_events(&inst, i, v)?;
                return self.set_column_value(&inst, i, v);
            }
            if inst.model.is_retired() {
                // Its relationships (and names) are the new model's now.
                crate::orm::retire::check_object(&inst)?;
            }
            if let Some(rel) = self.rel_of(&inst.model.name, name)? {
                self.refuse_rel_validator(&inst, name)?;
                return self.write_rel(&inst, &rel, v);
            }
            let v = match inst.model.methods.get(name) {
                Some(_) => match self.set_property(&inst, name, v) {
                    Some(r) => return r,
                    None => Value::None,
                },
                None => v,
            };
            self.session.edit(&inst).set_extra_attr(name, v);
            return Ok(());
        }
        if let Some(model) = obj.downcast::<crate::schema::model::Model>() {
            return self.set_model_attr(&model, name, v);
        }
        if let Some(r) = self.set_pyclass_attr(obj, name, v.clone()) {
            return r;
        }
        if let Some(r) = surface::class_of(obj).and_then(|c| c.set(self, obj, name, v.clone())) {
            return r;
        }
        if matches!(name, "autoflush" | "expire_on_commit")
            && obj
                .downcast::<crate::eval::objects::Namespace>()
                .is_some_and(|n| n.is_session())
        {
            if name == "autoflush" {
                self.session.autoflush = v;
            } else {
                self.session.warnings.push(
                    "note: db.session.expire_on_commit = … changes nothing: db.session is a scoped_session, which keeps the attribute without passing it to the session (as in Flask-SQLAlchemy); write db = SQLAlchemy(app, session_options={'expire_on_commit': False})".into(),
                );
                self.session.proxy_expire_on_commit = Some(v);
            }
            return Ok(());
        }
        Err(Error::attr(format!(
            "'{}' object attribute '{name}' cannot be set",
            obj.type_name()
        )))
    }

    /// `User(username='admin', …)`, or the arguments of the model's own
    /// `__init__` (`eval::model_init`).
    pub fn construct(&mut self, model: &Rc<Model>, a: Args) -> Result<Value> {
        // As SQLAlchemy configures its mappers on first instantiation.
        if self.registry.models().iter().any(|m| !m.rels.is_empty()) {
            self.mapping()?;
        }
        self.construct_object(model, a)
    }
}

impl Interp {
    /// Columns and relationships of a model, for suggestions.
    pub fn field_names(&mut self, model: &Model) -> Vec<String> {
        let mut out: Vec<String> = model.field_names().iter().map(|s| s.to_string()).collect();
        match self.registry.mapping() {
            Some(m) => out.extend(m.of(&model.name).iter().map(|r| r.name.to_string())),
            // Not configured since a definition: the relationships as
            // declared, backrefs included.
            None => out.extend(
                self.registry
                    .declared_rels(&model.name)
                    .iter()
                    .map(|r| r.to_string()),
            ),
        }
        out
    }
}
