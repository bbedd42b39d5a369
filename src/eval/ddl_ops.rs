//! `db.create_all()` and `db.drop_all()`: the tables of every model and
//! association table, in foreign-key order, each created only if missing
//! (as Flask-SQLAlchemy does), with their indexes; `.schema`'s DDL text.

use crate::error::Result;
use crate::eval::Interp;
use crate::schema::ddl;
use crate::schema::model::Model;
use crate::schema::table::Table;
use crate::sql::ddl::{create_index, create_table, drop_table};

/// The CREATE TABLE text of a model, as SQLAlchemy writes it.
pub fn compile_ddl_table(m: &Model) -> String {
    create_table(&ddl::create_table(m))
}

/// The CREATE TABLE text of an association table.
pub fn compile_plain_table(t: &Table) -> String {
    create_table(&ddl::create_plain_table(t))
}

impl Interp {
    /// Every statement `create_all` would run for what is defined, with the
    /// table each creates: models in foreign-key order, then association
    /// tables (which refer to them).
    pub fn ddl_plan(&self) -> Vec<(std::rc::Rc<str>, Vec<String>)> {
        let mut plan = Vec::new();
        for m in self.registry.dependency_order() {
            let mut stmts = vec![compile_ddl_table(&m)];
            stmts.extend(ddl::create_indexes(&m).iter().map(create_index));
            plan.push((m.table.clone(), stmts));
        }
        for t in self.registry.tables() {
            let mut stmts = vec![compile_plain_table(t)];
            stmts.extend(ddl::indexes(&t.name, &t.columns).iter().map(create_index));
            plan.push((t.name.clone(), stmts));
        }
        plan
    }

    pub fn create_all(&mut self) -> Result<()> {
        let existing = self.session.engine.table_names()?;
        let plan = self.ddl_plan();
        let own_tx = !self.session.engine.in_transaction();
        self.session.engine.begin()?;
        let r = (|| {
            for (table, stmts) in &plan {
                if existing.iter().any(|t| **t == **table) {
                    continue;
                }
                for sql in stmts {
                    self.session.engine.execute_ddl(sql)?;
                }
            }
            self.store_write_in_tx(own_tx)
        })();
        match r {
            Ok(()) if own_tx => self.session.engine.commit(),
            Ok(()) => Ok(()),
            Err(e) => {
                if own_tx {
                    let _ = self.session.engine.rollback();
                }
                Err(e)
            }
        }
    }

    pub fn drop_all(&mut self) -> Result<()> {
        let existing = self.session.engine.table_names()?;
        let mut plan = self.ddl_plan();
        plan.reverse();
        self.session.rollback()?;
        self.session.engine.begin()?;
        for (table, _) in &plan {
            if existing.iter().any(|t| **t == **table) {
                self.session.engine.execute_ddl(&drop_table(table))?;
            }
        }
        self.session.engine.commit()?;
        self.session.expunge_all();
        Ok(())
    }
}
