//! What `create_all()` runs and `drop_all()` drops, in SQLAlchemy's order
//! (`schema::sort_tables`): each table with its indexes, the tables in
//! the metadata's order (first definition) sorted among those taken —
//! `create_all` sorts only the tables it will create, `drop_all` those
//! that exist. `.schema` and `.export sql` show the plan of them all.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::ddl_ops::{compile_ddl_table, compile_plain_table};
use crate::schema::column::Column;
use crate::schema::constraint::{TableArgs, TableConstraint};
use crate::schema::ddl;
use crate::schema::sort_tables::{ToSort, create_order, drop_order};
use crate::sql::ddl::create_index;
use crate::sql::ddl_constraint::index_sql;

/// A table's name and the statements that create it.
pub type Planned = (Rc<str>, Vec<String>);

/// The tables a table's foreign keys (column and table-level) refer to.
fn refers_to(cols: &[Column], args: &TableArgs) -> Vec<Rc<str>> {
    let mut r: Vec<Rc<str>> = cols
        .iter()
        .filter_map(|c| c.foreign_key.as_ref().map(|fk| fk.table.clone()))
        .collect();
    r.extend(args.constraints.iter().filter_map(|c| match c {
        TableConstraint::ForeignKey { ref_table, .. } => Some(ref_table.clone()),
        _ => None,
    }));
    r
}

/// `plan` in `order`.
fn in_order(plan: Vec<Planned>, order: Vec<usize>) -> Vec<Planned> {
    let mut slots: Vec<Option<Planned>> = plan.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

impl Interp {
    /// Every statement `create_all` would run for what is defined, with
    /// the table each creates, in the order SQLAlchemy creates them.
    pub fn ddl_plan(&self) -> Vec<Planned> {
        self.create_plan(&|t| !self.metadata_ddl.is_removed(t))
    }

    /// Every table's name in the metadata's order, as `create_all` and
    /// `drop_all` ask whether each exists.
    pub fn metadata_table_names(&self) -> Vec<Rc<str>> {
        let (_, plan) = self.tables_in_metadata_order(&|_| true);
        plan.into_iter().map(|(name, _)| name).collect()
    }

    /// The tables `wanted` takes, created in SQLAlchemy's order.
    pub fn create_plan(&self, wanted: &dyn Fn(&str) -> bool) -> Vec<Planned> {
        let (tables, plan) = self.tables_in_metadata_order(wanted);
        in_order(plan, create_order(&tables))
    }

    /// The tables `wanted` takes, in the order SQLAlchemy drops them; on a
    /// foreign-key cycle, SQLAlchemy's warning and the metadata order.
    pub fn drop_plan(&mut self, wanted: &dyn Fn(&str) -> bool) -> Vec<Planned> {
        let (tables, plan) = self.tables_in_metadata_order(wanted);
        let order = drop_order(&tables).unwrap_or_else(|cycle| {
            self.session.warnings.push(format!(
                "warning: Can't sort tables for DROP; an unresolvable foreign key dependency exists between tables: {}; and backend does not support ALTER (SQLAlchemy's SAWarning: they are dropped in the order they were defined)",
                cycle.join(", ")
            ));
            (0..tables.len()).collect()
        });
        in_order(plan, order)
    }

    /// An index of a table `create_all` would create that has no name (a
    /// naming convention without an `"ix"` template names neither
    /// `index=True` nor `Index(None, ...)`): SQLAlchemy's DDL compiler
    /// fails there with an `AssertionError` (`format_constraint`).
    pub fn check_index_names(&self, plan: &[Planned]) -> Result<()> {
        for (table, _) in plan {
            let (cols, args) = match self.registry.by_table(table) {
                Some(m) => (m.table_columns(), m.args.clone()),
                None => match self.registry.table(table) {
                    Some(t) => (t.columns.clone(), t.args.clone()),
                    None => continue,
                },
            };
            let mut unnamed = (ddl::indexes(table, &cols, &args).into_iter())
                .filter(|i| i.name.is_empty())
                .map(|i| i.columns.join(", "));
            let mut own = (args.indexes.iter().chain(self.registry.indexes_of(table)))
                .filter(|i| i.name.is_empty())
                .map(|i| i.columns.join(", "));
            if let Some(on) = unnamed.next().or_else(|| own.next()) {
                return Err(Error::new(
                    ErrorKind::AssertionError,
                    format!("the index of table '{table}' on ({on}) has no name: the naming_convention has no 'ix' template to name it, and CREATE INDEX needs a name"),
                )
                .with_help("add one to the convention, {'ix': 'ix_%(column_0_label)s', ...}, or name the index: db.Index('ix_name', 'col')"));
            }
        }
        Ok(())
    }

    /// Each table with an index no naming convention names, and why
    /// SQLAlchemy cannot compile its CREATE INDEX (`check_index_names`).
    pub fn unnamed_index_tables(&self) -> Vec<(Rc<str>, String)> {
        (self.ddl_plan().into_iter())
            .filter_map(|(table, _)| {
                let e = self
                    .check_index_names(&[(table.clone(), Vec::new())])
                    .err()?;
                Some((table, e.message))
            })
            .collect()
    }

    /// The tables of the models and `db.Table`s that `wanted` takes, in the
    /// order they were first defined, for sorting, with their statements.
    fn tables_in_metadata_order(
        &self,
        wanted: &dyn Fn(&str) -> bool,
    ) -> (Vec<ToSort>, Vec<Planned>) {
        let mut items: Vec<(ToSort, Planned)> = Vec::new();
        let d = self.session.engine.dialect();
        let models = self.registry.models();
        // An automap class beside a model of its table adds no table.
        let beside = |m: &crate::schema::model::Model| {
            m.automap && (models.iter()).any(|o| !o.automap && o.table == m.table)
        };
        for m in models.iter().filter(|m| wanted(&m.table) && !beside(m)) {
            let mut stmts = vec![compile_ddl_table(m, d)];
            stmts.extend(ddl::create_indexes(m).iter().map(|i| create_index(i, d)));
            stmts.extend(ddl::args_indexes(&m.args, d));
            stmts.extend(self.registry.indexes_of(&m.table).map(|i| index_sql(i, d)));
            let name = m.table.clone();
            let sort = ToSort {
                name: name.clone(),
                refers_to: refers_to(&m.columns, &m.args),
            };
            items.push((sort, (name, stmts)));
        }
        for t in self.registry.tables().iter().filter(|t| wanted(&t.name)) {
            let mut stmts = vec![compile_plain_table(t, d)];
            let indexes = ddl::indexes(&t.name, &t.columns, &t.args);
            stmts.extend(indexes.iter().map(|i| create_index(i, d)));
            stmts.extend(ddl::args_indexes(&t.args, d));
            stmts.extend(self.registry.indexes_of(&t.name).map(|i| index_sql(i, d)));
            let sort = ToSort {
                name: t.name.clone(),
                refers_to: refers_to(&t.columns, &t.args),
            };
            items.push((sort, (t.name.clone(), stmts)));
        }
        items.sort_by_key(|(t, _)| self.registry.metadata_position(&t.name));
        items.into_iter().unzip()
    }
}
