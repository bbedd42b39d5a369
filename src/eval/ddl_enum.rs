//! PostgreSQL's native `ENUM` types around `db.create_all()` and
//! `db.drop_all()`: each named `db.Enum(…, name='mood')` (or
//! `db.Enum(Status)`, named after its class) of a table being created gets
//! `CREATE TYPE mood AS ENUM (…)` first, unless the schema has it
//! (SQLAlchemy's `ENUM._on_metadata_create` with `checkfirst`), and is
//! dropped after its tables (`_on_metadata_drop`); an unnamed native one is
//! SQLAlchemy's `CompileError`. SQLite has no such types: nothing here
//! runs there.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::schema::column::Column;
use crate::schema::types::ColumnType;
use crate::sql::ddl::{create_enum_type, drop_type};
use crate::sql::dialect::POSTGRESQL;

impl Interp {
    fn on_postgresql(&self) -> bool {
        std::ptr::eq(self.session.engine.dialect(), &POSTGRESQL)
    }

    /// The columns of the tables named in `tables`, with their table's name.
    fn columns_of<'a>(&'a self, tables: &'a [Rc<str>]) -> Vec<(Rc<str>, &'a Column)> {
        let models = self
            .registry
            .models()
            .iter()
            .map(|m| (m.table.clone(), &m.columns));
        let plain = self
            .registry
            .tables()
            .iter()
            .map(|t| (t.name.clone(), &t.columns));
        let mut out = Vec::new();
        for t in tables {
            for (name, cols) in models.clone().chain(plain.clone()) {
                if name == *t {
                    out.extend(cols.iter().map(|c| (name.clone(), c)));
                }
            }
        }
        out
    }

    /// The native enum types the tables need, each once, in table order;
    /// an unnamed one is SQLAlchemy's `CompileError`.
    fn enum_types(&self, tables: &[Rc<str>]) -> Result<Vec<(String, Vec<String>)>> {
        let mut types: Vec<(String, Vec<String>)> = Vec::new();
        for (table, c) in self.columns_of(tables) {
            let ColumnType::Enum(ev) = &c.ty else {
                continue;
            };
            if !ev.native(&c.type_opts) {
                continue;
            }
            let Some(t) = ev.native_type(&c.type_opts) else {
                return Err(Error::new(
                    ErrorKind::CompileError,
                    format!(
                        "(in table '{table}', column '{}'): PostgreSQL Enum type requires a name.",
                        c.name
                    ),
                )
                .with_help("name the type: db.Enum('a', 'b', name='kind'), or store it as VARCHAR: native_enum=False"));
            };
            if !types.iter().any(|(n, _)| *n == t.0) {
                types.push(t);
            }
        }
        Ok(types)
    }

    /// The enum types the current schema has (SQLAlchemy's `has_type`).
    fn existing_enum_types(&self) -> Result<Vec<String>> {
        self.session.engine.names(
            "SELECT t.typname::text FROM pg_type t WHERE t.typtype = 'e' \
             AND t.typnamespace = current_schema()::regnamespace",
            &[],
        )
    }

    /// Check the enum types of the tables `create_all` will make (before
    /// anything runs).
    pub(crate) fn check_enum_types(&self, tables: &[Rc<str>]) -> Result<()> {
        if self.on_postgresql() {
            self.enum_types(tables)?;
        }
        Ok(())
    }

    /// `CREATE TYPE … AS ENUM` for each type the tables need that the
    /// schema lacks, before the tables.
    pub(crate) fn create_enum_types(&self, tables: &[Rc<str>]) -> Result<()> {
        if !self.on_postgresql() {
            return Ok(());
        }
        let existing = self.existing_enum_types()?;
        for (name, values) in self.enum_types(tables)? {
            if !existing.contains(&name) {
                let sql = create_enum_type(&name, &values, &POSTGRESQL);
                self.session.engine.execute_ddl(&sql)?;
            }
        }
        Ok(())
    }

    /// `DROP TYPE` for each enum type of the dropped tables the schema
    /// has, after them.
    pub(crate) fn drop_enum_types(&self, tables: &[Rc<str>]) -> Result<()> {
        if !self.on_postgresql() {
            return Ok(());
        }
        let existing = self.existing_enum_types()?;
        for (name, _) in self.enum_types(tables).unwrap_or_default() {
            if existing.contains(&name) {
                self.session
                    .engine
                    .execute_ddl(&drop_type(&name, &POSTGRESQL))?;
            }
        }
        Ok(())
    }
}
