//! Attribute access and assignment: the class tables first
//! (`eval::surface`), then instance columns (with lazy reload), model
//! columns and `Model.query`, namespaces, collections and relationships.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::{BoundMethod, Namespace};
use crate::eval::suggest::did_you_mean;
use crate::eval::surface;
use crate::orm::expr::SqlVal;
use crate::orm::instance::Instance;
use crate::orm::query::{Entity, Query};
use crate::schema::model::Model;
use crate::value::PyStr;
use crate::value::Value;

impl Interp {
    /// `obj.name`. The name is shared with the syntax tree, so a bound
    /// method costs no copy of it.
    pub fn get_attr(&mut self, obj: &Value, name_rc: &Rc<str>) -> Result<Value> {
        let name: &str = name_rc;
        let method = |recv: &Value| {
            Value::obj(BoundMethod {
                recv: recv.clone(),
                name: name_rc.clone(),
            })
        };
        let ns = obj.downcast::<Namespace>();
        if let Some(ns) = &ns {
            self.check_namespace_attr(ns.0, name)?;
        }
        if let Some(class) = surface::class_of(obj) {
            return class.get(self, obj, name_rc);
        }
        if let Some(inst) = obj.downcast::<Instance>() {
            return self.instance_attr(&inst, name);
        }
        if let Some(model) = obj.downcast::<Model>() {
            return self.model_attr(&model, name);
        }
        if let Some(ns) = ns {
            return crate::eval::dates::ns_attr(ns.0, name);
        }
        if let Some(s) = obj.downcast::<crate::eval::inspect::InstanceState>() {
            return crate::eval::inspect::state_attr(&s, name);
        }
        if obj.is::<crate::orm::relation::Collection>() {
            if crate::eval::rel_ops::COLLECTION_METHODS.contains(&name) {
                return Ok(method(obj));
            }
            return Err(no_attr(obj, name, crate::eval::rel_ops::COLLECTION_METHODS));
        }
        if let Some(r) = obj.downcast::<crate::eval::rel_ops::RelAttr>() {
            return match name {
                "has" | "any" | "contains" | "of_type" | "is_" | "isnot" | "is_not" => {
                    Ok(method(obj))
                }
                "property" | "key" => Ok(Value::Str(PyStr::from(&r.0.name))),
                _ => Err(no_attr(obj, name, &["has", "any", "contains"])),
            };
        }
        Err(Error::attr(format!(
            "'{}' object has no attribute '{name}'",
            obj.type_name()
        )))
    }

    fn instance_attr(&mut self, inst: &Rc<Instance>, name: &str) -> Result<Value> {
        // An object of a replaced model reads the values it holds, in its
        // own layout; nothing more (`orm::retire`).
        let retired = inst.model.is_retired();
        if let Some(i) = inst.model.column(name) {
            if retired && inst.st.borrow().expired {
                crate::orm::retire::check_object(inst)?;
            }
            return self.column_value(inst, i);
        }
        if retired {
            if let Some((_, v)) = inst.st.borrow().extra.iter().find(|(n, _)| &**n == name) {
                return Ok(v.clone());
            }
            if name == "__tablename__" {
                return Ok(Value::Str(PyStr::from(&inst.model.table)));
            }
            if let Some(e) = crate::orm::retire::retired_object(inst) {
                return Err(Error {
                    kind: crate::error::ErrorKind::AttributeError,
                    message: format!("cannot read '{name}': {}", e.message),
                    ..e
                });
            }
        }
        if let Some(rel) = self.rel_of(&inst.model.name, name)? {
            return self.read_rel(inst, &rel);
        }
        if let Some((_, v)) = inst.st.borrow().extra.iter().find(|(n, _)| &**n == name) {
            return Ok(v.clone());
        }
        if name == "query" {
            return self.model_attr(&inst.model.clone(), name);
        }
        if name == "__tablename__" {
            return Ok(Value::Str(PyStr::from(&inst.model.table)));
        }
        if name == "__repr__" {
            return Ok(Value::obj(BoundMethod {
                recv: Value::Obj(inst.clone()),
                name: Rc::from(name),
            }));
        }
        let fields = self.field_names(&inst.model);
        Err(Error::attr(format!(
            "'{}' object has no attribute '{name}'{}",
            inst.model.name,
            did_you_mean(name, fields.iter().map(|s| s.as_str()))
        ))
        .with_help(format!(
            "{}'s attributes are: {}",
            inst.model.name,
            fields.join(", ")
        )))
    }

    pub fn model_attr(&mut self, model: &Rc<Model>, name: &str) -> Result<Value> {
        match name {
            "__tablename__" => return Ok(Value::Str(PyStr::from(&model.table))),
            "__name__" => return Ok(Value::Str(PyStr::from(&model.name))),
            _ => crate::orm::retire::check_model(model)?,
        }
        if let Some(i) = model.column(name) {
            return SqlVal::column(model, i).into_value();
        }
        if let Some(rel) = self.rel_of(&model.name, name)? {
            return Ok(Value::obj(crate::eval::rel_ops::RelAttr(rel)));
        }
        match name {
            "query" => {
                self.refuse_when_declaring(|| format!("use {}.query", model.name))?;
                Ok(Value::obj(Query::new(
                    vec![Entity::Model(model.clone())],
                    true,
                )))
            }
            "__tablename__" => Ok(Value::Str(PyStr::from(&model.table))),
            "__name__" => Ok(Value::Str(PyStr::from(&model.name))),
            _ => {
                let mut cands = self.field_names(model);
                cands.push("query".into());
                Err(Error::attr(format!(
                    "type object '{}' has no attribute '{name}'{}",
                    model.name,
                    did_you_mean(name, cands.iter().map(|s| s.as_str()))
                ))
                .with_help(format!(
                    "{}'s columns are: {}",
                    model.name,
                    model.field_names().join(", ")
                )))
            }
        }
    }

    pub fn set_attr(&mut self, obj: &Value, name: &str, v: Value) -> Result<()> {
        self.refuse_when_declaring(|| format!("set the attribute '{name}'"))?;
        if let Some(inst) = obj.downcast::<Instance>() {
            if let Some(i) = inst.model.column(name) {
                return self.set_column_value(&inst, i, v);
            }
            if inst.model.is_retired() {
                // Its relationships (and names) are the new model's now.
                crate::orm::retire::check_object(&inst)?;
            }
            if let Some(rel) = self.rel_of(&inst.model.name, name)? {
                return self.write_rel(&inst, &rel, v);
            }
            let mut st = self.session.edit(&inst);
            match st.extra.iter_mut().find(|(n, _)| &**n == name) {
                Some(slot) => slot.1 = v,
                None => st.extra.push((Rc::from(name), v)),
            }
            return Ok(());
        }
        Err(Error::attr(format!(
            "'{}' object attribute '{name}' cannot be set",
            obj.type_name()
        )))
    }

    /// `User(username='admin', …)`
    pub fn construct(&mut self, model: &Rc<Model>, a: Args) -> Result<Value> {
        if let Some(span) = a.pos_spans.first() {
            return Err(Error::type_(format!(
                "{}() takes keyword arguments only, like {}({}=…)",
                model.name,
                model.name,
                model
                    .columns
                    .iter()
                    .find(|c| !c.primary_key)
                    .map_or("id", |c| &*c.attr)
            ))
            .at(*span));
        }
        // As SQLAlchemy configures its mappers on first instantiation.
        if self.registry.models().iter().any(|m| !m.rels.is_empty()) {
            self.mapping()?;
        }
        let inst = self.session.new_instance(model.clone());
        for (k, v, span) in a.kw {
            if model.column(&k).is_none()
                && let Some(rel) = self.rel_of(&model.name, &k).map_err(|e| e.at(span))?
            {
                self.write_rel(&inst, &rel, v).map_err(|e| e.at(span))?;
                continue;
            }
            match model.column(&k) {
                Some(i) => {
                    let v = crate::orm::convert::check_assign(&model.name, &model.columns[i], v)
                        .map_err(|e| e.at(span))?;
                    let mut st = inst.st.borrow_mut();
                    st.values[i] = v;
                    st.set.mark(i);
                }
                None => {
                    let fields = self.field_names(model);
                    return Err(Error::type_(format!(
                        "'{k}' is an invalid keyword argument for {}{}",
                        model.name,
                        did_you_mean(&k, fields.iter().map(|s| s.as_str()))
                    ))
                    .with_help(format!("{} has: {}", model.name, fields.join(", ")))
                    .at(span));
                }
            }
        }
        Ok(Value::Obj(inst))
    }
}

impl Interp {
    /// Columns and relationships of a model, for suggestions.
    pub fn field_names(&mut self, model: &Model) -> Vec<String> {
        let mut out: Vec<String> = model.field_names().iter().map(|s| s.to_string()).collect();
        if let Some(m) = self.registry.mapping() {
            out.extend(m.of(&model.name).iter().map(|r| r.name.to_string()));
        }
        out
    }
}

fn no_attr(obj: &Value, name: &str, known: &[&str]) -> Error {
    Error::attr(format!(
        "'{}' object has no attribute '{name}'{}",
        obj.type_name(),
        did_you_mean(name, known.iter().copied())
    ))
}
