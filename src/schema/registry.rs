//! The models defined in this session, by name, in definition order; a
//! definition replacing a model retires the old one.

use std::rc::Rc;

use crate::schema::constraint::TableIndex;
use crate::schema::model::{Model, Retired};
use crate::schema::relationship::Mapping;
use crate::schema::table::Table;

#[derive(Default)]
pub struct Registry {
    models: Vec<Rc<Model>>,
    /// Each model's place in `models`, by name: looking a name up is
    /// constant time, so reflecting a file of many tables stays linear.
    places: std::collections::HashMap<Rc<str>, usize>,
    tables: Vec<Rc<Table>>,
    next_id: u32,
    /// The resolved relationships; dropped whenever a definition changes.
    mapping: Option<Rc<Mapping>>,
    /// Names of models removed, and why (for a later NameError).
    gone: Vec<(Rc<str>, Retired)>,
    /// Table names in the order they were first defined (SQLAlchemy's
    /// `MetaData.tables` order, which `create_all` sorts from).
    metadata_order: Vec<Rc<str>>,
    /// The names in `metadata_order`, to test in constant time.
    noted: std::collections::HashSet<Rc<str>>,
    /// `db.Index(...)` made outside a model, on the tables they name.
    indexes: Vec<TableIndex>,
    /// The naming convention of `db`'s `MetaData` (`SQLAlchemy(metadata=
    /// MetaData(naming_convention=...))`), which tables defined take.
    pub naming: Option<Rc<crate::schema::naming_convention::NamingConvention>>,
    /// `db.metadata.naming_convention` when it is a dict of the
    /// metadata's own (given or set), read again as each table is
    /// defined (`eval::metadata_naming`).
    pub naming_dict: Option<crate::value::Value>,
}

impl Registry {
    pub fn next_id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    /// The resolved relationships, if configured since the last definition.
    pub fn mapping(&self) -> Option<&Rc<Mapping>> {
        self.mapping.as_ref()
    }

    pub fn set_mapping(&mut self, m: Rc<Mapping>) {
        self.mapping = Some(m);
    }

    /// Add a plain table (`db.Table(...)`), replacing one of the same name.
    pub fn define_table(&mut self, table: Rc<Table>) {
        self.mapping = None;
        self.note_table(&table.name);
        match self.tables.iter().position(|t| t.name == table.name) {
            Some(i) => self.tables[i] = table,
            None => self.tables.push(table),
        }
    }

    fn note_table(&mut self, name: &Rc<str>) {
        if self.noted.insert(name.clone()) {
            self.metadata_order.push(name.clone());
        }
    }

    /// Where a table name was first defined (SQLAlchemy's metadata
    /// order); names never defined come last.
    pub fn metadata_position(&self, name: &str) -> usize {
        self.metadata_order
            .iter()
            .position(|n| &**n == name)
            .unwrap_or(usize::MAX)
    }

    /// Add an index made outside its table (`db.Index('ix', User.name)`),
    /// replacing one of the same name.
    pub fn define_index(&mut self, index: TableIndex) {
        self.indexes.retain(|i| i.name != index.name);
        self.indexes.push(index);
    }

    /// The indexes made outside the table `table`, in definition order.
    pub fn indexes_of<'a>(&'a self, table: &'a str) -> impl Iterator<Item = &'a TableIndex> {
        self.indexes.iter().filter(move |i| &*i.table == table)
    }

    /// Forget the indexes made outside `table` (its model was defined
    /// again: a new table, as in SQLAlchemy, without them).
    pub fn drop_indexes_of(&mut self, table: &str) {
        self.indexes.retain(|i| &*i.table != table);
    }

    pub fn table(&self, name: &str) -> Option<&Rc<Table>> {
        self.tables.iter().find(|t| &*t.name == name)
    }

    pub fn tables(&self) -> &[Rc<Table>] {
        &self.tables
    }

    /// Add a model, replacing one of the same name (keeping its place).
    /// Returns the model it replaced, now retired (`Model::is_retired`).
    pub fn define(&mut self, model: Rc<Model>) -> Option<Rc<Model>> {
        self.mapping = None;
        self.note_table(&model.table);
        match self.places.get(&model.name).copied() {
            Some(i) => {
                let old = std::mem::replace(&mut self.models[i], model);
                old.retire(Retired::Redefined);
                Some(old)
            }
            None => {
                self.places.insert(model.name.clone(), self.models.len());
                self.models.push(model);
                None
            }
        }
    }

    /// Put `model` in place of the model of its name without retiring
    /// that one: the same class, a forward foreign key's type now known
    /// (`Interp::resolve_forward_fk_types`).
    pub fn refresh(&mut self, model: Rc<Model>) {
        if let Some(&i) = self.places.get(&model.name) {
            self.mapping = None;
            self.models[i] = model;
        }
    }

    /// Forget a model (reflected models when another file is opened, or
    /// when a model defined over the same table replaces one), retiring
    /// it for `why`. Returns it.
    pub fn remove(&mut self, name: &str, why: Retired) -> Option<Rc<Model>> {
        self.mapping = None;
        let i = self.places.remove(name)?;
        let old = self.models.remove(i);
        for p in self.places.values_mut().filter(|p| **p > i) {
            *p -= 1;
        }
        old.retire(why.clone());
        self.gone.retain(|(n, _)| *n != old.name);
        self.gone.push((old.name.clone(), why));
        Some(old)
    }

    /// Why a model of this name was removed, if one was (and not defined
    /// again since).
    pub fn gone(&self, name: &str) -> Option<&Retired> {
        if self.get(name).is_some() {
            return None;
        }
        self.gone.iter().find(|(n, _)| &**n == name).map(|(_, w)| w)
    }

    pub fn remove_table(&mut self, name: &str) {
        self.mapping = None;
        self.tables.retain(|t| &*t.name != name);
    }

    pub fn get(&self, name: &str) -> Option<&Rc<Model>> {
        self.places.get(name).map(|&i| &self.models[i])
    }

    pub fn by_table(&self, table: &str) -> Option<&Rc<Model>> {
        self.models.iter().find(|m| &*m.table == table)
    }

    pub fn models(&self) -> &[Rc<Model>] {
        &self.models
    }

    /// The relationship names model `name` has as declared, before (or
    /// without) configuring the mapping: its own, and the backrefs other
    /// models' relationships give it (`backref='user'`).
    pub fn declared_rels(&self, name: &str) -> Vec<Rc<str>> {
        let mut out: Vec<Rc<str>> = self
            .get(name)
            .map(|m| m.rels.iter().map(|(n, _)| n.clone()).collect())
            .unwrap_or_default();
        for m in &self.models {
            for (_, spec) in &m.rels {
                if let Some(b) = spec.backref.as_ref().filter(|_| &*spec.target == name)
                    && !out.contains(&b.name)
                {
                    out.push(b.name.clone());
                }
            }
        }
        out
    }
}
