//! The steps of `Interp::define_model` (`eval::model_def`) against what
//! is already there: ormsh's own table refused, whether the table's keys
//! may repeat (a view), a note for each method the class body leaves out,
//! and the model put in the registry in place of the classes it replaces.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::schema::model::Model;
use crate::syntax::ast::ModelDef;
use crate::syntax::span::Span;

impl Interp {
    /// May rows of `table` share a primary key (`Model::key_repeats`)? As
    /// reflection found it (a view, a key admitting NULLs), else when the
    /// database has a view of that name.
    pub(super) fn key_repeats(&self, table: &str) -> bool {
        if self.store.reflecting {
            return self.store.repeating_keys.iter().any(|t| t == table);
        }
        (self.session.engine.view_names()).is_ok_and(|v| v.iter().any(|t| t == table))
    }

    /// A note for each method of a `class` body ormsh leaves out.
    pub(super) fn note_skipped(&mut self, def: &ModelDef) {
        for (name, why) in &def.skipped {
            self.session.warnings.push(format!(
                "note: {}.{}() is left out of the class: {why}",
                def.name.name, name.name
            ));
        }
    }

    /// Put `model` in the registry in place of the classes it replaces:
    /// a model of the same name, and (`persist::replace`) a reflected model
    /// over the same table. Refused while any of them has changes not yet
    /// committed; otherwise their objects leave the session
    /// (`orm::retire`).
    pub(super) fn replace_classes(&mut self, model: &Rc<Model>, name_span: Span) -> Result<()> {
        self.refuse_reflected_clash(model)
            .map_err(|e| e.at(name_span))?;
        let swap = self.reflected_swap(model);
        let mut ids = swap.model_ids();
        let mut names: Vec<Rc<str>> = swap
            .replaced
            .iter()
            .chain(&swap.dependents)
            .map(|m| m.name.clone())
            .collect();
        if let Some(old) = self.registry.get(&model.name) {
            ids.push(old.id);
            names.insert(0, old.name.clone());
        }
        if let Some(what) = self.session.uncommitted(&ids) {
            let whose = names.join(", ");
            let replaced = if names.len() == 1 && names[0] == model.name {
                format!("{} cannot be redefined", model.name)
            } else {
                format!("{} cannot replace {whose}", model.name)
            };
            return Err(Error::new(
                crate::error::ErrorKind::InvalidRequestError,
                format!("{replaced}: the session holds changes to {whose} not yet committed ({what})"),
            )
            .with_help(format!(
                "db.session.commit() saves them, db.session.rollback() discards them; then define {} again",
                model.name
            ))
            .at(name_span));
        }
        self.session.retire_models(&ids);
        // The class statement binds its name, as Python's does: a variable
        // set before (`Interval = db.Interval` in an exported file) no
        // longer hides the model.
        if !self.store.loading {
            self.globals.shift_remove(&*model.name);
        }
        self.registry.define(model.clone());
        self.resolve_forward_fk_types(&model.table, &model.columns);
        self.model_defined(model);
        self.apply_swap(swap, model);
        Ok(())
    }
}

/// ormsh's own table of stored definitions may not be mapped: a model or
/// `db.Table` over it could rewrite or delete what the file opens with.
/// SQLite compares names without case, so neither does this.
pub fn refuse_tool_table(table: &str) -> Result<()> {
    if table.eq_ignore_ascii_case(crate::persist::MODELS_TABLE) {
        return Err(Error::value(format!(
            "the table name '{table}' is ormsh's own (it stores the models of this file)"
        ))
        .with_help("choose another __tablename__ (or db.Table name)"));
    }
    Ok(())
}
