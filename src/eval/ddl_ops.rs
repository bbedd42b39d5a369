//! `db.create_all()` and `db.drop_all()`: the tables of every model and
//! association table, in SQLAlchemy's order (`schema::sort_tables`), each
//! created only if missing
//! (as Flask-SQLAlchemy does), with their indexes; `.schema`'s DDL text.

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::schema::ddl;
use crate::schema::model::Model;
use crate::schema::table::Table;
use crate::schema::types::ColumnType;
use crate::sql::ddl::{create_table, drop_table};
use crate::sql::dialect::Dialect;

/// The CREATE TABLE text of a model, as SQLAlchemy writes it.
pub fn compile_ddl_table(m: &Model, dialect: &'static Dialect) -> String {
    create_table(&ddl::create_table(m, dialect), dialect)
}

/// The CREATE TABLE text of an association table.
pub fn compile_plain_table(t: &Table, dialect: &'static Dialect) -> String {
    create_table(&ddl::create_plain_table(t, dialect), dialect)
}

/// A foreign key's `ondelete`/`onupdate` that is not a plain phrase, as
/// SQLAlchemy's DDL compiler refuses it (`CompileError`).
pub fn bad_fk_phrase(fk: &crate::schema::column::ForeignKey) -> Result<()> {
    for phrase in [&fk.ondelete, &fk.onupdate].into_iter().flatten() {
        if !crate::sql::ddl::is_sql_phrase(phrase) {
            return Err(crate::error::Error::new(
                crate::error::ErrorKind::CompileError,
                format!(
                    "Unexpected SQL phrase: {} (matching against '^\\\\w+(?:\\\\s+\\\\w+)*$')",
                    crate::value::repr::str_repr(phrase)
                ),
            )
            .with_help("ondelete= and onupdate= take an action such as 'CASCADE' or 'SET NULL'"));
        }
    }
    Ok(())
}

impl Interp {
    /// Every foreign key must name a table (and column) that exists or is
    /// defined, as SQLAlchemy checks before creating anything.
    fn check_foreign_keys(&mut self, existing: &[String]) -> Result<()> {
        use crate::error::{Error, ErrorKind};
        let mut tables: Vec<(std::rc::Rc<str>, Vec<std::rc::Rc<str>>)> = Vec::new();
        let mut owners: Vec<(std::rc::Rc<str>, Vec<crate::schema::column::Column>)> = Vec::new();
        for m in self.registry.models() {
            tables.push((
                m.table.clone(),
                m.columns.iter().map(|c| c.name.clone()).collect(),
            ));
            owners.push((m.table.clone(), m.columns.clone()));
        }
        for t in self.registry.tables() {
            tables.push((
                t.name.clone(),
                t.columns.iter().map(|c| c.name.clone()).collect(),
            ));
            owners.push((t.name.clone(), t.columns.clone()));
        }
        for (owner, cols) in &owners {
            for c in cols {
                let Some(fk) = &c.foreign_key else { continue };
                bad_fk_phrase(fk)?;
                let known = tables.iter().find(|(t, _)| *t == fk.table);
                if known.is_none() && existing.iter().any(|t| **t == *fk.table) {
                    continue;
                }
                let Some((_, tcols)) = known else {
                    let names: Vec<String> = tables.iter().map(|(t, _)| t.to_string()).collect();
                    return Err(Error::new(
                        ErrorKind::NoReferencedTableError,
                        format!(
                            "the foreign key of column '{owner}.{}' refers to table '{}', which no model or table defines{}",
                            c.name,
                            fk.table,
                            crate::eval::suggest::did_you_mean(&fk.table, names.iter().map(|s| s.as_str()))
                        ),
                    )
                    .with_help("db.ForeignKey('table.column') names a table (e.g. 'category.id' for model Category), not a model"));
                };
                if !tcols.contains(&fk.column) {
                    return Err(Error::new(
                        ErrorKind::NoReferencedColumnError,
                        format!("the foreign key of column '{owner}.{}' refers to '{}.{}', but table '{}' has no column '{}'", c.name, fk.table, fk.column, fk.table, fk.column),
                    )
                    .with_help(format!("its columns are: {}", tcols.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", "))));
                }
            }
        }
        Ok(())
    }

    /// A column of no type (`NullType`) in a table to create: SQLAlchemy's
    /// DDL compiler refuses it before the statement runs (`CompileError`).
    fn check_column_types(&self, plan: &[(std::rc::Rc<str>, Vec<String>)]) -> Result<()> {
        let models = self
            .registry
            .models()
            .iter()
            .map(|m| (m.table.clone(), &m.columns));
        let tables = self
            .registry
            .tables()
            .iter()
            .map(|t| (t.name.clone(), &t.columns));
        for (table, cols) in models.chain(tables) {
            if !plan.iter().any(|(t, _)| *t == table) {
                continue;
            }
            if let Some(c) =
                (cols.iter()).find(|c| c.ty == ColumnType::Null && c.expression.is_none())
            {
                return Err(Error::new(
                    ErrorKind::CompileError,
                    format!(
                        "(in table '{table}', column '{}'): Can't generate DDL for NullType(); did you forget to specify a type on this Column?",
                        c.name
                    ),
                )
                .with_help("give the column a type, e.g. db.Column(db.Integer) or db.Column(db.String(80))"));
            }
        }
        Ok(())
    }

    pub fn create_all(&mut self) -> Result<()> {
        // A view counts as existing (SQLAlchemy's `has_table` sees views):
        // a model reflected from one is never created as a table.
        let mut existing = self.session.engine.table_names()?;
        existing.extend(self.session.engine.view_names()?);
        self.check_foreign_keys(&existing)?;
        let removed = |t: &str| self.metadata_ddl.is_removed(t);
        let plan = self.create_plan(&|t| !existing.iter().any(|e| e == t) && !removed(t));
        self.check_column_types(&plan)?;
        self.check_index_names(&plan)?;
        let tables: Vec<std::rc::Rc<str>> = plan.iter().map(|(t, _)| t.clone()).collect();
        self.check_enum_types(&tables)?;
        let own_tx = !self.session.engine.in_transaction();
        self.session.engine.begin()?;
        self.echo_table_checks(&existing);
        let r = (|| {
            self.create_enum_types(&tables)?;
            for (table, stmts) in &plan {
                self.create_sequences(table)?;
                for sql in stmts {
                    self.session.engine.execute_ddl(sql)?;
                }
            }
            self.run_metadata_ddl(true)?;
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
        let removed = self.metadata_ddl.removed.clone();
        let plan = self
            .drop_plan(&|t| existing.iter().any(|e| e == t) && !removed.iter().any(|r| &**r == t));
        self.session.rollback()?;
        self.session.engine.begin()?;
        self.echo_table_checks(&existing);
        self.run_metadata_ddl(false)?;
        for (table, _) in &plan {
            let sql = drop_table(table, self.session.engine.dialect());
            self.session.engine.execute_ddl(&sql)?;
            self.drop_sequences(table)?;
        }
        let tables: Vec<std::rc::Rc<str>> = plan.iter().map(|(t, _)| t.clone()).collect();
        self.drop_enum_types(&tables)?;
        self.session.engine.commit()?;
        self.session.expunge_all();
        Ok(())
    }

    /// The log of SQLAlchemy's `has_table` check of every table, in the
    /// metadata's order (`Engine::echo_has_table`).
    fn echo_table_checks(&self, existing: &[String]) {
        let names = self.metadata_table_names();
        let all: Vec<&str> = names.iter().map(|t| &**t).collect();
        self.session.engine.echo_has_tables(&all);
        for table in names {
            let exists = existing.iter().any(|e| **e == *table);
            self.session.engine.echo_has_table(&table, exists);
        }
    }
}
